import { listedWithAnd } from '../../findings/words.js';
import {
  type BroadActionHit,
  broadActionGrants,
  IAM_ESCALATING,
  isAdministratorGrant,
  type ManagedPolicyClass,
  type PolicyHit,
  type PolicyInput,
  passRoleGrants,
  type RolePolicy,
  writeOnAllResources,
} from '../../iam/index.js';
import type { IamRole } from '../../model/iam.js';
import type { Inventory } from '../../model/inventory.js';
import { isUnknown } from '../../model/values.js';
import { type Bounded, boundaryDocument, granted, withinBoundary } from './permissions-boundary.js';
import { customerPolicies } from './policy-hits.js';
import { readOptions } from './role-wildcard-resource-read.js';
import { writeOptions } from './role-wildcard-resource-write.js';
import { deniedEverywhere, escalationLeft, escalationNamed, escalationWhy } from './self-escalation.js';

/** What a role's permissions boundary leaves of an AWS managed policy iam.role-admin-managed-policy reports. */
export interface BoundedManagedPolicy {
  /** The boundary, read, allows none of its wildcard grants, nor (for `admin`) a broad grant: it limits the policy. */
  readonly limited: boolean;
  /** For `admin`: the boundary, when read, allows every action on every resource too. */
  readonly admin: boolean;
  /**
   * For `admin`: the boundary, read, lets the role change its own permissions or boundary. For IAMFullAccess: what
   * it grants (within the boundary, when read) does.
   */
  readonly escalates: boolean;
  /** `; its permissions boundary Boundary allows every logs action ("logs:*")`, `... may limit this, ...`, or ''. */
  readonly words: string;
  /** For `limited`: `its permissions boundary Boundary`. */
  readonly its?: string;
  /** For IAMFullAccess: the escalating actions its `iam:*` leaves the role (see iamActionsLeft). */
  readonly iamLeft?: IamActionsLeft;
}

/** What is left of IAMFullAccess's escalating actions once the role's Denies and its boundary are weighed. */
export interface IamActionsLeft {
  /** Those left (see escalationLeft), sorted: the role can use them to more permissions. */
  readonly escalating: readonly string[];
  /** Whether a Deny of the role's policies takes back any of those `iam:*` would grant. */
  readonly denied: boolean;
  /** Whether the role's permissions boundary, read, keeps out any of those `iam:*` would grant. */
  readonly kept: boolean;
}

/**
 * The escalating actions `iam:*` leaves within the boundary (see escalationLeft), less those a Deny of the role's
 * policies takes back on every resource (`takenBack`), and whether it took any.
 */
