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

/**
 * Variables that only switch a runtime setting and that the CDK writes into functions on its own: the
 * AWS SDK for JavaScript v2's keep-alive (`NodejsFunction`, `awsSdkConnectionReuse`) and Node's source
 * maps (`sourceMap: true`). They hold no data, so a function with only these has nothing to encrypt.
 */
const RUNTIME_SETTINGS: Readonly<Record<string, readonly string[]>> = {
  AWS_NODEJS_CONNECTION_REUSE_ENABLED: ['0', '1'],
  NODE_OPTIONS: ['--enable-source-maps'],
};

/** Whether a variable is one of those settings, with one of the values the CDK writes. */
export function isRuntimeSetting(variable: EnvironmentVariable): boolean {
  const values = Object.hasOwn(RUNTIME_SETTINGS, variable.name) ? RUNTIME_SETTINGS[variable.name] : undefined;
  return values !== undefined && typeof variable.value === 'string' && values.includes(variable.value);
}
