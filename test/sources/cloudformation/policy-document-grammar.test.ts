import { describe, expect, it } from 'vitest';
import roleWildcardAction from '../../../src/checks/iam/role-wildcard-action.js';
import roleWildcardResourceWrite from '../../../src/checks/iam/role-wildcard-resource-write.js';
import { scanTemplate, template } from '../../helpers/scan-template.js';

const REJECTS = 'IAM rejects the policy (MalformedPolicyDocument) and the stack fails to deploy';
const CHECKS = [roleWildcardAction, roleWildcardResourceWrite];

/** A function whose role's inline policy `p` has `document` (YAML at 12 spaces of indent) as its PolicyDocument. */
function roleWith(document: string, extra = ''): string {
  return template(
    `  Fn:
    Type: AWS::Lambda::Function
    Properties: {Runtime: python3.12, Handler: index.handler, Role: !GetAtt Role.Arn, Code: {ZipFile: x}}
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement: [{Effect: Allow, Principal: {Service: lambda.amazonaws.com}, Action: sts:AssumeRole}]
      Policies:
        - PolicyName: p
          PolicyDocument:
${document}`,
    extra,
  );
}

const located = (scan: ReturnType<typeof scanTemplate>) => scan.errors.map((e) => `${e.line} ${e.message}`);
const statuses = (scan: ReturnType<typeof scanTemplate>) =>
  scan.findings.map((f) => `${f.checkId} ${f.status}`);

describe('policy documents IAM rejects whole: a malformed Statement or Version', () => {
  it('a Statement that is text is an error at the Statement, and the checks cannot tell what the policy grants', () => {
    const scan = scanTemplate(roleWith(`            Statement: "Allow everything"\n`), CHECKS);
    expect(located(scan)).toEqual([
      `14 Role: inline policy p has a Statement that is text, not a statement (a mapping of Effect, Action and Resource) or a list of them: ${REJECTS}`,
    ]);
    expect(statuses(scan)).toEqual([
      'iam.role-wildcard-action unknown',
      'iam.role-wildcard-resource-write unknown',
    ]);
    expect(scan.unknown[0]?.message).toBe(
      'Cannot tell whether inline policy p allows wildcard actions: policy cannot be read: IAM rejects it ' +
        '(its Statement is text, not a statement; see the scan error).',
    );
  });

  it('a statement of the list that is not a mapping is an error at that item', () => {
    const scan = scanTemplate(
      roleWith(`            Statement:
              - Test
              - {Effect: Allow, Action: 's3:GetObject', Resource: '*'}
`),
      CHECKS,
    );
    expect(located(scan)).toEqual([
      `15 Role: inline policy p, Statement[0] is text, not a statement (a mapping of Effect, Action and Resource): ${REJECTS}`,
    ]);
    expect(scan.unknown).toHaveLength(2);
    expect(scan.passed).toEqual([]);
  });

  it('a Version IAM does not know is an error at the Version, and the checks cannot tell', () => {
    const scan = scanTemplate(
      roleWith(`            Version: blah
            Statement: [{Effect: Allow, Actions: 's3:GetObject', Resource: '*'}]
`),
      CHECKS,
    );
    // The statements are still read for their own errors.
    expect(located(scan)).toEqual([
      `14 Role: inline policy p has Version blah, which IAM does not know (it takes 2012-10-17 or 2008-10-17): ${REJECTS}`,
      expect.stringMatching(/^15 Role: inline policy p, Statement\[0\] has Actions, which is not an element/),
    ]);
    expect(statuses(scan)).toEqual([
      'iam.role-wildcard-action unknown',
      'iam.role-wildcard-resource-write unknown',
    ]);
  });

  it('either Version, or none, and a single statement or a list of them, are well formed', () => {
    for (const version of ['', 'Version: 2012-10-17', "Version: '2008-10-17'"]) {
      const scan = scanTemplate(
        roleWith(`            ${version}
            Statement: {Effect: Allow, Action: '*', Resource: '*'}
`),
        CHECKS,
      );
      expect(scan.errors, version).toEqual([]);
      expect(statuses(scan), version).toEqual([
        'iam.role-wildcard-action fail',
        'iam.role-wildcard-resource-write fail',
      ]);
    }
  });

  it('a Version or statements not known before deploy are no error', () => {
    const scan = scanTemplate(
      roleWith(
        `            Version: !Ref V
            Statement:
              - !Ref S
              - {Effect: Allow, Action: 's3:GetObject', Resource: '*'}
`,
        `Parameters:
  V: {Type: String}
  S: {Type: String}
`,
      ),
      CHECKS,
    );
    expect(scan.errors).toEqual([]);
  });
});
