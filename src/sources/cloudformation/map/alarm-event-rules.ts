import type { Resolved } from '../intrinsic-values.js';
import type { Verdict } from './alarm-composites.js';
import { patternHears } from './alarm-event-pattern.js';
import { existence, type Part, tellMet } from './alarm-listener-values.js';
import { listenersOf, rulesOf } from './alarm-listening.js';
import { type AlarmNamed, all } from './alarm-naming.js';
import type { MapContext } from './context.js';
import type { OnOff } from './switches.js';

/**
 * The EventBridge rules that hear an alarm go into ALARM: enabled, with targets, on the default bus (where alarm state
 * change events go), and with a pattern that matches its state change (./alarm-event-pattern.ts).
 */
export function rules(ctx: MapContext, held: string | undefined, alarm: AlarmNamed): Verdict[] {
  const verdicts: Verdict[] = [];
  for (const rule of rulesOf(listenersOf(ctx, held))) {
    tellMet(ctx, rule.met);
    const who = `EventBridge rule ${rule.id}`;
    const parts: Part[] = [
      existence(ctx, rule.declaration),
      ruleEnabled(rule.state),
      onDefaultBus(rule.bus),
      hasTargets(rule.targets),
    ];
    if (parts.some((part) => part.heard === 'no')) continue;
    parts.push(patternHears(rule.pattern, alarm));
    const heard = all(parts.map((part) => part.heard));
    const why = parts.find((part) => part.heard === 'maybe')?.why;
    verdicts.push({ heard, who, ...(why === undefined ? {} : { why }) });
  }
  return verdicts;
}

function ruleEnabled({ enabled }: OnOff): Part {
  if (typeof enabled === 'boolean') return { heard: enabled ? 'yes' : 'no' };
  return { heard: 'maybe', why: 'its State is not known before deploy' };
}

/** Alarm state change events go to the account's default event bus. */
function onDefaultBus(bus: Resolved): Part {
  if (bus === undefined || bus === null) return { heard: 'yes' };
  if (typeof bus === 'string')
    return { heard: bus === 'default' || bus.endsWith(':event-bus/default') ? 'yes' : 'no' };
  return { heard: 'maybe', why: 'its EventBusName is not known before deploy' };
}

function hasTargets(targets: Resolved): Part {
  if (targets === undefined || targets === null) return { heard: 'no' };
  if (Array.isArray(targets)) return { heard: targets.length > 0 ? 'yes' : 'no' };
  return { heard: 'maybe', why: 'its Targets are not known before deploy' };
}
