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