function iamActionsLeft(
  bounded: Bounded<BroadActionHit>,
  takenBack: (action: string) => boolean,
): IamActionsLeft {
  const left = (allowed: (hit: BroadActionHit) => readonly BroadActionHit[] | undefined) =>
    new Set(bounded.hits.flatMap((hit) => escalationLeft(hit, allowed(hit))));
  const granted = [...left(bounded.allowedBy)].sort();
  const escalating = granted.filter((action) => !takenBack(action));
  const unbounded = left(() => undefined);
  return {
    escalating,
    denied: escalating.length < granted.length,
    kept: granted.length < unbounded.size,
  };
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
 * their grants (see withinBoundary): its wildcard grants, read from its document (AdministratorAccess,
 * AmazonS3FullAccess), or any wildcard at all for one whose document is not known or grants none. A boundary
 * allowing no wildcard grant of the kind limits it: the role gets no more than the boundary
 * allows. Under AdministratorAccess, which grants whatever the boundary allows, the boundary must allow no broad
 * grant either (see broadBoundaryGrants). A policy whose breadth is no wildcard (AWSLambdaExecute: s3:PutObject on
 * every object) is only named beside the boundary's words, as is every policy under a boundary Parapet cannot read.
 */
export function boundedManagedPolicy(
  inventory: Inventory,
  role: IamRole,
  policy: RolePolicy,
  policyClass: ManagedPolicyClass,
): BoundedManagedPolicy {
  const grants = (input: PolicyInput) => broadActionGrants(input, { inventory });
  const fromDocument = isUnknown(policy.document) ? [] : grants([policy]);
  // A document with no wildcard grant (a `*FullAccess` policy listing its actions one by one) is judged by its
  // name as one not read is: a boundary allowing no wildcard must not make its breadth pass unweighed.
  const hits: BroadActionHit[] =
    fromDocument.length > 0
      ? fromDocument
      : [
          {
            answer: 'yes',
            reason: 'Allow grants wildcards',
            kind: 'not-action',
            allResources: 'yes',
            policy,
          },
        ];
  const bounded = withinBoundary(inventory, role, hits, grants);
  const weighed = WILDCARD_CLASSES.has(policyClass);
  const allowed = bounded.hits.flatMap((hit) => bounded.allowedBy(hit) ?? []);
  const read = bounded.hits.some((hit) => bounded.allowedBy(hit) !== undefined);
  const broad =
    policyClass === 'admin' && bounded.its !== undefined ? broadBoundaryGrants(inventory, role) : undefined;
  const limited =
    weighed && bounded.its !== undefined && bounded.hits.length === 0 && (broad?.hits.length ?? 0) === 0;
  const wildcards = bounded.words(bounded.hits);
  // Under a boundary allowing no wildcard, what it still allows broadly is what AdministratorAccess leaves: named.
  const also =
    broad === undefined || bounded.its === undefined || bounded.hits.length > 0
      ? ''
      : broad.words(bounded.its);
  // A boundary read that allows no wildcard makes no administrator; one not read may allow everything.
  const admin =
    bounded.hits.length === 0 ? bounded.its === undefined : !read || allowed.some(isAdministratorGrant);
  // An administrator can change anything already: its own permissions are worth naming only short of that.
  const escalating = admin ? undefined : broad?.escalating;
  const escalation = escalationWords(escalating, also !== '' ? 'named' : wildcards, bounded.its);
  // IAMFullAccess's iam:* lets the role give itself any permission, unless a boundary read keeps those actions out.
  const takenBack =
    policyClass === 'iam-full-access'
      ? deniedEverywhere(customerPolicies(inventory, role), { inventory })
      : undefined;
  const iamLeft = takenBack === undefined ? undefined : iamActionsLeft(bounded, takenBack);
  return {
    limited,
    admin,
    escalates: escalating !== undefined || (iamLeft?.escalating.length ?? 0) > 0,
    words: `${wildcards}${also}${escalation}`,
    ...(bounded.its === undefined ? {} : { its: bounded.its }),
    ...(iamLeft === undefined ? {} : { iamLeft }),
  };
}

/**
 * What a role's permissions boundary Parapet reads allows broadly, read with the statement checks' analyses: write
 * actions on every resource (of a type), as iam.role-wildcard-resource-write reads them; iam:PassRole on every role;
 * sensitive reads on every resource, as iam.role-wildcard-resource-read reads them. Under AdministratorAccess the
 * role gets all of it (IAM User Guide, "Permissions boundaries for IAM entities": the effective permissions are the
 * intersection of both). `escalating`: the actions, when the boundary lets the role change its own permissions or
 * boundary, or another principal's (see IAM_ESCALATING). Undefined for a boundary not read.
 */
function broadBoundaryGrants(
  inventory: Inventory,
  role: IamRole,
): { hits: PolicyHit[]; words: (its: string) => string; escalating?: readonly string[] } | undefined {
  const document = boundaryDocument(inventory, role);
  if (document === undefined) return undefined;
  const writes = writeOnAllResources(document, writeOptions(inventory));
  const passRole = passRoleGrants(document, { inventory });
  const reads = writeOnAllResources(document, readOptions(inventory));
  const hits: PolicyHit[] = [...writes, ...passRole, ...reads];
  const self = new Set(IAM_ESCALATING.map((action) => action.toLowerCase()));
  const escalating = [
    ...new Set(
      writes
        .filter((hit) => hit.answer === 'yes')
        .flatMap((hit) => (hit.writes ?? []).map((action) => action.name))
        .filter((name) => self.has(name.toLowerCase())),
    ),
  ].sort();
  const words = (its: string) => {
    const certain = hits.filter((hit) => hit.answer === 'yes');
    const unsure = hits.filter((hit) => hit.answer !== 'yes');
    const known =
      certain.length === 0 ? '' : `; ${its} allows ${[...new Set(certain.map(granted))].join(', ')}`;
    const doubt =
      unsure.length === 0
        ? ''
        : `; whether ${its} allows ${known === '' ? 'broad grants' : 'more'} is not known: it ${[...new Set(unsure.map((hit) => hit.reason))].join('; ')}`;
    return `${known}${doubt}`;
  };
  return {
    hits,
    words,
    ...(escalating.length > 0 ? { escalating } : {}),
  };
}

/**
 * `: the role can change its own permissions or boundary (iam:DeleteRolePermissionsBoundary)` after words naming
 * them (`named`); else naming them after what the words say the boundary allows (see escalationWhy). '' for none.
 */
function escalationWords(
  actions: readonly string[] | undefined,
  before: string,
  its: string | undefined,
): string {
  if (actions === undefined || its === undefined) return '';
  const why = escalationWhy(actions, 'can ');
  const { own, names } = escalationNamed(actions);
  if (before === 'named') return `: ${why} (${names.join(', ')})`;
  const lead = before.startsWith(`; ${its} allows `) ? ', and' : `; ${its} allows`;
  return `${lead} ${listedWithAnd(names)} on every ${own ? 'role' : 'resource'}: ${why}`;
}
