import { describe, expect, it } from 'vitest';
import { expandSam } from '../../../../src/sources/cloudformation/sam/index.js';
import { samNodeFunction } from '../../../helpers/templates.js';
import { type Json, loadYaml, plain, props, resource } from './helpers.js';

function expandYaml(text: string, partition?: string) {
  const input = loadYaml(text);
  return { input, expansion: expandSam(input, partition === undefined ? {} : { partition }) };
}

const FUNCTION = `
Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Condition: IsProd
    DependsOn: Other
    Metadata:
      parapet:
        suppress: [lambda.function-in-vpc]
    Properties:
      FunctionName: orders
      CodeUri: ./src/orders/
      Handler: app.handler
      Runtime: python3.13
      MemorySize: 512
      Timeout: 30
      KmsKeyArn: !GetAtt Key.Arn
      Environment:
        Variables:
          TABLE: !Ref Table
      VpcConfig:
        SubnetIds: [subnet-1]
        SecurityGroupIds: [sg-1]
      Layers: [!Ref Layer]
      FileSystemConfigs:
        - Arn: arn:aws:elasticfilesystem:us-east-1:111122223333:access-point/fsap-1
          LocalMountPath: /mnt/efs
      CodeSigningConfigArn: !Ref Signing
      ReservedConcurrentExecutions: 5
      Architectures: [arm64]
      EphemeralStorage: {Size: 1024}
      SnapStart: {ApplyOn: PublishedVersions}
      RuntimeManagementConfig: {UpdateRuntimeOn: Auto}
      LoggingConfig: {LogGroup: /custom/orders}
      Tracing: Active
      DeadLetterQueue:
        Type: SQS
        TargetArn: !GetAtt Dlq.Arn
      Tags:
        team: orders
      DurableConfig: {ExecutionTimeout: 900}
      FutureLambdaProperty: {Mode: Strict}
`;

