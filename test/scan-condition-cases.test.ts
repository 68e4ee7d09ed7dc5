import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALL_CHECKS } from '../src/checks/index.js';
import { EMPTY_CONFIG } from '../src/config/config.js';
import { scan } from '../src/scan.js';
import { runtimeFunction } from './helpers/templates.js';

// Conditions that hang on a parameter without default cannot be decided before deploy: the scan checks
// each case (true, false) and merges, instead of leaving every value behind them unknown.

const HEAD = `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  Env: { Type: String }
  Tier: { Type: String }
Conditions:
  IsProd: !Equals [!Ref Env, prod]
  IsPublic: !Equals [!Ref Tier, public]
Resources:
`;

const fn = (id: string, runtime: string) => runtimeFunction(runtime, id);

function scanText(text: string, parameters?: Record<string, string>, checks = ['lambda.runtime-deprecated']) {
  const dir = mkdtempSync(join(tmpdir(), 'parapet-cases-'));
  writeFileSync(join(dir, 'template.yaml'), text);
  return scan([dir], {
    checks: ALL_CHECKS.filter((c) => checks.includes(c.id)),
    config: EMPTY_CONFIG,
    scanDate: new Date('2026-11-25'),
    cwd: dir,
    ...(parameters ? { parameters } : {}),
  });
}

