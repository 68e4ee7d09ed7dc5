import { describe, expect, it } from 'vitest';
import adminManaged from '../../../src/checks/iam/role-admin-managed-policy.js';
import passRole from '../../../src/checks/iam/role-passrole-wildcard.js';
import wildcardAction from '../../../src/checks/iam/role-wildcard-action.js';
import wildcardRead from '../../../src/checks/iam/role-wildcard-resource-read.js';
import wildcardWrite from '../../../src/checks/iam/role-wildcard-resource-write.js';
import type { Finding } from '../../../src/findings/finding.js';
import { awsManagedPoliciesAsOf } from '../../../src/iam/aws-managed-documents.js';
import { scanTemplate } from '../../helpers/scan-template.js';
import { appRole, sam, samFn } from './fixtures.js';

// The statement checks read the document of every AWS managed policy a role carries, from the data of all
// of them, like a customer policy: but the ones iam.role-admin-managed-policy judges by name and the Lambda
// execution policies.
const STATEMENT_CHECKS = [wildcardAction, wildcardWrite, wildcardRead, passRole];

/** A role (AppRole) whose ManagedPolicyArns lists these AWS managed policies, the first on line 12. */
function managed(...names: string[]): string {
  return appRole(
    `      ManagedPolicyArns:\n${names.map((name) => `        - arn:aws:iam::aws:policy/${name}\n`).join('')}`,
  );
}

const byCheck = (findings: readonly Finding[]) =>
  findings.map((f) => [f.checkId, f.location.line, f.message]);

describe('AWS managed policies the data holds, read statement by statement', () => {
  it('fails service-role/AmazonSSMAutomationRole (ssm:* on "*"), naming it, at its ManagedPolicyArns entry', () => {
    const { failed, unknown, errors } = scanTemplate(
      managed('service-role/AmazonSSMAutomationRole'),
      STATEMENT_CHECKS,
    );
    expect([errors, unknown]).toEqual([[], []]);
    const action = failed.filter((f) => f.checkId === 'iam.role-wildcard-action');
    expect(byCheck(action)).toEqual([
      [
        'iam.role-wildcard-action',
        12,
        'AWS managed policy service-role/AmazonSSMAutomationRole, Statement[2]: Allow grants every ssm action ("ssm:*").',
      ],
    ]);
    const write = failed.filter((f) => f.checkId === 'iam.role-wildcard-resource-write');
    expect(write.map((f) => [f.location.line, f.message.slice(0, 120)])).toEqual([
      [
        12,
        expect.stringMatching(/^AWS managed policy service-role\/AmazonSSMAutomationRole, Statement\[1\]: /),
      ],
      [
        12,
        expect.stringMatching(/^AWS managed policy service-role\/AmazonSSMAutomationRole, Statement\[2\]: /),
      ],
    ]);
  });

  it('fails service-role/AmazonElasticMapReduceRole: iam:PassRole on every role', () => {
    const { failed } = scanTemplate(managed('service-role/AmazonElasticMapReduceRole'), passRole);
    expect(failed.map((f) => [f.location.line, f.message])).toEqual([
      [
        12,
        'AWS managed policy service-role/AmazonElasticMapReduceRole, Statement[0]: Allow grants iam:PassRole on every ' +
          'role ("*"), so the function can hand any role to a new function or instance.',
      ],
    ]);
  });

  it('reads one a SAM function names in Policies, located at that entry', () => {
    const text = sam(samFn('Fn', '      Policies:\n        - AmazonElasticMapReduceforEC2Role\n'));
    const { failed } = scanTemplate(text, wildcardAction);
    const line = text.split('\n').findIndex((l) => l.includes('- AmazonElasticMapReduceforEC2Role')) + 1;
    expect(failed.map((f) => [f.location.line, f.message.split(':')[0]])).toEqual([
      [line, 'AWS managed policy service-role/AmazonElasticMapReduceforEC2Role, Statement[0]'],
    ]);
  });

  it('passes a narrow one (AmazonSQSReadOnlyAccess) beside the execution policies', () => {
    const { failed, unknown, passed } = scanTemplate(
      managed(
        'AmazonSQSReadOnlyAccess',
        'service-role/AWSLambdaBasicExecutionRole',
        'service-role/AWSLambdaSQSQueueExecutionRole',
        'CloudWatchLambdaInsightsExecutionRolePolicy',
      ),
      STATEMENT_CHECKS,
    );
    expect([failed, unknown]).toEqual([[], []]);
    expect(passed).toHaveLength(STATEMENT_CHECKS.length);
  });

  it('leaves the ones judged by name to iam.role-admin-managed-policy: one finding, not one per check', () => {
    const { failed, unknown } = scanTemplate(
      managed('AmazonS3FullAccess', 'job-function/SystemAdministrator'),
      [...STATEMENT_CHECKS, adminManaged],
    );
    expect(unknown).toEqual([]);
    expect(failed.map((f) => f.checkId)).toEqual([
      'iam.role-admin-managed-policy',
      'iam.role-admin-managed-policy',
    ]);
  });
});

