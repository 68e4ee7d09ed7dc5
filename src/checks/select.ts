import picomatch from 'picomatch';
import type { Check } from './define.js';

/**
 * Turns what a user types into a matcher: an exact id, a glob (`iam.*`, `lambda.*-url-*`), or a
 * bare service name (`lambda`, `IAM`), which means all of that service's checks.
 */
export function checkMatcher(patterns: readonly string[]): (id: string) => boolean {
  const matchers = splitPatterns(patterns)
    .map((p) => p.toLowerCase())
    .map((p) => (p.includes('.') || p.includes('*') ? picomatch(p) : picomatch(`${p}.*`)));
  return (id) => matchers.some((m) => m(id.toLowerCase()));
}

export interface Selection {
  /** Only these (command line `--checks`); empty means all that are on by default or enabled. */
  readonly only?: readonly string[];
  readonly enable?: readonly string[];
  readonly disable?: readonly string[];
}

export function selectChecks(all: readonly Check[], selection: Selection): Check[] {
  const only = selection.only && selection.only.length > 0 ? checkMatcher(selection.only) : undefined;
  const enabled = checkMatcher(selection.enable ?? []);
  const disabled = checkMatcher(selection.disable ?? []);
  return all.filter((check) => {
    if (disabled(check.id)) return false;
    // A check that is off by default runs only when named by its id (or enabled in the config):
    // `--checks lambda` means "the lambda checks", not "every lambda check there is".
    const offByDefault = check.enabledByDefault === false;
    const named = (patterns: readonly string[] | undefined) =>
      (patterns ?? []).flatMap((p) => p.split(',')).some((p) => p.trim().toLowerCase() === check.id);
    if (only) return only(check.id) && (!offByDefault || named(selection.only) || enabled(check.id));
    return !offByDefault || enabled(check.id);
  });
}

/** Patterns that select no check at all: a typo the user should hear about. */
export function unmatchedPatterns(all: readonly Check[], patterns: readonly string[]): string[] {
  return splitPatterns(patterns).filter((p) => {
    const matches = checkMatcher([p]);
    return !all.some((c) => matches(c.id));
  });
}

/** The entries of comma-separated pattern lists (`--checks a,b --checks c`), trimmed, empty ones dropped. */
export function splitPatterns(patterns: readonly string[]): string[] {
  return patterns
    .flatMap((p) => p.split(','))
    .map((p) => p.trim())
    .filter((p) => p !== '');
}
