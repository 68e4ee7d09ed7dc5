import type { MetricAlarm, MetricDimension, MetricQuery } from '../../../model/monitoring.js';
import { isUnknown, unknown, type Value } from '../../../model/values.js';
import { asRecord, intrinsicName } from '../intrinsic-values.js';
import { heardBy } from './alarm-listeners.js';
import { watchedQueries } from './alarm-queries.js';
import { rollbackOf } from './alarm-rollbacks.js';
import type { MapContext } from './context.js';
import type { Mapper } from './types.js';

function dimensions(ctx: MapContext, raw: unknown): Value<MetricDimension[]> {
  const list = ctx.list(raw, (entry): Value<MetricDimension> => {
    const dim = ctx.object(entry);
    if (isUnknown(dim) || dim === undefined) return dim ?? unknown('empty dimension');
    return { name: ctx.string(dim.Name) ?? unknown('no Name'), value: dimensionValue(ctx, dim.Value) };
  });
  if (isUnknown(list)) return list;
  return list.find(isUnknown) ?? (list as MetricDimension[]);
}

/**
 * A dimension value: one that references a resource of the template (`!Ref Fn`, a function's name) reads as its
 * logical id. An attribute (`!GetAtt Fn.Arn`) is not the resource's name: it is read as text, `${Fn.Arn}`, as
 * `!Sub '${Fn.Arn}'` is, so that an alarm naming a function by its ARN is not taken for one naming it (the GetAtt a
 * `!Sub` or `!Join` holds alone too: MapContext.heldValue).
 */
function dimensionValue(ctx: MapContext, raw: unknown): Value<string> {
  if (intrinsicName(ctx.heldValue(raw) ?? raw) === 'Fn::GetAtt')
    return ctx.string(raw) ?? unknown('no Value');
  return ctx.reference(raw) ?? unknown('no Value');
}

/** A metric-math alarm's queries: the metric each reads, and whether the alarm goes by it (watchedQueries). */
function queries(ctx: MapContext, raw: unknown): Value<readonly MetricQuery[]> {
  const read = ctx.list(raw, (entry) => {
    const query = ctx.object(entry);
    // An empty entry reads nothing; an entry not known before deploy may be any query.
    if (query === undefined)
      return {
        id: query,
        returnData: false,
        expression: query,
        namespace: query,
        metricName: query,
        dimensions: [],
      };
    if (isUnknown(query)) {
      const metric = { namespace: query, metricName: query, dimensions: query };
      return { id: query, returnData: query, expression: query, ...metric };
    }
    const m = ctx.object(ctx.dig(query, 'MetricStat', 'Metric'));
    return {
      id: ctx.string(query.Id),
      returnData: ctx.boolean(query.ReturnData),
      expression: ctx.string(query.Expression),
      ...(isUnknown(m) || m === undefined
        ? { namespace: m, metricName: m, dimensions: m ?? [] }
        : {
            namespace: ctx.string(m.Namespace),
            metricName: ctx.string(m.MetricName),
            dimensions: dimensions(ctx, m.Dimensions),
          }),
    };
  });
  if (isUnknown(read)) return read;
  const watched = watchedQueries(read);
  return read.map(({ returnData: _, expression: __, ...query }, index) => ({
    ...query,
    watched: watched[index] as Value<boolean>,
  }));
}

/** `true`, `False`: as CloudFormation reads a boolean's text, whatever the case; undefined for other text. */
function readsAs(text: string): boolean | undefined {
  const lower = text.toLowerCase();
  return lower === 'true' ? true : lower === 'false' ? false : undefined;
}

/**
 * ActionsEnabled, and when it is wholly a parameter (`!Ref Notify`) a deploy may give false, that case in words (or,
 * false by the parameter's default, that default, for the finding to name): one
 * without default is false or true as its AllowedValues allow (any text without them); one whose default is true is
 * read as true, the result with the defaults, but a deploy that overrides the default with false (one of its
 * AllowedValues, or any text without them) mutes the alarm, and the check says so rather than pass.
 */
