import {
  type BroadActionHit,
  broadActionGrants,
  isAdministratorGrant,
  type ManagedPolicyClass,
  type PolicyInput,
  type RolePolicy,
} from '../../iam/index.js';
import type { IamRole } from '../../model/iam.js';
import type { Inventory } from '../../model/inventory.js';
import { isUnknown } from '../../model/values.js';
import { withinBoundary } from './permissions-boundary.js';

/** What a role's permissions boundary leaves of an AWS managed policy iam.role-admin-managed-policy reports. */
export interface BoundedManagedPolicy {
  /** The boundary, read, allows none of its wildcard grants: the role gets no such grant from it. */
  readonly limited: boolean;
  /** For `admin`: the boundary, when read, allows every action on every resource too. */
  readonly admin: boolean;
  /** `; its permissions boundary Boundary allows every logs action ("logs:*")`, `... may limit this, ...`, or ''. */
  readonly words: string;
  /** For `limited`: `its permissions boundary Boundary`. */
  readonly its?: string;
}

/** The classes whose grant is wildcards (`*`, a NotAction, `iam:*`, a service's `*`): what a boundary is weighed against. */
const WILDCARD_CLASSES: ReadonlySet<ManagedPolicyClass> = new Set([
  'admin',
  'power-user',
  'iam-full-access',
  'full-access',
  'job-function',
]);

/**
 * An AWS managed policy of a role weighed against the role's permissions boundary, as the statement checks weigh
 * their grants (see withinBoundary): its wildcard grants, read from the document Parapet ships (AdministratorAccess,
 * PowerUserAccess, IAMFullAccess), or any wildcard at all for one it does not ship (AmazonS3FullAccess, the job
 * functions). A boundary allowing no wildcard grant of the kind limits it: the role gets no more than the boundary
 * allows. A policy whose breadth is no wildcard (AWSLambdaExecute: s3:PutObject on every bucket) is only named
 * beside the boundary's words, as is every policy under a boundary Parapet cannot read.
 */
export function boundedManagedPolicy(
  inventory: Inventory,
  role: IamRole,
  policy: RolePolicy,
  policyClass: ManagedPolicyClass,
): BoundedManagedPolicy {
  const grants = (input: PolicyInput) => broadActionGrants(input, { inventory });
  const shipped = !isUnknown(policy.document);
  const hits: BroadActionHit[] = shipped
    ? grants([policy])
    : [{ answer: 'yes', reason: 'Allow grants wildcards', kind: 'not-action', allResources: 'yes', policy }];
  const bounded = withinBoundary(inventory, role, hits, grants);
  const weighed = WILDCARD_CLASSES.has(policyClass);
  const limited = weighed && bounded.its !== undefined && bounded.hits.length === 0;
  const allowed = bounded.hits.flatMap((hit) => bounded.allowedBy(hit) ?? []);
  const read = bounded.hits.some((hit) => bounded.allowedBy(hit) !== undefined);
  return {
    limited,
    admin: !read || allowed.some(isAdministratorGrant),
    words: bounded.words(bounded.hits),
    ...(bounded.its === undefined ? {} : { its: bounded.its }),
  };
}
