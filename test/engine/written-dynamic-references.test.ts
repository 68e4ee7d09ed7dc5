// biome-ignore-all lint/suspicious/noTemplateCurlyInString: CloudFormation `${...}` templates are written in these tests
import { describe, expect, it } from 'vitest';
import { ALL_CHECKS } from '../../src/checks/index.js';
import { functionProbe, scanTemplate } from '../helpers/scan-template.js';

// A value holding a dynamic reference is, in the model, a shape with the reference as a `${...}` of its own
// (`arn:aws:s3:::${resolve:ssm:b}/*`): every reader of placeholders takes it as one part not known before deploy.
// What a finding says shows it as the template writes it, `{{resolve:ssm:b}}`, whichever check says it.

/** Dynamic references wherever a check reads a value: policies, trust, managed ARNs, permissions, layers, VPC. */
const TEMPLATE = `
Parameters:
  Stage: { Type: String }
Resources:
  AppRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - { Effect: Allow, Principal: { Service: lambda.amazonaws.com }, Action: sts:AssumeRole }
          - { Effect: Allow, Principal: { AWS: '{{resolve:ssm:/trust/principal}}' }, Action: sts:AssumeRole }
      ManagedPolicyArns:
        - !Sub 'arn:aws:iam::aws:policy/{{resolve:ssm:/policy/name}}'
      PermissionsBoundary: '{{resolve:ssm:/boundary/arn}}'
      Policies:
        - PolicyName: app
          PolicyDocument:
            Statement:
              - { Effect: Allow, Action: s3:PutObject, Resource: '{{resolve:ssm:/arn}}' }
              - { Effect: Allow, Action: s3:PutObject, Resource: !Sub 'arn:aws:s3:::{{resolve:ssm:b}}/*' }
              - { Effect: Allow, Action: s3:GetObject, Resource: !Sub 'arn:aws:s3:::{{resolve:ssm:/\${Stage}/b}}/*' }
              - { Effect: Allow, Action: !Sub 's3:{{resolve:ssm:/verb}}', Resource: '*' }
              - { Effect: Allow, NotAction: '{{resolve:ssm:/notaction}}', Resource: '*' }
              - { Effect: Allow, Action: s3:PutObject, NotResource: '{{resolve:ssm:/notresource}}' }
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      Role: !GetAtt AppRole.Arn
      Code: { ZipFile: 'x' }
      Layers: ['{{resolve:ssm:/layer}}']
      VpcConfig:
        SubnetIds: ['{{resolve:ssm:/subnet}}']
        SecurityGroupIds: ['{{resolve:ssm:/sg}}']
  Perm:
    Type: AWS::Lambda::Permission
    Properties:
      FunctionName: !Ref Fn
      Action: lambda:InvokeFunction
      Principal: !Sub 'arn:aws:iam::{{resolve:ssm:/account}}:root'
  LayerVersion:
    Type: AWS::Lambda::LayerVersion
    Properties:
      Content: { S3Bucket: b, S3Key: k }
  LayerPerm:
    Type: AWS::Lambda::LayerVersionPermission
    Properties:
      Action: lambda:GetLayerVersion
      LayerVersionArn: !Ref LayerVersion
      Principal: '{{resolve:ssm:/layer/principal}}'
`;

