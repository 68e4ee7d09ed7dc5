import { asRecord, intrinsicName, type TemplateIssue } from '../intrinsic-values.js';
import type { Resolver } from '../intrinsics.js';
import type { Origin } from '../sam/index.js';
import { type Items, readCollection } from './collection.js';
import { type Entry, FragmentWalk, type LoopStage } from './fragment-walk.js';
import { ALPHANUMERIC, EMPTY_SCOPE, FOR_EACH, itemScope, type Scope, substitute } from './identifiers.js';
import { nameLeftAsWritten } from './left-as-written.js';
import { type BadArguments, type LoopArguments, loopArguments } from './loop-arguments.js';
import { type LoopIssue, LoopIssues } from './loop-issues.js';
import { loopSize, MAX_LOOP_DEPTH, MAX_LOOP_ENTRIES, overLimitProblem } from './loop-limits.js';
import { inside, makesResources, notChecked, type Place } from './place.js';
import { identifierName } from './several-identifiers.js';
import { addUnexpandedIds, type IdPattern } from './unexpanded-ids.js';

/** Where a nested loop's collection stands while it is read for counting: in no section and no resource. */
const COUNTING: Place = { section: '', logicalIds: false };

/** A loop read: its arguments checked, and its items, with the defaults its collection and identifiers used. */
interface ReadLoop extends LoopArguments {
  readonly items: Items;
}

/**
 * Expands `Fn::ForEach::<Name>` loops as the AWS::LanguageExtensions transform does: each item of the
 * collection makes a copy of the fragment in which `${Identifier}` / `&{Identifier}` in keys and `Fn::Sub`
 * strings, and `Ref: Identifier`, become the item (`&{}` without its non-alphanumeric characters); a loop
 * of several identifiers gives each its value of the item (see several-identifiers.ts). A copy is
 * a new object only where something in it changed, and `origins` says what each new object was copied from,
 * so locations point at what the user wrote in the fragment. Bad input is an issue, never thrown.
 */
export class LoopExpander implements LoopStage {
  private readonly log = new LoopIssues();
  private readonly walk = new FragmentWalk(this);
  /** New objects the expansion built → what the user wrote them from. */
  readonly origins: Map<object, Origin> = this.walk.origins;
  readonly madeBy: ReadonlyMap<string, string> = this.walk.madeBy;
  readonly issues: readonly LoopIssue[] = this.log.list;
  /** Resource logical id → the parameters whose defaults the collections of the loops making it used. */
  readonly assumed = new Map<string, Set<string>>();
  /** Names written with a loop's identifier outside `Fn::Sub` (reported), and the objects holding them. */
  readonly leftAsWritten = { nodes: new Set<object>(), names: new Set<string>() };
  /** The logical ids loops in Resources that could not be expanded would make, as patterns of their keys. */
  readonly unexpandedIds: IdPattern[] = [];
  private resolverMade: Resolver | undefined;
  /** The loop whose collection is being resolved: where the resolver's own complaints are placed. */
  private resolving: LoopIssue | undefined;
  /** Entries the loops have made so far, against MAX_LOOP_ENTRIES. */
  private made = 0;
  /** Each loop name met → the mapping it is written in: a name is the template's once (a loop in a fragment is met per item). */
  private readonly loopNames = new Map<string, object>();
  /** Loops (their arguments) already reported as making too many entries. */
  private readonly overLimit = new WeakSet<object>();

  constructor(
    private readonly makeResolver: (report: (issue: TemplateIssue) => void) => Resolver,
    /** What each outermost loop says when the template lacks the transform (undefined when it has it). */
    private readonly missingTransform: string | undefined,
  ) {}

  /** A section (Resources, Conditions, Outputs) with its loops expanded; the same object when it has none. */
  section(name: string, node: Record<string, unknown>): Record<string, unknown> {
    return this.walk.mapping(node, EMPTY_SCOPE, 0, { section: name, logicalIds: true });
  }

