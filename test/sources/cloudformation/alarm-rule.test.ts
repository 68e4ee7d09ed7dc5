import { describe, expect, it } from 'vitest';
import type { Heard } from '../../../src/sources/cloudformation/map/alarm-naming.js';
import { readAlarmRule } from '../../../src/sources/cloudformation/map/alarm-rule.js';
import { ruleHears } from '../../../src/sources/cloudformation/map/alarm-rule-hears.js';

// A composite alarm's AlarmRule as boolean logic: whether alarm x going into ALARM can take the composite into ALARM.

/** Whether `rule` hears x; operands named `maybe…` or with `${...}` may or may not be x. */
const hears = (rule: string) => {
  const named = (operand: string): Heard =>
    operand === 'x' ? 'yes' : operand.startsWith('maybe') || operand.includes('${') ? 'maybe' : 'no';
  return ruleHears(readAlarmRule(rule).readings, named, (operand) => operand).heard;
};

describe('AlarmRule: whether x going into ALARM can take the composite into ALARM', () => {
  it('hears x where some state of the others lets it decide', () => {
    for (const rule of [
      'ALARM(x)',
      'ALARM("x") AND ALARM(y)',
      'ALARM(x) OR ALARM(y)',
      'ALARM(x) AND TRUE',
      'ALARM(x) OR FALSE',
      'NOT OK(x) AND NOT ALARM(y)',
      '(ALARM(x) OR ALARM(y)) AND NOT ALARM(z)',
      'NOT (NOT ALARM(x))',
      'ALARM(x) AND ALARM(y) AND NOT ALARM(z)',
      'AT_LEAST(2, ALARM, (x, y, z))',
      'AT_LEAST(50%, ALARM, ("x", "y"))',
      // y named twice: in ALARM, the first part holds with x alone.
      '(ALARM(x) AND ALARM(y)) OR (OK(y) AND FALSE)',
      // y in INSUFFICIENT_DATA, a state no term of y tests.
      'ALARM(x) AND NOT OK(y) AND NOT ALARM(y)',
      'ALARM(x) AND AT_LEAST(1, ALARM, (y, z)) AND NOT ALARM(y)',
    ])
      expect(hears(rule), rule).toBe('yes');
  });

  it('does not hear x where no state of the others lets it decide', () => {
    for (const rule of [
      'ALARM(x) AND FALSE',
      'ALARM(x) OR TRUE',
      'NOT ALARM(x)',
      'OK(x)',
      'INSUFFICIENT_DATA(x) OR ALARM(y)',
      'ALARM(y) AND NOT ALARM(y) AND ALARM(x)',
      'ALARM(x) AND ALARM(y) AND OK(y)',
      '(ALARM(x) OR ALARM(y)) AND FALSE',
      'AT_LEAST(1, OK, (x, y))',
      'AT_LEAST(3, ALARM, (x, y))',
      'NOT AT_LEAST(1, ALARM, (x, y))',
      'ALARM(y) AND ALARM(z)',
      // Not well written: CloudWatch refuses it, and the composite is never made.
      'ALARM(x',
      'ALARM(x) AND',
      'ALARM(x) XOR ALARM(y)',
    ])
      expect(hears(rule), rule).toBe('no');
  });

  it('is maybe where an operand that may be x decides, or AND and OR meet without parentheses', () => {
    // As AND before OR, x is heard; left to right, `(x OR y) AND FALSE` never is.
    expect(hears('ALARM(x) OR ALARM(y) AND FALSE')).toBe('maybe');
    // Either reading hears x: no doubt.
    expect(hears('ALARM(x) OR ALARM(y) AND ALARM(z)')).toBe('yes');
    // If maybe-y is x, the rule never goes into ALARM; if another alarm, it does with x.
    expect(hears('ALARM(x) AND NOT ALARM(maybe-y)')).toBe('maybe');
    expect(hears('ALARM(maybe-y)')).toBe('maybe');
    expect(hears('ALARM(maybe-y) AND FALSE')).toBe('no');
    // ${P} may be x, another alarm, or y itself, under which the rule never goes into ALARM.
    expect(hears('ALARM(x) AND ALARM("${P}") AND OK(y)')).toBe('maybe');
    // p-${P} cannot be y: as x or as another alarm, the rule hears x.
    expect(hears('ALARM(x) AND ALARM("p-${P}") AND OK(y)')).toBe('yes');
  });

  it('gives up, maybe, where too many operands may be x to weigh', () => {
    const rule = Array.from({ length: 12 }, (_, i) => `ALARM(maybe-${i})`).join(' OR ');
    const reading = readAlarmRule(rule);
    const found = ruleHears(
      reading.readings,
      () => 'maybe',
      (operand) => operand,
    );
    expect(found).toEqual({ heard: 'maybe', tooLarge: true });
  });

  it('reads every term’s operands, and text not known before deploy outside terms as open', () => {
    expect(readAlarmRule('ALARM("a") AND NOT OK(b) OR AT_LEAST(1, ALARM, (c, "d"))').operands).toEqual([
      'a',
      'b',
      'c',
      'd',
    ]);
    expect(readAlarmRule('ALARM(a) OR ${Extra}')).toMatchObject({
      operands: ['a'],
      open: true,
      readings: [],
    });
    expect(readAlarmRule('ALARM("${Name}")')).toMatchObject({ open: false });
  });
});
