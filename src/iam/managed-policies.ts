import type { Value } from '../model/values.js';
import { knownAwsManagedPolicy } from './aws-managed-data.js';
import { type AnalysisOptions, describeValue, instantiate } from './templates.js';

/**
 * How much an AWS managed policy grants, judged by its name (AWS managed policies are public and
 * stable; their documents are not in a template's inventory).
 * - `admin`: AdministratorAccess, every action on every resource.
 * - `power-user`: PowerUserAccess, everything but IAM, Organizations and Account.
 * - `iam-full-access`: IAMFullAccess, which lets the holder grant itself anything.
 * - `full-access`: a service's `*FullAccess` policy (AmazonS3FullAccess, AWSLambda_FullAccess, ...) or a
 *   service-scoped `AdministratorAccess-*` (AdministratorAccess-Amplify).
 * - `job-function`: the broad job-function policies (SystemAdministrator, NetworkAdministrator,
 *   DatabaseAdministrator, DataScientist).
 * - `broad`: a policy for Lambda that grants writes on every resource of a service (AWSLambdaExecute:
 *   s3:PutObject on every object of every bucket: `arn:aws:s3:::*`); what each grants is in BROAD_GRANTS.
 * - `other`: any other AWS managed policy (AWSLambdaBasicExecutionRole, ReadOnlyAccess, ...).
 */
export type ManagedPolicyClass =
  | 'admin'
  | 'power-user'
  | 'iam-full-access'
  | 'full-access'
  | 'job-function'
  | 'broad'
  | 'other';

export type ManagedPolicyInfo =
  | {
      readonly awsManaged: 'yes';
      readonly name: string;
      /** `/` or, for example, `/job-function/` or `/service-role/`. */
      readonly path: string;
      readonly class: ManagedPolicyClass;
    }
  | { readonly awsManaged: 'no' }
  | { readonly awsManaged: 'unknown'; readonly reason: string };

const POLICY_ARN = /^arn:([^:]*):iam::([^:]*):policy(\/(?:[^/]*\/)*)([^/]+)$/;
const BROAD_JOB_FUNCTIONS = new Set([
  'SystemAdministrator',
  'NetworkAdministrator',
  'DatabaseAdministrator',
  'DataScientist',
]);

/**
 * AWS managed policies, by path and name, that grant writes on every resource of a service without a
 * FullAccess name: what each grants (AWS Managed Policy Reference). The execution-role policies of event
 * sources (AWSLambdaSQSQueueExecutionRole, which SAM attaches for an SQS event) are not here: they grant
 * what polling needs.
 */
export const BROAD_GRANTS: Readonly<Record<string, string>> = {
  '/AWSLambdaExecute':
    's3:GetObject and s3:PutObject on every object of every bucket of every account, and logs:* on every log group',
};

/**
 * The AWS managed policies, by path and name, that grant what Lambda itself needs of an execution role: logs,
 * traces, network interfaces in a VPC, the reads of an event source mapping's poller. The statement checks leave
 * them out (read, AWSLambdaBasicExecutionRole's logs writes on `*` would flag nearly every Lambda role, and a SAM
 * user cannot scope what SAM attaches). Those the Lambda Developer Guide lists as the managed policies of Lambda
 * features ("Working with AWS managed policies in the execution role"), those SAM attaches (the basic and durable
 * basic execution policies, X-Ray's for Tracing, the VPC one for VpcConfig, the pollers' for SQS, Kinesis,
 * DynamoDB and MSK events: samtranslator), the ENI one, and CloudWatch Application Signals' for Lambda.
 */
export const LAMBDA_EXECUTION_POLICIES: ReadonlySet<string> = new Set([
  '/service-role/AWSLambdaBasicExecutionRole',
  '/service-role/AWSLambdaBasicDurableExecutionRolePolicy',
  '/service-role/AWSLambdaVPCAccessExecutionRole',
  '/service-role/AWSLambdaENIManagementAccess',
  '/service-role/AWSLambdaSQSQueueExecutionRole',
  '/service-role/AWSLambdaKinesisExecutionRole',
  '/service-role/AWSLambdaDynamoDBExecutionRole',
  '/service-role/AWSLambdaMSKExecutionRole',
  '/service-role/AmazonS3ObjectLambdaExecutionRolePolicy',
  '/AWSXRayDaemonWriteAccess',
  '/AWSXrayWriteOnlyAccess',
  '/CloudWatchLambdaInsightsExecutionRolePolicy',
  '/CloudWatchLambdaApplicationSignalsExecutionRolePolicy',
]);

/** An AWS managed policy as findings name it: `ReadOnlyAccess`, `service-role/AWSLambdaRole` (its path, less the `/`). */
export function managedPolicyName(path: string, name: string): string {
  return `${path === '/' ? '' : path.slice(1)}${name}`;
}

function classify(name: string, path: string): ManagedPolicyClass {
  if (name === 'AdministratorAccess') return 'admin';
  if (name === 'PowerUserAccess') return 'power-user';
  if (name === 'IAMFullAccess') return 'iam-full-access';
  if (/FullAccess/i.test(name) || name.startsWith('AdministratorAccess-')) return 'full-access';
  if (path === '/job-function/' && BROAD_JOB_FUNCTIONS.has(name)) return 'job-function';
  if (Object.hasOwn(BROAD_GRANTS, `${path}${name}`)) return 'broad';
  return 'other';
}

/**
 * Whether a managed policy ARN is AWS managed (`arn:<any partition>:iam::aws:policy/<path><name>`) and
 * how much it grants. Templates are read too: `arn:${AWS::Partition}:iam::aws:policy/AdministratorAccess`
 * is AdministratorAccess; `arn:aws:iam::aws:policy/${Name}` is `unknown`.
 */
export function managedPolicyClass(arn: Value<string>, options: AnalysisOptions = {}): ManagedPolicyInfo {
  const narrow = instantiate(arn, 'narrow', options);
  if (narrow === undefined) {
    return { awsManaged: 'unknown', reason: `policy ARN not known: ${describeValue(arn)}` };
  }
  const match = POLICY_ARN.exec(narrow);
  const account = match?.[2];
  if (match && account === 'aws') {
    const path = match[3] as string;
    const name = match[4] as string;
    if (`${path}${name}`.includes('\u0000')) {
      return {
        awsManaged: 'unknown',
        reason: `AWS managed policy whose name is not known: ${describeValue(arn)}`,
      };
    }
    // As AWS spells it: IAM does not tell names apart by case (knownAwsManagedPolicy).
    const known = knownAwsManagedPolicy(name, path);
    const spelt = known ?? { name, path };
    return { awsManaged: 'yes', name: spelt.name, path: spelt.path, class: classify(spelt.name, spelt.path) };
  }
  // Another account as written, or not a policy ARN at all, is not AWS managed; unless a part not
  // known before deploy could make it one.
  if (narrow.includes('\u0000') && (account === undefined || account.includes('\u0000'))) {
    return { awsManaged: 'unknown', reason: `policy ARN not known: ${describeValue(arn)}` };
  }
  return { awsManaged: 'no' };
}
