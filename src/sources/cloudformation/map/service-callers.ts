import type { CalledFunction, CallingService, ServiceCaller } from '../../../model/service-callers.js';
import { isUnknown, type Value } from '../../../model/values.js';
import type { MapContext } from './context.js';
import { targetFunction } from './function-target.js';
import type { BaseFields, Mapper } from './types.js';

/** SNS, EventBridge rules and S3 notifications invoke a function asynchronously (Lambda Developer Guide, invocation-async.html). */
const EVENT = 'Event';

/**
 * The resources of other services that name the functions they invoke (see ServiceCaller). A list not known before
 * deploy (Targets from a parameter) names none: Parapet does not guess what it invokes.
 */
export function serviceCallerMappers(typeOf: (id: string) => string | undefined): Record<string, Mapper> {
  /** The function `raw` names, invoked with `invocationType`; undefined when it names none (a queue, a topic). */
  const called = (
    ctx: MapContext,
    raw: unknown,
    invocationType: Value<string> = EVENT,
  ): CalledFunction | undefined => {
    const target = targetFunction(ctx.reference(raw), typeOf);
    return target === undefined ? undefined : { ...target, invocationType };
  };
  const caller = (
    base: BaseFields,
    service: CallingService,
    calls: readonly (CalledFunction | undefined)[],
    state: OnOff = ALWAYS_ON,
  ): ServiceCaller | undefined => {
    const known = calls.filter((call): call is CalledFunction => call !== undefined);
    return known.length === 0
      ? undefined
      : { kind: 'service.lambda-caller', service, calls: known, ...state, ...base };
  };
  /** Each item of a list property (`Targets`), or none when the list is not known before deploy. */
  const each = <T>(ctx: MapContext, raw: unknown, item: (entry: unknown) => T): T[] => {
    const list = ctx.list(raw, item);
    return isUnknown(list) ? [] : list;
  };
  /** A subscription with a protocol other than `lambda` delivers elsewhere, even to an endpoint that is a function. */
  const subscribed = (ctx: MapContext, subscription: unknown) => {
    const protocol = ctx.string(ctx.dig(subscription, 'Protocol'));
    return typeof protocol === 'string' && protocol !== 'lambda'
      ? undefined
      : called(ctx, ctx.dig(subscription, 'Endpoint'));
  };

  return {
    'AWS::SNS::Subscription': (ctx, base, p) => caller(base, 'sns', [subscribed(ctx, p)]),
    'AWS::SNS::Topic': (ctx, base, p) =>
      caller(
        base,
        'sns',
        each(ctx, p.Subscription, (entry) => subscribed(ctx, entry)),
      ),
    'AWS::Events::Rule': (ctx, base, p) =>
      caller(
        base,
        'events',
        each(ctx, p.Targets, (entry) => called(ctx, ctx.dig(entry, 'Arn'))),
        ruleState(ctx, p.State),
      ),
    'AWS::S3::Bucket': (ctx, base, p) =>
      caller(
        base,
        's3',
        each(ctx, ctx.dig(p.NotificationConfiguration, 'LambdaConfigurations'), (entry) =>
          called(ctx, ctx.dig(entry, 'Function')),
        ),
      ),
    // LambdaAction.InvocationType: "RequestResponse means that the execution of the function immediately results
    // in a response, and a value of Event means that the function is invoked asynchronously. The default value is
    // Event" (CloudFormation reference, aws-properties-ses-receiptrule-lambdaaction).
    'AWS::SES::ReceiptRule': (ctx, base, p) =>
      caller(
        base,
        'ses',
        each(ctx, ctx.dig(p.Rule, 'Actions'), (entry) => {
          const action = ctx.dig(entry, 'LambdaAction');
          if (action === undefined) return undefined;
          const invocationType = ctx.string(ctx.dig(action, 'InvocationType')) ?? EVENT;
          return called(ctx, ctx.dig(action, 'FunctionArn'), invocationType);
        }),
        receiptRuleState(ctx, ctx.dig(p.Rule, 'Enabled')),
      ),
  };
}

/** Whether a service resource invokes what it names, and what turns it off (see ServiceCaller.enabled). */
type OnOff = Pick<ServiceCaller, 'enabled' | 'switchedBy'>;

const ALWAYS_ON: OnOff = { enabled: true };

/**
 * `property` turns the resource off (`enabled` false: `value` is what it holds, undefined when not set), or may
 * (`enabled` not known before deploy); the parameters whose defaults gave it are named.
 */
function switchedBy(
  ctx: MapContext,
  enabled: Value<boolean>,
  property: string,
  raw: unknown,
  value?: string,
): OnOff {
  const defaults = [...ctx.resolver.valueParameters(raw)].filter(
    (name) => ctx.resolver.parameterSource(name)?.origin === 'default',
  );
  return {
    enabled,
    switchedBy: value === undefined ? { property, defaults } : { property, value, defaults },
  };
}

/**
 * An EventBridge rule's State: "DISABLED: The rule is disabled. EventBridge does not match any events against the
 * rule" (EventBridge API reference, PutRule), which runs no schedule either; ENABLED and
 * ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS invoke the targets, and a rule without State is enabled. A parameter
 * without default whose AllowedValues leave DISABLED out enables it too.
 */
function ruleState(ctx: MapContext, raw: unknown): OnOff {
  const state = ctx.string(raw);
  if (state === undefined) return ALWAYS_ON;
  if (!isUnknown(state))
    return state === 'DISABLED' ? switchedBy(ctx, false, 'State', raw, state) : ALWAYS_ON;
  const allowed = ctx.oneOfAllowed(raw, state).oneOf;
  return allowed !== undefined && !allowed.includes('DISABLED')
    ? ALWAYS_ON
    : switchedBy(ctx, state, 'State', raw);
}

/**
 * An SES receipt rule's Rule.Enabled: "If true, the receipt rule is active. The default value is false"
 * (CloudFormation reference, aws-properties-ses-receiptrule-rule; the SES API's ReceiptRule says the same).
 */
function receiptRuleState(ctx: MapContext, raw: unknown): OnOff {
  const enabled = ctx.boolean(raw);
  if (enabled === true) return ALWAYS_ON;
  const value = enabled === false ? 'false' : undefined;
  return switchedBy(ctx, enabled ?? false, 'Rule.Enabled', raw, value);
}
