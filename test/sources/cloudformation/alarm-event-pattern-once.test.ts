import { describe, expect, it, vi } from 'vitest';
import type { MetricAlarm } from '../../../src/model/monitoring.js';
import { readJsonText } from '../../../src/sources/cloudformation/map/json-text.js';
import { buildTemplateInventory } from '../../../src/sources/cloudformation/template.js';
import { parseYaml } from '../../../src/sources/cloudformation/yaml.js';
import { template } from '../../helpers/scan-template.js';
import { functionAlarm, lambdaFunction } from '../../helpers/templates.js';

// An EventBridge rule's EventPattern written as JSON text is read once per rule, not once per rule and alarm.

// Each JSON text read is counted: the template below holds none but the rules' patterns.
vi.mock('../../../src/sources/cloudformation/map/json-text.js', async (original) => {
  const actual = await original<typeof import('../../../src/sources/cloudformation/map/json-text.js')>();
  return { ...actual, readJsonText: vi.fn(actual.readJsonText) };
});

const rule = (id: string, alarmName: string) => `  ${id}:
    Type: AWS::Events::Rule
    Properties:
      EventPattern: '{"source":["aws.cloudwatch"],"detail":{"alarmName":["${alarmName}"],"state":{"value":["ALARM"]}}}'
      Targets: [{ Id: t, Arn: arn:aws:sns:us-east-1:123456789012:alerts }]
`;

describe('an EventBridge rule whose EventPattern is JSON text', () => {
  it('is read once, whatever the number of alarms it may hear', () => {
    const reads = vi.mocked(readJsonText);
    for (const count of [4, 20]) {
      reads.mockClear();
      const alarms = Array.from({ length: count }, (_, i) =>
        functionAlarm(`Err${i}`, { name: `fn-errors-${i}` }),
      );
      const parsed = parseYaml(
        template(
          lambdaFunction('Fn') + alarms.join('') + rule('Hears', 'fn-errors-1') + rule('Other', 'other'),
        ),
        'template.yaml',
      );
      const { inventory } = buildTemplateInventory(parsed.value as Record<string, unknown>, parsed.locator, {
        parseErrors: parsed.errors,
      });
      const heardBy = inventory.list('cloudwatch.alarm').map((alarm: MetricAlarm) => alarm.heardBy);
      expect(heardBy).toEqual(
        Array.from({ length: count }, (_, i) => (i === 1 ? 'EventBridge rule Hears' : undefined)),
      );
      expect(reads.mock.calls.map(([text]) => text.includes('"alarmName"'))).toEqual([true, true]);
    }
  });
});
