import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALL_CHECKS } from '../src/checks/index.js';
import { EMPTY_CONFIG } from '../src/config/config.js';
import { scan } from '../src/scan.js';
import { runtimeFunction, urlPermission } from './helpers/templates.js';

// A condition on a parameter with a default is decided by the default, which a deploy may override: the
// scan checks the other value too. What the defaults give stands; what fails only otherwise is unknown.

const HEAD = `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  Env: { Type: String, Default: prod, AllowedValues: [dev, prod] }
Conditions:
  IsDev: !Equals [!Ref Env, dev]
  IsProd: !Equals [!Ref Env, prod]
Resources:
`;

/** A function URL on Fn, whose permission lets anyone call it (as SAM and CDK write it). */
const url = (id: string, authType: string, condition?: string) => `  ${id}:
    Type: AWS::Lambda::Url
${condition ? `    Condition: ${condition}\n` : ''}    Properties:
      TargetFunctionArn: !GetAtt Fn.Arn
      AuthType: ${authType}
${urlPermission(`${id}Public`, 'Fn', condition ? { condition } : {})}`;

const CHECKS = ['lambda.runtime-deprecated', 'lambda.function-url-auth-none'];

function scanText(text: string, parameters?: Record<string, string>, checks = CHECKS) {
  const dir = mkdtempSync(join(tmpdir(), 'parapet-default-cases-'));
  writeFileSync(join(dir, 'template.yaml'), text);
  return scan([dir], {
    checks: ALL_CHECKS.filter((c) => checks.includes(c.id)),
    config: EMPTY_CONFIG,
    scanDate: new Date('2026-11-25'),
    cwd: dir,
    ...(parameters ? { parameters } : {}),
  });
}

const summary = (result: ReturnType<typeof scanText>) =>
  result.findings.map((f) => [f.resource.id, f.checkId, f.status, f.severity]);

