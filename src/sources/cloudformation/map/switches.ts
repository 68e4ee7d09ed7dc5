import type { Switchable } from '../../../model/service-callers.js';
import { isUnknown, type Value } from '../../../model/values.js';
import type { MapContext } from './context.js';

/** Whether a service resource invokes what it names, and what turns it off (see Switchable.enabled). */
export type OnOff = Pick<Switchable, 'enabled' | 'switchedBy'>;

export const ALWAYS_ON: OnOff = { enabled: true };

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
 * The State of an EventBridge rule or an EventBridge Scheduler schedule. A rule's "DISABLED: The rule is disabled.
 * EventBridge does not match any events against the rule" (EventBridge API reference, PutRule), which runs no
 * schedule either; ENABLED and ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS invoke the targets, and a rule without
 * State is enabled. A schedule's State "specifies whether the schedule is enabled or disabled", ENABLED (the
 * default) or DISABLED (AWS::Scheduler::Schedule reference; Scheduler User Guide, managing-schedule-state): a
 * disabled schedule invokes no target. A parameter without default whose AllowedValues leave DISABLED out enables
 * either too.
 */
export function stateSwitch(ctx: MapContext, raw: unknown): OnOff {
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
export function receiptRuleSwitch(ctx: MapContext, raw: unknown): OnOff {
  const enabled = ctx.boolean(raw);
  if (enabled === true) return ALWAYS_ON;
  const value = enabled === false ? 'false' : undefined;
  return switchedBy(ctx, enabled ?? false, 'Rule.Enabled', raw, value);
}
