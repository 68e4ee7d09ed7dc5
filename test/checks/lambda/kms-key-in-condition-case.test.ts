import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALL_CHECKS } from '../../../src/checks/index.js';
import { EMPTY_CONFIG } from '../../../src/config/config.js';
import { scan } from '../../../src/scan.js';
import { lambdaFunction } from '../../helpers/templates.js';

// The AWS Security Reference Architecture templates set a key only when its parameter is not empty:
// `KmsKeyId: !If [UseKms, !Ref KeyArn, !Ref AWS::NoValue]`, `UseKms: !Not [!Equals [!Ref KeyArn, '']]`, with an
// AllowedPattern of '' or a key ARN. Where UseKms holds the key is not '', and the pattern leaves only a key ARN.

const KEY_ARN_OR_EMPTY = "'^$|^arn:aws[a-zA-Z-]*:kms:[a-z0-9-]+:\\d{12}:key/[a-f0-9-]{36}$'";
const KEY_ARN_OR_ALIAS = "'^$|^arn:aws:kms:\\S+$|^alias/aws/[a-z]+$'";
const SET_IF_NOT_EMPTY = '!If [UseKms, !Ref KeyArn, !Ref AWS::NoValue]';

/**
 * A function with one variable and a log group, both keyed by `pick`, both made only where Make holds (false with the
 * defaults, so that each case of UseKms is checked in the other cases, not hidden by the defaults' own verdict).
 */
const keyed = (declaration: string, useKms = "!Not [!Equals [!Ref KeyArn, '']]", pick = SET_IF_NOT_EMPTY) =>
  `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  KeyArn:
    Type: String
${declaration}  Create: { Type: String, AllowedValues: ['true', 'false'], Default: 'false' }
Conditions:
  Make: !Equals [!Ref Create, 'true']
  UseKms: ${useKms}
Resources:
${lambdaFunction(
  'Fn',
  `      KmsKeyArn: ${pick}\n      Environment: { Variables: { STAGE: prod } }\n`,
).replace('    Properties:', '    Condition: Make\n    Properties:')}  Logs:
    Type: AWS::Logs::LogGroup
    Condition: Make
    Properties:
      RetentionInDays: 14
      KmsKeyId: ${pick}
`;

function outcomes(text: string) {
  const dir = mkdtempSync(join(tmpdir(), 'parapet-kms-case-'));
  writeFileSync(join(dir, 'template.yaml'), text);
  const result = scan([dir], {
    checks: ALL_CHECKS.filter((c) => ['lambda.env-no-customer-kms', 'logs.log-group-no-kms'].includes(c.id)),
    config: EMPTY_CONFIG,
    scanDate: new Date('2026-11-25'),
    cwd: dir,
    includePassed: true,
  });
  expect(result.errors).toEqual([]);
  return result.findings.map((f) => [f.checkId, f.status, f.message]);
}

/** What the other case, without a key, gives: no key there, as before. */
const withoutKey = (why: string) => [
  [
    'lambda.env-no-customer-kms',
    'unknown',
    `When condition Make holds (Create=true, not its default false) and condition UseKms does not hold: The function has 1 environment variable(s) and no KmsKeyArn: they are encrypted with the AWS managed key aws/lambda. ${why}`,
  ],
  [
    'logs.log-group-no-kms',
    'unknown',
    `When condition Make holds (Create=true, not its default false) and condition UseKms does not hold: The log group has no KmsKeyId: its events are encrypted only with a key CloudWatch Logs owns. ${why}`,
  ],
];
const BY_DEFAULTS =
  "With the parameters' defaults condition Make does not hold and condition UseKms does not hold; a deploy may override them.";
const UNDECIDED =
  "Condition UseKms cannot be decided before deploy: it compares values not known before deploy (from parameter KeyArn, which has no default). With the parameters' defaults condition Make does not hold; a deploy may override them.";

