import type { Check } from '../checks/define.js';
import { checkMatcher } from '../checks/select.js';

/** How a key of parapet.yaml names checks: one check by its id (any case), a glob or service, or nothing. */
export type CheckKey =
  | { readonly kind: 'id'; readonly check: Check }
  | { readonly kind: 'pattern'; readonly checks: readonly Check[] }
  | { readonly kind: 'none' };

export function resolveCheckKey(key: string, checks: readonly Check[]): CheckKey {
  const wanted = key.trim().toLowerCase();
  const exact = checks.find((c) => c.id.toLowerCase() === wanted);
  if (exact) return { kind: 'id', check: exact };
  const matches = checkMatcher([key]);
  const matched = checks.filter((c) => matches(c.id));
  return matched.length > 0 ? { kind: 'pattern', checks: matched } : { kind: 'none' };
}

/** A few ids for a message, with how many more there are. */
export function listIds(checks: readonly Check[], limit = 4): string {
  const ids = checks.map((c) => c.id);
  return ids.length <= limit
    ? ids.join(', ')
    : `${ids.slice(0, limit).join(', ')} and ${ids.length - limit} more`;
}

/**
 * The one candidate a misspelt name most likely meant (`warnDay` → `warnDays`, `errors` → `Errors`), or
 * undefined when none is close or two are equally close: a wrong suggestion is worse than none.
 */
export function closest(name: string, candidates: readonly string[]): string | undefined {
  const sameLetters = candidates.filter((c) => c.toLowerCase() === name.toLowerCase());
  if (sameLetters.length === 1) return sameLetters[0];
  const limit = Math.max(1, Math.min(3, Math.floor(name.length / 4)));
  const scored = candidates
    .map((c) => ({ c, d: editDistance(name.toLowerCase(), c.toLowerCase()) }))
    .filter((s) => s.d <= limit)
    .sort((a, b) => a.d - b.d);
  const [best, next] = scored;
  return best && (next === undefined || next.d > best.d) ? best.c : undefined;
}

/**
 * The one candidate that a name adds whole words to, or that adds whole words to the name: `severityOverrides`
 * or `severity_map` → `severity`, `fail` → `failOn`. Too far apart for `closest`, yet plainly meant. A
 * word starts at a capital, a digit, or after `-`, `_`, `.` (`severe` does not extend `sev`); undefined
 * when none or several do.
 */
export function sameFirstWords(name: string, candidates: readonly string[]): string | undefined {
  const found = candidates.filter((c) => addsWords(name, c) || addsWords(c, name));
  return found.length === 1 ? found[0] : undefined;
}

/** Whether `longer` is `shorter` (any case) followed by one or more words. */
function addsWords(longer: string, shorter: string): boolean {
  if (shorter === '' || longer.length <= shorter.length) return false;
  if (!longer.toLowerCase().startsWith(shorter.toLowerCase())) return false;
  return /^(?:[A-Z0-9]|[-_.].)/.test(longer.slice(shorter.length));
}

/** Levenshtein distance; the names compared here are short. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/** `1st`, `2nd`, `3rd`, `4th`, `11th`, `22nd`: for telling which entry of a list a message means. */
export function ordinal(n: number): string {
  const tens = n % 100;
  const suffix =
    tens >= 11 && tens <= 13 ? 'th' : n % 10 === 1 ? 'st' : n % 10 === 2 ? 'nd' : n % 10 === 3 ? 'rd' : 'th';
  return `${n}${suffix}`;
}

/** "no check matches "x" in where", with the id it most likely meant (`lambda.tracing-not-activ`). */
export function noCheckMatches(pattern: string, checks: readonly Check[], where?: string): string {
  const ids = checks.map((c) => c.id);
  // The start of an id (`lambda.function-url-auth`) means the one id it starts, when only one does.
  const started = ids.filter((id) => id.startsWith(pattern.trim()));
  // A word without a dot is a service (`lamda`): the service it was meant to be.
  const services = [...new Set(ids.map((id) => id.slice(0, id.indexOf('.'))))];
  const guess =
    started.length === 1
      ? started[0]
      : pattern.includes('.')
        ? closest(pattern.trim(), ids)
        : (closest(pattern.trim(), services) ?? closest(pattern.trim(), ids));
  const hint = guess === undefined ? '' : ` (did you mean "${guess}"?)`;
  return `no check matches "${pattern}"${where ? ` in ${where}` : ''}${hint}`;
}
