import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import check from '../../../src/checks/iam/role-trust-beyond-lambda.js';
import { EMPTY_CONFIG } from '../../../src/config/config.js';
import { scan } from '../../../src/scan.js';
import { fn, role } from '../../checks/iam/fixtures.js';
import { scanTemplate, template } from '../../helpers/scan-template.js';
import { samTemplate } from '../../helpers/templates.js';

const REJECTS = 'IAM rejects the policy (MalformedPolicyDocument) and the stack fails to deploy';

/** A role whose trust policy holds `statements` (YAML list items at 10 spaces), run by a function Fn. */
const trusting = (statements: string, version = '', extra = '') =>
  template(
    role('AppRole', '', `      AssumeRolePolicyDocument:\n${version}        Statement:\n${statements}`) +
      fn('Fn', '!GetAtt AppRole.Arn'),
    extra,
  );

const located = (scan: ReturnType<typeof scanTemplate>) => scan.errors.map((e) => `${e.line} ${e.message}`);
const statuses = (scan: ReturnType<typeof scanTemplate>) => scan.findings.map((f) => f.status);

describe('trust policies IAM rejects (AssumeRolePolicyDocument)', () => {
  it('a NotPrincipal is an error at it, and who may assume the role is unknown (it was "everyone but")', () => {
    const scan = scanTemplate(
      trusting(`          - Effect: Allow
            NotPrincipal: { Service: lambda.amazonaws.com }
            Action: sts:AssumeRole
`),
      check,
    );
    expect(located(scan)).toEqual([
      `9 AppRole: AssumeRolePolicyDocument, Statement[0] has NotPrincipal, which a role trust policy cannot have: ${REJECTS}. ` +
        'Name who may assume the role in a Principal (a Deny for everyone but some principals is a Condition on aws:PrincipalArn)',
    ]);
    expect(statuses(scan)).toEqual(['unknown']);
    expect(scan.unknown[0]?.message).toBe(
      'Cannot tell who may assume the role of Fn: policy cannot be read: IAM rejects it ' +
        '(Statement[0] has a NotPrincipal; see the scan error).',
    );
  });

  it('a NotPrincipal in a Deny is refused as well: the whole trust policy is rejected', () => {
    const scan = scanTemplate(
      trusting(`          - Effect: Allow
            Principal: { Service: [lambda.amazonaws.com, ec2.amazonaws.com] }
            Action: sts:AssumeRole
          - Effect: Deny
            NotPrincipal: { Service: lambda.amazonaws.com }
            Action: sts:AssumeRole
`),
      check,
    );
    expect(located(scan)).toEqual([expect.stringMatching(/^12 AppRole: .*Statement\[1\] has NotPrincipal/)]);
    expect(statuses(scan)).toEqual(['unknown']);
  });

  it('a Resource is an error at it (IAM: "Has prohibited field Resource"), and the check is unknown (it failed)', () => {
    const scan = scanTemplate(
      trusting(`          - Effect: Allow
            Principal: { AWS: '*' }
            Action: sts:AssumeRole
            Resource: '*'
`),
      check,
    );
    expect(located(scan)).toEqual([
      '11 AppRole: AssumeRolePolicyDocument, Statement[0] has Resource, which a role trust policy cannot have: ' +
        'IAM rejects the policy (MalformedPolicyDocument: "Has prohibited field Resource") and the stack fails to ' +
        'deploy. The role is what a trust policy guards; what the role may act on goes in its permissions policies',
    ]);
    expect(statuses(scan)).toEqual(['unknown']);
    expect(scan.unknown[0]?.message).toBe(
      'Cannot tell who may assume the role of Fn: policy cannot be read: IAM rejects it ' +
        '(Statement[0] has a Resource; see the scan error).',
    );
  });

  it('a NotResource is refused as well, and with a Resource each is told once (not also as a pair)', () => {
    const scan = scanTemplate(
      trusting(`          - Effect: Allow
            Principal: { Service: lambda.amazonaws.com }
            Action: sts:AssumeRole
            Resource: '*'
            NotResource: 'arn:aws:s3:::b'
`),
      check,
    );
    expect(located(scan)).toEqual([
      expect.stringMatching(
        /^11 AppRole: .*Statement\[0\] has Resource, which a role trust policy cannot have/,
      ),
      expect.stringMatching(
        /^12 AppRole: .*Statement\[0\] has NotResource, which a role trust policy cannot have: .*"Has prohibited field NotResource"/,
      ),
    ]);
    expect(statuses(scan)).toEqual(['unknown']);
  });

  it('a statement without Principal is an error at the statement, and the check is unknown (it passed)', () => {
    const scan = scanTemplate(
      trusting(`          - Effect: Allow
            Principal: { Service: lambda.amazonaws.com }
            Action: sts:AssumeRole
          - Effect: Allow
            Action: sts:AssumeRole
`),
      check,
    );
    expect(located(scan)).toEqual([
      `11 AppRole: AssumeRolePolicyDocument, Statement[1] has no Principal: ${REJECTS}`,
    ]);
    expect(statuses(scan)).toEqual(['unknown']);
  });

  it('a Version IAM does not know, or a Statement that is text, is an error and the check is unknown', () => {
    const version = scanTemplate(
      trusting(
        `          - { Effect: Allow, Principal: { Service: lambda.amazonaws.com }, Action: sts:AssumeRole }\n`,
        '        Version: 2012-10-18\n',
      ),
      check,
    );
    expect(located(version)).toEqual([
      `7 AppRole: AssumeRolePolicyDocument has Version 2012-10-18, which IAM does not know (it takes 2012-10-17 or 2008-10-17): ${REJECTS}`,
    ]);
    expect(statuses(version)).toEqual(['unknown']);
    const text = scanTemplate(
      template(
        role('AppRole', '', '      AssumeRolePolicyDocument:\n        Statement: lambda\n') +
          fn('Fn', '!GetAtt AppRole.Arn'),
      ),
      check,
    );
    expect(located(text)).toEqual([
      '7 AppRole: AssumeRolePolicyDocument has a Statement that is text, not a statement (a mapping of Effect, ' +
        `Principal and Action) or a list of them: ${REJECTS}`,
    ]);
    expect(statuses(text)).toEqual(['unknown']);
  });

  it("a SAM function's AssumeRolePolicyDocument is judged the same, the error at the user's line", () => {
    const text = samTemplate(`  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: index.handler
      InlineCode: x
      AssumeRolePolicyDocument:
        Statement:
          - Effect: Allow
            NotPrincipal: { Service: lambda.amazonaws.com }
            Action: sts:AssumeRole
`);
    const scan = scanTemplate(text, check);
    const line = text.split('\n').findIndex((l) => l.includes('NotPrincipal')) + 1;
    expect(located(scan)).toEqual([
      expect.stringMatching(
        new RegExp(`^${line} Fn: AssumeRolePolicyDocument, Statement\\[0\\] has NotPrincipal`),
      ),
    ]);
    expect(statuses(scan)).toEqual(['unknown']);
  });

  it('a well-formed trust policy is no error and the check decides (pass)', () => {
    const scan = scanTemplate(
      trusting(
        `          - { Effect: Allow, Principal: { Service: lambda.amazonaws.com }, Action: sts:AssumeRole }\n`,
        '        Version: 2012-10-17\n',
      ),
      check,
    );
    expect(scan.errors).toEqual([]);
    expect(statuses(scan)).toEqual(['pass']);
  });

  it('a Principal or statement not known before deploy is no error: the check says unknown of the principal', () => {
    const scan = scanTemplate(
      trusting(
        `          - { Effect: Allow, Principal: !Ref Who, Action: sts:AssumeRole }
          - !Ref More
`,
        '',
        'Parameters:\n  Who: { Type: String }\n  More: { Type: String }\n',
      ),
      check,
    );
    expect(scan.errors).toEqual([]);
  });
});

