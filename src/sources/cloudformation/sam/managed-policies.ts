import type { ExpansionContext } from './context.js';
import data from './managed-policy-paths.json' with { type: 'json' };

/**
 * AWS managed policies whose path is not `/` (`service-role/`, `job-function/`, `aws-service-role/`), by name.
 * Derived from the managed policy map bundled with the SAM translator (aws-sam-translator 1.110.0,
 * samtranslator/internal/data/aws_managed_policies.json, Apache-2.0), which SAM uses to turn a policy name in
 * `Policies` into an ARN. Every other AWS managed policy lives at path `/`.
 */
const PATHS: Readonly<Record<string, string>> = data.paths;

/** The path of the AWS managed policy `name` (`service-role/`), or '' for `/`. */
function managedPolicyPath(name: string): string {
  return Object.hasOwn(PATHS, name) ? (PATHS[name] as string) : '';
}

/** Whether SAM's bundled map knows `name` as an AWS managed policy at a path other than `/`. */
export function isKnownPathedPolicy(name: string): boolean {
  return Object.hasOwn(PATHS, name);
}

/**
 * The ARN SAM writes for a `Policies` entry that is a string: an ARN as it is, a managed policy name as the ARN of
 * the AWS managed policy of that name (with its path).
 */
export function managedPolicyArnFor(name: string, ctx: ExpansionContext): unknown {
  if (name.startsWith('arn:')) return name;
  return ctx.managedPolicyArn(managedPolicyPath(name) + name);
}
