import {
  type BroadActionHit,
  coversAction,
  denyOutcome,
  denyReach,
  denyStatements,
  type HitOptions,
  IAM_ESCALATING,
  type PolicyInput,
  ROLE_SELF_ESCALATING,
  wildcardMatches,
} from '../../iam/index.js';
import { listed } from './all-resource-words.js';
import { mayAllowAction } from './permissions-boundary.js';

/**
 * The escalating actions (IAM_ESCALATING: iam:PutRolePolicy, iam:AttachRolePolicy, ... by which the role changes its
 * own permissions or boundary; iam:CreateAccessKey, iam:AttachUserPolicy, ... by which it takes or raises another
 * principal's) that `iam:*` on every resource grants, or that `"*"` on every resource still certainly grants once a
 * Deny's NotAction has cut it
 * (`*` less a Deny of `NotAction: iam:*` keeps `iam:*`) and its permissions boundary has (`allowed`: the boundary's
 * hits allowing it, undefined when no boundary is read). Such a grant is no administrator's as written, but the role
 * can make itself or another principal one: privilege escalation, critical, as iam.role-admin-managed-policy rates
 * AdministratorAccess under a boundary that leaves those actions, and as this check rates `"*"` a NotResource leaves
 * on a role (see escalationOn). Empty where a part is not known before deploy (`NotAction: !Ref Kept`): a guess never
 * raises a severity.
 */
export function escalationLeft(
  hit: BroadActionHit,
  allowed: readonly BroadActionHit[] | undefined,
): readonly string[] {
  if (hit.answer !== 'yes' || hit.allResources !== 'yes') return [];
  // `*`, or `iam:*` (which IAMFullAccess grants too): each includes those actions. A NotAction is left as it is.
  const whole =
    hit.kind === 'all-actions'
      ? '*'
      : hit.kind === 'service-wildcard' && hit.service === 'iam'
        ? 'iam:*'
        : undefined;
  if (whole === undefined || hit.left?.doubt !== undefined) return [];
  const patterns = hit.left?.patterns ?? [whole];
  const leftByDenies = (action: string) =>
    patterns.some((pattern) => !pattern.includes('${') && wildcardMatches(pattern, action, true));
  // A boundary's statement allowing it on every resource, for certain (`iam:*` on `*`, `*` on `*`).
  const allowedByBoundary = (action: string) =>
    allowed === undefined ||
    allowed.some(
      (other) => other.answer === 'yes' && other.allResources === 'yes' && mayAllowAction(other, action),
    );
  return IAM_ESCALATING.filter((action) => leftByDenies(action) && allowedByBoundary(action)).sort();
}

/**
 * The escalating actions (see escalationLeft) worth naming: the role's own (ROLE_SELF_ESCALATING) while any is left,
 * else the others, sorted.
 */
export function escalationNamed(actions: readonly string[]): {
  readonly own: boolean;
  readonly names: readonly string[];
} {
  const sorted = [...new Set(actions)].sort();
  const own = sorted.filter((action) => ROLE_SELF_ESCALATING.includes(action));
  return own.length > 0 ? { own: true, names: own } : { own: false, names: sorted };
}

/**
 * Why escalating actions are privilege escalation: `the role change its own permissions or boundary` while any of its
 * own is left, else `the role give other IAM principals more permissions or take over IAM users` (`modal`: `can `).
 */
export function escalationWhy(actions: readonly string[], modal = ''): string {
  return escalationNamed(actions).own
    ? `the role ${modal}change its own permissions or boundary`
    : `the role ${modal}give other IAM principals more permissions or take over IAM users`;
}

/**
 * `; what is left lets the role change its own permissions or boundary (iam:...): privilege escalation` (`cut`: what a
 * Deny or the boundary left of `"*"`), `; it lets ...` for a grant as written, or ''; the role's own actions all
 * named, the others' first few (see escalationWhy).
 */
export function selfEscalationWords(actions: readonly string[], cut = true): string {
  if (actions.length === 0) return '';
  const { own, names } = escalationNamed(actions);
  const named = own ? names.join(', ') : listed(names);
  return `; ${cut ? 'what is left' : 'it'} lets ${escalationWhy(actions)} (${named}): privilege escalation`;
}

/**
 * Whether a Deny of these policies, without conditions, takes an action back on every resource (`Deny iam:PutRolePolicy
 * on *`): such an action is no way to escalate, whatever the Allow grants. A Deny not known before deploy, or with
 * conditions, takes nothing back here: a guess never lowers a severity either.
 */
export function deniedEverywhere(policies: PolicyInput, options: HitOptions): (action: string) => boolean {
  const denies = denyStatements(policies, options);
  if (denies.length === 0) return () => false;
  return (action) =>
    denyOutcome(
      denies,
      (statement) => coversAction(statement, action, options),
      (statement) => denyReach(statement, 'all', options),
      false,
    ).answer === 'yes';
}