describe('a condition the parameters defaults decide', () => {
  const devTemplate =
    HEAD + runtimeFunction('!If [IsDev, python3.7, python3.13]') + url('Url', '!If [IsDev, NONE, AWS_IAM]');

  it('is checked the other way too: what fails only there is unknown, naming the condition and Env=dev', () => {
    const result = scanText(devTemplate);
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect(summary(result)).toEqual([
      ['Url', 'lambda.function-url-auth-none', 'unknown', 'critical'],
      ['Fn', 'lambda.runtime-deprecated', 'unknown', 'high'],
    ]);
    for (const finding of result.findings) {
      expect(finding.message).toMatch(
        /^When condition IsDev holds \(Env=dev, not its default prod\): .* With the parameters' defaults condition IsDev does not hold; a deploy may override them\.$/,
      );
    }
    expect(result.findings[0]?.message).toContain('AuthType NONE');
    expect(result.findings[1]?.message).toContain('python3.7');
  });

  it('fails, as before, once -p gives the other value; and is not explored with -p', () => {
    expect(summary(scanText(devTemplate, { Env: 'dev' })).map(([id, , status]) => [id, status])).toEqual([
      ['Url', 'fail'],
      ['Fn', 'fail'],
    ]);
    const prod = scanText(devTemplate, { Env: 'prod' });
    expect(prod.findings).toEqual([]);
    expect(prod.passed).toBe(2);
  });

  it('is no failure with the defaults, and unknown the other way (the reverse)', () => {
    const result = scanText(HEAD + runtimeFunction('python3.13') + url('Url', '!If [IsProd, AWS_IAM, NONE]'));
    expect(summary(result)).toEqual([['Url', 'lambda.function-url-auth-none', 'unknown', 'critical']]);
    expect(result.findings[0]?.message).toMatch(
      /^When condition IsProd does not hold \(Env=dev, not its default prod\): The function URL has AuthType NONE/,
    );
  });

  it('keeps a failure with the defaults a failure, with its assumed defaults, though the other way passes', () => {
    const result = scanText(HEAD + runtimeFunction('!If [IsProd, python3.7, python3.13]'));
    expect(result.findings.map((f) => [f.status, f.message.slice(0, 18), f.assumptions])).toEqual([
      ['fail', 'Runtime python3.7 ', ['parameter Env uses its default value, which a deploy may override']],
    ]);
  });

  it('says the same of a property on it, whether or not the resource itself has the condition', () => {
    const text =
      HEAD +
      runtimeFunction('python3.13') +
      url('DevUrl', '!If [IsDev, NONE, AWS_IAM]', 'IsDev') +
      url('Url', '!If [IsDev, NONE, AWS_IAM]');
    const result = scanText(text);
    expect(result.errors).toEqual([]);
    expect(result.findings.map((f) => [f.resource.id, f.status, f.message])).toEqual([
      ['DevUrl', 'unknown', result.findings[1]?.message],
      [
        'Url',
        'unknown',
        expect.stringMatching(/^When condition IsDev holds \(Env=dev, not its default prod\): /),
      ],
    ]);
  });

  it('a resource whose Condition the defaults make false fails nowhere else: unknown, saying when it fails', () => {
    const result = scanText(HEAD + runtimeFunction('python3.13') + url('DevUrl', 'NONE', 'IsDev'));
    expect(result.findings.map((f) => [f.resource.id, f.status, f.message.slice(0, 61)])).toEqual([
      ['DevUrl', 'unknown', 'When condition IsDev holds (Env=dev, not its default prod): T'],
    ]);
  });

  it('checks only the cases a deploy can make of two conditions on one parameter', () => {
    // Both hold in no deploy; neither holds in none either (AllowedValues): python3.7 and python3.8 each
    // in one case, so it fails either way.
    const result = scanText(
      HEAD + runtimeFunction('!If [IsDev, python3.7, !If [IsProd, python3.8, python3.13]]'),
    );
    expect(result.findings.map((f) => [f.status, f.message.slice(0, 18)])).toEqual([
      ['fail', 'Runtime python3.8 '],
    ]);
  });

  it('is not explored when AllowedValues leave only the default', () => {
    const text =
      HEAD.replace('[dev, prod]', '[prod]') + runtimeFunction('!If [IsDev, python3.7, python3.13]');
    const result = scanText(text);
    expect([result.findings, result.passed, result.warnings]).toEqual([[], 1, []]);
  });
});

describe('a Condition that no allowed value makes hold', () => {
  // With `AllowedValues: [prod]`, IsDev holds in no deploy: its resource is in none, as when -p Env=prod decides it.
  const neverDev =
    HEAD.replace('[dev, prod]', '[prod]') + runtimeFunction('python3.13') + url('DevUrl', 'NONE', 'IsDev');

  it('leaves its resource out when -p gives the value', () => {
    expect(summary(scanText(neverDev, { Env: 'prod' }))).toEqual([]);
  });

  it('checks its resource as one a deploy may make where another value is allowed (the case is explored)', () => {
    const allowed = HEAD + runtimeFunction('python3.13') + url('DevUrl', 'NONE', 'IsDev');
    expect(summary(scanText(allowed))).toEqual([
      ['DevUrl', 'lambda.function-url-auth-none', 'unknown', 'critical'],
    ]);
  });

  // Not kept as one the defaults leave out (absentByDefault, its failure unknown): the case where IsDev holds is
  // ruled out (possible-cases.ts), so no deploy makes the resource.
  it('leaves its resource out with the default alone, as no deploy makes it', () => {
    expect(summary(scanText(neverDev))).toEqual([]);
  });
});

