import type { Reference } from './lambda.js';
import type { Qualified } from './qualifier.js';
import type { ResourceBase } from './resource.js';
import type { Value } from './values.js';

/**
 * `AWS::Pipes::Pipe`: EventBridge Pipes reads a source and calls its target through a role, so no Lambda permission
 * shows it. A Lambda function target is invoked synchronously (`REQUEST_RESPONSE`, the default) or asynchronously
 * (`FIRE_AND_FORGET`); an enrichment function is always invoked synchronously, and is not modelled here.
 */
export interface Pipe extends ResourceBase<'pipes.pipe'>, Qualified {
  /** Target: a function, queue, state machine, event bus, ... */
  readonly targetArn: Reference;
  /** The function the pipe's target invokes, when its target is a Lambda function (or its alias or version). */
  readonly functionRef?: Reference;
  /** TargetParameters.LambdaFunctionParameters.InvocationType: `REQUEST_RESPONSE` (the default) or `FIRE_AND_FORGET`. */
  readonly targetInvocationType: Value<string>;
}
