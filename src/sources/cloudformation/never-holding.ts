import { isPossibleCase } from './possible-cases.js';

/**
 * Of the values given a template's parameters (with -p, by a parent stack), those a deploy cannot change: not those
 * a parent took from its own parameters' defaults (those are defaults). What isPossibleCase takes as fixed.
 */
export function fixedValues(
  given: Readonly<Record<string, string>> | undefined,
  fromParentDefaults: ReadonlySet<string> | undefined,
): Record<string, string> {
  return Object.fromEntries(Object.entries(given ?? {}).filter(([name]) => !fromParentDefaults?.has(name)));
}

/**
 * Whether no deploy makes a named condition hold: the case where it holds asks a parameter for a value its
 * constraints refuse (`!Equals [!Ref Env, dev]` with `AllowedValues: [prod]`), or its other conditions or the
 * template's Rules rule it out (possible-cases.ts). A resource under such a Condition is in no deploy, as one a -p
 * value leaves out: mapOne drops it, rather than keep it as one the defaults leave out (absentByDefault), which a
 * deploy overriding them may make, and report its failures unknown. Worked out once per condition: scan.ts makes one
 * per template for all the cases it builds (TemplateOptions.neverHolds), with the object it asks isPossibleCase of.
 */
export function neverHolding(
  doc: Record<string, unknown>,
  /** What the template's parameters are given (-p, a parent), as scan.ts asks of a case. */
  given: Readonly<Record<string, string>>,
  /** Of them, what a deploy cannot change (fixedValues). */
  fixed: Readonly<Record<string, string>>,
): (name: string) => boolean {
  const known = new Map<string, boolean>();
  return (name) => {
    let never = known.get(name);
    if (never === undefined) {
      never = !isPossibleCase(doc, fixed, new Map([[name, true]]), given);
      known.set(name, never);
    }
    return never;
  };
}