describe('a Condition comparing a parameter read from SSM', () => {
  // AllowedValues name the SSM parameter to read (its key), not the value read: they rule no value of it out.
  const ssm = (allowed: string) => `Parameters:
  Stage: { Type: 'AWS::SSM::Parameter::Value<String>', Default: /app/stage${allowed} }
Conditions:
  SsmProd: !Equals [!Ref Stage, prod]
Resources:
  Role:
    Type: AWS::IAM::Role
    Condition: SsmProd
    Properties:
      AssumeRolePolicyDocument:
        Statement: [{ Effect: Allow, Principal: { Service: lambda.amazonaws.com }, Action: sts:AssumeRole }]
      Policies:
        - PolicyName: all
          PolicyDocument:
            Statement: [{ Effect: Allow, Action: '*', Resource: '*' }]
`;
  const checks = ['iam.role-wildcard-action'];

  it('checks its resource, AllowedValues or not', () => {
    const expected = [['Role', 'iam.role-wildcard-action', 'fail', 'critical']];
    expect(summary(scanText(ssm(''), undefined, checks))).toEqual(expected);
    expect(summary(scanText(ssm(', AllowedValues: [/app/stage]'), undefined, checks))).toEqual(expected);
    expect(summary(scanText(ssm(', AllowedPattern: ^/app/.*$'), undefined, checks))).toEqual(expected);
  });
});

describe('a statement after ones an !If removes', () => {
  it('keeps its written index, so it is one finding in every case, not a failure and an unknown', () => {
    const dir = mkdtempSync(join(tmpdir(), 'parapet-statement-index-'));
    writeFileSync(
      join(dir, 'template.yaml'),
      `Parameters:
  Bucket: { Type: String, Default: '' }
Conditions:
  CreateBucket: !Equals [!Ref Bucket, '']
Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement: [{ Effect: Allow, Principal: { Service: lambda.amazonaws.com }, Action: sts:AssumeRole }]
      Policies:
        - PolicyName: p
          PolicyDocument:
            Statement:
              - !If [CreateBucket, { Effect: Allow, Action: s3:GetObject, Resource: arn:aws:s3:::b/* }, !Ref AWS::NoValue]
              - Effect: Allow
                Action: kms:Decrypt
                Resource: '*'
${runtimeFunction('python3.13').replace('arn:aws:iam::123456789012:role/r', '!GetAtt Role.Arn')}`,
    );
    const result = scan([dir], {
      checks: ALL_CHECKS.filter((c) => c.id === 'iam.role-wildcard-resource-write'),
      config: EMPTY_CONFIG,
      scanDate: new Date('2026-11-25'),
      cwd: dir,
    });
    expect(result.findings.map((f) => [f.status, f.message])).toEqual([
      [
        'fail',
        'inline policy p, Statement[1]: Allow grants write actions ("kms:Decrypt") on every resource ' +
          "(kms:Decrypt is a Write action in IAM's access levels).",
      ],
    ]);
  });
});

describe('a resource that only attaches to another, under a Condition (a standalone egress rule)', () => {
  const template = (condition: string) => `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  Open: { Type: String, Default: 'no' }
Conditions:
  IsOpen: !Equals [!Ref Open, 'yes']
Resources:
  Sg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: sg
      VpcId: vpc-1
      SecurityGroupEgress:
        - { IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 10.0.0.0/8 }
  Egress:
    Type: AWS::EC2::SecurityGroupEgress
${condition}    Properties:
      GroupId: !GetAtt Sg.GroupId
      IpProtocol: '-1'
      CidrIp: 0.0.0.0/0
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: python3.13
      Handler: index.handler
      Code: { ZipFile: 'x' }
      Role: arn:aws:iam::123456789012:role/r
      VpcConfig: { SecurityGroupIds: [!Ref Sg], SubnetIds: [subnet-1, subnet-2] }
`;
  const egressOf = (text: string, parameters?: Record<string, string>) => {
    const dir = mkdtempSync(join(tmpdir(), 'parapet-linking-'));
    writeFileSync(join(dir, 'template.yaml'), text);
    const result = scan([dir], {
      checks: ALL_CHECKS.filter((c) => c.id === 'lambda.vpc-security-group-egress-all'),
      config: EMPTY_CONFIG,
      scanDate: new Date('2026-11-25'),
      cwd: dir,
      ...(parameters ? { parameters } : {}),
    });
    return result.findings.map((f) => [f.status, f.message.split(':')[0]]);
  };

  it('does not attach a rule its Condition leaves out with the defaults: unknown, saying when it applies', () => {
    expect(egressOf(template('    Condition: IsOpen\n'))).toEqual([
      ['unknown', 'When condition IsOpen holds (Open=yes, not its default no)'],
    ]);
  });

  it('attaches it when -p makes the condition hold, and not when -p makes it false', () => {
    expect(egressOf(template('    Condition: IsOpen\n'), { Open: 'yes' })).toEqual([
      ['fail', 'Security group Sg allows all traffic to 0.0.0.0/0 through AWS'],
    ]);
    expect(egressOf(template('    Condition: IsOpen\n'), { Open: 'no' })).toEqual([]);
  });
});

