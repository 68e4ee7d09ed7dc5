import { unknown, type Value } from '../../../model/values.js';
import { composites, type Verdict } from './alarm-composites.js';
import { rules } from './alarm-event-rules.js';
import { exportedAs } from './alarm-exports.js';
import type { AlarmNamed } from './alarm-naming.js';
import type { MapContext } from './context.js';

/**
 * Who else in a template is told when an alarm goes into ALARM, besides the alarm's own AlarmActions: a composite
 * alarm whose rule hears it and that has actions (or is heard in turn: ./alarm-composites.ts), an enabled EventBridge
 * rule with targets on the default bus whose pattern matches its state change (./alarm-event-rules.ts), or, where the
 * template exports it, a stack that imports it (./alarm-exports.ts).
 *
 * `held` is the alarm's own Condition when it is mapped taking it to hold (see listenersOf).
 */

/**
 * What hears the alarm: who surely does, undefined when nothing does, Unknown (naming who may, and why) when
 * something may.
 */
export function heardBy(ctx: MapContext, alarm: AlarmNamed, held?: string): Value<string | undefined> {
  const verdicts = listeners(ctx, held, alarm);
  const surely = verdicts.find((v) => v.heard === 'yes');
  if (surely !== undefined) return surely.who;
  if (verdicts.length === 0) return undefined;
  return unknown(verdicts.map((v) => `${v.who} may hear it (${v.why})`).join('; '));
}

function listeners(ctx: MapContext, held: string | undefined, alarm: AlarmNamed): Verdict[] {
  const hear = (heard: AlarmNamed) => listeners(ctx, held, heard);
  const exported = exportedAs(ctx, alarm.id);
  return [
    ...composites(ctx, held, alarm, hear),
    ...rules(ctx, held, alarm),
    ...(exported === undefined
      ? []
      : [{ heard: 'maybe' as const, who: 'a stack importing it', why: exported }]),
  ].filter((v) => v.heard !== 'no');
}
