// biome-ignore-all lint/suspicious/noTemplateCurlyInString: CloudFormation `${...}` templates are the subject of these tests
import { describe, expect, it } from 'vitest';
import action from '../../../src/checks/iam/role-wildcard-action.js';
import read from '../../../src/checks/iam/role-wildcard-resource-read.js';
import write from '../../../src/checks/iam/role-wildcard-resource-write.js';
import { scanTemplate } from '../../helpers/scan-template.js';
import { allow, appRole, inline } from './fixtures.js';

/**
 * `?` is one character and `*` any run (IAM User Guide, "IAM JSON policy elements: Resource" and "Action"): `*` with
 * `?` beside it matches every name at least as long as its `?` are many, which for ids and action names is every one.
 */

const READ_PASS = 'no statement allows sensitive reads on every resource, or on every resource of a type';
const WRITE_PASS = 'no statement allows write actions on every resource, or on every resource of a type';
const PARAMETERS = 'Parameters:\n  Prefix: { Type: String }\n  Svc: { Type: String }\n';

/** What a check says of AppRole granting `statements` (inline policy app), as `[status, severity, message]`. */
function results(check: typeof read | typeof write | typeof action, statements: string) {
  const { failed, unknown, passed, errors } = scanTemplate(appRole(inline(statements), PARAMETERS), check);
  expect(errors).toEqual([]);
  return [...failed, ...unknown, ...passed].map((f) => [f.status, f.severity, f.message]);
}

describe('resource ids matched by `*` with `?`', () => {
  it('fails GetSecretValue on `secret:*-??????`: every secret ARN ends in a hyphen and six characters', () => {
    const granted = allow('secretsmanager:GetSecretValue', "'arn:aws:secretsmanager:*:*:secret:*-??????'");
    expect(results(read, granted)).toEqual([
      [
        'fail',
        'medium',
        'inline policy app, Statement[0]: Allow grants sensitive reads ("secretsmanager:GetSecretValue") on every ' +
          'Secrets Manager secret in every account and region ("arn:aws:secretsmanager:*:*:secret:*-??????").',
      ],
    ]);
  });

  it('fails DeleteTable and Scan on `table/?*`, and the other types on `?*` alike', () => {
    const granted = allow('[dynamodb:DeleteTable, dynamodb:Scan]', "'arn:aws:dynamodb:*:*:table/?*'");
    expect(results(write, granted)).toEqual([
      [
        'fail',
        'high',
        'inline policy app, Statement[0]: Allow grants write actions ("dynamodb:DeleteTable") on every DynamoDB table ' +
          'in every account and region ("arn:aws:dynamodb:*:*:table/?*").',
      ],
    ]);
    expect(results(read, granted)).toEqual([
      [
        'fail',
        'medium',
        'inline policy app, Statement[0]: Allow grants sensitive reads ("dynamodb:Scan") on every DynamoDB table in ' +
          'every account and region ("arn:aws:dynamodb:*:*:table/?*").',
      ],
    ]);
    const others = allow(
      '[s3:GetObject, ssm:GetParameter, lambda:UpdateFunctionCode]',
      "['arn:aws:s3:::*/?*', 'arn:aws:ssm:*:*:parameter/*?', 'arn:aws:lambda:*:*:function:?*']",
    );
    expect(results(read, others)).toEqual([
      [
        'fail',
        'medium',
        'inline policy app, Statement[0]: Allow grants sensitive reads ("s3:GetObject") on every object in every S3 ' +
          'bucket ("arn:aws:s3:::*/?*"); Allow grants sensitive reads ("ssm:GetParameter") on every SSM parameter in ' +
          'every account and region ("arn:aws:ssm:*:*:parameter/*?").',
      ],
    ]);
    expect(results(write, others)).toEqual([
      [
        'fail',
        'high',
        'inline policy app, Statement[0]: Allow grants write actions ("lambda:UpdateFunctionCode") on every Lambda ' +
          'function in every account and region ("arn:aws:lambda:*:*:function:?*").',
      ],
    ]);
  });

  it('passes `?` that names only some: a prefix, ids of one length, more `?` than the shortest id', () => {
    const granted = allow(
      '[dynamodb:DeleteTable, secretsmanager:GetSecretValue]',
      "['arn:aws:dynamodb:*:*:table/orders-?', 'arn:aws:dynamodb:*:*:table/???', 'arn:aws:dynamodb:*:*:table/????*', " +
        "'arn:aws:secretsmanager:*:*:secret:prod/*-??????', 'arn:aws:secretsmanager:*:*:secret:*-?????']",
    );
    expect(results(read, granted)).toEqual([['pass', 'medium', READ_PASS]]);
    expect(results(write, granted)).toEqual([['pass', 'high', WRITE_PASS]]);
  });

  it('is unknown where a value not known before deploy comes before `?*`', () => {
    const granted = allow('dynamodb:DeleteTable', "!Sub 'arn:aws:dynamodb:*:*:table/${Prefix}?*'");
    expect(results(write, granted)).toEqual([
      [
        'unknown',
        'high',
        'inline policy app, Statement[0] may grant write actions ("dynamodb:DeleteTable") on every DynamoDB table in ' +
          'every account and region ("arn:aws:dynamodb:*:*:table/${Prefix}?*"): the Resource is not known before ' +
          'deploy (from parameter Prefix, which has no default).',
      ],
    ]);
  });
});

