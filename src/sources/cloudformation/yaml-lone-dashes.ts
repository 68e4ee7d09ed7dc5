/**
 * A lone `-` in a flow collection (`!Join [ -, [a, b] ]`, `{Sep: -}`) is not YAML 1.2 and js-yaml refuses it, but
 * PyYAML, the reader of the SAM CLI, the AWS CLI (`cloudformation package`/`deploy`) and cfn-lint, reads it as the
 * text '-' when `,`, `]` or `}` follows (PyYAML's check_plain: a `-` starts a plain scalar unless a space follows).
 * Templates deployed through those tools carry it, so Parapet reads it as they do, with a warning.
 *
 * Done only where js-yaml has refused the text: the `-` it stopped at becomes a character the text does not hold
 * (one UTF-16 unit, so every offset stays) and the text is parsed again, until it parses; then the parsed strings
 * get their `-` back. Led by js-yaml's own refusals, a dash in a quoted or block text is never taken for one.
 */

export const LONE_DASH_WARNING =
  "a lone '-' in a flow collection is not YAML: read as the text '-', as PyYAML (SAM CLI, AWS CLI, cfn-lint) reads it; " +
  "quote it ('-') so every YAML reader takes it alike";

export const LONE_DASHES_AFTER_WARNING =
  "this lone '-' in a flow collection and those after it are not YAML: each is read as the text '-', as PyYAML " +
  "(SAM CLI, AWS CLI, cfn-lint) reads it, and not told one by one; quote them ('-') so every YAML reader takes them alike";

/** A lone dash read: where, and whether those after it were stood in at once (see standInFrom). */
export interface LoneDash {
  readonly offset: number;
  readonly andAfter: boolean;
}

/**
 * How many parses a text gets to find its lone dashes one by one: as many as 4 MB of text read again allows (a
 * template of 40 KB, a hundred), at least four; after that, the rest are stood in at once.
 */
export function passesFor(length: number): number {
  return Math.min(100, Math.max(4, Math.floor(4_000_000 / Math.max(length, 1))));
}

/** Whether js-yaml's refusal at `offset` is a lone dash PyYAML would read. */
export function isLoneDashAt(text: string, offset: number | undefined): offset is number {
  if (offset === undefined || text[offset] !== '-') return false;
  const next = text[offset + 1];
  return next === ',' || next === ']' || next === '}';
}

/** The text with the dash at `offset` replaced by `standIn` (same length: every other offset stays). */
export function standInAt(text: string, offset: number, standIn: string): string {
  return text.slice(0, offset) + standIn + text.slice(offset + 1);
}

/**
 * The text with the dash at `offset`, and every `-` after it that a `,`, `]` or `}` follows where a value may start,
 * replaced by `standIn`. Some may stand in a quoted or block text: restoreLoneDashes gives those back alike.
 */
export function standInFrom(text: string, offset: number, standIn: string): string {
  const rest = text.slice(offset + 1).replace(LONE_DASH_AFTER, standIn);
  return text.slice(0, offset) + standIn + rest;
}

/** A `-` where a value may start (after `[`, `{`, `,`, `:` or a space) with `,`, `]` or `}` after it. */
const LONE_DASH_AFTER = /(?<=[[{,:\s])-(?=[,\]}])/g;

/**
 * Gives back the dashes in every string of a parsed value (keys too); objects keep their identity, so positions stay.
 * An object aliases share is walked once.
 */
export function restoreLoneDashes(value: unknown, standIn: string, seen = new Set<object>()): unknown {
  if (typeof value === 'string') return value.includes(standIn) ? value.replaceAll(standIn, '-') : value;
  if (value === null || typeof value !== 'object' || seen.has(value)) return value;
  seen.add(value);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = restoreLoneDashes(value[i], standIn, seen);
    return value;
  }
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    const restored = restoreLoneDashes(record[key], standIn, seen);
    if (key.includes(standIn)) {
      delete record[key];
      record[key.replaceAll(standIn, '-')] = restored;
    } else record[key] = restored;
  }
  return value;
}

/** A private-use character the text does not hold (one UTF-16 unit, printable to YAML, plain-scalar safe). */
export function freeCharacter(text: string): string | undefined {
  for (let code = 0xe000; code <= 0xe0ff; code++) {
    const candidate = String.fromCharCode(code);
    if (!text.includes(candidate)) return candidate;
  }
  return undefined;
}
