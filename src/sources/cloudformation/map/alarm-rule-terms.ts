/**
 * The terms of a composite alarm's AlarmRule (./alarm-rule.ts), read by hand, left to right, in one pass: a regular
 * expression with an optional operand between optional spaces backtracks without end on an unclosed `ALARM(`
 * (AlarmRule takes 10,240 characters).
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
      /** `AT_LEAST(M, NOT OK, (...))` (CDK's `AlarmRule.atLeastNot`): M of them not in that state. */
      readonly negated: boolean;
      readonly operands: readonly string[];
    }
  | { readonly kind: 'not'; readonly of: RuleExpression }
  | { readonly kind: 'and' | 'or'; readonly of: readonly RuleExpression[] };

export type Token =
  | { kind: '(' | ')' | 'AND' | 'OR' | 'NOT' | 'TRUE' | 'FALSE' | 'gap' }
  | { kind: 'term'; term: RuleExpression };

const STATES: readonly string[] = ['ALARM', 'OK', 'INSUFFICIENT_DATA'];
const WORDS: readonly string[] = ['AND', 'OR', 'NOT', 'TRUE', 'FALSE'];

/** The rule's tokens, each term read whole (its operands added to `operands`); undefined where it is not well written. */
export function tokenize(rule: string, operands: string[]): Token[] | undefined {
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

/**
 * `AT_LEAST(M, STATE, (a, b, ...))` from after its `(`: M a whole number, or a percentage (`50%`); STATE may be
 * negated (`NOT OK`).
 */
function readAtLeast(rule: string, at: number): Read | undefined {
  const threshold = readOperand(rule, at, ',');
  if (threshold === undefined || rule[threshold.end] !== ',') return undefined;
  const m = /^(\d+)(%?)$/.exec(threshold.text);
  const state = readOperand(rule, threshold.end + 1, ',');
  const stated = state === undefined ? undefined : /^(NOT\s+)?(\w+)$/.exec(state.text);
  if (
    m === null ||
    state === undefined ||
    rule[state.end] !== ',' ||
    !stated ||
    !STATES.includes(stated[2] as string)
  )
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
    state: stated[2] as AlarmState,
    negated: stated[1] !== undefined,
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

/** Whether `count` of the listed alarms meeting the term's state is enough: M of them, or M% of the list. */
export function atLeastMet(term: Extract<RuleExpression, { kind: 'atLeast' }>, count: number): boolean {
  return term.percent ? count * 100 >= term.count * term.operands.length : count >= term.count;
}

export interface Term {
  readonly operand: string;
  readonly state: AlarmState;
}

/** Each alarm the expression names, with the state its term tests (AT_LEAST tests its state of each listed). */
export function termsOf(expression: RuleExpression): readonly Term[] {
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
