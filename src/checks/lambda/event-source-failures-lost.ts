import { listedWithAnd } from '../../findings/words.js';
import { describeValue } from '../../iam/templates.js';
import type { EventSourceKind } from '../../model/lambda.js';
import type { SqsQueue } from '../../model/monitoring.js';
import { restsOnDeployChoices } from '../../model/resource.js';
import {
  certainlyNonEmpty,
  isUnknown,
  nonEmptyParameter,
  type StackResource,
  type Value,
} from '../../model/values.js';
import { type CheckContext, defineCheck, type Outcome } from '../define.js';

/** Sources read in order, whose mappings keep failed batches only through DestinationConfig.OnFailure. */
const STREAMS: Partial<Record<EventSourceKind, string>> = {
  kinesis: 'Kinesis stream',
  'dynamodb-stream': 'DynamoDB stream',
  msk: 'Amazon MSK topic',
  kafka: 'self-managed Kafka topic',
};

export default defineCheck({
  id: 'lambda.event-source-failures-lost',
  title: 'Lambda event source mapping drops records that fail processing',
  severity: 'medium',
  resource: 'lambda.event-source-mapping',
  description:
    'Stream and Kafka event source mappings (Kinesis, DynamoDB Streams, Amazon MSK, self-managed Kafka) keep a ' +
    'record of failed batches only when `DestinationConfig.OnFailure` names a destination. SQS mappings have no ' +
    "on-failure destination: failed messages are kept by the queue's redrive policy (a dead-letter queue), so " +
    'the check reads the queue when the template declares it or another scanned stack gives it ' +
    '(an export it imports, a parent stack), and says unknown when the queue is declared elsewhere. Amazon MQ and DocumentDB mappings are not evaluated. A source whose ARN names no stream, queue or ' +
    'cluster Parapet knows is unknown, not passed over.',
  details:
    "When the ARN is not known before deploy, the kind comes from the SAM event's type (`MSK`, `Kinesis`, ...) or " +
    'from properties only one kind has (`Topics`, `Queues`); so it does when the ARN is empty (a parameter whose ' +
    "default is `''`), which Lambda refuses: a scan error says so. " +
    'A destination counts as set when only parts of its ARN are known at deploy (the partition, region or account), ' +
    'and when it is a parameter whose constraints refuse an empty value (a `MinLength`, an `AllowedPattern` it does ' +
    'not match, `AllowedValues` without it) or that a condition of the case checked keeps from being empty. ' +
    "A queue's redrive policy counts as set when the template writes it, even with a `deadLetterTargetArn` not " +
    'known before deploy (a parameter, an import): SQS accepts there only the ARN of a queue that exists, so no ' +
    'deploy leaves it empty; a whole `RedrivePolicy` from a parameter is unknown.',
  risk:
    'Records that keep failing are retried until they expire from the stream (24 hours by default for Kinesis ' +
    'and DynamoDB Streams) and are then lost, while the shard stalls behind them; SQS messages without a ' +
    'dead-letter queue are retried until the retention period ends and are then deleted. Data disappears ' +
    'without a trace, and a poison record can stall processing.',
  remediation: {
    text: 'For a stream or Kafka source, add an on-failure destination to the event source mapping (an SQS queue, SNS topic or S3 bucket; Lambda console → the function → Configuration → Triggers → Edit → On-failure destination), ideally with a bounded retry count and record age. For an SQS source, give the queue a redrive policy to a dead-letter queue (SQS console → the queue → Edit → Dead-letter queue).',
    cloudformation:
      '# Stream source (SAM: the Kinesis/DynamoDB event takes DestinationConfig the same way)\n' +
      'StreamMapping:\n' +
      '  Type: AWS::Lambda::EventSourceMapping\n' +
      '  Properties:\n' +
      '    MaximumRetryAttempts: 5\n' +
      '    BisectBatchOnFunctionError: true\n' +
      '    DestinationConfig:\n' +
      '      OnFailure:\n' +
      '        Destination: !GetAtt FailedRecords.Arn\n' +
      '# SQS source: on the queue\n' +
      'Queue:\n' +
      '  Type: AWS::SQS::Queue\n' +
      '  Properties:\n' +
      '    RedrivePolicy:\n' +
      '      deadLetterTargetArn: !GetAtt QueueDlq.Arn\n' +
      '      maxReceiveCount: 5\n',
    cdk:
      "import * as lambda from 'aws-cdk-lib/aws-lambda';\n" +
      "import * as sources from 'aws-cdk-lib/aws-lambda-event-sources';\n" +
      "import * as sqs from 'aws-cdk-lib/aws-sqs';\n" +
      '\n' +
      '// Stream source (DynamoEventSource and the Kafka sources take onFailure too)\n' +
      'fn.addEventSource(new sources.KinesisEventSource(stream, {\n' +
      '  startingPosition: lambda.StartingPosition.LATEST,\n' +
      '  retryAttempts: 5,\n' +
      '  bisectBatchOnError: true,\n' +
      '  onFailure: new sources.SqsDlq(failedRecords),\n' +
      '}));\n' +
      '// SQS source: a dead-letter queue on the queue\n' +
      "const queue = new sqs.Queue(this, 'Queue', { deadLetterQueue: { queue: queueDlq, maxReceiveCount: 5 } });\n" +
      'fn.addEventSource(new sources.SqsEventSource(queue));\n',
    cli:
      'aws lambda update-event-source-mapping --uuid <uuid> --destination-config \'{"OnFailure":{"Destination":"<queue-or-topic-arn>"}}\'\n' +
      'aws sqs set-queue-attributes --queue-url <url> --attributes \'{"RedrivePolicy":"{\\"deadLetterTargetArn\\":\\"<dlq-arn>\\",\\"maxReceiveCount\\":\\"5\\"}"}\'',
    terraform:
      'resource "aws_lambda_event_source_mapping" "stream" {\n' +
      '  destination_config {\n' +
      '    on_failure {\n' +
      '      destination_arn = aws_sqs_queue.failed_records.arn\n' +
      '    }\n' +
      '  }\n' +
      '}\n' +
      'resource "aws_sqs_queue" "source" {\n' +
      '  redrive_policy = jsonencode({ deadLetterTargetArn = aws_sqs_queue.dlq.arn, maxReceiveCount = 5 })\n' +
      '}\n',
  },
  compliance: {
    'nist-800-53-r5': ['CP-10'],
  },
  references: [
    'https://docs.aws.amazon.com/lambda/latest/dg/kinesis-on-failure-destination.html',
    'https://docs.aws.amazon.com/lambda/latest/dg/services-dynamodb-errors.html',
    'https://docs.aws.amazon.com/lambda/latest/dg/kafka-on-failure.html',
    'https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-errorhandling.html',
  ],
  evaluate(mapping, ctx) {
    const kind = mapping.sourceKind;
    if (isUnknown(kind))
      return ctx.unknown(`The event source is not known before deploy (${kind.reason}).`, {
        where: ['EventSourceArn'],
      });

    const stream = STREAMS[kind];
    if (stream) {
      const destination = mapping.onFailureDestination;
      // Set is enough (`arn:${AWS::Partition}:sqs:...` names a queue, whatever the partition).
      if (certainlyNonEmpty(destination)) {
        return ctx.pass(`failed batches go to ${String(destination)}`, {
          where: ['DestinationConfig', 'OnFailure', 'Destination'],
        });
      }
      // `Destination: !Ref FailedArn` whose constraints refuse "": every deploy sets one.
      const given = nonEmptyParameter(destination);
      if (given) {
        return ctx.pass(
          `failed batches go to the destination given to parameter ${given.parameter} at deploy: ${given.why}`,
          { where: ['DestinationConfig', 'OnFailure', 'Destination'] },
        );
      }
      if (isUnknown(destination)) {
        return ctx.unknown(`The on-failure destination is not known before deploy (${destination.reason})`, {
          where: ['DestinationConfig', 'OnFailure', 'Destination'],
        });
      }
      return ctx.fail(
        `The mapping from ${/^[AEIOU]/i.test(stream) ? 'an' : 'a'} ${stream} has no on-failure destination: records that keep failing are lost.`,
        {
          evidence: { source: stream },
        },
      );
    }
    // A source Parapet cannot place (an ARN of no stream, queue or cluster it knows) may be one that loses
    // records: not silently passed over.
    if (kind === 'other') {
      const arn = mapping.eventSourceArn;
      return ctx.unknown(
        `Parapet cannot tell what kind of event source ${arn === undefined ? 'the mapping reads' : `${describeValue(arn as Value<string>)} is`}, so not whether failed records are kept.`,
        { where: ['EventSourceArn'] },
      );
    }
    if (kind !== 'sqs') return ctx.notApplicable(`failure handling of ${kind} sources is not evaluated`);

    const arn = mapping.eventSourceArn;
    const otherStack = isUnknown(arn) ? arn.stackResource : undefined;
    if (otherStack !== undefined) return otherStackQueue(otherStack, ctx);
    if (arn === undefined || isUnknown(arn)) {
      return ctx.unknown(
        `The source queue is not known before deploy${isUnknown(arn) ? ` (${arn.reason})` : ''}.`,
        { where: ['EventSourceArn'] },
      );
    }
    const queue = ctx.inventory.resolve(arn, 'sqs.queue');
    if (!queue) {
      return ctx.unknown(
        `The queue ${arn} is not in this template; whether it has a dead-letter queue cannot be seen.`,
        { where: ['EventSourceArn'] },
      );
    }
    const dlq = queue.deadLetterTarget;
    const sentTo = deadLetterQueueOf(queue);
    if (sentTo !== undefined) return ctx.pass(`queue ${queue.id} sends failed messages to ${sentTo}`);
    if (isUnknown(dlq)) {
      return ctx.unknown(
        `The redrive policy (dead-letter queue) of the source queue ${queue.id} is not known before deploy (${dlq.reason}).`,
        { where: queue.source },
      );
    }
    // A function that reprocesses a dead-letter queue: what fails there too is lost, though it failed once already.
    const feeding = ctx.inventory.referencing('sqs.queue', 'deadLetterTarget', queue.id).map((q) => q.id);
    const dlqOf =
      feeding.length === 0
        ? ''
        : ` It is itself the dead-letter queue of ${listedWithAnd(feeding)}: messages that failed there are lost for good if they fail here too.`;
    // Point at the queue: its redrive policy is where the fix goes.
    return ctx.fail(
      `The source queue ${queue.id} has no redrive policy (dead-letter queue): messages that keep failing are ` +
        `deleted when their retention period ends.${dlqOf} The location is queue ${queue.id}, where the redrive policy goes.`,
      { where: queue.source, evidence: { queue: queue.id } },
    );
  },
});

