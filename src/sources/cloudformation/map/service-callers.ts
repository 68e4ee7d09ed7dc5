import type { CalledFunction, CallingService, ServiceCaller } from '../../../model/service-callers.js';
import { isUnknown, type Value } from '../../../model/values.js';
import type { MapContext } from './context.js';
import { targetFunction } from './function-target.js';
import { ALWAYS_ON, type OnOff, receiptRuleSwitch, stateSwitch } from './switches.js';
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
        stateSwitch(ctx, p.State),
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
        receiptRuleSwitch(ctx, ctx.dig(p.Rule, 'Enabled')),
      ),
    // The versions a distribution's cache behaviors run as Lambda@Edge functions, which CloudFront invokes
    // synchronously: it waits for the function's answer to go on with the request or response.
    'AWS::CloudFront::Distribution': (ctx, base, p) => {
      const config = ctx.dig(p, 'DistributionConfig');
      const behaviors = [
        ctx.dig(config, 'DefaultCacheBehavior'),
        ...each(ctx, ctx.dig(config, 'CacheBehaviors'), (entry) => entry),
      ];
      return caller(
        base,
        'cloudfront',
        behaviors.flatMap((behavior) =>
          each(ctx, ctx.dig(behavior, 'LambdaFunctionAssociations'), (entry) =>
            called(ctx, ctx.dig(entry, 'LambdaFunctionARN'), 'RequestResponse'),
          ),
        ),
      );
    },
  };
}
