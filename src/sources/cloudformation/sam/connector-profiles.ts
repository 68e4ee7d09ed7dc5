/**
 * What an AWS::Serverless::Connector generates, per pair of resource types: the connector profiles of the SAM
 * translator, `samtranslator/model/connector_profiles/profiles.json` in aws/serverless-application-model (the same
 * in aws-sam-translator 1.110.0, read 2025-06). Written out in full only for the profiles that bear on Lambda (a
 * function as source or destination); of the others, only what validates a connector (the categories).
 *
 * In statements, `%{Source.Arn}` and its kin stand for what the connector's Source or Destination resolves to
 * (connector.ts), as in the translator's profiles.
 */

export type AccessCategory = 'Read' | 'Write';

interface ProfileStatement {
  readonly Effect: 'Allow';
  readonly Action: readonly string[];
  readonly Resource: readonly string[];
}

/** An AWS::IAM::ManagedPolicy on the role of the source (`SourcePolicy: true`) or of the destination. */
export interface PolicyProfile {
  readonly kind: 'policy';
  readonly roleOf: 'Source' | 'Destination';
  /** In the profile's order, which is the order of the statements SAM writes. */
  readonly categories: readonly (readonly [AccessCategory, readonly ProfileStatement[]])[];
  /** Combinations SAM accepts, when not any non-empty subset (`ValidAccessCategories`). */
  readonly combinations?: readonly (readonly AccessCategory[])[];
}

/** An AWS::Lambda::Permission for a service on the destination function (every such profile is Write only). */
interface PermissionProfile {
  readonly kind: 'permission';
  readonly principal: string;
  readonly sourceArn: string;
  readonly sourceAccount?: string;
}

/** A profile Parapet does not expand (a queue or topic policy, a state machine's role): only validated. */
interface OtherProfile {
  readonly kind: 'other';
  readonly categories: readonly AccessCategory[];
  readonly combinations?: readonly (readonly AccessCategory[])[];
}

export type ConnectorProfile = PolicyProfile | PermissionProfile | OtherProfile;

const S3_READ = [
  's3:GetObject',
  's3:GetObjectAcl',
  's3:GetObjectLegalHold',
  's3:GetObjectRetention',
  's3:GetObjectTorrent',
  's3:GetObjectVersion',
  's3:GetObjectVersionAcl',
  's3:GetObjectVersionForReplication',
  's3:GetObjectVersionTorrent',
  's3:ListBucket',
  's3:ListBucketMultipartUploads',
  's3:ListBucketVersions',
  's3:ListMultipartUploadParts',
];
const S3_WRITE = [
  's3:AbortMultipartUpload',
  's3:DeleteObject',
  's3:DeleteObjectVersion',
  's3:PutObject',
  's3:PutObjectLegalHold',
  's3:PutObjectRetention',
  's3:RestoreObject',
];
const DYNAMODB_READ = [
  'dynamodb:GetItem',
  'dynamodb:Query',
  'dynamodb:Scan',
  'dynamodb:BatchGetItem',
  'dynamodb:ConditionCheckItem',
  'dynamodb:PartiQLSelect',
];
const DYNAMODB_WRITE = [
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
  'dynamodb:PartiQLDelete',
  'dynamodb:PartiQLInsert',
  'dynamodb:PartiQLUpdate',
];
const EXECUTIONS =
  'arn:${AWS::Partition}:states:${AWS::Region}:${AWS::AccountId}:execution:%{Destination.Name}:*';
const EXECUTE_API =
  'arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:%{Source.ResourceId}/%{Source.Qualifier}';

function allow(actions: readonly string[], ...resources: string[]): ProfileStatement {
  return { Effect: 'Allow', Action: actions, Resource: resources };
}

function sourceRole(categories: PolicyProfile['categories']): PolicyProfile {
  return { kind: 'policy', roleOf: 'Source', categories };
}

const INVOKE = [allow(['lambda:InvokeAsync', 'lambda:InvokeFunction'], '%{Destination.Arn}')];
const PUT_EVENTS = [allow(['events:PutEvents'], '%{Destination.Arn}')];
const PUBLISH = [allow(['sns:Publish'], '%{Destination.Arn}')];
const S3_ACCESS = [
  ['Read', [allow(S3_READ, '%{Destination.Arn}', '%{Destination.Arn}/*')]],
  ['Write', [allow(S3_WRITE, '%{Destination.Arn}', '%{Destination.Arn}/*')]],
] as const;
const TABLE_ACCESS = [
  ['Read', [allow(DYNAMODB_READ, '%{Destination.Arn}', '%{Destination.Arn}/index/*')]],
  ['Write', [allow(DYNAMODB_WRITE, '%{Destination.Arn}', '%{Destination.Arn}/index/*')]],
] as const;

