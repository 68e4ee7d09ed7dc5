import type { IamRole } from '../model/iam.js';
import type { Inventory } from '../model/inventory.js';
import type { LambdaFunction } from '../model/lambda.js';
import { childSource, isFileSource, type SourceRef } from '../model/source.js';
import { importedFrom, isUnknown, unknown } from '../model/values.js';
import { executionRoleOf, externalRoleKey, refersToRole, sameExternalRole } from './role-policies.js';

/** Why nothing of an external role is known. */
export const OUTSIDE_INVENTORY = 'the role is not in this template';

/**
 * The roles functions of the inventory run as that the inventory does not hold (see IamRole.external), one
 * per way of naming them (externalRoleKey: a role ARN, one built with pseudo parameters, a parameter, an
 * import), located where the first function in the file names it, whose inline suppressions it takes. Not
 * one: a role that may be one of the inventory's (a parameter when the template creates a role with a RoleName).
 */
export function externalExecutionRoles(inventory: Inventory): IamRole[] {
  const roles = new Map<string, IamRole>();
  const outside = inventory
    .list('lambda.function')
    .filter((fn) => externalRoleKey(fn.role) !== undefined && !mayBeInInventory(inventory, fn))
    .sort(inFileOrder);
  for (const fn of outside) {
    const key = externalRoleKey(fn.role) as string;
    // One role for ARNs that differ only in case (sameExternalRole); it shows the first function's spelling.
    if ([...roles.keys()].some((seen) => sameExternalRole(seen, key))) continue;
    const name = key.includes(':role/') ? key.slice(key.lastIndexOf('/') + 1) : undefined;
    const unread = unknown(OUTSIDE_INVENTORY);
    roles.set(key, {
      kind: 'iam.role',
      id: key,
      type: 'AWS::IAM::Role',
      source: childSource(fn.properties ?? fn.source, 'Role'),
      name: name === undefined || name.includes('${') ? unknown('named outside this template') : name,
      assumeRolePolicy: unread,
      // None known: policies of the template attached to it by name (AWS::IAM::Policy Roles) are still read.
      inlinePolicies: [],
      managedPolicyArns: [],
      permissionsBoundary: unread,
      external: true,
      // Its findings point at this function's Role: the function's inline suppressions apply to them.
      ...(fn.suppressions ? { suppressions: fn.suppressions } : {}),
    });
  }
  return [...roles.values()];
}

/**
 * Functions in the order the file declares them (a SAM function's source is the resource the user wrote), so
 * the role's location and the suppressions it takes are the same function's, and "first" is what a reader
 * sees first; the logical id decides between functions with no position or one position (a loop's).
 */
function inFileOrder(a: LambdaFunction, b: LambdaFunction): number {
  const [pa, pb] = [declaredAt(a.source), declaredAt(b.source)];
  if (pa && pb) return pa.line - pb.line || pa.column - pb.column || byId(a, b);
  // One that cannot be located comes after those that can.
  return pa ? -1 : pb ? 1 : byId(a, b);
}

function declaredAt(source: SourceRef): { line: number; column: number } | undefined {
  return isFileSource(source) ? source.locator.locate(source.node, source.key) : undefined;
}

function byId(a: LambdaFunction, b: LambdaFunction): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Whether a function's role is, or may be, one the inventory holds. */
function mayBeInInventory(inventory: Inventory, fn: LambdaFunction): boolean {
  if (!isUnknown(fn.role)) return executionRoleOf(inventory, fn) !== undefined;
  // An import gives what a stack exported before this one deploys: not a role this template creates.
  if (importedFrom(fn.role) !== undefined) return false;
  const role = fn.role;
  return inventory
    .list('iam.role')
    .some((candidate) => refersToRole(role, candidate, { inventory }) !== 'no');
}
