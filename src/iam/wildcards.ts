/**
 * IAM wildcard matching: `*` matches any run of characters (`:` and `/` included), `?` exactly one.
 * Actions compare case-insensitively, resource ARNs case-sensitively.
 */

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
    return ignoreCase ? pattern.toLowerCase() === text.toLowerCase() : pattern === text;
  }
  return compile(pattern, ignoreCase).test(text);
}

export function hasWildcard(text: string): boolean {
  return text.includes('*') || text.includes('?');
}

/** `*`, `**`, ...: matches every string. */
export function isStarOnly(pattern: string): boolean {
  // Most patterns asked about are ARNs and action names: the first character rules them out.
  return pattern.startsWith('*') && /^\*+$/.test(pattern);
}
