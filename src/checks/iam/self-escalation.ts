import {
  type AnalysisOptions,
  actionsOnTypeStart,
  type BroadActionHit,
  coversAction,
  denyOutcome,
  denyReach,
  denyStatements,
  grantedResources,
  type HitOptions,
  IAM_ESCALATING,
  type PolicyInput,
  ROLE_SELF_ESCALATING,
  SELF_ACCOUNT,
  sameDeployText,
  typedResources,
  wildcardMatches,
} from '../../iam/index.js';
import type { Statement } from '../../model/iam.js';
import { listed } from './all-resource-words.js';
import { mayAllowAction } from './permissions-boundary.js';

/**
 * The escalating actions (IAM_ESCALATING: iam:PutRolePolicy, iam:AttachRolePolicy, ... by which the role changes its
 * own permissions or boundary; iam:CreateAccessKey, iam:AttachUserPolicy, ... by which it takes or raises another
 * principal's) that `iam:*` grants on every resource, or on every IAM role, user, group or policy of the account
 * (see escalationReach), or that `"*"` there still certainly grants once a Deny's NotAction has cut it
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
  options: AnalysisOptions = {},
): readonly string[] {
  if (hit.answer !== 'yes') return [];
  const reach = escalationReach(hit, options);
  if (reach === undefined) return [];
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
  return IAM_ESCALATING.filter(
    (action) => reach(action) && leftByDenies(action) && allowedByBoundary(action),
  ).sort();
}

/**
 * Which escalating actions a hit's resources reach: all, on every resource; on every IAM role, user, group or managed
 * policy of the account (`arn:aws:iam::*:role/*`, `arn:${AWS::Partition}:iam::${AWS::AccountId}:role/*`, the role's
 * own among them), those the catalog lists on that type (iam:PutRolePolicy and iam:UpdateAssumeRolePolicy on a role,
 * iam:CreateAccessKey on a user). An IAM action acts only in the account of the caller (IAM API Reference: its
 * resources are the account's), so an account written in the ARN counts only when it is the deploying one; a literal
 * account may not be (a guess never raises a severity). Undefined where they reach none.
 */
function escalationReach(
  hit: BroadActionHit,
  options: AnalysisOptions,
): ((action: string) => boolean) | undefined {
  if (hit.allResources === 'yes') return () => true;
  if (hit.statement === undefined || hit.limitedBy !== undefined) return undefined;
  const account = options.selfAccount ?? SELF_ACCOUNT;
  const acting = typedResources(hit.statement, options).flatMap((typed) => {
    if (typed.answer !== 'yes' || typed.scope.service !== 'iam') return [];
    // `${AWS::AccountId}` read as the deploying account, as instantiate reads it.
    const field = /^arn:[^:]*:iam:[^:]*:([^:]*):/.exec(sameDeployText(typed.written, options))?.[1];
    if (field === undefined || !(/^\*+$/.test(field) || field === account)) return [];
    return [actionsOnTypeStart('iam', typed.start)];
  });
  if (acting.length === 0 || acting.some((set) => set === undefined)) return undefined;
  return (action) => acting.some((set) => set?.has(action) ?? false);
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
  return `; ${cut ? 'what is left' : 'it'} ${escalationPath(actions)}`;
}

/**
 * `lets the role change its own permissions or boundary (iam:...): privilege escalation`: the way escalating actions
 * (not none) lead, the role's own all named, the others' first few (see escalationWhy).
 */
export function escalationPath(actions: readonly string[]): string {
  const { own, names } = escalationNamed(actions);
  const named = own ? names.join(', ') : listed(names);
  return `lets ${escalationWhy(actions)} (${named}): privilege escalation`;
}

/**
 * Whether a Deny of these policies, without conditions, takes an action back on every resource (`Deny iam:PutRolePolicy
 * on *`), or on every resource an Allow statement grants it on (`on`: a Deny of it on `arn:aws:iam::*:role/*` beside
 * `iam:*` there): such an action is no way to escalate, whatever the Allow grants. A Deny not known before deploy, or
 * with conditions, takes nothing back here: a guess never lowers a severity either.
 */
export function deniedEverywhere(
  policies: PolicyInput,
  options: HitOptions,
): (action: string, on?: Statement) => boolean {
  const denies = denyStatements(policies, options);
  if (denies.length === 0) return () => false;
  return (action, on) =>
    denyOutcome(
      denies,
      (statement) => coversAction(statement, action, options),
      (statement) => denyReach(statement, on === undefined ? 'all' : grantedResources(on), options),
      false,
    ).answer === 'yes';
}
