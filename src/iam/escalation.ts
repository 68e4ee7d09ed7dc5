import type { Statement } from '../model/iam.js';
import type { SourceRef } from '../model/source.js';
import { isUnknown, type Value } from '../model/values.js';
import { type DenyStatement, denyOutcome } from './denies.js';
import { denyReach } from './deny-reach.js';
import { typeScopeOf } from './resource-scope.js';
import { coversAction } from './statements.js';
import { type AnalysisOptions, comparedText, instantiate, OPAQUE, SELF_ACCOUNT } from './templates.js';
import type { Tri } from './tri.js';

/** The IAM identities and policies whose permissions can be changed through their ARN. */
export type IamEntity = 'role' | 'user' | 'group' | 'policy';

/**
 * The permissions-management actions that, granted on one role, user, group or managed policy, let the holder give
 * it any permission: an inline policy (iam:Put*Policy), a managed one (iam:Attach*Policy), a new default version of a
 * policy (iam:CreatePolicyVersion), its boundary removed, or (for a role) a trust policy letting the holder assume it
 * (iam:UpdateAssumeRolePolicy; sts:AssumeRole is then granted on the same ARN). Each acts on that entity's ARN (IAM API
 * Reference: AttachRolePolicy, PutRolePolicy, UpdateAssumeRolePolicy take the role; Service Authorization Reference
 * for IAM: their resource type is `role`, `user`, `group` or `policy`).
 */
const ESCALATING: Readonly<Record<IamEntity, readonly string[]>> = {
  role: [
    'iam:AttachRolePolicy',
    'iam:PutRolePolicy',
    'iam:UpdateAssumeRolePolicy',
    'iam:DeleteRolePermissionsBoundary',
  ],
  user: ['iam:AttachUserPolicy', 'iam:PutUserPolicy', 'iam:DeleteUserPermissionsBoundary'],
  group: ['iam:AttachGroupPolicy', 'iam:PutGroupPolicy'],
  policy: ['iam:CreatePolicyVersion', 'iam:SetDefaultPolicyVersion'],
};

/**
 * The actions by which a role changes its own permissions or permissions boundary (see ESCALATING), and
 * iam:PutRolePermissionsBoundary, which sets its boundary to a broader policy (IAM API Reference,
 * DeleteRolePermissionsBoundary: "Deleting the permissions boundary for a role might increase its permissions").
 */
export const ROLE_SELF_ESCALATING: readonly string[] = [...ESCALATING.role, 'iam:PutRolePermissionsBoundary'];

/**
 * The IAM actions that, granted on every resource, are a way to more permissions than the grant: privilege escalation
 * (Rhino Security Labs, "AWS IAM Privilege Escalation – Methods and Mitigation"; hackingthe.cloud, "AWS IAM Privilege
 * Escalation Techniques"). The role's own permissions or boundary changed (ROLE_SELF_ESCALATING), or another
 * principal's: a policy put on or attached to any user or group, a new default version of any managed policy, a user's
 * boundary removed or set to a broader policy (ESCALATING); and another user's permissions taken: an access key or a
 * console password created or reset for any user (an administrator's), any user added to any group (an administrators'
 * one). Each needs no other action. iam:PassRole, which needs a service's create action as well (lambda:CreateFunction,
 * ec2:RunInstances), is iam.role-passrole-wildcard's.
 */
export const IAM_ESCALATING: readonly string[] = [
  ...ROLE_SELF_ESCALATING,
  ...ESCALATING.user,
  'iam:PutUserPermissionsBoundary',
  ...ESCALATING.group,
  ...ESCALATING.policy,
  'iam:CreateAccessKey',
  'iam:CreateLoginProfile',
  'iam:UpdateLoginProfile',
  'iam:AddUserToGroup',
];

/** The template's kinds whose `Arn` (roles) or `Ref` (managed policies) is an IAM entity's ARN. */
const KINDS: Readonly<Record<string, { readonly entity: IamEntity; readonly ref: 'Arn' | '' }>> = {
  'iam.role': { entity: 'role', ref: 'Arn' },
  'iam.policy': { entity: 'policy', ref: '' },
};

