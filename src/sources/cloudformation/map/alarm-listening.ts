import { isUnknown, type Value } from '../../../model/values.js';
import { type Resolved, toText } from '../intrinsic-values.js';
import { type AlarmNamed, asRecord, type Heard, writtenName } from './alarm-naming.js';
import { type AlarmRuleReading, readAlarmRule } from './alarm-rule.js';
import type { MapContext } from './context.js';
import { type OnOff, stateSwitch } from './switches.js';

// The composite alarms and EventBridge rules of a template, read once for the alarms that they may hear.

export interface Part {
  readonly heard: Heard;
  /** Why it only may, when `heard` is maybe. */
  readonly why?: string;
}

/** A composite alarm of the template, its values as the alarms it names read them. */
export interface Composite {
  readonly id: string;
  readonly declaration: Record<string, unknown>;
  readonly rule: Value<string | undefined>;
  readonly name: Value<string | undefined>;
  readonly actionsEnabled: Value<boolean | undefined>;
  readonly alarmActions: Resolved;
  /** Its rule read once (./alarm-rule.ts); undefined when not known at all. */
  readonly reading: AlarmRuleReading | undefined;
  /** The conditions not known before deploy (or decided by defaults) that reading its values met. */
  readonly met: readonly string[];
}

/** An EventBridge rule of the template, its values as the alarms it may hear read them. */
export interface EventRule {
  readonly id: string;
  readonly declaration: Record<string, unknown>;
  /** Its State, read as a rule that invokes targets reads it (./switches.ts). */
  readonly state: OnOff;
  readonly bus: Resolved;
  readonly targets: Resolved;
  readonly pattern: Resolved;
  readonly met: readonly string[];
}

/** What a composite tells when it goes into ALARM, with the conditions working it out met. */
export interface Told extends Part {
  readonly met: readonly string[];
}

/**
 * The template's composite alarms and EventBridge rules, resolved once per build and per condition an alarm is mapped
 * holding (a template may have hundreds of alarms), quietly: a problem in their values is theirs, not the alarm's being
 * mapped, and so are the parameter defaults they use (the alarm's own assumptions are left as they were). The
 * conditions they meet are kept with them and told to each alarm whose verdict reads them.
 */
export interface Listening {
  readonly composites: Composite[];
  readonly rules: EventRule[];
  /** The composites by each literal name their operands give (`fn-errors`, the name of an ARN), for lookup. */
  readonly byName: Map<string, Composite[]>;
  /** The composites with an operand that is not a literal name (`${Fn}`, a parameter): asked of every alarm. */
  readonly unindexed: Composite[];
  /** What each composite tells, once worked out (./alarm-composites.ts). */
  readonly told: Map<string, Told>;
  /** The composites being worked out, each at its depth: a rule naming one of them is a cycle, cut there. */
  readonly inProgress: Map<string, number>;
  /** The lowest depth a cycle was cut at since the frame being worked out began. */
  lowestCut: number;
  /** How many composites have been worked out (see MAX_STEPS in ./alarm-composites.ts). */
  steps: number;
}

const LISTENERS = new WeakMap<MapContext, Map<string, Listening>>();

/**
 * The listening of the build, read under `held`: the alarm's own Condition when it is mapped taking it to hold (one
 * its parameters' defaults make false: see mapOne), under which an `Fn::If` on it in a listener gives its other branch
 * and a listener with that Condition exists. Each `held` has its own, so no alarm reads values another case gave.
 */
export function listenersOf(ctx: MapContext, held: string | undefined): Listening {
  const byHeld = LISTENERS.get(ctx) ?? new Map<string, Listening>();
  LISTENERS.set(ctx, byHeld);
  const key = held ?? '';
  const found = byHeld.get(key);
  if (found !== undefined) return found;
  const assumed = [...ctx.resolver.assumed];
  const lists = ctx.resolver.quietly(() => ({
    composites: ctx.declarationsOfType('AWS::CloudWatch::CompositeAlarm').map(([id, declaration]) =>
      meeting(ctx, () => {
        const p = properties(ctx, declaration);
        const rule = text(ctx, p.AlarmRule);
        return {
          id,
          declaration,
          rule,
          name: text(ctx, p.AlarmName),
          actionsEnabled: ctx.boolean(p.ActionsEnabled),
          alarmActions: ctx.resolver.value(p.AlarmActions),
          reading: readingOf(rule),
        };
      }),
    ),
    rules: ctx.declarationsOfType('AWS::Events::Rule').map(([id, declaration]) =>
      meeting(ctx, () => {
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
    ),
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
  byHeld.set(key, listening);
  return listening;
}

/**
 * Runs `read`, and gives what it read with the conditions it met (Resolver.undecidedMet), which are left out of those
 * of the resource being mapped: they are its only where its verdict reads what `read` read (see tellMet).
 */
export function meeting<T extends object>(ctx: MapContext, read: () => T): T & { met: string[] } {
  const met = ctx.resolver.undecidedMet;
  const before = [...met];
  met.clear();
  try {
    const value = read();
    return { ...value, met: [...met] };
  } finally {
    met.clear();
    for (const name of before) met.add(name);
  }
}

/** Tells the resource being mapped that its verdict reads values that met these conditions. */
export function tellMet(ctx: MapContext, met: readonly string[]): void {
  for (const name of met) ctx.resolver.undecidedMet.add(name);
}

/** The composites by the literal names their operands give, and those with an operand that is not one. */
function indexed(composites: Composite[]): Pick<Listening, 'byName' | 'unindexed'> {
  const byName = new Map<string, Composite[]>();
  const unindexed: Composite[] = [];
  for (const composite of composites) {
    const names = composite.reading?.operands.map((operand) => writtenName(operand).name);
    if (
      names === undefined ||
      composite.reading?.open ||
      composite.reading?.unread ||
      names.some((name) => name.includes('${'))
    ) {
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
export function candidates(listening: Listening, alarm: AlarmNamed): Composite[] {
  const { name } = alarm;
  if (isUnknown(name)) return listening.composites;
  const named = name === undefined ? [] : (listening.byName.get(name) ?? []);
  const chosen = new Set([...named, ...listening.unindexed]);
  return listening.composites.filter((composite) => chosen.has(composite));
}

function properties(ctx: MapContext, declaration: Record<string, unknown>): Record<string, unknown> {
  return asRecord(ctx.resolver.shallow(declaration.Properties)) ?? {};
}

function text(ctx: MapContext, raw: unknown): Value<string | undefined> {
  return toText(ctx.resolver.value(raw));
}

/** The rule's reading (./alarm-rule.ts); undefined when the rule is not known at all (no rule: no terms). */
function readingOf(rule: Value<string | undefined>): AlarmRuleReading | undefined {
  if (rule === undefined) return { operands: [], open: false, unread: false, readings: [] };
  const shown = isUnknown(rule) ? rule.template : rule;
  return shown === undefined ? undefined : readAlarmRule(shown);
}

/** Whether the listener exists: its Condition, where it has one (a case of the conditions decides an undecided one). */
export function existence(ctx: MapContext, declaration: Record<string, unknown>): Part {
  const condition = declaration.Condition;
  if (typeof condition !== 'string') return { heard: 'yes' };
  const holds = ctx.resolver.conditionNamed(condition);
  if (isUnknown(holds)) return { heard: 'maybe', why: `it exists only when condition ${condition} holds` };
  return { heard: holds ? 'yes' : 'no' };
}
