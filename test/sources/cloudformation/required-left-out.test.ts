import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import roleAdminManagedPolicy from '../../../src/checks/iam/role-admin-managed-policy.js';
import { EMPTY_CONFIG } from '../../../src/config/config.js';
import { isInvalid } from '../../../src/model/values.js';
import { scan } from '../../../src/scan.js';
import { scanTemplate, template } from '../../helpers/scan-template.js';
import { lambdaFunction, samFunction, samTemplate } from '../../helpers/templates.js';

// A required property an Fn::If removes (AWS::NoValue) is as missing as one not written: CloudFormation
// rejects the resource ("required key [Role] not found").

const ROLE_ARN = 'arn:aws:iam::123456789012:role/app';
const REJECTED = 'which it does not set (an Fn::If gives AWS::NoValue); CloudFormation rejects the resource';
const roleError = (id: string) =>
  `${id}: AWS::Lambda::Function requires Role, ${REJECTED} ("required key [Role] not found")`;

/** Scans the template as the CLI does: conditions not known before deploy are checked case by case. */
function scanErrors(text: string): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'parapet-left-out-'));
  try {
    writeFileSync(join(dir, 'template.yaml'), text);
    const result = scan([dir], {
      checks: [roleAdminManagedPolicy],
      config: EMPTY_CONFIG,
      scanDate: new Date('2026-11-25'),
      cwd: dir,
    });
    return result.errors.map((e) => e.message);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

describe('a required property an Fn::If leaves out', () => {
  it('is a scan error at the property when the condition is false', () => {
    const text = template(
      lambdaFunction('Fn', '', "!If [IsPrimary, !GetAtt Role.Arn, !Ref 'AWS::NoValue']") +
        '  Role:\n    Type: AWS::IAM::Role\n    Condition: IsPrimary\n' +
        '    Properties: { AssumeRolePolicyDocument: {} }\n',
      'Conditions:\n  IsPrimary: !Equals [a, b]\n',
    );
    const { errors, inventory } = scanTemplate(text, []);
    expect(errors.map((e) => [e.message, e.resource, e.line, e.column])).toEqual([
      [roleError('Fn'), 'Fn', lineOf(text, 'Role: !If'), 7],
    ]);
    // No check guesses at the role of a function CloudFormation refuses.
    expect(isInvalid(inventory.list('lambda.function')[0]?.role)).toBe(true);
    expect(scanErrors(text)).toEqual([roleError('Fn')]);
  });

  it('is no error when the condition holds, or when the Fn::If gives a value either way', () => {
    const conditions = 'Conditions:\n  Always: !Equals [a, a]\n';
    const holds = lambdaFunction('A', '', `!If [Always, ${ROLE_ARN}, !Ref AWS::NoValue]`);
    const either = lambdaFunction('B', '', `!If [Always, ${ROLE_ARN}, ${ROLE_ARN}x]`);
    expect(scanTemplate(template(holds + either, conditions), []).errors).toEqual([]);
  });

  it('says in which case, when the condition is not known before deploy', () => {
    const text = template(
      lambdaFunction('Fn', '', `!If [IsPrimary, ${ROLE_ARN}, !Ref 'AWS::NoValue']`),
      "Conditions:\n  IsPrimary: !Equals [!Ref 'AWS::Region', us-east-1]\n",
    );
    // Built once with the condition undecided, the value is only not known: no error there.
    expect(scanTemplate(text, []).errors).toEqual([]);
    expect(scanErrors(text)).toEqual([`${roleError('Fn')}. Only when condition IsPrimary does not hold.`]);
  });

  it('says in which case, when the condition is decided by a parameter default', () => {
    const parameters = 'Parameters:\n  Env: { Type: String, Default: dev, AllowedValues: [dev, prod] }\n';
    const conditions = 'Conditions:\n  IsProd: !Equals [!Ref Env, prod]\n';
    const leftOutByDefault = lambdaFunction('A', '', `!If [IsProd, ${ROLE_ARN}, !Ref AWS::NoValue]`);
    const leftOutInProd = lambdaFunction('B', '', `!If [IsProd, !Ref AWS::NoValue, ${ROLE_ARN}]`);
    expect(scanErrors(template(leftOutByDefault + leftOutInProd, parameters + conditions)).sort()).toEqual([
      // The defaults deploy A without a role: the error says so.
      `${roleError('A')}. Only when condition IsProd does not hold, as with the parameters' defaults.`,
      `${roleError('B')}. Only when condition IsProd holds (Env=prod, not its default dev).`,
    ]);
  });

  it('is one for Properties an Fn::If takes away whole, and for Runtime and Handler of a .zip function', () => {
    const parameters =
      "Parameters:\n  Legacy: { Type: String, Default: 'true', AllowedValues: ['true', 'false'] }\n";
    const conditions = "Conditions:\n  IsLegacy: !Equals [!Ref Legacy, 'true']\n";
    const noProperties = `  Gone:
    Type: AWS::Lambda::Function
    Properties: !If
      - IsLegacy
      - !Ref AWS::NoValue
      - { Runtime: python3.13, Handler: index.handler, Role: ${ROLE_ARN}, Code: { ZipFile: x } }
`;
    const noRuntime = `  Zip:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: !If [IsLegacy, !Ref AWS::NoValue, python3.13]
      Handler: index.handler
      Role: ${ROLE_ARN}
      Code: { ZipFile: x }
`;
    const also = "Only when condition IsLegacy holds, as with the parameters' defaults.";
    expect(scanErrors(template(noProperties + noRuntime, parameters + conditions)).sort()).toEqual([
      'Gone: AWS::Lambda::Function requires Code, Role, Runtime, Handler, which it does not set (an Fn::If gives ' +
        'AWS::NoValue for its Properties); CloudFormation rejects the resource ("required key [Code] not found"), ' +
        `and Lambda refuses a .zip function without Runtime and Handler. ${also}`,
      'Zip: AWS::Lambda::Function requires Runtime, which it does not set (an Fn::If gives AWS::NoValue); Lambda ' +
        `refuses a .zip function without Runtime. ${also}`,
    ]);
  });

  it('is no error in a case where the resource is not created', () => {
    const parameters = 'Parameters:\n  Env: { Type: String, Default: dev, AllowedValues: [dev, prod] }\n';
    const conditions = 'Conditions:\n  IsProd: !Equals [!Ref Env, prod]\n  Never: !Equals [a, b]\n';
    // Created only in prod, where its Role is there; and with the defaults, not created at all.
    const sameCondition = lambdaFunction('A', '', `!If [IsProd, ${ROLE_ARN}, !Ref AWS::NoValue]`).replace(
      '    Properties:',
      '    Condition: IsProd\n    Properties:',
    );
    expect(scanErrors(template(sameCondition, parameters + conditions))).toEqual([]);
    // Left out whenever it is created: only in prod, which the defaults are not.
    const prodOnly = lambdaFunction('B', '', `!If [Never, ${ROLE_ARN}, !Ref AWS::NoValue]`).replace(
      '    Properties:',
      '    Condition: IsProd\n    Properties:',
    );
    expect(scanErrors(template(prodOnly, parameters + conditions))).toEqual([
      `B: AWS::Lambda::Function requires Role, ${REJECTED} when condition IsProd creates it ("required key [Role] not found"). Only when condition IsProd holds (Env=prod, not its default dev).`,
    ]);
  });

  it('is found through nested Fn::If, for every type whose required properties are known', () => {
    const text = template(
      lambdaFunction('Fn', '', `!If [Never, ${ROLE_ARN}, !If [Never, x, !Ref AWS::NoValue]]`) +
        '  Perm:\n    Type: AWS::Lambda::Permission\n    Properties:\n' +
        '      FunctionName: !Ref Fn\n      Action: lambda:InvokeFunction\n' +
        '      Principal: !If [Never, s3.amazonaws.com, !Ref AWS::NoValue]\n',
      'Conditions:\n  Never: !Equals [a, b]\n',
    );
    expect(scanTemplate(text, []).errors.map((e) => [e.message, e.line])).toEqual([
      [roleError('Fn'), lineOf(text, 'Role: !If')],
      [
        `Perm: AWS::Lambda::Permission requires Principal, ${REJECTED} ("required key [Principal] not found")`,
        lineOf(text, 'Principal: !If'),
      ],
    ]);
  });

  it('is no error on a SAM function: SAM makes a role where the Fn::If gives none', () => {
    const text = samTemplate(
      samFunction('Fn', `      Role: !If [Never, ${ROLE_ARN}, !Ref AWS::NoValue]\n`),
      'Conditions:\n  Never: !Equals [a, b]\n',
    );
    expect(scanTemplate(text, []).errors).toEqual([]);
  });
});