describe('actions matched by `*` with `?`', () => {
  it('fails `iam:?*` as `iam:*` (critical on every resource), `s3:*?` as `s3:*`, `*:?*` and `?*` as `*`', () => {
    expect(results(action, allow("'iam:?*'", "'*'"))).toEqual([
      [
        'fail',
        'critical',
        'inline policy app, Statement[0]: Allow grants every iam action ("iam:?*"); it lets the role change its own ' +
          'permissions or boundary (iam:AttachRolePolicy, iam:DeleteRolePermissionsBoundary, ' +
          'iam:PutRolePermissionsBoundary, iam:PutRolePolicy, iam:UpdateAssumeRolePolicy): privilege escalation.',
      ],
    ]);
    expect(results(action, allow("'s3:*?'", "'arn:aws:s3:::b/*'"))).toEqual([
      ['fail', 'high', 'inline policy app, Statement[0]: Allow grants every s3 action ("s3:*?").'],
    ]);
    for (const every of ['*:?*', '?*'])
      expect(results(action, allow(`'${every}'`, "'*'")), every).toEqual([
        [
          'fail',
          'critical',
          `inline policy app, Statement[0]: Allow grants every action ("${every}") on every resource: the role is ` +
            'an administrator.',
        ],
      ]);
  });

  it('passes a prefix with `?`, and `?` alone: names of one length', () => {
    expect(results(action, allow("['s3:Get?*', 'iam:???', 's3:?etObject']", "'*'"))).toEqual([
      ['pass', 'high', 'no statement allows a wildcard action'],
    ]);
  });

  it('is unknown where a service not known before deploy comes before `?*`', () => {
    expect(results(action, allow("!Sub '${Svc}:?*'", "'*'"))).toEqual([
      [
        'unknown',
        'high',
        'inline policy app, Statement[0] may grant every action ("${Svc}:?*"): the Action is not known before deploy ' +
          '(from parameter Svc, which has no default).',
      ],
    ]);
  });
});

describe('a Deny of `*` with `?`', () => {
  const deny = (actions: string) => `              - { Effect: Deny, Action: ${actions}, Resource: '*' }\n`;

  it('cancels the wildcard it covers for iam.role-wildcard-action, as for the read and write checks', () => {
    expect(results(action, allow("'s3:*'", "'*'") + deny("'s3:?*'"))).toEqual([
      [
        'pass',
        'high',
        'no statement allows a wildcard action (the Deny of inline policy app, Statement[1] cancels s3:*)',
      ],
    ]);
    expect(results(action, allow("'*'", "'*'") + deny("'*:?*'"))).toEqual([
      [
        'pass',
        'high',
        'no statement allows a wildcard action (the Deny of inline policy app, Statement[1] cancels *)',
      ],
    ]);
  });

  it('reads a NotAction of `?*` or `*:?*` as one of `*`: it cancels nothing, and `*` on `*` stays an administrator', () => {
    const ADMIN =
      'inline policy app, Statement[0]: Allow grants every action ("*") on every resource: the role is an administrator.';
    for (const every of ["'*'", "'?*'", "'*:?*'"]) {
      const notAction = `              - { Effect: Deny, NotAction: ${every}, Resource: '*' }\n`;
      expect(results(action, allow("'*'", "'*'") + notAction), every).toEqual([['fail', 'critical', ADMIN]]);
    }
  });

  it('keeps `?*` less a NotAction of every action and one more an administrator, as it keeps `*`', () => {
    const notAction = "              - { Effect: Deny, NotAction: ['*', s3:GetObject], Resource: '*' }\n";
    for (const every of ['*', '?*']) {
      expect(results(action, allow(`'${every}'`, "'*'") + notAction), every).toEqual([
        [
          'fail',
          'critical',
          `inline policy app, Statement[0]: Allow grants every action ("${every}") on every resource: the role is an ` +
            `administrator (the Deny of inline policy app, Statement[1] cancels all of it but ${every}, s3:GetObject).`,
        ],
      ]);
    }
  });

  it('leaves the wildcard where it covers some of it', () => {
    expect(results(action, allow("'s3:*'", "'*'") + deny("['s3:Get?*', 's3:???']"))).toEqual([
      ['fail', 'high', 'inline policy app, Statement[0]: Allow grants every s3 action ("s3:*").'],
    ]);
  });

  it('is unknown where its Action is not known before deploy', () => {
    expect(results(action, allow("'s3:*'", "'*'") + deny("!Sub 's3:${Svc}?*'"))).toEqual([
      [
        'unknown',
        'high',
        'inline policy app, Statement[0] may grant every s3 action ("s3:*"): a Deny may cancel it: the Action of ' +
          'that Deny is not known before deploy (from parameter Svc, which has no default).',
      ],
    ]);
  });
});
