// A few AWS managed policy documents, shipped as data (src/data/iam-aws-managed-policies.json) so
// that the roles using them can be analysed from a template: the admin-like ones (whose exact grants
// the checks need), the execution policies nearly every Lambda role carries, and the broad ones whose
// name does not say so (SecretsManagerReadWrite grants secretsmanager:* on `*`), which the statement
// checks read like a customer policy (see readByStatementChecks).
import known from '../data/iam-aws-managed-policies.json' with { type: 'json' };
import type { PolicyDocument, Statement } from '../model/iam.js';
import type { SourceRef } from '../model/source.js';

interface RawStatement {
  readonly Sid?: string;
  readonly Effect: string;
  readonly Action?: string | readonly string[];
  readonly NotAction?: string | readonly string[];
  readonly Resource?: string | readonly string[];
  readonly NotResource?: string | readonly string[];
  readonly Condition?: Readonly<Record<string, Readonly<Record<string, string | readonly string[]>>>>;
}

interface KnownPolicy {
  readonly path: string;
  readonly versionId: string;
  readonly readByStatementChecks?: boolean;
  readonly statements: readonly RawStatement[];
}

const POLICIES = (known as { readonly policies: Readonly<Record<string, KnownPolicy>> }).policies;

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

function shipped(name: string, path: string): KnownPolicy | undefined {
  const policy = Object.hasOwn(POLICIES, name) ? POLICIES[name] : undefined;
  return policy?.path === path ? policy : undefined;
}

/**
 * Whether the statement checks read this AWS managed policy like a customer policy: one Parapet ships
 * because its name hides a broad grant (SecretsManagerReadWrite: secretsmanager:* on `*`;
 * AWSKeyManagementServicePowerUser: kms:CreateKey and kms:DeleteAlias on `*`), which
 * iam.role-admin-managed-policy, judging by name, passes. The others stay with that check: the admin-like
 * ones it reports by name, and the execution policies grant what Lambda needs.
 */
export function readByStatementChecks(name: string, path: string): boolean {
  return shipped(name, path)?.readByStatementChecks === true;
}

// Read once per policy: nearly every role of a template carries AWSLambdaBasicExecutionRole.
const readStatements = new Map<string, readonly Omit<Statement, 'source'>[]>();

/**
 * The document of an AWS managed policy Parapet ships, located at `source` (where the policy is
 * attached: findings point there); undefined for the others.
 */
export function awsManagedDocument(
  name: string,
  path: string,
  source: SourceRef,
): PolicyDocument | undefined {
  const policy = shipped(name, path);
  if (policy === undefined) return undefined;
  let statements = readStatements.get(name);
  if (statements === undefined) {
    statements = policy.statements.map(toStatement);
    readStatements.set(name, statements);
  }
  return { statements: statements.map((statement) => ({ ...statement, source })), source };
}
