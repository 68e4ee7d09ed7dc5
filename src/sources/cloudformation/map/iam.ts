import type { AttachedPolicy, IamPolicy, IamRole } from '../../../model/iam.js';
import { isUnknown, unknown } from '../../../model/values.js';
import type { MapContext } from './context.js';
import { readPolicyDocument } from './policy.js';
import type { Mapper } from './types.js';

function inlinePolicies(ctx: MapContext, raw: unknown) {
  return ctx.list(raw, (entry, index, list): AttachedPolicy => {
    const policy = ctx.object(entry);
    const where = ctx.source(list, index);
    if (isUnknown(policy) || policy === undefined) {
      return {
        name: unknown('policy not known before deploy'),
        document: policy ?? unknown('empty policy'),
        source: where,
      };
    }
    const template = ctx.policyTemplate(policy);
    return {
      name: ctx.string(policy.PolicyName) ?? unknown('no PolicyName'),
      document: readPolicyDocument(ctx, policy.PolicyDocument, ctx.source(policy, 'PolicyDocument')),
      source: ctx.source(policy),
      ...(template === undefined ? {} : { policyTemplate: template }),
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
  ),
  inlinePolicies: inlinePolicies(ctx, p.Policies),
  managedPolicyArns: ctx.references(p.ManagedPolicyArns),
  ...managedPolicyArnSources(ctx, p.ManagedPolicyArns),
  permissionsBoundary: ctx.reference(p.PermissionsBoundary),
  ...base,
});

/** Where each ManagedPolicyArns item is written, aligned with what `ctx.references` reads of the list. */
function managedPolicyArnSources(ctx: MapContext, raw: unknown): Pick<IamRole, 'managedPolicyArnSources'> {
  if (!Array.isArray(raw)) return {};
  const sources = ctx.list(raw, (_entry, index, list) => ctx.source(list, index));
  return isUnknown(sources) ? {} : { managedPolicyArnSources: sources };
}

function policy(managed: boolean): Mapper {
  return (ctx, base, p): IamPolicy => ({
    kind: 'iam.policy',
    name: ctx.string(managed ? p.ManagedPolicyName : p.PolicyName),
    managed,
    document: readPolicyDocument(ctx, p.PolicyDocument, ctx.source(p, 'PolicyDocument')),
    roles: ctx.references(p.Roles),
    ...base,
  });
}

export const iamMappers: Record<string, Mapper> = {
  'AWS::IAM::Role': role,
  'AWS::IAM::Policy': policy(false),
  'AWS::IAM::ManagedPolicy': policy(true),
};