const ENTITY_ARN = /^arn:[^:]*:iam::[^:]*:(role|user|group|policy)\//;

/**
 * The IAM entity an ARN names, and the ARN as a Deny's Resource must cover it: a literal ARN or one built with
 * `${AWS::AccountId}` (`arn:aws:iam::123456789012:role/admin`), `!GetAtt Role.Arn` of a role of the template, or
 * `!Ref` of its managed policy; undefined for anything else.
 */
export function iamEntityOf(
  value: Value<string>,
  options: AnalysisOptions = {},
): { entity: IamEntity; arn: string } | undefined {
  const whole = isUnknown(value) ? /^\$\{([^}.]+)(?:\.(Arn))?\}$/.exec(value.template ?? '') : null;
  if (whole) {
    const resource = options.inventory?.resolve(whole[1] as string);
    const kind = resource === undefined ? undefined : KINDS[resource.kind];
    if (resource === undefined || kind === undefined || kind.ref !== (whole[2] ?? '')) return undefined;
    if ('external' in resource && resource.external) return undefined;
    if ('managed' in resource && resource.managed !== true) return undefined;
    const account = options.selfAccount ?? SELF_ACCOUNT;
    return { entity: kind.entity, arn: `arn:aws:iam::${account}:${kind.entity}/${OPAQUE}` };
  }
  const arn = instantiate(value, 'narrow', options);
  const entity = arn === undefined ? undefined : ENTITY_ARN.exec(arn)?.[1];
  return entity === undefined || arn === undefined ? undefined : { entity: entity as IamEntity, arn };
}

/** Escalation through the entities a grant is left on: which, and the actions that make it one. */
export interface Escalation {
  readonly entities: readonly IamEntity[];
  /** Those of `entities` reached as every one of their type (`arn:aws:iam::*:role/*`), not one. */
  readonly every?: readonly IamEntity[];
  readonly actions: readonly string[];
}

/**
 * Whether what an Allow grants (`grants`: whether it grants an action) on the resources `kept` (what a Deny's NotResource leaves it)
 * includes an escalating action (see ESCALATING) on one of them that no Deny of `denies` certainly takes back: then
 * the grant, though on one role, is a way to any permission. A Deny that may apply is not weighed against it: this
 * raises a severity, which a guess must not.
 */
export function escalationOn(
  grants: (action: string) => Tri,
  kept: readonly Value<string>[],
  /** Where `kept` is written (the NotResource that keeps it): a Deny's NotResource is weighed against it as written. */
  where: SourceRef,
  denies: readonly DenyStatement[],
  options: AnalysisOptions = {},
): Escalation | undefined {
  const entities = new Set<IamEntity>();
  const every = new Set<IamEntity>();
  const actions = new Set<string>();
  for (const value of kept) {
    const named = iamEntityOf(value, options);
    if (named === undefined) continue;
    // A Resource must cover the entity's ARN (a role of the template: any name); a NotResource keeps it when it
    // keeps the text as written (`${AdminRole.Arn}`, which names that role alone).
    const written = comparedText(value, where);
    const resources = (deny: Statement) =>
      deny.notResources !== undefined && written !== undefined ? [written] : [named.arn];
    for (const action of ESCALATING[named.entity]) {
      if (grants(action) !== 'yes') continue;
      const denied = denyOutcome(
        denies,
        (deny) => coversAction(deny, action, options),
        (deny) => denyReach(deny, resources(deny), options),
        false,
      );
      if (denied.answer !== 'no') continue;
      entities.add(named.entity);
      if (typeScopeOf(named.arn) !== undefined) every.add(named.entity);
      actions.add(action);
    }
  }
  if (actions.size === 0) return undefined;
  return { entities: [...entities], ...(every.size > 0 ? { every: [...every] } : {}), actions: [...actions] };
}
