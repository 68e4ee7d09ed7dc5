import type { EnvironmentVariable, LambdaFunction } from '../../model/lambda.js';
import { isUnknown } from '../../model/values.js';
import type { CheckContext, Outcome } from '../define.js';

/**
 * A function's environment variables, or the outcome when there is nothing to judge: unknown
 * when the environment cannot be known before deploy, not applicable when there is none.
 */
export function environmentOf(
  fn: LambdaFunction,
  ctx: CheckContext,
): readonly EnvironmentVariable[] | Outcome {
  const variables = fn.environment;
  if (isUnknown(variables)) {
    return ctx.unknown(`Environment is not known before deploy (${variables.reason})`, {
      where: ['Environment'],
    });
  }
  if (variables.length === 0) return ctx.notApplicable('the function has no environment variables');
  return variables;
}
