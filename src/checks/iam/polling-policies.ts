import { listedWithAnd } from '../../findings/words.js';
import { managedPolicyName } from '../../iam/index.js';
import type { IamRole } from '../../model/iam.js';
import type { Inventory } from '../../model/inventory.js';
import { own } from '../../model/own.js';
import { rolePolicies } from './policy-hits.js';

/**
 * The AWS managed policies Lambda's pollers need, which SAM attaches for an SQS, Kinesis or DynamoDB event
 * (samtranslator's pull event sources) and which grant a sensitive read on every resource: what polling needs
 * is left out of iam.role-wildcard-resource-read, as a SAM user cannot scope them, but a pass says they are there.
 * What each grants: the AWS Managed Policy Reference.
 */
const POLLING_POLICIES: Readonly<Record<string, string>> = {
  '/service-role/AWSLambdaSQSQueueExecutionRole': 'sqs:ReceiveMessage on every queue',
  '/service-role/AWSLambdaKinesisExecutionRole': 'kinesis:GetRecords on every stream',
  '/service-role/AWSLambdaDynamoDBExecutionRole': 'dynamodb:GetRecords on every stream',
};

/** `' (left out: AWS managed policy service-role/X, which grants ...)'`, or '' when the role has none of them. */
export function pollingPoliciesLeftOut(inventory: Inventory, role: IamRole): string {
  const named = new Set<string>();
  for (const policy of rolePolicies(inventory, role)) {
    const managed = policy.managed;
    if (policy.origin !== 'aws-managed' || managed?.awsManaged !== 'yes') continue;
    const grants = own(POLLING_POLICIES, `${managed.path}${managed.name}`);
    if (grants !== undefined) named.add(`${managedPolicyName(managed.path, managed.name)} (${grants})`);
  }
  if (named.size === 0) return '';
  const policies = [...named];
  return ` (left out, as what Lambda's event source polling needs: AWS managed ${policies.length === 1 ? 'policy' : 'policies'} ${listedWithAnd(policies)})`;
}

export const POLLING_POLICIES_DETAILS =
  "The AWS managed policies Lambda's event source polling needs, which SAM attaches for SQS, Kinesis and DynamoDB " +
  'events, are left out though they grant such reads on every resource (AWSLambdaSQSQueueExecutionRole: ' +
  'sqs:ReceiveMessage on every queue; AWSLambdaKinesisExecutionRole: kinesis:GetRecords on every Kinesis stream; ' +
  'AWSLambdaDynamoDBExecutionRole: dynamodb:GetRecords on every DynamoDB stream): a SAM user cannot scope them. ' +
  'A pass names them. ';