describe('a value that depends on a condition not known before deploy', () => {
  it('fails when it fails in every case, saying which case the message shows', () => {
    const result = scanText(HEAD + fn('Both', '!If [IsProd, python3.7, python3.8]'));
    expect(result.errors).toEqual([]);
    expect(result.findings.map((f) => [f.resource.id, f.status, f.location.line])).toEqual([
      ['Both', 'fail', 15],
    ]);
    // Each way its own reason: fixing python3.7 would leave python3.8.
    expect(result.findings[0]?.message).toMatch(
      /^When condition IsProd holds: Runtime python3\.7 .* runtime\. It fails in the other cases too: when condition IsProd does not hold: Runtime python3\.8 .* runtime\.$/,
    );
  });

  it('keeps the message as it is when every case fails the same way', () => {
    const result = scanText(HEAD + fn('Same', '!If [IsProd, python3.7, python3.7]'));
    expect(result.findings.map((f) => f.status)).toEqual(['fail']);
    expect(result.findings[0]?.message).not.toMatch(/when condition/);
  });

  it('is unknown when it fails in one case only, naming the case and why it cannot be decided', () => {
    const result = scanText(HEAD + fn('OneWay', '!If [IsProd, python3.13, python3.8]'));
    expect(result.findings.map((f) => [f.resource.id, f.status])).toEqual([['OneWay', 'unknown']]);
    const message = result.findings[0]?.message ?? '';
    expect(message).toMatch(/^When condition IsProd does not hold: Runtime python3\.8 /);
    expect(message).toMatch(
      /Condition IsProd cannot be decided before deploy: it compares values not known before deploy \(from parameter Env, which has no default\)\.$/,
    );
  });

  it('passes when it passes in every case', () => {
    const result = scanText(HEAD + fn('Fine', '!If [IsProd, python3.13, python3.12]'));
    expect(result.findings).toEqual([]);
    expect(result.passed).toBe(1);
  });

  it('checks a property that only one case sets (a function URL open to anyone when IsPublic holds)', () => {
    const url = `  Url:
    Type: AWS::Lambda::Url
    Properties:
      TargetFunctionArn: !GetAtt Fn.Arn
      AuthType: !If [IsPublic, NONE, AWS_IAM]
`;
    const result = scanText(HEAD + fn('Fn', 'python3.13') + url, undefined, [
      'lambda.function-url-auth-none',
    ]);
    expect(result.findings.map((f) => [f.resource.id, f.status])).toEqual([['Url', 'unknown']]);
    expect(result.findings[0]?.message).toMatch(
      /^When condition IsPublic holds: The function URL has AuthType NONE/,
    );
  });

  it('a resource that exists in one case only fails there, and says when it exists', () => {
    const url = `  Url:
    Type: AWS::Lambda::Url
    Condition: IsPublic
    Properties:
      TargetFunctionArn: !GetAtt Fn.Arn
      AuthType: NONE
`;
    const result = scanText(HEAD + fn('Fn', 'python3.13') + url, undefined, [
      'lambda.function-url-auth-none',
    ]);
    expect(result.findings.map((f) => [f.resource.id, f.status, f.assumptions])).toEqual([
      ['Url', 'fail', ['the resource exists only when condition IsPublic holds']],
    ]);
  });

  it('combines two conditions: a case of each is named only where it decides the result', () => {
    const result = scanText(
      HEAD + fn('Two', '!If [IsProd, !If [IsPublic, python3.7, python3.13], python3.13]'),
    );
    expect(result.findings.map((f) => f.status)).toEqual(['unknown']);
    expect(result.findings[0]?.message).toMatch(
      /^When condition IsProd holds and condition IsPublic holds: .* Conditions IsProd and IsPublic cannot be decided before deploy: IsProd compares .*Env.*; IsPublic compares .*Tier.*\.$/,
    );
  });

  it('needs no cases once -p decides the condition', () => {
    const result = scanText(HEAD + fn('OneWay', '!If [IsProd, python3.13, python3.8]'), {
      Env: 'dev',
      Tier: 'x',
    });
    expect(result.findings.map((f) => [f.status, f.message.startsWith('Runtime python3.8')])).toEqual([
      ['fail', true],
    ]);
  });

  it('reports an error met in one case only, once', () => {
    const result = scanText(HEAD + fn('Bad', '!If [IsProd, !Ref Missing, python3.13]'));
    expect(result.errors.map((e) => [e.kind, e.message])).toEqual([
      ['template', expect.stringMatching(/Missing/)],
    ]);
  });

  it('leaves values unknown, with a warning, when there are too many conditions to check each case', () => {
    const names = ['C1', 'C2', 'C3', 'C4', 'C5', 'C6', 'C7'];
    const conditions = names.map((n) => `  ${n}: !Equals [!Ref Env, ${n}]\n`).join('');
    const head = HEAD.replace('Resources:\n', `${conditions}Resources:\n`);
    const runtime = names.reduceRight((inner, n) => `!If [${n}, python3.7, ${inner}]`, 'python3.8');
    const result = scanText(head + fn('Deep', runtime));
    expect(result.findings.map((f) => [f.status, f.message])).toEqual([
      ['unknown', expect.stringMatching(/^Runtime is not known before deploy/)],
    ]);
    expect(result.warnings).toEqual([
      'template.yaml: conditions C1, C2, C3, C4, C5, C6, C7 are not known before deploy; values that depend ' +
        'on them are reported unknown (Parapet checks each case of at most 6 such conditions, not 7)',
    ]);
  });

  it('checks only the cases a deploy can make: a condition and its negation', () => {
    const head = HEAD.replace('Resources:\n', '  NotProd: !Not [!Condition IsProd]\nResources:\n');
    const when = (condition: string, text: string) =>
      text.replace('    Properties:', `    Condition: ${condition}\n    Properties:`);
    const text =
      head +
      when('IsProd', fn('ProdOnly', '!If [NotProd, python3.8, python3.12]')) +
      when('NotProd', fn('DevOnly', '!If [IsProd, python3.8, python3.7]'));
    const result = scanText(text);
    expect(result.errors).toEqual([]);
    // ProdOnly exists only where NotProd is false: python3.12 passes. DevOnly only where IsProd is false: python3.7.
    expect(
      result.findings.map((f) => [f.resource.id, f.status, f.message.slice(0, 18), f.assumptions]),
    ).toEqual([
      [
        'DevOnly',
        'fail',
        // The message says when it fails: where the resource exists.
        'When condition Not',
        // Its own Condition is the one named, though IsProd false says the same.
        ['the resource exists only when condition NotProd holds'],
      ],
    ]);
  });

  it('checks only the cases a deploy can make: one parameter against several values, and AllowedValues', () => {
    const head = `Parameters:
  Stage: { Type: String, AllowedValues: [dev, prod] }
Conditions:
  IsProd: !Equals [!Ref Stage, prod]
  IsDev: !Equals [!Ref Stage, dev]
  IsQa: !Equals [!Ref Stage, qa]
Resources:
`;
    const result = scanText(
      head +
        fn('EitherWay', '!If [IsProd, python3.8, !If [IsDev, python3.8, python3.12]]') +
        fn('NeverQa', '!If [IsQa, python3.8, python3.12]'),
    );
    expect(result.findings.map((f) => [f.resource.id, f.status, f.message.slice(0, 18)])).toEqual([
      ['EitherWay', 'fail', 'Runtime python3.8 '],
    ]);
    expect(result.passed).toBe(1);
  });

  it('names the condition the resource itself uses, when another tells the same cases apart', () => {
    const head = `Parameters:
  Stage: { Type: String, AllowedValues: [dev, prod] }
Conditions:
  IsDev: !Equals [!Ref Stage, dev]
  IsProd: !Equals [!Ref Stage, prod]
Resources:
`;
    const result = scanText(
      head +
        fn('Fn', '!If [IsProd, python3.13, python3.8]') +
        fn('Other', '!If [IsDev, python3.13, python3.12]'),
    );
    // IsDev holding picks out the same case; but Fn reads IsProd.
    expect(result.findings.map((f) => f.message.slice(0, 37))).toEqual([
      'When condition IsProd does not hold: ',
    ]);
  });

  it('takes Properties: !If in each case, without an error from the undecided first look', () => {
    const url = `  Url:
    Type: AWS::Lambda::Url
    Properties: !If
      - IsPublic
      - { TargetFunctionArn: !GetAtt Fn.Arn, AuthType: NONE }
      - { TargetFunctionArn: !GetAtt Fn.Arn, AuthType: AWS_IAM }
`;
    const result = scanText(HEAD + fn('Fn', 'python3.13') + url, undefined, [
      'lambda.function-url-auth-none',
    ]);
    expect(result.errors).toEqual([]);
    expect(result.findings.map((f) => [f.resource.id, f.status, f.message.slice(0, 31)])).toEqual([
      ['Url', 'unknown', 'When condition IsPublic holds: '],
    ]);
  });

  it('takes Properties: !If [Cond, {...}, !Ref AWS::NoValue] as no properties where the condition does not hold', () => {
    const queue = `  Queue:
    Type: AWS::SQS::Queue
    Properties: !If [IsPublic, { VisibilityTimeout: 60 }, !Ref AWS::NoValue]
`;
    const result = scanText(HEAD + fn('Fn', 'python3.13') + queue);
    expect(result.errors).toEqual([]);
  });

  it('does not explore a condition CloudFormation rejects (undefined or circular): it is an error', () => {
    const head = HEAD.replace('Resources:\n', '  A: !Condition B\n  B: !Condition A\nResources:\n');
    const result = scanText(
      head + fn('Fn', '!If [A, python3.8, python3.7]') + fn('Other', '!If [Nope, python3.8, python3.7]'),
    );
    expect(result.warnings).toEqual([]);
    expect(result.errors.map((e) => e.message)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/circular/),
        expect.stringMatching(/"Nope" is not defined/),
      ]),
    );
    expect(result.findings.map((f) => [f.status, f.message.startsWith('When')])).toEqual([
      ['unknown', false],
      ['unknown', false],
    ]);
  });

  it('reports an undefined condition once, where it is first named, with its line', () => {
    const text =
      HEAD +
      fn('Fn', '!If [Missing, python3.8, python3.7]').replace(
        '    Properties:',
        '    Condition: Nope\n    Properties:',
      ) +
      fn('Other', '!If [Missing, python3.8, python3.7]');
    const result = scanText(text);
    expect(result.errors.map((e) => [e.message, e.line, e.resource])).toEqual([
      ['condition "Nope" is not defined in Conditions', 11, 'Fn'],
      ['condition "Missing" is not defined in Conditions', 16, 'Fn'],
    ]);
  });

  it('reports an undefined Condition of a SAM function at the line the user wrote it', () => {
    const text = `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Condition: DeployIt
    Type: AWS::Serverless::Function
    Properties: { Runtime: python3.13, Handler: index.handler, CodeUri: src/ }
`;
    const result = scanText(text);
    expect(result.errors.map((e) => [e.message, e.line, e.column, e.resource])).toEqual([
      ['condition "DeployIt" is not defined in Conditions', 5, 5, 'Fn'],
    ]);
  });

  it('drops a list item that is AWS::NoValue in a case, instead of reading it as an empty value', () => {
    const role = `  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - { Effect: Allow, Principal: { Service: lambda.amazonaws.com }, Action: sts:AssumeRole }
      ManagedPolicyArns:
        - !If [IsPublic, arn:aws:iam::aws:policy/AdministratorAccess, !Ref AWS::NoValue]
`;
    const text =
      HEAD + fn('Fn', 'python3.13').replace('arn:aws:iam::123456789012:role/r', '!GetAtt Role.Arn') + role;
    const checks = ['iam.role-admin-managed-policy'];
    expect(scanText(text, { Env: 'dev', Tier: 'private' }, checks).findings).toEqual([]);
    const undecided = scanText(text, undefined, checks).findings;
    expect(undecided.map((f) => [f.status, f.message.slice(0, 56)])).toEqual([
      ['unknown', 'When condition IsPublic holds: AWS managed policy Admini'],
    ]);
  });
});

