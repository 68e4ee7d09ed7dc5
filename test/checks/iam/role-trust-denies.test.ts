import { describe, expect, it } from 'vitest';
import check from '../../../src/checks/iam/role-trust-beyond-lambda.js';
import { scanTemplate, template } from '../../helpers/scan-template.js';
import { fn, role } from './fixtures.js';

/** A trust policy that allows Lambda and EC2 to assume the role, then the given Deny statement (YAML, 10 spaces in). */
const trustWithDeny = (deny: string) => `      AssumeRolePolicyDocument:
        Statement:
          - Effect: Allow
            Principal: { Service: [lambda.amazonaws.com, ec2.amazonaws.com] }
            Action: sts:AssumeRole
          - Effect: Deny
${deny}`;

const scan = (deny: string, extra = '') =>
  scanTemplate(
    template(role('AppRole', '', trustWithDeny(deny)) + fn('Fn', '!GetAtt AppRole.Arn'), extra),
    check,
  );

const EC2_FAILS =
  'Besides Lambda, the service ec2.amazonaws.com can assume the execution role of Fn, and act with its permissions.';

describe('iam.role-trust-beyond-lambda weighs the Deny statements of the trust policy', () => {
  it('passes when a Deny without conditions takes back the other service (an explicit Deny overrides any Allow)', () => {
    const { failed, unknown, passed } = scan(
      '            Principal: { Service: ec2.amazonaws.com }\n            Action: sts:AssumeRole\n',
    );
    expect(failed).toEqual([]);
    expect(unknown).toEqual([]);
    expect(passed.map((f) => f.message)).toEqual(['only Lambda can assume the role']);
  });

  it('passes under a Deny of everyone and every sts action', () => {
    const everyone = scan("            Principal: '*'\n            Action: 'sts:*'\n");
    expect(everyone.failed).toEqual([]);
    expect(everyone.passed).toHaveLength(1);
  });

  it('still fails when the Deny has conditions, or denies another action or another service', () => {
    const conditional = scan(
      '            Principal: { Service: ec2.amazonaws.com }\n            Action: sts:AssumeRole\n' +
        "            Condition: { StringNotEquals: { aws:SourceAccount: '111122223333' } }\n",
    );
    expect(conditional.failed.map((f) => f.message)).toEqual([EC2_FAILS]);
    const otherAction = scan(
      '            Principal: { Service: ec2.amazonaws.com }\n            Action: sts:TagSession\n',
    );
    expect(otherAction.failed.map((f) => f.message)).toEqual([EC2_FAILS]);
    const otherService = scan(
      '            Principal: { Service: states.amazonaws.com }\n            Action: sts:AssumeRole\n',
    );
    expect(otherService.failed.map((f) => f.message)).toEqual([EC2_FAILS]);
  });

  it('takes back an account principal under a Deny of that account', () => {
    const trust = `      AssumeRolePolicyDocument:
        Statement:
          - Effect: Allow
            Principal: { Service: lambda.amazonaws.com, AWS: 'arn:aws:iam::111122223333:role/Deployer' }
            Action: sts:AssumeRole
          - Effect: Deny
            Principal: { AWS: '111122223333' }
            Action: sts:AssumeRole
`;
    const { failed, passed } = scanTemplate(
      template(role('AppRole', '', trust) + fn('Fn', '!GetAtt AppRole.Arn')),
      check,
    );
    expect(failed).toEqual([]);
    expect(passed).toHaveLength(1);
  });

  it('is unknown when the principal of the Deny is not known before deploy', () => {
    const { failed, unknown } = scan(
      '            Principal: { Service: !Ref DeniedService }\n            Action: sts:AssumeRole\n',
      'Parameters:\n  DeniedService: { Type: String }\n',
    );
    expect(failed).toEqual([]);
    expect(unknown.map((f) => f.message)).toEqual([
      'Cannot tell who may assume the role of Fn: ec2.amazonaws.com can assume the role, unless a Deny takes it back ' +
        '(whether the principals of that Deny include ec2.amazonaws.com is not known before deploy).',
    ]);
  });
});
