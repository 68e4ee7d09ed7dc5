import type { AttachedPolicy, IamPolicy, IamRole, PolicyPlace } from '../../../model/iam.js';
import { invalid, isUnknown, unknown } from '../../../model/values.js';
import { intrinsicName } from '../intrinsic-values.js';
import type { MapContext } from './context.js';
import { readPolicyDocument } from './policy.js';
import type { PolicyGrammar } from './policy-grammar.js';
import type { BaseFields, Mapper } from './types.js';

/**
 * How errors name an inline policy the user wrote: by its PolicyName, or by its place in the SAM function's
 * Policies for one SAM made (`<Role>Policy<index>`). Undefined for one SAM made from a policy template: its
 * statements are SAM's, not the user's.
 */
function inlinePolicyLabel(
  ctx: MapContext,
  base: BaseFields,
  policy: Record<string, unknown>,
  index: number,
): string | undefined {
  if (ctx.policyTemplate(policy) !== undefined) return undefined;
  const name = policy.PolicyName;
  if (base.generatedBy !== undefined && typeof name === 'string') {
    const samIndex = /^(\d+)$/.exec(name.slice(`${base.id}Policy`.length))?.[1];
    if (name.startsWith(`${base.id}Policy`) && samIndex !== undefined) return `Policies[${samIndex}]`;
  }
  return typeof name === 'string' ? `inline policy ${name}` : `Policies[${index}]`;
}

/** The grammar of an identity policy errors name `label`; none for one SAM made from a policy template. */
function identityGrammar(label: string | undefined): PolicyGrammar | undefined {
  return label === undefined ? undefined : { kind: 'identity', label };
}

function inlinePolicies(ctx: MapContext, base: BaseFields, raw: unknown) {
  // A name is fixed only where the list and the entry are written in place: one an `!If` chooses is not.
  const written = Array.isArray(raw);
  return ctx.list(raw, (entry, index, list): AttachedPolicy => {
    const policy = ctx.object(entry);
    const where = ctx.source(list, index);
    if (isUnknown(policy) || policy === undefined) {
      return {
        name: unknown('policy not known before deploy'),
        document: policy ?? unknown('empty policy'),
        source: where,
        place: { list: 'Policies', index, fixed: false },
      };
    }
    const template = ctx.policyTemplate(policy);
    const fixed = written && intrinsicName(entry) === undefined && ctx.fixed(policy.PolicyName);
    return {
      name: ctx.string(policy.PolicyName) ?? unknown('no PolicyName'),
      document: readPolicyDocument(
        ctx,
        policy.PolicyDocument,
        ctx.source(policy, 'PolicyDocument'),
        identityGrammar(inlinePolicyLabel(ctx, base, policy, index)),
      ),
      source: ctx.source(policy),
      ...(template === undefined ? {} : { policyTemplate: template }),
      // A fixed name identifies the policy itself: its place is only kept where it must stand in for the name.
      ...(fixed ? {} : { place: { list: 'Policies' as const, index, fixed } }),
    };
  });
}

const role: Mapper = (ctx, base, p): IamRole => ({
  kind: 'iam.role',
  name: ctx.string(p.RoleName),
  assumeRolePolicy: readPolicyDocument(
    ctx,
    p.AssumeRolePolicyDocument,
    ctx.source(p, 'AssumeRolePolicyDocument'),
    { kind: 'trust', label: 'AssumeRolePolicyDocument' },
  ),
  inlinePolicies: inlinePolicies(ctx, base, p.Policies),
  managedPolicyArns: withoutUnsubstituted(ctx, p.ManagedPolicyArns, ctx.references(p.ManagedPolicyArns)),
  ...managedPolicyArnSources(ctx, p.ManagedPolicyArns),
  permissionsBoundary: ctx.reference(p.PermissionsBoundary),
  ...base,
});

/** `{AWS::Partition}` or `${AWS::Partition}` written in plain text: CloudFormation substitutes it only in Fn::Sub. */
const UNSUBSTITUTED = /\$?\{AWS::[A-Za-z]+\}/;

