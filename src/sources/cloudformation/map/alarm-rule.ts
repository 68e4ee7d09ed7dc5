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
   * Whether the rule is not one Parapet reads: not well written as the AlarmRule syntax is documented, or nested
   * deeper than MAX_DEPTH. CloudWatch may refuse it, or read what the documentation leaves out (keywords in lower
   * case, say): it may hear any alarm its text names.
   */
  readonly unread: boolean;
  /**
   * The rule as an expression; two when AND and OR meet without parentheses (`a OR b AND c`), which the AlarmRule
   * documentation does not rank: as AND before OR, and left to right. Empty when the rule is open or unread.
   */
  readonly readings: RuleExpression[];
}

/** Parentheses and NOTs nested deeper than this are not read (the reading recurses on each). */
const MAX_DEPTH = 500;

export function readAlarmRule(rule: string): AlarmRuleReading {
  const operands: string[] = [];
  const tokens = tokenize(rule, operands);
  const open = tokens?.some((t) => t.kind === 'gap') ?? false;
  if (tokens === undefined) return { operands, open, unread: true, readings: [] };
  if (open) return { operands, open, unread: false, readings: [] };
  const first = new Parser(tokens, 'and-first');
  const expression = first.whole();
  if (expression === undefined) return { operands, open, unread: true, readings: [] };
  if (!first.mixed) return { operands, open, unread: false, readings: [expression] };
  const inOrder = new Parser(tokens, 'left-to-right').whole();
  return {
    operands,
    open,
    unread: false,
    readings: inOrder === undefined ? [expression] : [expression, inOrder],
  };
}

/**
 * Recursive descent over the tokens: `NOT` applies to the term or parenthesised group after it; a run of terms joined
 * by AND and OR is grouped as `order` says. `mixed` tells whether a run joined both without parentheses.
 */
class Parser {
  private at = 0;
  private depth = 0;
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
    if (this.depth >= MAX_DEPTH) return undefined;
    this.depth += 1;
    const expression = this.operand();
    this.depth -= 1;
    return expression;
  }

  private operand(): RuleExpression | undefined {
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
