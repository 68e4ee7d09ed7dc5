import { isUnknown, unknown, type Value } from '../../../model/values.js';
import { type Resolved, toText } from '../intrinsic-values.js';
import { patternHears } from './alarm-event-pattern.js';
import { type AlarmNamed, all, any, asRecord, type Heard, namesAlarm, writtenName } from './alarm-naming.js';
import { type AlarmRuleReading, readAlarmRule } from './alarm-rule.js';
import type { MapContext } from './context.js';
import { type OnOff, stateSwitch } from './switches.js';

/**
 * Who else in a template is told when an alarm goes into ALARM, besides the alarm's own AlarmActions: a composite
 * alarm whose rule names it and that has actions (or is heard in turn), or an enabled EventBridge rule with targets on
 * the default bus whose pattern matches its state change (./alarm-event-pattern.ts). A composite alarm's AlarmRule
 * names the alarms it evaluates, `ALARM("alarm-name or alarm-ARN")`, whatever their own actions
 * (AWS::CloudWatch::CompositeAlarm, PutCompositeAlarm); alarm state change events go to the default event bus.
 */

interface Verdict {
  readonly heard: Heard;
  /** `composite alarm Errors`, `EventBridge rule AlarmToSlack`. */
  readonly who: string;
  /** Why it only may, when `heard` is maybe. */
  readonly why?: string;
}

/**
 * What hears the alarm: who surely does, undefined when nothing does, Unknown (naming who may, and why) when
 * something may.
 */
export function heardBy(ctx: MapContext, alarm: AlarmNamed): Value<string | undefined> {
  const verdicts = listeners(ctx, alarm);
  const surely = verdicts.find((v) => v.heard === 'yes');
  if (surely !== undefined) return surely.who;
  const exported = exportedAs(ctx, alarm.id);
  const maybe = [
    ...verdicts.filter((v) => v.heard === 'maybe'),
    ...(exported === undefined
      ? []
      : [{ heard: 'maybe' as const, who: 'a stack importing it', why: exported }]),
  ];
  if (maybe.length === 0) return undefined;
  return unknown(maybe.map((v) => `${v.who} may hear it (${v.why})`).join('; '));
}

/**
 * Why a stack that imports the alarm may listen to it: the template exports its name or ARN (`Value: !GetAtt
 * Alarm.Arn`, `Export: {Name: ...}`), which a composite alarm or EventBridge rule of another stack names through
 * `Fn::ImportValue`. Neither that stack nor its listeners are read from here: the alarm may be heard.
 */
function exportedAs(ctx: MapContext, id: string): string | undefined {
  for (const raw of Object.values(ctx.resolver.outputs())) {
    const output = asRecord(raw as Resolved);
    const name = asRecord(output?.Export as Resolved)?.Name;
    if (name === undefined) continue;
    const what = exportedPart(output?.Value, id);
    if (what === undefined) continue;
    const sub = asRecord(name as Resolved)?.['Fn::Sub'];
    const shown = typeof name === 'string' ? name : typeof sub === 'string' ? sub : undefined;
    return `its ${what} is exported${shown === undefined ? '' : ` as ${shown}`}`;
  }
  return undefined;
}

/** `ARN` or `name` when an output's Value is the alarm's (`!GetAtt Id.Arn`, `!Ref Id`, `!Sub '${Id.Arn}'`). */
function exportedPart(value: unknown, id: string): string | undefined {
  const record = asRecord(value as Resolved);
  if (record?.Ref === id) return 'name';
  const getAtt = record?.['Fn::GetAtt'];
  const parts = typeof getAtt === 'string' ? getAtt.split('.') : getAtt;
  if (Array.isArray(parts) && parts[0] === id && parts[1] === 'Arn') return 'ARN';
  const sub = record?.['Fn::Sub'];
  if (typeof sub === 'string' && sub.includes(`\${${id}.Arn}`)) return 'ARN';
  if (typeof sub === 'string' && sub.includes(`\${${id}}`)) return 'name';
  return undefined;
}

/** A composite alarm of the template, its values as the alarms it names read them. */
interface Composite {
  readonly id: string;
  readonly declaration: Record<string, unknown>;
  readonly rule: Value<string | undefined>;
  readonly name: Value<string | undefined>;
  readonly actionsEnabled: Value<boolean | undefined>;
  readonly alarmActions: Resolved;
  /** Its rule's positive `ALARM(...)` operands, read once (./alarm-rule.ts); undefined when not known at all. */
  readonly reading: AlarmRuleReading | undefined;
}

/** An EventBridge rule of the template, its values as the alarms it may hear read them. */
interface EventRule {
  readonly id: string;
  readonly declaration: Record<string, unknown>;
  /** Its State, read as a rule that invokes targets reads it (./switches.ts). */
  readonly state: OnOff;
  readonly bus: Resolved;
  readonly targets: Resolved;
  readonly pattern: Resolved;
}

/**
 * The template's composite alarms and EventBridge rules, resolved once per build (a template may have hundreds of
 * alarms), quietly: a problem in their values is theirs, not the alarm's being mapped, and so are the parameter
 * defaults they use (the alarm's own assumptions are left as they were).
 */
