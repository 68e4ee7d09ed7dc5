import { describe, expect, it, vi } from 'vitest';
import type { MetricAlarm } from '../../../src/model/monitoring.js';
import { readAlarmRule } from '../../../src/sources/cloudformation/map/alarm-rule.js';
import { buildTemplateInventory } from '../../../src/sources/cloudformation/template.js';
import { parseYaml } from '../../../src/sources/cloudformation/yaml.js';
import { template } from '../../helpers/scan-template.js';
import { functionAlarm, lambdaFunction } from '../../helpers/templates.js';

// The listeners of alarms mapped each under a Condition of its own: read again under it only where they read it.

// Each composite's rule read is counted: how often the listeners are read, whatever the template's size.
vi.mock('../../../src/sources/cloudformation/map/alarm-rule.js', async (original) => {
  const actual = await original<typeof import('../../../src/sources/cloudformation/map/alarm-rule.js')>();
  return { ...actual, readAlarmRule: vi.fn(actual.readAlarmRule) };
});

const TOPIC = 'arn:aws:sns:us-east-1:123456789012:alerts';

const heardBy = (text: string) => {
  const parsed = parseYaml(text, 'template.yaml');
  const built = buildTemplateInventory(parsed.value as Record<string, unknown>, parsed.locator, {
    parseErrors: parsed.errors,
  });
  return Object.fromEntries(
    built.inventory.list('cloudwatch.alarm').map((alarm: MetricAlarm) => [alarm.id, alarm.heardBy]),
  );
};

/**
 * `count` alarms on Errors of Fn, each under a Condition of its own (false with the defaults), and as many composites,
 * each of whose rule names two of them only where its own alarm's Condition holds (conds240.yaml of the review).
 */
function alarmsUnderConditions(count: number): string {
  const parameters = Array.from({ length: count }, (_, i) => `  E${i}: { Type: String, Default: 'no' }\n`);
  const conditions = Array.from({ length: count }, (_, i) => `  C${i}: !Equals [!Ref E${i}, 'yes']\n`);
  const alarms = Array.from({ length: count }, (_, i) =>
    functionAlarm(`Err${i}`, { name: `fn-errors-${i}`, condition: `    Condition: C${i}\n` }),
  );
  const composites = Array.from(
    { length: count },
    (_, i) => `  Comp${i}:
    Type: AWS::CloudWatch::CompositeAlarm
    Properties:
      AlarmRule: !If [C${i}, 'ALARM(fn-errors-${i}) OR ALARM(fn-errors-${(i + 1) % count})', 'FALSE']
      AlarmActions: [${TOPIC}]
`,
  );
  return template(
    lambdaFunction('Fn') + alarms.join('') + composites.join(''),
    `Parameters:\n${parameters.join('')}Conditions:\n${conditions.join('')}`,
  );
}

describe('listeners of alarms mapped under their own Condition', () => {
  it('reads each listener once, and again only under a held condition it reads', () => {
    const reads = vi.mocked(readAlarmRule);
    for (const count of [10, 40]) {
      reads.mockClear();
      const heard = heardBy(alarmsUnderConditions(count));
      // Err i is heard by Comp i, whose rule names it only where C i holds, as Err i is mapped.
      expect(heard).toEqual(
        Object.fromEntries(Array.from({ length: count }, (_, i) => [`Err${i}`, `composite alarm Comp${i}`])),
      );
      // Each composite read as every alarm but its own hears it, and under its own alarm's Condition: not count².
      expect(reads.mock.calls.length).toBe(2 * count);
    }
  });

  it('reads a listener again under a held condition that one it names is made of', () => {
    // IsNotProd is made of IsProd: the composite has actions only where ProdErrors, under IsProd, exists.
    const text = template(
      functionAlarm('ProdErrors', { name: 'prod-errors', condition: '    Condition: IsProd\n' }) +
        lambdaFunction('Fn') +
        functionAlarm('FnErrors', { name: 'fn-errors' }) +
        `  Composite:
    Type: AWS::CloudWatch::CompositeAlarm
    Properties:
      AlarmRule: 'ALARM("fn-errors") OR ALARM("prod-errors")'
      AlarmActions: !If [IsNotProd, !Ref AWS::NoValue, [${TOPIC}]]
`,
      'Parameters:\n  Env: { Type: String, Default: dev }\n' +
        'Conditions:\n  IsProd: !Equals [!Ref Env, prod]\n  IsNotProd: !Not [!Condition IsProd]\n',
    );
    expect(heardBy(text)).toEqual({ ProdErrors: 'composite alarm Composite', FnErrors: undefined });
  });

  it('reads a listener once for alarms under conditions it does not read', () => {
    const reads = vi.mocked(readAlarmRule);
    reads.mockClear();
    const text = template(
      lambdaFunction('Fn') +
        functionAlarm('AErrors', { name: 'a-errors', condition: '    Condition: IsA\n' }) +
        functionAlarm('BErrors', { name: 'b-errors', condition: '    Condition: IsB\n' }) +
        `  Composite:
    Type: AWS::CloudWatch::CompositeAlarm
    Properties:
      AlarmRule: 'ALARM("a-errors") OR ALARM("b-errors")'
      AlarmActions: [${TOPIC}]
`,
      'Parameters:\n  Env: { Type: String, Default: dev }\n' +
        'Conditions:\n  IsA: !Equals [!Ref Env, a]\n  IsB: !Equals [!Ref Env, b]\n',
    );
    expect(heardBy(text)).toEqual({
      AErrors: 'composite alarm Composite',
      BErrors: 'composite alarm Composite',
    });
    expect(reads.mock.calls.length).toBe(1);
  });
});
