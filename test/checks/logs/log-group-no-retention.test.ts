import { describe, expect, it } from 'vitest';
import check from '../../../src/checks/logs/log-group-no-retention.js';
import { scanTemplate, template } from '../../helpers/scan-template.js';
import { lambdaFunction, samFunction, samTemplate } from '../../helpers/templates.js';

const fn = lambdaFunction();
const group = (props = '') => `  FnLogs:
    Type: AWS::Logs::LogGroup
    Properties:
      LogGroupName: !Sub /aws/lambda/\${Fn}
${props}`;

describe('logs.log-group-no-retention', () => {
  it('fails a log group without RetentionInDays and names its function', () => {
    const { failed, errors } = scanTemplate(template(fn + group()), check);
    expect(errors).toEqual([]);
    expect(failed).toHaveLength(1);
    expect(failed[0]?.resource.id).toBe('FnLogs');
    expect(failed[0]?.message).toContain('of function Fn');
    expect(failed[0]?.location).toEqual({ file: 'template.yaml', line: 10, column: 3 });
  });

  it('passes a retention period and points at it', () => {
    const { failed, passed } = scanTemplate(template(fn + group('      RetentionInDays: 30\n')), check);
    expect(failed).toEqual([]);
    expect(passed).toHaveLength(1);
    expect(passed[0]?.location).toEqual({ file: 'template.yaml', line: 14, column: 7 });
  });

  it('is unknown when the retention comes from a parameter without default', () => {
    const { failed, unknown } = scanTemplate(
      template(fn + group('      RetentionInDays: !Ref Days\n'), 'Parameters:\n  Days: { Type: Number }\n'),
      check,
    );
    expect(failed).toEqual([]);
    expect(unknown).toHaveLength(1);
    expect(unknown[0]?.message).toContain('parameter Days');
  });

  it('does not report functions whose log group is not declared (documented: a template scan cannot see it)', () => {
    expect(scanTemplate(template(fn), check).findings).toEqual([]);
  });

  it('ties a log group to a SAM function', () => {
    const sam = samTemplate(samFunction() + group());
    const { failed } = scanTemplate(sam, check);
    expect(failed).toHaveLength(1);
    expect(failed[0]?.message).toContain('of function Fn');
  });
});
