import { describe, expect, it } from 'vitest';
import roleShared from '../../../src/checks/iam/role-shared-by-functions.js';
import codeSigningWarnOnly from '../../../src/checks/lambda/code-signing-warn-only.js';
import envNoCustomerKms from '../../../src/checks/lambda/env-no-customer-kms.js';
import layerUntrusted from '../../../src/checks/lambda/layer-untrusted-account.js';
import noCodeSigning from '../../../src/checks/lambda/no-code-signing.js';
import { lineOf } from '../../checks/lambda/vpc-fixture.js';
import { scanTemplate, template } from '../../helpers/scan-template.js';

const CHECKS = [roleShared, layerUntrusted, envNoCustomerKms];

/** Resources a function may name: a role, a key, a queue, a topic and a layer. */
const NAMED = `  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement: [{ Effect: Allow, Principal: { Service: lambda.amazonaws.com }, Action: sts:AssumeRole }]
  Key:
    Type: AWS::KMS::Key
    Properties: { KeyPolicy: { Version: '2012-10-17', Statement: [] } }
  Dlq:
    Type: AWS::SQS::Queue
  Topic:
    Type: AWS::SNS::Topic
  Layer:
    Type: AWS::Lambda::LayerVersion
    Properties: { Content: { S3Bucket: b, S3Key: k } }
`;

/** A function whose Role, KmsKeyArn, DeadLetterConfig.TargetArn and Layers are written as `values` says. */
function fn(values: { role: string; key: string; dlq: string; layer: string }): string {
  return `  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: python3.12
      Handler: index.handler
      Code: { ZipFile: x }
      Environment: { Variables: { A: b } }
      Role: ${values.role}
      KmsKeyArn: ${values.key}
      DeadLetterConfig: { TargetArn: ${values.dlq} }
      Layers: [${values.layer}]
`;
}

/** The template error for property `path` of Fn holding the text of `id`, of `type`, where `takes` goes. */
function error(path: string, id: string, type: string, takes: string, fix: string): string {
  return (
    `${path} of Fn is the text ${id}, the logical id of an ${type} of this template, not ${takes}: Lambda ` +
    `refuses it and the stack fails to deploy; write ${fix}`
  );
}

