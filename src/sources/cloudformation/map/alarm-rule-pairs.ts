/**
 * The (value with x OK, value with x in ALARM) pairs a composite alarm's rule can give, for the roles its operands
 * play in one case (alarm-rule-hears.ts): x, an alarm free to be in any state, or one in a state the case fixes.
 */
import { type AlarmState, atLeastMet, type RuleExpression } from './alarm-rule-terms.js';

/** A set of (with x OK, with x in ALARM) pairs, as four bits: bit `2 * ok + alarm`. */
type Pairs = number;
export const RISES = 1 << 1; // false with x OK, true with x in ALARM

/** What an operand is in one case: x, an alarm free to be in any state, or one in the state this case gives it. */
export type Role =
  | { readonly kind: 'x' }
  | { readonly kind: 'free' }
  | { readonly kind: 'fixed'; readonly state: AlarmState };

export function pairsOf(expression: RuleExpression, role: (operand: string) => Role): Pairs {
  switch (expression.kind) {
    case 'constant':
      return pair(expression.value, expression.value);
    case 'state':
      return termPairs(expression.state, role(expression.operand));
    case 'not':
      return mapPairs(pairsOf(expression.of, role), (p) => p ^ 3);
    case 'and':
    case 'or':
      return expression.of
        .map((part) => pairsOf(part, role))
        .reduce((left, right) =>
          combine(left, right, expression.kind === 'and' ? (a, b) => a & b : (a, b) => a | b),
        );
    case 'atLeast':
      return atLeastPairs(expression, role);
  }
}

const pair = (withOk: boolean, withAlarm: boolean): Pairs => 1 << ((withOk ? 2 : 0) + (withAlarm ? 1 : 0));

/** `STATE(operand)`: x's follows x; a free alarm's is true or false, the same whatever x does. */
function termPairs(state: AlarmState, role: Role): Pairs {
  if (role.kind === 'x') return pair(state === 'OK', state === 'ALARM');
  if (role.kind === 'free') return pair(false, false) | pair(true, true);
  return pair(role.state === state, role.state === state);
}

function mapPairs(pairs: Pairs, map: (p: number) => number): Pairs {
  let out = 0;
  for (let p = 0; p < 4; p++) if (pairs & (1 << p)) out |= 1 << map(p);
  return out;
}

function combine(left: Pairs, right: Pairs, join: (a: number, b: number) => number): Pairs {
  let out = 0;
  for (let a = 0; a < 4; a++) {
    if (!(left & (1 << a))) continue;
    for (let b = 0; b < 4; b++) if (right & (1 << b)) out |= 1 << join(a, b);
  }
  return out;
}

/**
 * `AT_LEAST(M, STATE, (...))`: the (with x OK, with x in ALARM) counts of listed alarms in STATE that the states can
 * give, each compared with M (M% of the list: at least that share of them).
 */
function atLeastPairs(
  term: Extract<RuleExpression, { kind: 'atLeast' }>,
  role: (operand: string) => Role,
): Pairs {
  const width = term.operands.length + 1;
  let counts = new Set<number>([0]);
  for (const operand of term.operands) {
    const tested = termPairs(term.state, role(operand));
    const pairs = term.negated ? mapPairs(tested, (p) => p ^ 3) : tested;
    const next = new Set<number>();
    for (const at of counts) {
      for (let p = 0; p < 4; p++) if (pairs & (1 << p)) next.add(at + (p >> 1) * width + (p & 1));
    }
    counts = next;
  }
  let out = 0;
  for (const at of counts)
    out |= pair(atLeastMet(term, Math.floor(at / width)), atLeastMet(term, at % width));
  return out;
}
