import type { Reference } from './lambda.js';
import type { ResourceBase } from './resource.js';
import type { Value } from './values.js';

/**
 * The retention periods CloudWatch Logs offers: AWS::Logs::LogGroup's RetentionInDays takes those PutRetentionPolicy
 * lists ("Possible values are: 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192,
 * 2557, 2922, 3288, and 3653", CloudWatch Logs API Reference); CloudFormation rejects any other.
 */
export const RETENTION_DAYS: readonly number[] = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
];

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
  /** AlarmName; undefined when not set (CloudFormation makes one up, which only a `Ref` to the alarm gives). */
  readonly name: Value<string | undefined>;
  readonly namespace: Value<string | undefined>;
  readonly metricName: Value<string | undefined>;
  readonly dimensions: Value<readonly MetricDimension[]>;
  /** ComparisonOperator (`GreaterThanOrEqualToThreshold`, `LessThanThreshold`, ...). */
  readonly comparison: Value<string | undefined>;
  /** ActionsEnabled: false runs none of the alarm's actions (undefined: not set, true by default). */
  readonly actionsEnabled: Value<boolean | undefined>;
  /**
   * Set when ActionsEnabled is wholly a parameter a deploy may give false (one without default, or true by a default
   * a deploy may override): that case in words, `parameter Notify is false`.
   */
  readonly mutedWhen?: string;
  /** Set when ActionsEnabled is false by a parameter's default: `parameter Notify's default`. */
  readonly disabledBy?: string;
  /**
   * How many AlarmActions the template writes (0: none, or `[]`), whatever their values; Unknown when the whole list
   * is not known before deploy (`AlarmActions: !Ref Topics`).
   */
  readonly alarmActions: Value<number>;
  /** Set when AlarmActions come out empty through `Fn::If`s giving `AWS::NoValue`: `condition HasTopic does not hold`. */
  readonly noActionsWhen?: string;
  /**
   * What else in the template is told when the alarm goes into ALARM: a composite alarm with actions whose rule
   * names it, or an enabled EventBridge rule with targets on its state changes, as `composite alarm Errors`;
   * undefined when nothing; Unknown when something may be (a rule whose pattern is not known before deploy).
   */
  readonly heardBy: Value<string | undefined>;
  /**
   * What CodeDeploy deploys while it watches the alarm, and why: `function Fn (its DeploymentPreference.Alarms), to
   * roll back`, `with deployment group Group (its AlarmConfiguration), to stop the deployment`. Nobody is told by that
   * outside a deployment.
   */
  readonly rollbackOf?: string;
  /** Metric-math alarms: every query, with the metric it reads (an expression's are undefined). */
  readonly metrics: Value<readonly MetricQuery[]>;
}

/** A query of a metric-math alarm (AWS::CloudWatch::Alarm MetricDataQuery). */
export interface MetricQuery {
  /** Its Id, which expressions name it by. */
  readonly id: Value<string | undefined>;
  readonly namespace: Value<string | undefined>;
  readonly metricName: Value<string | undefined>;
  readonly dimensions: Value<readonly MetricDimension[]>;
  /**
   * Whether the alarm goes by this query: it is the one with ReturnData true, or one that query's expression reads,
   * directly or through other expressions. False for a query nothing the alarm watches reads: the alarm never goes
   * into ALARM on its metric. Unknown where a ReturnData, an Expression or an Id is not known before deploy.
   */
  readonly watched: Value<boolean>;
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
