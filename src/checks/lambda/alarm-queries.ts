import type { LambdaFunction } from '../../model/lambda.js';
import type { MetricAlarm, MetricQuery } from '../../model/monitoring.js';
import { isUnknown } from '../../model/values.js';
import { all, any, type Match, watches } from './alarm-metric.js';

/** Whether a metric-math alarm watches metric `name` of a function through its queries, with why where it does not. */
interface QueriesWatch {
  readonly match: Match;
  /** Set when a query reads the metric but the alarm does not go by it: a sentence for the failure. */
  readonly unread?: string;
  /** Set when a query reads it and whether the alarm goes by that query is not known: a clause for the unknown. */
  readonly doubt?: string;
}

const queryName = (query: MetricQuery) => (typeof query.id === 'string' ? `query ${query.id}` : 'a query');

const watchedMatch = (watched: MetricQuery['watched']): Match =>
  isUnknown(watched) ? 'maybe' : watched ? 'yes' : 'no';

/**
 * Whether the queries of `alarm` (`named` as findings name it) watch `name` of `fn`: a query counts only where the
 * alarm goes by it (MetricQuery.watched), the one with ReturnData true or one its expression uses. A query that
 * reads Errors beside an expression that never uses it makes an alarm that never goes into ALARM on errors.
 */
export function queriesWatch(
  alarm: MetricAlarm,
  named: string,
  name: string,
  fn: LambdaFunction,
): QueriesWatch {
  if (isUnknown(alarm.metrics)) return { match: 'maybe' };
  const read = alarm.metrics.map((query) => ({ query, reads: watches(query, name, fn) }));
  const match = any(read.map(({ query, reads }) => all([reads, watchedMatch(query.watched)])));
  if (match === 'no') {
    const unread = read.find(({ query, reads }) => reads !== 'no' && query.watched === false)?.query;
    if (unread === undefined) return { match };
    const which = queryName(unread);
    return {
      match,
      unread:
        `A${named.slice(1)} reads ${name} in ${which}, but the query it alarms on (the one with ReturnData true) ` +
        `does not use ${which}, directly or through other expressions: it never goes into ALARM on ${name}.`,
    };
  }
  if (match === 'yes') return { match };
  // Told only where the query surely reads the metric: otherwise its metric or dimensions are in doubt too.
  const maybe = read.filter(({ query, reads }) => all([reads, watchedMatch(query.watched)]) === 'maybe');
  const doubted = maybe.find(({ query, reads }) => reads === 'yes' && isUnknown(query.watched));
  if (doubted === undefined || maybe.some(({ reads }) => reads !== 'yes')) return { match };
  const { query } = doubted;
  const reason = isUnknown(query.watched) ? query.watched.reason : '';
  return {
    match,
    doubt: `${named} reads ${name} in ${queryName(query)}, and whether it alarms on that query is not known before deploy (${reason})`,
  };
}
