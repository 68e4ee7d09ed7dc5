import { describe, expect, it } from 'vitest';
import { expandSam } from '../../../../src/sources/cloudformation/sam/index.js';
import { samNodeFunction } from '../../../helpers/templates.js';
import { type Json, loadYaml, plain, props } from './helpers.js';

function roleOf(policies: string, partition = 'aws') {
  const input = loadYaml(`
Parameters:
  ExtraPolicy: {Type: String}
Conditions:
  IsProd: !Equals [a, b]
Resources:
  Table: {Type: AWS::DynamoDB::Table}
${samNodeFunction()}      Policies:
${policies}
`);
  const expansion = expandSam(input, { partition });
  const role = props(expansion.template, 'FnRole');
  return { input, expansion, role, written: props(input, 'Fn').Policies };
}

const BASIC = 'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole';

describe('Policies', () => {
  it('turns managed policy names into ARNs with their path, keeps ARNs and intrinsics as they are', () => {
    const { role, written } = roleOf(`
        - AmazonDynamoDBReadOnlyAccess
        - AWSLambdaVPCAccessExecutionRole
        - ViewOnlyAccess
        - arn:aws:iam::111122223333:policy/custom
        - !Ref ExtraPolicy
        - AWSLambdaBasicExecutionRole`);
    expect(plain(role.ManagedPolicyArns)).toEqual([
      BASIC,
      'arn:aws:iam::aws:policy/AmazonDynamoDBReadOnlyAccess',
      'arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole',
      'arn:aws:iam::aws:policy/job-function/ViewOnlyAccess',
      'arn:aws:iam::111122223333:policy/custom',
      { Ref: 'ExtraPolicy' },
    ]);
    expect((role.ManagedPolicyArns as unknown[])[5]).toBe((written as unknown[])[4]);
    expect(role).not.toHaveProperty('Policies');
  });

  it('without a partition, writes managed policy ARNs for CloudFormation to complete', () => {
    const input = loadYaml(`
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties: {CodeUri: s3://b/k, Handler: a.b, Runtime: nodejs22.x, Policies: AdministratorAccess}
`);
    expect(plain(props(expandSam(input).template, 'FnRole').ManagedPolicyArns)).toEqual([
      { 'Fn::Sub': 'arn:${AWS::Partition}:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole' },
      { 'Fn::Sub': 'arn:${AWS::Partition}:iam::aws:policy/AdministratorAccess' },
    ]);
  });

  it('attaches an inline policy document as <Id>RolePolicy<index>, with the statements the user wrote', () => {
    const { role, written } = roleOf(`
        - AWSLambdaExecute
        - Statement:
            - Effect: Allow
              Action: s3:GetObject
              Resource: '*'`);
    const policies = role.Policies as Json[];
    expect(policies).toHaveLength(1);
    expect(policies[0]?.PolicyName).toBe('FnRolePolicy1');
    expect(policies[0]?.PolicyDocument).toBe((written as unknown[])[1]);
  });

  it('expands a policy template with the values the user gave, as the same objects', () => {
    const { role, written, expansion } = roleOf(`
        - DynamoDBCrudPolicy:
            TableName: !Ref Table`);
    const policy = (role.Policies as Json[])[0] as Json;
    expect(policy.PolicyName).toBe('FnRolePolicy0');
    const document = policy.PolicyDocument as Json;
    const statement = (document.Statement as Json[])[0] as Json;
    expect(statement.Action).toContain('dynamodb:PutItem');
    const resources = statement.Resource as Json[];
    expect(plain(resources[0])).toEqual({
      'Fn::Sub': [
        'arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/${tableName}',
        { tableName: { Ref: 'Table' } },
      ],
    });
    const userValue = (((written as Json[])[0] as Json).DynamoDBCrudPolicy as Json).TableName;
    const sub = (resources[0] as Json)['Fn::Sub'] as unknown[];
    expect((sub[1] as Json).tableName).toBe(userValue);
    expect(expansion.origins.get(document)?.node).toBe((written as Json[])[0]);
  });

  it('expands a policy template without parameters', () => {
    const { role } = roleOf(`
        - CloudWatchPutMetricPolicy: {}`);
    expect(plain(role.Policies)).toEqual([
      {
        PolicyName: 'FnRolePolicy0',
        PolicyDocument: {
          Statement: [{ Action: ['cloudwatch:PutMetricData'], Effect: 'Allow', Resource: '*' }],
        },
      },
    ]);
  });

  it('leaves out an unknown template or one with missing parameters, and says where', () => {
    const { role, written, expansion } = roleOf(`
        - DynamoDBSuperPolicy: {TableName: x}
        - SQSSendMessagePolicy: {}
        - S3ReadPolicy: {BucketName: b}`);
    expect((role.Policies as Json[]).map((policy) => policy.PolicyName)).toEqual(['FnRolePolicy2']);
    expect(expansion.issues).toHaveLength(2);
    expect(expansion.issues[0]).toMatchObject({ node: written, key: 0 });
    expect(expansion.issues[0]?.message).toContain('DynamoDBSuperPolicy');
    expect(expansion.issues[1]).toMatchObject({ node: written, key: 1 });
    expect(expansion.issues[1]?.message).toContain('QueueName');
  });

  it('says a policy entry SAM cannot read fails the transform, with a hint for a mis-indented template', () => {
    // `- DynamoDBCrudPolicy:` and `TableName:` at one indent: a map of two keys, which SAM's role constructor rejects.
    const { role, written, expansion } = roleOf(`
        - DynamoDBCrudPolicy:
          TableName: !Ref Table
        - DynamoDBStreamReadPolicy:
          TableName: t
          StreamName: s
        - DynamoDBCrudPolicy:
          BucketName: b
        - DynamoDBSuperPolicy: {TableName: x}`);
    expect(role).not.toHaveProperty('Policies');
    const fails = 'the SAM transform fails on it (Parapet read the role without it)';
    expect(expansion.issues).toEqual([
      {
        message:
          "Fn: Policy at index 0 in the 'Policies' property is not valid: it is a map of DynamoDBCrudPolicy, a " +
          `policy template, and TableName, a parameter of it; ${fails}: indent TableName under DynamoDBCrudPolicy`,
        node: written,
        key: 0,
      },
      {
        message:
          "Fn: Policy at index 1 in the 'Policies' property is not valid: it is a map of DynamoDBStreamReadPolicy, a " +
          `policy template, and TableName and StreamName, parameters of it; ${fails}: indent TableName and ` +
          'StreamName under DynamoDBStreamReadPolicy',
        node: written,
        key: 1,
      },
      {
        message:
          "Fn: Policy at index 2 in the 'Policies' property is not valid: it is a map, neither a policy name or ARN, " +
          `a policy document nor a policy template; ${fails}`,
        node: written,
        key: 2,
      },
      {
        message:
          "Fn: Policy at index 3 in the 'Policies' property is not valid: 'DynamoDBSuperPolicy' is not a policy " +
          `template SAM knows; ${fails}`,
        node: written,
        key: 3,
      },
    ]);
  });

  it('keeps Fn::If around managed policies, documents and templates', () => {
    const { role } = roleOf(`
        - !If [IsProd, AdministratorAccess, !Ref AWS::NoValue]
        - !If [IsProd, {Statement: [{Effect: Allow, Action: '*', Resource: '*'}]}, !Ref AWS::NoValue]
        - !If [IsProd, {SQSPollerPolicy: {QueueName: q}}, {SQSSendMessagePolicy: {QueueName: q}}]`);
    expect(plain(role.ManagedPolicyArns)).toEqual([
      BASIC,
      { 'Fn::If': ['IsProd', 'arn:aws:iam::aws:policy/AdministratorAccess', { Ref: 'AWS::NoValue' }] },
    ]);
    const [document, template] = plain(role.Policies) as Json[];
    expect(document).toEqual({
      'Fn::If': [
        'IsProd',
        {
          PolicyName: 'FnRolePolicy1',
          PolicyDocument: { Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] },
        },
        { Ref: 'AWS::NoValue' },
      ],
    });
    const branches = ((template as Json)['Fn::If'] as Json[]).slice(1);
    expect(branches.map((branch) => branch.PolicyName)).toEqual(['FnRolePolicy2', 'FnRolePolicy2']);
  });

  it('remembers which policy template each generated policy comes from, and only for templates', () => {
    const { role, expansion } = roleOf(`
        - Statement: [{Effect: Allow, Action: s3:GetObject, Resource: '*'}]
        - S3ReadPolicy: {BucketName: b}
        - !If [IsProd, {SQSPollerPolicy: {QueueName: q}}, {SQSSendMessagePolicy: {QueueName: q}}]`);
    const [document, template, choice] = role.Policies as Json[];
    const fromTemplate = (policy: unknown) => expansion.policyTemplates?.get(policy as object);
    expect(fromTemplate(document)).toBeUndefined();
    expect(fromTemplate(template)).toBe('S3ReadPolicy');
    const branches = ((choice as Json)['Fn::If'] as unknown[]).slice(1);
    expect(branches.map(fromTemplate)).toEqual(['SQSPollerPolicy', 'SQSSendMessagePolicy']);
    // Nothing the translator would not write: the expanded template carries no trace of it.
    expect(Object.keys(template as Json)).toEqual(['PolicyName', 'PolicyDocument']);
  });

  it('reports an Fn::If mixing policy kinds and leaves it out', () => {
    const { role, expansion } = roleOf(`
        - !If [IsProd, AdministratorAccess, {Statement: []}]`);
    expect(role).not.toHaveProperty('Policies');
    expect(plain(role.ManagedPolicyArns)).toEqual([BASIC]);
    expect(expansion.issues[0]?.message).toContain('Fn::If');
  });

  it('takes a single policy name or document in place of a list', () => {
    const single = roleOf(`
        AmazonS3ReadOnlyAccess`);
    expect(plain(single.role.ManagedPolicyArns)).toEqual([
      BASIC,
      'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess',
    ]);
    const document = roleOf(`
        Statement: [{Effect: Allow, Action: sqs:*, Resource: '*'}]`);
    expect((document.role.Policies as Json[])[0]?.PolicyDocument).toBe(document.written);
  });
});