/** Scans `text` as `parapet scan` does (the cases of its conditions merged): errors as line and message, findings. */
function scanCases(text: string) {
  const dir = mkdtempSync(join(tmpdir(), 'parapet-trust-'));
  writeFileSync(join(dir, 'template.yaml'), text);
  const result = scan([dir], {
    checks: [check],
    config: EMPTY_CONFIG,
    cwd: dir,
    scanDate: new Date('2026-11-25'),
    includePassed: true,
  });
  return {
    errors: result.errors.map((e) => `${e.line} ${e.message}`),
    findings: result.findings.map((f) => [f.status, f.message]),
  };
}

describe('a trust policy whose Principal an Fn::If may remove (AWS::NoValue)', () => {
  const ifPrincipal = `          - Effect: Allow
            Principal: !If [IsProd, { Service: lambda.amazonaws.com }, !Ref AWS::NoValue]
            Action: sts:AssumeRole
`;
  const withEnv = (env: string) =>
    trusting(
      ifPrincipal,
      '',
      `Parameters:\n  Env: ${env}\nConditions:\n  IsProd: !Equals [!Ref Env, prod]\n`,
    );
  const LEFT_OUT = `AppRole: AssumeRolePolicyDocument, Statement[0] has no Principal (an Fn::If gives AWS::NoValue): ${REJECTS}.`;

  it('is an error when the defaults leave it out, and who may assume the role is unknown (not a principal misread)', () => {
    const { errors, findings } = scanCases(withEnv('{ Type: String, Default: dev }'));
    expect(errors).toEqual([
      `12 ${LEFT_OUT} Only when condition IsProd does not hold, as with the parameters' defaults.`,
    ]);
    expect(findings).toEqual([
      [
        'unknown',
        'Cannot tell who may assume the role of Fn: policy cannot be read: IAM rejects it ' +
          '(Statement[0] has no Principal; see the scan error).',
      ],
    ]);
  });

  it('is an error when the condition is not known before deploy, and the check is unknown', () => {
    const { errors, findings } = scanCases(withEnv('{ Type: String }'));
    expect(errors).toEqual([`12 ${LEFT_OUT} Only when condition IsProd does not hold.`]);
    expect(findings.map(([status]) => status)).toEqual(['unknown']);
  });

  it('holds with the defaults: the check passes, and the error says a deploy that overrides them fails', () => {
    const { errors, findings } = scanCases(withEnv('{ Type: String, Default: prod }'));
    expect(errors).toEqual([
      `12 ${LEFT_OUT} Only when condition IsProd does not hold (Env other than its default prod).`,
    ]);
    expect(findings).toEqual([['pass', expect.any(String)]]);
  });

  it('written as !Ref AWS::NoValue, it is missing in every deploy, and said so', () => {
    const scan = scanTemplate(
      trusting(`          - { Effect: Allow, Principal: !Ref AWS::NoValue, Action: sts:AssumeRole }\n`),
      check,
    );
    expect(located(scan)).toEqual([
      `8 AppRole: AssumeRolePolicyDocument, Statement[0] has no Principal (!Ref AWS::NoValue removes it): ${REJECTS}`,
    ]);
    expect(statuses(scan)).toEqual(['unknown']);
  });
});