describe('AWS::Serverless::Function → AWS::Lambda::Function', () => {
  it('keeps the logical id and writes the Lambda properties from the SAM ones', () => {
    const { expansion } = expandYaml(FUNCTION);
    const fn = resource(expansion.template, 'Fn');
    expect(fn.Type).toBe('AWS::Lambda::Function');
    const properties = plain(fn.Properties as Json);
    expect(properties).toMatchObject({
      FunctionName: 'orders',
      Handler: 'app.handler',
      Runtime: 'python3.13',
      MemorySize: 512,
      Timeout: 30,
      ReservedConcurrentExecutions: 5,
      TracingConfig: { Mode: 'Active' },
      DeadLetterConfig: { TargetArn: { 'Fn::GetAtt': ['Dlq', 'Arn'] } },
      Role: { 'Fn::GetAtt': ['FnRole', 'Arn'] },
      Tags: [
        { Key: 'lambda:createdBy', Value: 'SAM' },
        { Key: 'team', Value: 'orders' },
      ],
    });
    expect(properties).not.toHaveProperty('CodeUri');
    expect(properties).not.toHaveProperty('Tracing');
    expect(properties).not.toHaveProperty('DeadLetterQueue');
  });

  it('puts the very objects the user wrote into the function', () => {
    const { input, expansion } = expandYaml(FUNCTION);
    const written = props(input, 'Fn');
    const fn = props(expansion.template, 'Fn');
    for (const key of [
      'Environment',
      'VpcConfig',
      'Layers',
      'FileSystemConfigs',
      'KmsKeyArn',
      'EphemeralStorage',
      'SnapStart',
      'RuntimeManagementConfig',
      'LoggingConfig',
      'Architectures',
      'CodeSigningConfigArn',
      'DurableConfig',
    ]) {
      expect(fn[key], key).toBe(written[key]);
    }
  });

  it('passes properties SAM does not know through unchanged', () => {
    const { input, expansion } = expandYaml(FUNCTION);
    expect(props(expansion.template, 'Fn').FutureLambdaProperty).toBe(
      props(input, 'Fn').FutureLambdaProperty,
    );
    expect(expansion.issues).toEqual([]);
  });

  it('keeps the attributes of the SAM resource, Metadata included', () => {
    const { input, expansion } = expandYaml(FUNCTION);
    const fn = resource(expansion.template, 'Fn');
    expect(fn.Condition).toBe('IsProd');
    expect(fn.DependsOn).toBe('Other');
    expect(fn.Metadata).toBe(resource(input, 'Fn').Metadata);
    expect(resource(expansion.template, 'FnRole').Condition).toBe('IsProd');
  });

  it('traces the function to its own logical id', () => {
    const { input, expansion } = expandYaml(FUNCTION);
    expect(expansion.provenance.get('Fn')).toEqual({
      samId: 'Fn',
      samType: 'AWS::Serverless::Function',
      node: input.Resources,
      key: 'Fn',
    });
  });

  it('keeps a local CodeUri (a template before sam package) as the path string', () => {
    const { expansion } = expandYaml(FUNCTION);
    expect(props(expansion.template, 'Fn').Code).toBe('./src/orders/');
  });

  it.each([
    ['s3://bucket/key.zip?versionId=3', { S3Bucket: 'bucket', S3Key: 'key.zip', S3ObjectVersion: '3' }],
    ['{Bucket: bucket, Key: key.zip}', { S3Bucket: 'bucket', S3Key: 'key.zip' }],
  ])('turns CodeUri %s into an S3 location', (codeUri, code) => {
    const { expansion } = expandYaml(`
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties: {CodeUri: ${codeUri}, Handler: a.b, Runtime: nodejs22.x}
`);
    expect(plain(props(expansion.template, 'Fn').Code)).toEqual(code);
  });

  it('uses InlineCode as ZipFile and ImageUri for an image', () => {
    const { expansion } = expandYaml(`
Resources:
  Inline:
    Type: AWS::Serverless::Function
    Properties: {InlineCode: "def handler(e, c): pass", Handler: index.handler, Runtime: python3.13}
  Image:
    Type: AWS::Serverless::Function
    Properties: {PackageType: Image, ImageUri: 111122223333.dkr.ecr.us-east-1.amazonaws.com/app:1}
`);
    expect(plain(props(expansion.template, 'Inline').Code)).toEqual({ ZipFile: 'def handler(e, c): pass' });
    expect(plain(props(expansion.template, 'Image').Code)).toEqual({
      ImageUri: '111122223333.dkr.ecr.us-east-1.amazonaws.com/app:1',
    });
  });

  it('writes no TracingConfig for Tracing: Disabled, and no X-Ray policy', () => {
    const { expansion } = expandYaml(
      `
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties: {CodeUri: s3://b/k, Handler: a.b, Runtime: nodejs22.x, Tracing: Disabled}
`,
      'aws',
    );
    expect(props(expansion.template, 'Fn')).not.toHaveProperty('TracingConfig');
    expect(props(expansion.template, 'FnRole').ManagedPolicyArns).toEqual([
      'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole',
    ]);
  });

  it('turns CapacityProviderConfig into the shape Lambda takes', () => {
    const { expansion } = expandYaml(`
Resources:
${samNodeFunction()}      CapacityProviderConfig: {Arn: !GetAtt Provider.Arn, PerExecutionEnvironmentMaxConcurrency: 4}
`);
    expect(plain(props(expansion.template, 'Fn').CapacityProviderConfig)).toEqual({
      LambdaManagedInstancesCapacityProviderConfig: {
        CapacityProviderArn: { 'Fn::GetAtt': ['Provider', 'Arn'] },
        PerExecutionEnvironmentMaxConcurrency: 4,
      },
    });
  });
});

