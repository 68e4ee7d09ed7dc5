import type { Inventory } from '../../model/inventory.js';
import { inEveryDeploy } from '../../model/resource.js';
import type { Invocations } from './async-callers.js';

/**
 * Whether the template shows something invoking the function synchronously: an event source mapping (Lambda polls
 * the queue and "invokes your Lambda function synchronously with an event that contains queue messages", Lambda
 * Developer Guide, with-sqs.html; streams and brokers likewise, invocation-eventsourcemapping.html), a CloudFront
 * distribution running it as Lambda@Edge or an SES receipt rule with RequestResponse, a pipe with REQUEST_RESPONSE or a
 * state machine task with RequestResponse (the defaults of both). Only what every deploy creates counts: a deploy
 * without a caller under a Condition leaves the configs standing for callers the template does not show. This is
 * stricter than the asynchronous callers (invocationsOf), which count what the deploy of the parameters' defaults
 * creates, and rightly so: an asynchronous caller makes a finding about that deploy, while a synchronous one takes a
 * sign of asynchronous use away, which a deploy where a Condition not known before deploy leaves it out must keep.
 */
export function invokedSynchronously(fnId: string, invocations: Invocations, inventory: Inventory): boolean {
  return (
    inventory.referencing('lambda.event-source-mapping', 'functionRef', fnId).some(inEveryDeploy) ||
    invocations.calls.some(
      ({ caller, call }) => call.invocationType === 'RequestResponse' && inEveryDeploy(caller),
    ) ||
    invocations.pipes.some((p) => p.targetInvocationType === 'REQUEST_RESPONSE' && inEveryDeploy(p)) ||
    invocations.tasks.some(
      ({ machine, task }) => task.invocationType === 'RequestResponse' && inEveryDeploy(machine),
    )
  );
}
