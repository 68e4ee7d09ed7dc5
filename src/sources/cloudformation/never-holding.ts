import { withParentText } from './nested-parent-text.js';
import { isPossibleCase } from './possible-cases.js';
import type { TemplateOptions } from './template.js';

/**
 * Whether no deploy makes a named condition hold: the case where it holds asks a parameter for a value its
 * constraints refuse (`!Equals [!Ref Env, dev]` with `AllowedValues: [prod]`), or its other conditions or the
 * template's Rules rule it out (possible-cases.ts). A resource under such a Condition is in no deploy, as one a -p
 * value leaves out: mapOne drops it, rather than keep it as one the defaults leave out (absentByDefault), which a
 * deploy overriding them may make, and report its failures unknown. Worked out once per condition.
 */
export function neverHolding(
  doc: Record<string, unknown>,
  options: Pick<TemplateOptions, 'parameters' | 'fromParent' | 'fromParentDefaults'>,
): (name: string) => boolean {
  // As scan.ts asks of a case: what is given (-p, a parent), and of it what a deploy cannot change.
  const given = withParentText(options.parameters, options.fromParent) ?? {};
  const fixed = Object.fromEntries(
    Object.entries(given).filter(([name]) => !options.fromParentDefaults?.has(name)),
  );
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
