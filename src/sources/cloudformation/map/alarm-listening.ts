import { isUnknown } from '../../../model/values.js';
import { ConditionsRead } from './alarm-held.js';
import {
  type Composite,
  type Declared,
  type EventRule,
  meeting,
  readComposite,
  readRule,
  type Told,
} from './alarm-listener-values.js';
import type { AlarmNamed } from './alarm-naming.js';
import type { MapContext } from './context.js';

// The composite alarms and EventBridge rules of a template, read once for the alarms that they may hear (their values:
// ./alarm-listener-values.ts).

/**
 * A listener of the template (a composite alarm, an EventBridge rule) and its values, read once for each held
 * condition it reads (see listenersOf), and once, under '', for every other case.
 */
interface Slot<T> extends Declared {
  /** The conditions its values may read (./alarm-held.ts). */
  readonly reads: ReadonlySet<string>;
  readonly readings: Map<string, T>;
}

/**
 * The template's composite alarms and EventBridge rules, for one build: each read as the alarms being mapped need it,
 * quietly (a problem in their values is theirs, not the alarm's being mapped, and so are the parameter defaults they
 * use: the alarm's own assumptions are left as they were). The conditions they meet are kept with them and told to
 * each alarm whose verdict reads them.
 */
interface Listeners {
  readonly composites: Slot<Composite>[];
  readonly rules: Slot<EventRule>[];
  /** The listeners that read each condition: a held condition none reads leaves every listener as it is. */
  readonly readers: ReadonlyMap<string, readonly Slot<Composite | EventRule>[]>;
  /** The listeners not yet read as in every other case (under ''). */
  readonly unread: Set<Slot<Composite | EventRule>>;
  /** The composites by each literal name one of their readings gives (`fn-errors`, the name of an ARN). */
  readonly byName: Map<string, Set<Slot<Composite>>>;
  /** The composites one of whose readings has an operand that is not a literal name (`${Fn}`, a parameter). */
  readonly unindexed: Set<Slot<Composite>>;
  /** What each composite tells, once worked out, by the held condition its listeners were read under. */
  readonly told: Map<string, Map<string, Told>>;
  /** The listening of each held condition asked for ('' for none). */
  readonly listenings: Map<string, Listening>;
}

/**
 * The listeners as an alarm mapped under a held condition hears them: each read under that condition where it reads it,
 * and as in every other case where not. The state of working out what composites tell is kept per held condition.
 */
export interface Listening {
  readonly listeners: Listeners;
  /** The held condition, where a listener reads it; '' where none does (or nothing is held). */
  readonly readAs: string;
  /** What each composite tells, once worked out (./alarm-composites.ts). */
  readonly told: Map<string, Told>;
  /** The composites being worked out, each at its depth: a rule naming one of them is a cycle, cut there. */
  readonly inProgress: Map<string, number>;
  /** The lowest depth a cycle was cut at since the frame being worked out began. */
  lowestCut: number;
  /** How many composites have been worked out (see MAX_STEPS in ./alarm-composites.ts). */
  steps: number;
}

const LISTENERS = new WeakMap<MapContext, Listeners>();

/** The listeners of the build: found, and the conditions each reads worked out, once. */
function listenersOfBuild(ctx: MapContext): Listeners {
  const found = LISTENERS.get(ctx);
  if (found !== undefined) return found;
  const reads = new ConditionsRead(ctx.resolver.conditionsWritten());
  const slots = (type: string) =>
    ctx.declarationsOfType(type).map(([id, declaration], order) => ({
      id,
      order,
      declaration,
      reads: reads.of(declaration),
      readings: new Map(),
    }));
  const composites: Slot<Composite>[] = slots('AWS::CloudWatch::CompositeAlarm');
  const rules: Slot<EventRule>[] = slots('AWS::Events::Rule');
  const readers = new Map<string, Slot<Composite | EventRule>[]>();
  for (const slot of [...composites, ...rules])
    for (const condition of slot.reads) {
      const reading = readers.get(condition) ?? [];
      reading.push(slot);
      readers.set(condition, reading);
    }
  const listeners: Listeners = {
    composites,
    rules,
    readers,
    unread: new Set([...composites, ...rules]),
    byName: new Map(),
    unindexed: new Set(),
    told: new Map(),
    listenings: new Map(),
  };
  LISTENERS.set(ctx, listeners);
  return listeners;
}

