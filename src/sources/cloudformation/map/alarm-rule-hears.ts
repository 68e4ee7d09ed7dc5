import { templateMayGive } from '../../../model/values.js';
import { alarmFields, type Heard } from './alarm-naming.js';
import type { AlarmState, RuleExpression } from './alarm-rule-terms.js';

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

/** A set of (with x OK, with x in ALARM) pairs, as four bits: bit `2 * ok + alarm`. */
type Pairs = number;
const RISES = 1 << 1; // false with x OK, true with x in ALARM

/** What an operand is in one case: x, an alarm free to be in any state, or one in the state this case gives it. */
type Role =
  | { readonly kind: 'x' }
  | { readonly kind: 'free' }
  | { readonly kind: 'fixed'; readonly state: AlarmState };

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

/**
 * Whether two keys (alarmKey) may name one alarm: names that may be the same text, and regions and accounts that may
 * agree. A field an ARN does not write out is the stack's own, which may be any written out; `${...}` may be any.
 */
function mayBeOne(a: string, b: string): boolean {
  const [x, y] = [alarmFields(a), alarmFields(b)];
  const agree = (p: string | undefined, q: string | undefined) =>
    p === undefined || q === undefined || p === q || p.includes('${') || q.includes('${');
  return agree(x.region, y.region) && agree(x.account, y.account) && mayNameAlike(x.name, y.name);
}

/**
 * Whether two names, written with `${...}` parts not known before deploy, may be the same text: a literal name the
 * other may give, or two templates whose literal starts and ends agree.
 */
function mayNameAlike(a: string, b: string): boolean {
  if (!a.includes('${')) return templateMayGive(b, a);
  if (!b.includes('${')) return templateMayGive(a, b);
  const start = (name: string) => name.slice(0, name.indexOf('${'));
  const end = (name: string) => name.slice(name.lastIndexOf('}') + 1);
  const agree = (x: string, y: string, within: (long: string, short: string) => boolean) =>
    x.length >= y.length ? within(x, y) : within(y, x);
  return (
    agree(start(a), start(b), (long, short) => long.startsWith(short)) &&
    agree(end(a), end(b), (long, short) => long.endsWith(short))
  );
}

/** Two of the rule's other alarms (their keys, each another) that may be the same alarm; undefined if none. */
function othersMayBeOne(others: readonly string[]): [string, string] | undefined {
  for (const [i, a] of others.entries())
    for (const b of others.slice(i + 1)) if (mayBeOne(a, b)) return [a, b];
  return undefined;
}

/**
 * Whether every reading hears x where going into ALARM can never take it out (no NOT, every term asks for ALARM), by
 * one of two states of the others: all OK (x alone takes it into ALARM: `ALARM(x) OR ...`), or all in ALARM (it is
 * out of ALARM with x OK and in with x: `ALARM(x) AND ALARM(${A}) AND ...`). Either holds whatever the operands that may
 * be x turn out to be (as x, they only add to its ALARM with x, and are OK without it), with no case to try.
 */
function heardWithoutCases(readings: readonly RuleExpression[], isX: (operand: string) => boolean): boolean {
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

/** The choice of an operand that may be x to be it (no alarm's key: keys are names, never empty). */
const X = '';

const STATES: readonly AlarmState[] = ['ALARM', 'OK', 'INSUFFICIENT_DATA'];

/**
 * The alarms other than x that the expression names more than once, each with the states worth trying: those its
 * terms test, and one they do not (which stands for every other), as `ALARM(y) ... ALARM(y)` needs only ALARM and OK.
 */
function statesToTry(
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
function risesInSomeState(
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

function pairsOf(expression: RuleExpression, role: (operand: string) => Role): Pairs {
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

/** Whether `count` of the listed alarms meeting the term's state is enough: M of them, or M% of the list. */
function atLeastMet(term: Extract<RuleExpression, { kind: 'atLeast' }>, count: number): boolean {
  return term.percent ? count * 100 >= term.count * term.operands.length : count >= term.count;
}

interface Term {
  readonly operand: string;
  readonly state: AlarmState;
}

/** Each alarm the expression names, with the state its term tests (AT_LEAST tests its state of each listed). */
function termsOf(expression: RuleExpression): readonly Term[] {
  let terms = TERMS.get(expression);
  if (terms === undefined) {
    terms = termsIn(expression);
    TERMS.set(expression, terms);
  }
  return terms;
}

/** Each expression's terms, listed once: a composite's rule is asked of every alarm that may be named in it. */
const TERMS = new WeakMap<RuleExpression, readonly Term[]>();

function termsIn(expression: RuleExpression): Term[] {
  switch (expression.kind) {
    case 'constant':
      return [];
    case 'state':
      return [{ operand: expression.operand, state: expression.state }];
    case 'atLeast':
      return expression.operands.map((operand) => ({ operand, state: expression.state }));
    case 'not':
      return termsIn(expression.of);
    case 'and':
    case 'or':
      return expression.of.flatMap(termsIn);
  }
}
