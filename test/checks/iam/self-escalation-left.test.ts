// biome-ignore-all lint/suspicious/noTemplateCurlyInString: CloudFormation `${...}` templates are the subject of these tests
import { describe, expect, it } from 'vitest';
import wildcardAction from '../../../src/checks/iam/role-wildcard-action.js';
import { scanTemplate, template } from '../../helpers/scan-template.js';
import { allow, boundaryPolicy, fn, inline, role } from './fixtures.js';

// `"*"` cut down to what still includes iam:PutRolePolicy, iam:AttachRolePolicy and the like on every role is no
// administrator as written, but the role can give itself any permission: as critical as `"*"` itself.

const DENY = 'the Deny of inline policy app, Statement[1]';
const STAR = 'inline policy app, Statement[0]: Allow grants every action ("*")';
const ESCALATION =
  '; what is left lets the role change its own permissions or boundary (iam:AttachRolePolicy, ' +
  'iam:DeleteRolePermissionsBoundary, iam:PutRolePermissionsBoundary, iam:PutRolePolicy, iam:UpdateAssumeRolePolicy): ' +
  'privilege escalation.';

/** Role AppRole of Fn allowing `*` on `*`, less a Deny of all but `notAction` when given, under `boundary` when given. */
function starCut(notAction?: string, boundary?: string, head = ''): string {
  const deny =
    notAction === undefined
      ? ''
      : `              - { Effect: Deny, NotAction: [${notAction}], Resource: '*' }\n`;
  const bounded = boundary === undefined ? '' : '      PermissionsBoundary: !Ref Boundary\n';
  const policy = boundary === undefined ? '' : boundaryPolicy(boundary);
  return template(
    role('AppRole', bounded + inline(allow("'*'", "'*'") + deny)) + fn('Fn', '!GetAtt AppRole.Arn') + policy,
    head,
  );
}

const KEPT = 'Parameters:\n  Kept: { Type: String }\n';

function outcomes(text: string, parameters?: Record<string, string>) {
  const { findings, errors } = scanTemplate(text, wildcardAction, parameters ? { parameters } : {});
  expect(errors).toEqual([]);
  return findings.map((f) => [f.status, f.severity, f.message]);
}

describe('"*" cut to what lets the role change its own permissions', () => {
  it('stays critical when a Deny of NotAction leaves iam:*, naming the actions', () => {
    expect(outcomes(starCut("'iam:*'"))).toEqual([
      ['fail', 'critical', `${STAR} (${DENY} cancels all of it but iam:*)${ESCALATION}`],
    ]);
  });

  it('reads a NotAction given with -p as that value: iam:* given keeps it critical', () => {
    expect(outcomes(starCut('!Ref Kept', undefined, KEPT), { Kept: 'iam:*' })).toEqual([
      ['fail', 'critical', `${STAR} (${DENY} cancels all of it but iam:*)${ESCALATION}`],
    ]);
    // s3:* given: no IAM action is left, and no administrator either.
    expect(outcomes(starCut('!Ref Kept', undefined, KEPT), { Kept: 's3:*' })).toEqual([
      ['fail', 'high', `${STAR} (${DENY} cancels all of it but s3:*).`],
    ]);
  });

  it('leaves a NotAction not known before deploy as it was: the Allow as written, not raised by a guess', () => {
    expect(outcomes(starCut('!Ref Kept', undefined, KEPT))).toEqual([
      [
        'fail',
        'critical',
        `${STAR} on every resource: the role is an administrator (${DENY} cancels all of it but \${Kept}).`,
      ],
    ]);
  });

  it('names only the escalating actions the Deny leaves, and is high when it leaves none', () => {
    const some = outcomes(starCut("'iam:PutRolePolicy', 's3:*'"));
    expect(some).toEqual([
      [
        'fail',
        'critical',
        `${STAR} (${DENY} cancels all of it but iam:PutRolePolicy, s3:*); what is left lets the role change its ` +
          'own permissions or boundary (iam:PutRolePolicy): privilege escalation.',
      ],
    ]);
    expect(outcomes(starCut("'iam:Get*', 's3:*'"))).toEqual([
      ['fail', 'high', `${STAR} (${DENY} cancels all of it but iam:Get*, s3:*).`],
    ]);
  });

  it('stays critical under a boundary of iam:*, as AdministratorAccess does under it', () => {
    expect(outcomes(starCut(undefined, "'iam:*'"))).toEqual([
      [
        'fail',
        'critical',
        `${STAR}; its permissions boundary Boundary allows every iam action ("iam:*")${ESCALATION}`,
      ],
    ]);
    expect(outcomes(starCut(undefined, "'logs:*'"))).toEqual([
      ['fail', 'high', `${STAR}; its permissions boundary Boundary allows every logs action ("logs:*").`],
    ]);
  });
});
