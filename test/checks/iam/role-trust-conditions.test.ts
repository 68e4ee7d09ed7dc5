import { describe, expect, it } from 'vitest';
import check from '../../../src/checks/iam/role-trust-beyond-lambda.js';
import { scanTemplate, template } from '../../helpers/scan-template.js';
import { fn, role } from './fixtures.js';

/** A trust policy: Lambda, then an Allow sts:AssumeRole for this principal under these condition lines (14 spaces). */
const trust = (principal: string, conditions: string) => `      AssumeRolePolicyDocument:
        Statement:
          - Effect: Allow
            Principal: { Service: lambda.amazonaws.com }
            Action: sts:AssumeRole
          - Effect: Allow
            Principal: ${principal}
            Action: sts:AssumeRole
            Condition:
${conditions}`;

const scan = (principal: string, conditions: string, settings = {}) =>
  scanTemplate(
    template(
      role('AppRole', '', trust(principal, conditions)) + fn('Fn', '!GetAtt AppRole.Arn'),
      'Parameters:\n  Ext: { Type: String }\n  Org: { Type: String }\n  Who: { Type: String }\n',
    ),
    check,
    { settings },
  );

const outcome = (result: ReturnType<typeof scan>) =>
  [...result.failed, ...result.unknown].map((f) => [f.status, f.severity, f.message]);

