import type { Inventory } from '../../model/inventory.js';
import type { MetricAlarm, MetricDimension } from '../../model/monitoring.js';
import {
  type AlarmOfOtherStack,
  type Neighbours,
  NO_NEIGHBOURS,
  NO_ROLE_USERS,
  type RoleUsersOfOtherStacks,
} from '../../model/neighbours.js';
import { isUnknown, type StackResource, type Value } from '../../model/values.js';
import { asRecord } from './intrinsic-values.js';
import type { UnscannedNesting } from './nested-stack-links.js';
import { NESTING_TYPES } from './nested-stack-parameters.js';
import { AttachmentsOfStacks } from './other-stack-attachments.js';
import { ConnectRoutesOfStacks } from './other-stack-connects.js';
import type { StackReader } from './other-stack-reader.js';
import { exportNamesOf, noteRoleUses, type RoleUsesOfStack } from './role-users.js';

/**
 * The stacks of one scan as each sees the others it is linked to: by exports and imports (`Fn::ImportValue`,
 * CDK's links between the stacks of an app), and between nested stacks and their parents (parameters given,
 * outputs read). The queue a function's mapping imports from a shared stack; the alarms a monitoring stack sets
 * on a function it imports, or a parent on its nested stack's function. Another stack's model is built when first
 * asked for, once, without its findings (its own scan reports those); a file that cannot be built gives nothing.
 * A stack scanned before any asks offers the model its own scan built, when another may ask for it. Either way,
 * another stack sees it without neighbours: neighbours of neighbours are not followed.
 */
export class OtherStacks {
  private readonly fileOf = new Map<string, string>();
  private readonly built = new Map<string, Inventory | undefined>();
  /** Per stack, the alarms of other stacks on its resources (worked out on first call, for every stack). */
  private watching: Map<string, AlarmOfOtherStack[]> | undefined;
  /** Files scanned already whose text showed no alarm on other stacks: not read again to tell. */
  private readonly alarmsOnNone = new Set<string>();
  /** The functions of the stacks whose models were seen that run as another stack's role (see noteRoleUses). */
  private readonly roleUses: RoleUsesOfStack = { byRole: new Map(), byAmbiguousImport: new Map() };
  /** Files whose model was seen for roleUses (built, or offered by their own scan). */
  private readonly rolesNoted = new Set<string>();
  /** What the stacks attach to one another's subnets, route tables and security groups. */
  private readonly attachments: AttachmentsOfStacks;
  /** The WebSocket `$connect` routes the stacks declare on an API of another. */
  private readonly connectRoutes: ConnectRoutesOfStacks;

  constructor(
    files: readonly string[],
    /** How a stack is named (`Unknown.stackResource.stack`): by the path the scan shows for its file. */
    private readonly shown: (file: string) => string,
    /** The model of a file, as the scan builds it; undefined when it cannot be built. */
    private readonly build: (file: string) => Inventory | undefined,
    /** The text of a file, undefined when over the size the scan reads; throws as readFileSync does. */
    private readonly text: (file: string) => string | undefined,
    /** Whether a file is the template of a scanned parent's nested stack. */
    private readonly isNested: (file: string) => boolean,
    /** A parent's nested stacks whose template the scan does not read. */
    unreadNestings: (file: string) => readonly UnscannedNesting[] = () => [],
    /** The resources of other stacks a nested stack's parents give it as parameters (`Subnet: !Ref A`). */
    givenByParents: (file: string) => readonly StackResource[] = () => [],
  ) {
    for (const file of files) this.fileOf.set(shown(file), file);
    const reader: StackReader = {
      fileOf: this.fileOf,
      inventoryOf: (stack) => this.inventoryOf(stack),
      mayReachOthers: (file, types) => this.mayReachOthers(file, types),
      text: (file) => this.text(file),
    };
    this.attachments = new AttachmentsOfStacks(reader, unreadNestings, givenByParents);
    this.connectRoutes = new ConnectRoutesOfStacks(reader);
  }

