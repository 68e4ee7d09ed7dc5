/** A suppression's `expires` as read: the date as YYYY-MM-DD, or why it is not one. */
export type ExpiryReading = { readonly date: string } | { readonly problem: string };

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Reads a suppression's `expires`: a real calendar date written YYYY-MM-DD. `2027-13-45` and
 * `31/12/2027` are refused rather than rolled over or misread, since a misread date either keeps a
 * suppression alive or ends it early without the user knowing. A Date object (a YAML parser that turns
 * timestamps into dates) is taken as its UTC day.
 */
export function readExpiry(value: unknown): ExpiryReading {
  if (value instanceof Date) {
    return Number.isNaN(value.getTime())
      ? { problem: '(an invalid date) is not a date (YYYY-MM-DD)' }
      : { date: value.toISOString().slice(0, 10) };
  }
  const text = typeof value === 'string' ? value.trim() : undefined;
  if (text !== undefined && isCalendarDate(text)) return { date: text };
  // `2027-02-30` is written the right way but names no day: say so, not that the format is wrong.
  if (text !== undefined && ISO_DATE.test(text))
    return { problem: `${text} is not a real date (no such day)` };
  return { problem: `${shown(value)} is not a date (YYYY-MM-DD)` };
}

/** Whether `text` is YYYY-MM-DD naming a day that exists (no month 13, no 30 February). */
export function isCalendarDate(text: string): boolean {
  const match = ISO_DATE.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** The value as the user wrote it, short: text as is, anything else as JSON. */
function shown(value: unknown): string {
  if (value === null || value === undefined || value === '') return '(empty)';
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}
