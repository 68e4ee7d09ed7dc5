// biome-ignore-all lint/suspicious/noTemplateCurlyInString: CloudFormation `${...}` templates are the subject of these tests
import { describe, expect, it } from 'vitest';
import { IAM_CHECKS } from '../../../src/checks/iam/index.js';
import { scanTemplate } from '../../helpers/scan-template.js';
import { appRole, sam, samFn } from './fixtures.js';

// A managed policy entry not known before deploy (an `!If` whose condition cannot be decided, a
// parameter without default) is one unknown finding of iam.role-admin-managed-policy, not four: the
// statement checks leave it to that finding and say so when they pass.

const UNDECIDABLE =
  'Parameters:\n  Stage: { Type: String }\nConditions:\n  IsDev: !Equals [!Ref Stage, dev]\n';
const STATEMENT_CHECKS = [
  'iam.role-wildcard-action',
  'iam.role-wildcard-resource-write',
  'iam.role-wildcard-resource-read',
  'iam.role-passrole-wildcard',
];
const LEFT = ' (managed policies not known before deploy are left to iam.role-admin-managed-policy)';

function scan(text: string) {
  const result = scanTemplate(text, IAM_CHECKS);
  expect(result.errors).toEqual([]);
  expect(result.failed).toEqual([]);
  return result;
}

describe('a managed policy attached under a condition that cannot be decided', () => {
  it('is a single unknown of iam.role-admin-managed-policy, on the entry, naming the condition', () => {
    const { unknown, passed } = scan(
      appRole(
        `      ManagedPolicyArns:
        - !If [IsDev, arn:aws:iam::aws:policy/AdministratorAccess, !Ref AWS::NoValue]
`,
        UNDECIDABLE,
      ),
    );
    expect(unknown.map((f) => [f.checkId, f.resource.id, f.location.line])).toEqual([
      ['iam.role-admin-managed-policy', 'AppRole', 16],
    ]);
    expect(unknown[0]?.message).toBe(
      'Cannot tell which managed policy is attached here: its ARN is not known before deploy (depends on ' +
        'condition IsDev: compares values not known before deploy (from parameter Stage, which has no ' +
        'default)). It may be an AWS managed admin or ' +
        'full-access policy, and what it grants cannot be checked either.',
    );
    const statementChecks = passed.filter((f) => STATEMENT_CHECKS.includes(f.checkId));
    expect(statementChecks.map((f) => [f.checkId, f.message])).toEqual([
      ['iam.role-wildcard-action', `no statement allows a wildcard action${LEFT}`],
      [
        'iam.role-wildcard-resource-write',
        `no statement allows write actions on every resource, or on every resource of a type${LEFT}`,
      ],
      [
        'iam.role-wildcard-resource-read',
        `no statement allows sensitive reads on every resource, or on every resource of a type${LEFT}`,
      ],
      ['iam.role-passrole-wildcard', `no statement allows iam:PassRole on every role${LEFT}`],
    ]);
  });

  it('is the same single unknown for a SAM Policies entry, on the SAM function', () => {
    const { unknown } = scan(
      sam(
        samFn(
          'Orders',
          `      Policies:
        - !If [IsDev, AdministratorAccess, !Ref AWS::NoValue]
`,
        ),
        UNDECIDABLE,
      ),
    );
    expect(unknown.map((f) => [f.checkId, f.resource.id])).toEqual([
      ['iam.role-admin-managed-policy', 'Orders'],
    ]);
    expect(unknown[0]?.message).toContain('depends on condition IsDev');
  });

  it('still reads the statements the role has besides the entry', () => {
    const { unknown, failed } = scanTemplate(
      appRole(
        `      ManagedPolicyArns:
        - !If [IsDev, arn:aws:iam::aws:policy/AdministratorAccess, !Ref AWS::NoValue]
      Policies:
        - PolicyName: app
          PolicyDocument:
            Statement:
              - Effect: Allow
                Action: s3:*
                Resource: '*'
`,
        UNDECIDABLE,
      ),
      IAM_CHECKS,
    );
    // s3:* on `*` reads every object too.
    expect(failed.map((f) => f.checkId)).toEqual([
      'iam.role-wildcard-action',
      'iam.role-wildcard-resource-write',
      'iam.role-wildcard-resource-read',
    ]);
    expect(unknown.map((f) => f.checkId)).toEqual(['iam.role-admin-managed-policy']);
  });

  it('fails the admin check alone when the condition holds with the parameter given', () => {
    const { failed, unknown } = scanTemplate(
      appRole(
        `      ManagedPolicyArns:
        - !If [IsDev, arn:aws:iam::aws:policy/AdministratorAccess, !Ref AWS::NoValue]
`,
        UNDECIDABLE,
      ),
      IAM_CHECKS,
      { parameters: { Stage: 'dev' } },
    );
    expect(unknown).toEqual([]);
    expect(failed.map((f) => [f.checkId, f.severity])).toEqual([
      ['iam.role-admin-managed-policy', 'critical'],
    ]);
  });
});

describe('other managed policy entries not known before deploy', () => {
  it('a parameter without default, or a whole list behind an !If, is one unknown too', () => {
    const fromParameter = scan(
      appRole(
        '      ManagedPolicyArns:\n        - !Ref ExtraPolicyArn\n',
        'Parameters:\n  ExtraPolicyArn: { Type: String }\n',
      ),
    );
    expect(fromParameter.unknown.map((f) => f.checkId)).toEqual(['iam.role-admin-managed-policy']);
    expect(fromParameter.unknown[0]?.message).toBe(
      'Cannot tell which managed policy is attached here: its ARN ${ExtraPolicyArn} is not known before deploy ' +
        '(from parameter ExtraPolicyArn, which has no default). It may be an AWS managed admin or full-access ' +
        'policy, and what it grants cannot be checked either.',
    );
    const wholeList = scan(
      appRole(
        '      ManagedPolicyArns: !If [IsDev, [arn:aws:iam::aws:policy/AdministratorAccess], !Ref AWS::NoValue]\n',
        UNDECIDABLE,
      ),
    );
    expect(wholeList.unknown.map((f) => f.checkId)).toEqual(['iam.role-admin-managed-policy']);
    expect(wholeList.unknown[0]?.message).toMatch(
      /^Cannot tell which managed policies are attached: the list is not known before deploy \(.+\)\. One may be an AWS managed admin or full-access policy, and what they grant cannot be checked either\.$/,
    );
  });

  it('is reported beside a certain failure of the admin check, which stands for the statement checks', () => {
    const { failed, unknown } = scanTemplate(
      appRole(
        `      ManagedPolicyArns:
        - arn:aws:iam::aws:policy/PowerUserAccess
        - !Ref ExtraPolicyArn
`,
        'Parameters:\n  ExtraPolicyArn: { Type: String }\n',
      ),
      IAM_CHECKS,
    );
    expect(failed.map((f) => [f.checkId, f.location.line])).toEqual([['iam.role-admin-managed-policy', 14]]);
    expect(unknown.map((f) => [f.checkId, f.location.line])).toEqual([['iam.role-admin-managed-policy', 15]]);
  });

  it('a customer managed policy outside the template stays unknown for the statement checks only', () => {
    const { unknown } = scanTemplate(
      appRole('      ManagedPolicyArns:\n        - arn:aws:iam::123456789012:policy/platform-lambda\n'),
      IAM_CHECKS,
    );
    expect(unknown.map((f) => f.checkId)).toEqual(STATEMENT_CHECKS);
  });
});
