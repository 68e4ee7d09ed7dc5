import type { IamRole } from '../model/iam.js';
import type { Inventory } from '../model/inventory.js';
import { childSource } from '../model/source.js';
import { unknown } from '../model/values.js';
import { executionRoleOf } from './role-policies.js';

/** A role ARN: `arn:<partition>:iam::<account>:role/<path/>name`. */
const ROLE_ARN = /^arn:[^:]+:iam::[^:]*:role\/(?:.*\/)?([^/]+)$/;

/** Why nothing of an external role is known. */
export const OUTSIDE_INVENTORY = 'the role is not in this template';

/**
 * The roles functions of the inventory name by a literal ARN that the inventory does not hold (see
 * IamRole.external), one per ARN, located where the first function (by id) names it. A role named by a
 * parameter or an import is not one: which role that is cannot be told before deploy.
 */
export function externalExecutionRoles(inventory: Inventory): IamRole[] {
  const roles = new Map<string, IamRole>();
  const outside = inventory
    .list('lambda.function')
    .filter((fn) => typeof fn.role === 'string' && ROLE_ARN.test(fn.role) && !executionRoleOf(inventory, fn))
    .sort((a, b) => a.id.localeCompare(b.id));
  for (const fn of outside) {
    const arn = fn.role as string;
    if (roles.has(arn)) continue;
    const name = ROLE_ARN.exec(arn)?.[1];
    if (name === undefined) continue;
    const unread = unknown(OUTSIDE_INVENTORY);
    roles.set(arn, {
      kind: 'iam.role',
      id: arn,
      type: 'AWS::IAM::Role',
      source: childSource(fn.properties ?? fn.source, 'Role'),
      name,
      assumeRolePolicy: unread,
      inlinePolicies: unread,
      managedPolicyArns: unread,
      permissionsBoundary: unread,
      external: true,
    });
  }
  return [...roles.values()];
}