/**
 * ManagedPolicyArns with an item written `arn:{AWS::Partition}:iam::aws:policy/...` (a `$` or a `!Sub`
 * forgotten): IAM refuses that ARN, so it is a scan error at the item, and the item an invalid value, not a
 * policy "outside the template" three checks would call unknown.
 */
function withoutUnsubstituted(
  ctx: MapContext,
  raw: unknown,
  read: ReturnType<MapContext['references']>,
): ReturnType<MapContext['references']> {
  if (!Array.isArray(raw) || isUnknown(read) || read === undefined) return read;
  if (!raw.some((item) => typeof item === 'string' && UNSUBSTITUTED.test(item))) return read;
  return read.map((value, index) => {
    const item = raw[index];
    if (typeof item !== 'string' || !UNSUBSTITUTED.test(item)) return value;
    ctx.reject(
      raw,
      index,
      ['ManagedPolicyArns', index],
      `holds ${UNSUBSTITUTED.exec(item)?.[0]}, which CloudFormation substitutes only in Fn::Sub: IAM refuses the ARN. Write it !Sub 'arn:\${AWS::Partition}:…'`,
    );
    return invalid('a pseudo parameter written outside Fn::Sub');
  });
}

/**
 * Where each ManagedPolicyArns item is written, and whether its ARN is fixed (see PolicyPlace), aligned with
 * what `ctx.references` reads of the list. Not for a list a parameter or an `!If` gives as a whole.
 */
function managedPolicyArnSources(
  ctx: MapContext,
  raw: unknown,
): Pick<IamRole, 'managedPolicyArnSources' | 'managedPolicyArnPlaces'> {
  if (!Array.isArray(raw)) return {};
  // One pass for both: places are kept only where some ARN is not fixed (a fixed one identifies itself).
  const places: PolicyPlace[] = [];
  const sources = ctx.list(raw, (entry, index, list) => {
    places.push({ list: 'ManagedPolicyArns', index, fixed: ctx.fixed(entry) });
    return ctx.source(list, index);
  });
  if (isUnknown(sources)) return {};
  return places.every((place) => place.fixed)
    ? { managedPolicyArnSources: sources }
    : { managedPolicyArnSources: sources, managedPolicyArnPlaces: places };
}

function policy(managed: boolean): Mapper {
  return (ctx, base, p): IamPolicy => ({
    kind: 'iam.policy',
    name: ctx.string(managed ? p.ManagedPolicyName : p.PolicyName),
    managed,
    document: readPolicyDocument(
      ctx,
      p.PolicyDocument,
      ctx.source(p, 'PolicyDocument'),
      identityGrammar('PolicyDocument'),
    ),
    roles: ctx.references(p.Roles),
    ...base,
  });
}

/**
 * `AWS::IAM::RolePolicy`: an inline policy embedded in the one role its `RoleName` names (CloudFormation
 * Template Reference, AWS::IAM::RolePolicy: PolicyDocument, PolicyName, RoleName). Read as an
 * `AWS::IAM::Policy` whose `Roles` holds that one name, so every check reading a role's policies reads it.
 */
const rolePolicy: Mapper = (ctx, base, p): IamPolicy => {
  const roleName = ctx.reference(p.RoleName);
  return {
    kind: 'iam.policy',
    name: ctx.string(p.PolicyName),
    managed: false,
    document: readPolicyDocument(
      ctx,
      p.PolicyDocument,
      ctx.source(p, 'PolicyDocument'),
      identityGrammar('PolicyDocument'),
    ),
    roles: roleName === undefined ? [] : [roleName],
    ...base,
  };
};

export const iamMappers: Record<string, Mapper> = {
  'AWS::IAM::Role': role,
  'AWS::IAM::Policy': policy(false),
  'AWS::IAM::RolePolicy': rolePolicy,
  'AWS::IAM::ManagedPolicy': policy(true),
};
