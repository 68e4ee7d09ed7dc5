// biome-ignore-all lint/suspicious/noTemplateCurlyInString: CloudFormation `${...}` templates are written in these tests
import { describe, expect, it } from 'vitest';
import { expandSam } from '../../../../src/sources/cloudformation/sam/index.js';
import { samNodeFunction } from '../../../helpers/templates.js';
import { type Json, loadYaml, plain, props, resource } from './helpers.js';

function expandYaml(text: string) {
  const input = loadYaml(`Transform: AWS::Serverless-2016-10-31\n${text}`);
  return { input, expansion: expandSam(input, { partition: 'aws' }) };
}

const TABLE = `  Table:
    Type: AWS::DynamoDB::Table
    Properties:
      KeySchema: [{AttributeName: id, KeyType: HASH}]
      AttributeDefinitions: [{AttributeName: id, AttributeType: S}]
`;

const TABLE_READ = [
  'dynamodb:GetItem',
  'dynamodb:Query',
  'dynamodb:Scan',
  'dynamodb:BatchGetItem',
  'dynamodb:ConditionCheckItem',
  'dynamodb:PartiQLSelect',
];
const TABLE_WRITE = [
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
  'dynamodb:PartiQLDelete',
  'dynamodb:PartiQLInsert',
  'dynamodb:PartiQLUpdate',
];
const TABLE_RESOURCES = [
  { 'Fn::GetAtt': ['Table', 'Arn'] },
  { 'Fn::Sub': ['${DestinationArn}/index/*', { DestinationArn: { 'Fn::GetAtt': ['Table', 'Arn'] } }] },
];

function connector(id: string, properties: string, attributes = ''): string {
  return `  ${id}:
    Type: AWS::Serverless::Connector
${attributes}    Properties:
${properties}`;
}

describe('AWS::Serverless::Connector to a function', () => {
  it('writes the permission SAM gives an SNS topic, traced to the connector, and keeps the connector', () => {
    const { input, expansion } = expandYaml(`Resources:
  Topic: {Type: AWS::SNS::Topic}
${samNodeFunction()}${connector('Conn', '      Source: {Id: Topic}\n      Destination: {Id: Fn}\n      Permissions: [Write]\n')}`);
    expect(expansion.issues).toEqual([]);
    expect(resource(expansion.template, 'ConnWriteLambdaPermission').Type).toBe('AWS::Lambda::Permission');
    expect(plain(props(expansion.template, 'ConnWriteLambdaPermission'))).toEqual({
      Action: 'lambda:InvokeFunction',
      FunctionName: { 'Fn::GetAtt': ['Fn', 'Arn'] },
      Principal: 'sns.amazonaws.com',
      SourceArn: { Ref: 'Topic' },
    });
    const provenance = expansion.provenance.get('ConnWriteLambdaPermission');
    expect(provenance).toMatchObject({ samId: 'Conn', samType: 'AWS::Serverless::Connector', key: 'Conn' });
    expect(provenance?.node).toBe(input.Resources);
    // A DependsOn may still name it.
    expect(resource(expansion.template, 'Conn')).toBe(resource(input, 'Conn'));
  });

  it("writes S3's permission with the account, and API Gateway's on the API's execute-api ARN", () => {
    const { expansion } = expandYaml(`Resources:
  Bucket: {Type: AWS::S3::Bucket}
  Api: {Type: AWS::Serverless::Api, Properties: {StageName: prod}}
${samNodeFunction()}${connector('Upload', '      Source: {Id: Bucket}\n      Destination: {Id: Fn}\n      Permissions: [Write]\n')}${connector('Calls', "      Source: {Id: Api, Qualifier: 'prod/GET/items'}\n      Destination: {Id: Fn}\n      Permissions: [Write]\n")}`);
    expect(expansion.issues).toEqual([]);
    expect(plain(props(expansion.template, 'UploadWriteLambdaPermission'))).toMatchObject({
      Principal: 's3.amazonaws.com',
      SourceArn: { 'Fn::GetAtt': ['Bucket', 'Arn'] },
      SourceAccount: { 'Fn::Sub': '${AWS::AccountId}' },
    });
    expect(plain(props(expansion.template, 'CallsWriteLambdaPermission'))).toMatchObject({
      Principal: 'apigateway.amazonaws.com',
      SourceArn: {
        'Fn::Sub': [
          'arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${SourceResourceId}/${SourceQualifier}',
          { SourceResourceId: { Ref: 'Api' }, SourceQualifier: 'prod/GET/items' },
        ],
      },
    });
  });

  it('takes a source given by Arn and Type as it is: a parameter stays a Ref', () => {
    const { expansion } = expandYaml(`Parameters:
  TopicArn: {Type: String}
Resources:
${samNodeFunction()}${connector('Conn', '      Source: {Arn: !Ref TopicArn, Type: AWS::SNS::Topic}\n      Destination: {Id: Fn}\n      Permissions: [Write]\n')}`);
    expect(expansion.issues).toEqual([]);
    expect(plain(props(expansion.template, 'ConnWriteLambdaPermission').SourceArn)).toEqual({
      Ref: 'TopicArn',
    });
  });

  it('gives the function role the stream actions of a DynamoDB table source', () => {
    const { expansion } = expandYaml(`Resources:
${TABLE}${samNodeFunction()}${connector('Stream', '      Source: {Id: Table}\n      Destination: {Id: Fn}\n      Permissions: [Read]\n')}`);
    expect(plain(props(expansion.template, 'StreamPolicy'))).toEqual({
      PolicyDocument: {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Action: [
              'dynamodb:DescribeStream',
              'dynamodb:GetRecords',
              'dynamodb:GetShardIterator',
              'dynamodb:ListStreams',
            ],
            Resource: [
              { 'Fn::Sub': ['${SourceArn}/stream/*', { SourceArn: { 'Fn::GetAtt': ['Table', 'Arn'] } }] },
            ],
          },
        ],
      },
      Roles: [{ Ref: 'FnRole' }],
    });
  });
});