interface Listening {
  readonly composites: Composite[];
  readonly rules: EventRule[];
  /** The composites by each literal name their operands give (`fn-errors`, the name of an ARN), for lookup. */
  readonly byName: Map<string, Composite[]>;
  /** The composites with an operand that is not a literal name (`${Fn}`, a parameter): asked of every alarm. */
  readonly unindexed: Composite[];
  /** What each composite tells, once worked out (see tellsOf). */
  readonly told: Map<string, Part>;
  /** The composites being worked out, each at its depth: a rule naming one of them is a cycle, cut there. */
  readonly inProgress: Map<string, number>;
  /** The lowest depth a cycle was cut at since the frame being worked out began. */
  lowestCut: number;
  /** How many composites have been worked out (see MAX_STEPS). */
  steps: number;
}

/**
 * How many composites tellsOf works out for one template before it says 'maybe': a result a cycle cut short is not
 * kept, so composites that may each hear all the others (every rule naming `${Param}`) would be walked in every order.
 */
const MAX_STEPS = 10_000;

interface Part {
  readonly heard: Heard;
  readonly why?: string;
}

const LISTENERS = new WeakMap<MapContext, Listening>();

function listenersOf(ctx: MapContext): Listening {
  const found = LISTENERS.get(ctx);
  if (found !== undefined) return found;
  const assumed = [...ctx.resolver.assumed];
  const lists = ctx.resolver.quietly(() => ({
    composites: ctx.declarationsOfType('AWS::CloudWatch::CompositeAlarm').map(([id, declaration]) => {
      const p = properties(ctx, declaration);
      return {
        id,
        declaration,
        rule: text(ctx, p.AlarmRule),
        name: text(ctx, p.AlarmName),
        actionsEnabled: ctx.boolean(p.ActionsEnabled),
        alarmActions: ctx.resolver.value(p.AlarmActions),
        reading: readingOf(text(ctx, p.AlarmRule)),
      };
    }),
    rules: ctx.declarationsOfType('AWS::Events::Rule').map(([id, declaration]) => {
      const p = properties(ctx, declaration);
      return {
        id,
        declaration,
        state: stateSwitch(ctx, p.State),
        bus: ctx.resolver.value(p.EventBusName),
        targets: ctx.resolver.value(p.Targets),
        pattern: ctx.resolver.value(p.EventPattern),
      };
    }),
  }));
  ctx.resolver.assumed.clear();
  for (const parameter of assumed) ctx.resolver.assumed.add(parameter);
  const listening: Listening = {
    ...lists,
    ...indexed(lists.composites),
    told: new Map(),
    inProgress: new Map(),
    lowestCut: Number.POSITIVE_INFINITY,
    steps: 0,
  };
  LISTENERS.set(ctx, listening);
  return listening;
}

/** The composites by the literal names their operands give, and those with an operand that is not one. */
function indexed(composites: Composite[]): Pick<Listening, 'byName' | 'unindexed'> {
  const byName = new Map<string, Composite[]>();
  const unindexed: Composite[] = [];
  for (const composite of composites) {
    const names = composite.reading?.operands.map((operand) => writtenName(operand).name);
    if (names === undefined || composite.reading?.open || names.some((name) => name.includes('${'))) {
      unindexed.push(composite);
      continue;
    }
    for (const name of new Set(names)) byName.set(name, [...(byName.get(name) ?? []), composite]);
  }
  return { byName, unindexed };
}

/**
 * The composites that may name the alarm, in the template's order: those whose operands give its name, and every
 * one whose operands are not literal names. An alarm whose name is not known may be named by any; one without
 * AlarmName (CloudFormation makes one) by no literal name.
 */
function candidates(listening: Listening, alarm: AlarmNamed): Composite[] {
  const { name } = alarm;
  if (isUnknown(name)) return listening.composites;
  const named = name === undefined ? [] : (listening.byName.get(name) ?? []);
  const chosen = new Set([...named, ...listening.unindexed]);
  return listening.composites.filter((composite) => chosen.has(composite));
}

function listeners(ctx: MapContext, alarm: AlarmNamed): Verdict[] {
  return [...composites(ctx, alarm), ...rules(ctx, alarm)].filter((v) => v.heard !== 'no');
}

function composites(ctx: MapContext, alarm: AlarmNamed): Verdict[] {
  const listening = listenersOf(ctx);
  const verdicts: Verdict[] = [];
  for (const composite of candidates(listening, alarm)) {
    const { id } = composite;
    const depth = listening.inProgress.get(id);
    if (depth !== undefined) {
      // A cycle of composites: what this one tells is being worked out below; through it, nothing new is heard.
      listening.lowestCut = Math.min(listening.lowestCut, depth);
      continue;
    }
    const who = `composite alarm ${id}`;
    const exists = existence(ctx, composite.declaration);
    const names = ruleNames(composite, alarm);
    if (exists.heard === 'no' || names.heard === 'no') continue;
    const tells = tellsOf(ctx, listening, composite);
    const heard = all([exists.heard, names.heard, tells.heard]);
    const why = [exists, names, tells].find((part) => part.heard === 'maybe')?.why;
    verdicts.push({ heard, who, ...(why === undefined ? {} : { why }) });
  }
  return verdicts;
}

