// biome-ignore-all lint/suspicious/noTemplateCurlyInString: CloudFormation `${...}` templates are written in these tests
import { describe, expect, it } from 'vitest';
import envCheck from '../../../src/checks/lambda/env-no-customer-kms.js';
import logsCheck from '../../../src/checks/logs/log-group-no-kms.js';
import { scanTemplate, template } from '../../helpers/scan-template.js';
import { lambdaFunction } from '../../helpers/templates.js';

const KEY_ARN_PATTERN = '^arn:aws[a-zA-Z-]*:kms:[a-z0-9-]+:\\d{12}:key/[a-f0-9-]{36}$';

/** A function with one variable and a log group, both keyed by parameter KeyArn declared with these lines. */
const keyed = (declaration: string) =>
  template(
    `${lambdaFunction('Fn', '      KmsKeyArn: !Ref KeyArn\n      Environment:\n        Variables:\n          STAGE: prod\n')}  Logs:
    Type: AWS::Logs::LogGroup
    Properties:
      RetentionInDays: 14
      KmsKeyId: !Ref KeyArn
`,
    `Parameters:\n  KeyArn:\n    Type: String\n${declaration}`,
  );

const outcomes = (declaration: string, parameters?: Record<string, string>) =>
  scanTemplate(keyed(declaration), [envCheck, logsCheck], parameters ? { parameters } : {}).findings.map(
    (f) => [f.checkId, f.status, f.message],
  );

describe('KMS key parameters whose constraints keep out an empty value or an AWS managed alias', () => {
  it('passes both checks when MinLength and a key ARN AllowedPattern decide it', () => {
    expect(outcomes(`    MinLength: 20\n    AllowedPattern: '${KEY_ARN_PATTERN}'\n`)).toEqual([
      [
        'lambda.env-no-customer-kms',
        'pass',
        'environment variables encrypted with the key given to parameter KeyArn at deploy: its constraints keep out an empty value and the alias of an AWS managed key',
      ],
      [
        'logs.log-group-no-kms',
        'pass',
        'encrypted with the key given to parameter KeyArn at deploy: its constraints keep out an empty value',
      ],
    ]);
  });

  it('passes with AllowedValues none of which is empty or an AWS managed alias', () => {
    const values =
      "    AllowedValues: ['arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab']\n";
    expect(outcomes(values).map(([id, status]) => [id, status])).toEqual([
      ['lambda.env-no-customer-kms', 'pass'],
      ['logs.log-group-no-kms', 'pass'],
    ]);
  });

  it('stays unknown for Lambda when the constraints let an alias in; the log group needs only a key', () => {
    for (const declaration of [
      '    MinLength: 1\n',
      "    AllowedPattern: '^(arn:aws:kms:\\S+|alias/[a-z/]+)$'\n",
      "    AllowedValues: ['alias/aws/lambda', 'arn:aws:kms:us-east-1:123456789012:key/k']\n",
    ]) {
      expect(outcomes(declaration), declaration).toEqual([
        [
          'lambda.env-no-customer-kms',
          'unknown',
          'KmsKeyArn is not known before deploy (from parameter KeyArn, which has no default); empty, it leaves the variables on the AWS managed key',
        ],
        [
          'logs.log-group-no-kms',
          'pass',
          'encrypted with the key given to parameter KeyArn at deploy: its constraints keep out an empty value',
        ],
      ]);
    }
  });

  it('stays unknown for both without a constraint that refuses an empty value', () => {
    expect(outcomes("    AllowedPattern: '^[a-f0-9-]*$'\n").map(([id, status]) => [id, status])).toEqual([
      ['lambda.env-no-customer-kms', 'unknown'],
      ['logs.log-group-no-kms', 'unknown'],
    ]);
  });

  it('fails the AWS managed alias a scan gives with -p: the constraints then decide nothing', () => {
    const result = outcomes('    MinLength: 1\n', { KeyArn: 'alias/aws/lambda' });
    expect(result[0]).toEqual([
      'lambda.env-no-customer-kms',
      'fail',
      'KmsKeyArn names the AWS managed key aws/lambda, not a customer managed key.',
    ]);
  });
});
