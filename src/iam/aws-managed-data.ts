// Where the AWS managed policy documents come from (see aws-managed-documents.ts): the small hand-checked file read
// with the code, and every policy a customer role can carry, read on first use.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import known from '../data/iam-aws-managed-policies.json' with { type: 'json' };

export interface RawStatement {
  readonly Sid?: string;
  readonly Effect: string;
  readonly Action?: string | readonly string[];
  readonly NotAction?: string | readonly string[];
  readonly Resource?: string | readonly string[];
  readonly NotResource?: string | readonly string[];
  readonly Condition?: Readonly<Record<string, Readonly<Record<string, string | readonly string[]>>>>;
}

export interface KnownPolicy {
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

/** Whether the file of every AWS managed policy has been read: a scan of the usual Lambda roles should not need it. */
export function everyPolicyRead(): boolean {
  return allPolicies !== undefined;
}

/** The date the AWS managed policy data is as of (`2026-08-26`): a name it lacks may be newer. */
export function awsManagedPoliciesAsOf(): string {
  return everyPolicy().asOf;
}

/** An AWS managed policy of the data: its name and path as AWS spells them, and its default version. */
export interface AwsManagedPolicy {
  readonly name: string;
  readonly path: string;
  readonly policy: KnownPolicy;
}

/** By `path+name` in lower case, every policy of both files (see knownAwsManagedPolicy). */
let byLowerCase: Map<string, AwsManagedPolicy> | undefined;

/**
 * The AWS managed policy of that name and path: from the small file when it holds it, else from every policy; else
 * one whose name and path differ only in case (IAM: "Names are not distinguished by case", so
 * `AWSXRayWriteOnlyAccess` attaches AWSXrayWriteOnlyAccess); undefined when the data has none.
 */
export function knownAwsManagedPolicy(name: string, path: string): AwsManagedPolicy | undefined {
  const few = Object.hasOwn(POLICIES, name) ? POLICIES[name] : undefined;
  if (few?.path === path) return { name, path, policy: few };
  const all = everyPolicy().policies;
  const policy = Object.hasOwn(all, name) ? all[name] : undefined;
  if (policy?.path === path) return { name, path, policy };
  if (byLowerCase === undefined) {
    byLowerCase = new Map();
    for (const source of [all, POLICIES])
      for (const [known, entry] of Object.entries(source))
        byLowerCase.set(`${entry.path}${known}`.toLowerCase(), {
          name: known,
          path: entry.path,
          policy: entry,
        });
  }
  return byLowerCase.get(`${path}${name}`.toLowerCase());
}