describe('conditions the defaults decide that share parameters', () => {
  // CreateBucket taken otherwise makes FetchTags and Bucket "other than their defaults"; SetFetchTags, kept at its
  // default in the same case, still decides FetchTags there: it is not a condition "not known before deploy".
  const text = `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  FetchTags: { Type: String, Default: 'true', AllowedValues: ['true', 'false'] }
  Bucket: { Type: String, Default: '' }
Conditions:
  IsChina: !Equals [!Ref AWS::Partition, aws-cn]
  IsGov: !Equals [!Ref AWS::Partition, aws-us-gov]
  IsUsEast1: !Equals [!Ref AWS::Region, us-east-1]
  IsEuWest1: !Equals [!Ref AWS::Region, eu-west-1]
  CreateBucket: !And [!Equals [!Ref FetchTags, 'true'], !Equals [!Ref Bucket, '']]
  SetFetchTags: !Equals [!Ref FetchTags, 'true']
  SetExisting: !Not [!Equals [!Ref Bucket, '']]
Resources:
${fn('Fn', 'python3.13').replace(
  '      Runtime:',
  `      Environment:
        Variables:
          A: !If [IsChina, '1', '0']
          B: !If [IsGov, '1', '0']
          C: !If [IsUsEast1, '1', '0']
          D: !If [IsEuWest1, '1', '0']
          BUCKET: !If [CreateBucket, new, !Ref Bucket]
          TAGS: !If [SetFetchTags, '1', '0']
          EXISTING: !If [SetExisting, '1', '0']
      Runtime:`,
)}`;

  it('are explored as decided by the defaults, within the limit, after the undecided ones', () => {
    const result = scanText(text);
    // Four undecided and two of the three default-decided make six: the last in name order is left to its default.
    expect(result.warnings).toEqual([
      'template.yaml: condition SetFetchTags is decided by parameter defaults, which a deploy may override; Parapet checked it with the defaults only (Parapet checks the cases of at most 6 conditions, those not known before deploy first)',
    ]);
  });
});