describe('AWS::Serverless::Connector from a function', () => {
  it("attaches a managed policy of the profile's Read and Write actions on the table and its indexes to the role", () => {
    const { expansion } = expandYaml(`Resources:
${TABLE}${samNodeFunction()}${connector('Conn', '      Source: {Id: Fn}\n      Destination: {Id: Table}\n      Permissions: [Read, Write]\n')}`);
    expect(expansion.issues).toEqual([]);
    expect(resource(expansion.template, 'ConnPolicy').Type).toBe('AWS::IAM::ManagedPolicy');
    expect(plain(props(expansion.template, 'ConnPolicy'))).toEqual({
      PolicyDocument: {
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Action: TABLE_READ, Resource: TABLE_RESOURCES },
          { Effect: 'Allow', Action: TABLE_WRITE, Resource: TABLE_RESOURCES },
        ],
      },
      Roles: [{ Ref: 'FnRole' }],
    });
  });

  it('names only the actions of the categories chosen', () => {
    const { expansion } = expandYaml(`Resources:
${TABLE}${samNodeFunction()}${connector('Conn', '      Source: {Id: Fn}\n      Destination: {Id: Table}\n      Permissions: [Read]\n')}`);
    const document = props(expansion.template, 'ConnPolicy').PolicyDocument as Json;
    expect(plain(document.Statement)).toEqual([
      { Effect: 'Allow', Action: TABLE_READ, Resource: TABLE_RESOURCES },
    ]);
  });

  it("names the role a function's Role points at, and a policy per destination of a list", () => {
    const { expansion } = expandYaml(`Resources:
  Queue: {Type: AWS::SQS::Queue}
  Topic: {Type: AWS::SNS::Topic}
  Role: {Type: AWS::IAM::Role, Properties: {AssumeRolePolicyDocument: {}}}
${samNodeFunction('Fn', '      Role: !GetAtt Role.Arn\n')}${connector('Conn', '      Source: {Id: Fn}\n      Destination: [{Id: Queue}, {Id: Topic}]\n      Permissions: [Write]\n')}`);
    expect(expansion.issues).toEqual([]);
    expect(plain(props(expansion.template, 'ConnPolicyDestination0'))).toEqual({
      PolicyDocument: {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Action: ['sqs:DeleteMessage', 'sqs:SendMessage', 'sqs:ChangeMessageVisibility', 'sqs:PurgeQueue'],
            Resource: [{ 'Fn::GetAtt': ['Queue', 'Arn'] }],
          },
        ],
      },
      Roles: [{ Ref: 'Role' }],
    });
    expect(plain(props(expansion.template, 'ConnPolicyDestination1').PolicyDocument)).toEqual({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: ['sns:Publish'], Resource: [{ Ref: 'Topic' }] }],
    });
  });

  it("expands a connector embedded in the function as <Function><Name>, with the connector's Condition", () => {
    const { input, expansion } = expandYaml(`Conditions:
  On: !Equals [a, a]
Resources:
${TABLE}${samNodeFunction()}    Connectors:
      Orders:
        Condition: On
        Properties:
          Destination: {Id: Table}
          Permissions: [Write]
`);
    expect(expansion.issues).toEqual([]);
    const policy = resource(expansion.template, 'FnOrdersPolicy');
    expect(policy.Condition).toBe('On');
    expect(plain(props(expansion.template, 'FnOrdersPolicy').Roles)).toEqual([{ Ref: 'FnRole' }]);
    const connectors = (resource(input, 'Fn') as Json).Connectors;
    expect(expansion.provenance.get('FnOrdersPolicy')).toMatchObject({
      samId: 'FnOrders',
      samType: 'AWS::Serverless::Connector',
      key: 'Orders',
    });
    expect(expansion.provenance.get('FnOrdersPolicy')?.node).toBe(connectors);
  });

  it("gives a state machine's generated role the right to invoke the function", () => {
    const { expansion } = expandYaml(`Resources:
  Flow:
    Type: AWS::Serverless::StateMachine
    Properties: {Definition: {}}
    Connectors:
      Invoke:
        Properties: {Destination: {Id: Fn}, Permissions: [Write]}
${samNodeFunction()}`);
    expect(expansion.issues).toEqual([]);
    expect(plain(props(expansion.template, 'FlowInvokePolicy'))).toEqual({
      PolicyDocument: {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Action: ['lambda:InvokeAsync', 'lambda:InvokeFunction'],
            Resource: [{ 'Fn::GetAtt': ['Fn', 'Arn'] }],
          },
        ],
      },
      Roles: [{ Ref: 'FlowRole' }],
    });
  });
});

