// biome-ignore-all lint/suspicious/noTemplateCurlyInString: CloudFormation `${...}` templates are written in these tests
import { describe, expect, it } from 'vitest';
import check from '../../../src/checks/lambda/env-no-customer-kms.js';
import { defaultHeader, MAYBE_MADE_HEADER, type Nesting, scanNestings } from '../../helpers/nestings.js';
import { scanTemplate, template } from '../../helpers/scan-template.js';
import { lambdaFunction, samTemplate } from '../../helpers/templates.js';

/** A function with one environment variable and the given extra property lines (6 spaces of indent). */
const fn = (properties = '', extra = '') =>
  template(
    `${lambdaFunction('Fn', `      Environment:\n        Variables:\n          STAGE: prod\n${properties}`)}  EnvKey:
    Type: AWS::KMS::Key
    Properties:
      KeyPolicy: { Version: '2012-10-17', Statement: [] }
`,
    extra,
  );

describe('lambda.env-no-customer-kms', () => {
  it('fails a function with environment variables and no KmsKeyArn, pointing at Environment', () => {
    const { failed, errors } = scanTemplate(fn(), check);
    expect(errors).toEqual([]);
    expect(failed).toHaveLength(1);
    expect(failed[0]?.resource.id).toBe('Fn');
    expect(failed[0]?.severity).toBe('low');
    expect(failed[0]?.location).toEqual({ file: 'template.yaml', line: 10, column: 7 });
    expect(failed[0]?.message).toContain('aws/lambda');
  });

  it('fails a KmsKeyArn that names the AWS managed key', () => {
    for (const arn of [
      'arn:aws:kms:us-east-1:123456789012:alias/aws/lambda',
      "!Sub 'arn:${AWS::Partition}:kms:${AWS::Region}:${AWS::AccountId}:alias/aws/lambda'",
    ]) {
      const { failed } = scanTemplate(fn(`      KmsKeyArn: ${arn}\n`), check);
      expect(failed, arn).toHaveLength(1);
      expect(failed[0]?.property).toBe('KmsKeyArn');
      expect(failed[0]?.location.line).toBe(13);
    }
  });

  it('passes a customer managed key from the template, a literal ARN, or an ARN around a parameter', () => {
    const cases: [string, string][] = [
      ['      KmsKeyArn: !GetAtt EnvKey.Arn\n', ''],
      ['      KmsKeyArn: arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab\n', ''],
      [
        "      KmsKeyArn: !Sub 'arn:${AWS::Partition}:kms:${AWS::Region}:${AWS::AccountId}:key/${KeyId}'\n",
        'Parameters:\n  KeyId: { Type: String }\n',
      ],
    ];
    for (const [properties, extra] of cases) {
      const { failed, passed } = scanTemplate(fn(properties, extra), check);
      expect(failed, properties).toEqual([]);
      expect(passed, properties).toHaveLength(1);
    }
  });

  it('is unknown for a whole parameter, which may be given empty; fails an empty key, from a default too', () => {
    const whole = scanTemplate(
      fn('      KmsKeyArn: !Ref KeyArn\n', 'Parameters:\n  KeyArn: { Type: String }\n'),
      check,
    );
    expect(whole.unknown.map((f) => f.message)).toEqual([
      'KmsKeyArn is not known before deploy (from parameter KeyArn, which has no default); empty, it leaves the variables on the AWS managed key',
    ]);
    const empty = scanTemplate(
      fn('      KmsKeyArn: !Ref KeyArn\n', "Parameters:\n  KeyArn: { Type: String, Default: '' }\n"),
      check,
    );
    expect(empty.failed.map((f) => [f.property, f.assumptions])).toEqual([
      ['KmsKeyArn', ['parameter KeyArn uses its default value, which a deploy may override']],
    ]);
  });

  it('is unknown when the key is set only under a condition not known before deploy', () => {
    const { failed, unknown } = scanTemplate(
      fn(
        '      KmsKeyArn: !If [UseKey, !GetAtt EnvKey.Arn, !Ref AWS::NoValue]\n',
        'Parameters:\n  Env: { Type: String }\nConditions:\n  UseKey: !Equals [!Ref Env, prod]\n',
      ),
      check,
    );
    expect(failed).toEqual([]);
    expect(unknown).toHaveLength(1);
    expect(unknown[0]?.property).toBe('KmsKeyArn');
  });

  it('is unknown when the whole Environment is not known before deploy', () => {
    const text = template(
      lambdaFunction(
        'Fn',
        '      Environment: !If [IsProd, { Variables: { STAGE: prod } }, !Ref AWS::NoValue]\n',
      ),
      'Parameters:\n  Env: { Type: String }\nConditions:\n  IsProd: !Equals [!Ref Env, prod]\n',
    );
    const { failed, unknown } = scanTemplate(text, check);
    expect(failed).toEqual([]);
    expect(unknown).toHaveLength(1);
  });

  it('does not evaluate a function without environment variables (checkov#1556)', () => {
    const none = template(
      `${lambdaFunction()}${lambdaFunction('Empty', '      Environment:\n        Variables: {}\n')}`,
    );
    expect(scanTemplate(none, check).findings).toEqual([]);
  });

  it('does not evaluate a function whose only variables are runtime settings the CDK adds', () => {
    const env = (variables: string) =>
      template(lambdaFunction('Fn', `      Environment:\n        Variables:\n${variables}`));
    const cdkOnly = env(
      "          AWS_NODEJS_CONNECTION_REUSE_ENABLED: '1'\n          NODE_OPTIONS: --enable-source-maps\n",
    );
    expect(scanTemplate(cdkOnly, check).findings).toEqual([]);
    // Beside a variable of the user's, or with another value, they count as variables like any other.
    const withData = env("          AWS_NODEJS_CONNECTION_REUSE_ENABLED: '1'\n          TABLE: orders\n");
    expect(scanTemplate(withData, check).failed[0]?.message).toContain('2 environment variable(s)');
    const otherOptions = env('          NODE_OPTIONS: --require ./secrets.js\n');
    expect(scanTemplate(otherOptions, check).failed).toHaveLength(1);
  });

  it('inherits Globals.Function.KmsKeyArn in SAM (checkov#2758) and reports on the SAM function', () => {
    const sam = (globals: string) =>
      samTemplate(
        `  Api:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.handler
      CodeUri: src/
      Environment:
        Variables:
          STAGE: prod
  EnvKey:
    Type: AWS::KMS::Key
    Properties:
      KeyPolicy: { Version: '2012-10-17', Statement: [] }
`,
        `Globals:\n  Function:\n    Runtime: python3.12\n${globals}`,
      );
    const inherited = scanTemplate(sam('    KmsKeyArn: !GetAtt EnvKey.Arn\n'), check);
    expect(inherited.errors).toEqual([]);
    expect(inherited.failed).toEqual([]);
    expect(inherited.passed.map((f) => f.resource.id)).toEqual(['Api']);

    const missing = scanTemplate(sam(''), check);
    expect(missing.failed.map((f) => f.resource.id)).toEqual(['Api']);
  });
});

