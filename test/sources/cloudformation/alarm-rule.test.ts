import { describe, expect, it } from 'vitest';
import { alarmKey, type Heard } from '../../../src/sources/cloudformation/map/alarm-naming.js';
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
      // CDK's AlarmRule.atLeastNot: at least one of them not OK.
      'AT_LEAST(1, NOT OK, (x, y))',
      'AT_LEAST(2, NOT OK, ("x", "y")) AND ALARM(z)',
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
      'AT_LEAST(1, NOT ALARM, (x, y))',
    ])
      expect(hears(rule), rule).toBe('no');
  });

  it('leaves unread a rule not written as documented, or nested too deep to read, instead of reading it as silent', () => {
    for (const rule of [
      'ALARM(x',
      'ALARM(x) AND',
      'ALARM(x) XOR ALARM(y)',
      'ALARM(x) or ALARM(y)',
      'AT_LEAST(1, NOT NOT OK, (x))',
      `${'('.repeat(5000)}ALARM(x)${')'.repeat(5000)}`,
      `${'NOT '.repeat(2600)}ALARM(x)`,
    ])
      expect(readAlarmRule(rule), rule.slice(0, 40)).toMatchObject({ unread: true, readings: [] });
    expect(readAlarmRule(`${'('.repeat(400)}ALARM(x)${')'.repeat(400)}`)).toMatchObject({ unread: false });
  });

  it('hears x, with no case to try, where x alone, or x last, takes a rule of ALARM terms into ALARM', () => {
    // Seven operands that may be x: 3^7 cases, past the bound, but as x they only add to the ALARM.
    const rule = ['ALARM(x)', 'ALARM(y)', ...Array.from({ length: 7 }, (_, i) => `ALARM("\${P${i}}")`)].join(
      ' OR ',
    );
    expect(hears(rule)).toBe('yes');
    // And where all the others in ALARM leave it to x: `AND` of seven that may be x, 3^7 cases.
    const all = ['ALARM(x)', 'ALARM(y)', ...Array.from({ length: 7 }, (_, i) => `ALARM("\${P${i}}")`)].join(
      ' AND ',
    );
    expect(hears(all)).toBe('yes');
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
    // ${P} and ${Q} may name one alarm y: then `ALARM(y) AND (ALARM(y) OR ALARM(x))` is ALARM(y), deaf to x.
    expect(hears('ALARM(${P}) AND (ALARM(${Q}) OR ALARM(x))')).toBe('maybe');
    expect(hears('AT_LEAST(2, ALARM, (x, ${P}, ${Q}))')).toBe('maybe');
    // They may not where their written parts differ: `a-${P}` and `b-${Q}` are two alarms.
    expect(hears('ALARM(a-${P}) AND (ALARM(b-${Q}) OR ALARM(x))')).toBe('yes');
  });

  it('is maybe where two other alarms, not x, may be one though tried as two', () => {
    const notX = (rule: string) =>
      ruleHears(
        readAlarmRule(rule).readings,
        (operand) => (operand === 'x' ? 'yes' : 'no'),
        (operand) => operand,
      ).heard;
    expect(notX('ALARM(q-${P}) AND (ALARM(q-${Q}) OR ALARM(x))')).toBe('maybe');
    expect(notX('ALARM(q-${P}) AND (ALARM(r-${Q}) OR ALARM(x))')).toBe('yes');
  });

  it('gives up, maybe, where too many operands may be x to weigh', () => {
    const rule = Array.from({ length: 12 }, (_, i) => `ALARM(maybe-${i})`).join(' OR ');
    const reading = readAlarmRule(rule);
    const found = ruleHears(
      reading.readings,
      () => 'maybe',
      (operand) => operand,
    );
    expect(found).toEqual({ heard: 'maybe', tooLarge: { mayBeX: true, repeated: false } });
  });

  it('says what made the cases too many: other alarms named more than once, or those and operands that may be x', () => {
    // Seven other alarms each named twice, tried in three states each: 3^7 cases, past the bound with x alone.
    const repeated = ['ALARM(x)', ...Array.from({ length: 7 }, (_, i) => `(ALARM(a${i}) OR OK(a${i}))`)].join(
      ' AND ',
    );
    const weighed = (rule: string) =>
      ruleHears(
        readAlarmRule(rule).readings,
        (operand) => (operand === 'x' ? 'yes' : operand.includes('${') ? 'maybe' : 'no'),
        (operand) => operand,
      );
    expect(weighed(repeated)).toEqual({ heard: 'maybe', tooLarge: { mayBeX: false, repeated: true } });
    // Six such (3^6 = 729 cases), and an operand that may be x tried as x, as its own and as each of them: 8 readings.
    const both = [
      'ALARM(x)',
      'ALARM("${P}")',
      ...Array.from({ length: 6 }, (_, i) => `(ALARM(a${i}) OR OK(a${i}))`),
    ].join(' AND ');
    expect(weighed(both)).toEqual({ heard: 'maybe', tooLarge: { mayBeX: true, repeated: true } });
  });

  it('keys an ARN that writes out a region or account apart from the name: another alarm, or the same one', () => {
    const other = (rule: string) =>
      ruleHears(readAlarmRule(rule).readings, (operand) => (operand === 'x' ? 'yes' : 'no'), alarmKey);
    const elsewhere = 'arn:aws:cloudwatch:eu-west-1:111111111111:alarm:y';
    // As two alarms y is in ALARM and the other y not, and x decides; as one (the stack deployed there), never.
    expect(other(`ALARM(y) AND NOT ALARM("${elsewhere}") AND ALARM(x)`)).toEqual({
      heard: 'maybe',
      alike: ['y', elsewhere],
    });
    // The stack's own region and account: the same alarm y, which cannot be in ALARM and not.
    const own = 'arn:aws:cloudwatch:${AWS::Region}:${AWS::AccountId}:alarm:y';
    expect(other(`ALARM(y) AND NOT ALARM("${own}") AND ALARM(x)`)).toEqual({ heard: 'no' });
    // Two regions written out: two alarms, whatever the stack's.
    const second = 'arn:aws:cloudwatch:us-east-1:111111111111:alarm:y';
    expect(other(`ALARM("${second}") AND NOT ALARM("${elsewhere}") AND ALARM(x)`)).toEqual({ heard: 'yes' });
    // A region from a parameter may be any, the other's too.
    const anywhere = 'arn:aws:cloudwatch:${Region}:111111111111:alarm:y';
    expect(other(`ALARM("${anywhere}") AND NOT ALARM("${elsewhere}") AND ALARM(x)`).heard).toBe('maybe');
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
