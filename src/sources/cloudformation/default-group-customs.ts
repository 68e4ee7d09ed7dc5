import type { Mutable, Resource } from '../../model/index.js';
import type { LambdaFunction } from '../../model/lambda.js';
import { vpcOfDefaultSecurityGroup } from '../../model/network.js';
import { unknown } from '../../model/values.js';
import { asRecord, subNames } from './intrinsic-values.js';
import { mayExist, target } from './link-targets.js';
import type { MapContext } from './map/context.js';
import { forgetDefaultGroupsGivenAway, otherStackDefaultGroupsNamed } from './other-stack-default-groups.js';
import { isCustomResourceType } from './resource-types.js';

/**
 * A custom resource given the default security group of a VPC of the template may change its rules (CDK's
 * Custom::VpcRestrictDefaultSG revokes them all): what the group allows is then not known before deploy. So may one
 * given that of another stack's VPC (a nested stack's output, an import): see forgetDefaultGroupsGivenAway.
 */
export function noteCustomResourcesOnDefaultGroups(
  byId: Map<string, Mutable<Resource>>,
  ctx: MapContext,
  raw: Record<string, unknown>,
): void {
  // Those of other stacks' VPCs: see forgetDefaultGroupsGivenAway.
  const givenAway = new Map<string, string>();
  for (const [id, value] of Object.entries(raw)) {
    const decl = asRecord(value);
    const type = decl?.Type;
    if (!isCustomResourceType(type)) continue;
    ctx.resolver.resetAssumptions();
    if (!decl || !mayExist(ctx, decl)) continue;
    for (const vpcId of defaultGroupsNamed(decl.Properties)) {
      const vpc = target(byId, vpcId, 'ec2.vpc');
      if (vpc === undefined) continue;
      vpc.defaultSecurityGroup = {
        egress: unknown(
          `custom resource ${id} (${type}) is given the default security group of ${vpcId} and may change its rules`,
        ),
      };
    }
    for (const vpc of otherStackDefaultGroupsNamed(ctx, decl.Properties)) {
      if (!givenAway.has(vpc)) givenAway.set(vpc, `custom resource ${id} (${type})`);
    }
  }
  const functions = [...byId.values()].filter((r) => r.kind === 'lambda.function');
  forgetDefaultGroupsGivenAway(functions as Mutable<LambdaFunction>[], givenAway);
}

/** The VPCs whose default security group a raw value names (`!GetAtt Vpc.DefaultSecurityGroup`, `${Vpc.DefaultSecurityGroup}`). */
function defaultGroupsNamed(node: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(node)) {
    for (const item of node) defaultGroupsNamed(item, found);
    return found;
  }
  const record = asRecord(node);
  if (record === undefined) return found;
  for (const [key, value] of Object.entries(record)) {
    if (key === 'Fn::GetAtt') {
      const [logicalId, attribute] =
        typeof value === 'string' ? value.split('.') : Array.isArray(value) ? value : [];
      if (attribute === 'DefaultSecurityGroup' && typeof logicalId === 'string') found.add(logicalId);
    } else if (key === 'Fn::Sub') {
      const text = Array.isArray(value) ? value[0] : value;
      for (const name of typeof text === 'string' ? subNames(text) : []) {
        const vpcId = vpcOfDefaultSecurityGroup(name);
        if (vpcId !== undefined) found.add(vpcId);
      }
    }
    defaultGroupsNamed(value, found);
  }
  return found;
}