describe('lambda.env-no-customer-kms on a template nested more than once', () => {
  /** child.yaml: function Fn with one environment variable, its KmsKeyArn parameter Key. */
  const CHILD = template(
    lambdaFunction(
      'Fn',
      '      Environment:\n        Variables:\n          STAGE: prod\n      KmsKeyArn: !Ref Key\n',
    ),
    'Parameters:\n  Key:\n    Type: String\n',
  );
  const KEY = "'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab'";
  const keys = (...texts: string[]) => texts.map((text) => ({ parameters: { Key: text } }));
  const found = (scan: ReturnType<typeof scanNestings>) => scan.of('lambda.env-no-customer-kms', 'Fn');

  it('fails when one nesting gives an empty key: that copy keeps the AWS managed key, and the finding names it', () => {
    const result = found(scanNestings(CHILD, keys(KEY, "''")));
    expect(result.map((f) => f.status)).toEqual(['fail']);
    expect(result[0]?.message).toContain(
      'each deployed by its own copy; where it is "": The function has 1 environment variable(s) and an empty KmsKeyArn',
    );
  });

  it('passes when every nesting gives a key', () => {
    const other = "'arn:aws:kms:us-east-1:123456789012:key/other'";
    expect(found(scanNestings(CHILD, keys(KEY, other))).map((f) => f.status)).toEqual(['pass']);
  });

  it('is unknown when the nesting giving an empty key may not be made, or gives it by default', () => {
    const maybe: Nesting = { parameters: { Key: "''" }, condition: 'IsOld' };
    const conditional = scanNestings(CHILD, [...keys(KEY), maybe], MAYBE_MADE_HEADER);
    expect(found(conditional).map((f) => f.status)).toEqual(['unknown']);
    const byDefault = scanNestings(CHILD, keys(KEY, '!Ref Given'), defaultHeader(''));
    expect(found(byDefault).map((f) => f.status)).toEqual(['unknown']);
  });
});

