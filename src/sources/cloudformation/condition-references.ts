import { undefinedConditionMessage } from './conditions.js';
import { asRecord } from './intrinsic-values.js';
import type { Resolver } from './intrinsics.js';
import { type UndefinedName, undefinedNamesIn, walkNames } from './output-references.js';

/** A name a condition uses that no condition may: undefined, or a resource. */
interface NamedInCondition extends UndefinedName {
  readonly condition: string;
}

/**
 * What CloudFormation adds to its refusal of a condition naming what it may not: "You can only reference other
 * conditions and values from the Parameters and Mappings sections of a template ... you can't reference the logical
 * ID of a resource in a condition" (CloudFormation User Guide, Condition functions).
 */
export const CONDITION_NAMES_ONLY =
  'CloudFormation refuses the template: a condition can name only parameters, pseudo parameters, mappings and other conditions';

/**
 * The names the template's Conditions use (`Ref`, `${Name}` of an `Fn::Sub`, `Fn::GetAtt`) that are no parameter nor
 * pseudo parameter, each condition walked, whether or not a resource uses it: CloudFormation validates the whole
 * section before any condition is worked out. An undefined name is told as the resolver tells it (it then need not
 * tell it again, as it decides the condition); a resource of the template is told as a resource. A name only an
 * inclusion or a loop not expanded may define is left alone, as is what an `Fn::Transform` makes.
 */
export function namesInConditions(
  conditions: unknown,
  isResource: (id: string) => boolean,
  resolver: Resolver,
): NamedInCondition[] {
  const found: NamedInCondition[] = [];
  const section = asRecord(conditions) ?? {};
  for (const condition in section) {
    if (condition.startsWith('Fn::ForEach::')) continue;
    const names: UndefinedName[] = [];
    undefinedNamesIn(section[condition], resolver, names, true);
    resourcesNamed(section[condition], isResource, names);
    undefinedConditionsNamed(section[condition], section, names);
    for (const name of names) found.push({ ...name, condition });
  }
  return found;
}

/**
 * Adds to `found` the conditions `value` names (`!Condition Missing` within `Fn::And`, `Fn::Or`, `Fn::Not`) that
 * `section` does not define, told as the resolver tells them (it then need not tell them again as it decides the
 * condition). A name a loop left as written (`${Name}` in it) is the loop's to tell.
 */
function undefinedConditionsNamed(
  value: unknown,
  section: Record<string, unknown>,
  found: UndefinedName[],
): void {
  if (value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (const item of value) undefinedConditionsNamed(item, section, found);
    return;
  }
  const record = value as Record<string, unknown>;
  if (Object.hasOwn(record, 'Fn::Transform')) return;
  for (const key in record) {
    const child = record[key];
    if (key !== 'Condition') undefinedConditionsNamed(child, section, found);
    else if (typeof child === 'string' && !child.includes('${') && !Object.hasOwn(section, child))
      found.push({ target: child, why: undefinedConditionMessage(child), node: record, key });
  }
}

/** Adds to `found` the resources of the template that `value` names (a `Ref`, an `Fn::GetAtt`, a `${Name}`). */
function resourcesNamed(value: unknown, isResource: (id: string) => boolean, found: UndefinedName[]): void {
  walkNames(
    value,
    ({ key, name, node }) => {
      const id = key === 'Fn::Sub' ? (name.split('.')[0] as string) : name;
      if (isResource(id)) found.push({ target: id, why: `${key} to resource "${id}"`, node, key });
    },
    true,
  );
}