describe('iam.role-trust-beyond-lambda: conditions that say who a trust is for', () => {
  it('reads * with a fixed aws:PrincipalOrgID as the principals of that organization (high, as an account)', () => {
    const result = scan(
      "{ AWS: '*' }",
      '              StringEquals:\n                aws:PrincipalOrgID: o-abc123defg\n',
    );
    expect(outcome(result)).toEqual([
      [
        'fail',
        'high',
        'Besides Lambda, principals of organization o-abc123defg (* limited by aws:PrincipalOrgID) can assume the execution role of Fn, and act with its permissions.',
      ],
    ]);
  });

  it('reads * with aws:PrincipalAccount as that account, at its severity', () => {
    const own = scan(
      "{ AWS: '*' }",
      '              StringEquals:\n                aws:PrincipalAccount: !Ref AWS::AccountId\n',
    );
    expect(outcome(own)).toEqual([
      [
        'fail',
        'medium',
        'Besides Lambda, principals of the account the stack is deployed to (* limited by aws:PrincipalAccount) can assume the execution role of Fn, and act with its permissions.',
      ],
    ]);
    const other = "              StringEquals:\n                aws:PrincipalAccount: '111122223333'\n";
    expect(outcome(scan("{ AWS: '*' }", other)).map(([, severity]) => severity)).toEqual(['high']);
    const trusted = scan("{ AWS: '*' }", other, { trustedAccounts: ['111122223333'] });
    expect(outcome(trusted).map(([, severity]) => severity)).toEqual(['medium']);
  });

  it('reports * alone in another statement as anyone: a pinned statement does not hide it', () => {
    const conditions =
      '              StringEquals:\n                aws:PrincipalAccount: !Ref AWS::AccountId\n';
    const open = `${trust("{ AWS: '*' }", conditions)}          - Effect: Allow
            Principal: { AWS: '*' }
            Action: sts:AssumeRole
`;
    const result = scanTemplate(template(role('AppRole', '', open) + fn('Fn', '!GetAtt AppRole.Arn')), check);
    expect(outcome(result)).toEqual([
      [
        'fail',
        'medium',
        'Besides Lambda, principals of the account the stack is deployed to (* limited by aws:PrincipalAccount) can assume the execution role of Fn, and act with its permissions.',
      ],
      [
        'fail',
        'high',
        'Besides Lambda, anyone (*) can assume the execution role of Fn, and act with its permissions.',
      ],
    ]);
  });

  it('still reads * as anyone when the organization is a wildcard, and names other conditions', () => {
    const wildcard = scan(
      "{ AWS: '*' }",
      "              StringLike:\n                aws:PrincipalOrgID: 'o-*'\n",
    );
    expect(outcome(wildcard)).toEqual([
      [
        'fail',
        'high',
        'Besides Lambda, anyone (*) can assume the execution role of Fn (its conditions may narrow this), and act with its permissions.',
      ],
    ]);
    const more = scan(
      "{ AWS: '*' }",
      '              StringEquals:\n                aws:PrincipalOrgID: o-abc123defg\n              IpAddress:\n                aws:SourceIp: 10.0.0.0/8\n',
    );
    expect(outcome(more)[0]?.[2]).toBe(
      'Besides Lambda, principals of organization o-abc123defg (* limited by aws:PrincipalOrgID) can assume the execution role of Fn (its other conditions may narrow this), and act with its permissions.',
    );
  });

  it('reads * with a fixed aws:PrincipalArn as that principal, at the severity of the principal named', () => {
    const own = scan(
      "{ AWS: '*' }",
      "              ArnEquals:\n                aws:PrincipalArn: !Sub 'arn:aws:iam::${AWS::AccountId}:role/ci-deployer'\n",
    );
    expect(outcome(own)).toEqual([
      [
        'fail',
        'medium',
        'Besides Lambda, role ci-deployer of the account the stack is deployed to (* limited by aws:PrincipalArn) can assume the execution role of Fn, and act with its permissions.',
      ],
    ]);
    // As `Principal: { AWS: arn:aws:iam::111122223333:role/x }` is: high, unless the account is trusted.
    const named = scan("{ AWS: 'arn:aws:iam::111122223333:role/x' }", '              {}\n');
    const other =
      "              StringEquals:\n                aws:PrincipalArn: ['arn:aws:iam::111122223333:role/x', 'arn:aws:iam::111122223333:user/bob']\n";
    expect(outcome(scan("{ AWS: '*' }", other))).toEqual([
      [
        'fail',
        'high',
        'Besides Lambda, role x of account 111122223333 or user bob of account 111122223333 (* limited by aws:PrincipalArn) can assume the execution role of Fn, and act with its permissions.',
      ],
    ]);
    expect(outcome(named).map(([, severity]) => severity)).toEqual(['high']);
    const trusted = { trustedAccounts: ['111122223333'] };
    expect(outcome(scan("{ AWS: '*' }", other, trusted)).map(([, severity]) => severity)).toEqual(['medium']);
    expect(
      outcome(scan("{ AWS: 'arn:aws:iam::111122223333:role/x' }", '              {}\n', trusted)),
    ).toEqual([['fail', 'medium', expect.any(String)]]);
  });

  it('names a principal of the template by its logical id (aws:PrincipalArn: !GetAtt AppRole.Arn)', () => {
    const result = scan(
      "{ AWS: '*' }",
      '              ArnEquals:\n                aws:PrincipalArn: !GetAtt AppRole.Arn\n',
    );
    expect(outcome(result).map(([, , message]) => message)).toEqual([
      'Besides Lambda, AppRole of this template (* limited by aws:PrincipalArn) can assume the execution role of Fn, and act with its permissions.',
    ]);
  });

  it('reads an aws:PrincipalArn pattern with a written account as that account’s matching principals', () => {
    const roles = scan(
      "{ AWS: '*' }",
      "              ArnLike:\n                aws:PrincipalArn: 'arn:aws:iam::111122223333:role/ci-*'\n",
    );
    expect(outcome(roles)).toEqual([
      [
        'fail',
        'high',
        'Besides Lambda, principals of account 111122223333 matching role/ci-* (* limited by aws:PrincipalArn) can assume the execution role of Fn, and act with its permissions.',
      ],
    ]);
    const all = scan(
      "{ AWS: '*' }",
      "              ArnLike:\n                aws:PrincipalArn: !Sub 'arn:${AWS::Partition}:iam::${AWS::AccountId}:*'\n",
    );
    expect(outcome(all)).toEqual([
      [
        'fail',
        'medium',
        'Besides Lambda, principals of the account the stack is deployed to (* limited by aws:PrincipalArn) can assume the execution role of Fn, and act with its permissions.',
      ],
    ]);
  });

  it('still reads * as anyone when aws:PrincipalArn matches any account, is negated or ...IfExists', () => {
    const anyone =
      'Besides Lambda, anyone (*) can assume the execution role of Fn (its conditions may narrow this), and act with its permissions.';
    for (const condition of [
      "ArnLike:\n                aws:PrincipalArn: 'arn:aws:iam::*:role/ci-deployer'",
      "ArnNotEquals:\n                aws:PrincipalArn: 'arn:aws:iam::111122223333:role/x'",
      "StringNotEquals:\n                aws:PrincipalArn: 'arn:aws:iam::111122223333:role/x'",
      "ArnEqualsIfExists:\n                aws:PrincipalArn: 'arn:aws:iam::111122223333:role/x'",
    ]) {
      expect(outcome(scan("{ AWS: '*' }", `              ${condition}\n`)), condition).toEqual([
        ['fail', 'high', anyone],
      ]);
    }
  });

  it('reads an aws:PrincipalArn not known before deploy as the other keys are: named if compared literally', () => {
    const literal = scan(
      "{ AWS: '*' }",
      '              StringEquals:\n                aws:PrincipalArn: !Ref Who\n',
    );
    expect(outcome(literal)).toEqual([
      [
        'fail',
        'high',
        'Besides Lambda, principal ${Who} (* limited by aws:PrincipalArn) can assume the execution role of Fn, and act with its permissions.',
      ],
    ]);
    // A parameter may hold a pattern that ArnEquals reads as one: it may match anyone.
    const pattern = scan(
      "{ AWS: '*' }",
      '              ArnEquals:\n                aws:PrincipalArn: !Ref Who\n',
    );
    expect(outcome(pattern)[0]?.[2]).toBe(
      'Besides Lambda, anyone (*) can assume the execution role of Fn (its conditions may narrow this), and act with its permissions.',
    );
  });

  it('names the principal, not the account, when both are written', () => {
    const result = scan(
      "{ AWS: '*' }",
      "              StringEquals:\n                aws:PrincipalAccount: '111122223333'\n                aws:PrincipalArn: 'arn:aws:iam::111122223333:role/x'\n",
    );
    expect(outcome(result)[0]?.[2]).toBe(
      'Besides Lambda, role x of account 111122223333 (* limited by aws:PrincipalArn) can assume the execution role of Fn (its other conditions may narrow this), and act with its permissions.',
    );
  });

  it('says an account must pass sts:ExternalId, at the account’s severity', () => {
    const conditions = '              StringEquals:\n                sts:ExternalId: !Ref Ext\n';
    expect(outcome(scan("{ AWS: '111122223333' }", conditions))).toEqual([
      [
        'fail',
        'high',
        'Besides Lambda, account 111122223333 (111122223333) can assume the execution role of Fn when it passes the sts:ExternalId the trust policy requires, and act with its permissions.',
      ],
    ]);
    const trusted = scan("{ AWS: '111122223333' }", conditions, { trustedAccounts: ['111122223333'] });
    expect(outcome(trusted).map(([, severity]) => severity)).toEqual(['medium']);
  });

  it('stays unknown when the principal is not known before deploy, whatever the organization', () => {
    const result = scan(
      '{ AWS: !Ref Who }',
      '              StringEquals:\n                aws:PrincipalOrgID: !Ref Org\n',
    );
    expect(outcome(result)).toEqual([
      ['unknown', 'medium', 'Cannot tell who may assume the role of Fn: ${Who} can assume the role.'],
    ]);
  });
});