/**
 * Whether a composite tells anyone when it goes into ALARM: its own actions, or what hears it in turn (a composite
 * without actions that another composite, or a rule, listens to). Worked out once per composite, so that a chain of
 * composites costs as many steps as it has links; a result that a cycle cut short above it is not kept.
 */
function tellsOf(ctx: MapContext, listening: Listening, composite: Composite): Part {
  const kept = listening.told.get(composite.id);
  if (kept !== undefined) return kept;
  let tells = toldOwnActions(composite);
  if (tells.heard === 'yes') {
    listening.told.set(composite.id, tells);
    return tells;
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
  const next = listeners(ctx, { id: composite.id, name: composite.name });
  listening.inProgress.delete(composite.id);
  if (next.some((v) => v.heard === 'yes')) tells = { heard: 'yes' };
  else if (tells.heard === 'no' && next.length > 0)
    tells = { heard: 'maybe', why: next.map((v) => `${v.who} may hear it: ${v.why}`).join('; ') };
  if (listening.lowestCut >= depth) listening.told.set(composite.id, tells);
  listening.lowestCut = Math.min(outerCut, listening.lowestCut);
  return tells;
}

function rules(ctx: MapContext, alarm: AlarmNamed): Verdict[] {
  const verdicts: Verdict[] = [];
  for (const rule of listenersOf(ctx).rules) {
    const who = `EventBridge rule ${rule.id}`;
    const parts: { heard: Heard; why?: string }[] = [
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

function properties(ctx: MapContext, declaration: Record<string, unknown>): Record<string, unknown> {
  return asRecord(ctx.resolver.shallow(declaration.Properties)) ?? {};
}

function text(ctx: MapContext, raw: unknown): Value<string | undefined> {
  return toText(ctx.resolver.value(raw));
}

/** Whether the listener exists: its Condition, where it has one (a case of the conditions decides an undecided one). */
function existence(ctx: MapContext, declaration: Record<string, unknown>): { heard: Heard; why?: string } {
  const condition = declaration.Condition;
  if (typeof condition !== 'string') return { heard: 'yes' };
  const holds = ctx.resolver.conditionNamed(condition);
  if (isUnknown(holds)) return { heard: 'maybe', why: `it exists only when condition ${condition} holds` };
  return { heard: holds ? 'yes' : 'no' };
}

/** A composite alarm's own actions: AlarmActions written, and ActionsEnabled not false. */
function toldOwnActions(composite: Composite): { heard: Heard; why?: string } {
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
 * Each positive `ALARM(...)` of a composite alarm's rule: whether one names the alarm. OK(...) and the like do not
 * hear errors, nor does `NOT ALARM(...)`, which holds while the alarm is not in ALARM.
 */
function ruleNames(composite: Composite, alarm: AlarmNamed): Part {
  const { rule, reading } = composite;
  if (reading === undefined) return { heard: 'maybe', why: `its AlarmRule is not known before deploy` };
  const heard = any(
    reading.operands.map((operand) => namesAlarm(operand, alarm, isUnknown(rule) ? rule : undefined)),
  );
  if (heard !== 'yes' && reading.open)
    return { heard: 'maybe', why: 'part of its AlarmRule is not known before deploy' };
  return heard === 'maybe'
    ? { heard, why: 'its AlarmRule names an alarm not known before deploy' }
    : { heard };
}

/** The rule's reading (./alarm-rule.ts); undefined when the rule is not known at all (no rule: no operands). */
function readingOf(rule: Value<string | undefined>): AlarmRuleReading | undefined {
  if (rule === undefined) return { operands: [], open: false };
  const shown = isUnknown(rule) ? rule.template : rule;
  return shown === undefined ? undefined : readAlarmRule(shown);
}

function ruleEnabled({ enabled }: OnOff): { heard: Heard; why?: string } {
  if (!isUnknown(enabled)) return { heard: enabled ? 'yes' : 'no' };
  return { heard: 'maybe', why: 'its State is not known before deploy' };
}

/** Alarm state change events go to the account's default event bus. */
function onDefaultBus(bus: Resolved): { heard: Heard; why?: string } {
  if (bus === undefined || bus === null) return { heard: 'yes' };
  if (typeof bus === 'string')
    return { heard: bus === 'default' || bus.endsWith(':event-bus/default') ? 'yes' : 'no' };
  return { heard: 'maybe', why: 'its EventBusName is not known before deploy' };
}

function hasTargets(targets: Resolved): { heard: Heard; why?: string } {
  if (targets === undefined || targets === null) return { heard: 'no' };
  if (Array.isArray(targets)) return { heard: targets.length > 0 ? 'yes' : 'no' };
  return { heard: 'maybe', why: 'its Targets are not known before deploy' };
}
