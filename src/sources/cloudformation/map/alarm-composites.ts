import { isUnknown, templateMayGive } from '../../../model/values.js';
import { type Composite, existence, meeting, type Part, tellMet } from './alarm-listener-values.js';
import { candidates, type Listening, listenersOf } from './alarm-listening.js';
import { type AlarmNamed, alarmKey, all, fixedDeploy, type Heard, namesAlarm } from './alarm-naming.js';
import { type RuleHearing, ruleHears } from './alarm-rule-hears.js';
import type { MapContext } from './context.js';

/**
 * The composite alarms that hear an alarm go into ALARM: a composite alarm's AlarmRule names the alarms it evaluates,
 * `ALARM("alarm-name or alarm-ARN")`, whatever their own actions (AWS::CloudWatch::CompositeAlarm, PutCompositeAlarm),
 * and tells someone when it goes into ALARM itself: through its own actions, or what hears it in turn.
 */

export interface Verdict extends Part {
  /** `composite alarm Errors`, `EventBridge rule AlarmToSlack`, `a stack importing it`. */
  readonly who: string;
}

/** Who hears an alarm: given to the composites, which ask it of themselves (see tellsOf). */
type Hear = (alarm: AlarmNamed) => Verdict[];

/**
 * How many composites tellsOf works out for one template before it says 'maybe': a result a cycle cut short is not
 * kept, so composites that may each hear all the others (every rule naming `${Param}`) would be walked in every order.
 */
const MAX_STEPS = 10_000;

export function composites(
  ctx: MapContext,
  held: string | undefined,
  alarm: AlarmNamed,
  hear: Hear,
): Verdict[] {
  const listening = listenersOf(ctx, held);
  const verdicts: Verdict[] = [];
  for (const composite of candidates(listening, alarm)) {
    const { id } = composite;
    const depth = listening.inProgress.get(id);
    if (depth !== undefined) {
      // A cycle of composites: what this one tells is being worked out below; through it, nothing new is heard.
      listening.lowestCut = Math.min(listening.lowestCut, depth);
      continue;
    }
    tellMet(ctx, composite.met);
    const who = `composite alarm ${id}`;
    const exists = existence(ctx, composite.declaration);
    const names = ruleNames(composite, alarm);
    if (exists.heard === 'no' || names.heard === 'no') continue;
    const tells = tellsOf(ctx, listening, composite, hear);
    const heard = all([exists.heard, names.heard, tells.heard]);
    const why = [exists, names, tells].find((part) => part.heard === 'maybe')?.why;
    verdicts.push({ heard, who, ...(why === undefined ? {} : { why }) });
  }
  return verdicts;
}

/**
 * Whether a composite tells anyone when it goes into ALARM: its own actions, or what hears it in turn (a composite
 * without actions that another composite, or a rule, listens to). Worked out once per composite, so that a chain of
 * composites costs as many steps as it has links; a result that a cycle cut short above it is not kept. The
 * conditions met working it out are kept with it, and told again to each alarm that reuses it.
 */
function tellsOf(ctx: MapContext, listening: Listening, composite: Composite, hear: Hear): Part {
  const kept = listening.told.get(composite.id);
  if (kept !== undefined) {
    tellMet(ctx, kept.met);
    return kept;
  }
  const own = toldOwnActions(composite);
  if (own.heard === 'yes') {
    listening.told.set(composite.id, { ...own, met: [] });
    return own;
  }
  listening.steps += 1;
  if (listening.steps > MAX_STEPS)
    return {
      heard: 'maybe',
      why: 'too many composite alarms may hear each other for Parapet to follow them all',
    };
  const depth = listening.inProgress.size;
  const outerCut = listening.lowestCut;
  listening.lowestCut = Number.POSITIVE_INFINITY;
  listening.inProgress.set(composite.id, depth);
  const { next, met } = meeting(ctx, () => ({ next: hear({ id: composite.id, name: composite.name }) }));
  tellMet(ctx, met);
  listening.inProgress.delete(composite.id);
  let tells: Part = own;
  if (next.some((v) => v.heard === 'yes')) tells = { heard: 'yes' };
  else if (own.heard === 'no' && next.length > 0)
    tells = { heard: 'maybe', why: next.map((v) => `${v.who} may hear it: ${v.why}`).join('; ') };
  if (listening.lowestCut >= depth) listening.told.set(composite.id, { ...tells, met });
  listening.lowestCut = Math.min(outerCut, listening.lowestCut);
  return tells;
}

