// biome-ignore-all lint/suspicious/noTemplateCurlyInString: CloudFormation `${...}` templates are the subject of these tests
import { describe, expect, it } from 'vitest';
import wildcardAction from '../../../src/checks/iam/role-wildcard-action.js';
import { scanTemplate } from '../../helpers/scan-template.js';
import { allow, appRole, inline } from './fixtures.js';

// A Deny with NotAction denies every action but those it names: `*` less a Deny of `NotAction: s3:Get*` grants
// s3:Get* alone, a prefix wildcard, which iam.role-wildcard-action does not report when granted as written.

const DENY = 'the Deny of inline policy app, Statement[1]';
const PARAMETERS = 'Parameters:\n  Kept: { Type: String }\n';

function denyAllBut(notAction: string): string {
  return `              - { Effect: Deny, NotAction: ${notAction}, Resource: '*' }\n`;
}

function results(statements: string) {
  const { findings, errors } = scanTemplate(appRole(inline(statements), PARAMETERS), wildcardAction);
  expect(errors).toEqual([]);
  return findings.map((f) => [f.status, f.severity, f.message]);
}

describe('a wildcard a Deny of NotAction cuts to prefix wildcards', () => {
  it('passes `*` or `sqs:*` left only prefix wildcards and named actions, saying what the Deny leaves', () => {
    expect(results(allow("'*'", "'*'") + denyAllBut("'s3:Get*'"))).toEqual([
      ['pass', 'high', `no statement allows a wildcard action (${DENY} limits * to s3:Get*)`],
    ]);
    expect(results(allow("'sqs:*'", "'*'") + denyAllBut('[sqs:Send*, sqs:GetQueueUrl]'))).toEqual([
      [
        'pass',
        'high',
        `no statement allows a wildcard action (${DENY} limits sqs:* to sqs:Send*, sqs:GetQueueUrl)`,
      ],
    ]);
  });

  it('still fails where what is left holds a whole service, or an action by which the role escalates', () => {
    expect(results(allow("'*'", "'*'") + denyAllBut('[s3:Get*, sqs:*]'))).toEqual([
      [
        'fail',
        'high',
        `inline policy app, Statement[0]: Allow grants every action ("*") (${DENY} cancels all of it but s3:Get*, sqs:*).`,
      ],
    ]);
    const [escalating] = results(allow("'*'", "'*'") + denyAllBut("'iam:Put*'"));
    expect(escalating?.slice(0, 2)).toEqual(['fail', 'critical']);
    expect(escalating?.[2]).toContain(`(${DENY} cancels all of it but iam:Put*)`);
    expect(escalating?.[2]).toContain('iam:PutRolePolicy');
  });

  it('still fails where what is left is not known before deploy: it may be every action', () => {
    const [kept] = results(allow("'*'", "'*'") + denyAllBut('[s3:Get*, !Ref Kept]'));
    expect(kept?.slice(0, 2)).toEqual(['fail', 'critical']);
    expect(kept?.[2]).toContain('cancels all of it but s3:Get*, ${Kept}');
  });
});
