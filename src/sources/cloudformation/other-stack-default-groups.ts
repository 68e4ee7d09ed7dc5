import type { Mutable } from '../../model/index.js';
import type { LambdaFunction, Reference } from '../../model/lambda.js';
import { isUnknown, type StackResource, type Unknown, unknown } from '../../model/values.js';
import { asRecord, subNames } from './intrinsic-values.js';
import type { MapContext } from './map/context.js';

/** `child.yaml\0Vpc`: a VPC of another scanned stack, as the default security groups given away are keyed. */
function keyOf(vpc: StackResource): string {
  return `${vpc.stack}\0${vpc.logicalId}`;
}

/**
 * The VPCs of other scanned stacks whose default security group a raw value of this template names: a nested stack's
 * output (`!GetAtt Net.Outputs.DefSg`, `${Net.Outputs.DefSg}`) or an import (`!ImportValue`) that is that stack's
 * `!GetAtt Vpc.DefaultSecurityGroup`. Keyed as keyOf.
 */
export function otherStackDefaultGroupsNamed(
  ctx: MapContext,
  node: unknown,
  found = new Set<string>(),
): Set<string> {
  if (Array.isArray(node)) {
    for (const item of node) otherStackDefaultGroupsNamed(ctx, item, found);
    return found;
  }
  const record = asRecord(node);
  if (record === undefined) return found;
  const note = (value: unknown) => {
    const vpc = isUnknown(value) ? value.stackResource : undefined;
    if (vpc?.attribute === 'DefaultSecurityGroup') found.add(keyOf(vpc));
  };
  // Only outputs and imports are resolved: a value of this template's own is no other stack's, and resolving it here
  // would tell again of what its mapping tells.
  const output = (id: string, attribute: string) => {
    if (attribute.startsWith('Outputs.')) note(ctx.resolver.value({ 'Fn::GetAtt': [id, attribute] }));
  };
  for (const [key, value] of Object.entries(record)) {
    if (key === 'Fn::ImportValue') note(ctx.resolver.value({ [key]: value }));
    else if (key === 'Fn::GetAtt') {
      const [id, attribute] = typeof value === 'string' ? splitAt(value) : Array.isArray(value) ? value : [];
      if (typeof id === 'string' && typeof attribute === 'string') output(id, attribute);
    } else if (key === 'Fn::Sub') {
      const text = Array.isArray(value) ? value[0] : value;
      for (const name of typeof text === 'string' ? subNames(text) : []) {
        const [id, attribute] = splitAt(name);
        if (attribute !== undefined) output(id, attribute);
      }
    }
    otherStackDefaultGroupsNamed(ctx, value, found);
  }
  return found;
}

/** `Net.Outputs.DefSg` → `Net`, `Outputs.DefSg`: a GetAtt's resource and attribute. */
function splitAt(name: string): [string, string | undefined] {
  const dot = name.indexOf('.');
  return dot > 0 ? [name.slice(0, dot), name.slice(dot + 1)] : [name, undefined];
}

/**
 * A custom resource of this template given the default security group of another stack's VPC may change its rules,
 * as one given a VPC's of its own does (noteCustomResourcesOnDefaultGroups in link.ts): each function's security
 * group that is such a group is then read as not known (`given`: keyOf the VPC → the custom resource, as words).
 */
export function forgetDefaultGroupsGivenAway(
  functions: readonly Mutable<LambdaFunction>[],
  given: ReadonlyMap<string, string>,
): void {
  if (given.size === 0) return;
  const forgotten = (ref: Reference): Reference => {
    const vpc = isUnknown(ref) ? ref.stackResource : undefined;
    const by = vpc?.attribute === 'DefaultSecurityGroup' ? given.get(keyOf(vpc)) : undefined;
    if (by === undefined) return ref;
    return unknown(`${(ref as Unknown).reason}, and ${by} is given it and may change its rules`);
  };
  for (const fn of functions) {
    const config = fn.vpcConfig;
    if (config === undefined || isUnknown(config) || isUnknown(config.securityGroupIds)) continue;
    fn.vpcConfig = { ...config, securityGroupIds: config.securityGroupIds.map(forgotten) };
  }
}
