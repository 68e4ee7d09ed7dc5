/**
 * A composite alarm's AlarmRule read as the boolean expression it is (AlarmRule syntax, AWS::CloudWatch::CompositeAlarm
 * / PutCompositeAlarm): `ALARM(x)`, `OK(x)` and `INSUFFICIENT_DATA(x)` hold while alarm x (a name or ARN, quoted or
 * not) is in that state, `TRUE` and `FALSE` always and never, `AT_LEAST(M, STATE, (a, b, ...))` while M of the listed
 * alarms (or M% of them) are in STATE; `NOT`, `AND` and `OR` combine them, and parentheses group. Whether it hears an
 * alarm is worked out in ./alarm-rule-hears.ts.
 *
 * Read by hand, left to right, in one pass: a regular expression with an optional operand between optional spaces
 * backtracks without end on an unclosed `ALARM(` (AlarmRule takes 10,240 characters).
 */

export type AlarmState = 'ALARM' | 'OK' | 'INSUFFICIENT_DATA';

export type RuleExpression =
  | { readonly kind: 'constant'; readonly value: boolean }
  | { readonly kind: 'state'; readonly state: AlarmState; readonly operand: string }
  | {
      readonly kind: 'atLeast';
      readonly count: number;
      readonly percent: boolean;
      readonly state: AlarmState;
      readonly operands: readonly string[];
    }
  | { readonly kind: 'not'; readonly of: RuleExpression }
  | { readonly kind: 'and' | 'or'; readonly of: readonly RuleExpression[] };

export interface AlarmRuleReading {
  /** Every alarm the rule's terms name, whatever the state or NOT around them (to index composites by). */
  readonly operands: string[];
  /** Whether text not known before deploy (`${Param}`) stands outside any term: it may say anything. */
  readonly open: boolean;
  /**
   * The rule as an expression; two when AND and OR meet without parentheses (`a OR b AND c`), which the AlarmRule
   * documentation does not rank: as AND before OR, and left to right. Empty when the rule is not well written
   * (CloudWatch refuses it, and the composite is never made) or is open.
   */
  readonly readings: RuleExpression[];
}

type Token =
  | { kind: '(' | ')' | 'AND' | 'OR' | 'NOT' | 'TRUE' | 'FALSE' | 'gap' }
  | { kind: 'term'; term: RuleExpression };

const STATES: readonly string[] = ['ALARM', 'OK', 'INSUFFICIENT_DATA'];
const WORDS: readonly string[] = ['AND', 'OR', 'NOT', 'TRUE', 'FALSE'];

export function readAlarmRule(rule: string): AlarmRuleReading {
  const operands: string[] = [];
  const tokens = tokenize(rule, operands);
  const open = tokens?.some((t) => t.kind === 'gap') ?? false;
  if (tokens === undefined || open) return { operands, open, readings: [] };
  const first = new Parser(tokens, 'and-first');
  const expression = first.whole();
  if (expression === undefined) return { operands, open, readings: [] };
  if (!first.mixed) return { operands, open, readings: [expression] };
  const inOrder = new Parser(tokens, 'left-to-right').whole();
  return { operands, open, readings: inOrder === undefined ? [expression] : [expression, inOrder] };
}

/** The rule's tokens, each term read whole (its operands added to `operands`); undefined where it is not well written. */
function tokenize(rule: string, operands: string[]): Token[] | undefined {
  const tokens: Token[] = [];
  let i = 0;
  while (true) {
    i = skipSpaces(rule, i);
    if (i >= rule.length) return tokens;
    const c = rule[i] as string;
    if (c === '(' || c === ')') {
      tokens.push({ kind: c });
      i += 1;
      continue;
    }
    if (rule.startsWith('${', i)) {
      const close = rule.indexOf('}', i);
      if (close < 0) return undefined;
      tokens.push({ kind: 'gap' });
      i = close + 1;
      continue;
    }
    let end = i;
    while (end < rule.length && /[A-Za-z0-9_]/.test(rule[end] as string)) end++;
    const word = rule.slice(i, end);
    if (WORDS.includes(word)) {
      tokens.push({ kind: word as 'AND' });
      i = end;
      continue;
    }
    const open = skipSpaces(rule, end);
    if (rule[open] !== '(') return undefined;
    const read = STATES.includes(word)
      ? readState(rule, open + 1, word as AlarmState)
      : word === 'AT_LEAST'
        ? readAtLeast(rule, open + 1)
        : undefined;
    if (read === undefined) return undefined;
    const { term } = read;
    if (term.kind === 'state') operands.push(term.operand);
    if (term.kind === 'atLeast') operands.push(...term.operands);
    tokens.push({ kind: 'term', term });
    i = read.end;
  }
}

interface Read {
  readonly term: RuleExpression;
  readonly end: number;
}

/** `STATE(operand)` from after its `(`. */
function readState(rule: string, at: number, state: AlarmState): Read | undefined {
  const operand = readOperand(rule, at, ')');
  if (operand === undefined || operand.text === '') return undefined;
  const close = skipSpaces(rule, operand.end);
  return rule[close] === ')'
    ? { term: { kind: 'state', state, operand: operand.text }, end: close + 1 }
    : undefined;
}

