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
  const functions = [...inventory.list('lambda.function')].sort((a, b) => a.id.localeCompare(b.id));
  for (const fn of functions) {
    const arn = fn.role;
    if (typeof arn !== 'string' || roles.has(arn) || executionRoleOf(inventory, fn) !== undefined) continue;
    const name = ROLE_ARN.exec(arn)?.[1];
    if (name === undefined) continue;
    const outside = unknown(OUTSIDE_INVENTORY);
    roles.set(arn, {
      kind: 'iam.role',
      id: arn,
      type: 'AWS::IAM::Role',
      source: childSource(fn.properties ?? fn.source, 'Role'),
      name,
      assumeRolePolicy: outside,
      inlinePolicies: outside,
      managedPolicyArns: outside,
      permissionsBoundary: outside,
      external: true,
    });
  }
  return [...roles.values()];
}
