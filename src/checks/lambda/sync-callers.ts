import type { Inventory } from '../../model/inventory.js';
import type { Invocations } from './async-callers.js';

/**
 * Whether the template shows something invoking the function synchronously: an event source mapping (Lambda polls
 * the queue and "invokes your Lambda function synchronously with an event that contains queue messages", Lambda
 * Developer Guide, with-sqs.html; streams and brokers likewise, invocation-eventsourcemapping.html), a CloudFront
 * distribution running it as Lambda@Edge or an SES receipt rule with RequestResponse, a pipe with REQUEST_RESPONSE or a
 * state machine task with RequestResponse (the defaults of both).
 */
export function invokedSynchronously(fnId: string, invocations: Invocations, inventory: Inventory): boolean {
  return (
    inventory.referencing('lambda.event-source-mapping', 'functionRef', fnId).length > 0 ||
    invocations.calls.some(({ call }) => call.invocationType === 'RequestResponse') ||
    invocations.pipes.some((p) => p.targetInvocationType === 'REQUEST_RESPONSE') ||
    invocations.tasks.some(({ task }) => task.invocationType === 'RequestResponse')
  );
}