describe('an optional key: a condition on a parameter whose default is empty', () => {
  it('reads the parameter as not known (other than "") where the condition holds, not as its default', () => {
    const text = `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  KeyArn: { Type: String, Default: '' }
Conditions:
  HasKey: !Not [!Equals [!Ref KeyArn, '']]
Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: python3.12
      Handler: index.handler
      Role: arn:aws:iam::123456789012:role/r
      Code: { ZipFile: x }
      KmsKeyArn: !If [HasKey, !Ref KeyArn, !Ref AWS::NoValue]
      Environment: { Variables: { A: b } }
`;
    const dir = mkdtempSync(join(tmpdir(), 'parapet-default-cases-'));
    writeFileSync(join(dir, 'template.yaml'), text);
    const result = scan([dir], {
      checks: ALL_CHECKS.filter((c) => c.id === 'lambda.env-no-customer-kms'),
      config: EMPTY_CONFIG,
      scanDate: new Date('2026-11-25'),
      cwd: dir,
    });
    // With the default there is no key: a fail. Where HasKey holds, the key is not "" (no "empty KmsKeyArn").
    expect(result.findings.map((f) => f.status)).toEqual(['fail']);
    expect(JSON.stringify(result.findings)).not.toContain('empty KmsKeyArn');
  });
});

describe('two default-decided conditions on one parameter (IsDev, IsProd)', () => {
  it('give the case where IsDev holds the value dev, so what dev selects is checked', () => {
    const text = `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  Env: { Type: String, Default: prod }
Mappings:
  Rt:
    dev: { rt: python3.7 }
    prod: { rt: python3.12 }
Conditions:
  IsDev: !Equals [!Ref Env, dev]
  IsProd: !Equals [!Ref Env, prod]
Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: !FindInMap [Rt, !Ref Env, rt]
      Handler: index.handler
      Role: arn:aws:iam::123456789012:role/r
      Code: { ZipFile: x }
      ReservedConcurrentExecutions: !If [IsProd, 10, !Ref AWS::NoValue]
      TracingConfig: !If [IsDev, !Ref AWS::NoValue, { Mode: Active }]
`;
    const result = scanText(text);
    const runtime = result.findings.filter((f) => f.checkId === 'lambda.runtime-deprecated');
    expect(runtime.map((f) => [f.status, f.message.includes('python3.7')])).toEqual([['unknown', true]]);
  });
});

describe('a resource whose own Condition is false by default, beside other default-decided conditions', () => {
  // Two conditions test one parameter without AllowedValues (True, False: "Other" makes both false), and
  // another condition elsewhere is decided by its default too. Taking IsNotSsmEnabled otherwise must not make
  // IsSsmEnabled undecided (SsmEnabled read as "other than False"): the finding would then name HasDomain.
  const text = `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  SsmEnabled: { Type: String, Default: 'False' }
  Domain: { Type: String, Default: '' }
Conditions:
  IsSsmEnabled: !Equals [!Ref SsmEnabled, 'True']
  IsNotSsmEnabled: !Equals [!Ref SsmEnabled, 'False']
  HasDomain: !Not [!Equals [!Ref Domain, '']]
Resources:
${runtimeFunction('python3.13', 'Plain').replace('    Properties:', '    Condition: IsNotSsmEnabled\n    Properties:')}      Environment:
        Variables:
          URL: !If [HasDomain, !Ref Domain, 'https://example.com']
${runtimeFunction('python3.7', 'SsmFn').replace('    Properties:', '    Condition: IsSsmEnabled\n    Properties:')}`;

  it('names that Condition and the value that gives it, not an unrelated condition', () => {
    const result = scanText(text);
    expect(result.warnings).toEqual([]);
    expect(result.findings.map((f) => [f.resource.id, f.status, f.message])).toEqual([
      [
        'SsmFn',
        'unknown',
        expect.stringMatching(
          /^When condition IsSsmEnabled holds \(SsmEnabled=True, not its default False\): Runtime python3\.7 .* With the parameters' defaults condition IsSsmEnabled does not hold; a deploy may override them\.$/,
        ),
      ],
    ]);
  });
});