describe('an AWS managed policy name the data does not hold', () => {
  const notKnown = (name: string) =>
    `no AWS managed policy ${name} was known as of ${awsManagedPoliciesAsOf()}: AWS added it since, or its ` +
    'name or path is misspelt, which fails the deploy';

  // One fact (which policy the name means, and so what it grants): one finding, of the admin check, as for a
  // managed policy ARN not known before deploy (mayBeAwsManaged); not four identical ones on one line.
  it('leaves it to iam.role-admin-managed-policy: one unknown saying so, at its entry; the statement checks pass', () => {
    const { findings, errors } = scanTemplate(managed('NoSuchPolicyAtAll'), [
      ...STATEMENT_CHECKS,
      adminManaged,
    ]);
    expect(errors).toEqual([]);
    expect(findings.map((f) => [f.checkId, f.status])).toEqual([
      ['iam.role-wildcard-action', 'pass'],
      ['iam.role-wildcard-resource-write', 'pass'],
      ['iam.role-wildcard-resource-read', 'pass'],
      ['iam.role-passrole-wildcard', 'pass'],
      ['iam.role-admin-managed-policy', 'unknown'],
    ]);
    for (const pass of findings.slice(0, 4))
      expect(pass.message).toContain(
        '(AWS managed policy NoSuchPolicyAtAll, which Parapet cannot read, is left to iam.role-admin-managed-policy)',
      );
    const admin = findings[4];
    expect(admin?.location.line).toBe(12);
    expect(admin?.message).toBe(
      `Cannot tell what AWS managed policy NoSuchPolicyAtAll grants: ${notKnown('NoSuchPolicyAtAll')}. It may be ` +
        'an admin or full-access policy, and what it grants cannot be checked either.',
    );
  });

  it('is one unknown for a right name under the wrong path (AWSLambdaBasicExecutionRole without service-role/)', () => {
    const { unknown, failed } = scanTemplate(managed('AWSLambdaBasicExecutionRole'), [
      ...STATEMENT_CHECKS,
      adminManaged,
    ]);
    expect(failed).toEqual([]);
    expect(unknown.map((f) => [f.checkId, f.location.line, f.message])).toEqual([
      ['iam.role-admin-managed-policy', 12, expect.stringContaining(notKnown('AWSLambdaBasicExecutionRole'))],
    ]);
  });

  it('still fails the admin check by name for a FullAccess name the data lacks, once', () => {
    const { findings } = scanTemplate(managed('AmazonNoSuchServiceFullAccess'), [
      ...STATEMENT_CHECKS,
      adminManaged,
    ]);
    expect(findings.filter((f) => f.status !== 'pass').map((f) => [f.checkId, f.status])).toEqual([
      ['iam.role-admin-managed-policy', 'fail'],
    ]);
  });
});

// IAM: "Names are not distinguished by case". Real templates write AWSXRayWriteOnlyAccess for AWSXrayWriteOnlyAccess.
describe('an AWS managed policy named in another case', () => {
  it('is read as the policy AWS spells so: an execution policy left out, another failing under its own name', () => {
    const xray = scanTemplate(managed('AWSXRayWriteOnlyAccess'), STATEMENT_CHECKS);
    expect([xray.failed, xray.unknown, xray.errors]).toEqual([[], [], []]);
    const { failed, unknown } = scanTemplate(managed('service-role/amazonssmautomationrole'), wildcardAction);
    expect(unknown).toEqual([]);
    expect(failed.map((f) => f.message)).toEqual([
      'AWS managed policy service-role/AmazonSSMAutomationRole, Statement[2]: Allow grants every ssm action ("ssm:*").',
    ]);
  });

  it('is judged by its name as AWS spells it: administratoraccess is AdministratorAccess', () => {
    const { failed } = scanTemplate(managed('administratoraccess'), adminManaged);
    expect(failed.map((f) => f.message)).toEqual([expect.stringContaining('AdministratorAccess')]);
  });
});

// Their Get/List actions that AWS's action catalog classes as Write or Permissions management (iot:ListSubscriptions,
// billing:GetResourcePolicy, athena:GetSessionEndpoint, s3express:CreateSession in ReadOnly mode) are reads.
describe('ReadOnlyAccess and job-function/ViewOnlyAccess in the write check', () => {
  it.each(['ReadOnlyAccess', 'job-function/ViewOnlyAccess'])('leaves %s out: it grants no write', (name) => {
    const { failed, unknown, passed } = scanTemplate(managed(name), wildcardWrite);
    expect([failed, unknown]).toEqual([[], []]);
    expect(passed).toHaveLength(1);
  });

  it('still fails a write granted beside them', () => {
    const { failed } = scanTemplate(
      appRole(
        '      ManagedPolicyArns:\n        - arn:aws:iam::aws:policy/ReadOnlyAccess\n' +
          '      Policies:\n        - PolicyName: app\n          PolicyDocument:\n            Statement:\n' +
          '              - Effect: Allow\n                Action: s3:PutObject\n                Resource: "*"\n',
      ),
      wildcardWrite,
    );
    expect(failed.map((f) => f.message.split(':')[0])).toEqual(['inline policy app, Statement[0]']);
  });

  it('the read check still reports ReadOnlyAccess', () => {
    const { failed } = scanTemplate(managed('ReadOnlyAccess'), wildcardRead);
    expect(failed.length).toBeGreaterThan(0);
  });
});
