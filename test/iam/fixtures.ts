import type { IamPolicy, IamRole, PolicyDocument, Principals, Statement } from '../../src/model/iam.js';
import type { LambdaFunction, LambdaPermission } from '../../src/model/lambda.js';
import type { CloudSource } from '../../src/model/source.js';
import { type Unknown, unknown, type Value } from '../../src/model/values.js';
import { functionModel, permissionModel } from '../helpers/model.js';

export const here: CloudSource = { arn: 'arn:aws:iam::111122223333:policy/test' };

/**
 * A pattern of every resource of each AWS partition, written out: the commercial ones, the isolated (ISO) Regions
 * and the European Sovereign Cloud (the AWS SDKs' endpoint data, partitions.json).
 */
export const EVERY_PARTITION = [
  'arn:aws:*',
  'arn:aws-cn:*',
  'arn:aws-us-gov:*',
  'arn:aws-iso:*',
  'arn:aws-iso-b:*',
  'arn:aws-iso-e:*',
  'arn:aws-iso-f:*',
  'arn:aws-eusc:*',
] as const;

type List = Value<readonly Value<string>[]>;
/** A string (a list of one), a list whose elements may be Unknown, or an Unknown standing for the whole list. */
type ListInput = List | string;

function list(value: ListInput | undefined): List | undefined {
  return typeof value === 'string' ? [value] : value;
}

/** A statement written the way IAM writes it; single strings become lists as the model does. */
export function st(fields: {
  effect?: Value<'Allow' | 'Deny'>;
  action?: ListInput;
  notAction?: ListInput;
  resource?: ListInput;
  notResource?: ListInput;
  principal?: Value<Principals> | '*';
  notPrincipal?: Value<Principals>;
  condition?: Statement['conditions'];
  sid?: string;
}): Statement {
  const out: Record<string, unknown> = { effect: fields.effect ?? 'Allow', source: { ...here } };
  if (fields.sid !== undefined) out.sid = fields.sid;
  if (fields.action !== undefined) out.actions = list(fields.action);
  if (fields.notAction !== undefined) out.notActions = list(fields.notAction);
  if (fields.resource !== undefined) out.resources = list(fields.resource);
  if (fields.notResource !== undefined) out.notResources = list(fields.notResource);
  if (fields.principal !== undefined)
    out.principals = fields.principal === '*' ? { AWS: ['*'] } : fields.principal;
  if (fields.notPrincipal !== undefined) out.notPrincipals = fields.notPrincipal;
  if (fields.condition !== undefined) out.conditions = fields.condition;
  return out as unknown as Statement;
}

export function doc(...statements: Statement[]): PolicyDocument {
  return { statements, source: { ...here } };
}

/** `!Ref Param` of a parameter without default. */
export function param(name: string): Unknown {
  return unknown(`from parameter ${name}, which has no default`, `\${${name}}`);
}

/** A `!Sub` string with unknown parts. */
export function sub(template: string): Unknown {
  return unknown('part of the string is not known before deploy', template);
}

export function role(id: string, fields: Partial<IamRole> = {}): IamRole {
  return {
    kind: 'iam.role',
    id,
    type: 'AWS::IAM::Role',
    source: { arn: `role:${id}` },
    name: undefined,
    assumeRolePolicy: doc(st({ action: 'sts:AssumeRole', principal: { Service: ['lambda.amazonaws.com'] } })),
    inlinePolicies: [],
    managedPolicyArns: [],
    permissionsBoundary: undefined,
    ...fields,
  };
}

export function policy(
  id: string,
  document: Value<PolicyDocument>,
  roles: IamPolicy['roles'],
  managed = false,
): IamPolicy {
  return {
    kind: 'iam.policy',
    id,
    type: managed ? 'AWS::IAM::ManagedPolicy' : 'AWS::IAM::Policy',
    source: { arn: `policy:${id}` },
    name: id,
    managed,
    document,
    roles,
  };
}

export function fn(id: string, roleRef: Value<string>): LambdaFunction {
  return functionModel({ id, source: { arn: `function:${id}` }, role: roleRef });
}

export function permission(
  fields: Partial<LambdaPermission> & { principal: Value<string> },
): LambdaPermission {
  return permissionModel({ id: 'Permission', source: { arn: 'permission' }, functionRef: 'Fn', ...fields });
}
