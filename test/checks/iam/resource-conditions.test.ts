// biome-ignore-all lint/suspicious/noTemplateCurlyInString: CloudFormation `${...}` templates are the subject of these tests
import { describe, expect, it } from 'vitest';
import check from '../../../src/checks/iam/role-wildcard-resource-write.js';
import { scanTemplate } from '../../helpers/scan-template.js';
import { conditioned } from './fixtures.js';

const SLR = '[iam:CreateServiceLinkedRole]';
const ROTATION =
  '[secretsmanager:GetSecretValue, secretsmanager:PutSecretValue, secretsmanager:UpdateSecretVersionStage]';
const rotator = "!Sub 'arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:rotator'";

describe('iam.role-wildcard-resource-write: conditions naming the resource', () => {
  it('passes a service-linked role limited to one service by iam:AWSServiceName, saying which condition narrows it', () => {
    const { failed, unknown, passed } = scanTemplate(
      conditioned(SLR, '                  StringEquals: { iam:AWSServiceName: fms.amazonaws.com }\n'),
      check,
    );
    expect([...failed, ...unknown]).toEqual([]);
    expect(passed.map((f) => f.message)).toEqual([
      'no statement allows write actions on every resource, or on every resource of a type (StringEquals ' +
        'iam:AWSServiceName limits iam:CreateServiceLinkedRole to the service-linked role of the service named)',
    ]);
  });

  it("passes a rotation function's writes limited to the secrets it rotates (AWS's rotation templates)", () => {
    const { failed, unknown, passed } = scanTemplate(
      conditioned(
        ROTATION,
        `                  StringEquals:\n                    secretsmanager:resource/AllowRotationLambdaArn: ${rotator}\n`,
      ),
      check,
    );
    expect([...failed, ...unknown]).toEqual([]);
    expect(passed[0]?.message).toContain(
      'StringEquals secretsmanager:resource/AllowRotationLambdaArn limits secretsmanager:PutSecretValue, ' +
        'secretsmanager:UpdateSecretVersionStage to the secrets that the function named rotates',
    );
  });

  it('counts ForAnyValue and ArnEquals with a fixed ARN, as IAM does not match a request without the key', () => {
    for (const condition of [
      '                  ForAnyValue:StringEquals: { iam:AWSServiceName: fms.amazonaws.com }\n',
      '                  StringLike: { iam:AWSServiceName: [fms.amazonaws.com, config.amazonaws.com] }\n',
    ]) {
      expect(scanTemplate(conditioned(SLR, condition), check).passed, condition).toHaveLength(1);
    }
    const arn = scanTemplate(
      conditioned(
        '[secretsmanager:PutSecretValue]',
        '                  ArnEquals: { secretsmanager:SecretId: arn:aws:secretsmanager:us-east-1:123456789012:secret:app-AbCdEf }\n',
      ),
      check,
    );
    expect(arn.passed).toHaveLength(1);
  });

  it('fails at high severity without a condition', () => {
    const { failed } = scanTemplate(conditioned(SLR), check);
    expect(failed.map((f) => [f.severity, f.message])).toEqual([
      [
        'high',
        'inline policy app, Statement[0]: Allow grants write actions ("iam:CreateServiceLinkedRole") on every resource.',
      ],
    ]);
  });

  it('reads an ARN pattern of secretsmanager:SecretId as the Resource it would be: some secrets narrow, every secret does not', () => {
    const some = scanTemplate(
      conditioned(
        '[secretsmanager:PutSecretValue]',
        "                  StringLike: { secretsmanager:SecretId: 'arn:aws:secretsmanager:*:*:secret:app/*' }\n",
      ),
      check,
    );
    expect([...some.failed, ...some.unknown]).toEqual([]);
    expect(some.passed.map((f) => f.message)).toEqual([
      'no statement allows write actions on every resource, or on every resource of a type (StringLike ' +
        'secretsmanager:SecretId limits secretsmanager:PutSecretValue to those matching ' +
        'arn:aws:secretsmanager:*:*:secret:app/*)',
    ]);
    const every = scanTemplate(
      conditioned(
        '[secretsmanager:PutSecretValue]',
        "                  StringLike: { secretsmanager:SecretId: 'arn:aws:secretsmanager:*:*:secret:*' }\n",
      ),
      check,
    );
    expect(every.failed.map((f) => f.message)).toEqual([
      expect.stringContaining(
        'StringLike secretsmanager:SecretId does not narrow it: its values match any (a wildcard)',
      ),
    ]);
  });

  it('fails at high severity when the condition lets any resource through: a wildcard, IfExists, ForAllValues, a negation', () => {
    const cases: [string, string][] = [
      [
        "                  StringLike: { iam:AWSServiceName: '*.amazonaws.com' }\n",
        'StringLike iam:AWSServiceName does not narrow it: its values match any (a wildcard)',
      ],
      [
        '                  StringEqualsIfExists: { iam:AWSServiceName: fms.amazonaws.com }\n',
        'StringEqualsIfExists iam:AWSServiceName does not narrow it: an ...IfExists operator passes when the ' +
          'request has no value for the key',
      ],
      [
        '                  ForAllValues:StringEquals: { iam:AWSServiceName: fms.amazonaws.com }\n',
        'ForAllValues:StringEquals iam:AWSServiceName does not narrow it: ForAllValues passes when the request has ' +
          'no value for the key',
      ],
      [
        '                  StringNotEquals: { iam:AWSServiceName: fms.amazonaws.com }\n',
        'StringNotEquals iam:AWSServiceName does not narrow it: a negated operator allows every other value',
      ],
    ];
    for (const [condition, words] of cases) {
      const { failed } = scanTemplate(conditioned(SLR, condition), check);
      expect(
        failed.map((f) => [f.severity, f.message]),
        condition,
      ).toEqual([
        [
          'high',
          `inline policy app, Statement[0]: Allow grants write actions ("iam:CreateServiceLinkedRole") on every resource (${words}).`,
        ],
      ]);
    }
  });

  it('does not count keys about the request rather than the resource, and still names them', () => {
    const { failed } = scanTemplate(
      conditioned(
        'secretsmanager:CreateSecret',
        '                  StringEquals: { secretsmanager:Name: app }\n',
      ),
      check,
    );
    expect(failed.map((f) => [f.severity, f.message])).toEqual([
      [
        'high',
        'inline policy app, Statement[0]: Allow grants write actions ("secretsmanager:CreateSecret") on every resource ' +
          '(with conditions it does not weigh: StringEquals secretsmanager:Name).',
      ],
    ]);
  });

  it('keeps a finding, at low severity, for the writes the key does not apply to, saying it narrows the others', () => {
    // secretsmanager:SecretId is not listed for CreateSecret (the secret does not exist yet).
    const { failed } = scanTemplate(
      conditioned(
        '[secretsmanager:PutSecretValue, secretsmanager:CreateSecret]',
        '                  StringEquals: { secretsmanager:SecretId: app }\n',
      ),
      check,
    );
    expect(failed.map((f) => [f.severity, f.message])).toEqual([
      [
        'low',
        'inline policy app, Statement[0]: Allow grants write actions ("secretsmanager:CreateSecret") on every resource ' +
          '(StringEquals secretsmanager:SecretId narrows its other writes to the resources it names; the Service ' +
          'Authorization Reference does not list the key of StringEquals secretsmanager:SecretId for these writes: ' +
          'IAM grants them to no request that lacks it, so this is reported at low severity).',
      ],
    ]);
  });

  it('reports at low severity a write narrowed only by a key the reference does not list for it', () => {
    // As the AWS SRA Firewall Manager template writes it: DeleteServiceLinkedRole beside CreateServiceLinkedRole.
    const { failed } = scanTemplate(
      conditioned(
        '[iam:CreateServiceLinkedRole, iam:DeleteServiceLinkedRole]',
        '                  StringEquals: { iam:AWSServiceName: fms.amazonaws.com }\n',
      ),
      check,
    );
    expect(failed.map((f) => f.severity)).toEqual(['low']);
    expect(failed[0]?.message).toContain('("iam:DeleteServiceLinkedRole")');
    expect(failed[0]?.message).toContain(
      'the Service Authorization Reference does not list the key of StringEquals iam:AWSServiceName for these ' +
        'writes: IAM grants them to no request that lacks it, so this is reported at low severity',
    );
  });

  it('is unknown when a value that may be a wildcard comes from a parameter without default, and passes with -p', () => {
    const text = conditioned(
      SLR,
      '                  StringLike: { iam:AWSServiceName: !Ref Service }\n',
      'Parameters:\n  Service: { Type: String }\n',
    );
    const { failed, unknown, passed } = scanTemplate(text, check);
    expect([...failed, ...passed]).toEqual([]);
    expect(unknown.map((f) => f.message)).toEqual([
      expect.stringContaining(
        'StringLike iam:AWSServiceName may be a wildcard: its value is not known before deploy',
      ),
    ]);
    expect(scanTemplate(text, check, { parameters: { Service: 'fms.amazonaws.com' } }).passed).toHaveLength(
      1,
    );
    expect(scanTemplate(text, check, { parameters: { Service: '*' } }).failed).toHaveLength(1);
  });

  it('passes a parameter without default under StringEquals, which compares literally (a `*` there is no wildcard)', () => {
    const text = conditioned(
      SLR,
      '                  StringEquals: { iam:AWSServiceName: !Ref Service }\n',
      'Parameters:\n  Service: { Type: String }\n',
    );
    expect(scanTemplate(text, check).passed).toHaveLength(1);
  });
});
