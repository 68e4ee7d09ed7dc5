import type { CheckContext, Outcome } from '../define.js';
import type { RoleUse } from './execution-role.js';

/**
 * The copies of a role's template that functions of other stacks run with (FunctionOfOtherStack.copy), in the order
 * first met: where that template is nested more than once, each nesting deploys a role of its own, and a parent's
 * `!GetAtt FnAResources.Outputs.RoleArn` names that copy's. None where no function names a copy.
 */
export function copiesRunning(use: RoleUse): string[] {
  return [...new Set(use.otherStacks.flatMap((other) => (other.copy === undefined ? [] : [other.copy])))];
}

/**
 * A role judged per copy of its template (`judge`, given the role's use in that copy, see useInCopy): failed where a
 * copy fails, naming each copy that does; else unknown where one is unknown; else passed, naming each copy. A copy
 * no function of another stack names runs only functions every copy has: judged with any other, never worse.
 */
export function judgeEachCopy(
  use: RoleUse,
  copies: readonly string[],
  judge: (use: RoleUse) => Outcome,
  ctx: CheckContext,
): Outcome {
  const judged = copies.map((copy) => ({ copy, outcome: judge(useInCopy(use, copy)) }));
  for (const status of ['fail', 'unknown'] as const) {
    const those = judged.filter(({ outcome }) => outcome.status === status);
    if (those.length === 0) continue;
    const message = those.map(({ copy, outcome }) => `In ${inCopy(copy, outcome)}.`).join(' ');
    if (status === 'unknown') return ctx.unknown(message);
    const functions = those.flatMap(({ outcome }) => outcome.evidence?.functions ?? []);
    return ctx.fail(message, { evidence: { functions: functions.join('; ') } });
  }
  return ctx.pass(judged.map(({ copy, outcome }) => `in ${inCopy(copy, outcome)}`).join('; '));
}

/**
 * The role's use in one copy of its template: the functions of the template itself (each copy has them), those of
 * other stacks that reach it by no copy (an import, a function of a stack the template nests), and those that run
 * with that copy. A function whose role is not known before deploy may run as any copy's.
 */
function useInCopy(use: RoleUse, copy: string): RoleUse {
  return {
    ...use,
    otherStacks: use.otherStacks.filter((other) => other.copy === undefined || other.copy === copy),
  };
}

/** One copy's outcome, worded after `in`: `the copy nested by FnAResources in template.yaml, the role is ...`. */
function inCopy(copy: string, outcome: Outcome): string {
  const message = outcome.message.replace(/\.$/, '');
  return `the copy nested by ${copy}, ${message.charAt(0).toLowerCase()}${message.slice(1)}`;
}
