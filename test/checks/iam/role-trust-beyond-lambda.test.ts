import { describe, expect, it } from 'vitest';
import check from '../../../src/checks/iam/role-trust-beyond-lambda.js';
import { scanTemplate, template } from '../../helpers/scan-template.js';
import { fn, role, sam, samFn } from './fixtures.js';

/** A trust policy with one Allow sts:AssumeRole statement for this principal block (YAML flow mapping). */
const trust = (principal: string, extra = '') => `      AssumeRolePolicyDocument:
        Statement:
          - Effect: Allow
            Principal: ${principal}
            Action: sts:AssumeRole
${extra}`;

const used = (trustPolicy: string, extra = '') =>
  template(role('AppRole', '', trustPolicy) + fn('Fn', '!GetAtt AppRole.Arn'), extra);

describe('iam.role-trust-beyond-lambda', () => {
  it('fails another service principal (medium) and points at the statement', () => {
    const { failed, errors } = scanTemplate(
      used(trust('{ Service: [lambda.amazonaws.com, ec2.amazonaws.com] }')),
      check,
    );
    expect(errors).toEqual([]);
    expect(failed).toHaveLength(1);
    expect(failed[0]?.resource.id).toBe('AppRole');
    expect(failed[0]?.severity).toBe('medium');
    expect(failed[0]?.message).toBe(
      'Besides Lambda, the service ec2.amazonaws.com can assume the execution role of Fn, and act with its permissions.',
    );
    expect(failed[0]?.location).toEqual({ file: 'template.yaml', line: 8, column: 13 });
  });

  it('raises another account and everyone to high; an account trusted in the settings stays medium', () => {
    const principals = "{ AWS: ['arn:aws:iam::111122223333:root', '*'], Service: lambda.amazonaws.com }";
    const { failed } = scanTemplate(used(trust(principals)), check);
    expect(failed.map((f) => [f.severity, f.message])).toEqual([
      [
        'high',
        'Besides Lambda, account 111122223333 (arn:aws:iam::111122223333:root) can assume the execution role of Fn, and act with its permissions.',
      ],
      [
        'high',
        'Besides Lambda, anyone (*) can assume the execution role of Fn, and act with its permissions.',
      ],
    ]);
    const trusted = scanTemplate(used(trust(principals)), check, {
      settings: { trustedAccounts: ['111122223333'] },
    });
    expect(trusted.failed.map((f) => f.severity)).toEqual(['medium', 'high']);
  });

  it('is unknown for an Allow with NotPrincipal: IAM refuses a NotPrincipal in a trust policy (a scan error)', () => {
    const notPrincipal = `      AssumeRolePolicyDocument:
        Statement:
          - Effect: Allow
            NotPrincipal: { Service: lambda.amazonaws.com }
            Action: sts:AssumeRole
`;
    const { failed, unknown, errors } = scanTemplate(used(notPrincipal), check);
    expect(failed).toEqual([]);
    expect(unknown).toHaveLength(1);
    expect(errors.map((e) => e.message)).toEqual([expect.stringContaining('has NotPrincipal')]);
  });

  it('keeps the own account (${AWS::AccountId}) medium and names the restricting conditions', () => {
    const { failed } = scanTemplate(
      used(
        trust(
          "{ AWS: !Sub 'arn:aws:iam::${AWS::AccountId}:root' }",
          `            Condition:
              StringEquals: { aws:SourceAccount: '111122223333' }
`,
        ),
      ),
      check,
    );
    expect(failed).toHaveLength(1);
    expect(failed[0]?.severity).toBe('medium');
    expect(failed[0]?.message).toContain('(this account)');
    expect(failed[0]?.message).toContain('restricted by');
  });

  it('passes Lambda and Lambda@Edge', () => {
    const { failed, passed } = scanTemplate(
      used(trust('{ Service: [lambda.amazonaws.com, edgelambda.amazonaws.com] }')),
      check,
    );
    expect(failed).toEqual([]);
    expect(passed.map((f) => f.message)).toEqual(['only Lambda can assume the role']);
  });

  it('is unknown when a principal comes from a parameter without default', () => {
    const { failed, unknown } = scanTemplate(
      used(
        trust('{ Service: lambda.amazonaws.com, AWS: !Ref CiRoleArn }'),
        'Parameters:\n  CiRoleArn: { Type: String }\n',
      ),
      check,
    );
    expect(failed).toEqual([]);
    expect(unknown).toHaveLength(1);
    expect(unknown[0]?.message).toContain('Cannot tell who may assume the role of Fn');
  });

  it('does not evaluate a role no function of the template runs as', () => {
    const { findings } = scanTemplate(
      template(role('Spare', '', trust('{ Service: [lambda.amazonaws.com, ec2.amazonaws.com] }'))),
      check,
    );
    expect(findings).toEqual([]);
  });

  it('reports a SAM AssumeRolePolicyDocument on the SAM function', () => {
    const { failed, passed } = scanTemplate(
      sam(
        samFn(
          'Orders',
          `      AssumeRolePolicyDocument:
        Statement:
          - Effect: Allow
            Principal: { Service: [lambda.amazonaws.com, states.amazonaws.com] }
            Action: sts:AssumeRole
`,
        ) + samFn('Health'),
      ),
      check,
    );
    expect(failed.map((f) => [f.resource.id, f.resource.generated?.id, f.location.line])).toEqual([
      ['Orders', 'OrdersRole', 12],
    ]);
    expect(failed[0]?.message).toContain('states.amazonaws.com');
    expect(passed.map((f) => f.resource.id)).toEqual(['Health']);
  });
});

describe('iam.role-trust-beyond-lambda in the isolated partitions', () => {
  it("passes Lambda as each partition spells it, and names another partition's service as written", () => {
    const iso = scanTemplate(
      used(trust('{ Service: [lambda.c2s.ic.gov, edgelambda.csp.hci.ic.gov] }')),
      check,
    );
    expect([iso.failed, iso.unknown, iso.errors]).toEqual([[], [], []]);
    const { failed } = scanTemplate(
      used(trust('{ Service: [lambda.sc2s.sgov.gov, ec2.sc2s.sgov.gov] }')),
      check,
    );
    expect(failed.map((f) => f.message)).toEqual([
      'Besides Lambda, the service ec2.sc2s.sgov.gov can assume the execution role of Fn, and act with its permissions.',
    ]);
  });
});
