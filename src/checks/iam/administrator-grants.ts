import {
  type BroadActionHit,
  broadActionGrants,
  isAdministratorGrant,
  type PolicyInput,
} from '../../iam/index.js';
import type { IamRole } from '../../model/iam.js';
import type { Inventory } from '../../model/inventory.js';
import { isFileSource, type SourceRef } from '../../model/source.js';
import { withinBoundary } from './permissions-boundary.js';
import { ACTION_LISTS, deployedHits } from './policy-copies.js';
import { customerPolicies } from './policy-hits.js';

/** Whether two hits point at the same statement as written (two analyses of a policy read it apart). */
function samePlace(a: SourceRef | undefined, b: SourceRef | undefined): boolean {
  if (a === undefined || b === undefined || !isFileSource(a) || !isFileSource(b)) return false;
  return a.node === b.node && a.key === b.key;
}

/**
 * A test for the statements iam.role-wildcard-action reports critical as an administrator: `"*"` on every
 * resource that no Deny's NotAction cuts down (isAdministratorGrant), under no permissions boundary, one Parapet
 * cannot read, or one allowing every action on every resource too. The checks that leave such a statement to it
 * (its finding says it all) keep what a Deny or a boundary leaves of any other `"*"`.
 */
export function administratorStatements(
  inventory: Inventory,
  role: IamRole,
): (hit: { readonly source?: SourceRef }) => boolean {
  const grants = (input: PolicyInput) => broadActionGrants(input, { inventory });
  const deployed = deployedHits(inventory, customerPolicies(inventory, role), role, grants, ACTION_LISTS);
  const bounded = withinBoundary(inventory, role, deployed.hits.filter(isAdministratorGrant), grants);
  const administrators = bounded.hits.filter(
    (hit: BroadActionHit) => bounded.allowedBy(hit)?.some(isAdministratorGrant) ?? true,
  );
  return (hit) => administrators.some((other) => samePlace(other.source, hit.source));
}