  /**
   * What the other stacks show about the stack in `file`. Its resources can be named elsewhere only when it exports
   * values, is a nested stack (its parent reads its outputs) or nests stacks (it gives them its resources): the
   * alarms of the scan are looked through only for such a stack.
   */
  viewFrom(file: string, doc: Record<string, unknown>): Neighbours {
    const stack = this.shown(file);
    const named = exportsAny(doc) || this.isNested(file) || nestsStacks(doc);
    return {
      resourceOf: (ref) =>
        ref.stack === stack ? undefined : this.inventoryOf(ref.stack)?.resolve(ref.logicalId),
      alarmsOnThis: () => (named ? (this.alarmsOn().get(stack) ?? []) : []),
      functionsRunningAs: (logicalId) => (named ? this.roleUsers(stack, doc, logicalId) : NO_ROLE_USERS),
      attachedByOthers: (target, kind) =>
        target.stack === undefined && !named
          ? []
          : this.attachments.attachedByOthers(stack, target.stack ?? stack, target.logicalId, kind),
      // Not only where linked: a route may name the API by its literal id, which needs no export.
      connectRoutesOn: (logicalId) => this.connectRoutes.on(stack, logicalId),
      linked: named,
    };
  }

  /**
   * The model a stack's own scan built, kept for the other stacks when one may still ask for it: it is then not
   * built again. A stack that alarms on others is asked as soon as one it names is scanned; a parent or nested stack
   * by its relatives; a stack that exports only by importing stacks, so only while one is still to be scanned
   * (`importsAhead`): held for nothing, the models of many exporting stacks would cost memory for the whole scan.
   * `text`: its file's.
   */
  offer(
    file: string,
    doc: Record<string, unknown>,
    text: string,
    inventory: Inventory,
    importsAhead: boolean,
  ): void {
    const stack = this.shown(file);
    const alarms = this.noteText(file, text);
    this.noteRoles(file, inventory);
    if (this.built.has(stack) || this.fileOf.get(stack) !== file) return;
    const asked = alarms || this.isNested(file) || nestsStacks(doc) || (importsAhead && exportsAny(doc));
    if (asked) this.built.set(stack, inventory.withNeighbours(NO_NEIGHBOURS));
  }

  /** Whether the text of a file the scan has read alarms on other stacks; remembered, not to read it again. */
  noteText(file: string, text: string): boolean {
    const alarms = this.alarmsOnOthers(text, file);
    if (!alarms) this.alarmsOnNone.add(file);
    return alarms;
  }

  private inventoryOf(stack: string): Inventory | undefined {
    if (this.built.has(stack)) return this.built.get(stack);
    const file = this.fileOf.get(stack);
    let inventory: Inventory | undefined;
    try {
      inventory = file === undefined ? undefined : this.build(file)?.withNeighbours(NO_NEIGHBOURS);
    } catch {
      inventory = undefined;
    }
    this.built.set(stack, inventory);
    if (file !== undefined && inventory !== undefined) this.noteRoles(file, inventory);
    return inventory;
  }

  private noteRoles(file: string, inventory: Inventory): void {
    if (this.rolesNoted.has(file)) return;
    this.rolesNoted.add(file);
    noteRoleUses(this.shown(file), inventory, this.roleUses);
  }

  /**
   * The functions of the other stacks that run as role `logicalId` of `stack` (its template `doc`). The stacks that
   * may name another's role (they import, are nested or nest stacks) and have functions are looked through, each
   * built at most once: a stack scanned already noted its own when it offered its model.
   */
  private roleUsers(stack: string, doc: Record<string, unknown>, logicalId: string): RoleUsersOfOtherStacks {
    for (const [other, file] of this.fileOf) {
      if (other === stack || this.rolesNoted.has(file)) continue;
      if (this.mayReachOthers(file, FUNCTION_TYPES)) this.inventoryOf(other);
      // Looked at once, whatever it showed (a file that cannot be built shows nothing).
      this.rolesNoted.add(file);
    }
    const surely = this.roleUses.byRole.get(stack)?.get(logicalId) ?? [];
    const maybe = exportNamesOf(doc, logicalId).flatMap(
      (name) => this.roleUses.byAmbiguousImport.get(name) ?? [],
    );
    return surely.length + maybe.length === 0 ? NO_ROLE_USERS : { surely, maybe };
  }

