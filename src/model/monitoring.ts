import type { Reference } from './lambda.js';
import type { ResourceBase } from './resource.js';
import type { Value } from './values.js';

export interface LogGroup extends ResourceBase<'logs.log-group'> {
  readonly name: Value<string | undefined>;
  /** Undefined means "never expire". */
  readonly retentionInDays: Value<number | undefined>;
  readonly kmsKeyId: Value<string | undefined>;
  /** The function whose logs this group holds, when the name ties it to one (`/aws/lambda/<fn>`). */
  readonly functionRef?: Reference;
}

export interface MetricDimension {
  readonly name: Value<string>;
  readonly value: Value<string>;
}

export interface MetricAlarm extends ResourceBase<'cloudwatch.alarm'> {
  readonly namespace: Value<string | undefined>;
  readonly metricName: Value<string | undefined>;
  readonly dimensions: Value<readonly MetricDimension[]>;
  /** Metric-math alarms: the metrics of every query. */
  readonly metrics: Value<
    readonly {
      namespace: Value<string | undefined>;
      metricName: Value<string | undefined>;
      dimensions: Value<readonly MetricDimension[]>;
    }[]
  >;
}

export interface SqsQueue extends ResourceBase<'sqs.queue'> {
  readonly name: Value<string | undefined>;
  /** RedrivePolicy.deadLetterTargetArn; undefined when the queue has no dead-letter queue. */
  readonly deadLetterTarget: Value<Reference | undefined>;
  /**
   * Set when the template writes a redrive policy (an object, or JSON text) that has a deadLetterTargetArn, whatever
   * its value: one not known before deploy (a parameter, an import) still names the dead-letter queue, since SQS
   * accepts a redrive policy only with the ARN of a queue that exists. Not set when the whole RedrivePolicy is not
   * known before deploy (`RedrivePolicy: !Ref Policy` may be given '' or `{}`).
   */
  readonly deadLetterTargetWritten?: true;
  readonly kmsMasterKeyId: Value<string | undefined>;
}

export interface KmsKey extends ResourceBase<'kms.key'> {
  readonly enableKeyRotation: Value<boolean | undefined>;
}
