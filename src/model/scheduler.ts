import type { Reference } from './lambda.js';
import type { Qualified } from './qualifier.js';
import type { ResourceBase } from './resource.js';
import type { Switchable } from './service-callers.js';
import type { Value } from './values.js';

/**
 * `AWS::Scheduler::Schedule` (also what SAM's `ScheduleV2` event makes): EventBridge Scheduler calls its
 * target through a role, so no Lambda permission shows it. A Lambda function target is invoked
 * asynchronously.
 */
export interface Schedule extends ResourceBase<'scheduler.schedule'>, Qualified, Switchable {
  /** Target.Arn: a function, queue, state machine, ..., or a universal target `arn:aws:scheduler:::aws-sdk:<service>:<action>`. */
  readonly targetArn: Reference;
  /** The function the schedule invokes, when its target is a Lambda function (or its alias or version). */
  readonly functionRef?: Reference;
  readonly roleArn: Reference;
  /**
   * Target.DeadLetterConfig.Arn: where Scheduler sends events it could not deliver to the target (the
   * function missing, the role lacking permission, throttling of the Invoke call). Once Lambda has
   * accepted an asynchronous invocation, the function's own failures never come here.
   */
  readonly deadLetterTarget: Value<Reference | undefined>;
  /** Target.RetryPolicy.MaximumRetryAttempts: Scheduler's retries of delivery (185 by default). */
  readonly maximumRetryAttempts: Value<number | undefined>;
}
