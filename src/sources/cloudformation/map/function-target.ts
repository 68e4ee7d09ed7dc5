import type { Reference } from '../../../model/lambda.js';
import { isUnknown, namesOtherStack, type Value } from '../../../model/values.js';

const LAMBDA_TYPES = new Set(['AWS::Lambda::Function', 'AWS::Lambda::Alias', 'AWS::Lambda::Version']);

/** One part of an ARN between colons: text, or `${...}` placeholders, which hold colons of their own. */
const PART = '(?:\\$\\{[^}]*\\}|[^:$])*';

/** A function ARN, qualified or not: `arn:aws:lambda:us-east-1:123456789012:function:name[:alias]`. */
const FUNCTION_ARN = new RegExp(`^arn:${PART}:lambda:${PART}:${PART}:function:`);

/** `${Fn.Arn}` or `${Fn.Arn}:live` (a qualified ARN built with `!Sub`): the function's logical id. */
const FUNCTION_ARN_TEMPLATE = new RegExp(`^\\$\\{([A-Za-z0-9]+)\\.Arn\\}(:${PART})?$`);

/** `arn:...:function:${Fn}` (a Ref to a function is its name), qualified or not: the function's logical id. */
const FUNCTION_NAME_ARN_TEMPLATE = new RegExp(
  `^arn:${PART}:lambda:${PART}:${PART}:function:\\$\\{([A-Za-z0-9]+)\\}(:${PART})?$`,
);

/**
 * The function a target ARN (of a schedule, a pipe) invokes: a Lambda resource of the template (through `Ref` /
 * `GetAtt`, an `!Sub` qualifying its ARN, or one writing the ARN around its name), or a function ARN outside it. Undefined for other targets (queues,
 * state machines, universal `aws-sdk` targets) and for targets not known before deploy.
 */
export function targetFunction(
  target: Value<Reference | undefined>,
  typeOf: (id: string) => string | undefined,
): Reference | undefined {
  if (target === undefined) return undefined;
  if (isUnknown(target)) {
    // Another stack's `${Fn.Arn}` (imported, a parent's) is that stack's function, though written as a local one.
    const local = (id: string | undefined) =>
      id !== undefined && !namesOtherStack(target, id) ? id : undefined;
    const id = local(target.template ? FUNCTION_ARN_TEMPLATE.exec(target.template)?.[1] : undefined);
    if (id !== undefined && LAMBDA_TYPES.has(typeOf(id) ?? '')) return id;
    const named = local(target.template ? FUNCTION_NAME_ARN_TEMPLATE.exec(target.template)?.[1] : undefined);
    if (named !== undefined && typeOf(named) === 'AWS::Lambda::Function') return named;
    return target.template !== undefined && FUNCTION_ARN.test(target.template) ? target : undefined;
  }
  if (LAMBDA_TYPES.has(typeOf(target) ?? '')) return target;
  return FUNCTION_ARN.test(target) ? target : undefined;
}
