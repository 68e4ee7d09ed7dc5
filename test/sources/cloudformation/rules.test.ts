import { describe, expect, it } from 'vitest';
import type { Unknown } from '../../../src/model/values.js';
import { isPossibleCase } from '../../../src/sources/cloudformation/possible-cases.js';
import { defaultsRefusedByRules } from '../../../src/sources/cloudformation/rules.js';
import { parseYaml } from '../../../src/sources/cloudformation/yaml.js';
import { scanNestings } from '../../helpers/nestings.js';
import { scanTemplateFile } from '../../helpers/scan-file.js';
import { roleWithStatement } from '../../helpers/templates.js';

// A template's Rules refuse some deploys: a case of the conditions they refuse whatever the other parameters are is
// not built, and a default they refuse in a case is not known there.

const doc = (rules: string) =>
  parseYaml(
    `Parameters:
  Env: { Type: String, Default: dev, AllowedValues: [dev, prod] }
  Auth: { Type: String, Default: NONE, AllowedValues: [NONE, AWS_IAM] }
  ArnList: { Type: String, Default: "" }
Conditions:
  IsProd: !Equals [!Ref Env, prod]
  Open: !Equals [!Ref Auth, NONE]
Rules:
${rules}
Resources: {}
`,
    'template.yaml',
  ).value as Record<string, unknown>;

const PROD_IS_SIGNED = `  ProdIsSigned:
    RuleCondition: !Equals [!Ref Env, prod]
    Assertions:
      - Assert: !Not [!Equals [!Ref Auth, NONE]]
        AssertDescription: a prod URL needs IAM auth`;

const case_ = (taken: Record<string, boolean>) => new Map(Object.entries(taken));

describe('a case the Rules refuse', () => {
  it('is not possible when an assertion fails with the values the case asks', () => {
    const template = doc(PROD_IS_SIGNED);
    expect(isPossibleCase(template, {}, case_({ IsProd: true, Open: true }))).toBe(false);
    expect(isPossibleCase(template, {}, case_({ IsProd: true, Open: false }))).toBe(true);
    expect(isPossibleCase(template, {}, case_({ IsProd: false, Open: true }))).toBe(true);
  });

  it('stays possible when the assertion rests on a parameter the case leaves open', () => {
    const template = doc(PROD_IS_SIGNED);
    expect(isPossibleCase(template, {}, case_({ IsProd: true }))).toBe(true);
  });

  it('stays possible when a rule-specific function Parapet does not evaluate decides it', () => {
    const template = doc(`  ProdIsSigned:
    RuleCondition: !Equals [!Ref Env, prod]
    Assertions:
      - Assert: !EachMemberIn [!ValueOfAll ["AWS::EC2::Subnet::Id", VpcId], [vpc-1]]`);
    expect(isPossibleCase(template, {}, case_({ IsProd: true, Open: true }))).toBe(true);
  });

  it('is not refused for what the values given with -p alone fail: that is no matter of the case', () => {
    const template = doc(`  Always:
    Assertions:
      - Assert: !Equals [!Ref Auth, AWS_IAM]`);
    expect(isPossibleCase(template, { Auth: 'NONE' }, case_({ IsProd: true }))).toBe(true);
  });
});

describe('a default the Rules refuse in a case', () => {
  const template = doc(`  ProdNeedsArns:
    RuleCondition: !Equals [!Ref Env, prod]
    Assertions:
      - Assert: !Not [!Equals [!Ref ArnList, ""]]
        AssertDescription: ArnList is required in prod`);

  it('is not known there, naming the rule and what it asks', () => {
    const refused = defaultsRefusedByRules(template, {}, { Env: 'prod' });
    expect(Object.keys(refused)).toEqual(['ArnList']);
    expect((refused.ArnList as Unknown).reason).toBe(
      'from parameter ArnList, whose default rule ProdNeedsArns refuses in this deploy (ArnList is required in prod)',
    );
  });

  it('is kept where the rule does not apply, or a value is given', () => {
    expect(defaultsRefusedByRules(template, {}, { Env: 'dev' })).toEqual({});
    expect(defaultsRefusedByRules(template, { ArnList: 'a,b' }, { Env: 'prod' })).toEqual({});
  });
});

