import { describe, expect, it } from 'vitest';
import check from '../../../src/checks/logs/log-group-no-retention.js';
import type { Finding } from '../../../src/findings/finding.js';
import { scanNestings } from '../../helpers/nestings.js';
import { scanTemplateFile } from '../../helpers/scan-file.js';
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

describe('logs.log-group-no-retention and the retention periods CloudWatch Logs offers', () => {
  const retention = (value: string, parameters = '') =>
    scanTemplate(template(fn + group(`      RetentionInDays: ${value}\n`), parameters), check);
  const offered =
    '1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653';

  it('refuses a number CloudWatch Logs does not offer at the value, and says it is not valid', () => {
    for (const days of ['0', '45']) {
      const { errors, findings } = retention(days);
      expect(errors.map((e) => [e.message, e.line, e.column, e.resource])).toEqual([
        [
          `RetentionInDays of FnLogs is ${days}, not a retention CloudWatch Logs offers (${offered}): CloudFormation rejects the template`,
          14,
          7,
          'FnLogs',
        ],
      ]);
      expect(findings.map((f) => [f.status, f.message])).toEqual([
        [
          'unknown',
          `RetentionInDays is not a valid value (${days} days, not a retention CloudWatch Logs offers; see the scan error)`,
        ],
      ]);
    }
  });

  it('names the parameter whose default gives such a number', () => {
    const { errors } = retention('!Ref Days', 'Parameters:\n  Days: { Type: Number, Default: 45 }\n');
    expect(errors.map((e) => e.message)).toEqual([
      `RetentionInDays of FnLogs is 45 (from parameter Days), not a retention CloudWatch Logs offers (${offered}): CloudFormation rejects the template`,
    ]);
  });

  it('passes each period it offers, the longest too', () => {
    for (const days of ['1', '1096', '3653', '"30"']) {
      const { errors, passed } = retention(days);
      expect(errors).toEqual([]);
      const count = days.replaceAll('"', '');
      expect(passed.map((f) => f.message)).toEqual([
        `events expire after ${count} ${count === '1' ? 'day' : 'days'}`,
      ]);
    }
  });
});

