import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import confusedDeputy from '../../../src/checks/lambda/permission-confused-deputy.js';
import publicInvoke from '../../../src/checks/lambda/permission-public-invoke.js';
import { scanCdkOut } from '../../helpers/cdk-out.js';
import { scanTemplate } from '../../helpers/scan-template.js';
import { permissionTemplate } from '../../helpers/templates.js';

// An empty SourceAccount or SourceArn names no source: the deploy may fail on it, or CloudFormation may drop it and
// leave Principal `*` granted to every account. Was: both checks passed it as "pinned".

const EMPTY_ACCOUNT =
  'its SourceAccount is empty, which names no account: the deploy may fail on it, or CloudFormation may drop it and grant the function to every AWS account';
const EMPTY_ARN =
  'its SourceArn is empty, which names no resource: the deploy may fail on it, or CloudFormation may drop it and grant the function to every AWS account';

const outcomes = (text: string) =>
  [publicInvoke, confusedDeputy].map((check) => {
    const { passed, failed, unknown } = scanTemplate(text, check);
    return [
      ...passed.map((f) => ['pass', f.message]),
      ...failed.map((f) => ['fail', f.message]),
      ...unknown.map((f) => ['unknown', f.property, f.message]),
    ];
  });

describe('a permission for * with an empty SourceAccount or SourceArn', () => {
  it('is unknown in public-invoke and confused-deputy, at the empty property', () => {
    expect(outcomes(permissionTemplate("'*'", "      SourceAccount: ''\n"))).toEqual([
      [
        [
          'unknown',
          'SourceAccount',
          `Cannot tell whether anyone can call lambda:InvokeFunction: ${EMPTY_ACCOUNT}.`,
        ],
      ],
      [['unknown', 'SourceAccount', `Cannot tell whether * is pinned to a source: ${EMPTY_ACCOUNT}.`]],
    ]);
    expect(outcomes(permissionTemplate("'*'", "      SourceArn: ''\n"))).toEqual([
      [['unknown', 'SourceArn', `Cannot tell whether anyone can call lambda:InvokeFunction: ${EMPTY_ARN}.`]],
      [['unknown', 'SourceArn', `Cannot tell whether * is pinned to a source: ${EMPTY_ARN}.`]],
    ]);
  });

  it('still passes a written source, and still fails none', () => {
    const [invoke, deputy] = outcomes(
      permissionTemplate("'*'", '      SourceAccount: !Ref AWS::AccountId\n'),
    );
    expect(invoke?.map((o) => o[0])).toEqual(['pass']);
    expect(deputy).toEqual([
      ['pass', '* (its SourceAccount admits only AWS services) is pinned to a source'],
    ]);
    expect(outcomes(permissionTemplate("'*'"))[0]?.map((o) => o[0])).toEqual(['fail']);
  });

  it('names the empty SourceAccount of a service principal, not a value unknown before deploy', () => {
    const { unknown } = scanTemplate(
      permissionTemplate('s3.amazonaws.com', "      SourceAccount: ''\n"),
      confusedDeputy,
    );
    expect(unknown.map((f) => [f.property, f.message])).toEqual([
      [
        'SourceAccount',
        `Cannot tell whether s3.amazonaws.com is pinned to a source: SourceAccount is not known before deploy (${EMPTY_ACCOUNT}).`,
      ],
    ]);
  });

  it('given empty by a parent stack: unknown, naming the parent parameter', () => {
    const dir = mkdtempSync(join(tmpdir(), 'parapet-empty-source-'));
    writeFileSync(
      join(dir, 'parent.yaml'),
      `Resources:
  Child:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: ./child.yaml
      Parameters:
        SourceAcct: ''
`,
    );
    writeFileSync(
      join(dir, 'child.yaml'),
      `Parameters:
  SourceAcct: { Type: String, Default: '123456789012' }
Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: python3.12
      Handler: index.h
      Role: arn:aws:iam::123456789012:role/r
      Code: { ZipFile: 'x' }
  Perm:
    Type: AWS::Lambda::Permission
    Properties:
      FunctionName: !Ref Fn
      Action: lambda:InvokeFunction
      Principal: '*'
      SourceAccount: !Ref SourceAcct
`,
    );
    const { result } = scanCdkOut(dir);
    expect(result.errors).toEqual([]);
    const found = result.findings
      .filter((f) => f.checkId === publicInvoke.id || f.checkId === confusedDeputy.id)
      .map((f) => [f.checkId, f.status, f.property, f.message.includes(EMPTY_ACCOUNT), f.assumptions]);
    const given = ['parameter SourceAcct is given by the parent stack parent.yaml (resource Child)'];
    expect(found.sort()).toEqual([
      [confusedDeputy.id, 'unknown', 'SourceAccount', true, given],
      [publicInvoke.id, 'unknown', 'SourceAccount', true, given],
    ]);
  });
});
