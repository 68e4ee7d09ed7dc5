// A few AWS managed policy documents, shipped as data (src/data/iam-aws-managed-policies.json) so
// that the roles using them can be analysed from a template: the admin-like ones (whose exact grants
// the checks need) and the execution policies nearly every Lambda role carries.
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
}

interface KnownPolicy {
  readonly path: string;
  readonly versionId: string;
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
  return {
    ...(raw.Sid === undefined ? {} : { sid: raw.Sid }),
    effect: raw.Effect === 'Deny' ? 'Deny' : 'Allow',
    ...Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)),
  };
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
  const policy = Object.hasOwn(POLICIES, name) ? POLICIES[name] : undefined;
  if (policy === undefined || policy.path !== path) return undefined;
  let statements = readStatements.get(name);
  if (statements === undefined) {
    statements = policy.statements.map(toStatement);
    readStatements.set(name, statements);
  }
  return { statements: statements.map((statement) => ({ ...statement, source })), source };
}