describe('a scan of a template with Rules', () => {
  it('takes a default the Rules refuse with the values given with -p as not known', () => {
    const text = `Parameters:
  Env: { Type: String, Default: dev }
  Key: { Type: String, Default: "" }
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Rules:
  ProdNeedsKey:
    RuleCondition: !Equals [!Ref Env, prod]
    Assertions:
      - Assert: !Not [!Equals [!Ref Key, ""]]
Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: python3.13
      Handler: index.handler
      Role: arn:aws:iam::123456789012:role/r
      Code: { ZipFile: x }
      KmsKeyArn: !If [IsProd, !Ref Key, !Ref AWS::NoValue]
      Environment: { Variables: { A: b } }
`;
    const statuses = (parameters?: Record<string, string>) =>
      scanTemplateFile(text, 'lambda.env-no-customer-kms', parameters).findings.map((f) => f.status);
    expect(statuses()).toEqual(['fail']);
    const prod = scanTemplateFile(text, 'lambda.env-no-customer-kms', { Env: 'prod' }).findings;
    expect(prod.map((f) => [f.status, f.message])).toEqual([
      [
        'unknown',
        'KmsKeyArn is not known before deploy (from parameter Key, whose default rule ProdNeedsKey refuses in this deploy); empty, it leaves the variables on the AWS managed key',
      ],
    ]);
    expect(statuses({ Env: 'prod', Key: 'arn:aws:kms:us-east-1:123456789012:key/abc' })).toEqual([]);
  });

  // CloudFormation checks the rules on the values in effect at create or update, defaults included (User Guide,
  // "Rules"): a stack whose defaults break a rule is made only with another value for a parameter the assertion uses.
  const prodByDefault = (rule: string) => `Parameters:
  Env: { Type: String, Default: prod }
  Key: { Type: String, Default: "" }
Rules:
${rule}
Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: python3.13
      Handler: index.handler
      Role: arn:aws:iam::123456789012:role/r
      Code: { ZipFile: x }
      KmsKeyArn: !Ref Key
      Environment: { Variables: { A: b } }
`;
  const EMPTY_KEY = [
    'fail',
    'The function has 1 environment variable(s) and an empty KmsKeyArn: they are encrypted with the AWS managed key aws/lambda.',
  ];
  const kmsFindings = (text: string, parameters?: Record<string, string>) =>
    scanTemplateFile(text, 'lambda.env-no-customer-kms', parameters).findings.map((f) => [
      f.status,
      f.message,
    ]);

  it('takes a default an unconditional rule refuses with the other defaults as not known, naming the rule', () => {
    const text = prodByDefault(`  KeyIsGiven:
    Assertions:
      - Assert: !Not [!Equals [!Ref Key, ""]]
        AssertDescription: name a key`);
    expect(kmsFindings(text)).toEqual([
      [
        'unknown',
        'KmsKeyArn is not known before deploy (from parameter Key, whose default rule KeyIsGiven refuses in this deploy (name a key)); empty, it leaves the variables on the AWS managed key',
      ],
    ]);
    // A value given for the parameter is known again.
    expect(kmsFindings(text, { Key: 'arn:aws:kms:us-east-1:123456789012:key/abc' })).toEqual([]);
  });

  // Was not known (18b66e4); but a deploy giving Env another value lifts the rule and keeps Key's default.
  it("keeps the defaults a rule refuses when another value of its RuleCondition's parameters lifts it", () => {
    const text = prodByDefault(`  ProdNeedsKey:
    RuleCondition: !Equals [!Ref Env, prod]
    Assertions:
      - Assert: !Not [!Equals [!Ref Key, ""]]
        AssertDescription: prod needs a key`);
    expect(kmsFindings(text)).toEqual([EMPTY_KEY]);
    // Env given prod: the rule applies, and Key's default is refused.
    expect(kmsFindings(text, { Env: 'prod' })).toEqual([
      [
        'unknown',
        'KmsKeyArn is not known before deploy (from parameter Key, whose default rule ProdNeedsKey refuses in this deploy (prod needs a key)); empty, it leaves the variables on the AWS managed key',
      ],
    ]);
    expect(kmsFindings(text, { Env: 'dev' })).toEqual([EMPTY_KEY]);
  });

  it('takes them as not known when every other allowed value still makes the RuleCondition hold', () => {
    const text = prodByDefault(`  ProdNeedsKey:
    RuleCondition: !Or [!Equals [!Ref Env, prod], !Equals [!Ref Env, staging]]
    Assertions:
      - Assert: !Not [!Equals [!Ref Key, ""]]`).replace(
      'Env: { Type: String, Default: prod }',
      'Env: { Type: String, Default: prod, AllowedValues: [prod, staging] }',
    );
    expect(kmsFindings(text).map(([status]) => status)).toEqual(['unknown']);
    const liftable = text.replace('AllowedValues: [prod, staging]', 'AllowedValues: [prod, staging, dev]');
    expect(kmsFindings(liftable)).toEqual([EMPTY_KEY]);
  });

  it('takes them as not known when the values that lift the rule make another rule refuse', () => {
    const text = `${prodByDefault(`  ProdNeedsKey:
    RuleCondition: !Equals [!Ref Env, prod]
    Assertions:
      - Assert: !Not [!Equals [!Ref Key, ""]]
  DevNeedsOwner:
    RuleCondition: !Equals [!Ref Env, dev]
    Assertions:
      - Assert: !Not [!Equals [!Ref Owner, ""]]`)}`
      .replace(
        'Env: { Type: String, Default: prod }',
        'Env: { Type: String, Default: prod, AllowedValues: [prod, dev] }',
      )
      .replace(
        'Key: { Type: String, Default: "" }',
        'Key: { Type: String, Default: "" }\n  Owner: { Type: String, Default: "" }',
      );
    expect(kmsFindings(text).map(([status]) => status)).toEqual(['unknown']);
  });

  it('keeps a public Principal a prod-only rule refuses: a deploy with Env=dev keeps it', () => {
    const text = `Parameters:
  Env: { Type: String, Default: prod, AllowedValues: [prod, dev] }
  Principal: { Type: String, Default: "*" }
Rules:
  ProdNeedsAccount:
    RuleCondition: !Equals [!Ref Env, prod]
    Assertions:
      - Assert: !Not [!Equals [!Ref Principal, "*"]]
Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: python3.13
      Handler: index.handler
      Role: arn:aws:iam::123456789012:role/r
      Code: { ZipFile: x }
  Perm:
    Type: AWS::Lambda::Permission
    Properties: { FunctionName: !Ref Fn, Action: lambda:InvokeFunction, Principal: !Ref Principal }
`;
    const statuses = (parameters?: Record<string, string>) =>
      scanTemplateFile(text, 'lambda.permission-public-invoke', parameters).findings.map((f) => f.status);
    expect(statuses()).toEqual(['fail']);
    expect(statuses({ Env: 'prod' })).toEqual(['unknown']);
  });

  it("keeps ssosync's credentials: another DeployPattern lifts the rule that asks for them", () => {
    const text = `Parameters:
  DeployPattern:
    Type: String
    Default: App + secrets
    AllowedValues: [App + secrets, App, Secrets only]
  Credentials: { Type: String, Default: "" }
Rules:
  SecretValues:
    RuleCondition: !Or
      - !Equals [!Ref DeployPattern, App + secrets]
      - !Equals [!Ref DeployPattern, Secrets only]
    Assertions:
      - Assert: !Not [!Equals [!Ref Credentials, ""]]
  CrossApp:
    RuleCondition: !Equals [!Ref DeployPattern, App]
    Assertions:
      - Assert: !Equals [!Ref Credentials, ""]
Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: python3.13
      Handler: index.handler
      Role: arn:aws:iam::123456789012:role/r
      Code: { ZipFile: x }
      KmsKeyArn: !Ref Credentials
      Environment: { Variables: { A: b } }
`;
    expect(kmsFindings(text)).toEqual([EMPTY_KEY]);
    expect(kmsFindings(text, { DeployPattern: 'Secrets only' }).map(([status]) => status)).toEqual([
      'unknown',
    ]);
  });

  it('keeps what a parent stack gives a nested template whose defaults break a rule', () => {
    const child = prodByDefault(`  ProdNeedsKey:
    RuleCondition: !Equals [!Ref Env, prod]
    Assertions:
      - Assert: !Not [!Equals [!Ref Key, ""]]`);
    const kms = (nestings: Parameters<typeof scanNestings>[1], header = '') =>
      scanNestings(child, nestings, header)
        .result.findings.filter((f) => f.checkId === 'lambda.env-no-customer-kms')
        .map((f) => [f.status, f.message]);
    // The parent gives Key: the child's rule holds, and what the parent gives is read.
    const key = 'arn:aws:kms:us-east-1:123456789012:key/abc';
    expect(kms([{ parameters: { Key: key } }]).map(([status]) => status)).toEqual(['pass']);
    // The parent gives a Key not known before deploy: not known for that reason, not for the rule's.
    expect(
      kms([{ parameters: { Key: '!Ref ParentKey' } }], 'Parameters:\n  ParentKey: { Type: String }\n'),
    ).toEqual([
      [
        'unknown',
        'KmsKeyArn is not known before deploy (from parameter Key, given by the parent stack parent.yaml (from parameter ParentKey, which has no default)); empty, it leaves the variables on the AWS managed key',
      ],
    ]);
  });

  it('keeps the defaults a rule accepts, and those of a rule whose condition the defaults make false', () => {
    const empty = EMPTY_KEY;
    const satisfied = prodByDefault(`  EnvIsNamed:
    Assertions:
      - Assert: !Not [!Equals [!Ref Env, ""]]`);
    expect(kmsFindings(satisfied)).toEqual([empty]);
    const notApplied = prodByDefault(`  DevNeedsKey:
    RuleCondition: !Equals [!Ref Env, dev]
    Assertions:
      - Assert: !Not [!Equals [!Ref Key, ""]]`);
    expect(kmsFindings(notApplied)).toEqual([empty]);
  });

  it('does not report what only a case the Rules refuse has', () => {
    const result = scanTemplateFile(
      `AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Env: { Type: String, Default: dev, AllowedValues: [dev, prod] }
  Auth: { Type: String, Default: NONE, AllowedValues: [NONE, AWS_IAM] }
Conditions:
  IsProd: !Equals [!Ref Env, prod]
  Open: !Equals [!Ref Auth, NONE]
Rules:
${PROD_IS_SIGNED}
Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: python3.13
      Handler: index.handler
      Role: arn:aws:iam::123456789012:role/r
      Code: { ZipFile: "def handler(e, c): return 1" }
  Url:
    Type: AWS::Lambda::Url
    Condition: IsProd
    Properties:
      TargetFunctionArn: !GetAtt Fn.Arn
      AuthType: !If [Open, NONE, AWS_IAM]
`,
      'lambda.function-url-auth-none',
    );
    expect(result.findings.filter((f) => f.status !== 'pass')).toEqual([]);
  });

  it('reads a default a rule refuses in a case as not known there', () => {
    const result = scanTemplateFile(
      `AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Pattern: { Type: String, Default: create, AllowedValues: [create, existing] }
  ArnList: { Type: String, Default: "" }
Conditions:
  UseExisting: !Equals [!Ref Pattern, existing]
Rules:
  ExistingNeedsArns:
    RuleCondition: !Equals [!Ref Pattern, existing]
    Assertions:
      - Assert: !Not [!Equals [!Ref ArnList, ""]]
Resources:
${roleWithStatement({
  action: 'kms:Decrypt',
  resource: '!Select [1, !Split [",", !Ref ArnList]]',
  policy: 'decrypt',
  condition: 'UseExisting',
})}`,
      'iam.role-wildcard-resource-write',
    );
    expect(result.findings.map((f) => [f.resource.id, f.status])).toEqual([['Role', 'unknown']]);
    // Not `index 1 of a list of 1 item, made from parameter ArnList with its default ""`: no deploy of it has that.
    expect(result.findings[0]?.message).toContain('(Fn::Select over a value not known before deploy)');
  });
});
