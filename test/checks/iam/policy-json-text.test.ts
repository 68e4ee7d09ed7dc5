import { describe, expect, it } from 'vitest';
import passRole from '../../../src/checks/iam/role-passrole-wildcard.js';
import trustBeyondLambda from '../../../src/checks/iam/role-trust-beyond-lambda.js';
import wildcardAction from '../../../src/checks/iam/role-wildcard-action.js';
import wildcardRead from '../../../src/checks/iam/role-wildcard-resource-read.js';
import type { AttachedPolicy, IamRole, PolicyDocument, Statement } from '../../../src/model/iam.js';
import type { FileSource } from '../../../src/model/source.js';
import { scanTemplate, template } from '../../helpers/scan-template.js';
import { appRole, fn, role } from './fixtures.js';

/** One inline policy `app` whose PolicyDocument is `text` (a YAML value: a block or a quoted JSON string). */
const inlineText = (text: string) => `      Policies:
        - PolicyName: app
          PolicyDocument: ${text}
`;

const ADMIN = `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}`;

const shown = (findings: readonly { checkId: string; message: string; location: { line?: number } }[]) =>
  findings.map((f) => [f.checkId, f.message, f.location.line]);

describe('policy documents given as JSON text (CloudFormation Json properties)', () => {
  it('reads an inline policy written as a YAML block of JSON: its statement fails where the block writes it', () => {
    const { failed, errors } = scanTemplate(appRole(inlineText(`|\n            ${ADMIN}`)), wildcardAction);
    expect(errors).toEqual([]);
    expect(shown(failed)).toEqual([
      [
        'iam.role-wildcard-action',
        'inline policy app, Statement[0]: Allow grants every action ("*") on every resource: the role is an administrator.',
        14,
      ],
    ]);
    // `{"Effect"` of the statement, after the block's indent and `{"Version": "2012-10-17", "Statement": [`.
    expect(failed[0]?.location.column).toBe(13 + ADMIN.indexOf('{"Effect"'));
  });

  it('points at each statement of a block at its own line and column, and at its elements', () => {
    const text = `|-
            {
              "Statement": [
                {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"},
                {"Effect": "Allow",
                 "Action": "secretsmanager:GetSecretValue", "Resource": "*"}]
            }`;
    const { failed, inventory } = scanTemplate(appRole(inlineText(text)), wildcardRead);
    expect(failed.map((f) => [f.message, f.location.line, f.location.column])).toEqual([
      [
        'inline policy app, Statement[0]: Allow grants sensitive reads ("s3:GetObject") on every resource.',
        16,
        17,
      ],
      [
        'inline policy app, Statement[1]: Allow grants sensitive reads ("secretsmanager:GetSecretValue") on every resource.',
        17,
        17,
      ],
    ]);
    // An element of a statement is located at its key, inside the text.
    const role = inventory.resolve('AppRole', 'iam.role') as IamRole;
    const [policy] = role.inlinePolicies as readonly [AttachedPolicy];
    const statements = (policy.document as PolicyDocument).statements as readonly Statement[];
    const where = statements[1]?.source as FileSource;
    expect(where.locator.locate(where.node, 'Resource')).toEqual({ line: 18, column: 61 });
    expect(where.locator.locate(where.node, 'Action')).toEqual({ line: 18, column: 18 });
  });

  it('points at a statement of JSON text on the key’s line, plain or quoted, where the file writes it as is', () => {
    for (const [value, column] of [
      [`'${ADMIN}'`, 28],
      [ADMIN, 27],
    ] as const) {
      const { failed } = scanTemplate(appRole(inlineText(value)), wildcardAction);
      expect(
        failed.map((f) => [f.location.line, f.location.column]),
        value,
      ).toEqual([[13, column + ADMIN.indexOf('{"Effect"')]]);
    }
  });

  it('points at the property where the file does not write the text as is: escapes, a folded block', () => {
    const escaped = JSON.stringify(ADMIN);
    const folded = `>\n            ${ADMIN}`;
    for (const value of [escaped, folded]) {
      const { failed } = scanTemplate(appRole(inlineText(value)), wildcardAction);
      expect(
        failed.map((f) => [f.location.line, f.location.column]),
        value,
      ).toEqual([[13, 11]]);
    }
  });

  it('reads AWS::IAM::Policy and AWS::IAM::ManagedPolicy documents given as quoted JSON text', () => {
    const passRoleText = `'{"Statement":[{"Effect":"Allow","Action":"iam:PassRole","Resource":"*"}]}'`;
    const resources = `  Pol:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: p
      Roles: [!Ref AppRole]
      PolicyDocument: ${passRoleText}
  Managed:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument: ${passRoleText}
`;
    const { failed, errors } = scanTemplate(
      appRole('      ManagedPolicyArns: [!Ref Managed]\n', '') + resources,
      passRole,
    );
    expect(errors).toEqual([]);
    expect(shown(failed)).toEqual([
      [
        'iam.role-passrole-wildcard',
        'policy Pol, Statement[0]: Allow grants iam:PassRole on every role ("*"), so the function can hand any role to a new function or instance.',
        24,
      ],
      [
        'iam.role-passrole-wildcard',
        'managed policy Managed, Statement[0]: Allow grants iam:PassRole on every role ("*"), so the function can hand any role to a new function or instance.',
        28,
      ],
    ]);
  });

  it('keeps the statements of one text apart: an administrator statement does not hide the one after it', () => {
    // iam.role-wildcard-resource-read leaves `"*"` on every resource to iam.role-wildcard-action, by where it is written.
    const text = `'{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"},{"Effect":"Allow","Action":"secretsmanager:GetSecretValue","Resource":"*"}]}'`;
    const { failed } = scanTemplate(appRole(inlineText(text)), wildcardRead);
    expect(shown(failed)).toEqual([
      [
        'iam.role-wildcard-resource-read',
        'inline policy app, Statement[1]: Allow grants sensitive reads ("secretsmanager:GetSecretValue") on every resource.',
        13,
      ],
    ]);
  });

  it('reads a trust policy given as JSON text, as awsdocs function-inline.yml writes it', () => {
    const trust = (principal: string) => `      AssumeRolePolicyDocument: |
        {"Statement": [{"Effect": "Allow", "Principal": ${principal}, "Action": ["sts:AssumeRole"]}]}
`;
    const used = (principal: string) =>
      template(role('AppRole', '', trust(principal)) + fn('Fn', '!GetAtt AppRole.Arn'));
    const lambdaOnly = scanTemplate(used('{"Service": ["lambda.amazonaws.com"]}'), trustBeyondLambda);
    expect(lambdaOnly.passed.map((f) => f.message)).toEqual(['only Lambda can assume the role']);
    const everyone = scanTemplate(used('"*"'), trustBeyondLambda);
    expect(shown(everyone.failed)).toEqual([
      [
        'iam.role-trust-beyond-lambda',
        'Besides Lambda, anyone (*) can assume the execution role of Fn, and act with its permissions.',
        7,
      ],
    ]);
  });

  it('reads the text of a JSON template, and text an !Sub makes whole', () => {
    const json = JSON.stringify(
      {
        Resources: {
          AppRole: {
            Type: 'AWS::IAM::Role',
            Properties: {
              AssumeRolePolicyDocument: {
                Statement: [
                  {
                    Effect: 'Allow',
                    Principal: { Service: 'lambda.amazonaws.com' },
                    Action: 'sts:AssumeRole',
                  },
                ],
              },
              Policies: [{ PolicyName: 'app', PolicyDocument: ADMIN }],
            },
          },
          Fn: {
            Type: 'AWS::Lambda::Function',
            Properties: {
              Runtime: 'python3.12',
              Handler: 'app.handler',
              Role: { 'Fn::GetAtt': ['AppRole', 'Arn'] },
              Code: { ZipFile: 'x' },
            },
          },
        },
      },
      null,
      2,
    );
    expect(shown(scanTemplate(json, wildcardAction).failed)).toEqual([
      [
        'iam.role-wildcard-action',
        'inline policy app, Statement[0]: Allow grants every action ("*") on every resource: the role is an administrator.',
        20,
      ],
    ]);
    const sub = scanTemplate(appRole(inlineText(`!Sub '${ADMIN}'`)), wildcardAction);
    expect(sub.failed.map((f) => f.location.line)).toEqual([13]);
  });

  it('reads the text Fn::ToJsonString makes of a mapping (AWS::LanguageExtensions)', () => {
    const text = appRole(
      inlineText(`
            Fn::ToJsonString:
              Statement: [{Effect: Allow, Action: '*', Resource: '*'}]`),
      'Transform: AWS::LanguageExtensions\n',
    );
    const { failed, errors } = scanTemplate(text, wildcardAction);
    expect(errors).toEqual([]);
    expect(failed.map((f) => [f.message, f.location.line])).toEqual([
      [
        'inline policy app, Statement[0]: Allow grants every action ("*") on every resource: the role is an administrator.',
        14,
      ],
    ]);
  });

  // A policy that cannot be read is pointed at where it is given (the Policies entry), as any other.
  it('is unknown, saying where the text is not JSON, when it is not', () => {
    const { unknown, errors } = scanTemplate(
      appRole(inlineText(`'{"Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}}'`)),
      wildcardAction,
    );
    expect(errors).toEqual([]);
    expect(shown(unknown)).toEqual([
      [
        'iam.role-wildcard-action',
        'Cannot tell whether inline policy app allows wildcard actions: policy cannot be read: the PolicyDocument text is not JSON Parapet can read (unexpected "}" at line 1, column 67 of it).',
        12,
      ],
    ]);
  });

  it('reads !Sub text whose placeholders sit in strings, each string as !Sub of it: a Resource', () => {
    const text = `!Sub '{"Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:\${AWS::Partition}:s3:::*"}]}'`;
    const { failed, errors } = scanTemplate(appRole(inlineText(text)), wildcardRead);
    expect(errors).toEqual([]);
    expect(shown(failed)).toEqual([
      [
        'iam.role-wildcard-resource-read',
        'inline policy app, Statement[0]: Allow grants sensitive reads ("s3:GetObject") on every object in every S3 bucket ("arn:${AWS::Partition}:s3:::*").',
        13,
      ],
    ]);
  });

  it('reads !Sub text whose placeholders sit in strings, each string as !Sub of it: an Action', () => {
    const text = `!Sub '{"Statement":[{"Effect":"Allow","Action":"\${Action}","Resource":"*"}]}'`;
    const { unknown, errors } = scanTemplate(
      appRole(inlineText(text), 'Parameters:\n  Action:\n    Type: String\n'),
      wildcardAction,
    );
    expect(errors).toEqual([]);
    expect(shown(unknown)).toEqual([
      [
        'iam.role-wildcard-action',
        'inline policy app, Statement[0] may grant every action ("${Action}"): the Action is not known before deploy (from parameter Action, which has no default).',
        16,
      ],
    ]);
  });

  it('tells a name the !Sub text does not define once, where the whole text is resolved', () => {
    const text = `!Sub '{"Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::\${Nope}/*"}]}'`;
    const { errors } = scanTemplate(appRole(inlineText(text)), wildcardRead);
    expect(errors.map((e) => [e.line, e.message])).toEqual([
      [13, expect.stringContaining('${Nope} in Fn::Sub')],
    ]);
  });

  it('is unknown when a placeholder of the !Sub text stands outside a string, or in a key', () => {
    const parameters = 'Parameters:\n  Arns:\n    Type: String\n';
    for (const [document, shape] of [
      ['{"Statement":[{"Effect":"Allow","Action":"*","Resource":${Arns}}]}', 'a whole value'],
      [
        '{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"Bool":{"${Arns}":"true"}}}]}',
        'a key',
      ],
    ]) {
      const { unknown } = scanTemplate(appRole(inlineText(`!Sub '${document}'`), parameters), wildcardAction);
      expect(shown(unknown), shape).toEqual([
        [
          'iam.role-wildcard-action',
          'Cannot tell whether inline policy app allows wildcard actions: policy cannot be read: the PolicyDocument text is JSON that Fn::Sub builds of values not known before deploy (from parameter Arns, which has no default).',
          15,
        ],
      ]);
    }
  });

  it('reads {"Ref": ...} inside the text as written, not as the Ref: that statement is unknown, saying why', () => {
    // The parameter's default is "*": read as the Ref, the first statement would fail on every resource.
    const text = `|
            {"Statement": [
              {"Effect": "Allow", "Action": "s3:GetObject", "Resource": {"Ref": "Bucket"}},
              {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}`;
    const { findings, errors } = scanTemplate(
      appRole(inlineText(text), "Parameters:\n  Bucket: { Type: String, Default: '*' }\n"),
      wildcardRead,
    );
    expect(errors).toEqual([]);
    expect(findings.map((f) => [f.status, f.message])).toEqual([
      [
        'unknown',
        'inline policy app, Statement[0] may grant sensitive reads ("s3:GetObject") on every resource: the Resource ' +
          'is not known before deploy (the PolicyDocument text holds {"Ref": "Bucket"} as text: CloudFormation ' +
          'resolves no intrinsic function inside a string, and IAM refuses a map where it takes a string).',
      ],
      [
        'fail',
        'inline policy app, Statement[1]: Allow grants sensitive reads ("s3:GetObject") on every resource.',
      ],
    ]);
  });

  it('reads any intrinsic inside the text as written, naming it without its arguments; other maps as IAM does', () => {
    const text = `'{"Statement": [{"Effect": "Allow", "Action": {"Fn::Join": ["", ["s3:", "*"]]}, "Resource": "*"}, {"Effect": "Allow", "Action": "sqs:*", "Resource": "*", "Condition": {"StringEquals": {"aws:SourceVpce": "vpce-1"}}}]}'`;
    const { findings, errors } = scanTemplate(appRole(inlineText(text)), wildcardAction);
    expect(errors).toEqual([]);
    expect(findings.map((f) => [f.status, f.message])).toEqual([
      [
        'unknown',
        'inline policy app, Statement[0] may grant every action: the Action is not known before deploy (the ' +
          'PolicyDocument text holds {"Fn::Join": ...} as text: CloudFormation resolves no intrinsic function inside ' +
          'a string, and IAM refuses a map where it takes a string).',
      ],
      [
        'fail',
        'inline policy app, Statement[1]: Allow grants every sqs action ("sqs:*") (with conditions it does not ' +
          'weigh: StringEquals aws:SourceVpce).',
      ],
    ]);
  });

  it('checks the grammar of a statement in the text, and reports what IAM rejects at the PolicyDocument', () => {
    const text = `'{"Statement":[{"Effect":"Allow","Actions":"s3:GetObject","Resource":"*"}]}'`;
    const { errors } = scanTemplate(appRole(inlineText(text)), wildcardAction);
    expect(errors.map((e) => [e.line, e.message])).toEqual([
      [
        13,
        'AppRole: inline policy app, Statement[0] has Actions, which is not an element of an IAM policy statement (did you mean Action?): IAM rejects the policy (MalformedPolicyDocument: "Unknown field Actions") and the stack fails to deploy',
      ],
    ]);
  });

  it('a trust policy text that is not JSON leaves who may assume the role unknown', () => {
    const { unknown } = scanTemplate(
      template(
        role('AppRole', '', '      AssumeRolePolicyDocument: \'{"Statement": [\'\n') +
          fn('Fn', '!GetAtt AppRole.Arn'),
      ),
      trustBeyondLambda,
    );
    // Pointed at the role, as for any trust policy that cannot be read.
    expect(shown(unknown)).toEqual([
      [
        'iam.role-trust-beyond-lambda',
        'Cannot tell who may assume the role of Fn: policy cannot be read: the AssumeRolePolicyDocument text is not JSON Parapet can read (unexpected end of file at line 1, column 16 of it).',
        3,
      ],
    ]);
  });
  it('leaves text nested deeper than Parapet reads unknown, a scan error at the PolicyDocument naming the role', () => {
    const deep = `${'['.repeat(300)}${']'.repeat(300)}`;
    const text = `'{"Statement":[{"Effect":"Allow","Action":"*","Resource":${deep}}]}'`;
    const { unknown, errors } = scanTemplate(appRole(inlineText(text)), wildcardAction);
    expect(errors.map((e) => [e.kind, e.resource, e.line, e.message])).toEqual([
      [
        'parse',
        'AppRole',
        13,
        'AppRole: PolicyDocument is JSON text that nests maps and lists deeper than 200 levels (Statement.0.Resource.0.0.0...), which Parapet does not read: it is taken as not known',
      ],
    ]);
    expect(unknown.map((f) => f.message)).toEqual([
      'Cannot tell whether inline policy app allows wildcard actions: policy cannot be read: PolicyDocument nests deeper than 200 levels, which Parapet does not read.',
    ]);
  });
});