function permission(
  principal: string,
  sourceArn = '%{Source.Arn}',
  sourceAccount?: string,
): PermissionProfile {
  return { kind: 'permission', principal, sourceArn, ...(sourceAccount ? { sourceAccount } : {}) };
}

const WRITE: OtherProfile = { kind: 'other', categories: ['Write'] };
const READ_WRITE: OtherProfile = { kind: 'other', categories: ['Read', 'Write'] };

/** Source type → destination type → profile (CloudFormation types, as SAM looks them up). */
export const CONNECTOR_PROFILES: Readonly<Record<string, Readonly<Record<string, ConnectorProfile>>>> = {
  'AWS::DynamoDB::Table': {
    'AWS::Lambda::Function': {
      kind: 'policy',
      roleOf: 'Destination',
      categories: [
        [
          'Read',
          [
            allow(
              [
                'dynamodb:DescribeStream',
                'dynamodb:GetRecords',
                'dynamodb:GetShardIterator',
                'dynamodb:ListStreams',
              ],
              '%{Source.Arn}/stream/*',
            ),
          ],
        ],
      ],
    },
  },
  'AWS::Events::Rule': {
    'AWS::SNS::Topic': WRITE,
    'AWS::Events::EventBus': WRITE,
    'AWS::StepFunctions::StateMachine': WRITE,
    'AWS::Lambda::Function': permission('events.amazonaws.com'),
    'AWS::SQS::Queue': WRITE,
  },
  'AWS::Lambda::Function': {
    'AWS::Lambda::Function': sourceRole([['Write', INVOKE]]),
    'AWS::S3::Bucket': sourceRole(S3_ACCESS),
    'AWS::DynamoDB::Table': sourceRole(TABLE_ACCESS),
    'AWS::SQS::Queue': sourceRole([
      ['Read', [allow(['sqs:ReceiveMessage', 'sqs:GetQueueAttributes'], '%{Destination.Arn}')]],
      [
        'Write',
        [
          allow(
            ['sqs:DeleteMessage', 'sqs:SendMessage', 'sqs:ChangeMessageVisibility', 'sqs:PurgeQueue'],
            '%{Destination.Arn}',
          ),
        ],
      ],
    ]),
    'AWS::SNS::Topic': sourceRole([['Write', PUBLISH]]),
    'AWS::StepFunctions::StateMachine': sourceRole([
      [
        'Write',
        [
          allow(['states:StartExecution', 'states:StartSyncExecution'], '%{Destination.Arn}'),
          allow(['states:StopExecution'], EXECUTIONS),
        ],
      ],
      [
        'Read',
        [
          allow(['states:DescribeStateMachine', 'states:ListExecutions'], '%{Destination.Arn}'),
          allow(
            [
              'states:DescribeExecution',
              'states:DescribeStateMachineForExecution',
              'states:GetExecutionHistory',
            ],
            EXECUTIONS,
          ),
        ],
      ],
    ]),
    'AWS::Events::EventBus': sourceRole([['Write', PUT_EVENTS]]),
    'AWS::Location::PlaceIndex': sourceRole([
      [
        'Read',
        [
          allow(
            [
              'geo:DescribePlaceIndex',
              'geo:GetPlace',
              'geo:SearchPlaceIndexForPosition',
              'geo:SearchPlaceIndexForSuggestions',
              'geo:SearchPlaceIndexForText',
            ],
            '%{Destination.Arn}',
          ),
        ],
      ],
    ]),
  },
  'AWS::ApiGatewayV2::Api': { 'AWS::Lambda::Function': permission('apigateway.amazonaws.com', EXECUTE_API) },
  'AWS::ApiGateway::RestApi': {
    'AWS::Lambda::Function': permission('apigateway.amazonaws.com', EXECUTE_API),
  },
  'AWS::SNS::Topic': {
    'AWS::SQS::Queue': WRITE,
    'AWS::Lambda::Function': permission('sns.amazonaws.com'),
  },
  'AWS::SQS::Queue': {
    'AWS::Lambda::Function': {
      kind: 'policy',
      roleOf: 'Destination',
      categories: [
        ['Write', [allow(['sqs:DeleteMessage'], '%{Source.Arn}')]],
        ['Read', [allow(['sqs:ReceiveMessage', 'sqs:GetQueueAttributes'], '%{Source.Arn}')]],
      ],
      combinations: [['Read', 'Write']],
    },
  },
  'AWS::S3::Bucket': {
    'AWS::Lambda::Function': permission('s3.amazonaws.com', '%{Source.Arn}', '${AWS::AccountId}'),
  },
  'AWS::StepFunctions::StateMachine': {
    'AWS::Lambda::Function': sourceRole([['Write', INVOKE]]),
    'AWS::SNS::Topic': WRITE,
    'AWS::SQS::Queue': WRITE,
    'AWS::S3::Bucket': READ_WRITE,
    'AWS::DynamoDB::Table': READ_WRITE,
    'AWS::StepFunctions::StateMachine': {
      kind: 'other',
      categories: ['Read', 'Write'],
      combinations: [['Read'], ['Read', 'Write']],
    },
    'AWS::Events::EventBus': WRITE,
  },
  'AWS::AppSync::DataSource': {
    'AWS::DynamoDB::Table': READ_WRITE,
    'AWS::Lambda::Function': sourceRole([
      [
        'Write',
        [
          allow(
            ['lambda:InvokeAsync', 'lambda:InvokeFunction'],
            '%{Destination.Arn}',
            '%{Destination.Arn}:*',
          ),
        ],
      ],
    ]),
    'AWS::Events::EventBus': WRITE,
  },
  'AWS::AppSync::GraphQLApi': {
    'AWS::Lambda::Function': permission(
      'appsync.amazonaws.com',
      'arn:${AWS::Partition}:appsync:${AWS::Region}:${AWS::AccountId}:apis/%{Source.ResourceId}',
    ),
  },
};

