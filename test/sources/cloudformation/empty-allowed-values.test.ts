import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import check from '../../../src/checks/lambda/function-url-auth-none.js';
import { EMPTY_CONFIG } from '../../../src/config/config.js';
import { scan } from '../../../src/scan.js';
import { readScannedTemplate } from '../../../src/sources/cloudformation/scanned-template.js';
import { FileTexts } from '../../../src/sources/file-texts.js';

// CloudFormation's user guide says only that AllowedValues is "an array containing the list of values allowed for the
// parameter"; what it makes of an empty one is not documented, and cfn-lint reads one as no constraint (E2015 and
// W2030 test `if allowed_values:`). Read as refusing every value, it made every case of a condition on the parameter
// impossible, so that no finding of those cases was told.

/** A function whose public URL (and the permission that opens it) exists only where Env is prod. */
const template = (allowed: string) => `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  Env:
    Type: String
    Default: dev
${allowed}Conditions:
  IsProd: !Equals [!Ref Env, prod]
Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: '2012-10-17'
        Statement:
          - { Effect: Allow, Principal: { Service: lambda.amazonaws.com }, Action: sts:AssumeRole }
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      Role: !GetAtt Role.Arn
      Code: { ZipFile: "def handler(e, c): return 1" }
  Url:
    Type: AWS::Lambda::Url
    Condition: IsProd
    Properties:
      AuthType: NONE
      TargetFunctionArn: !GetAtt Fn.Arn
  Public:
    Type: AWS::Lambda::Permission
    Condition: IsProd
    Properties:
      Action: lambda:InvokeFunctionUrl
      FunctionName: !Ref Fn
      Principal: '*'
      FunctionUrlAuthType: NONE
`;

function scanned(text: string, parameters?: Record<string, string>) {
  const file = join(mkdtempSync(join(tmpdir(), 'parapet-allowed-')), 'template.yaml');
  writeFileSync(file, text);
  const result = scan([file], {
    checks: [check],
    config: EMPTY_CONFIG,
    scanDate: new Date('2026-11-25'),
    ...(parameters ? { parameters } : {}),
  });
  return {
    errors: result.errors.map((e) => e.message),
    warnings: result.warnings.map((w) => w.replace(`${file}:`, '')),
    findings: result.findings.map((f) => `${f.status} ${f.message}`),
  };
}

const WARNING =
  '6:5: parameter Env: AllowedValues is empty, a list of no value; CloudFormation does not document what it makes of ' +
  'one (cfn-lint reads it as no constraint): Parapet reads Env as if it had no AllowedValues. List the values a ' +
  'deploy may give it, or remove AllowedValues';

describe('a parameter with AllowedValues: []', () => {
  it('is a warning at AllowedValues, and its cases are read as if it had none', () => {
    const empty = scanned(template('    AllowedValues: []\n'));
    const none = scanned(template(''));
    expect(empty.findings).toEqual(none.findings);
    expect(empty.warnings).toEqual([WARNING]);
    expect(empty.errors).toEqual([]);
    // The case where IsProd holds is scanned, as without AllowedValues: its finding is told.
    expect(none.findings).toEqual([expect.stringMatching(/^unknown When condition IsProd holds \(Env=prod/)]);
    expect(empty.findings).toEqual(none.findings);
  });

  it('takes a value given with -p without an error of AllowedValues', () => {
    const given = scanned(template('    AllowedValues: []\n'), { Env: 'prod' });
    expect(given.errors).toEqual([]);
    expect(given.findings).toEqual([expect.stringMatching(/^fail /)]);
  });

  it('warns of nothing where AllowedValues lists values', () => {
    const listed = scanned(template('    AllowedValues: [dev, prod]\n'));
    expect(listed.warnings).toEqual([]);
    expect(listed.findings).toEqual([
      expect.stringMatching(/^unknown When condition IsProd holds \(Env=prod/),
    ]);
  });
});

// The passes before a file's own scan (nested stacks' parents and children, stacks that export, another stack's
// neighbour) read templates too: each reads them as the scan does (parseTemplateText), `AllowedValues: []` taken out.
describe('AllowedValues: [] in the templates other passes read', () => {
  const child = `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  Env:
    Type: String
    AllowedValues: []
    Default: dev
Resources:
  Topic:
    Type: AWS::SNS::Topic
Outputs:
  TopicArn:
    Value: !Ref Topic
`;

  it('is taken out of a template as the nested-stack pass reads it, and of a parse held for the scan', () => {
    const dir = mkdtempSync(join(tmpdir(), 'parapet-allowed-nested-'));
    const file = join(dir, 'child.yaml');
    writeFileSync(file, child);
    const doc = readScannedTemplate(file, 1048576, undefined);
    expect(doc?.Parameters).toEqual({ Env: { Type: 'String', Default: 'dev' } });
    const held = new FileTexts(1048576).parse(file, child);
    expect((held.value as Record<string, unknown>).Parameters).toEqual({
      Env: { Type: 'String', Default: 'dev' },
    });
    expect(held.warnings.map((w) => `${w.line}:${w.column}: ${w.message}`)).toEqual([
      WARNING.replace('6:5', '5:5'),
    ]);
  });

  it("warns once at a nested template's AllowedValues, and at its parent's, when both are scanned", () => {
    const dir = mkdtempSync(join(tmpdir(), 'parapet-allowed-parent-'));
    writeFileSync(join(dir, 'child.yaml'), child);
    writeFileSync(
      join(dir, 'parent.yaml'),
      `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  Env:
    Type: String
    Default: dev
    AllowedValues: []
Resources:
  Child:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: child.yaml
      Parameters:
        Env: !Ref Env
`,
    );
    const result = scan([dir], { checks: [check], config: EMPTY_CONFIG, scanDate: new Date('2026-11-25') });
    expect(result.errors).toEqual([]);
    expect(result.warnings.map((w) => w.replace(`${dir}/`, ''))).toEqual([
      expect.stringMatching(/^child\.yaml:5:5: parameter Env: AllowedValues is empty/),
      expect.stringMatching(/^parent\.yaml:6:5: parameter Env: AllowedValues is empty/),
    ]);
  });
});
