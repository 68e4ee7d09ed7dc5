import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ALL_CHECKS } from '../src/checks/index.js';
import { EMPTY_CONFIG } from '../src/config/config.js';
import { scan } from '../src/scan.js';
import { parapet } from './helpers/cli.js';
import { expectLikeOrdinaryName, ORDINARY_NAME, PROTOTYPE_NAMES } from './helpers/prototype-names.js';

// End to end: a name of Object.prototype (`constructor`, `toString`, `__proto__`, ...) written everywhere a
// template names something (conditions, parameters, mappings and their keys, resources, Globals sections,
// authorizers, OpenAPI paths and schemes, resource types, policy condition keys, ARN services, exports, loop
// collections, -p values). Nothing declares it: every scan must read it as it reads a name nobody declared,
// with the same errors, findings and warnings, and never fail inside.

/** A SAM template (with Fn::ForEach loops) that names `n` in every place, and declares it nowhere. */
function everywhere(n: string): string {
  return `AWSTemplateFormatVersion: '2010-09-09'
Transform: [AWS::LanguageExtensions, AWS::Serverless-2016-10-31]
Parameters:
  Stage: {Type: String, Default: dev}
Mappings:
  Runtimes:
    dev: {Lambda: python3.12}
Conditions:
  IsDev: !Equals [!Ref Stage, dev]
  Either: !Or [!Condition ${n}, !Condition IsDev]
Globals:
  ${n}:
    Runtime: python3.12
  Function:
    Environment:
      Variables:
        ${n}: !Ref Stage
Resources:
  Plain:
    Type: AWS::Lambda::Function
    Condition: ${n}
    Properties:
      Runtime: !FindInMap [Runtimes, !Ref Stage, ${n}]
      Handler: !Sub '\${${n}}.handler'
      Role: !Ref ${n}
      Code: {ZipFile: !If [${n}, a, b]}
      Description: !FindInMap [${n}, dev, Lambda]
      MemorySize: !FindInMap [Runtimes, ${n}, Lambda]
      Timeout: !GetAtt ${n}.Timeout
      KmsKeyArn: !Sub ['\${${n}}', {Other: x}]
      Layers: [!ImportValue ${n}]
      ReservedConcurrentExecutions: !If [Either, 1, 2]
  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
      Auth:
        DefaultAuthorizer: ${n}
        Authorizers:
          Users: {UserPoolArn: arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_abc}
      DefinitionBody:
        swagger: '2.0'
        securityDefinitions:
          Sigv4: {type: apiKey, name: Authorization, in: header, x-amazon-apigateway-authtype: awsSigv4}
        paths:
          /items:
            get:
              security: [{${n}: []}]
              x-amazon-apigateway-integration: {type: aws_proxy, httpMethod: POST, uri: x}
  Bare:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
      Auth:
        DefaultAuthorizer: ${n}
        Authorizers:
          Users: {UserPoolArn: arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_abc}
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      CodeUri: s3://bucket/app.zip
      AutoPublishAlias: !Ref ${n}
      Policies:
        - Statement:
            - Effect: Allow
              Action: '*'
              Resource: arn:aws:${n}:us-east-1:123456789012:thing/one
        - Statement:
            - Effect: Allow
              Action: sqs:SendMessage
              Resource: '*'
              Condition: {StringEquals: {${n}: x}}
      Events:
        Get:
          Type: Api
          Properties: {RestApiId: !Ref Api, Path: /items, Method: get, Auth: {Authorizer: ${n}}}
        Paths:
          Type: Api
          Properties: {RestApiId: !Ref Api, Path: ${n}, Method: get}
        Authorized:
          Type: Api
          Properties: {RestApiId: !Ref Bare, Path: /a, Method: get, Auth: {Authorizer: ${n}}}
        Defaulted:
          Type: Api
          Properties: {RestApiId: !Ref Bare, Path: /d, Method: get}
        Elsewhere:
          Type: Api
          Properties:
            RestApiId: ${n}
            Path: /x
            Method: get
  Table:
    Type: AWS::Serverless::SimpleTable
    Properties:
      PrimaryKey: {Name: id, Type: ${n}}
  Source:
    Type: ${n}
  Mapping:
    Type: AWS::Lambda::EventSourceMapping
    Properties:
      FunctionName: !Ref Fn
      EventSourceArn: !GetAtt Source.Arn
  Fn::ForEach::Topics:
    - Name
    - !Ref ${n}
    - 'Topic\${Name}': {Type: AWS::SNS::Topic}
  Fn::ForEach::Queues:
    - Name
    - !FindInMap [Runtimes, dev, ${n}]
    - 'Queue\${Name}': {Type: AWS::SQS::Queue}
Outputs:
  Out:
    Condition: ${n}
    Value: !Ref ${n}
    Export: {Name: !Sub '\${${n}}-export'}
`;
}

/** What a scan of `text` (with `-p name=x`) says, as plain data in an order that does not depend on columns. */
function scanned(dir: string, name: string) {
  const file = join(dir, `${name}.yaml`);
  writeFileSync(file, everywhere(name));
  const result = scan([file], {
    checks: ALL_CHECKS,
    config: EMPTY_CONFIG,
    scanDate: new Date('2026-11-25'),
    cwd: dir,
    parameters: { [name]: 'x' },
  });
  const errors = result.errors.map((e) => `${e.kind} ${e.resource ?? ''} ${e.line ?? ''} ${e.message}`);
  const findings = result.findings.map(
    (f) =>
      `${f.checkId} ${f.status} ${f.resource.id} ${f.location.line ?? ''} ${f.message} ${f.assumptions?.join('; ') ?? ''}`,
  );
  return { errors: errors.sort(), findings: findings.sort(), warnings: [...result.warnings].sort() };
}

describe.each(PROTOTYPE_NAMES)('a template that names %s everywhere, declaring it nowhere', (name) => {
  const dir = mkdtempSync(join(tmpdir(), 'parapet-prototype-names-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is scanned without an internal error', () => {
    const { errors } = scanned(dir, name);
    expect(errors.filter((e) => e.startsWith('internal') || e.includes('unexpectedly'))).toEqual([]);
    expect(errors.some((e) => e.includes(`condition "${name}" is not defined in Conditions`))).toBe(true);
  });

  it('gives the errors, findings and warnings a name nobody declared gives', () => {
    expectLikeOrdinaryName((n) => scanned(dir, n), name);
  });
});

describe('the CLI, on a condition and a Ref named toString (the template of the report)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'parapet-prototype-cli-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const run = (n: string) => {
    writeFileSync(
      join(dir, 't.yaml'),
      `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  A:
    Type: AWS::Lambda::Function
    Condition: ${n}
    Properties:
      Runtime: python3.12
      Role: !Ref ${n}
      Handler: x
      Code: { ZipFile: x }
`,
    );
    const { code, stdout } = parapet(['scan', 't.yaml', '-f', 'json'], dir);
    const report = JSON.parse(stdout);
    return { code, errors: report.errors, findings: report.findings };
  };

  it('reports both as undefined and exits 2, as for a name nobody declared', () => {
    const ordinary = run(ORDINARY_NAME);
    expect(ordinary.errors.map((e: { message: string }) => e.message)).toEqual([
      `condition "${ORDINARY_NAME}" is not defined in Conditions`,
      `A: Ref to "${ORDINARY_NAME}", which is neither a parameter nor a resource of this template ` +
        `(CloudFormation refuses the template: Unresolved resource dependencies [${ORDINARY_NAME}] in the Resources block)`,
    ]);
    expectLikeOrdinaryName(run, 'toString');
  });
});