describe('a condition that holds by default under Fn::Not (!Not [!Equals [P, v]])', () => {
  const head = `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  Reserved: { Type: Number, Default: 100 }
  KeyArn: { Type: String, Default: 'arn:aws:kms:eu-west-1:123456789012:key/k' }
Conditions:
  HasReserved: !Not [!Equals [!Ref Reserved, -1]]
  HasKey: !Not [!Equals [!Ref KeyArn, '']]
Resources:
`;

  it('is false only with P=v: the message names that value, not "other than its default"', () => {
    const text =
      head +
      runtimeFunction('python3.13') +
      '      ReservedConcurrentExecutions: !If [HasReserved, !Ref Reserved, !Ref AWS::NoValue]\n';
    const result = scanText(text, undefined, ['lambda.no-reserved-concurrency']);
    expect(result.findings.map((f) => [f.status, f.message])).toEqual([
      [
        'unknown',
        expect.stringMatching(
          /^When condition HasReserved does not hold \(Reserved=-1, not its default 100\): /,
        ),
      ],
    ]);
  });

  it('reads P as v in the case where it does not hold, so what v gives is checked', () => {
    // KmsKeyArn is '' where HasKey does not hold: no customer key there, though the default names one.
    const text = `${head}${runtimeFunction('python3.13')}      KmsKeyArn: !Ref KeyArn
      Environment:
        Variables:
          KEYED: !If [HasKey, 'yes', 'no']
`;
    const result = scanText(text, undefined, ['lambda.env-no-customer-kms']);
    expect(result.findings.map((f) => [f.status, f.message])).toEqual([
      [
        'unknown',
        expect.stringMatching(
          /^When condition HasKey does not hold \(KeyArn="", not its default arn:aws:kms:eu-west-1:123456789012:key\/k\): /,
        ),
      ],
    ]);
  });
});

describe('a condition made false by one of several values, beside another the defaults keep', () => {
  it('keeps the other decided in that case: Env is dev or test there, never prod', () => {
    const text = `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  Env: { Type: String, Default: prod }
  Region2: { Type: String, Default: eu-west-1 }
Conditions:
  NotDevOrTest: !Not [!Or [!Equals [!Ref Env, dev], !Equals [!Ref Env, test]]]
  NotBoth: !Not [!And [!Equals [!Ref Env, prod], !Equals [!Ref Region2, eu-west-1]]]
Resources:
${runtimeFunction('!If [NotDevOrTest, python3.13, python3.8]')}      TracingConfig: !If [NotBoth, { Mode: Active }, !Ref AWS::NoValue]
`;
    const result = scanText(text, undefined, ['lambda.tracing-not-active']);
    expect(result.warnings).toEqual([]);
    // No tracing with the defaults; where NotDevOrTest does not hold, Env is dev or test: NotBoth holds, tracing is on.
    expect(result.findings.map((f) => f.status)).toEqual(['fail']);
    expect(result.findings[0]?.message).not.toContain('cannot be decided');
  });
});

