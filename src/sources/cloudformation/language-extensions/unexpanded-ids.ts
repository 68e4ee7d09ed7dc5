/** The logical ids loops in Resources that could not be expanded would make, as patterns of their keys. */
import { partsMatch } from '../../../model/wildcard-match.js';
import { asRecord } from '../intrinsic-values.js';
import { ALPHANUMERIC, FOR_EACH, PLACEHOLDER, type Scope, substitute } from './identifiers.js';
import { MAX_LOOP_DEPTH } from './loop-limits.js';

/**
 * Adds to `into` the ids a loop (`args`, its arguments as written) would make: its fragment's keys, and
 * those of the loops in it, with the identifiers of the loops around it replaced and its own left as patterns.
 */
/** Which logical ids are of a kind: a regex, or a matcher of the same answers. */
export type IdPattern = Pick<RegExp, 'test'>;

export function addUnexpandedIds(args: unknown, scope: Scope, depth: number, into: IdPattern[]): void {
  const fragment = Array.isArray(args) ? asRecord(args[2]) : undefined;
  if (!fragment || depth > MAX_LOOP_DEPTH + 1) return;
  for (const key of Object.keys(fragment)) {
    if (key.startsWith(FOR_EACH)) addUnexpandedIds(fragment[key], scope, depth + 1, into);
    else {
      const pattern = keyPattern(substitute(key, scope.values));
      if (pattern) into.push(pattern);
    }
  }
}

/**
 * The logical ids of a template, and any id matching one of the patterns: those a loop that could not be
 * expanded would make (not checked, as the loop's error says) and those SAM generates with a hash in them
 * (`RestApiDeployment<sha>`). A `Ref`, `GetAtt` or `Sub` to one is to a resource of the template, not an
 * undefined name. Only `has` is asked by the resolver.
 */
export class IdsWithPatterns extends Set<string> {
  constructor(
    ids: Iterable<string>,
    private readonly patterns: readonly IdPattern[],
  ) {
    super(ids);
  }

  override has(id: string): boolean {
    return super.has(id) || this.patterns.some((pattern) => pattern.test(id));
  }
}

/**
 * The logical ids a key with identifiers left in it could make, as a pattern: each `${Name}` or `&{Name}`
 * any letters and digits, as a logical id has no other characters. Undefined when the rest of the key is
 * not letters and digits: no logical id can come of it. Matched part by part, not by a regex of the parts joined
 * by `[A-Za-z0-9]*`: the key is template text, and a key of thirty identifiers made that regex backtrack for
 * minutes on a long id that almost matched.
 */
function keyPattern(key: string): IdPattern | undefined {
  const parts = key.split(PLACEHOLDER);
  const texts: string[] = [];
  // split() with the two groups of PLACEHOLDER gives: text, sign, name, text, sign, name, ..., text.
  for (let i = 0; i < parts.length; i += 3) {
    const text = parts[i] as string;
    if (text !== '' && !ALPHANUMERIC.test(text)) return undefined;
    texts.push(text);
  }
  // The parts are letters and digits: an id of only those matches when they are in it in order.
  return { test: (id) => (id === '' || ALPHANUMERIC.test(id)) && partsMatch(texts, id) };
}
