// biome-ignore-all lint/suspicious/noTemplateCurlyInString: CloudFormation `${...}` templates are the subject of these tests
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scanCdkOut } from '../../helpers/cdk-out.js';

// An output written `!Sub '${Role.Arn}'` is `!GetAtt Role.Arn` ("`${MyResource.Arn}` ... is the same as
// `Fn::GetAtt`": CloudFormation User Guide, Fn::Sub), so a stack importing its export gets that resource, as it does
// for an export written `!GetAtt`: linked across stacks as loneResourceReference links it within one template.

function scanFolder(files: Record<string, string>) {
  const dir = mkdtempSync(join(tmpdir(), 'parapet-sub-export-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  const { result, of } = scanCdkOut(dir);
  expect(result.errors).toEqual([]);
  return (checkId: string, id: string) => of(checkId, id).map((f) => [f.status, f.message, f.location?.file]);
}

const HEAD = "AWSTemplateFormatVersion: '2010-09-09'\n";
const TRUST = 'iam.role-trust-beyond-lambda';
const SHARED = 'iam.role-shared-by-functions';

/** Role SharedRole, assumed by Lambda and EC2, exporting its ARN as `shared-role-arn` written `value`. */
function exporter(value: string): string {
  return `${HEAD}Resources:
  SharedRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal: { Service: [lambda.amazonaws.com, ec2.amazonaws.com] }
            Action: sts:AssumeRole
Outputs:
  RoleArn:
    Value: ${value}
    Export:
      Name: shared-role-arn
`;
}

/** A stack whose function `id` runs as the imported `shared-role-arn`. */
function importer(id: string): string {
  return `${HEAD}Resources:
  ${id}:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: python3.12
      Handler: index.handler
      Role: !ImportValue shared-role-arn
      Code: { ZipFile: "def handler(e, c): pass" }
`;
}

const TRUST_FAILS = [
  [
    'fail',
    'Besides Lambda, the service ec2.amazonaws.com can assume the execution role of FnA (stack b.yaml), and act ' +
      'with its permissions.',
    'a.yaml',
  ],
];

describe("an export written !Sub '${Role.Arn}'", () => {
  it('is the role, as !GetAtt Role.Arn is: its trust and sharing count the importing stack’s function', () => {
    for (const value of [
      '!GetAtt SharedRole.Arn',
      "!Sub '${SharedRole.Arn}'",
      "!Sub ['${R}', { R: !GetAtt SharedRole.Arn }]",
    ]) {
      const outcome = scanFolder({ 'a.yaml': exporter(value), 'b.yaml': importer('FnA') });
      expect(outcome(TRUST, 'SharedRole'), value).toEqual(TRUST_FAILS);
      expect(outcome(SHARED, 'SharedRole'), value).toEqual([
        ['pass', 'used by FnA (stack b.yaml) only', 'a.yaml'],
      ]);
    }
  });

  it('is unknown where another scanned stack exports the same name: the importer may run as either role', () => {
    const outcome = scanFolder({
      'a.yaml': exporter("!Sub '${SharedRole.Arn}'"),
      'b.yaml': importer('FnB'),
      'c.yaml': exporter('!GetAtt SharedRole.Arn'),
    });
    const mayRun =
      'FnB (stack b.yaml) may run as the role (its Role imports an export that more than one scanned stack makes, ' +
      'this role among them); if so, besides Lambda, the service ec2.amazonaws.com can assume it and act with its ' +
      'permissions.';
    expect(outcome(TRUST, 'SharedRole')).toEqual([
      ['unknown', mayRun, 'a.yaml'],
      ['unknown', mayRun, 'c.yaml'],
    ]);
  });

  it('is no link where the text holds more than the one reference', () => {
    // `${SharedRole.Arn}-x` is no role ARN: the importer's role is text not known before deploy, as before.
    const outcome = scanFolder({
      'a.yaml': exporter("!Sub '${SharedRole.Arn}-x'"),
      'b.yaml': importer('FnA'),
    });
    expect(outcome(TRUST, 'SharedRole')).toEqual([]);
    expect(outcome(SHARED, 'SharedRole')).toEqual([
      ['pass', 'used by no function of the template', 'a.yaml'],
    ]);
  });
});

describe("an export written !Sub '${Fn.Arn}'", () => {
  const producer = `${HEAD}Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties: { Runtime: python3.13, Handler: index.handler, Role: arn:aws:iam::123456789012:role/r, Code: { ZipFile: x } }
Outputs:
  FnArn:
    Value: !Sub '\${Fn.Arn}'
    Export: { Name: 'Producer:FnArn' }
`;
  const consumer = `${HEAD}Resources:
  Api:
    Type: AWS::ApiGateway::RestApi
    Properties: { Name: api }
  Books:
    Type: AWS::ApiGateway::Resource
    Properties: { RestApiId: !Ref Api, ParentId: !GetAtt Api.RootResourceId, PathPart: books }
  Get:
    Type: AWS::ApiGateway::Method
    Properties:
      RestApiId: !Ref Api
      ResourceId: !Ref Books
      HttpMethod: GET
      AuthorizationType: NONE
      Integration:
        Type: AWS_PROXY
        IntegrationHttpMethod: POST
        Uri: !Join ['', ['arn:', !Ref AWS::Partition, ':apigateway:', !Ref AWS::Region, ':lambda:path/2015-03-31/functions/', !ImportValue 'Producer:FnArn', '/invocations']]
  Deploy:
    Type: AWS::ApiGateway::Deployment
    DependsOn: Get
    Properties: { RestApiId: !Ref Api, StageName: prod }
`;

  it('is the function, named with its stack where another stack’s route invokes it', () => {
    const outcome = scanFolder({ 'producer.yaml': producer, 'consumer.yaml': consumer });
    expect(outcome('apigateway.route-no-auth', 'Get')).toEqual([
      [
        'fail',
        'GET /books on API Api invokes function Fn of stack producer.yaml with no authorization and no API key: ' +
          'anyone on the internet can call it.',
        'consumer.yaml',
      ],
    ]);
  });
});
