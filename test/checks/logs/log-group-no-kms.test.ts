// biome-ignore-all lint/suspicious/noTemplateCurlyInString: CloudFormation `${...}` templates are written in these tests
import { describe, expect, it } from 'vitest';
import check from '../../../src/checks/logs/log-group-no-kms.js';
import { defaultHeader, MAYBE_MADE_HEADER, type Nesting, scanNestings } from '../../helpers/nestings.js';
import { scanTemplate, template } from '../../helpers/scan-template.js';

const group = (props = '') => `  AppLogs:
    Type: AWS::Logs::LogGroup
    Properties:
      RetentionInDays: 30
${props}`;
const key = `  LogsKey:
    Type: AWS::KMS::Key
    Properties:
      EnableKeyRotation: true
`;

describe('logs.log-group-no-kms', () => {
  it('fails a log group without KmsKeyId', () => {
    const { failed } = scanTemplate(template(group()), check);
    expect(failed).toHaveLength(1);
    expect(failed[0]?.resource.id).toBe('AppLogs');
    expect(failed[0]?.location).toEqual({ file: 'template.yaml', line: 3, column: 3 });
  });

  it('passes a customer managed key', () => {
    const { failed, passed } = scanTemplate(
      template(group('      KmsKeyId: !GetAtt LogsKey.Arn\n') + key),
      check,
    );
    expect(failed).toEqual([]);
    expect(passed).toHaveLength(1);
    expect(passed[0]?.message).toContain('LogsKey');
  });

  it('passes a key ARN built with pseudo parameters, and is unknown for a whole parameter, which may be empty', () => {
    const extra = 'Parameters:\n  KeyArn: { Type: String }\n';
    const pseudo =
      "      KmsKeyId: !Sub 'arn:${AWS::Partition}:kms:${AWS::Region}:${AWS::AccountId}:key/abc'\n";
    const built = scanTemplate(template(group(pseudo), extra), check);
    expect(built.passed.map((f) => f.message)).toEqual([
      'encrypted with arn:${AWS::Partition}:kms:${AWS::Region}:${AWS::AccountId}:key/abc',
    ]);
    const whole = scanTemplate(template(group('      KmsKeyId: !Ref KeyArn\n'), extra), check);
    expect(whole.unknown.map((f) => f.message)).toEqual([
      'KmsKeyId is not known before deploy (from parameter KeyArn, which has no default)',
    ]);
  });

  it("fails an empty KmsKeyId (from a default ''), pointing at it", () => {
    const extra = "Parameters:\n  LogKey: { Type: String, Default: '' }\n";
    const { failed } = scanTemplate(template(group('      KmsKeyId: !Ref LogKey\n'), extra), check);
    expect(failed.map((f) => [f.property, f.message, f.assumptions])).toEqual([
      [
        'KmsKeyId',
        'The log group has an empty KmsKeyId: its events are encrypted only with a key CloudWatch Logs owns.',
        ['parameter LogKey uses its default value, which a deploy may override'],
      ],
    ]);
  });

  it('is unknown when the key depends on an undecidable condition', () => {
    const extra = 'Parameters:\n  Env: { Type: String }\nConditions:\n  Prod: !Equals [!Ref Env, prod]\n';
    const { failed, unknown } = scanTemplate(
      template(group('      KmsKeyId: !If [Prod, !GetAtt LogsKey.Arn, !Ref AWS::NoValue]\n') + key, extra),
      check,
    );
    expect(failed).toEqual([]);
    expect(unknown).toHaveLength(1);
    expect(unknown[0]?.property).toBe('KmsKeyId');
  });
});

describe('logs.log-group-no-kms on a template nested more than once', () => {
  /** child.yaml: log group AppLogs whose KmsKeyId is parameter Key. */
  const CHILD = template(group('      KmsKeyId: !Ref Key\n'), 'Parameters:\n  Key:\n    Type: String\n');
  const KEY = "'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab'";
  const keys = (...texts: string[]) => texts.map((text) => ({ parameters: { Key: text } }));
  const found = (scan: ReturnType<typeof scanNestings>) => scan.of('logs.log-group-no-kms', 'AppLogs');

  it('fails when one nesting gives an empty key: that copy is deployed without one, and the finding names it', () => {
    const result = found(scanNestings(CHILD, keys(KEY, "''")));
    expect(result.map((f) => f.status)).toEqual(['fail']);
    expect(result[0]?.message).toContain(
      'each deployed by its own copy; where it is "": The log group has an empty KmsKeyId',
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
