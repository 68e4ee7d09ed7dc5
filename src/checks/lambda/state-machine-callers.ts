import type { Derivation, Inventory } from '../../model/inventory.js';
import type { LambdaTask, StateMachine } from '../../model/stepfunctions.js';
import { isUnknown } from '../../model/values.js';

/** A Task state of one of the template's state machines that invokes a function of it. */
export interface InvokingTask {
  /**
   * The state machine itself, taken from the inventory's list: never a reference left to resolve, so whether a deploy
   * creates it is asked of the machine alike by the asynchronous and synchronous callers (async-callers.ts,
   * sync-callers.ts).
   */
  readonly machine: StateMachine;
  readonly task: LambdaTask;
}

// The tasks of every state machine by the function they invoke, worked out once per inventory.
const TASKS_BY_FUNCTION: Derivation<Inventory, ReadonlyMap<string, readonly InvokingTask[]>> = {
  compute: (inventory) => {
    const byFunction = new Map<string, InvokingTask[]>();
    for (const machine of inventory.list('stepfunctions.state-machine')) {
      // A definition not read (in S3, a file that could not be read) shows no caller: Parapet does not guess what it invokes.
      if (isUnknown(machine.lambdaTasks)) continue;
      for (const task of machine.lambdaTasks) {
        if (typeof task.functionRef !== 'string') continue;
        const tasks = byFunction.get(task.functionRef);
        if (tasks) tasks.push({ machine, task });
        else byFunction.set(task.functionRef, [{ machine, task }]);
      }
    }
    return byFunction;
  },
};

/** The Lambda tasks of the template's state machines that invoke function `id` (any version or alias of it). */
export function tasksInvoking(inventory: Inventory, id: string): readonly InvokingTask[] {
  return inventory.derived(TASKS_BY_FUNCTION, inventory).get(id) ?? [];
}

/** How a finding names the task: `state machine Sm (state A)`. */
export function taskLabel({ machine, task }: InvokingTask): string {
  return `state machine ${machine.id} (state ${task.state})`;
}