  /** The entries one loop makes: its fragment once per item of its collection. */
  loop(parent: Record<string, unknown>, name: string, scope: Scope, depth: number, place: Place): Entry[] {
    const resourcesHere = makesResources(place);
    const subject = resourcesHere ? name : place.resource;
    const fail = (
      problem: string,
      node: object = parent,
      key: string | number | undefined = name,
    ): Entry[] => {
      if (resourcesHere) addUnexpandedIds(parent[name], scope, depth, this.unexpandedIds);
      this.log.add({
        message: `${name}: ${problem}; ${notChecked(place)}`,
        node,
        ...(key === undefined ? {} : { key }),
        ...(subject ? { resource: subject } : {}),
      });
      return [];
    };
    this.checkName(parent, name, depth, subject);
    if (depth > MAX_LOOP_DEPTH)
      return fail(`loops nest ${depth} deep here; CloudFormation allows at most ${MAX_LOOP_DEPTH} levels`);
    const read = this.read(parent[name], scope, depth, place, subject);
    if ('problem' in read) return fail(read.problem, read.node, read.key);
    const { args, identifiers, output, items } = read;
    const size = loopSize(
      { identifiers, output, values: items.values },
      scope,
      depth,
      (nested, inner, deeper) => {
        const counted = this.read(nested, inner, deeper, COUNTING);
        return 'problem' in counted ? undefined : { ...counted, values: counted.items.values };
      },
    );
    if (this.made + size.entries > MAX_LOOP_ENTRIES) {
      // A loop inside a fragment is met once per item around it: said once, with the count first met.
      if (this.overLimit.has(args)) return [];
      this.overLimit.add(args);
      return fail(overLimitProblem(size, output, this.made, place));
    }

    const entries: Entry[] = [];
    for (const item of items.values) {
      const inner = itemScope(scope, identifiers, item, items.assumed);
      for (const key of Object.keys(output)) {
        if (key.startsWith(FOR_EACH)) {
          for (const entry of this.loop(output, key, inner, depth + 1, place)) entries.push(entry);
          continue;
        }
        const generatedKey = substitute(key, inner.values);
        if (place.logicalIds && !ALPHANUMERIC.test(generatedKey)) {
          // Only this item is left out: the loop's other items are expanded and checked.
          this.log.add({
            message:
              `${name}: the key '${key}' makes '${generatedKey}', which is not an alphanumeric logical id (write ` +
              `&{${writtenIn(key, identifiers)}} to drop other characters); '${generatedKey}' is left out and not checked`,
            node: output,
            key,
            ...(subject ? { resource: subject } : {}),
          });
          continue;
        }
        this.made++;
        const within = inside(place, generatedKey);
        const declaration = asRecord(output[key]);
        if (resourcesHere && declaration && intrinsicName(declaration) === undefined)
          this.leaveAsWritten(declaration, 'Condition', inner, within);
        const value = this.walk.value(output[key], inner, depth, within);
        entries.push({ key: generatedKey, value, loop: name, origin: { node: output, key } });
        if (resourcesHere) this.assume(generatedKey, inner.assumed);
      }
    }
    // A loop inside a resource: what its collection assumed stands behind the whole resource.
    if (!resourcesHere && place.resource !== undefined)
      this.assume(place.resource, [...scope.assumed, ...items.assumed]);
    return entries;
  }

  /**
   * Reports what CloudFormation rejects in a loop's key though Parapet expands it anyway: an outermost loop
   * without the transform, a loop with no name, or a name another loop of the template has.
   */
  private checkName(parent: object, key: string, depth: number, subject: string | undefined): void {
    const rejected = (problem: string) =>
      this.log.add({
        message: `${key}: ${problem}`,
        node: parent,
        key,
        ...(subject ? { resource: subject } : {}),
      });
    if (this.missingTransform !== undefined && depth === 1) rejected(this.missingTransform);
    const loopName = key.slice(FOR_EACH.length);
    const first = this.loopNames.get(loopName);
    if (first === undefined) this.loopNames.set(loopName, parent);
    if (loopName === '')
      rejected(
        'the loop has no name (write Fn::ForEach::<Name>); CloudFormation rejects the template (expanded and checked anyway)',
      );
    else if (first !== undefined && first !== parent)
      rejected(
        `another loop of the template is named ${loopName} too; CloudFormation wants loop names unique in a ` +
          'template and rejects it (expanded and checked anyway)',
      );
  }