describe('conditions the SAM transform adds (NOTHasRole for a Role an Fn::If may leave out)', () => {
  it('are read when telling which cases a deploy can make: HasRole and NOTHasRole never hold together', () => {
    const text = `Transform: AWS::Serverless-2016-10-31
Parameters:
  RoleArn: { Type: String, Default: '' }
Conditions:
  HasRole: !Not [!Equals [!Ref RoleArn, '']]
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: !If [HasRole, python3.7, python3.13]
      Handler: index.handler
      InlineCode: x
      Role: !If [HasRole, !Ref RoleArn, !Ref AWS::NoValue]
`;
    const result = scanText(text);
    // Built with both holding, RoleArn was read at its default there, and HasRole could not be decided.
    expect(result.findings.map((f) => [f.status, f.message.slice(0, 69)])).toEqual([
      ['unknown', 'When condition HasRole holds (RoleArn other than its default ""): Run'],
    ]);
  });
});

describe('a resource whose own Condition cannot be decided', () => {
  it('says in the message when a finding on it holds: a parameter without default, and AWS::Region', () => {
    const text = `Parameters:
  Free: { Type: String }
Conditions:
  FreeCond: !Equals [!Ref Free, "x"]
  InUsEast1: !Equals [!Ref "AWS::Region", us-east-1]
Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties: { Runtime: python3.12, Handler: i.h, Role: arn:aws:iam::123456789012:role/r, Code: { ZipFile: x } }
  P1:
    Type: AWS::Lambda::Permission
    Condition: FreeCond
    Properties: { FunctionName: !Ref Fn, Action: lambda:InvokeFunction, Principal: "*" }
  P2:
    Type: AWS::Lambda::Permission
    Condition: InUsEast1
    Properties: { FunctionName: !Ref Fn, Action: lambda:InvokeFunction, Principal: "*" }
`;
    const result = scanText(text, undefined, ['lambda.permission-public-invoke']);
    const publicInvoke = result.findings;
    expect(publicInvoke.map((f) => [f.resource.id, f.status, f.message.slice(0, 35)])).toEqual([
      ['P1', 'fail', 'When condition FreeCond holds: Anyo'],
      ['P2', 'fail', 'When condition InUsEast1 holds: Any'],
    ]);
  });
});
