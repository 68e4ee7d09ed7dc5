import type { Reference } from '../../../model/lambda.js';
import type { Qualified } from '../../../model/qualifier.js';
import { isUnknown, namesOtherStack, type Value } from '../../../model/values.js';
import { qualifierValue } from '../function-names.js';

/** The resource types a target may invoke a function through: the function, an alias or a version of it. */
export const LAMBDA_TYPES: ReadonlySet<string> = new Set([
  'AWS::Lambda::Function',
  'AWS::Lambda::Alias',
  'AWS::Lambda::Version',
]);

/** A character of an ARN's part between colons, or a `${...}` placeholder, which holds colons of its own. */
const PART_CHAR = '(?:\\$\\{[^}]*\\}|[^:$])';
/** One part of an ARN between colons (the qualifier after the name must not be empty: `PART_CHAR+`). */
const PART = `${PART_CHAR}*`;

/** A function ARN, qualified or not: `arn:aws:lambda:us-east-1:123456789012:function:name[:alias]`. */
const FUNCTION_ARN = new RegExp(`^arn:${PART}:lambda:${PART}:${PART}:function:`);

/** `${Fn.Arn}` or `${Fn.Arn}:live` (a qualified ARN built with `!Sub`): the function's logical id, the qualifier. */
const FUNCTION_ARN_TEMPLATE = new RegExp(`^\\$\\{([A-Za-z0-9]+)\\.Arn\\}(?::(${PART_CHAR}+))?$`);

/** `arn:...:function:${Fn}` (a Ref to a function is its name), qualified or not: the function's logical id, the qualifier. */
const FUNCTION_NAME_ARN_TEMPLATE = new RegExp(
  `^arn:${PART}:lambda:${PART}:${PART}:function:\\$\\{([A-Za-z0-9]+)\\}(?::(${PART_CHAR}+))?$`,
);

/** The function a target invokes, and the version or alias its ARN carries (see Qualified). */
export interface TargetFunction extends Qualified {
  readonly functionRef: Reference;
}

/**
 * The function a target ARN (of a schedule, a pipe) invokes: a Lambda resource of the template (through `Ref` /
 * `GetAtt`, an `!Sub` qualifying its ARN, or one writing the ARN around its name), or a function ARN outside it. Undefined for other targets (queues,
 * state machines, universal `aws-sdk` targets) and for targets not known before deploy.
 */
export function targetFunction(
  target: Value<Reference | undefined>,
  typeOf: (id: string) => string | undefined,
): TargetFunction | undefined {
  if (target === undefined) return undefined;
  if (isUnknown(target)) {
    const template = target.template;
    // Another stack's `${Fn.Arn}` (imported, a parent's) is that stack's function, though written as a local one.
    const local = (match: RegExpExecArray | null | undefined, types: (type: string) => boolean) => {
      const id = match?.[1];
      if (id === undefined || namesOtherStack(target, id) || !types(typeOf(id) ?? '')) return undefined;
      const qualifier = match?.[2];
      return qualifier === undefined
        ? { functionRef: id }
        : { functionRef: id, qualifier: qualifierValue(qualifier, template ?? '') };
    };
    if (template === undefined) return undefined;
    return (
      local(FUNCTION_ARN_TEMPLATE.exec(template), (type) => LAMBDA_TYPES.has(type)) ??
      local(FUNCTION_NAME_ARN_TEMPLATE.exec(template), (type) => type === 'AWS::Lambda::Function') ??
      (FUNCTION_ARN.test(template) ? { functionRef: target } : undefined)
    );
  }
  if (LAMBDA_TYPES.has(typeOf(target) ?? '')) return { functionRef: target };
  return FUNCTION_ARN.test(target) ? { functionRef: target } : undefined;
}
