// biome-ignore-all lint/suspicious/noTemplateCurlyInString: CloudFormation `${...}` templates are the subject of these tests
import { describe, expect, it } from 'vitest';
import { fingerprint } from '../../../src/findings/fingerprint.js';
import { scanTemplateFile } from '../../helpers/scan-file.js';

// A principal of a trust policy is told apart by where it is written when a parameter or a condition makes it:
// the account it names differs between the cases of a condition (the principal that fails in both must be one
// finding, not a failure and an unknown) and with `-p` (code scanning must see the same alert).

const CHECK = 'iam.role-trust-beyond-lambda';

/**
 * A role trusting these statements (YAML at 10 spaces, each `- `), run by a function; parameters `Env` (decides
 * IsProd by its default) and `extra` ones.
 */
function trustTemplate(statements: string, extra = ''): string {
  return `Parameters:
  Env: { Type: String, Default: prod }
${extra}Conditions:
  IsProd: !Equals [!Ref Env, prod]
Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
${statements}
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Role: !GetAtt Role.Arn
      Runtime: python3.12
      Handler: index.handler
      Code: { ZipFile: "def handler(e, c): pass" }
`;
}

/** An Allow sts:AssumeRole statement for these AWS principals (a YAML value). */
function assume(aws: string): string {
  return `          - Effect: Allow
            Principal: { AWS: ${aws} }
            Action: sts:AssumeRole
`;
}

const LAMBDA = `          - Effect: Allow
            Principal: { Service: lambda.amazonaws.com }
            Action: sts:AssumeRole
`;

const scanText = (text: string, parameters?: Record<string, string>) =>
  scanTemplateFile(text, CHECK, parameters);

const statuses = (result: ReturnType<typeof scanText>) =>
  result.findings.map((f) => [f.resource.id, f.status, f.message.slice(0, 65)]);

describe('a trusted account made from a parameter', () => {
  const ACCOUNT = '  TrustedAccount: { Type: String, Default: "111111111111" }\n';

  it.each([
    ['!Sub "arn:aws:iam::${TrustedAccount}:root"', 'arn:aws:iam::222222222222:root'],
    ['!Ref TrustedAccount', '222222222222'],
  ])('keeps its fingerprint when -p names another account (%s)', (principal, shown) => {
    const text = trustTemplate(LAMBDA + assume(principal), ACCOUNT);
    const byDefault = scanText(text).findings;
    const other = scanText(text, { TrustedAccount: '222222222222' }).findings;
    expect([...byDefault, ...other].map((f) => f.status)).toEqual(['fail', 'fail']);
    expect(other[0]?.message).toContain(`account 222222222222 (${shown})`);
    expect(other[0]?.fingerprint).toBe(byDefault[0]?.fingerprint);
  });

  it('keeps its fingerprint from unknown (no default) to failed (-p gives the account)', () => {
    const text = trustTemplate(
      LAMBDA + assume('!Ref TrustedAccount'),
      '  TrustedAccount: { Type: String }\n',
    );
    const unseen = scanText(text).findings;
    const given = scanText(text, { TrustedAccount: '222222222222' }).findings;
    expect([...unseen, ...given].map((f) => f.status)).toEqual(['unknown', 'fail']);
    expect(given[0]?.fingerprint).toBe(unseen[0]?.fingerprint);
  });

  it('is told apart from another such account of the role: one finding each', () => {
    const accounts = `${ACCOUNT}  AuditAccount: { Type: String, Default: "333333333333" }\n`;
    const text = trustTemplate(assume('[!Ref TrustedAccount, !Ref AuditAccount]') + LAMBDA, accounts);
    const result = scanText(text);
    expect(statuses(result).sort()).toEqual([
      ['Role', 'fail', 'Besides Lambda, account 111111111111 (111111111111) can assume th'],
      ['Role', 'fail', 'Besides Lambda, account 333333333333 (333333333333) can assume th'],
    ]);
    expect(new Set(result.findings.map((f) => f.fingerprint)).size).toBe(2);
    // In two statements, each from a parameter, likewise.
    const apart = scanText(
      trustTemplate(assume('!Ref TrustedAccount') + assume('!Ref AuditAccount'), accounts),
    );
    expect(new Set(apart.findings.map((f) => f.fingerprint)).size).toBe(2);
  });

  it('is one finding where two statements name the same account (the first one)', () => {
    const text = trustTemplate(assume('!Ref TrustedAccount') + assume('!Ref TrustedAccount'), ACCOUNT);
    const result = scanText(text);
    expect(result.findings.map((f) => [f.status, f.location.line])).toEqual([['fail', 12]]);
  });
});

describe('a trusted account a condition chooses', () => {
  it('fails once where it is another account in every case (the defaults decide the condition)', () => {
    const result = scanText(trustTemplate(LAMBDA + assume('!If [IsProd, "111111111111", "222222222222"]')));
    expect(statuses(result)).toEqual([
      ['Role', 'fail', 'Besides Lambda, account 111111111111 (111111111111) can assume th'],
    ]);
  });

  it('keeps its fingerprint when -p takes the other case', () => {
    const text = trustTemplate(LAMBDA + assume('!If [IsProd, "111111111111", "222222222222"]'));
    const prod = scanText(text).findings;
    const dev = scanText(text, { Env: 'dev' }).findings;
    expect(dev.map((f) => [f.status, f.message.slice(0, 36)])).toEqual([
      ['fail', 'Besides Lambda, account 222222222222'],
    ]);
    expect(dev[0]?.fingerprint).toBe(prod[0]?.fingerprint);
  });
});

describe('a principal written as fixed text', () => {
  // What the fingerprint of the role's finding on principal `key` (the check's key before place keys) is.
  const keyed = (key: string) => fingerprint([CHECK, 'template.yaml', 'Role', '', key]);

  it('keeps the fingerprint of its value, wherever it is listed', () => {
    const text = trustTemplate(
      LAMBDA + assume('["111111111111", !Sub "arn:aws:iam::${AWS::AccountId}:root"]'),
    );
    const result = scanText(text);
    expect(result.findings.map((f) => [f.status, f.fingerprint])).toEqual([
      ['fail', keyed('AWS:111111111111')],
      ['fail', keyed('AWS:arn:aws:iam::${AWS::AccountId}:root')],
    ]);
  });

  it('keeps the fingerprint of a service principal and of a role of the template', () => {
    const other = `  Other:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: { Statement: [] }
`;
    const text = trustTemplate(
      `${LAMBDA}          - Effect: Allow
            Principal: { Service: ec2.amazonaws.com, AWS: !GetAtt Other.Arn }
            Action: sts:AssumeRole
`,
    ).replace('Resources:\n', `Resources:\n${other}`);
    const result = scanText(text);
    expect(result.findings.map((f) => [f.status, f.fingerprint])).toEqual([
      ['fail', keyed('AWS:${Other.Arn}')],
      ['fail', keyed('Service:ec2.amazonaws.com')],
    ]);
  });
});
