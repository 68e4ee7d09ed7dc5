import type { MetricAlarm } from '../../model/monitoring.js';
import { isUnknown } from '../../model/values.js';
import type { Match } from './alarm-metric.js';

/**
 * Comparisons under which an alarm goes into ALARM when its metric is low: on Errors or Throttles, when a function
 * fails little or not at all. LessThanLowerThreshold is an anomaly detection alarm's below its band
 * (AWS::CloudWatch::Alarm ComparisonOperator; "Using CloudWatch anomaly detection", CloudWatch User Guide).
 */
const WHEN_LOW: readonly string[] = ['LessThanThreshold', 'LessThanOrEqualToThreshold'];
const BELOW_BAND = 'LessThanLowerThreshold';

/** Whether an alarm that watches a metric tells anyone of its rising; with why when not, or not surely. */
export interface Told {
  readonly told: Match;
  /** `no`: a sentence for the failure. `maybe`: a clause for the unknown result. */
  readonly why?: string;
}

/**
 * Whether an alarm on `metric` tells anyone that it rose: it must go into ALARM when the metric is high, and have an
 * action that runs then, or something in its template that listens to it (MetricAlarm.heardBy): OKActions and
 * InsufficientDataActions are not told of errors. `own` is set when the alarm's own metric is the one watched, not
 * a metric-math query, whose expression (`1 - errors / invocations`) may turn a low threshold into a high one: such an
 * alarm compared with LessThan… may or may not go into ALARM as the metric rises, and is unknown.
 */
export function alarmTells(
  alarm: MetricAlarm,
  named: string,
  metric: string,
  own: boolean,
  where: string,
): Told {
  const Named = `A${named.slice(1)}`;
  const { comparison } = alarm;
  if (
    typeof comparison === 'string' &&
    (comparison === BELOW_BAND || (own && WHEN_LOW.includes(comparison)))
  ) {
    return {
      told: 'no',
      why: `${Named} watches ${metric} with ComparisonOperator ${comparison}: it goes into ALARM when there are few, not when there are many.`,
    };
  }
  if (own && isUnknown(comparison))
    return { told: 'maybe', why: `the ComparisonOperator of ${named} is ${comparison.reason}` };
  const told = toldOfRising(alarm, named, metric, where);
  if (own || told.told === 'no') return told;
  const doubt = expressionDirection(comparison, named, metric);
  return doubt === undefined ? told : { told: 'maybe', why: doubt };
}

/**
 * Why a metric-math alarm that reads `metric` in a query may not go into ALARM as the metric rises: compared with
 * LessThan…, it does when its expression is low, which is when the metric is low unless the expression inverts it
 * (`1 - errors / invocations`, a success rate). Parapet does not weigh expressions: undefined when it compares with
 * GreaterThan… (or the band, judged above).
 */
function expressionDirection(
  comparison: MetricAlarm['comparison'],
  named: string,
  metric: string,
): string | undefined {
  if (isUnknown(comparison))
    return `the ComparisonOperator of ${named}, which compares a metric-math expression over ${metric}, is ${comparison.reason}`;
  if (typeof comparison !== 'string' || !WHEN_LOW.includes(comparison)) return undefined;
  return (
    `${named} compares a metric-math expression over ${metric} with ComparisonOperator ${comparison}: it goes into ` +
    `ALARM when the expression is low, which is when ${metric} is low unless the expression inverts it`
  );
}

/** Whether an alarm that goes into ALARM as its metric rises tells anyone: its actions, or what listens to it. */
function toldOfRising(alarm: MetricAlarm, named: string, metric: string, where: string): Told {
  const Named = `A${named.slice(1)}`;
  const heard = alarm.heardBy;
  if (typeof heard === 'string') return { told: 'yes' };
  const silent =
    alarm.actionsEnabled === false
      ? `has ActionsEnabled: false${alarm.disabledBy === undefined ? '' : ` (${alarm.disabledBy})`}`
      : alarm.alarmActions === 0
        ? // AlarmActions an Fn::If empties: the case named, as the engine words a finding's cases.
          `has no AlarmActions${alarm.noActionsWhen === undefined ? '' : ` when ${alarm.noActionsWhen}`}`
        : undefined;
  if (silent !== undefined) {
    if (isUnknown(heard)) return { told: 'maybe', why: `${named} ${silent}, and ${heard.reason}` };
    // A rollback alarm: CodeDeploy watches it while it deploys, and tells no one of errors between deployments.
    const rollback = alarm.rollbackOf;
    return {
      told: 'no',
      why:
        rollback === undefined
          ? `${Named} watches ${metric} but ${silent} and nothing in ${where} listens to it.`
          : `${Named} watches ${metric} but ${silent}: CodeDeploy watches it only while deploying ${rollback}, ` +
            `and nothing else in ${where} listens to it.`,
    };
  }
  if (isUnknown(alarm.alarmActions))
    return { told: 'maybe', why: `the AlarmActions of ${named} are ${alarm.alarmActions.reason}` };
  const enabled = alarm.actionsEnabled;
  if (!isUnknown(enabled)) return { told: 'yes' };
  if (alarm.mutedWhen !== undefined) {
    return {
      told: 'maybe',
      why: `${named} notifies no one when ${alarm.mutedWhen} (its ActionsEnabled is ${enabled.reason})`,
    };
  }
  return {
    told: 'maybe',
    why: `whether ${named} notifies anyone cannot be told from the template (its ActionsEnabled is ${enabled.reason})`,
  };
}
