// biome-ignore-all lint/suspicious/noTemplateCurlyInString: CloudFormation `${...}` templates are written in these tests
import { describe, expect, it } from 'vitest';
import adminManaged from '../../../src/checks/iam/role-admin-managed-policy.js';
import sharedByFunctions from '../../../src/checks/iam/role-shared-by-functions.js';
import trustBeyondLambda from '../../../src/checks/iam/role-trust-beyond-lambda.js';
import { scanTemplate, template } from '../../helpers/scan-template.js';
import { fn, role, sam, samFn } from './fixtures.js';

const EC2_TOO = `      AssumeRolePolicyDocument:
        Statement:
          - Effect: Allow
            Principal: { Service: [lambda.amazonaws.com, ec2.amazonaws.com] }
            Action: sts:AssumeRole
`;

// Ref of an AWS::IAM::Role is its name: with the default path, `role/${FnRole}` in the deploy's account is FnRole.
describe("a function's Role written as the ARN of the template's own role, from its Ref", () => {
  const forms = [
    '!Sub arn:aws:iam::${AWS::AccountId}:role/${FnRole}',
    '!Sub arn:${AWS::Partition}:iam::${AWS::AccountId}:role/${FnRole}',
    "!Join ['', ['arn:aws:iam::', !Ref 'AWS::AccountId', ':role/', !Ref FnRole]]",
  ];

  it('is that role: its trust policy is checked, and it is no role outside the template', () => {
    for (const written of forms) {
      const checks = [trustBeyondLambda, adminManaged];
      const { failed, unknown } = scanTemplate(
        template(role('FnRole', '', EC2_TOO) + fn('Fn', written)),
        checks,
      );
      expect(unknown, written).toEqual([]);
      expect(
        failed.map((f) => [f.checkId, f.resource.id]),
        written,
      ).toEqual([['iam.role-trust-beyond-lambda', 'FnRole']]);
    }
  });

  it('is shared with a function naming it by !GetAtt', () => {
    const text = template(role('FnRole') + fn('Fn', forms[0] as string) + fn('Fn2', '!GetAtt FnRole.Arn'));
    const { failed } = scanTemplate(text, sharedByFunctions);
    expect(failed.map((f) => [f.resource.id, f.message])).toEqual([
      ['FnRole', 'The role is the execution role of 2 functions: Fn, Fn2.'],
    ]);
  });

  it('is not that role under another path, nor in a written account, which may be another', () => {
    const pathed = template(role('FnRole', '      Path: /service/\n') + fn('Fn', forms[0] as string));
    const otherAccount = template(role('FnRole') + fn('Fn', '!Sub arn:aws:iam::111122223333:role/${FnRole}'));
    for (const text of [pathed, otherAccount]) {
      const { failed, unknown } = scanTemplate(text, [sharedByFunctions, adminManaged]);
      expect(failed).toEqual([]);
      expect(unknown.map((f) => f.checkId)).toEqual(['iam.role-admin-managed-policy']);
    }
  });
});

// "`${MyResource.Arn}` ... is the same as `Fn::GetAtt`" (CloudFormation User Guide, Fn::Sub): widdix/sqs-lambda-example
// writes `Role: !Sub '${Role.Arn}'`.
describe("a function's Role written as a !Sub of the role's Arn alone", () => {
  const forms = ["!Sub '${FnRole.Arn}'", "!Sub ['${R}', { R: !GetAtt FnRole.Arn }]"];

  it('is that role: its trust policy is checked', () => {
    for (const written of forms) {
      const { failed, unknown } = scanTemplate(template(role('FnRole', '', EC2_TOO) + fn('Fn', written)), [
        trustBeyondLambda,
        adminManaged,
      ]);
      expect(unknown, written).toEqual([]);
      expect(
        failed.map((f) => [f.checkId, f.resource.id]),
        written,
      ).toEqual([['iam.role-trust-beyond-lambda', 'FnRole']]);
    }
  });

  it('is shared by two functions naming it so, SAM functions too', () => {
    const both = (written: string) => fn('Fn', written) + fn('Fn2', written);
    const samBoth = (written: string) =>
      samFn('Fn', `      Role: ${written}\n`) + samFn('Fn2', `      Role: ${written}\n`);
    for (const written of forms) {
      for (const text of [template(role('FnRole') + both(written)), sam(role('FnRole') + samBoth(written))]) {
        const { failed, passed } = scanTemplate(text, sharedByFunctions);
        expect(passed, written).toEqual([]);
        expect(
          failed.map((f) => [f.resource.id, f.message]),
          written,
        ).toEqual([['FnRole', 'The role is the execution role of 2 functions: Fn, Fn2.']]);
      }
    }
  });

  it("reads ${Stack.Outputs.RoleArn} as !GetAtt reads it: a nested stack's output, not a role of this template", () => {
    const stack = `  Roles:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: https://example.com/roles.yaml
`;
    for (const written of ["!Sub '${Roles.Outputs.RoleArn}'", '!GetAtt Roles.Outputs.RoleArn']) {
      const text = template(role('FnRole') + stack + fn('Fn', written) + fn('Fn2', '!GetAtt FnRole.Arn'));
      const { failed, passed, unknown } = scanTemplate(text, sharedByFunctions);
      expect([...failed, ...unknown], written).toEqual([]);
      expect(passed.map((f) => [f.resource.id, f.message])).toEqual([['FnRole', 'used by Fn2 only']]);
    }
  });
});