/** The access categories of a profile, in its order (the order SAM lists them in its messages). */
export function categoriesOf(profile: ConnectorProfile): readonly AccessCategory[] {
  if (profile.kind === 'permission') return ['Write'];
  if (profile.kind === 'other') return profile.categories;
  return profile.categories.map(([category]) => category);
}

/**
 * What a resource referenced by `Id` gives a connector (profiles.json, CfnResourceProperties): its ARN and the other
 * outputs, with `%{logicalId}` for its logical id, and the property that names its role.
 */
interface ResourceOutputs {
  readonly Arn?: unknown;
  readonly Url?: unknown;
  readonly Id?: unknown;
  readonly Name?: unknown;
  readonly Qualifier?: unknown;
  /** The property of the CloudFormation resource holding its role's ARN. */
  readonly roleProperty?: string;
}

const getAttArn = { 'Fn::GetAtt': ['%{logicalId}', 'Arn'] };
const refId = { Ref: '%{logicalId}' };

export const RESOURCE_OUTPUTS: Readonly<Record<string, ResourceOutputs>> = {
  'AWS::Lambda::Function': { Arn: getAttArn, roleProperty: 'Role' },
  'AWS::StepFunctions::StateMachine': {
    Arn: refId,
    Name: { 'Fn::GetAtt': ['%{logicalId}', 'Name'] },
    roleProperty: 'RoleArn',
  },
  'AWS::AppSync::GraphQLApi': { Id: { 'Fn::GetAtt': ['%{logicalId}', 'ApiId'] }, Arn: refId },
  'AWS::AppSync::DataSource': { Arn: refId, roleProperty: 'ServiceRoleArn' },
  'AWS::Events::Rule': { Arn: getAttArn },
  'AWS::SQS::Queue': { Arn: getAttArn, Url: refId },
  'AWS::SNS::Topic': { Arn: refId },
  'AWS::DynamoDB::Table': { Arn: getAttArn },
  'AWS::S3::Bucket': { Arn: getAttArn },
  'AWS::Location::PlaceIndex': { Arn: getAttArn },
  'AWS::ApiGatewayV2::Api': { Arn: getAttArn, Qualifier: '*', Id: refId },
  'AWS::ApiGateway::RestApi': { Arn: getAttArn, Qualifier: '*', Id: refId },
  'AWS::Events::EventBus': { Arn: getAttArn },
};

/** SAM types a connector's `Type` may name, as the CloudFormation type SAM looks profiles up by. */
export const SAM_TO_CFN_TYPE: Readonly<Record<string, string>> = {
  'AWS::Serverless::Function': 'AWS::Lambda::Function',
  'AWS::Serverless::StateMachine': 'AWS::StepFunctions::StateMachine',
  'AWS::Serverless::Api': 'AWS::ApiGateway::RestApi',
  'AWS::Serverless::HttpApi': 'AWS::ApiGatewayV2::Api',
  'AWS::Serverless::SimpleTable': 'AWS::DynamoDB::Table',
};
