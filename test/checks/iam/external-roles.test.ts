// biome-ignore-all lint/suspicious/noTemplateCurlyInString: CloudFormation `${...}` templates are written in these tests
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import adminManagedPolicy from '../../../src/checks/iam/role-admin-managed-policy.js';
import sharedByFunctions from '../../../src/checks/iam/role-shared-by-functions.js';
import wildcardAction from '../../../src/checks/iam/role-wildcard-action.js';
import { ALL_CHECKS } from '../../../src/checks/index.js';
import { EMPTY_CONFIG } from '../../../src/config/config.js';
import { externalExecutionRoles } from '../../../src/iam/external-roles.js';
import { Inventory } from '../../../src/model/inventory.js';
import { isFileSource } from '../../../src/model/source.js';
import { scan } from '../../../src/scan.js';
import { scanTemplate, template } from '../../helpers/scan-template.js';
import { samFunction, samTemplate } from '../../helpers/templates.js';
import { fn } from './fixtures.js';

const EXT = 'arn:aws:iam::123456789012:role/Ext';

describe('roles outside the template that functions run as', () => {
  it('read the policies the template attaches to them by name', () => {
    const policy = `  ExtPolicy:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: p
      Roles: [Ext]
      PolicyDocument:
        Statement:
          - { Effect: Allow, Action: '*', Resource: '*' }
`;
    const { failed } = scanTemplate(template(fn('FnA', EXT) + policy), wildcardAction);
    expect(failed.map((f) => [f.resource.id, f.severity])).toEqual([[EXT, 'critical']]);
    // Without such a policy there is nothing to read: the admin check's unknown says so, once.
    expect(scanTemplate(template(fn('FnA', EXT)), wildcardAction).findings).toEqual([]);
  });

  it('are one role whether the partition is written aws or ${AWS::Partition}', () => {
    const text = template(
      fn('FnA', '!Sub arn:${AWS::Partition}:iam::${AWS::AccountId}:role/Ext') +
        fn('FnB', '!Sub arn:aws:iam::${AWS::AccountId}:role/Ext'),
    );
    const { failed } = scanTemplate(text, sharedByFunctions);
    expect(failed.map((f) => [f.resource.id, f.message])).toEqual([
      ['arn:aws:iam::${AWS::AccountId}:role/Ext', 'The role is the execution role of 2 functions: FnA, FnB.'],
    ]);
  });

  it('are one role when their ARNs differ only in case, as IAM role names do', () => {
    const text = template(fn('FnA', EXT) + fn('FnB', 'arn:aws:iam::123456789012:role/EXT'));
    const { failed } = scanTemplate(text, sharedByFunctions);
    expect(failed.map((f) => [f.resource.id, f.message])).toEqual([
      [EXT, 'The role is the execution role of 2 functions: FnA, FnB.'],
    ]);
  });

  it('are two roles when they are two parameters, whose names CloudFormation tells apart by case', () => {
    const params = `Parameters:
  RoleArn: { Type: String }
  rolearn: { Type: String }
`;
    const text = template(fn('FnA', '!Ref RoleArn') + fn('FnB', '!Ref rolearn'), params);
    const { failed, findings } = scanTemplate(text, sharedByFunctions);
    expect(failed).toEqual([]);
    expect(findings.map((f) => [f.resource.id, f.status])).toEqual([
      ['${RoleArn}', 'pass'],
      ['${rolearn}', 'pass'],
    ]);
  });

  it('are one role when functions import the same export, and two for two exports', () => {
    const shared = template(
      fn('FnA', '!ImportValue shared-RoleArn') +
        fn('FnB', '!ImportValue shared-RoleArn') +
        fn('FnC', "!ImportValue { 'Fn::Sub': '${AWS::StackName}-RoleArn' }") +
        fn('FnD', "!ImportValue { 'Fn::Sub': '${AWS::StackName}-RoleArn' }") +
        fn('FnE', '!ImportValue other-RoleArn'),
    );
    const { failed, findings } = scanTemplate(shared, sharedByFunctions);
    expect(failed.map((f) => [f.resource.id, f.message])).toEqual([
      ['Fn::ImportValue shared-RoleArn', 'The role is the execution role of 2 functions: FnA, FnB.'],
      [
        'Fn::ImportValue ${AWS::StackName}-RoleArn',
        'The role is the execution role of 2 functions: FnC, FnD.',
      ],
    ]);
    expect(findings.filter((f) => f.status === 'pass').map((f) => f.resource.id)).toEqual([
      'Fn::ImportValue other-RoleArn',
    ]);
  });

  it('take the inline suppressions of the function their findings point at, with no warning', () => {
    const result = scanFile(template(ignoring(fn('FnA', EXT), 'iam.role-admin-managed-policy')));
    const admin = result.findings.filter((f) => f.checkId === 'iam.role-admin-managed-policy');
    expect(admin.map((f) => [f.resource.id, f.suppressed?.reason])).toEqual([[EXT, 'reviewed in SEC-1']]);
    expect(result.warnings.filter((w) => w.includes('suppresses'))).toEqual([]);
  });

  it('are located at the Role of the function first in the file, not first by logical id', () => {
    // Zeta's Role is line 8, Alpha's line 15.
    const text = template(fn('Zeta', EXT) + fn('Alpha', EXT));
    const shared = scanTemplate(text, sharedByFunctions).failed;
    expect(shared.map((f) => [f.resource.id, f.location.line, f.location.column])).toEqual([[EXT, 8, 7]]);
    const admin = scanTemplate(text, adminManagedPolicy).unknown;
    expect(admin.map((f) => [f.resource.id, f.location.line])).toEqual([[EXT, 8]]);
  });

  it("apply the first function's suppression, and do not call it unused", () => {
    const text = template(ignoring(fn('Zeta', EXT), 'iam.role-shared-by-functions') + fn('Alpha', EXT));
    const result = scanFile(text);
    const shared = result.findings.filter((f) => f.checkId === 'iam.role-shared-by-functions');
    expect(shared.map((f) => [f.location.line, f.suppressed?.reason])).toEqual([[12, 'reviewed in SEC-1']]);
    expect(result.warnings.filter((w) => w.includes('suppresses'))).toEqual([]);
  });

  it('a later function with the suppression does not hide the finding, and is told so', () => {
    const text = template(fn('Zeta', EXT) + ignoring(fn('Alpha', EXT), 'iam.role-shared-by-functions'));
    const result = scanFile(text);
    const shared = result.findings.filter((f) => f.checkId === 'iam.role-shared-by-functions');
    expect(shared.map((f) => [f.location.line, f.suppressed])).toEqual([[8, undefined]]);
    expect(result.warnings.filter((w) => w.includes('suppresses'))).toEqual([
      expect.stringMatching(
        new RegExp(
          `Alpha suppresses iam.role-shared-by-functions, which found nothing on it in this scan; its finding is on role ${EXT.replaceAll('*', '\\*')}, which it runs as, and is placed at the first function in the file naming that role \\(t.yaml:8\\): move the suppression there$`,
        ),
      ),
    ]);
  });

  it('of SAM functions are located at the Role of the SAM function written first', () => {
    const role = `      Role: ${EXT}\n`;
    const text = samTemplate(samFunction('Zeta', role) + samFunction('Alpha', role));
    const shared = scanTemplate(text, sharedByFunctions).failed;
    // Zeta's Role: after the two header lines, Resources, and six lines of Zeta.
    expect(shared.map((f) => [f.resource.id, f.location.line])).toEqual([[EXT, 10]]);
  });

  it('are the same whatever order the inventory lists its functions in', () => {
    const { inventory } = scanTemplate(template(fn('Zeta', EXT) + fn('Mid', EXT) + fn('Alpha', EXT)), []);
    const functions = inventory.list('lambda.function');
    const lines = [functions, [...functions].reverse()].map((order) =>
      externalExecutionRoles(new Inventory('t.yaml', order)).map((role) => {
        const source = role.source;
        return isFileSource(source) ? source.locator.locate(source.node, source.key)?.line : undefined;
      }),
    );
    expect(lines).toEqual([[8], [8]]);
  });
});

/** The function `resource` (a YAML entry) with an inline suppression of `checkId`. */
function ignoring(resource: string, checkId: string): string {
  return resource.replace(
    '    Properties:\n',
    `    Metadata:\n      parapet:\n        ignore:\n          - { id: ${checkId}, reason: reviewed in SEC-1 }\n    Properties:\n`,
  );
}

/** Scans the template text as a file with every check, as the CLI does: suppressions and their warnings. */
function scanFile(text: string) {
  const dir = mkdtempSync(join(tmpdir(), 'parapet-external-role-'));
  try {
    writeFileSync(join(dir, 't.yaml'), text);
    return scan([join(dir, 't.yaml')], {
      checks: ALL_CHECKS,
      config: EMPTY_CONFIG,
      scanDate: new Date('2026-11-25'),
      knownCheckIds: ALL_CHECKS.map((check) => check.id),
      cwd: dir,
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
