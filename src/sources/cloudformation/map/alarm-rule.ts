import { type RuleExpression, type Token, tokenize } from './alarm-rule-terms.js';

/**
 * A composite alarm's AlarmRule read as the boolean expression it is (AlarmRule syntax, AWS::CloudWatch::CompositeAlarm
 * / PutCompositeAlarm): `ALARM(x)`, `OK(x)` and `INSUFFICIENT_DATA(x)` hold while alarm x (a name or ARN, quoted or
 * not) is in that state, `TRUE` and `FALSE` always and never, `AT_LEAST(M, STATE, (a, b, ...))` while M of the listed
 * alarms (or M% of them) are in STATE; `NOT`, `AND` and `OR` combine them, and parentheses group. Whether it hears an
 * alarm is worked out in ./alarm-rule-hears.ts.
 */

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