describe('dynamic references in what findings say', () => {
  const { findings, errors } = scanTemplate(TEMPLATE, ALL_CHECKS);
  const said = findings.flatMap((f) => [f.message, ...Object.values(f.evidence ?? {})]);

  it('shows each as the template writes it, never as the shape holds it, in every message and evidence', () => {
    expect(errors).toEqual([]);
    expect(said.filter((text) => text.includes('${resolve:') || text.includes('$('))).toEqual([]);
    const about = (checkId: string) => findings.filter((f) => f.checkId === checkId).map((f) => f.message);
    expect(about('iam.role-wildcard-resource-write')).toContain(
      'inline policy app, Statement[1] may grant write actions ("s3:PutObject") on every object in every S3 bucket ' +
        '("arn:aws:s3:::{{resolve:ssm:b}}/*"): the Resource is not known before deploy (dynamic reference ' +
        '{{resolve:ssm:b}}, read from SSM Parameter Store at deploy); its permissions boundary ' +
        '{{resolve:ssm:/boundary/arn}} may limit this, but Parapet did not read it (it is not known before deploy).',
    );
    expect(about('iam.role-wildcard-resource-read')).toContain(
      'inline policy app, Statement[2] may grant sensitive reads ("s3:GetObject") on every object in every S3 bucket ' +
        '("arn:aws:s3:::{{resolve:ssm:/${Stage}/b}}/*"): the Resource is not known before deploy (dynamic reference ' +
        '{{resolve:ssm:/${Stage}/b}}, read from SSM Parameter Store at deploy); its permissions boundary ' +
        '{{resolve:ssm:/boundary/arn}} may limit this, but Parapet did not read it (it is not known before deploy).',
    );
    expect(about('iam.role-wildcard-action')).toEqual([
      expect.stringContaining('Statement[3] may grant every s3 action ("s3:{{resolve:ssm:/verb}}")'),
      expect.stringContaining('Statement[4] may grant every action except {{resolve:ssm:/notaction}}:'),
    ]);
    expect(about('iam.role-wildcard-resource-write')).toContainEqual(
      expect.stringContaining('on every resource except {{resolve:ssm:/notresource}}:'),
    );
    expect(about('iam.role-trust-beyond-lambda')).toEqual([
      'Cannot tell who may assume the role of Fn: {{resolve:ssm:/trust/principal}} can assume the role.',
    ]);
    expect(about('iam.role-admin-managed-policy')).toEqual([
      expect.stringContaining('its ARN arn:aws:iam::aws:policy/{{resolve:ssm:/policy/name}} is not known'),
    ]);
    expect(about('lambda.vpc-single-az')).toEqual([
      'The function is connected to a single subnet ({{resolve:ssm:/subnet}}), so it runs in one Availability Zone.',
    ]);
    expect(about('lambda.layer-permission-public')).toEqual([
      'The layer may be shared with every AWS account: anyone ({{resolve:ssm:/layer/principal}}) is allowed.',
    ]);
  });

  it("shows a permission's principal as written", () => {
    const untrusted = findings.filter((f) => f.checkId === 'lambda.permission-untrusted-account');
    expect(untrusted.map((f) => f.message)).toEqual([
      'Principal arn:aws:iam::{{resolve:ssm:/account}}:root may be another account (dynamic reference ' +
        '{{resolve:ssm:/account}}, read from SSM Parameter Store at deploy).',
    ]);
  });
});

describe('the engine', () => {
  // What a check says of a shape, as the engine reports it: each reference written back, a `${Name}` inside one too.
  const says = functionProbe('test.says-shape', (_fn, ctx) =>
    ctx.fail('Bucket arn:aws:s3:::${resolve:ssm:/$(Stage)/b}/* of ${AWS::Region}.', {
      evidence: { bucket: 'arn:aws:s3:::${resolve:ssm:b}/*', region: '${AWS::Region}' },
    }),
  );
  const fn = `Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties: { Runtime: python3.12, Handler: a.h, Role: arn:aws:iam::123456789012:role/r, Code: { ZipFile: x } }
`;

  it('writes back the dynamic references of a message and of its evidence, and nothing else', () => {
    const { failed } = scanTemplate(fn, says);
    expect(failed.map((f) => [f.message, f.evidence])).toEqual([
      [
        'Bucket arn:aws:s3:::{{resolve:ssm:/${Stage}/b}}/* of ${AWS::Region}.',
        { bucket: 'arn:aws:s3:::{{resolve:ssm:b}}/*', region: '${AWS::Region}' },
      ],
    ]);
  });
});
