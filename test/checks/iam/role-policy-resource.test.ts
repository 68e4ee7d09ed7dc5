import { describe, expect, it } from 'vitest';
import passRole from '../../../src/checks/iam/role-passrole-wildcard.js';
import wildcardAction from '../../../src/checks/iam/role-wildcard-action.js';
import wildcardWrite from '../../../src/checks/iam/role-wildcard-resource-write.js';
import { scanTemplate, template } from '../../helpers/scan-template.js';
import { fn, role } from './fixtures.js';

/** An `AWS::IAM::RolePolicy` RP embedding one Allow statement (`Action`, on `'*'`) in the role `roleName` names. */
function rolePolicy(roleName: string, action = "'*'"): string {
  return `  RP:
    Type: AWS::IAM::RolePolicy
    Properties:
      RoleName: ${roleName}
      PolicyName: admin
      PolicyDocument:
        Statement:
          - Effect: Allow
            Action: ${action}
            Resource: '*'
`;
}

/** Role AppRole (named `app` when `named`) of function Fn, and `extra` resources. */
function withRole(extra: string, named = false): string {
  return template(
    role('AppRole', named ? '      RoleName: app\n' : '') + fn('Fn', '!GetAtt AppRole.Arn') + extra,
  );
}

const CHECKS = [wildcardAction, wildcardWrite, passRole];

describe('AWS::IAM::RolePolicy', () => {
  it('is read as a policy of the role its RoleName references: every statement check fails at its statement', () => {
    const { failed, errors } = scanTemplate(withRole(rolePolicy('!Ref AppRole')), CHECKS);
    expect(errors).toEqual([]);
    expect(failed.map((f) => [f.checkId, f.resource.id, f.severity, f.message, f.location.line])).toEqual([
      [
        'iam.role-wildcard-action',
        'AppRole',
        'critical',
        'policy RP, Statement[0]: Allow grants every action ("*") on every resource: the role is an administrator.',
        25,
      ],
      [
        'iam.role-wildcard-resource-write',
        'AppRole',
        'high',
        'policy RP, Statement[0]: Allow grants write actions ("*") on every resource (permissions management included).',
        25,
      ],
      [
        'iam.role-passrole-wildcard',
        'AppRole',
        'high',
        'policy RP, Statement[0]: Allow grants iam:PassRole on every role ("*"), so the function can hand any role to a new function or instance.',
        25,
      ],
    ]);
  });

  it('reaches the role through a GetAtt, or through the literal RoleName the role is given', () => {
    for (const [name, named] of [
      ['!GetAtt AppRole.Arn', false],
      ['app', true],
    ] as const) {
      const { failed } = scanTemplate(withRole(rolePolicy(name, "'s3:*'"), named), wildcardAction);
      expect(failed.map((f) => f.message)).toEqual([
        'policy RP, Statement[0]: Allow grants every s3 action ("s3:*").',
      ]);
    }
  });

  it('passes a role it does not name', () => {
    const { failed, unknown, passed } = scanTemplate(
      withRole(rolePolicy('other-role', "'s3:*'"), true),
      wildcardAction,
    );
    expect([failed, unknown]).toEqual([[], []]);
    expect(passed.map((f) => f.message)).toEqual(['no statement allows a wildcard action']);
  });

  it('is unknown on a named role when its RoleName is imported: which role it names is not known', () => {
    const { failed, unknown } = scanTemplate(
      withRole(rolePolicy('!ImportValue shared-RoleName', "'s3:*'"), true),
      wildcardAction,
    );
    expect(failed).toEqual([]);
    expect(unknown.map((f) => f.message)).toEqual([
      'policy RP, Statement[0] may grant every s3 action ("s3:*"): the policy may not be attached to this role.',
    ]);
  });
});