describe('lambda.env-no-customer-kms with variables AWS::NoValue removes', () => {
  /** A function with LOG_LEVEL (when `withLog`) and EXTRA_A..C, each given only when HasExtra holds. */
  const env = (parameter: string, withLog = true) =>
    template(
      lambdaFunction(
        'Fn',
        `      Environment:\n        Variables:\n${withLog ? '          LOG_LEVEL: info\n' : ''}${[
          'A',
          'B',
          'C',
        ]
          .map((name) => `          EXTRA_${name}: !If [HasExtra, !Ref Extra, !Ref AWS::NoValue]\n`)
          .join('')}`,
      ),
      `Parameters:\n  Extra: { Type: String${parameter} }\nConditions:\n  HasExtra: !Not [!Equals [!Ref Extra, '']]\n`,
    );
  const DEFAULT = 'parameter Extra uses its default value, which a deploy may override';

  it('passes when the defaults remove every variable, saying which and on what default', () => {
    const { passed, failed } = scanTemplate(env(", Default: ''", false), check);
    expect(failed).toEqual([]);
    expect(passed.map((f) => [f.message, f.assumptions])).toEqual([
      ['no environment variable is left: AWS::NoValue removes EXTRA_A, EXTRA_B, EXTRA_C', [DEFAULT]],
    ]);
  });

  it('counts only the variables the case leaves', () => {
    const byDefault = scanTemplate(env(", Default: ''"), check);
    expect(byDefault.failed.map((f) => [f.message, f.assumptions])).toEqual([
      [
        'The function has 1 environment variable(s) and no KmsKeyArn: they are encrypted with the AWS managed key aws/lambda.',
        [DEFAULT],
      ],
    ]);
    const given = scanTemplate(env(", Default: ''"), check, { parameters: { Extra: 'x' } });
    expect(given.failed.map((f) => f.message)).toEqual([
      'The function has 4 environment variable(s) and no KmsKeyArn: they are encrypted with the AWS managed key aws/lambda.',
    ]);
  });

  // scanTemplate checks once, the condition not decided (as a template with more than six such conditions is).
  it('is unknown when only variables a condition not known before deploy may remove are left', () => {
    const { unknown, failed } = scanTemplate(env('', false), check);
    expect(failed).toEqual([]);
    expect(unknown.map((f) => [f.message, f.property])).toEqual([
      [
        'Whether the function has environment variables is not known before deploy (EXTRA_A depends on condition HasExtra: compares values not known before deploy (from parameter Extra, which has no default)); if it has, they are encrypted with the AWS managed key aws/lambda',
        'Environment.Variables.EXTRA_A',
      ],
    ]);
  });

  it('fails on the variables that certainly exist, counting apart those a condition may remove', () => {
    const { failed } = scanTemplate(env(''), check);
    expect(failed.map((f) => f.message)).toEqual([
      'The function has 1 environment variable(s) (3 more under conditions not known before deploy) and no KmsKeyArn: they are encrypted with the AWS managed key aws/lambda.',
    ]);
  });
});
