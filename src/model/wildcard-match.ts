/**
 * Wildcard matching whose work is bounded, for patterns made from template text (input Parapet does not control).
 * A regex of the same pattern (`a.*b.*c`) backtracks: with dozens of wildcards, for minutes on a long text that
 * almost matches; with thousands, it is too large to compile (an exception that ends the scan).
 */

/**
 * Whether `text` is `parts` in order with any text (none included) between each two: `['a', 'b']` is `a*b`.
 * Each part is taken at its first place after the last, which leaves the most room for the rest: linear in the
 * text for each part.
 */
export function partsMatch(parts: readonly string[], text: string): boolean {
  const first = parts[0] ?? '';
  if (parts.length <= 1) return text === first;
  const last = parts[parts.length - 1] as string;
  const end = text.length - last.length;
  if (end < first.length || !text.startsWith(first) || !text.endsWith(last)) return false;
  let at = first.length;
  for (let i = 1; i < parts.length - 1; i++) {
    const part = parts[i] as string;
    const found = text.indexOf(part, at);
    if (found === -1 || found + part.length > end) return false;
    at = found + part.length;
  }
  return true;
}

/**
 * Whether `text` matches `pattern`, where `*` is any run of characters (none included) and `?` any one (a UTF-16
 * code unit, as a regex's `.` without the `u` flag). The classic two-pointer match: on a mismatch it goes back to
 * the last `*` only, one character further on, which is enough as a `*` can take whatever an earlier one took.
 * At worst the pattern's length times the text's, usually linear. `ignoreCase` compares as a regex's `i` flag
 * (without `u`) does.
 */
export function globMatches(pattern: string, text: string, ignoreCase = false): boolean {
  let p = 0;
  let t = 0;
  let star = -1;
  let resume = 0;
  while (t < text.length) {
    const c = pattern.charCodeAt(p);
    if (c === STAR) {
      star = p++;
      resume = t;
    } else if (p < pattern.length && (c === ONE || sameUnit(c, text.charCodeAt(t), ignoreCase))) {
      p++;
      t++;
    } else if (star >= 0) {
      p = star + 1;
      t = ++resume;
    } else {
      return false;
    }
  }
  while (pattern.charCodeAt(p) === STAR) p++;
  return p === pattern.length;
}

/**
 * Whether `text` starts with the first `count` code units of `pattern`, compared as globMatches compares them (a
 * regex's `i` flag, without `u`, when `ignoreCase`): `pattern` then `*` without making a regex or a string.
 */
export function startsWithUnits(pattern: string, count: number, text: string, ignoreCase = false): boolean {
  if (text.length < count) return false;
  for (let i = 0; i < count; i++) {
    if (!sameUnit(pattern.charCodeAt(i), text.charCodeAt(i), ignoreCase)) return false;
  }
  return true;
}

const STAR = 42; // '*'
const ONE = 63; // '?'

function sameUnit(a: number, b: number, ignoreCase: boolean): boolean {
  return a === b || (ignoreCase && foldUnit(a) === foldUnit(b));
}

/**
 * A UTF-16 code unit folded as a regex's `i` flag (without `u`) folds it: to its upper case, unless that is longer
 * (`ß`) or makes ASCII of what was not (`ı`, `ſ`): ECMAScript's Canonicalize.
 */
function foldUnit(unit: number): number {
  if (unit < 128) return unit >= 97 && unit <= 122 ? unit - 32 : unit;
  const upper = String.fromCharCode(unit).toUpperCase();
  return upper.length !== 1 || upper.charCodeAt(0) < 128 ? unit : upper.charCodeAt(0);
}