/**
 * The listening of an alarm mapped under `held`: its own Condition when it is mapped taking it to hold (one its
 * parameters' defaults make false: see mapOne), under which an `Fn::If` on it in a listener gives its other branch and
 * a listener with that Condition exists. A listener that reads it is read again under it, so no alarm reads values
 * another case gave; one that does not (./alarm-held.ts) is read once for all (a template may have hundreds of alarms,
 * each under a Condition of its own).
 */
export function listenersOf(ctx: MapContext, held: string | undefined): Listening {
  const listeners = listenersOfBuild(ctx);
  const asked = held ?? '';
  const found = listeners.listenings.get(asked);
  if (found !== undefined) return found;
  const readAs = listeners.readers.has(asked) ? asked : '';
  readAll(ctx, listeners, readAs);
  const told = listeners.told.get(readAs) ?? new Map<string, Told>();
  listeners.told.set(readAs, told);
  const listening: Listening = {
    listeners,
    readAs,
    told,
    inProgress: new Map(),
    lowestCut: Number.POSITIVE_INFINITY,
    steps: 0,
  };
  listeners.listenings.set(asked, listening);
  return listening;
}

/**
 * Reads the listeners `readAs` needs that are not yet read: those that read it, under it; the others as in every other
 * case, each once for the build (a listener that reads the condition held now is read so by a later alarm).
 */
function readAll(ctx: MapContext, listeners: Listeners, readAs: string): void {
  const under = listeners.readers.get(readAs) ?? [];
  const plain = [...listeners.unread].filter((slot) => !slot.reads.has(readAs));
  if (plain.length === 0 && under.every((slot) => slot.readings.has(readAs))) return;
  // Aside: what the listeners assume is theirs, not the alarm's (the conditions met are told where read: tellMet).
  ctx.resolver.aside(() =>
    ctx.resolver.quietly(() => {
      for (const slot of [...under, ...plain]) {
        const key = keyOf(slot, readAs);
        if (slot.readings.has(key)) continue;
        if (key === '') listeners.unread.delete(slot);
        if (isComposite(slot, listeners))
          readInto(
            listeners,
            slot,
            key,
            meeting(ctx, () => readComposite(ctx, slot)),
          );
        else
          slot.readings.set(
            key,
            meeting(ctx, () => readRule(ctx, slot as Slot<EventRule>)),
          );
      }
    }),
  );
}

const isComposite = (slot: Slot<Composite | EventRule>, listeners: Listeners): slot is Slot<Composite> =>
  listeners.composites[slot.order] === slot;

/** Keeps a composite's reading, indexed by the names its rule gives (or with those that give none literally). */
function readInto(listeners: Listeners, slot: Slot<Composite>, key: string, composite: Composite): void {
  slot.readings.set(key, composite);
  if (composite.names === undefined) listeners.unindexed.add(slot);
  for (const name of composite.names ?? [])
    listeners.byName.set(name, (listeners.byName.get(name) ?? new Set()).add(slot));
}

/** Under which held condition a listener's reading serves `readAs`: that one where it reads it, '' where not. */
const keyOf = (slot: Slot<unknown>, readAs: string): string => (slot.reads.has(readAs) ? readAs : '');

const readingOf = <T>(slot: Slot<T>, readAs: string): T => slot.readings.get(keyOf(slot, readAs)) as T;

/** The EventBridge rules as the listening reads them, in the template's order. */
export function rulesOf(listening: Listening): EventRule[] {
  return listening.listeners.rules.map((slot) => readingOf(slot, listening.readAs));
}

/**
 * The composites that may name the alarm, in the template's order: those whose operands give its name, and every
 * one whose operands are not literal names. An alarm whose name is not known may be named by any; one without
 * AlarmName (CloudFormation makes one) by no literal name.
 */
export function candidates(listening: Listening, alarm: AlarmNamed): Composite[] {
  const { listeners, readAs } = listening;
  const { name } = alarm;
  if (isUnknown(name)) return listeners.composites.map((slot) => readingOf(slot, readAs));
  const named = name === undefined ? [] : (listeners.byName.get(name) ?? []);
  // A composite indexed under the name by another reading than this listening's is not one of them.
  return [...new Set([...named, ...listeners.unindexed])]
    .map((slot) => readingOf(slot, readAs))
    .filter((composite) => composite.names === undefined || (name !== undefined && composite.names.has(name)))
    .sort((a, b) => a.order - b.order);
}
