/**
 * The alarms a composite alarm's AlarmRule hears rising: the operands of its `ALARM(...)` terms, and of
 * `AT_LEAST(M, ALARM, (a, b, ...))`, that hold when that alarm is in ALARM (under an even number of `NOT`s). NOT
 * applies to the term or parenthesised group after it, AND and OR join them (AlarmRule syntax,
 * AWS::CloudWatch::CompositeAlarm / PutCompositeAlarm); `NOT (ALARM(a) OR ALARM(b))` negates both. `OK(...)`,
 * `INSUFFICIENT_DATA(...)` and AT_LEAST over another state do not hear errors.
 *
 * Read by hand, left to right, in one pass: a regular expression with an optional operand between optional spaces
 * backtracks without end on an unclosed `ALARM(` (AlarmRule takes 10,240 characters).
 */
export interface AlarmRuleReading {
  readonly operands: string[];
  /** Whether text not known before deploy (`${Param}`) stands outside any term: it may name more alarms. */
  readonly open: boolean;
}

/** A term's start, `NOT`, or a parenthesis: what the reading stops at. */
const TOKEN = /\b(ALARM|OK|INSUFFICIENT_DATA|AT_LEAST)\s*\(|\bNOT\b|[()]|\$\{/g;

export function readAlarmRule(rule: string): AlarmRuleReading {
  const operands: string[] = [];
  const negated: boolean[] = [false];
  let not = false;
  let open = false;
  const token = new RegExp(TOKEN.source, 'g');
  for (let match = token.exec(rule); match !== null; match = token.exec(rule)) {
    const outer = negated[negated.length - 1] ?? false;
    const [text, fn] = match;
    if (text === '${') open = true;
    else if (text === 'NOT') not = !not;
    else if (text === '(') {
      negated.push(outer !== not);
      not = false;
    } else if (text === ')') {
      if (negated.length > 1) negated.pop();
      not = false;
    } else {
      const positive = outer === not;
      const end = fn === 'AT_LEAST' ? readAtLeast(rule, token.lastIndex, positive, operands) : undefined;
      if (fn !== 'AT_LEAST') {
        const operand = readOperand(rule, token.lastIndex, ')');
        if (operand !== undefined) {
          if (fn === 'ALARM' && positive) operands.push(operand.text);
          token.lastIndex = closing(rule, operand.end);
        }
      } else if (end !== undefined) token.lastIndex = end;
      not = false;
    }
  }
  return { operands, open };
}

/** An operand from `at`: quoted ("..." or '...') or up to the next `stop` or `)`, trimmed; where it ends. */
function readOperand(rule: string, at: number, stop: string): { text: string; end: number } | undefined {
  let i = skipSpaces(rule, at);
  const quote = rule[i];
  if (quote === '"' || quote === "'") {
    const close = rule.indexOf(quote, i + 1);
    return close < 0 ? undefined : { text: rule.slice(i + 1, close), end: close + 1 };
  }
  const start = i;
  while (i < rule.length && rule[i] !== stop && rule[i] !== ')') i++;
  return i >= rule.length ? undefined : { text: rule.slice(start, i).trim(), end: i };
}

/** Past the `)` that closes a term after `at` (spaces between), or `at` when another character comes first. */
function closing(rule: string, at: number): number {
  const i = skipSpaces(rule, at);
  return rule[i] === ')' ? i + 1 : at;
}

/**
 * `AT_LEAST(M, STATE, (a, b, ...))` read from after its `(`: the listed alarms are operands when STATE is ALARM and
 * the term is positive (with M of them in ALARM it goes into ALARM: each may be one of the M). Where it ends, or
 * undefined when it is not written so.
 */
function readAtLeast(rule: string, at: number, positive: boolean, operands: string[]): number | undefined {
  const threshold = readOperand(rule, at, ',');
  if (threshold === undefined || rule[threshold.end] !== ',') return undefined;
  const state = readOperand(rule, threshold.end + 1, ',');
  if (state === undefined || rule[state.end] !== ',') return undefined;
  let i = skipSpaces(rule, state.end + 1);
  if (rule[i] !== '(') return undefined;
  const listed: string[] = [];
  for (i += 1; ; ) {
    const item = readOperand(rule, i, ',');
    if (item === undefined) return undefined;
    if (item.text !== '') listed.push(item.text);
    i = skipSpaces(rule, item.end);
    if (rule[i] === ',') i += 1;
    else if (rule[i] === ')') break;
    else return undefined;
  }
  if (state.text.toUpperCase() === 'ALARM' && positive) operands.push(...listed);
  return closing(rule, i + 1);
}

function skipSpaces(rule: string, at: number): number {
  let i = at;
  while (i < rule.length && /\s/.test(rule[i] as string)) i++;
  return i;
}