/** A composite alarm's own actions: AlarmActions written, and ActionsEnabled not false. */
function toldOwnActions(composite: Composite): Part {
  const enabled = composite.actionsEnabled ?? true;
  if (enabled === false) return { heard: 'no' };
  const actions = composite.alarmActions;
  if (actions === undefined || (Array.isArray(actions) && actions.length === 0)) return { heard: 'no' };
  if (!Array.isArray(actions)) return { heard: 'maybe', why: 'its AlarmActions are not known before deploy' };
  if (isUnknown(enabled))
    return { heard: 'maybe', why: `its ActionsEnabled is not known before deploy (${enabled.reason})` };
  return { heard: 'yes' };
}

/**
 * A rule not written as the AlarmRule syntax is documented (or nested too deep to read): CloudWatch may refuse it or
 * read it otherwise, so it may hear an alarm its text names, and none whose name it cannot hold: a known name it does
 * not hold, or one whose known parts it does not hold in order (`${AWS::StackName}-errors` in a rule without
 * `-errors`), as the terms of a rule it reads do not (namesAlarm). Its name or its ARN, either holds the name.
 */
function unreadRuleNames(rule: Composite['rule'], alarm: AlarmNamed): Part {
  const text = isUnknown(rule) ? rule.template : rule;
  // Text not known before deploy (`${Param}`, a reference, this alarm's own `${Id}`) may give any name.
  if (text !== undefined && !text.includes('${') && !mayHoldName(text, alarm.name)) return { heard: 'no' };
  return {
    heard: 'maybe',
    why: 'its AlarmRule is not written as the CloudWatch documentation gives the syntax, and Parapet does not read it',
  };
}

/**
 * Whether text may hold an alarm's name: a known name, or any text its `${...}` parts may give. An alarm without
 * AlarmName (CloudFormation names it) is named only through a reference, `${...}` in the text.
 */
function mayHoldName(text: string, name: AlarmNamed['name']): boolean {
  if (name === undefined) return false;
  if (!isUnknown(name)) return text.includes(name);
  return name.template === undefined || templateMayGive(`\${}${name.template}\${}`, text);
}

/**
 * Whether a composite alarm's rule goes into ALARM as the alarm does, for some state of the other alarms it names
 * (./alarm-rule-hears.ts): `ALARM(x) AND FALSE`, `NOT ALARM(x)` and `OK(x)` do not. A rule part of which is not known
 * before deploy (`${Param}` outside any term) may say anything.
 */
function ruleNames(composite: Composite, alarm: AlarmNamed): Part {
  const { rule, reading } = composite;
  if (reading === undefined) return { heard: 'maybe', why: 'its AlarmRule is not known before deploy' };
  if (reading.open) return { heard: 'maybe', why: 'part of its AlarmRule is not known before deploy' };
  if (reading.unread) return unreadRuleNames(rule, alarm);
  const within = isUnknown(rule) ? rule : undefined;
  const naming = new Map<string, Heard>();
  const named = (operand: string): Heard => {
    const heard = naming.get(operand) ?? namesAlarm(operand, alarm, within);
    naming.set(operand, heard);
    return heard;
  };
  const { heard, tooLarge, alike } = ruleHears(reading.readings, named, alarmKey);
  if (heard !== 'maybe') return { heard };
  if (tooLarge !== undefined)
    return { heard, why: `its AlarmRule names ${tooMany(tooLarge)} for Parapet to weigh` };
  if (alike !== undefined)
    return {
      heard,
      why: `its AlarmRule names ${alike[0]} and ${alike[1]}, which may be one alarm, and goes into ALARM with it only where they are two`,
    };
  const maybes = [...naming].filter(([, h]) => h === 'maybe').map(([operand]) => operand);
  const fixed = maybes.map(fixedDeploy).find((f) => f !== undefined);
  if (fixed !== undefined)
    return {
      heard,
      why: `its AlarmRule names it by an ARN of ${fixed}, and the stack's own are not known before deploy`,
    };
  if (maybes.length > 0) return { heard, why: 'its AlarmRule names an alarm not known before deploy' };
  return {
    heard,
    why: 'its AlarmRule goes into ALARM with it only as AND and OR are ranked, which is not documented',
  };
}

/** What made a rule's cases too many to weigh, as its finding words it. */
function tooMany({ mayBeX, repeated }: NonNullable<RuleHearing['tooLarge']>): string {
  if (mayBeX && repeated) return 'too many alarms that may be it, and others more than once,';
  return repeated ? 'too many alarms more than once' : 'too many alarms that may be it';
}
