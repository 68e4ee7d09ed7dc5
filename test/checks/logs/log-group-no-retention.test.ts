import { describe, expect, it } from 'vitest';
import check from '../../../src/checks/logs/log-group-no-retention.js';
import { scanNestings } from '../../helpers/nestings.js';
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

describe('logs.log-group-no-retention on a template nested more than once', () => {
  /** child.yaml: function Fn and its log group, whose RetentionInDays is parameter Days. */
  const CHILD = template(
    fn + group('      RetentionInDays: !Ref Days\n'),
    'Parameters:\n  Days:\n    Type: Number\n',
  );
  const days = (...texts: string[]) => texts.map((text) => ({ parameters: { Days: text } }));
  const found = (scan: ReturnType<typeof scanNestings>) => scan.of('logs.log-group-no-retention', 'FnLogs');

  // No copy can fail: a copy is given a period (CloudFormation refuses one it does not list), never none.
  it('passes when every nesting gives a retention period, each copy then expiring its events', () => {
    const result = found(scanNestings(CHILD, days('7', '365')));
    expect(result.map((f) => [f.status, f.message])).toEqual([
      ['pass', 'events expire after 7 or 365 days, each deployed by its own copy'],
    ]);
  });

  it('is unknown when a nesting gives what is not a number of days', () => {
    expect(found(scanNestings(CHILD, days('7', 'forever'))).map((f) => f.status)).toEqual(['unknown']);
  });
});