describe('a logical id written as text where a function takes an ARN of a fixed form', () => {
  it('is a template error at each property, and links the function to none of those resources', () => {
    const text = template(NAMED + fn({ role: 'Role', key: 'Key', dlq: 'Dlq', layer: 'Layer' }));
    const { errors, findings, inventory } = scanTemplate(text, CHECKS);
    expect(errors.map((e) => [e.message, e.line])).toEqual([
      [error('Role', 'Role', 'AWS::IAM::Role', 'a role ARN', '!GetAtt Role.Arn'), lineOf(text, 'Role: Role')],
      [
        error('KmsKeyArn', 'Key', 'AWS::KMS::Key', 'a KMS key ARN', '!GetAtt Key.Arn'),
        lineOf(text, 'KmsKeyArn: Key'),
      ],
      [
        error(
          'DeadLetterConfig.TargetArn',
          'Dlq',
          'AWS::SQS::Queue',
          'a queue or topic ARN',
          '!GetAtt Dlq.Arn',
        ),
        lineOf(text, 'TargetArn: Dlq'),
      ],
      [
        error('Layers[0]', 'Layer', 'AWS::Lambda::LayerVersion', 'a layer version ARN', '!Ref Layer'),
        lineOf(text, 'Layers: [Layer]'),
      ],
    ]);
    expect(findings.map((f) => [f.checkId, f.status, f.message]).sort()).toEqual([
      ['iam.role-shared-by-functions', 'pass', 'used by no function of the template'],
      ['lambda.env-no-customer-kms', 'unknown', expect.stringContaining('the text Key, a logical id')],
      ['lambda.layer-untrusted-account', 'unknown', expect.stringContaining('the text Layer, a logical id')],
    ]);
    const function_ = inventory.list('lambda.function')[0];
    expect(function_?.role).toMatchObject({ reason: expect.stringMatching(/^invalid: the text Role/) });
    expect(function_?.deadLetterTarget).toMatchObject({ reason: expect.stringMatching(/^invalid: /) });
  });

  it('names the topic a dead-letter target is meant to be by its Ref', () => {
    const text = template(
      NAMED + fn({ role: '!GetAtt Role.Arn', key: '!GetAtt Key.Arn', dlq: 'Topic', layer: '!Ref Layer' }),
    );
    expect(scanTemplate(text, CHECKS).errors.map((e) => e.message)).toEqual([
      error('DeadLetterConfig.TargetArn', 'Topic', 'AWS::SNS::Topic', 'a queue or topic ARN', '!Ref Topic'),
    ]);
  });

  it('leaves the intrinsics that give those ARNs as they were: linked', () => {
    const text = template(
      NAMED +
        fn({ role: '!GetAtt Role.Arn', key: '!GetAtt Key.Arn', dlq: '!GetAtt Dlq.Arn', layer: '!Ref Layer' }),
    );
    const { errors, findings, inventory } = scanTemplate(text, CHECKS);
    expect(errors).toEqual([]);
    expect(findings.map((f) => [f.checkId, f.status]).sort()).toEqual([
      ['iam.role-shared-by-functions', 'pass'],
      ['lambda.env-no-customer-kms', 'pass'],
      ['lambda.layer-untrusted-account', 'pass'],
    ]);
    expect(inventory.list('lambda.function')[0]).toMatchObject({
      role: 'Role',
      deadLetterTarget: 'Dlq',
      kmsKeyArn: 'Key',
    });
  });

  it('leaves real ARNs, and text naming a resource of another type, as they were', () => {
    const arns = {
      role: 'arn:aws:iam::123456789012:role/Role',
      key: 'arn:aws:kms:us-east-1:123456789012:key/Key',
      dlq: 'arn:aws:sqs:us-east-1:123456789012:Dlq',
      layer: 'arn:aws:lambda:us-east-1:123456789012:layer:Layer:1',
    };
    expect(scanTemplate(template(NAMED + fn(arns)), CHECKS).errors).toEqual([]);
    // Key is a key, not a role: not the mistake of a role's logical id written as text.
    const other = scanTemplate(template(NAMED + fn({ ...arns, role: 'Key', dlq: 'Layer' })), CHECKS);
    expect(other.errors).toEqual([]);
    expect(other.inventory.list('lambda.function')[0]).toMatchObject({
      role: 'Key',
      deadLetterTarget: 'Layer',
    });
  });

  it('names an item of Layers where the user wrote it, in Globals or in the function, for SAM', () => {
    const text = template(
      `  MyLayer:
    Type: AWS::Serverless::LayerVersion
    Properties: { ContentUri: s3://b/k }
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: index.handler
      Role: arn:aws:iam::123456789012:role/r
      InlineCode: x
      Layers: [!Ref MyLayer, MyLayer]
`,
      'Transform: AWS::Serverless-2016-10-31\nGlobals:\n  Function:\n    Layers: [MyLayer]\n',
    );
    const { errors } = scanTemplate(text, CHECKS);
    const problem =
      'is the text MyLayer, the logical id of an AWS::Serverless::LayerVersion of this template, not a layer version ' +
      'ARN: Lambda refuses it and the stack fails to deploy; write !Ref MyLayer';
    expect(errors.map((e) => [e.message, e.line])).toEqual([
      [`Layers[0] in Globals ${problem}`, 5],
      [`Layers[1] of Fn ${problem}`, 17],
    ]);
  });
  it('names a resource SAM generated by the type it has: the role of a SAM function is an AWS::IAM::Role', () => {
    const text = template(
      `  SamFn:
    Type: AWS::Serverless::Function
    Properties: { Runtime: python3.12, Handler: index.handler, InlineCode: x }
${fn({ role: 'SamFnRole', key: '!GetAtt Key.Arn', dlq: '!GetAtt Dlq.Arn', layer: '!Ref Layer' })}${NAMED}`,
      'Transform: AWS::Serverless-2016-10-31\n',
    );
    expect(scanTemplate(text, CHECKS).errors.map((e) => e.message)).toEqual([
      error('Role', 'SamFnRole', 'AWS::IAM::Role', 'a role ARN', '!GetAtt SamFnRole.Arn'),
    ]);
  });

  it('names the DeadLetterQueue the user wrote of a SAM function, not the DeadLetterConfig SAM makes (review rv2 item 3)', () => {
    const text = template(
      `  Dlq:
    Type: AWS::SQS::Queue
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: index.handler
      Role: arn:aws:iam::123456789012:role/r
      InlineCode: x
      DeadLetterQueue: { Type: SQS, TargetArn: Dlq }
`,
      'Transform: AWS::Serverless-2016-10-31\n',
    );
    expect(scanTemplate(text, CHECKS).errors.map((e) => [e.message, e.line])).toEqual([
      [
        error(
          'DeadLetterQueue.TargetArn',
          'Dlq',
          'AWS::SQS::Queue',
          'a queue or topic ARN',
          '!GetAtt Dlq.Arn',
        ),
        lineOf(text, 'DeadLetterQueue:'),
      ],
    ]);
    const inGlobals = text
      .replace('      DeadLetterQueue: { Type: SQS, TargetArn: Dlq }\n', '')
      .replace(
        'Resources:\n',
        'Globals:\n  Function:\n    DeadLetterQueue: { Type: SQS, TargetArn: Dlq }\nResources:\n',
      );
    expect(scanTemplate(inGlobals, CHECKS).errors.map((e) => e.message)).toEqual([
      error(
        'DeadLetterQueue.TargetArn',
        'Dlq',
        'AWS::SQS::Queue',
        'a queue or topic ARN',
        '!GetAtt Dlq.Arn',
      ).replace(' of Fn ', ' in Globals '),
    ]);
  });
});

