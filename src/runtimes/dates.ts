const MS_PER_DAY = 86_400_000;

/** Milliseconds of the UTC midnight that starts the day of `date`. */
export function utcDayOf(date: Date): number {
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
}

/** Milliseconds of the UTC midnight of a `YYYY-MM-DD` date. */
export function utcDayOfIso(isoDate: string): number {
  return Date.parse(`${isoDate}T00:00:00Z`);
}

/** Whole days from the day of `from` to `isoDate` (negative when it is past). */
export function daysUntil(isoDate: string, from: Date): number {
  return Math.round((utcDayOfIso(isoDate) - utcDayOf(from)) / MS_PER_DAY);
}

/** Whether the UTC day of `date` is on or after `isoDate`. Lambda's dates are UTC days. */
export function isOnOrAfter(date: Date, isoDate: string | null): boolean {
  return isoDate !== null && utcDayOf(date) >= utcDayOfIso(isoDate);
}
