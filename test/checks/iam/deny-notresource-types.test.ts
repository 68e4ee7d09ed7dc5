// biome-ignore-all lint/suspicious/noTemplateCurlyInString: CloudFormation `${...}` templates are the subject of these tests
import { describe, expect, it } from 'vitest';
import wildcardAction from '../../../src/checks/iam/role-wildcard-action.js';
import wildcardRead from '../../../src/checks/iam/role-wildcard-resource-read.js';
import wildcardWrite from '../../../src/checks/iam/role-wildcard-resource-write.js';
import { scanTemplate, template } from '../../helpers/scan-template.js';
import { allow, boundaryPolicy, fn, inline, role } from './fixtures.js';

// IAM allows a request only where an Allow applies, no Deny does and the permissions boundary allows it too (IAM
// User Guide, "Policy evaluation logic"). A Deny of `*` with NotResource denies every request on a resource it does
// not name; an action acts only on its resource types' ARNs (Service Authorization Reference), so what such a Deny
// leaves is the actions on the ARNs it names: s3 actions act on no IAM role.

const CHECKS = [wildcardAction, wildcardWrite, wildcardRead];
const DENY = 'the Deny of inline policy app, Statement[1]';
const EVERY_ROLE = 'arn:aws:iam::*:role/*';

/** Role AppRole of Fn allowing `action` on `*`, less a Deny of `*` on all but `kept`, under `boundary` when given. */
function keptOnly(kept: string, action = "'*'", boundary?: string, head = ''): string {
  const bounded = boundary === undefined ? '' : '      PermissionsBoundary: !Ref Boundary\n';
  const denyAllBut = `              - { Effect: Deny, Action: '*', NotResource: ${kept} }\n`;
  const policy = boundary === undefined ? '' : boundaryPolicy(boundary);
  return template(
    role('AppRole', bounded + inline(allow(action, "'*'") + denyAllBut)) +
      fn('Fn', '!GetAtt AppRole.Arn') +
      policy,
    head,
  );
}

const outcomes = (text: string) => {
  const { findings, errors } = scanTemplate(text, CHECKS);
  expect(errors).toEqual([]);
  return findings.map((f) => [f.checkId, f.status, f.severity, f.message]);
};

describe('a Deny NotResource keeping every resource of a type', () => {
  it('passes "*" left on every IAM role under a boundary of s3:*: no s3 action acts on a role', () => {
    expect(outcomes(keptOnly(EVERY_ROLE, "'*'", "'s3:*'"))).toEqual([
      [
        'iam.role-wildcard-action',
        'pass',
        'high',
        'no statement allows a wildcard action (what inline policy app, Statement[0] grants is limited by ' +
          `${DENY}, which leaves it the actions on ${EVERY_ROLE}, and by its permissions boundary Boundary, which ` +
          'allows none of that)',
      ],
      [
        'iam.role-wildcard-resource-write',
        'pass',
        'high',
        expect.stringMatching(
          new RegExp(
            `^no statement allows write actions on every resource, or on every resource of a type \\(left out: .*\\) \\(${esc(DENY)} cancels 9,744 write actions of \\*\\) \\(what inline policy app, Statement\\[0\\] grants is limited by ${esc(DENY)}, which leaves it \\d+ actions, and by its permissions boundary Boundary, which allows none of that\\)$`,
          ),
        ),
      ],
      [
        'iam.role-wildcard-resource-read',
        'pass',
        'medium',
        'no statement allows sensitive reads on every resource, or on every resource of a type ' +
          // `*` less the sensitive reads: every service's reads that accept only "*", counted.
          '(left out, as they accept only "*": 4002 actions of 408 services) ' +
          `(${DENY} cancels 18 sensitive reads of *)`,
      ],
    ]);
  });

  it('keeps "*" left on every IAM role critical, as escalation, not as an administrator on every resource', () => {
    const [action, write, read] = outcomes(keptOnly(EVERY_ROLE));
    expect(action).toEqual([
      'iam.role-wildcard-action',
      'fail',
      'critical',
      `inline policy app, Statement[0]: Allow grants every action ("*") (${DENY} limits it to ${EVERY_ROLE}, ` +
        'where it keeps iam:AttachRolePolicy, iam:DeleteRolePermissionsBoundary, iam:PutRolePolicy, ' +
        'iam:UpdateAssumeRolePolicy: it can give any role any permission (privilege escalation through any role)).',
    ]);
    // The writes left are those acting on IAM roles (and those of ec2 and others that do), on every role: not those
    // naming an IAM user (codestar:CreateUserProfile, iam:CreateUser), which act on no role.
    expect(write).toEqual([
      'iam.role-wildcard-resource-write',
      'fail',
      'high',
      `inline policy app, Statement[0]: Allow grants write actions ("*") on every IAM role in every account ("${EVERY_ROLE}"): ` +
        'ec2:AssociateEnclaveCertificateIamRole, ec2:DisassociateEnclaveCertificateIamRole, iam:AttachRolePolicy, ' +
        'iam:DeleteRolePermissionsBoundary, iam:DeleteRolePolicy and 19 more (permissions management included) ' +
        `(${DENY} cancels 9,744 write actions of *).`,
    ]);
    expect(read?.slice(0, 2)).toEqual(['iam.role-wildcard-resource-read', 'pass']);
  });

  it('rates "*" left on every Lambda function high: no administrator, and no IAM permissions left', () => {
    const [action] = outcomes(keptOnly("'arn:aws:lambda:*:*:function:*'"));
    expect(action).toEqual([
      'iam.role-wildcard-action',
      'fail',
      'high',
      `inline policy app, Statement[0]: Allow grants every action ("*") (${DENY} limits it to ` +
        'arn:aws:lambda:*:*:function:*).',
    ]);
  });

  it('cancels a service wildcard none of whose actions acts on what the NotResource keeps', () => {
    const [action] = outcomes(keptOnly(EVERY_ROLE, "'s3:*'"));
    expect(action).toEqual([
      'iam.role-wildcard-action',
      'pass',
      'high',
      `no statement allows a wildcard action (${DENY} cancels s3:*)`,
    ]);
  });

  it('keeps the finding when the service of the ARN kept is not known before deploy', () => {
    const kept = "!Sub 'arn:aws:${Svc}::*:role/*'";
    const [action] = outcomes(keptOnly(kept, "'*'", "'s3:*'", 'Parameters:\n  Svc: { Type: String }\n'));
    expect(action?.slice(0, 3)).toEqual(['iam.role-wildcard-action', 'fail', 'high']);
    expect(action?.[3]).toContain('its permissions boundary Boundary allows every s3 action ("s3:*")');
  });
});

