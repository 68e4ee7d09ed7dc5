import { describe, expect, it } from 'vitest';
import check from '../../../src/checks/iam/role-wildcard-resource-write.js';
import { scanTemplate, template } from '../../helpers/scan-template.js';
import { appRole, fn, inline, LAMBDA_TRUST, sam, samFn } from './fixtures.js';

describe('iam.role-wildcard-resource-write', () => {
  it('fails a write action on "*" and points at the statement', () => {
    const { failed, errors } = scanTemplate(
      appRole(
        inline(`              - Effect: Allow
                Action: [sqs:SendMessage, sqs:ReceiveMessage]
                Resource: '*'
`),
      ),
      check,
    );
    expect(errors).toEqual([]);
    expect(failed).toHaveLength(1);
    expect(failed[0]?.resource.id).toBe('AppRole');
    expect(failed[0]?.message).toBe(
      'inline policy app, Statement[0]: Allow grants write actions on every resource ("sqs:SendMessage"): sqs:SendMessage.',
    );
    expect(failed[0]?.location).toEqual({ file: 'template.yaml', line: 15, column: 17 });
  });

  it('lists the first five actions and how many more, and says when permissions management is included', () => {
    const { failed } = scanTemplate(
      appRole(
        inline(`              - Effect: Allow
                Action: s3:*
                Resource: '*'
`),
      ),
      check,
    );
    expect(failed).toHaveLength(1);
    expect(failed[0]?.message).toMatch(
      /^inline policy app, Statement\[0\]: Allow grants write actions on every resource \("s3:\*"\): (s3:\w+, ){4}s3:\w+ and 20\+ more \(permissions management included\)\.$/,
    );
  });

  it('passes scoped writes, reads on "*", actions that only support "*", and AWS managed policies', () => {
    const { failed, unknown, passed } = scanTemplate(
      appRole(
        `      ManagedPolicyArns:
        - arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole
` +
          inline(`              - Effect: Allow
                Action: [s3:PutObject, s3:DeleteObject]
                Resource: arn:aws:s3:::orders/*
              - Effect: Allow
                Action: [s3:GetObject, dynamodb:Query, xray:PutTraceSegments, cloudwatch:PutMetricData]
                Resource: '*'
`),
      ),
      check,
    );
    expect(failed).toEqual([]);
    expect(unknown).toEqual([]);
    expect(passed).toHaveLength(1);
  });

  it('is unknown when the resource comes from a parameter without default', () => {
    const { failed, unknown } = scanTemplate(
      appRole(
        inline(`              - Effect: Allow
                Action: sns:Publish
                Resource: !Ref TopicArn
`),
        'Parameters:\n  TopicArn: { Type: String }\n',
      ),
      check,
    );
    expect(failed).toEqual([]);
    expect(unknown).toHaveLength(1);
    expect(unknown[0]?.message).toBe(
      'inline policy app, Statement[0] may grant write actions on every resource ("sns:Publish"): the Resource ' +
        'is not known before deploy (from parameter TopicArn, which has no default).',
    );
    expect(unknown[0]?.location.line).toBe(17);
  });

  it('leaves iam:PassRole alone to iam.role-passrole-wildcard', () => {
    const { failed, passed } = scanTemplate(
      appRole(
        inline(`              - Effect: Allow
                Action: iam:PassRole
                Resource: '*'
`),
      ),
      check,
    );
    expect(failed).toEqual([]);
    expect(passed[0]?.message).toBe(
      'no statement allows write actions on every resource (iam:PassRole and cloudwatch:PutMetricData left out)',
    );
  });

  it('passes SAM S3CrudPolicy (writes on its bucket only) and CloudWatchPutMetricPolicy, and fails a SAM inline statement on "*"', () => {
    const { failed, passed } = scanTemplate(
      sam(
        `  Uploads:
    Type: AWS::S3::Bucket
` +
          samFn(
            'Resize',
            `      Policies:
        - S3CrudPolicy:
            BucketName: !Ref Uploads
        - CloudWatchPutMetricPolicy: {}
`,
          ) +
          samFn(
            'Cleanup',
            `      Policies:
        - S3CrudPolicy:
            BucketName: !Ref Uploads
        - Statement:
            - Effect: Allow
              Action: dynamodb:DeleteItem
              Resource: '*'
`,
          ),
      ),
      check,
    );
    expect(passed.map((f) => [f.resource.id, f.resource.generated?.id])).toEqual([['Resize', 'ResizeRole']]);
    expect(failed.map((f) => [f.resource.id, f.resource.generated?.id, f.message])).toEqual([
      [
        'Cleanup',
        'CleanupRole',
        'Policies[1], Statement[0]: Allow grants write actions on every resource ("dynamodb:DeleteItem"): dynamodb:DeleteItem.',
      ],
    ]);
  });

  it('says so on the log retention role CDK adds, with a suppression covering it', () => {
    const logRetention = `  LogRetentionaae0aa3c5b4d4f87b02d85b201efdd8aServiceRole9741ECFB:
    Type: AWS::IAM::Role
    Metadata:
      aws:cdk:path: Shop/LogRetentionaae0aa3c5b4d4f87b02d85b201efdd8a/ServiceRole/Resource
    Properties:
${LAMBDA_TRUST}  LogRetentionaae0aa3c5b4d4f87b02d85b201efdd8aServiceRoleDefaultPolicyADDA7DEB:
    Type: AWS::IAM::Policy
    Metadata:
      aws:cdk:path: Shop/LogRetentionaae0aa3c5b4d4f87b02d85b201efdd8a/ServiceRole/DefaultPolicy/Resource
    Properties:
      PolicyName: LogRetentionDefaultPolicy
      Roles: [!Ref LogRetentionaae0aa3c5b4d4f87b02d85b201efdd8aServiceRole9741ECFB]
      PolicyDocument:
        Statement:
          - Effect: Allow
            Action: [logs:PutRetentionPolicy, logs:DeleteRetentionPolicy]
            Resource: '*'
`;
    const { failed } = scanTemplate(
      template(
        logRetention +
          fn(
            'LogRetentionaae0aa3c5b4d4f87b02d85b201efdd8aFD4BFC8A',
            '!GetAtt LogRetentionaae0aa3c5b4d4f87b02d85b201efdd8aServiceRole9741ECFB.Arn',
          ),
      ),
      check,
    );
    expect(failed).toHaveLength(1);
    expect(failed[0]?.message).toContain('logs:PutRetentionPolicy, logs:DeleteRetentionPolicy');
    expect(failed[0]?.message).toContain(
      'This role belongs to the log retention function (logRetention), which CDK adds with a policy you did not write',
    );
    expect(failed[0]?.message).toContain('one suppression with resource "**/LogRetention*/**" covers these.');
    expect(failed[0]?.location.line).toBe(22);
  });
});
