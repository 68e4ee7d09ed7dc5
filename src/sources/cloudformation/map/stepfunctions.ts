import type { LambdaTask, StateMachine } from '../../../model/stepfunctions.js';
import { isUnknown, type Value } from '../../../model/values.js';
import { targetFunction } from './function-target.js';
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
    const target = targetFunction(task.functionRef, typeOf);
    if (target === undefined) return task;
    const qualifier = task.qualifier ?? target.qualifier;
    return { ...task, functionRef: target.functionRef, ...(qualifier === undefined ? {} : { qualifier }) };
  });
}