/**
 * A source queue of another scanned stack (imported, a parent's), judged from that stack's model (Neighbours).
 * That stack's condition cases are explored in its own scan, not here: a verdict that rests on its parameter
 * defaults or conditions is unknown, whichever way the defaults make it.
 */
function otherStackQueue(otherStack: StackResource, ctx: CheckContext): Outcome {
  const named = `${otherStack.logicalId} of stack ${otherStack.stack}`;
  const where = { where: ['EventSourceArn'] };
  const queue = ctx.inventory.neighbours.resourceOf(otherStack);
  if (queue?.kind !== 'sqs.queue')
    return ctx.unknown(
      `The source queue is ${named}, whose redrive policy is not read from here: check it there.`,
      where,
    );
  const dlq = queue.deadLetterTarget;
  const sentTo = deadLetterQueueOf(queue);
  if (isUnknown(dlq) && sentTo === undefined) {
    return ctx.unknown(
      `The redrive policy (dead-letter queue) of the source queue ${named} is not known before deploy (${dlq.reason}).`,
      where,
    );
  }
  if (restsOnDeployChoices(queue, ['RedrivePolicy'])) {
    return ctx.unknown(
      `The source queue ${named} ${sentTo !== undefined ? `sends failed messages to ${sentTo}` : 'has no redrive policy (dead-letter queue)'} ` +
        "with that stack's parameter defaults, but its parameters or conditions decide it and a deploy may change them.",
      where,
    );
  }
  if (sentTo !== undefined) return ctx.pass(`queue ${named} sends failed messages to ${sentTo}`);
  // The fix goes in the other stack; the finding stays on this mapping, which a suppression can name.
  return ctx.fail(
    `The source queue ${named} has no redrive policy (dead-letter queue): messages that keep failing are ` +
      `deleted when their retention period ends. Add the redrive policy to queue ${otherStack.logicalId} in stack ${otherStack.stack}.`,
    { ...where, evidence: { queue: named } },
  );
}

/**
 * The dead-letter queue a queue's redrive policy surely names, as findings word it; undefined when it may name none.
 * A deadLetterTargetArn not known before deploy (a parameter without default, an import) in a policy the template
 * writes still names one: SQS refuses a redrive policy whose deadLetterTargetArn is no existing queue ("You must
 * first create a new queue before configuring it as a dead-letter queue", Amazon SQS Developer Guide, Using
 * dead-letter queues; CloudFormation reports SQS's "Dead letter target does not exist"), so '' never deploys.
 */
function deadLetterQueueOf(queue: SqsQueue): string | undefined {
  const dlq = queue.deadLetterTarget;
  if (certainlyNonEmpty(dlq)) return String(dlq);
  if (!isUnknown(dlq) || queue.deadLetterTargetWritten !== true) return undefined;
  return `the queue its redrive policy names (${dlq.reason}), which SQS requires to exist: no deploy leaves it empty`;
}