describe('a role two functions run as, one of them deployed only when a condition holds', () => {
  const role = `  Shared:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - { Effect: Allow, Principal: { Service: lambda.amazonaws.com }, Action: sts:AssumeRole }
`;
  const fn = (id: string, condition?: string) => `  ${id}:
    Type: AWS::Lambda::Function
${condition ? `    Condition: ${condition}\n` : ''}    Properties:
      Runtime: python3.12
      Handler: index.handler
      Role: !GetAtt Shared.Arn
      Code: { ZipFile: 'x' }
`;
  const shared = (text: string) =>
    scanText(text, undefined, ['iam.role-shared-by-functions']).findings.map((f) => [f.status, f.message]);

  it('is shared in the deploy that creates it, and says when', () => {
    expect(shared(HEAD + role + fn('Orders') + fn('Invoices', 'IsDev'))).toEqual([
      [
        'unknown',
        'When condition IsDev holds (Env=dev, not its default prod): The role is the execution role of 2 ' +
          "functions: Invoices, Orders. With the parameters' defaults condition IsDev does not hold; a deploy " +
          'may override them.',
      ],
    ]);
  });

  it('stays unknown where the other function is left out by the defaults, whether or not a deploy has both', () => {
    // Which deploys the cases explore is the engine's to know, not the check's: with conditions left unexplored
    // (over the limits) a pass here could hide a deploy that shares the role.
    const findings = shared(HEAD + role + fn('ProdFn', 'IsProd') + fn('DevFn', 'IsDev'));
    expect(findings.map(([status]) => status)).toEqual(['unknown']);
  });
});

describe('a resource only a deploy that overrides a default has', () => {
  const text = `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  RoleArn: { Type: String, Default: '' }
Conditions:
  HasRole: !Not [!Equals [!Ref RoleArn, '']]
  NoRole: !Equals [!Ref RoleArn, '']
Resources:
  OwnRole:
    Type: AWS::IAM::Role
    Condition: NoRole
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - { Effect: Allow, Principal: { Service: lambda.amazonaws.com }, Action: sts:AssumeRole }
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: python3.12
      Handler: index.handler
      Role: !If [HasRole, !Ref RoleArn, !GetAtt OwnRole.Arn]
      Code: { ZipFile: 'x' }
`;

  it('is told of where it cannot be read, saying when: an outside role the parameter names otherwise', () => {
    const findings = scanText(text, undefined, ['iam.role-admin-managed-policy']).findings;
    expect(findings.map((f) => [f.resource.id, f.status])).toEqual([['${RoleArn}', 'unknown']]);
    expect(findings[0]?.message).toMatch(
      /^When condition HasRole holds \(RoleArn other than its default ""\): The execution role of Fn /,
    );
  });

  it('is not there with the value given: -p RoleArn="" deploys the own role only', () => {
    const findings = scanText(text, { RoleArn: '' }, ['iam.role-admin-managed-policy']).findings;
    expect(findings).toEqual([]);
  });
});

describe('a resource the defaults leave out, read where it is deployed rather than with the defaults', () => {
  // The permission exists only when Caller is not `*`: read with the default `*`, it was "public".
  const text = `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  Caller: { Type: String, Default: '*' }
Conditions:
  Restricted: !Not [!Equals [!Ref Caller, '*']]
Resources:
${runtimeFunction('python3.13')}  Perm:
    Type: AWS::Lambda::Permission
    Condition: Restricted
    Properties:
      Action: lambda:InvokeFunction
      FunctionName: !Ref Fn
      Principal: !Ref Caller
`;

  it('is never public where no deploy makes it so; what that deploy leaves open is unknown, saying when', () => {
    const findings = scanText(text, undefined, ['lambda.permission-public-invoke']).findings;
    expect(findings.map((f) => [f.status, f.message])).toEqual([
      [
        'unknown',
        'When condition Restricted holds (Caller other than its default *): Cannot tell whether anyone can call ' +
          'lambda:InvokeFunction: Principal ${Caller} is not known before deploy (from parameter Caller, other ' +
          "than its default *). With the parameters' defaults condition Restricted does not hold; a deploy may " +
          'override them.',
      ],
    ]);
  });

  it('passes where the deploy that creates it passes, though the defaults would read it as failing', () => {
    const runtime = `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  Rt: { Type: String, Default: python3.7 }
Conditions:
  IsCurrent: !Equals [!Ref Rt, python3.13]
Resources:
${runtimeFunction('!Ref Rt').replace('    Properties:', '    Condition: IsCurrent\n    Properties:')}`;
    expect(scanText(runtime, undefined, ['lambda.runtime-deprecated']).findings).toEqual([]);
  });

  it('tells the case that certainly fails rather than one that only cannot tell', () => {
    const either = text
      .replace(
        "  Caller: { Type: String, Default: '*' }",
        "  Caller: { Type: String, Default: '*' }\n  Acct: { Type: String, Default: '123456789012' }",
      )
      .replace(
        "  Restricted: !Not [!Equals [!Ref Caller, '*']]",
        "  Restricted: !Not [!Equals [!Ref Caller, '*']]\n  Other: !Equals [!Ref Acct, '111111111111']",
      )
      .replace('Principal: !Ref Caller', "Principal: !If [Other, '*', !Ref Caller]");
    const findings = scanText(either, undefined, ['lambda.permission-public-invoke']).findings;
    expect(findings.map((f) => [f.status, f.message.replace(/: Anyone can call .*/, '')])).toEqual([
      [
        'unknown',
        'When condition Restricted holds (Caller other than its default *) and condition Other holds ' +
          '(Acct=111111111111, not its default 123456789012)',
      ],
    ]);
  });
});

