import type { Statement } from '../model/iam.js';
import type { SourceRef } from '../model/source.js';
import { isUnknown, type Value } from '../model/values.js';
import { type DenyStatement, denyOutcome, type UncertainDeny } from './denies.js';
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
  /**
   * Set where each of `actions` is one a Deny not known before deploy may take back (none certainly left): escalation
   * unless one of these Denies does, each with what of it is not known. Such an escalation raises no severity.
   */
  readonly unlessDenied?: readonly UncertainDeny[];
}

/** The entities, actions and (for those a Deny may take back) Denies escalationOn finds. */
class EscalationFound {
  readonly entities = new Set<IamEntity>();
  readonly every = new Set<IamEntity>();
  readonly actions = new Set<string>();
  readonly denies = new Map<DenyStatement, Set<string>>();

  add(entity: IamEntity, arn: string, action: string, uncertain: readonly UncertainDeny[] = []): void {
    this.entities.add(entity);
    if (typeScopeOf(arn) !== undefined) this.every.add(entity);
    this.actions.add(action);
    for (const { by, doubts } of uncertain) {
      const known = this.denies.get(by) ?? new Set<string>();
      for (const doubt of doubts) known.add(doubt);
      this.denies.set(by, known);
    }
  }

  escalation(): Escalation | undefined {
    if (this.actions.size === 0) return undefined;
    const every = this.every.size > 0 ? { every: [...this.every] } : {};
    const denies = [...this.denies].map(([by, doubts]) => ({ by, doubts: [...doubts] }));
    const unless = denies.length > 0 ? { unlessDenied: denies } : {};
    return { entities: [...this.entities], ...every, actions: [...this.actions], ...unless };
  }
}

/**
 * Whether what an Allow grants (`grants`: whether it grants an action) on the resources `kept` (what a Deny's NotResource leaves it)
 * includes an escalating action (see ESCALATING) on one of them that no Deny of `denies` certainly takes back: then
 * the grant, though on one role, is a way to any permission. A Deny that may apply is not weighed against it: this
 * raises a severity, which a guess must not; where such Denies alone may take back every escalating action left, the
 * escalation says so (Escalation.unlessDenied), naming them, and raises nothing.
 */
export function escalationOn(
  grants: (action: string) => Tri,
  kept: readonly Value<string>[],
  /** Where `kept` is written (the NotResource that keeps it): a Deny's NotResource is weighed against it as written. */
  where: SourceRef,
  denies: readonly DenyStatement[],
  options: AnalysisOptions = {},
): Escalation | undefined {
  const certain = new EscalationFound();
  const uncertain = new EscalationFound();
  for (const value of kept) {
    const named = iamEntityOf(value, options);
    if (named === undefined) continue;
    // A Resource must cover the entity's ARN (a role of the template: any name), or the text as written (a Deny on
    // `!GetAtt AdminRole.Arn` names that role); a NotResource keeps it when it keeps the text as written
    // (`${AdminRole.Arn}`, which names that role alone).
    const written = comparedText(value, where);
    const reach = (deny: Statement) => {
      if (written === undefined) return denyReach(deny, [named.arn], options);
      if (deny.notResources !== undefined) return denyReach(deny, [written], options);
      const asArn = denyReach(deny, [named.arn], options);
      if (asArn.covers.answer === 'yes') return asArn;
      const asWritten = denyReach(deny, [written], options);
      return asWritten.covers.answer === 'no' ? asArn : asWritten;
    };
    for (const action of ESCALATING[named.entity]) {
      if (grants(action) !== 'yes') continue;
      const denied = denyOutcome(denies, (deny) => coversAction(deny, action, options), reach, false);
      if (denied.answer === 'no') certain.add(named.entity, named.arn, action);
      else if (denied.answer === 'unknown') uncertain.add(named.entity, named.arn, action, denied.uncertain);
    }
  }
  return certain.escalation() ?? uncertain.escalation();
}