function actionsEnabled(
  ctx: MapContext,
  raw: unknown,
): { enabled: Value<boolean | undefined>; mutedWhen?: string; disabledBy?: string } {
  const enabled = ctx.boolean(raw);
  const ref = asRecord(raw)?.Ref;
  const parameter =
    typeof ref === 'string' && ctx.resolver.parameterSource(ref) !== undefined ? ref : undefined;
  if (parameter === undefined) return { enabled };
  if (isUnknown(enabled)) {
    const readings = ctx.resolver.allowedTexts(parameter)?.map(readsAs);
    if (readings?.every((r) => r === true)) return { enabled: true };
    if (readings?.every((r) => r === false)) return { enabled: false };
    return { enabled, mutedWhen: `parameter ${parameter} is false` };
  }
  const byDefault = ctx.resolver.parameterSource(parameter)?.origin === 'default';
  if (enabled === false && byDefault) return { enabled, disabledBy: `parameter ${parameter}'s default` };
  if (enabled !== true || !byDefault) return { enabled };
  const others = ctx.resolver.declaredAllowedTexts(parameter);
  if (others !== undefined && !others.some((text) => readsAs(text) === false)) return { enabled };
  return {
    enabled: unknown(`from parameter ${parameter}, true by its default, which a deploy may override`),
    mutedWhen: `parameter ${parameter} is false, not its default true`,
  };
}

/**
 * The conditions whose `Fn::If` gives `AWS::NoValue` for AlarmActions or an item of it in this scan, as findings word
 * them (`condition HasTopic does not hold`): where AlarmActions come out empty, the finding says in which case.
 */
function actionsDroppedWhen(ctx: MapContext, raw: unknown): string[] {
  const dropped: string[] = [];
  const walk = (value: unknown): void => {
    const body = asRecord(value)?.['Fn::If'];
    if (!Array.isArray(body) || body.length !== 3 || typeof body[0] !== 'string') return;
    const holds = ctx.resolver.conditionNamed(body[0]);
    if (isUnknown(holds)) return;
    const taken: unknown = holds ? body[1] : body[2];
    if (asRecord(taken)?.Ref === 'AWS::NoValue')
      dropped.push(`condition ${body[0]} ${holds ? 'holds' : 'does not hold'}`);
    else walk(taken);
  };
  walk(raw);
  if (Array.isArray(raw)) for (const item of raw) walk(item);
  return [...new Set(dropped)];
}

/** How many AlarmActions are written (their values may be unknown); Unknown when the whole list is. */
function actionCount(ctx: MapContext, raw: unknown): Value<number> {
  const actions = ctx.list(raw, () => true);
  return isUnknown(actions) ? actions : actions.length;
}

/**
 * The alarm's own Condition when it holds as the alarm is mapped: one its parameters' defaults may make false, taken to
 * hold for a deploy that creates it (mapOne). What listens to the alarm is read in that case (see listenersOf).
 */
function heldCondition(ctx: MapContext, id: string): string | undefined {
  const condition = alarmConditions(ctx).get(id);
  return condition !== undefined && ctx.resolver.settledCondition(condition) === true ? condition : undefined;
}

/** The Condition of each alarm of the template that has one, looked up once per build. */
const CONDITIONS = new WeakMap<MapContext, Map<string, string>>();

function alarmConditions(ctx: MapContext): Map<string, string> {
  const found = CONDITIONS.get(ctx);
  if (found !== undefined) return found;
  const conditions = new Map<string, string>();
  for (const [id, declaration] of ctx.declarationsOfType('AWS::CloudWatch::Alarm'))
    if (typeof declaration.Condition === 'string') conditions.set(id, declaration.Condition);
  CONDITIONS.set(ctx, conditions);
  return conditions;
}

export const alarm: Mapper = (ctx, base, p): MetricAlarm => {
  const metrics = queries(ctx, p.Metrics);
  const name = ctx.string(p.AlarmName);
  const { enabled, mutedWhen, disabledBy } = actionsEnabled(ctx, p.ActionsEnabled);
  const count = actionCount(ctx, p.AlarmActions);
  const droppedWhen = actionsDroppedWhen(ctx, p.AlarmActions);
  const rollback = rollbackOf(ctx, { id: base.id, name });
  return {
    kind: 'cloudwatch.alarm',
    name,
    namespace: ctx.string(p.Namespace),
    metricName: ctx.string(p.MetricName),
    dimensions: dimensions(ctx, p.Dimensions),
    comparison: ctx.string(p.ComparisonOperator),
    actionsEnabled: enabled,
    ...(mutedWhen === undefined ? {} : { mutedWhen }),
    ...(disabledBy === undefined ? {} : { disabledBy }),
    alarmActions: count,
    ...(count === 0 && droppedWhen.length > 0 ? { noActionsWhen: droppedWhen.join(' and ') } : {}),
    heardBy: heardBy(ctx, { id: base.id, name }, heldCondition(ctx, base.id)),
    ...(rollback === undefined ? {} : { rollbackOf: rollback }),
    metrics,
    ...base,
  };
};