  /**
   * A cheap look at the text (no parse): a stack declaring one of `types` (functions that may run as another stack's role;
   * routes, associations or egress rules that may attach to another stack's resource), and an import, a parent or nested
   * stacks, through which it may reach another stack.
   */
  private mayReachOthers(file: string, types: readonly string[]): boolean {
    try {
      const text = this.text(file);
      if (text === undefined || !types.some((t) => text.includes(t))) return false;
      return (
        text.includes('ImportValue') || this.isNested(file) || NESTING_TYPES.some((t) => text.includes(t))
      );
    } catch {
      return false;
    }
  }

  /** The alarms of the scanned stacks linked to others, by the stack whose resource each names. */
  private alarmsOn(): Map<string, AlarmOfOtherStack[]> {
    if (this.watching) return this.watching;
    this.watching = new Map();
    for (const [stack, file] of this.fileOf) {
      if (!this.mayAlarmOnOthers(file)) continue;
      for (const alarm of this.inventoryOf(stack)?.list('cloudwatch.alarm') ?? []) {
        for (const watched of stacksNamed(alarm)) {
          if (watched === stack) continue;
          const list = this.watching.get(watched) ?? [];
          list.push({ alarm: asSeenFrom(alarm, watched), stack });
          this.watching.set(watched, list);
        }
      }
    }
    return this.watching;
  }

  /** A cheap look at the text (no parse): a stack with an alarm, and an import, a parent or nested stacks. */
  private mayAlarmOnOthers(file: string): boolean {
    if (this.alarmsOnNone.has(file)) return false;
    try {
      const text = this.text(file);
      return text !== undefined && this.alarmsOnOthers(text, file);
    } catch {
      return false;
    }
  }

  private alarmsOnOthers(text: string, file: string): boolean {
    if (!text.includes('AWS::CloudWatch::Alarm')) return false;
    return text.includes('ImportValue') || this.isNested(file) || NESTING_TYPES.some((t) => text.includes(t));
  }
}

const FUNCTION_TYPES = ['AWS::Lambda::Function', 'AWS::Serverless::Function'];
function exportsAny(doc: Record<string, unknown>): boolean {
  return Object.values(asRecord(doc.Outputs) ?? {}).some((output) => asRecord(output)?.Export !== undefined);
}

function nestsStacks(doc: Record<string, unknown>): boolean {
  return Object.values(asRecord(doc.Resources) ?? {}).some((resource) =>
    NESTING_TYPES.includes(asRecord(resource)?.Type as string),
  );
}

/** Every dimension list of an alarm: its own metric's and each metric-math query's. */
function dimensionLists(alarm: MetricAlarm): Value<readonly MetricDimension[]>[] {
  return [alarm.dimensions, ...(isUnknown(alarm.metrics) ? [] : alarm.metrics.map((m) => m.dimensions))];
}

/** The stacks whose resources (a `Ref`, no attribute: a function's name) the alarm's dimensions name. */
function stacksNamed(alarm: MetricAlarm): Set<string> {
  const stacks = new Set<string>();
  for (const dimensions of dimensionLists(alarm)) {
    if (isUnknown(dimensions)) continue;
    for (const { value } of dimensions) {
      const from = isUnknown(value) ? value.stackResource : undefined;
      if (from !== undefined && from.attribute === undefined) stacks.add(from.stack);
    }
  }
  return stacks;
}

/** The alarm as `stack` reads it: a dimension naming one of its resources names it by logical id. */
function asSeenFrom(alarm: MetricAlarm, stack: string): MetricAlarm {
  const local = (dimensions: Value<readonly MetricDimension[]>): Value<readonly MetricDimension[]> =>
    isUnknown(dimensions)
      ? dimensions
      : dimensions.map((d) => {
          const from = isUnknown(d.value) ? d.value.stackResource : undefined;
          return from?.stack === stack && from.attribute === undefined ? { ...d, value: from.logicalId } : d;
        });
  return {
    ...alarm,
    dimensions: local(alarm.dimensions),
    metrics: isUnknown(alarm.metrics)
      ? alarm.metrics
      : alarm.metrics.map((m) => ({ ...m, dimensions: local(m.dimensions) })),
  };
}
