import type { Reference } from '../../../model/lambda.js';
import { isUnknown, type Value } from '../../../model/values.js';

const LAMBDA_TYPES = new Set(['AWS::Lambda::Function', 'AWS::Lambda::Alias', 'AWS::Lambda::Version']);

/** A function ARN, qualified or not: `arn:aws:lambda:us-east-1:123456789012:function:name[:alias]`. */
const FUNCTION_ARN = /^arn:[^:]*:lambda:[^:]*:[^:]*:function:/;

/** `${Fn.Arn}` or `${Fn.Arn}:live` (a qualified ARN built with `!Sub`): the function's logical id. */
const FUNCTION_ARN_TEMPLATE = /^\$\{([A-Za-z0-9]+)\.Arn\}(:[^${}]*)?$/;

/**
 * The function a target ARN (of a schedule, a pipe) invokes: a Lambda resource of the template (through `Ref` /
 * `GetAtt`, or an `!Sub` qualifying its ARN), or a function ARN outside it. Undefined for other targets (queues,
 * state machines, universal `aws-sdk` targets) and for targets not known before deploy.
 */
export function targetFunction(
  target: Value<Reference | undefined>,
  typeOf: (id: string) => string | undefined,
): Reference | undefined {
  if (target === undefined) return undefined;
  if (isUnknown(target)) {
    const id = target.template ? FUNCTION_ARN_TEMPLATE.exec(target.template)?.[1] : undefined;
    if (id !== undefined && LAMBDA_TYPES.has(typeOf(id) ?? '')) return id;
    return target.template !== undefined && FUNCTION_ARN.test(target.template) ? target : undefined;
  }
  if (LAMBDA_TYPES.has(typeOf(target) ?? '')) return target;
  return FUNCTION_ARN.test(target) ? target : undefined;
}
