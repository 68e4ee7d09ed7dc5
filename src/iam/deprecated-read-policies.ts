import { own } from '../model/own.js';
import { managedPolicyName } from './managed-policies.js';

/**
 * Deprecated AWS managed policies, by path and name, that grant some of iam.role-wildcard-resource-read's sensitive
 * reads on every resource: what Parapet reports of them by name. Every other AWS managed policy is read statement
 * by statement from its document (src/data, see customerPolicies), so only a policy the data lacks belongs here: a
 * test fails once the data holds one of these, and its entry should then go.
 *
 * AWS keeps a deprecated policy working on the roles that carry it, but it can be attached to no new one (IAM User
 * Guide, "Deprecated AWS managed policies"); the mirror of `aws iam get-policy-version` the data is written from
 * lists deprecated policies no more. So a template naming one holds a role AWS made when it could still be attached.
 * - `grants`: what the finding says the policy grants.
 * - `value`: the action patterns that grant the reads (what a permissions boundary is weighed against).
 * - `version`: the default version whose document was read.
 * - `onlyReads`: its document grants reads and lists alone (no write, no iam:PassRole, no NotAction, no whole-service
 *   wildcard): iam.role-admin-managed-policy passes it, as the statement checks would find nothing in it.
 *
 * AWSLambdaReadOnlyAccess (replaced by AWSLambda_ReadOnlyAccess in 2021): v8 of 2018-09-06, as a copy of
 * `aws iam get-policy-version` records it (github.com/SummitRoute/aws_managed_policies, policies/AWSLambdaReadOnlyAccess):
 * one statement on `*` with lambda:Get*, s3:Get*, dynamodb:BatchGetItem, GetItem, Query and Scan among its reads;
 * every action of it is a Get, List or Describe (cloudwatch:Get*, iam:GetRole, logs:GetLogEvents, tag:GetResources).
 */
export const DEPRECATED_READ_POLICIES: Readonly<Record<string, DeprecatedReadPolicy>> = {
  '/AWSLambdaReadOnlyAccess': {
    grants:
      'lambda:Get*, s3:Get* and dynamodb:GetItem, BatchGetItem, Query and Scan on every resource: the code and environment variables of every function, every object, every item',
    value: 'lambda:Get*, s3:Get*, dynamodb:GetItem, dynamodb:BatchGetItem, dynamodb:Query, dynamodb:Scan',
    version: 'v8',
    onlyReads: true,
  },
};

/** The policies DEPRECATED_READ_POLICIES names, as findings name them, for the docs. */
export const DEPRECATED_READ_POLICY_NAMES: readonly string[] = Object.keys(DEPRECATED_READ_POLICIES).map(
  (key) => {
    const slash = key.lastIndexOf('/');
    return managedPolicyName(key.slice(0, slash + 1), key.slice(slash + 1));
  },
);

/** What DEPRECATED_READ_POLICIES records of one policy (its fields are described there). */
export interface DeprecatedReadPolicy {
  readonly grants: string;
  readonly value: string;
  readonly version: string;
  readonly onlyReads: boolean;
}

/**
 * The entry of an AWS managed policy (by path and name) that DEPRECATED_READ_POLICIES knows grants reads alone;
 * undefined for any other policy.
 */
export function deprecatedReadOnlyPolicy(path: string, name: string): DeprecatedReadPolicy | undefined {
  const known = own(DEPRECATED_READ_POLICIES, `${path}${name}`);
  return known?.onlyReads === true ? known : undefined;
}
