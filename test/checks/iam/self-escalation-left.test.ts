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

// `iam:*` on `*` less a Deny of the role's own escalating actions still lets it take or raise another principal's
// permissions: an access key for an administrator user, a user added to an administrators' group.
const IAM_STAR = 'inline policy app, Statement[0]: Allow grants every iam action ("iam:*")';
const OTHERS =
  '; it lets the role give other IAM principals more permissions or take over IAM users (iam:AddUserToGroup, ' +
  'iam:CreateAccessKey, iam:CreateLoginProfile, iam:DeleteUserPermissionsBoundary, iam:PutUserPermissionsBoundary ' +
  'and 1 more): privilege escalation.';
const EVERY_ESCALATION =
  "[iam:Put*, iam:Attach*, iam:Delete*PermissionsBoundary, iam:UpdateAssumeRolePolicy, iam:CreatePolicyVersion, 'iam:SetDefaultPolicyVersion', iam:CreateAccessKey, 'iam:*LoginProfile', iam:AddUserToGroup]";

/** Role AppRole of Fn allowing `iam:*` on `*`, less a Deny of `action` on `resource` (YAML values). */
function iamLess(action: string, resource = "'*'", head = ''): string {
  const deny = `              - { Effect: Deny, Action: ${action}, Resource: ${resource} }\n`;
  return template(
    role('AppRole', inline(allow("'iam:*'", "'*'") + deny)) + fn('Fn', '!GetAtt AppRole.Arn'),
    head,
  );
}

describe('"iam:*" less a Deny of what changes the role\'s own permissions', () => {
  it('stays critical while it leaves a way through other principals, naming the first few', () => {
    expect(outcomes(iamLess("['iam:*Role*', 'iam:*Policy*']"))).toEqual([
      ['fail', 'critical', `${IAM_STAR}${OTHERS}`],
    ]);
  });

  it('is high once the Deny takes back every escalating action', () => {
    expect(outcomes(iamLess(EVERY_ESCALATION))).toEqual([['fail', 'high', `${IAM_STAR}.`]]);
  });

  it('stays critical where the Deny covers every resource of the aws partition alone, high where of every partition', () => {
    // In aws-cn the Deny on arn:aws:* reaches none of the role's resources.
    expect(outcomes(iamLess(EVERY_ESCALATION, "'arn:aws:*'"))).toEqual([
      [
        'fail',
        'critical',
        `${IAM_STAR}; it lets the role change its own permissions or boundary (iam:AttachRolePolicy, ` +
          'iam:DeleteRolePermissionsBoundary, iam:PutRolePermissionsBoundary, iam:PutRolePolicy, ' +
          'iam:UpdateAssumeRolePolicy): privilege escalation.',
      ],
    ]);
    for (const resource of ["'arn:*:*'", '!Sub "arn:${AWS::Partition}:*"']) {
      expect(outcomes(iamLess(EVERY_ESCALATION, resource)), resource).toEqual([
        ['fail', 'high', `${IAM_STAR}.`],
      ]);
    }
  });

  it('stays critical where the Deny is not known to cover every resource or action (a guess never lowers it)', () => {
    const user = "!Sub 'arn:aws:iam::${AWS::AccountId}:user/${Admin}'";
    const onUser = `Parameters:\n  Admin: { Type: String }\n`;
    expect(outcomes(iamLess(EVERY_ESCALATION, user, onUser))).toEqual([
      [
        'fail',
        'critical',
        `${IAM_STAR}; it lets the role change its own permissions or boundary (iam:AttachRolePolicy, ` +
          'iam:DeleteRolePermissionsBoundary, iam:PutRolePermissionsBoundary, iam:PutRolePolicy, ' +
          'iam:UpdateAssumeRolePolicy): privilege escalation.',
      ],
    ]);
    const denied = 'Parameters:\n  Denied: { Type: CommaDelimitedList }\n';
    // A Deny not known before deploy may cancel all of it: unknown, naming the way it escalates if not (what the
    // Deny's known part leaves) and that Deny.
    expect(outcomes(iamLess("['iam:*Role*', 'iam:*Policy*', !Ref Denied]", "'*'", denied))).toEqual([
      [
        'unknown',
        'high',
        'inline policy app, Statement[0] may grant every iam action ("iam:*"), which lets the role give other IAM ' +
          'principals more permissions or take over IAM users (iam:AddUserToGroup, iam:CreateAccessKey, ' +
          'iam:CreateLoginProfile, iam:DeleteUserPermissionsBoundary, iam:PutUserPermissionsBoundary and 1 more): ' +
          `privilege escalation, unless ${DENY} cancels it: part of the Action of that Deny is not known before ` +
          'deploy (from parameter Denied, which has no default).',
      ],
    ]);
    // Given with -p, the value is read: what is left of the list is what decides.
    expect(
      outcomes(iamLess('!Ref Denied', "'*'", denied), {
        Denied: 'iam:*Role*,iam:*Policy*,iam:CreateAccessKey,iam:*LoginProfile,iam:*User*',
      }),
    ).toEqual([['fail', 'high', `${IAM_STAR}.`]]);
  });
});

