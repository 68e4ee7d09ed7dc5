import type { Statement } from '../model/iam.js';
import { isUnknown, type Value } from '../model/values.js';
import type { Tri } from './tri.js';

/**
 * Something a hit depends on (the Effect, the Action, the Resource, ...): how sure it is, and when it
 * is `unknown`, what is not known in words, so that an unknown finding says what it cannot see rather
 * than what a certain one would say.
 */
export interface Factor {
  readonly answer: Tri;
  /** "the Action is not known before deploy (from parameter X, which has no default)"; read when unknown. */
  readonly doubt?: string;
}

/** A part of a statement that can be not known before deploy. */
export type StatementPart = 'Effect' | 'Action' | 'Resource' | 'Condition';

/**
 * A factor on one part of a statement; its doubt is worked out only when the answer is unknown.
 * `whose` names the statement when it is not the one the hit is on (` of the Deny`).
 */
export function partFactor(answer: Tri, statement: Statement, part: StatementPart, whose = ''): Factor {
  if (answer !== 'unknown') return { answer };
  return { answer, doubt: partDoubt(statement, part, whose) };
}

/** A factor whose doubt the caller words itself (the IAM action catalog, a Deny that may apply). */
export function factor(answer: Tri, doubt?: string): Factor {
  return answer === 'unknown' && doubt !== undefined ? { answer, doubt } : { answer };
}

/**
 * What is not known about a part of a statement: `the Action is not known before deploy (<why>)`,
 * `part of the Resource ...` when some of its elements are known. NotAction and NotResource are named
 * as written.
 */
export function partDoubt(statement: Statement, part: StatementPart, whose = ''): string {
  const [name, value] = written(statement, part);
  const reasons = reasonsIn(value);
  const some = reasons.partial ? 'part of ' : '';
  const why = reasons.list.length > 0 ? ` (${reasons.list.join('; ')})` : '';
  return `${some}the ${name}${whose} is not known before deploy${why}`;
}

function written(statement: Statement, part: StatementPart): [string, unknown] {
  switch (part) {
    case 'Effect':
      return ['Effect', statement.effect];
    case 'Action':
      return statement.actions === undefined && statement.notActions !== undefined
        ? ['NotAction', statement.notActions]
        : ['Action', statement.actions];
    case 'Resource':
      return statement.resources === undefined && statement.notResources !== undefined
        ? ['NotResource', statement.notResources]
        : ['Resource', statement.resources];
    case 'Condition':
      return ['Condition', statement.conditions];
  }
}

/** The reasons of the Unknowns in a value (a list's elements included), and whether some of it is known. */
function reasonsIn(value: unknown): { list: string[]; partial: boolean } {
  if (isUnknown(value)) return { list: [value.reason], partial: false };
  if (!Array.isArray(value)) return { list: [], partial: false };
  const unknowns = (value as readonly Value<string>[]).filter(isUnknown);
  return {
    list: [...new Set(unknowns.map((element) => element.reason))],
    partial: unknowns.length < value.length,
  };
}

/** The doubts of the unknown factors, in order and without repeats. */
export function doubtsOf(factors: readonly Factor[]): string[] {
  const doubts: string[] = [];
  for (const f of factors) {
    if (f.answer === 'unknown' && f.doubt !== undefined && !doubts.includes(f.doubt)) doubts.push(f.doubt);
  }
  return doubts;
}
