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
 * a metric-math query, whose expression (`1 - errors / invocations`) may turn a low threshold into a high one.
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
    return {
      told: 'no',
      why: `${Named} watches ${metric} but ${silent} and nothing in ${where} listens to it.`,
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
