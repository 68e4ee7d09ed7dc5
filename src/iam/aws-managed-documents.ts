// The documents of AWS managed policies, shipped as data so that the roles using them can be analysed from
// a template. Two files: a few hand-checked ones nearly every template names (src/data/iam-aws-managed-policies.json:
// the execution policies nearly every Lambda role carries, the admin-like ones), read with the code; and every
// policy a customer role can carry (iam-aws-managed-policies-all.json.gz, written by
// scripts/update-aws-managed-policies.mjs), read only when a template names one the small file does not hold:
// 2.4 MB of JSON that a scan of Lambda roles with the usual policies should not pay for.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import known from '../data/iam-aws-managed-policies.json' with { type: 'json' };
import type { PolicyDocument, Statement } from '../model/iam.js';
import type { SourceRef } from '../model/source.js';
import { managedPolicyName } from './managed-policies.js';

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
  readonly statements: readonly RawStatement[];
}

interface PolicyData {
  /** The newest update date of the policies the data holds (`2026-08-26`): what a name it lacks is judged against. */
  readonly asOf: string;
  readonly policies: Readonly<Record<string, KnownPolicy>>;
}

const POLICIES = (known as { readonly policies: Readonly<Record<string, KnownPolicy>> }).policies;

const ALL_POLICIES_FILE = join('src', 'data', 'iam-aws-managed-policies-all.json.gz');
let allPolicies: PolicyData | undefined;

/**
 * Every AWS managed policy a customer role can carry, read on first use. The file stays in src/data of the
 * package (no build step copies it): found from this module's file up, as version.ts finds package.json, which
 * works from src/ (tests), dist/src/ and the bundle dist/parapet-main.cjs.
 */
function everyPolicy(): PolicyData {
  if (allPolicies !== undefined) return allPolicies;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, ALL_POLICIES_FILE);
    if (existsSync(candidate)) {
      allPolicies = JSON.parse(gunzipSync(readFileSync(candidate)).toString('utf8')) as PolicyData;
      return allPolicies;
    }
    const parent = dirname(dir);
    // A broken install, not a template's fault: say what is missing rather than judge every name unknown.
    if (parent === dir)
      throw new Error(`Parapet's data file ${ALL_POLICIES_FILE} is missing: reinstall Parapet`);
    dir = parent;
  }
}

/** The date the AWS managed policy data is as of (`2026-08-26`): a name it lacks may be newer. */
export function awsManagedPoliciesAsOf(): string {
  return everyPolicy().asOf;
}

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

/** The policy of that name and path: from the small file when it holds it, else from every policy. */
function shipped(name: string, path: string): KnownPolicy | undefined {
  const few = Object.hasOwn(POLICIES, name) ? POLICIES[name] : undefined;
  if (few?.path === path) return few;
  const all = everyPolicy().policies;
  const policy = Object.hasOwn(all, name) ? all[name] : undefined;
  return policy?.path === path ? policy : undefined;
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
  const policy = shipped(name, path);
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
 * Not an error: AWS adds policies after the data's date; a misspelt name (or path) fails the deploy.
 */
export function unknownAwsManagedPolicy(name: string, path: string): string {
  return (
    `no AWS managed policy ${managedPolicyName(path, name)} was known as of ${awsManagedPoliciesAsOf()}: ` +
    'AWS added it since, or its name or path is misspelt, which fails the deploy'
  );
}