describe('a logical id written as text where a function takes a code signing config or an access point ARN', () => {
  /** A code signing config, an EFS file system and its access point. */
  const RESOURCES = `  Csc:
    Type: AWS::Lambda::CodeSigningConfig
    Properties:
      AllowedPublishers: { SigningProfileVersionArns: [arn:aws:signer:us-east-1:123456789012:/signing-profiles/p/1] }
      CodeSigningPolicies: { UntrustedArtifactOnDeployment: Enforce }
  Efs:
    Type: AWS::EFS::FileSystem
  Ap:
    Type: AWS::EFS::AccessPoint
    Properties: { FileSystemId: !Ref Efs }
`;
  /** A function (SAM's, with `sam`) whose CodeSigningConfigArn and FileSystemConfigs[0].Arn are `csc` and `ap`. */
  const withConfigs = (csc: string, ap: string, sam = false) =>
    `  Fn:
    Type: ${sam ? 'AWS::Serverless::Function' : 'AWS::Lambda::Function'}
    Properties:
      Runtime: python3.12
      Handler: index.handler
      Role: arn:aws:iam::123456789012:role/r
      ${sam ? 'InlineCode: x' : 'Code: { ZipFile: x }'}
      CodeSigningConfigArn: ${csc}
      FileSystemConfigs: [{ Arn: ${ap}, LocalMountPath: /mnt/data }]
`;
  const SIGNING = [noCodeSigning, codeSigningWarnOnly];
  const CSC_ERROR = error(
    'CodeSigningConfigArn',
    'Csc',
    'AWS::Lambda::CodeSigningConfig',
    'a code signing config ARN',
    '!GetAtt Csc.CodeSigningConfigArn',
  );
  const AP_ERROR = error(
    'FileSystemConfigs[0].Arn',
    'Ap',
    'AWS::EFS::AccessPoint',
    'an EFS access point ARN',
    '!GetAtt Ap.Arn',
  );

  it('is a template error at each, and the code signing checks do not judge the function', () => {
    const text = template(RESOURCES + withConfigs('Csc', 'Ap'));
    const { errors, findings, inventory } = scanTemplate(text, SIGNING);
    expect(errors.map((e) => [e.message, e.line])).toEqual([
      [CSC_ERROR, lineOf(text, 'CodeSigningConfigArn: Csc')],
      [AP_ERROR, lineOf(text, 'FileSystemConfigs:')],
    ]);
    expect(findings.map((f) => [f.checkId, f.status])).toEqual([
      ['lambda.no-code-signing', 'unknown'],
      ['lambda.code-signing-warn-only', 'unknown'],
    ]);
    expect(inventory.list('lambda.function')[0]?.fileSystemConfigs).toMatchObject([
      { arn: { reason: expect.stringMatching(/^invalid: the text Ap/) } },
    ]);
  });

  it('is told of a SAM function too, where its user wrote it', () => {
    const text = template(
      RESOURCES + withConfigs('Csc', 'Ap', true),
      'Transform: AWS::Serverless-2016-10-31\n',
    );
    expect(scanTemplate(text, SIGNING).errors.map((e) => [e.message, e.line])).toEqual([
      [CSC_ERROR, lineOf(text, 'CodeSigningConfigArn: Csc')],
      [AP_ERROR, lineOf(text, 'FileSystemConfigs:')],
    ]);
  });

  it('names an item of FileSystemConfigs SAM merged with Globals where the user wrote it', () => {
    const globals =
      'Transform: AWS::Serverless-2016-10-31\nGlobals:\n  Function:\n' +
      '    FileSystemConfigs: [{ Arn: Ap, LocalMountPath: /mnt/g }]\n';
    const text = template(RESOURCES + withConfigs('!GetAtt Csc.CodeSigningConfigArn', 'Ap', true), globals);
    expect(scanTemplate(text, SIGNING).errors.map((e) => [e.message, e.line])).toEqual([
      [
        AP_ERROR.replace(' of Fn ', ' in Globals '),
        lineOf(text, 'FileSystemConfigs: [{ Arn: Ap, LocalMountPath: /mnt/g'),
      ],
      [AP_ERROR, lineOf(text, 'LocalMountPath: /mnt/data')],
    ]);
  });

  it('leaves the intrinsics that give those ARNs as they were: linked, and judged', () => {
    const text = template(RESOURCES + withConfigs('!GetAtt Csc.CodeSigningConfigArn', '!GetAtt Ap.Arn'));
    const { errors, findings } = scanTemplate(text, SIGNING);
    expect(errors).toEqual([]);
    expect(findings.map((f) => [f.checkId, f.status])).toEqual([
      ['lambda.no-code-signing', 'pass'],
      ['lambda.code-signing-warn-only', 'pass'],
    ]);
  });
});
