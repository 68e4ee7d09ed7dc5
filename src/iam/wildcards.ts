/**
 * IAM wildcard matching: `*` matches any run of characters (`:` and `/` included), `?` exactly one.
 * Actions compare case-insensitively, resource ARNs case-sensitively.
 */
import { globMatches, startsWithUnits } from '../model/wildcard-match.js';

const MAX_CACHED = 5_000;
const cache = new Map<string, RegExp>();

function compile(pattern: string, ignoreCase: boolean): RegExp {
  const key = `${ignoreCase ? 'i' : 's'}${pattern}`;
  let regex = cache.get(key);
  if (regex === undefined) {
    const body = pattern.replace(/[.+^${}()|[\]\\*?]/g, (c) =>
      c === '*' ? '.*' : c === '?' ? '.' : `\\${c}`,
    );
    regex = new RegExp(`^${body}$`, ignoreCase ? 'is' : 's');
    if (cache.size >= MAX_CACHED) cache.clear();
    cache.set(key, regex);
  }
  return regex;
}

/** Whether `text` matches the IAM wildcard `pattern`. */
export function wildcardMatches(pattern: string, text: string, ignoreCase = false): boolean {
  if (!pattern.includes('*') && !pattern.includes('?')) {
    // Folded as the wildcard paths below fold (a regex's `i` flag), not by lower case: that makes the Kelvin sign `k`.
    return ignoreCase
      ? pattern.length === text.length && startsWithUnits(pattern, pattern.length, text, true)
      : pattern === text;
  }
  // One `*`, at the end (`s3:Get*`, `arn:aws:s3:::bucket/*`): what comes before it, compared in place. The commonest
  // wildcard, matched against every action of a service: a regex cost a cache key and a look-up for each.
  const star = pattern.indexOf('*');
  if (star === pattern.length - 1 && !pattern.includes('?'))
    return startsWithUnits(pattern, star, text, ignoreCase);
  // A regex of one `*` does not backtrack (`.*` then literals: one try per place it ends), and is faster on the
  // hot path (actions against the IAM catalog, for every statement). A policy's text is the template's: a regex of
  // many `*` backtracked without bound on a long text that almost matches, so those are matched by globMatches.
  if (!pattern.includes('?') && star === pattern.lastIndexOf('*'))
    return compile(pattern, ignoreCase).test(text);
  return globMatches(pattern, text, ignoreCase);
}

export function hasWildcard(text: string): boolean {
  return text.includes('*') || text.includes('?');
}

/** `*`, `**`, ...: matches every string. */
export function isStarOnly(pattern: string): boolean {
  // Most patterns asked about are ARNs and action names: the first character rules them out.
  return pattern.startsWith('*') && /^\*+$/.test(pattern);
}
