import type { Heard } from './alarm-naming.js';
import { mayBeOne, othersMayBeOne } from './alarm-rule-alike.js';
import { risesInSomeState, statesToTry } from './alarm-rule-repeated.js';
import { type RuleExpression, termsOf } from './alarm-rule-terms.js';
import { heardWithoutCases } from './alarm-rule-without-cases.js';

/**
 * Whether a composite alarm's rule (./alarm-rule.ts) hears an alarm x: whether x going from OK into ALARM can take the
 * composite from OK into ALARM, for some state of the other alarms it names. `ALARM(x) AND FALSE` never can;
 * `ALARM(x) AND ALARM(y)` can (y may be in ALARM too), `ALARM(x) OR TRUE` cannot (it is in ALARM already), nor can
 * `NOT ALARM(x)` (it leaves ALARM).
 *
 * Each subexpression is worked out as the set of (value with x OK, value with x in ALARM) pairs its other alarms' states
 * can give. Alarms named once are free, and independent of each other, so AND and OR combine the pairs of their parts;
 * an alarm named more than once is tried in each state its terms tell apart, and an operand that may or may not be x
 * (its name is not known before deploy) as x, as an alarm of its own, and as each other alarm the rule names that its
 * name may give (another such operand's too). That is exact, and bounded: past MAX_CASES, 'maybe'; but for two other
 * alarms that may be one and are tried as two (names not known before deploy, or one name in the stack's own region and
 * account and in an ARN that writes another out, which is another alarm unless the stack is deployed there): a 'yes'
 * there is 'maybe'.
 */

/** How many cases (states of repeated alarms, readings of operands that may be x) one rule is tried in. */
const MAX_CASES = 2_048;

/** The choice of an operand that may be x to be it (no alarm's key: keys are names, never empty). */
const X = '';

export interface RuleHearing {
  readonly heard: Heard;
  /**
   * Set when the rule was too large to weigh (the answer is then 'maybe'), saying what made its cases too many: operands
   * that may be x (each tried as x and as other alarms), other alarms it names more than once (each tried in each state).
   */
  readonly tooLarge?: { readonly mayBeX: boolean; readonly repeated: boolean };
  /**
   * Two operands naming other alarms than x that may be one alarm, where the answer is 'maybe' because they were tried
   * as two: `ALARM(a) AND NOT ALARM("arn:aws:cloudwatch:eu-west-1:111111111111:alarm:a")`.
   */
  readonly alike?: readonly [string, string];
}

/**
 * Whether the readings (one, or two where AND and OR meet unranked) hear x: 'yes' when every reading does whatever the
 * operands turn out to name, 'no' when none can. `named` tells whether an operand names x; `key` which alarm an
 * operand names (a name and an ARN of the stack's own region and account alike: alarmKey), for alarms named more than once.
 */
export function ruleHears(
  readings: readonly RuleExpression[],
  named: (operand: string) => Heard,
  key: (operand: string) => string,
): RuleHearing {
  const operands = readings.flatMap((expression) => termsOf(expression).map((term) => term.operand));
  const naming = new Map(operands.map((operand) => [operand, named(operand)] as const));
  if (![...naming.values()].some((heard) => heard !== 'no')) return { heard: 'no' };
  if (heardWithoutCases(readings, (operand) => naming.get(operand) === 'yes')) return { heard: 'yes' };
  const keys = new Map(operands.map((operand) => [operand, key(operand)] as const));
  const mayBeX = [...new Set(operands.filter((o) => naming.get(o) === 'maybe'))];
  // What each operand that may be x may be instead: x, an alarm of its own, another the rule names, or the one
  // another such operand names (`ALARM(${P}) AND ALARM(${Q})` may name one alarm twice).
  const others = [...new Set(operands.filter((o) => naming.get(o) === 'no').map((o) => keys.get(o) ?? o))];
  const ownKeys = mayBeX.map((operand) => keys.get(operand) ?? operand);
  const choices: string[][] = [];
  let readingsCount = 1;
  for (const own of ownKeys) {
    const options = new Set([X, own]);
    for (const other of [...others, ...ownKeys])
      if (other !== own && mayBeOne(own, other)) options.add(other);
    choices.push([...options]);
    readingsCount *= options.size;
    // Given up as soon as it is too many: the rest need not be worked out.
    if (readingsCount > MAX_CASES) return { heard: 'maybe', tooLarge: { mayBeX: true, repeated: false } };
  }
  const results = new Set<boolean>();
  let cases = 0;
  let repeats = false;
  for (let reading = 0; reading < readingsCount; reading++) {
    const chosen = new Map<string, string>();
    let rest = reading;
    mayBeX.forEach((operand, i) => {
      const options = choices[i] as string[];
      chosen.set(operand, options[rest % options.length] as string);
      rest = Math.floor(rest / options.length);
    });
    const isX = (operand: string) => naming.get(operand) === 'yes' || chosen.get(operand) === X;
    const keyOf = (operand: string) => chosen.get(operand) ?? keys.get(operand) ?? operand;
    for (const expression of readings) {
      const repeated = statesToTry(termsOf(expression), isX, keyOf);
      const tries = [...repeated.values()].reduce((product, states) => product * states.length, 1);
      cases += tries;
      repeats ||= tries > 1;
      // The readings of operands that may be x are a cause unless this one alone is past the bound.
      if (cases > MAX_CASES)
        return {
          heard: 'maybe',
          tooLarge: { mayBeX: readingsCount > 1 && tries <= MAX_CASES, repeated: repeats },
        };
      results.add(risesInSomeState(expression, isX, keyOf, [...repeated]));
      if (results.size > 1) return { heard: 'maybe' };
    }
  }
  if (!results.has(true)) return { heard: 'no' };
  // Two other alarms may be one (names not known before deploy, or one name in an ARN of a region or account written
  // out), which the cases tried kept apart (their states free of each other): that can only give a 'yes' too many.
  const alike = othersMayBeOne(others);
  if (alike === undefined) return { heard: 'yes' };
  const written = (key: string) => operands.find((operand) => keys.get(operand) === key) ?? key;
  return { heard: 'maybe', alike: [written(alike[0]), written(alike[1])] };
}
