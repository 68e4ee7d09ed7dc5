import type { Reference } from '../../../model/lambda.js';
import type { LambdaTask, StateMachine } from '../../../model/stepfunctions.js';
import { isUnknown, namesOtherStack, type Value } from '../../../model/values.js';
import { LAMBDA_TYPES, type TargetFunction, targetFunction } from './function-target.js';
import { lambdaTasksOf } from './state-machine-definition.js';
import type { Mapper } from './types.js';

export function stepFunctionsMappers(typeOf: (id: string) => string | undefined): Record<string, Mapper> {
  const stateMachine: Mapper = (ctx, base, p): StateMachine => ({
    kind: 'stepfunctions.state-machine',
    lambdaTasks: withTargets(lambdaTasksOf(ctx, p), typeOf),
    ...base,
  });
  // SAM passes its state machine through (sam/expand.ts): Definition and DefinitionSubstitutions are the same.
  return {
    'AWS::StepFunctions::StateMachine': stateMachine,
    'AWS::Serverless::StateMachine': stateMachine,
  };
}

/**
 * `${Fn}`, `${FnAlias}`, `${FnVersion}` written whole in JSON text: the Ref of a function (its name), an alias or a
 * version (their ARNs), which `!Ref` would name by logical id. Not another stack's resource written alike.
 */
function wholeReference(
  ref: Reference,
  typeOf: (id: string) => string | undefined,
): TargetFunction | undefined {
  if (!isUnknown(ref)) return undefined;
  const id = /^\$\{([A-Za-z0-9]+)\}$/.exec(ref.template ?? '')?.[1];
  if (id === undefined || namesOtherStack(ref, id) || !LAMBDA_TYPES.has(typeOf(id) ?? '')) return undefined;
  return { functionRef: id };
}

/**
 * Each task's function read as a schedule's or a pipe's target is (`${Fn.Arn}:live`, an alias's logical id, an
 * ARN around `${Fn}`); a name or partial ARN stays as written, for link.ts to match by name. A `Qualifier` given
 * beside the FunctionName is the one invoked (Lambda refuses one that differs from the name's).
 */
function withTargets(
  tasks: Value<LambdaTask[]>,
  typeOf: (id: string) => string | undefined,
): Value<LambdaTask[]> {
  if (isUnknown(tasks)) return tasks;
  return tasks.map((task) => {
    const target = wholeReference(task.functionRef, typeOf) ?? targetFunction(task.functionRef, typeOf);
    if (target === undefined) return task;
    const qualifier = task.qualifier ?? target.qualifier;
    return { ...task, functionRef: target.functionRef, ...(qualifier === undefined ? {} : { qualifier }) };
  });
}