describe('a policy with a Condition of its own, attached to a role whose own policy reads its negation', () => {
  // The role's inline policy reads IsProd, so IsProd is named first for the role's findings; but the statement of
  // DevPolicy is there only when DevPolicy's own Condition holds: that is the condition its owner looks for.
  const policies = (conditions: string) => `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  Env: { Type: String, AllowedValues: [dev, prod], Default: prod }
Conditions:
${conditions}
Resources:
${runtimeFunction('python3.13').replace('arn:aws:iam::123456789012:role/r', '!GetAtt Role.Arn')}  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - Effect: Allow
            Principal: { Service: lambda.amazonaws.com }
            Action: sts:AssumeRole
      Policies:
        - PolicyName: p
          PolicyDocument:
            Statement:
              - Effect: Allow
                Action: !If [IsProd, 's3:GetObject', 's3:*']
                Resource: 'arn:aws:s3:::my-bucket/*'
  DevPolicy:
    Type: AWS::IAM::Policy
    Condition: IsDev
    Properties:
      PolicyName: dev
      Roles: [!Ref Role]
      PolicyDocument:
        Statement:
          - Effect: Allow
            Action: 'sqs:*'
            Resource: 'arn:aws:sqs:us-east-1:111122223333:q'
`;

  it.each([
    [
      'IsDev, with IsProd its negation',
      '  IsDev: !Equals [!Ref Env, dev]\n  IsProd: !Not [!Condition IsDev]',
    ],
    [
      'IsDev, the negation of IsProd',
      '  IsProd: !Equals [!Ref Env, prod]\n  IsDev: !Not [!Condition IsProd]',
    ],
  ])('names %s for the statement of DevPolicy, and IsProd for the role’s own', (_, conditions) => {
    const result = scanText(policies(conditions), undefined, ['iam.role-wildcard-action']);
    expect(result.findings.map((f) => [f.status, f.message])).toEqual([
      [
        'unknown',
        'When condition IsProd does not hold (Env=dev, not its default prod): inline policy p, Statement[0]: Allow grants every s3 action ("s3:*"). ' +
          "With the parameters' defaults condition IsProd holds; a deploy may override them.",
      ],
      [
        'unknown',
        'When condition IsDev holds (Env=dev, not its default prod): policy DevPolicy, Statement[0]: Allow grants every sqs action ("sqs:*"). ' +
          "With the parameters' defaults condition IsDev does not hold; a deploy may override them.",
      ],
    ]);
  });

  it('names DevPolicy’s Condition too where no default decides it', () => {
    const text = policies('  IsDev: !Equals [!Ref Env, dev]\n  IsProd: !Not [!Condition IsDev]').replace(
      ', Default: prod }',
      ' }',
    );
    const result = scanText(text, undefined, ['iam.role-wildcard-action']);
    expect(result.findings.map((f) => [f.status, f.message.split(':')[0]])).toEqual([
      ['unknown', 'When condition IsProd does not hold'],
      ['unknown', 'When condition IsDev holds'],
    ]);
  });
});