describe('the writes a Deny NotResource keeping every resource of a type leaves, on that type', () => {
  const write = (kept: string, head = '') => {
    const { findings, errors } = scanTemplate(keptOnly(kept, "'*'", undefined, head), wildcardWrite);
    expect(errors).toEqual([]);
    return findings.map((f) => [f.status, f.severity, f.message]);
  };

  it('words every IAM user, with the actions naming a user (codestar:CreateUserProfile) and none naming a role', () => {
    expect(write("'arn:aws:iam::*:user/*'")).toEqual([
      [
        'fail',
        'high',
        'inline policy app, Statement[0]: Allow grants write actions ("*") on every IAM user in every account ' +
          '("arn:aws:iam::*:user/*"): codestar:CreateUserProfile, codestar:DeleteUserProfile, ' +
          'codestar:UpdateUserProfile, iam:AttachUserPolicy, iam:DeleteUserPermissionsBoundary and 29 more ' +
          `(permissions management included) (${DENY} cancels 9,734 write actions of *).`,
      ],
    ]);
  });

  it('reads a NotResource built with ${AWS::AccountId} as the roles of the account', () => {
    const [found] = write("!Sub 'arn:aws:iam::${AWS::AccountId}:role/*'");
    expect(found?.[2]).toMatch(
      /^inline policy app, Statement\[0\]: Allow grants write actions \("\*"\) on every IAM role in the account \("arn:aws:iam::\$\{AWS::AccountId\}:role\/\*"\): ec2:AssociateEnclaveCertificateIamRole, /,
    );
  });

  it('is unknown on every resource when the NotResource is not known before deploy', () => {
    expect(write('!Ref Kept', 'Parameters:\n  Kept: { Type: String }\n')).toEqual([
      [
        'unknown',
        'high',
        'inline policy app, Statement[0] may grant write actions ("*") on every resource: a Deny may cancel it: the ' +
          'NotResource of that Deny is not known before deploy (from parameter Kept, which has no default).',
      ],
    ]);
  });

  it('keeps "every resource" where the Deny has conditions: it may not apply', () => {
    const text = keptOnly(EVERY_ROLE).replace(
      'NotResource: arn:aws:iam::*:role/* }',
      "NotResource: arn:aws:iam::*:role/*, Condition: { Bool: { aws:MultiFactorAuthPresent: 'false' } } }",
    );
    const { findings } = scanTemplate(text, wildcardWrite);
    expect(findings.map((f) => f.message)).toEqual([
      'inline policy app, Statement[0]: Allow grants write actions ("*") on every resource (permissions management ' +
        `included) (${DENY} would cancel it, but only under conditions it does not weigh: Bool aws:MultiFactorAuthPresent).`,
    ]);
  });
});

function esc(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