  /**
   * A loop's arguments checked, its identifiers named and its collection's items read, or why not and where.
   * Identifiers written as `Ref` and the collection are read after the identifiers of the loops around them
   * are replaced (an enclosing loop's identifier may pick a collection: `!FindInMap [Lists, !Ref Outer, Items]`).
   * Complaints of the resolver go at the identifiers, then the collection; none while counting.
   */
  private read(
    raw: unknown,
    scope: Scope,
    depth: number,
    place: Place,
    subject?: string,
  ): ReadLoop | BadArguments {
    const resolver = this.resolver();
    const located = (key: number): LoopIssue | undefined =>
      place === COUNTING || !Array.isArray(raw)
        ? undefined
        : { message: '', node: raw, key, ...(subject ? { resource: subject } : {}) };
    const named: string[] = [];
    this.resolving = located(0);
    const read = loopArguments(raw, scope, (written) => {
      const name = identifierName(this.walk.value(written, scope, depth, place), resolver);
      if ('problem' in name) return name;
      named.push(...name.assumed);
      return name.name;
    });
    if ('problem' in read) {
      this.resolving = undefined;
      return read;
    }
    this.resolving = located(1);
    const items = readCollection(
      this.walk.value(read.collection, scope, depth, place),
      resolver,
      read.identifiers,
    );
    this.resolving = undefined;
    if ('problem' in items) {
      // A problem with one item written in the collection is located there.
      const written = read.collection;
      if (items.item !== undefined && Array.isArray(written) && items.item < written.length)
        return { problem: items.problem, node: written, key: items.item };
      return { problem: items.problem, node: read.args, key: 1 };
    }
    const assumed = named.length > 0 ? [...new Set([...named, ...items.assumed])] : items.assumed;
    return { ...read, items: { values: items.values, assumed } };
  }

  /** Reports a name written with a loop's identifier outside `Fn::Sub` (see left-as-written.ts), and remembers it. */
  leaveAsWritten(node: Record<string, unknown>, fn: string, scope: Scope, place: Place): void {
    const left = nameLeftAsWritten(node, fn, scope);
    if (!left) return;
    this.leftAsWritten.nodes.add(node);
    this.leftAsWritten.names.add(left.name);
    this.log.add({
      message: left.message,
      node,
      key: fn,
      ...(place.resource ? { resource: place.resource } : {}),
    });
  }

  report(issue: LoopIssue): void {
    this.log.add(issue);
  }

  private assume(resource: string, parameters: readonly string[]): void {
    if (parameters.length === 0) return;
    let set = this.assumed.get(resource);
    if (!set) {
      set = new Set();
      this.assumed.set(resource, set);
    }
    for (const parameter of parameters) set.add(parameter);
  }

  /** One resolver for every collection, made when the first loop needs it. */
  private resolver(): Resolver {
    this.resolverMade ??= this.makeResolver((issue) => {
      const at = this.resolving;
      if (!at) return;
      const { message, node, key } = issue;
      const resource = at.resource === undefined ? {} : { resource: at.resource };
      this.log.add(
        node ? { message, node, ...(key === undefined ? {} : { key }), ...resource } : { ...at, message },
      );
    });
    return this.resolverMade;
  }
}

/** The identifier to name in a hint about `key`: the first of `identifiers` it writes as `${}`, else the first. */
function writtenIn(key: string, identifiers: readonly string[]): string {
  return identifiers.find((name) => key.includes(`\${${name}}`)) ?? (identifiers[0] as string);
}
