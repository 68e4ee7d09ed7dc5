import type { Reference } from './lambda.js';
import type { Qualified } from './qualifier.js';
import type { ResourceBase } from './resource.js';
import type { SourceRef } from './source.js';
import type { Value } from './values.js';

/**
 * A Task state that calls Lambda's Invoke API through Step Functions' Lambda integration
 * (`arn:aws:states:::lambda:invoke`, also with `.waitForTaskToken`, or the SDK integration
 * `arn:aws:states:::aws-sdk:lambda:invoke`): its `Parameters` (JSONPath) or `Arguments` (JSONata) are the API's.
 * A Task whose Resource is the function's ARN (the legacy form) invokes it synchronously and is not one of these.
 */
export interface LambdaTask extends Qualified {
  /** The state's name, as the definition writes it. */
  readonly state: string;
  /**
   * FunctionName: the function (its logical id, once linked) or the name or ARN written; Unknown when it is chosen
   * at run time (`FunctionName.$`, a JSONata expression) or not known before deploy.
   */
  readonly functionRef: Reference;
  /** InvocationType: `RequestResponse` (the default), `Event` (asynchronous) or `DryRun`; Unknown when chosen at run time. */
  readonly invocationType: Value<string>;
  /** Where the state is written (the whole DefinitionString when the definition is text). */
  readonly source: SourceRef;
}

/**
 * `AWS::StepFunctions::StateMachine` and SAM's `AWS::Serverless::StateMachine`: what its definition invokes in
 * Lambda, in every state (those of Parallel branches and Map item processors included).
 */
export interface StateMachine extends ResourceBase<'stepfunctions.state-machine'> {
  /**
   * The Lambda invocations of its Task states; Unknown when the definition is not read (`DefinitionS3Location` or
   * SAM's `DefinitionUri` in S3, or a local file that could not be read; text that is not JSON before deploy):
   * nothing is then known of what it invokes.
   */
  readonly lambdaTasks: Value<readonly LambdaTask[]>;
}
