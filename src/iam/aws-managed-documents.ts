// The documents of AWS managed policies, shipped as data so that the roles using them can be analysed from
// a template. Two files: a few hand-checked ones nearly every template names (src/data/iam-aws-managed-policies.json:
// the execution policies nearly every Lambda role carries, the admin-like ones), read with the code; and every
// policy a customer role can carry (iam-aws-managed-policies-all.json.gz, written by
// scripts/update-aws-managed-policies.mjs), read only when a template names one the small file does not hold:
// 2.4 MB of JSON that a scan of Lambda roles with the usual policies should not pay for.
import type { PolicyDocument, Statement } from '../model/iam.js';
import type { SourceRef } from '../model/source.js';
import { awsManagedPoliciesAsOf, knownAwsManagedPolicy, type RawStatement } from './aws-managed-data.js';
import { DEPRECATED_READ_POLICIES } from './deprecated-read-policies.js';
import { managedPolicyName } from './managed-policies.js';

export { awsManagedPoliciesAsOf } from './aws-managed-data.js';

const asList = (value: string | readonly string[] | undefined) =>
  value === undefined ? undefined : typeof value === 'string' ? [value] : value;

function toStatement(raw: RawStatement): Omit<Statement, 'source'> {
  const fields = {
    actions: asList(raw.Action),
    notActions: asList(raw.NotAction),
    resources: asList(raw.Resource),
    notResources: asList(raw.NotResource),
  };
  const conditions =
    raw.Condition === undefined
      ? undefined
      : Object.fromEntries(
          Object.entries(raw.Condition).map(([operator, keys]) => [
            operator,
            Object.fromEntries(Object.entries(keys).map(([key, values]) => [key, asList(values) ?? []])),
          ]),
        );
  return {
    ...(raw.Sid === undefined ? {} : { sid: raw.Sid }),
    effect: raw.Effect === 'Deny' ? 'Deny' : 'Allow',
    ...Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)),
    ...(conditions === undefined ? {} : { conditions }),
  };
}

// Read once per policy: nearly every role of a template carries AWSLambdaBasicExecutionRole.
const readStatements = new Map<string, readonly Omit<Statement, 'source'>[]>();

/**
 * The document of an AWS managed policy, located at `source` (where the policy is attached: findings point
 * there); undefined when no AWS managed policy of that path and name was known as of awsManagedPoliciesAsOf
 * (one added since, a misspelt name, or the right name under another path).
 */
export function awsManagedDocument(
  name: string,
  path: string,
  source: SourceRef,
): PolicyDocument | undefined {
  const policy = knownAwsManagedPolicy(name, path)?.policy;
  if (policy === undefined) return undefined;
  let statements = readStatements.get(name);
  if (statements === undefined) {
    statements = policy.statements.map(toStatement);
    readStatements.set(name, statements);
  }
  return { statements: statements.map((statement) => ({ ...statement, source })), source };
}

/**
 * Why an AWS managed policy has no document: `no AWS managed policy service-role/X was known as of 2026-08-26: ...`.
 * Not an error: AWS adds policies after the data's date; a misspelt name (or path) fails the deploy; a deprecated
 * policy (DEPRECATED_READ_POLICIES) is one the data no longer lists.
 */
export function unknownAwsManagedPolicy(name: string, path: string): string {
  // AWS service role policies attach only to their service's service-linked role (IAM API Reference,
  // AttachRolePolicy: PolicyNotAttachable), never to a role a template makes.
  if (path === '/aws-service-role/') {
    return (
      `AWS managed policy ${managedPolicyName(path, name)} is a service-linked role policy: IAM attaches it only to ` +
      'the service-linked role of its service, so attaching it to this role fails the deploy ' +
      '(AttachRolePolicy: PolicyNotAttachable)'
    );
  }
  // A deprecated policy the data lists no more: AWS did not add it since, and it deploys where a role already has it.
  if (Object.hasOwn(DEPRECATED_READ_POLICIES, `${path}${name}`)) {
    return "it is deprecated: AWS keeps it working on roles that already carry it; Parapet's data no longer holds it";
  }
  return (
    `no AWS managed policy ${managedPolicyName(path, name)} was known as of ${awsManagedPoliciesAsOf()}: ` +
    'AWS added it since, or its name or path is misspelt, which fails the deploy'
  );
}
