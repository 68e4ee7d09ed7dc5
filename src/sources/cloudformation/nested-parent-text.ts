import { setOwn } from '../../model/own.js';
import { isUnknown, type Unknown } from '../../model/values.js';
import type { ParentValues } from './nested-stacks.js';

/** The values given with -p and the parent's known text, the parent's winning; undefined when neither. */
export function withParentText(
  parameters: Readonly<Record<string, string>> | undefined,
  fromParent: ParentValues | undefined,
): Readonly<Record<string, string>> | undefined {
  if (!fromParent) return parameters;
  const merged: Record<string, string> = { ...withoutParentNames(parameters, fromParent) };
  for (const [name, value] of Object.entries(fromParent))
    if (typeof value === 'string') setOwn(merged, name, value);
  return merged;
}

/** The values given with -p for parameters the parent does not give. */
export function withoutParentNames(
  parameters: Readonly<Record<string, string>> | undefined,
  fromParent: ParentValues | undefined,
): Readonly<Record<string, string>> | undefined {
  if (!fromParent || !parameters) return parameters;
  return Object.fromEntries(Object.entries(parameters).filter(([name]) => !Object.hasOwn(fromParent, name)));
}

/** The parent's values that are not known text. */
export function unknownParentValues(
  fromParent: ParentValues | undefined,
): Record<string, Unknown> | undefined {
  if (!fromParent) return undefined;
  return Object.fromEntries(
    Object.entries(fromParent).filter((entry): entry is [string, Unknown] => isUnknown(entry[1])),
  );
}
