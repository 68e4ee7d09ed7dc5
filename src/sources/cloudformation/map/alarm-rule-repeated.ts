/**
 * The alarms other than x that a composite alarm's rule names more than once, tried in each state its terms tell apart
 * (alarm-rule-hears.ts): a repeated alarm is not free in each of its terms, as an alarm named once is.
 */
import { pairsOf, RISES, type Role } from './alarm-rule-pairs.js';
import type { AlarmState, RuleExpression, Term } from './alarm-rule-terms.js';

const STATES: readonly AlarmState[] = ['ALARM', 'OK', 'INSUFFICIENT_DATA'];

/**
 * The alarms other than x that the expression names more than once, each with the states worth trying: those its
 * terms test, and one they do not (which stands for every other), as `ALARM(y) ... ALARM(y)` needs only ALARM and OK.
 */
export function statesToTry(
  terms: readonly Term[],
  isX: (operand: string) => boolean,
  keyOf: (operand: string) => string,
): Map<string, AlarmState[]> {
  const tested = new Map<string, { count: number; states: Set<AlarmState> }>();
  for (const { operand, state } of terms) {
    if (isX(operand)) continue;
    const seen = tested.get(keyOf(operand)) ?? { count: 0, states: new Set<AlarmState>() };
    seen.count += 1;
    seen.states.add(state);
    tested.set(keyOf(operand), seen);
  }
  const repeated = new Map<string, AlarmState[]>();
  for (const [alarm, { count, states }] of tested) {
    if (count < 2) continue;
    const untested = STATES.find((state) => !states.has(state));
    repeated.set(alarm, [...states, ...(untested === undefined ? [] : [untested])]);
  }
  return repeated;
}

/** Whether, for some state of the repeated alarms (each tried), x going into ALARM takes the expression to true. */
export function risesInSomeState(
  expression: RuleExpression,
  isX: (operand: string) => boolean,
  keyOf: (operand: string) => string,
  repeated: readonly (readonly [string, readonly AlarmState[]])[],
): boolean {
  const states = new Map<string, AlarmState>();
  const role = (operand: string): Role => {
    if (isX(operand)) return { kind: 'x' };
    const state = states.get(keyOf(operand));
    return state === undefined ? { kind: 'free' } : { kind: 'fixed', state };
  };
  const tryFrom = (index: number): boolean => {
    const next = repeated[index];
    if (next === undefined) return (pairsOf(expression, role) & RISES) !== 0;
    const [alarm, tries] = next;
    return tries.some((state) => {
      states.set(alarm, state);
      return tryFrom(index + 1);
    });
  };
  return tryFrom(0);
}
