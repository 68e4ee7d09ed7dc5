import { listedWithAnd } from '../../findings/words.js';
import type { Resolver } from './intrinsics.js';
import { type UndefinedName, undefinedNamesIn } from './output-references.js';
import type { GlobalsGiven } from './sam/types.js';

/** A name a section of SAM's Globals uses that the template does not define, and the resources SAM gives it to. */
interface UndefinedInGlobals extends UndefinedName {
  /** `Function` of `Globals.Function`. */
  readonly section: string;
  readonly resources: readonly string[];
}

/**
 * The names (`Ref`, `Fn::GetAtt`, `${Name}` of an `Fn::Sub`) that the values of SAM's `Globals` use and the template
 * does not define, where SAM gives them to a resource: the transform merges each into every resource of its section's
 * type (an implicit API too) unless the resource's own value replaces it (text, or a value of another kind) or its
 * IgnoreGlobals leaves it out, and CloudFormation then refuses the template as it would the resource's own name
 * ("Unresolved resource dependencies [...] in the Resources block"). A Globals value no resource takes (no resource of
 * its type, or each replaces it) reaches no template: no error. See the SAM Developer Guide, "Globals section of the
 * AWS SAM template": primitives are replaced, maps merged, lists joined.
 */
export function undefinedNamesInGlobals(
  given: readonly GlobalsGiven[],
  resolver: Resolver,
): UndefinedInGlobals[] {
  const found = new Map<object, Map<string, { name: UndefinedName; section: string; resources: string[] }>>();
  const inSection = new Map<object, Set<object>>();
  for (const { id, section, node, properties } of given) {
    const nodes = inSection.get(node) ?? nodesUnder(node);
    inSection.set(node, nodes);
    const names: UndefinedName[] = [];
    // Only what Globals sets: the rest is the resource's own (and walking it twice would cost a large template).
    for (const key in node)
      if (Object.hasOwn(properties, key)) undefinedNamesIn(properties[key], resolver, names, true);
    for (const name of names) {
      if (!nodes.has(name.node)) continue; // the resource's own: the Resources walk tells it
      const byWhy = found.get(name.node) ?? new Map();
      found.set(name.node, byWhy);
      const known = byWhy.get(name.why) ?? { name, section, resources: [] };
      byWhy.set(name.why, known);
      if (!known.resources.includes(id)) known.resources.push(id);
    }
  }
  return [...found.values()].flatMap((byWhy) =>
    [...byWhy.values()].map(({ name, section, resources }) => ({ ...name, section, resources })),
  );
}

/** The words of such a name's error: which section, what it names, and who takes it. */
export function undefinedInGlobalsMessage({ section, why, target, resources }: UndefinedInGlobals): string {
  return (
    `Globals.${section}: ${why}, and SAM gives it to ${listedWithAnd(resources)} ` +
    `(CloudFormation refuses the template: Unresolved resource dependencies [${target}] in the Resources block)`
  );
}

/** Every object (mapping or list) at or below `node`. */
function nodesUnder(node: object): Set<object> {
  const nodes = new Set<object>();
  const walk = (value: unknown): void => {
    if (value === null || typeof value !== 'object' || nodes.has(value)) return;
    nodes.add(value);
    for (const child of Object.values(value)) walk(child);
  };
  walk(node);
  return nodes;
}
