/**
 * The rules a composite alarm is heard by without trying cases (alarm-rule-hears.ts): those where going into ALARM
 * can never take it out, read in two states of the other alarms.
 */
import { type AlarmState, atLeastMet, type RuleExpression } from './alarm-rule-terms.js';

/**
 * Whether every reading hears x where going into ALARM can never take it out (no NOT, every term asks for ALARM), by
 * one of two states of the others: all OK (x alone takes it into ALARM: `ALARM(x) OR ...`), or all in ALARM (it is
 * out of ALARM with x OK and in with x: `ALARM(x) AND ALARM(${A}) AND ...`). Either holds whatever the operands that may
 * be x turn out to be (as x, they only add to its ALARM with x, and are OK without it), with no case to try.
 */
export function heardWithoutCases(
  readings: readonly RuleExpression[],
  isX: (operand: string) => boolean,
): boolean {
  const isOther = (operand: string) => !isX(operand);
  return readings.every(
    (expression) =>
      onlyRises(expression) &&
      ((valueWith(expression, isX) && !valueWith(expression, () => false)) ||
        (valueWith(expression, () => true) && !valueWith(expression, isOther))),
  );
}

function onlyRises(expression: RuleExpression): boolean {
  switch (expression.kind) {
    case 'constant':
      return true;
    case 'state':
      return expression.state === 'ALARM';
    case 'atLeast':
      return expression.state === 'ALARM' && !expression.negated;
    case 'not':
      return false;
    case 'and':
    case 'or':
      return expression.of.every(onlyRises);
  }
}

/** The rule's value with the operands `inAlarm` gives in ALARM and every other OK. */
function valueWith(expression: RuleExpression, inAlarm: (operand: string) => boolean): boolean {
  const holds = (state: AlarmState, operand: string) => state === (inAlarm(operand) ? 'ALARM' : 'OK');
  switch (expression.kind) {
    case 'constant':
      return expression.value;
    case 'state':
      return holds(expression.state, expression.operand);
    case 'atLeast': {
      return atLeastMet(
        expression,
        expression.operands.filter((o) => holds(expression.state, o) !== expression.negated).length,
      );
    }
    case 'not':
      return !valueWith(expression.of, inAlarm);
    case 'and':
      return expression.of.every((part) => valueWith(part, inAlarm));
    case 'or':
      return expression.of.some((part) => valueWith(part, inAlarm));
  }
}