describe('the execution role', () => {
  it('is generated as <Id>Role with the Lambda trust policy and the managed policies SAM adds', () => {
    const { expansion } = expandYaml(FUNCTION);
    const role = props(expansion.template, 'FnRole');
    expect(resource(expansion.template, 'FnRole').Type).toBe('AWS::IAM::Role');
    expect(plain(role.AssumeRolePolicyDocument)).toEqual({
      Version: '2012-10-17',
      Statement: [
        { Action: ['sts:AssumeRole'], Effect: 'Allow', Principal: { Service: ['lambda.amazonaws.com'] } },
      ],
    });
    expect(plain(role.ManagedPolicyArns)).toEqual([
      {
        'Fn::Sub':
          'arn:${AWS::Partition}:iam::aws:policy/service-role/AWSLambdaBasicDurableExecutionRolePolicy',
      },
      { 'Fn::Sub': 'arn:${AWS::Partition}:iam::aws:policy/AWSXrayWriteOnlyAccess' },
      { 'Fn::Sub': 'arn:${AWS::Partition}:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole' },
    ]);
    expect(plain(role.Policies)).toEqual([
      {
        PolicyName: 'DeadLetterQueuePolicy',
        PolicyDocument: {
          Version: '2012-10-17',
          Statement: [
            { Action: 'sqs:SendMessage', Resource: { 'Fn::GetAtt': ['Dlq', 'Arn'] }, Effect: 'Allow' },
          ],
        },
      },
    ]);
  });

  it('writes literal ARNs when the partition is given', () => {
    const { expansion } = expandYaml(FUNCTION, 'aws-cn');
    expect(props(expansion.template, 'FnRole').ManagedPolicyArns).toEqual([
      'arn:aws-cn:iam::aws:policy/service-role/AWSLambdaBasicDurableExecutionRolePolicy',
      'arn:aws-cn:iam::aws:policy/AWSXRayDaemonWriteAccess',
      'arn:aws-cn:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole',
    ]);
  });

  it('takes the trust policy, path and permissions boundary the user gives', () => {
    const { input, expansion } = expandYaml(`
Resources:
${samNodeFunction()}      RolePath: /services/
      PermissionsBoundary: !Sub arn:\${AWS::Partition}:iam::\${AWS::AccountId}:policy/boundary
      AssumeRolePolicyDocument:
        Version: '2012-10-17'
        Statement: [{Effect: Allow, Principal: {Service: edgelambda.amazonaws.com}, Action: sts:AssumeRole}]
`);
    const role = props(expansion.template, 'FnRole');
    const written = props(input, 'Fn');
    expect(role.AssumeRolePolicyDocument).toBe(written.AssumeRolePolicyDocument);
    expect(role.PermissionsBoundary).toBe(written.PermissionsBoundary);
    expect(role.Path).toBe('/services/');
  });

  it('is not generated when the function names a Role, and its Policies are then ignored as SAM does', () => {
    const { input, expansion } = expandYaml(`
Resources:
${samNodeFunction()}      Role: !GetAtt SharedRole.Arn
      Policies: [AdministratorAccess]
      Events:
        Queue: {Type: SQS, Properties: {Queue: !GetAtt Q.Arn}}
`);
    expect(Object.keys(expansion.template.Resources as Json)).toEqual(['Fn', 'FnQueue']);
    expect(props(expansion.template, 'Fn').Role).toBe(props(input, 'Fn').Role);
  });

  it('is generated under a condition when Role is an Fn::If with AWS::NoValue', () => {
    const { expansion } = expandYaml(`
Conditions:
  UseShared: !Equals [a, b]
Resources:
${samNodeFunction()}      Role: !If [UseShared, arn:aws:iam::111122223333:role/shared, !Ref AWS::NoValue]
`);
    expect(resource(expansion.template, 'FnRole').Condition).toBe('NOTUseShared');
    expect(plain(props(expansion.template, 'Fn').Role)).toEqual({
      'Fn::If': ['UseShared', 'arn:aws:iam::111122223333:role/shared', { 'Fn::GetAtt': ['FnRole', 'Arn'] }],
    });
    expect((expansion.template.Conditions as Json).NOTUseShared).toEqual({
      'Fn::Not': [{ Condition: 'UseShared' }],
    });
  });
});