describe('logs.log-group-no-retention on a parameter without default that lists its AllowedValues', () => {
  const withParameter = (declaration: string, parameters?: Record<string, string>) =>
    scanTemplate(
      template(
        fn + group('      RetentionInDays: !Ref RetentionDays\n'),
        `Parameters:\n  RetentionDays:\n${declaration}`,
      ),
      check,
      parameters ? { parameters } : {},
    );

  it('passes when every allowed value is a retention period, and says it holds for each', () => {
    for (const type of ['Number', 'String']) {
      const { passed } = withParameter(`    Type: ${type}\n    AllowedValues: [7, 30, 90, 365]\n`);
      expect(passed.map((f) => f.message)).toEqual([
        'events expire after 7, 30, 90 or 365 days, whichever it is ' +
          '(from parameter RetentionDays, which has no default, one of its AllowedValues)',
      ]);
    }
  });

  it('says one day in the singular, and 1 or 7 days in the plural', () => {
    const told = (values: string) =>
      withParameter(`    Type: Number\n    AllowedValues: [${values}]\n`).passed.map((f) => f.message);
    const which =
      ', whichever it is (from parameter RetentionDays, which has no default, one of its AllowedValues)';
    expect(told('1')).toEqual([`events expire after 1 day${which}`]);
    expect(told('1, 7')).toEqual([`events expire after 1 or 7 days${which}`]);
  });

  it('is unknown when an allowed value is not a period CloudWatch Logs offers, or none is listed', () => {
    for (const declaration of [
      '    Type: Number\n    AllowedValues: [0, 30]\n',
      '    Type: Number\n',
      '    Type: Number\n    NoEcho: true\n    AllowedValues: [7, 30]\n',
    ]) {
      const { unknown, passed } = withParameter(declaration);
      expect(passed, declaration).toEqual([]);
      expect(unknown.map((f) => f.message)).toEqual([
        expect.stringMatching(/^RetentionInDays is not known before deploy \(from parameter RetentionDays/),
      ]);
    }
  });

  it('passes the value given with -p, as any other', () => {
    const { passed } = withParameter('    Type: Number\n    AllowedValues: [7, 30]\n', {
      RetentionDays: '30',
    });
    expect(passed.map((f) => f.message)).toEqual(['events expire after 30 days']);
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

describe('logs.log-group-no-retention on !If [Cond, !Ref Days, !Ref AWS::NoValue], Days listing its AllowedValues', () => {
  const text = (allowed: string) =>
    template(
      fn + group('      RetentionInDays: !If [HasRetention, !Ref Days, !Ref AWS::NoValue]\n'),
      `Parameters:\n  Days:\n    Type: Number\n    AllowedValues: ${allowed}\n` +
        '  SetRetention:\n    Type: String\n' +
        "Conditions:\n  HasRetention: !Equals [!Ref SetRetention, 'true']\n",
    );
  const withCondition = (allowed: string, parameters: Record<string, string>) =>
    scanTemplate(text(allowed), check, { parameters });
  const results = (scan: { findings: readonly Finding[] }) => scan.findings.map((f) => [f.status, f.message]);

  it('reads the allowed values where the condition holds: set, whichever it is', () => {
    expect(results(withCondition('[7, 30]', { SetRetention: 'true' }))).toEqual([
      [
        'pass',
        'events expire after 7 or 30 days, whichever it is (from parameter Days, which has no default, one of its AllowedValues)',
      ],
    ]);
  });

  it('fails where the condition does not hold: no retention', () => {
    expect(results(withCondition('[7, 30]', { SetRetention: 'false' }))).toEqual([
      ['fail', 'The log group of function Fn has no RetentionInDays: its events are kept forever.'],
    ]);
  });

  it('is unknown, for the case without retention only, where the condition is not known before deploy', () => {
    // As `parapet scan` runs it: each case of condition HasRetention is checked; the one with retention passes.
    expect(results(scanTemplateFile(text('[7, 30]'), 'logs.log-group-no-retention'))).toEqual([
      [
        'unknown',
        'When condition HasRetention does not hold: The log group of function Fn has no RetentionInDays: its events are ' +
          'kept forever. Condition HasRetention cannot be decided before deploy: it compares values not known before ' +
          'deploy (from parameter SetRetention, which has no default).',
      ],
    ]);
  });

  it('stays unknown where an allowed value is not a period CloudWatch Logs offers', () => {
    expect(results(withCondition('[0, 30]', { SetRetention: 'true' }))).toEqual([
      [
        'unknown',
        'RetentionInDays is not known before deploy (from parameter Days, which has no default, one of its AllowedValues)',
      ],
    ]);
  });
});

describe('logs.log-group-no-retention on a mapping entry a parameter chooses (Fn::FindInMap)', () => {
  /** RetentionInDays from mapping Env by parameter Stage (`default` its Default line), the entries' days. */
  const mapped = (days: readonly string[], stageDefault = '') =>
    scanTemplate(
      template(
        fn + group('      RetentionInDays: !FindInMap [Env, !Ref Stage, Days]\n'),
        `Parameters:\n  Stage:\n    Type: String\n    AllowedValues: [dev, build]\n${stageDefault}` +
          `Mappings:\n  Env:\n${days.map((d, i) => `    ${['dev', 'build'][i]}:\n      Days: ${d}\n`).join('')}`,
      ),
      check,
    );
  const results = (scan: { findings: readonly Finding[] }) =>
    scan.findings.map((f) => [f.status, f.message, f.assumptions]);

  it('passes where every entry gives the same period: every deploy gives it, whichever key', () => {
    expect(results(mapped(['3', '3']))).toEqual([['pass', 'events expire after 3 days', undefined]]);
  });

  it('assumes nothing of a default that chooses between entries that all give one period', () => {
    expect(results(mapped(['3', '3'], '    Default: dev\n'))).toEqual([
      ['pass', 'events expire after 3 days', undefined],
    ]);
    // Entries that differ: the default's entry, assumed.
    expect(results(mapped(['3', '7'], '    Default: dev\n'))).toEqual([
      [
        'pass',
        'events expire after 3 days',
        ['parameter Stage uses its default value, which a deploy may override'],
      ],
    ]);
  });

  it('passes where each entry gives a period, whichever it is; unknown where one is no period', () => {
    expect(results(mapped(['3', '7']))).toEqual([
      [
        'pass',
        'events expire after 3 or 7 days, whichever it is (Fn::FindInMap over Env, its key not known before ' +
          'deploy: from parameter Stage, which has no default)',
        undefined,
      ],
    ]);
    expect(mapped(['3', '45']).findings.map((f) => [f.status, f.message])).toEqual([
      [
        'unknown',
        'RetentionInDays is not known before deploy (Fn::FindInMap over Env, its key not known before deploy: ' +
          'from parameter Stage, which has no default)',
      ],
    ]);
  });
});