describe('an invalid AWS::Serverless::Connector', () => {
  it('is an issue in SAM words at the property, and the rest is expanded', () => {
    const { input, expansion } = expandYaml(`Resources:
  Topic: {Type: AWS::SNS::Topic}
  Queue: {Type: AWS::SQS::Queue}
${samNodeFunction()}${connector('NoDestination', '      Source: {Id: Topic}\n      Permissions: [Write]\n')}${connector('Unsupported', '      Source: {Id: Topic}\n      Destination: {Type: AWS::IoT::Thing, Arn: x}\n      Permissions: [Write]\n')}${connector('Nowhere', '      Source: {Id: Nope}\n      Destination: {Id: Fn}\n      Permissions: [Write]\n')}${connector('HalfQueue', '      Source: {Id: Queue}\n      Destination: {Id: Fn}\n      Permissions: [Read]\n')}${connector('Good', '      Source: {Id: Topic}\n      Destination: {Id: Fn}\n      Permissions: [Write]\n')}`);
    const at = (id: string) => resource(input, id).Properties as Json;
    expect(expansion.issues).toEqual([
      {
        message: "NoDestination: Missing required property 'Destination'",
        node: input.Resources,
        key: 'NoDestination',
      },
      {
        message:
          "Unsupported: Unable to create connector from AWS::SNS::Topic to AWS::IoT::Thing; it's not supported or the template is invalid",
        node: at('Unsupported'),
        key: 'Destination',
      },
      {
        message: "Nowhere: Unable to find resource with logical ID 'Nope'",
        node: at('Nowhere'),
        key: 'Source',
      },
      {
        message:
          "HalfQueue: Unsupported 'Permissions' provided for connector from AWS::SQS::Queue to AWS::Lambda::Function; valid combinations are: Read + Write",
        node: at('HalfQueue'),
        key: 'Permissions',
      },
    ]);
    const generated = Object.keys(expansion.template.Resources as Json).filter(
      (id) => expansion.provenance.get(id)?.samType === 'AWS::Serverless::Connector',
    );
    expect(generated).toEqual(['GoodWriteLambdaPermission']);
  });

  it('names the variable a source given by Type alone lacks, as SAM does before it looks for the function ARN', () => {
    const { expansion } = expandYaml(`Resources:
${connector('Rule', '      Source: {Type: AWS::Events::Rule}\n      Destination: {Type: AWS::Lambda::Function}\n      Permissions: [Write]\n')}`);
    expect(expansion.issues.map((issue) => issue.message)).toEqual(['Rule: Source.Arn is missing']);
  });

  it("is an issue when a function's role cannot be named, as SAM's", () => {
    const { expansion } = expandYaml(`Resources:
  Topic: {Type: AWS::SNS::Topic}
${samNodeFunction('Fn', '      Role: arn:aws:iam::123456789012:role/app\n')}    Connectors:
      Publish:
        Properties: {Destination: {Id: Topic}, Permissions: [Write]}
`);
    expect(expansion.issues.map((issue) => issue.message)).toEqual([
      "FnPublish: Unable to get IAM role name from 'Source' resource",
    ]);
  });
});