/** `AT_LEAST(M, STATE, (a, b, ...))` from after its `(`: M a whole number, or a percentage (`50%`). */
function readAtLeast(rule: string, at: number): Read | undefined {
  const threshold = readOperand(rule, at, ',');
  if (threshold === undefined || rule[threshold.end] !== ',') return undefined;
  const m = /^(\d+)(%?)$/.exec(threshold.text);
  const state = readOperand(rule, threshold.end + 1, ',');
  if (m === null || state === undefined || rule[state.end] !== ',' || !STATES.includes(state.text))
    return undefined;
  let i = skipSpaces(rule, state.end + 1);
  if (rule[i] !== '(') return undefined;
  const listed: string[] = [];
  for (i += 1; ; ) {
    const item = readOperand(rule, i, ',');
    if (item === undefined || item.text === '') return undefined;
    listed.push(item.text);
    i = skipSpaces(rule, item.end);
    if (rule[i] === ',') i += 1;
    else if (rule[i] === ')') break;
    else return undefined;
  }
  const close = skipSpaces(rule, i + 1);
  if (rule[close] !== ')') return undefined;
  const term: RuleExpression = {
    kind: 'atLeast',
    count: Number(m[1]),
    percent: m[2] === '%',
    state: state.text as AlarmState,
    operands: listed,
  };
  return { term, end: close + 1 };
}

/** An operand from `at`: quoted ("..." or '...') or up to the next `stop` or `)`, trimmed; where it ends. */
function readOperand(rule: string, at: number, stop: string): { text: string; end: number } | undefined {
  let i = skipSpaces(rule, at);
  const quote = rule[i];
  if (quote === '"' || quote === "'") {
    const close = rule.indexOf(quote, i + 1);
    return close < 0 ? undefined : { text: rule.slice(i + 1, close), end: skipSpaces(rule, close + 1) };
  }
  const start = i;
  while (i < rule.length && rule[i] !== stop && rule[i] !== ')') i++;
  return i >= rule.length ? undefined : { text: rule.slice(start, i).trim(), end: i };
}

function skipSpaces(rule: string, at: number): number {
  let i = at;
  while (i < rule.length && /\s/.test(rule[i] as string)) i++;
  return i;
}

/**
 * Recursive descent over the tokens: `NOT` applies to the term or parenthesised group after it; a run of terms joined
 * by AND and OR is grouped as `order` says. `mixed` tells whether a run joined both without parentheses.
 */
class Parser {
  private at = 0;
  mixed = false;

  constructor(
    private readonly tokens: readonly Token[],
    private readonly order: 'and-first' | 'left-to-right',
  ) {}

  whole(): RuleExpression | undefined {
    const expression = this.run();
    return this.at === this.tokens.length ? expression : undefined;
  }

  private run(): RuleExpression | undefined {
    const first = this.unary();
    if (first === undefined) return undefined;
    const operands = [first];
    const joins: ('AND' | 'OR')[] = [];
    for (let next = this.tokens[this.at]; next?.kind === 'AND' || next?.kind === 'OR'; ) {
      this.at += 1;
      const operand = this.unary();
      if (operand === undefined) return undefined;
      joins.push(next.kind);
      operands.push(operand);
      next = this.tokens[this.at];
    }
    if (new Set(joins).size > 1) this.mixed = true;
    return this.order === 'and-first' ? andFirst(operands, joins) : inOrder(operands, joins);
  }

  private unary(): RuleExpression | undefined {
    const token = this.tokens[this.at];
    this.at += 1;
    switch (token?.kind) {
      case 'NOT': {
        const of = this.unary();
        return of === undefined ? undefined : { kind: 'not', of };
      }
      case 'TRUE':
      case 'FALSE':
        return { kind: 'constant', value: token.kind === 'TRUE' };
      case 'term':
        return token.term;
      case '(': {
        const inner = this.run();
        if (inner === undefined || this.tokens[this.at]?.kind !== ')') return undefined;
        this.at += 1;
        return inner;
      }
      default:
        return undefined;
    }
  }
}

function andFirst(operands: RuleExpression[], joins: ('AND' | 'OR')[]): RuleExpression {
  const alternatives: RuleExpression[][] = [[operands[0] as RuleExpression]];
  joins.forEach((join, i) => {
    const operand = operands[i + 1] as RuleExpression;
    if (join === 'AND') alternatives[alternatives.length - 1]?.push(operand);
    else alternatives.push([operand]);
  });
  const groups = alternatives.map(
    (group): RuleExpression =>
      group.length === 1 ? (group[0] as RuleExpression) : { kind: 'and', of: group },
  );
  return groups.length === 1 ? (groups[0] as RuleExpression) : { kind: 'or', of: groups };
}

function inOrder(operands: RuleExpression[], joins: ('AND' | 'OR')[]): RuleExpression {
  return joins.reduce<RuleExpression>(
    (left, join, i) => ({
      kind: join === 'AND' ? 'and' : 'or',
      of: [left, operands[i + 1] as RuleExpression],
    }),
    operands[0] as RuleExpression,
  );
}
