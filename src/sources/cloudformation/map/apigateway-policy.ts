import type { PolicyDocument, Statement } from '../../../model/iam.js';
import type { SourceRef } from '../../../model/source.js';
import { isUnknown, unknown, type Value } from '../../../model/values.js';
import type { MapContext } from './context.js';
import { readPolicyDocument } from './policy.js';

type Json = Record<string, unknown>;
type Values = Value<readonly Value<string>[]>;

/** The resource policy of an `AWS::ApiGateway::RestApi` (`Policy`, an IAM policy document); undefined when none. */
export function restApiPolicy(ctx: MapContext, props: Json): Value<PolicyDocument> | undefined {
  if (props.Policy === undefined || props.Policy === null) return undefined;
  const raw = ctx.resolver.shallow(props.Policy);
  // An empty string attaches none: the Serverless Framework writes `Policy: ""` when no resourcePolicy is set.
  if (typeof raw === 'string' && raw.trim() === '') return undefined;
  // CloudFormation also takes the document as a JSON string.
  const parsed = typeof raw === 'string' ? ctx.jsonText(props, 'Policy', raw) : props.Policy;
  if (parsed === undefined) return unknown('the resource policy (Policy) is not a JSON policy document');
  if (isUnknown(parsed)) return parsed;
  return readPolicyDocument(ctx, parsed, ctx.source(props, 'Policy'));
}

/**
 * The statements SAM writes into the API's policy from `Auth.ResourcePolicy` (the API's, Globals merged, and the
 * event's own), as samtranslator swagger.py `add_resource_policy` writes them for the route's path and method:
 * - `CustomStatements` as written;
 * - `AwsAccountWhitelist` / `Blacklist`: Allow / Deny for those accounts;
 * - `IpRangeWhitelist` / `Blacklist`: Allow for `*` and Deny for `*` unless (`NotIpAddress`) / if (`IpAddress`)
 *   aws:SourceIp is in the list;
 * - `SourceVpcWhitelist` / `Blacklist` (and the `Intrinsic...` forms): Allow for `*` and Deny for `*` unless
 *   (`StringNotEquals`) / if (`StringEquals`) aws:SourceVpc or aws:SourceVpce is in the list.
 * The generated statements name the route itself, so they carry no Resource here.
 */
export function samResourcePolicy(
  ctx: MapContext,
  policies: readonly { raw: unknown; where: SourceRef }[],
): Value<PolicyDocument> | undefined {
  const given = policies.filter(({ raw }) => raw !== undefined && raw !== null);
  const first = given[0];
  if (first === undefined) return undefined;
  const statements: Statement[] = [];
  for (const { raw } of given) {
    const policy = ctx.object(raw);
    if (isUnknown(policy))
      return unknown(`Auth.ResourcePolicy is not known before deploy (${policy.reason})`);
    if (policy === undefined) continue;
    const read = samStatements(ctx, policy);
    if (isUnknown(read)) return read;
    statements.push(...read);
  }
  return { statements, source: first.where };
}

function samStatements(ctx: MapContext, policy: Json): Value<Statement[]> {
  const out: Statement[] = [];
  const custom = policy.CustomStatements;
  if (custom !== undefined && custom !== null) {
    const list = Array.isArray(custom) ? custom : [custom];
    const doc = readPolicyDocument(ctx, { Statement: list }, ctx.source(policy, 'CustomStatements'));
    if (isUnknown(doc)) return doc;
    if (isUnknown(doc.statements)) return doc.statements;
    out.push(...doc.statements);
  }
  const at = (key: string) => ctx.source(policy, key);
  const everyone = { AWS: ['*'] };
  const invoke = ['execute-api:Invoke'];
  for (const [key, effect] of [
    ['AwsAccountWhitelist', 'Allow'],
    ['AwsAccountBlacklist', 'Deny'],
  ] as const) {
    if (policy[key] === undefined) continue;
    out.push({ effect, actions: invoke, principals: { AWS: ctx.strings(policy[key]) }, source: at(key) });
  }
  const ranges: readonly [string, string, string][] = [
    ['IpRangeWhitelist', 'NotIpAddress', 'aws:SourceIp'],
    ['IpRangeBlacklist', 'IpAddress', 'aws:SourceIp'],
    ['SourceVpcWhitelist', 'StringNotEquals', 'aws:SourceVpc'],
    ['SourceVpcBlacklist', 'StringEquals', 'aws:SourceVpc'],
    ['IntrinsicVpcWhitelist', 'StringNotEquals', 'aws:SourceVpc'],
    ['IntrinsicVpcBlacklist', 'StringEquals', 'aws:SourceVpc'],
    ['IntrinsicVpceWhitelist', 'StringNotEquals', 'aws:SourceVpce'],
    ['IntrinsicVpceBlacklist', 'StringEquals', 'aws:SourceVpce'],
  ];
  for (const [key, operator, conditionKey] of ranges) {
    if (policy[key] === undefined) continue;
    const values: Values = ctx.strings(policy[key]);
    out.push({ effect: 'Allow', actions: invoke, principals: everyone, source: at(key) });
    out.push({
      effect: 'Deny',
      actions: invoke,
      principals: everyone,
      conditions: { [operator]: { [vpcKey(conditionKey, values)]: values } },
      source: at(key),
    });
  }
  return out;
}

/** SAM sorts a SourceVpc list into VPCs (`vpc-`) and endpoints (`vpce-`); both name where the caller is. */
function vpcKey(key: string, values: Values): string {
  if (key !== 'aws:SourceVpc' || isUnknown(values)) return key;
  return values.every((value) => typeof value === 'string' && value.startsWith('vpce-'))
    ? 'aws:SourceVpce'
    : key;
}
