// biome-ignore-all lint/suspicious/noTemplateCurlyInString: CloudFormation `${...}` templates are written in these tests
import { describe, expect, it } from 'vitest';
import check from '../../../src/checks/logs/log-group-no-kms.js';
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
