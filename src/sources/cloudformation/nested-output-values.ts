import { isUnknown, type Unknown, unknown } from '../../model/values.js';
import { type Resolved, ResourceRef } from './intrinsic-values.js';

/**
 * What a parent reads from a nested stack's output, by the name `!Sub` writes (`CopyA.Outputs.RoleArn`): an Unknown
 * naming a resource of another stack, or the parent's own resource (a `ResourceRef`) where the nested stack was given
 * that resource and outputs it back. See `nestedStacks`.
 */
export type NestedOutput = Unknown | ResourceRef;

/**
 * A value a nested stack's output gives that the stack was given by a stack further up (`Value: !Ref RoleParam`,
 * given `!GetAtt Role.Arn` by its parent): that resource, as given, whichever stack passes it on. Undefined for
 * anything else, which `otherStackValue` reads as the nested stack's own.
 */
export function passedBack(value: Resolved, stack: string): Unknown | undefined {
  if (!isUnknown(value)) return undefined;
  const from = value.stackResource;
  return from !== undefined && from.stack !== stack ? value : undefined;
}

/**
 * How a parent (`parentStack`) reads output `name` of its nested stack `ref.logicalId` (`ref`, `!GetAtt
 * CopyA.Outputs.RoleArn`), whose value in that stack is `value`: a resource of the parent itself, passed down and
 * back, is the parent's own (`!GetAtt Role.Arn`, the one role two functions may share through two stacks); a
 * resource of another stack, or one chosen by that stack's defaults (`chosen`), an Unknown saying so. Undefined for
 * anything else, which the parent reads as the stack's output (`ResourceRef`).
 */
export function readByParent(
  ref: ResourceRef,
  name: string,
  value: string | Unknown | undefined,
  parentStack: string,
  chosen: boolean,
): NestedOutput | undefined {
  const from = isUnknown(value) ? value.stackResource : undefined;
  if (from !== undefined && from.stack === parentStack)
    return new ResourceRef(from.logicalId, from.attribute);
  if (!chosen && from === undefined) return undefined;
  const why = `output ${name} of nested stack ${ref.logicalId}: ${(value as Unknown).reason}`;
  // One chosen by defaults is not known to be one resource: what it is, is not known, but why is.
  const what = from === undefined ? {} : { stackResource: from };
  return unknown(why, ref.template, { resources: [ref.placeholder], ...what });
}
