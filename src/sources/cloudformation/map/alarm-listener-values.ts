import { isUnknown, type Value } from '../../../model/values.js';
import { type Resolved, toText } from '../intrinsic-values.js';
import { type EventPattern, readEventPattern } from './alarm-event-pattern.js';
import { asRecord, type Heard, writtenName } from './alarm-naming.js';
import { type AlarmRuleReading, readAlarmRule } from './alarm-rule.js';
import type { MapContext } from './context.js';
import { type OnOff, stateSwitch } from './switches.js';

// The values of a template's composite alarms and EventBridge rules, as the alarms they may hear read them, and the
// conditions reading them met (./alarm-listening.ts reads each once per held condition it reads).

export interface Part {
  readonly heard: Heard;
  /** Why it only may, when `heard` is maybe. */
  readonly why?: string;
}

/** A composite alarm of the template, its values as the alarms it names read them. */
export interface Composite {
  readonly id: string;
  /** Its place among the template's composite alarms: candidates are given in the template's order. */
  readonly order: number;
  readonly declaration: Record<string, unknown>;
  readonly rule: Value<string | undefined>;
  readonly name: Value<string | undefined>;
  readonly actionsEnabled: Value<boolean | undefined>;
  readonly alarmActions: Resolved;
  /** Its rule read once (./alarm-rule.ts); undefined when not known at all. */
  readonly reading: AlarmRuleReading | undefined;
  /** The literal names its rule's operands give (an ARN's name); undefined when one is not literal, or not read. */
  readonly names: ReadonlySet<string> | undefined;
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
  /** Its EventPattern, read once for all the alarms it may hear. */
  readonly pattern: EventPattern;
  readonly met: readonly string[];
}

/** What a composite tells when it goes into ALARM, with the conditions working it out met. */
export interface Told extends Part {
  readonly met: readonly string[];
}

/** A listener as the template declares it: its logical id, its place among those of its type, its declaration. */
export interface Declared {
  readonly id: string;
  readonly order: number;
  readonly declaration: Record<string, unknown>;
}

/** A composite alarm's values, as the alarms it names read them. */
export function readComposite(ctx: MapContext, { id, order, declaration }: Declared): Omit<Composite, 'met'> {
  const p = properties(ctx, declaration);
  const rule = text(ctx, p.AlarmRule);
  const reading = ruleReading(rule);
  return {
    id,
    order,
    declaration,
    rule,
    name: text(ctx, p.AlarmName),
    actionsEnabled: ctx.boolean(p.ActionsEnabled),
    alarmActions: ctx.resolver.value(p.AlarmActions),
    reading,
    names: literalNames(reading),
  };
}

/** An EventBridge rule's values, as the alarms it may hear read them. */
export function readRule(ctx: MapContext, { id, declaration }: Declared): Omit<EventRule, 'met'> {
  const p = properties(ctx, declaration);
  return {
    id,
    declaration,
    state: stateSwitch(ctx, p.State),
    bus: ctx.resolver.value(p.EventBusName),
    targets: ctx.resolver.value(p.Targets),
    pattern: readEventPattern(ctx.resolver.value(p.EventPattern)),
  };
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

/** The literal names a rule's operands give; undefined where one is not literal (`${Fn}`), or the rule is not read. */
function literalNames(reading: AlarmRuleReading | undefined): ReadonlySet<string> | undefined {
  if (reading === undefined || reading.open || reading.unread) return undefined;
  const names = reading.operands.map((operand) => writtenName(operand).name);
  return names.some((name) => name.includes('${')) ? undefined : new Set(names);
}

function properties(ctx: MapContext, declaration: Record<string, unknown>): Record<string, unknown> {
  return asRecord(ctx.resolver.shallow(declaration.Properties)) ?? {};
}

function text(ctx: MapContext, raw: unknown): Value<string | undefined> {
  return toText(ctx.resolver.value(raw));
}

/** The rule's reading (./alarm-rule.ts); undefined when the rule is not known at all (no rule: no terms). */
function ruleReading(rule: Value<string | undefined>): AlarmRuleReading | undefined {
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