describe('a KMS key parameter set by an Fn::If only where a condition keeps it from being empty', () => {
  // Where UseKms holds both pass, and only the other case is told: no pass is reported beside the unknown of the
  // same check (it would contradict it), so what shows the key is read as set is that no unknown names that case.
  it('passes both checks where the condition holds, with a default "" and a key ARN pattern (the SRA shape)', () => {
    expect(outcomes(keyed(`    Default: ''\n    AllowedPattern: ${KEY_ARN_OR_EMPTY}\n`))).toEqual(
      withoutKey(BY_DEFAULTS),
    );
  });

  it('passes both where the condition holds when the parameter has no default (the condition is undecided)', () => {
    expect(outcomes(keyed(`    AllowedPattern: ${KEY_ARN_OR_EMPTY}\n`))).toEqual(withoutKey(UNDECIDED));
  });

  it("passes where the other case sets a key of its own: one pass each, the defaults' one", () => {
    const other =
      "!If [UseKms, !Ref KeyArn, 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab']";
    const text = keyed(`    Default: ''\n    AllowedPattern: ${KEY_ARN_OR_EMPTY}\n`, undefined, other);
    const key = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
    expect(outcomes(text)).toEqual([
      ['lambda.env-no-customer-kms', 'pass', `environment variables encrypted with ${key}`],
      ['logs.log-group-no-kms', 'pass', `encrypted with ${key}`],
    ]);
  });

  it('reads a condition that compares with "" and does not hold alike (NoKey: the key in its false branch)', () => {
    const text = keyed(
      `    Default: ''\n    AllowedPattern: ${KEY_ARN_OR_EMPTY}\n`,
      "!Equals [!Ref KeyArn, '']",
      '!If [UseKms, !Ref AWS::NoValue, !Ref KeyArn]',
    );
    // The key is set where UseKms does not hold: only the case where it holds (no key) is told.
    expect(outcomes(text).map(([id, status, message]) => [id, status, message?.split(':')[0]])).toEqual([
      [
        'lambda.env-no-customer-kms',
        'unknown',
        'When condition Make holds (Create=true, not its default false) and condition UseKms holds',
      ],
      [
        'logs.log-group-no-kms',
        'unknown',
        'When condition Make holds (Create=true, not its default false) and condition UseKms holds',
      ],
    ]);
  });

  it('stays unknown for Lambda when the pattern lets an AWS managed alias in; the log group needs only a key', () => {
    const lambdaUnknown = [
      'lambda.env-no-customer-kms',
      'unknown',
      `When condition Make holds (Create=true, not its default false) and condition UseKms holds (KeyArn other than its default ""): KmsKeyArn is not known before deploy (from parameter KeyArn, other than its default ""); empty, it leaves the variables on the AWS managed key. ${BY_DEFAULTS}`,
    ];
    for (const declaration of [
      `    Default: ''\n    AllowedPattern: ${KEY_ARN_OR_ALIAS}\n`,
      `    Default: ''\n`,
    ]) {
      expect(outcomes(keyed(declaration)), declaration).toEqual([lambdaUnknown, ...withoutKey(BY_DEFAULTS)]);
    }
  });

  it('keeps the constraints as the reason when they refuse "" themselves', () => {
    const text = keyed(
      `    MinLength: 1\n    AllowedPattern: '^arn:aws:kms:[a-z0-9-]+:\\d{12}:key/[a-f0-9-]{36}$'\n`,
    );
    expect(outcomes(text).filter(([, status]) => status === 'pass')).toEqual([
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

  it('stays unknown for both where the condition rules out another value than ""', () => {
    // UseKms holds with any key but `none`: '' too, which the pattern lets in.
    const text = keyed(
      "    Default: none\n    AllowedPattern: '^$|^none$|^arn:aws:kms:[a-z0-9-]+:\\d{12}:key/[a-f0-9-]{36}$'\n",
      '!Not [!Equals [!Ref KeyArn, none]]',
    );
    const where = 'When condition Make holds (Create=true, not its default false) and condition UseKms holds';
    expect(outcomes(text).filter(([, , message]) => message?.startsWith(where))).toEqual([
      [
        'lambda.env-no-customer-kms',
        'unknown',
        expect.stringContaining(
          'KmsKeyArn is not known before deploy (from parameter KeyArn, other than its default none); empty, it leaves',
        ),
      ],
      [
        'logs.log-group-no-kms',
        'unknown',
        expect.stringContaining(
          'KmsKeyId is not known before deploy (from parameter KeyArn, other than its default none).',
        ),
      ],
    ]);
  });
});