// `iam:*` on every resource, or every role, that only a Deny not known before deploy may cancel: unknown, but saying
// which way it escalates, which statement grants it and which Deny could not be read, not only that it is a wildcard.
describe('an escalating grant that a Deny not known before deploy may cancel', () => {
  const TARGET = 'Parameters:\n  Target: { Type: String }\n  Other: { Type: String }\n';
  const OWN =
    'which lets the role change its own permissions or boundary (iam:AttachRolePolicy, ' +
    'iam:DeleteRolePermissionsBoundary, iam:PutRolePermissionsBoundary, iam:PutRolePolicy, iam:UpdateAssumeRolePolicy): ' +
    'privilege escalation';
  const unknownResource = (deny: string, parameter: string) =>
    `${deny} cancels it: the Resource of that Deny is not known before deploy (from parameter ${parameter}, which ` +
    'has no default)';

  it('names the escalation, the statement and the Deny whose Resource is not known', () => {
    expect(outcomes(iamLess("'iam:*'", '!Ref Target', TARGET))).toEqual([
      [
        'unknown',
        'high',
        `inline policy app, Statement[0] may grant every iam action ("iam:*"), ${OWN}, unless ` +
          `${unknownResource(DENY, 'Target')}.`,
      ],
    ]);
  });

  it('names each Deny that may cancel it', () => {
    const twoDenies = template(
      role(
        'AppRole',
        inline(
          allow("'iam:*'", "!Sub 'arn:${AWS::Partition}:iam::${AWS::AccountId}:role/*'") +
            "              - { Effect: Deny, Action: 'iam:*', Resource: !Ref Target }\n" +
            "              - { Effect: Deny, Action: 'iam:*', Resource: !Ref Other }\n",
        ),
      ) + fn('Fn', '!GetAtt AppRole.Arn'),
      TARGET,
    );
    expect(outcomes(twoDenies)).toEqual([
      [
        'unknown',
        'high',
        `inline policy app, Statement[0] may grant every iam action ("iam:*"), ${OWN}, unless ` +
          `${unknownResource(DENY, 'Target')}, or ` +
          `${unknownResource('the Deny of inline policy app, Statement[2]', 'Other')}.`,
      ],
    ]);
  });

  it('fails, critical, where the Deny is read as not covering it, and passes where it is', () => {
    expect(outcomes(iamLess("'iam:*'", '!Ref Target', TARGET), { Target: 'arn:aws:s3:::b/*' })).toEqual([
      ['fail', 'critical', `${IAM_STAR}; it ${OWN.replace('which lets', 'lets')}.`],
    ]);
    expect(outcomes(iamLess("'iam:*'", '!Ref Target', TARGET), { Target: '*' })).toEqual([
      [
        'pass',
        'high',
        'no statement allows a wildcard action (the Deny of inline policy app, Statement[1] cancels iam:*)',
      ],
    ]);
  });

  it('keeps the words of the wildcard where the grant itself is not known, or leads to no escalation', () => {
    const action = 'Parameters:\n  Granted: { Type: String }\n  Target: { Type: String }\n';
    const text = template(
      role(
        'AppRole',
        inline(
          allow('!Ref Granted', "'*'") +
            "              - { Effect: Deny, Action: 'iam:*', Resource: !Ref Target }\n",
        ),
      ) + fn('Fn', '!GetAtt AppRole.Arn'),
      action,
    );
    expect(outcomes(text)[0]?.[2]).toMatch(
      /^inline policy app, Statement\[0\] may grant every action \("\$\{Granted\}"\): /,
    );
    const s3 = template(
      role(
        'AppRole',
        inline(
          allow("'s3:*'", "'*'") +
            "              - { Effect: Deny, Action: 's3:*', Resource: !Ref Target }\n",
        ),
      ) + fn('Fn', '!GetAtt AppRole.Arn'),
      TARGET,
    );
    expect(outcomes(s3)).toEqual([
      [
        'unknown',
        'high',
        'inline policy app, Statement[0] may grant every s3 action ("s3:*"): a Deny may cancel it: the Resource of ' +
          'that Deny is not known before deploy (from parameter Target, which has no default).',
      ],
    ]);
  });
});
