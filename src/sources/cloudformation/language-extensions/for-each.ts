import { isUnknown } from '../../../model/values.js';
import {
  asRecord,
  containsUnknown,
  intrinsicName,
  type Resolver,
  ResourceRef,
  type TemplateIssue,
} from '../intrinsics.js';
import type { Origin } from '../sam/index.js';

export const FOR_EACH = 'Fn::ForEach::';

/** CloudFormation expands loops nested this deep, no deeper. */
export const MAX_LOOP_DEPTH = 5;

/**
 * The most entries (resources, conditions, outputs, properties) loops may make in one template. Loops
 * multiply: 1.5 KB of three nested loops over 60 items makes 216,000 functions, past the file size limit
 * (which sees only what is written) and far past what CloudFormation deploys (500 resources, a processed
 * template of 1 MB). 10,000 leaves room for loops inside the resources of a template at that resource
 * limit; a loop that would pass it is an error and not expanded.
 */
export const MAX_LOOP_ENTRIES = 10_000;

/** Something a loop could not do; located at `node`/`key` (what the user wrote), never thrown. */
export interface LoopIssue {
  readonly message: string;
  readonly node: object;
  readonly key?: string | number;
  /** The resource the issue is about: the loop itself when it makes resources, else the resource holding it. */
  readonly resource?: string;
}

/** The identifiers of the loops around a fragment, their current values, and the defaults their collections used. */
interface Scope {
  readonly values: ReadonlyMap<string, string>;
  readonly assumed: readonly string[];
}

/** Where a value stands: which section, and for what is in Resources, the resource it belongs to. */
interface Place {
  readonly section: string;
  /** Keys generated here are logical ids (of resources, conditions or outputs): alphanumeric only. */
  readonly logicalIds: boolean;
  readonly resource?: string;
}

/** One entry of an expanded mapping; `loop` names the loop that made it, `origin` where its key was written. */
interface Entry {
  readonly key: string;
  readonly value: unknown;
  readonly loop?: string;
  readonly origin?: Origin;
}

const EMPTY_SCOPE: Scope = { values: new Map(), assumed: [] };
const ALPHANUMERIC = /^[A-Za-z0-9]+$/;
/** `${Name}` or `&{Name}`: a loop identifier as keys and `Fn::Sub` strings write it. */
const PLACEHOLDER = /([$&])\{([^}]*)\}/g;

/**
 * Expands `Fn::ForEach::<Name>` loops as the AWS::LanguageExtensions transform does: each item of the
 * collection makes a copy of the fragment in which `${Identifier}` / `&{Identifier}` in keys and `Fn::Sub`
 * strings, and `Ref: Identifier`, become the item (`&{}` without its non-alphanumeric characters). A copy is
 * a new object only where something in it changed, and `origins` says what each new object was copied from,
 * so locations point at what the user wrote in the fragment. Bad input is an issue, never thrown.
 */
export class LoopExpander {
  readonly origins = new Map<object, Origin>();
  readonly issues: LoopIssue[] = [];
  /** Resource logical id → the parameters whose defaults the collections of the loops making it used. */
  readonly assumed = new Map<string, Set<string>>();
  /** Names written with a loop's identifier outside `Fn::Sub` (reported), and the objects holding them. */
  readonly leftAsWritten = { nodes: new Set<object>(), names: new Set<string>() };
  /** The logical ids loops in Resources that could not be expanded would make, as patterns of their keys. */
  readonly unexpandedIds: RegExp[] = [];
  /** Messages already recorded, per node: a loop inside another is met once per item of the outer one. */
  private readonly reported = new Map<object, Set<string>>();
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
    return this.mapping(node, EMPTY_SCOPE, 0, { section: name, logicalIds: true });
  }

  /** A value with the identifiers in scope replaced and the loops in its mappings expanded. */
  private value(raw: unknown, scope: Scope, depth: number, place: Place): unknown {
    if (raw === null || typeof raw !== 'object') return raw;
    if (Array.isArray(raw)) {
      let out: unknown[] | undefined;
      for (let i = 0; i < raw.length; i++) {
        const item = this.value(raw[i], scope, depth, place);
        if (item !== raw[i]) out ??= raw.slice();
        if (out) out[i] = item;
      }
      return out ? this.copied(out, raw) : raw;
    }
    const node = raw as Record<string, unknown>;
    if (scope.values.size > 0) {
      const fn = intrinsicName(node);
      if (fn === 'Ref') return this.ref(node, scope, depth, place);
      if (fn === 'Fn::Sub') return this.sub(node, scope, depth, place);
      if (fn === 'Fn::GetAtt' || fn === 'Fn::If' || fn === 'Condition')
        this.nameLeftAsWritten(node, fn, scope, place);
    }
    return this.mapping(node, scope, depth, place);
  }

  /** `Ref: Identifier` is the item; `Ref: { Fn::Sub: 'Topic${Identifier}' }` refers to the id it makes. */
  private ref(node: Record<string, unknown>, scope: Scope, depth: number, place: Place): unknown {
    const target = node.Ref;
    if (typeof target === 'string') {
      const item = scope.values.get(target);
      if (item !== undefined) return item;
      this.nameLeftAsWritten(node, 'Ref', scope, place);
      return node;
    }
    const resolved = this.value(target, scope, depth, place);
    if (typeof resolved === 'string')
      return scope.values.get(resolved) ?? this.copied({ Ref: resolved }, node);
    return resolved === target ? node : this.copied({ Ref: resolved }, node);
  }

  /** `Fn::Sub` with the identifiers replaced; plain text when nothing is left to substitute. */
  private sub(node: Record<string, unknown>, scope: Scope, depth: number, place: Place): unknown {
    const args = node['Fn::Sub'];
    const text = Array.isArray(args) ? args[0] : args;
    if (typeof text !== 'string') return this.mapping(node, scope, depth, place);
    const replaced = substitute(text, scope.values);
    // As the transform does: a Sub left with nothing to substitute is its text (`Ref: !Sub 'Topic${Name}'`).
    if (replaced !== text && !replaced.includes('${')) return replaced;
    if (!Array.isArray(args)) return replaced === text ? node : this.copied({ 'Fn::Sub': replaced }, node);
    const variables = this.value(args[1], scope, depth, place);
    if (replaced === text && variables === args[1]) return node;
    const list = this.copied([replaced, variables, ...args.slice(2)], args);
    return this.copied({ 'Fn::Sub': list }, node);
  }

  /**
   * A mapping with its keys' identifiers replaced, its loops expanded into the keys they make and its
   * values walked. Keys written beside the loops come first and win: a generated key that is already
   * there is an issue, and the first stays.
   */
  private mapping(
    node: Record<string, unknown>,
    scope: Scope,
    depth: number,
    place: Place,
  ): Record<string, unknown> {
    const written: Entry[] = [];
    const generated: Entry[] = [];
    let changed = false;
    for (const key in node) {
      const value = node[key];
      if (key.startsWith(FOR_EACH)) {
        changed = true;
        // Not push(...entries): a long list spread into arguments overflows the stack.
        for (const entry of this.loop(node, key, scope, depth + 1, place)) generated.push(entry);
        continue;
      }
      const newKey = scope.values.size > 0 ? substitute(key, scope.values) : key;
      const newValue = this.value(value, scope, depth, this.inside(place, newKey));
      if (newKey !== key || newValue !== value) changed = true;
      written.push(
        newKey === key ? { key, value: newValue } : { key: newKey, value: newValue, origin: { node, key } },
      );
    }
    if (!changed) return node;
    const out: Record<string, unknown> = {};
    const renamed = new Map<string | number, Origin>();
    for (const entry of [...written, ...generated]) {
      if (Object.hasOwn(out, entry.key)) {
        this.collision(entry, written, place);
        continue;
      }
      out[entry.key] = entry.value;
      if (entry.origin) renamed.set(entry.key, entry.origin);
    }
    this.origins.set(out, renamed.size > 0 ? { node, copy: true, renamed } : { node, copy: true });
    return out;
  }

  /** Where a child of a mapping stands: the top-level keys of a section are the resources (or outputs) themselves. */
  private inside(place: Place, key: string): Place {
    if (!place.logicalIds) return place;
    return place.section === 'Resources'
      ? { section: 'Resources', logicalIds: false, resource: key }
      : { ...place, logicalIds: false };
  }

  /** The entries one loop makes: its fragment once per item of its collection. */
  private loop(
    parent: Record<string, unknown>,
    name: string,
    scope: Scope,
    depth: number,
    place: Place,
  ): Entry[] {
    const subject = place.logicalIds && place.section === 'Resources' ? name : place.resource;
    const fail = (
      problem: string,
      node: object = parent,
      key: string | number | undefined = name,
    ): Entry[] => {
      if (place.logicalIds && place.section === 'Resources') this.unexpanded(parent[name], scope, depth);
      this.issue({
        message: `${name}: ${problem}; ${notChecked(place)}`,
        node,
        ...(key === undefined ? {} : { key }),
        ...(subject ? { resource: subject } : {}),
      });
      return [];
    };
    const rejected = (problem: string) =>
      this.issue({
        message: `${name}: ${problem}`,
        node: parent,
        key: name,
        ...(subject ? { resource: subject } : {}),
      });
    if (this.missingTransform !== undefined && depth === 1) rejected(this.missingTransform);
    const loopName = name.slice(FOR_EACH.length);
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
    if (depth > MAX_LOOP_DEPTH)
      return fail(`loops nest ${depth} deep here; CloudFormation allows at most ${MAX_LOOP_DEPTH} levels`);
    const args = parent[name];
    if (!Array.isArray(args) || args.length !== 3)
      return fail(`takes 3 arguments (an identifier, a collection, a fragment), not ${described(args)}`);
    const [identifier, collection, fragment] = args as [unknown, unknown, unknown];
    if (typeof identifier !== 'string' || identifier === '')
      return fail(`the identifier (first argument) must be a name, not ${described(identifier)}`, args, 0);
    // Pseudo parameters are all named AWS::*: `${AWS::Region}` and `Ref: AWS::Region` would mean both the
    // item and the region.
    if (identifier.startsWith('AWS::'))
      return fail(
        `the identifier ${identifier} is named as CloudFormation's pseudo parameters (AWS::*), so \${${identifier}} and Ref: ${identifier} would mean two things; write a name of your own`,
        args,
        0,
      );
    if (scope.values.has(identifier))
      return fail(`the identifier ${identifier} is already that of an enclosing loop`, args, 0);
    const output = asRecord(fragment);
    // A fragment may be one loop alone, though its only key starts with `Fn::` as an intrinsic's does.
    if (!output || (intrinsicName(output) !== undefined && !isLoopAlone(output)))
      return fail(
        `the fragment (third argument) must be a mapping of output keys, not ${described(fragment)}`,
        args,
        2,
      );
    for (const key of Object.keys(output)) {
      if (key.startsWith(FOR_EACH) || usesIdentifier(key, identifier)) continue;
      return fail(
        `the output key '${key}' does not use \${${identifier}} or &{${identifier}}, so every item would make the same key`,
        output,
        key,
      );
    }
    this.resolving = { message: '', node: args, key: 1, ...(subject ? { resource: subject } : {}) };
    const items = this.items(collection, scope, depth, place);
    this.resolving = undefined;
    if ('problem' in items) return fail(items.problem, args, 1);
    const size = this.size(output, identifier, items.values, scope, depth);
    if (this.made + size.entries > MAX_LOOP_ENTRIES) {
      // A loop inside a fragment is met once per item around it: said once, with the count first met.
      if (this.overLimit.has(args)) return [];
      this.overLimit.add(args);
      const count = `${size.complete ? '' : 'more than '}${size.entries.toLocaleString('en-US')}`;
      const inside = Object.keys(output).some((key) => key.startsWith(FOR_EACH))
        ? ' (with the loops inside it)'
        : '';
      const before =
        this.made > 0 ? `, and the loops before it made ${this.made.toLocaleString('en-US')}` : '';
      return fail(
        `it would make ${count} ${entriesNoun(place)}${inside}${before}; Parapet expands at most ` +
          `${MAX_LOOP_ENTRIES.toLocaleString('en-US')} entries per template`,
      );
    }

    const entries: Entry[] = [];
    const resourcesHere = place.logicalIds && place.section === 'Resources';
    for (const item of items.values) {
      const inner: Scope = {
        values: new Map(scope.values).set(identifier, item),
        assumed: items.assumed.length > 0 ? [...scope.assumed, ...items.assumed] : scope.assumed,
      };
      for (const key of Object.keys(output)) {
        if (key.startsWith(FOR_EACH)) {
          for (const entry of this.loop(output, key, inner, depth + 1, place)) entries.push(entry);
          continue;
        }
        const generatedKey = substitute(key, inner.values);
        if (place.logicalIds && !ALPHANUMERIC.test(generatedKey)) {
          fail(
            `the key '${key}' makes '${generatedKey}', which is not an alphanumeric logical id (write &{${identifier}} to drop other characters)`,
            output,
            key,
          );
          continue;
        }
        this.made++;
        const within = this.inside(place, generatedKey);
        const declaration = asRecord(output[key]);
        if (resourcesHere && declaration && intrinsicName(declaration) === undefined)
          this.nameLeftAsWritten(declaration, 'Condition', inner, within);
        const value = this.value(output[key], inner, depth, within);
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
   * The items of a collection as text, or the problem (not reported: the caller does) when they cannot be
   * known or are not a list of values. Complaints of the resolver go where `this.resolving` says.
   */
  private items(
    raw: unknown,
    scope: Scope,
    depth: number,
    place: Place,
  ): { values: string[]; assumed: string[] } | { problem: string } {
    // An enclosing loop's identifier may pick the collection (`!FindInMap [Lists, !Ref Outer, Items]`).
    const written = this.value(raw, scope, depth, place);
    const resolver = this.resolver();
    resolver.resetAssumptions();
    const resolved = resolver.value(written);
    const assumed = [...resolver.assumed];
    if (isUnknown(resolved))
      return { problem: `its collection cannot be known before deploy (${resolved.reason})` };
    if (resolved instanceof ResourceRef)
      return {
        problem: `its collection is a reference to resource ${resolved.logicalId}, not known before deploy`,
      };
    if (!Array.isArray(resolved))
      return { problem: `its collection must be a list, not ${described(resolved)}` };
    const values: string[] = [];
    for (const item of resolved) {
      if (typeof item === 'string' || typeof item === 'number' || typeof item === 'boolean')
        values.push(String(item));
      else if (containsUnknown(item))
        return {
          problem: `an item of its collection cannot be known before deploy (${isUnknown(item) ? item.reason : 'a reference to a resource'})`,
        };
      else return { problem: `the items of its collection must be text, not ${described(item)}` };
    }
    return { values, assumed };
  }

  /**
   * How many keys a loop's fragment makes over `values`, the loops nested in it as keys included, counted
   * before anything is built. A nested loop that cannot be expanded counts nothing (expanding reports it).
   * Each nested collection is resolved once per item of the loops around it: past MAX_LOOP_ENTRIES of
   * those, the count stops, and is not `complete`.
   */
  private size(
    output: Record<string, unknown>,
    identifier: string,
    values: readonly string[],
    scope: Scope,
    depth: number,
    work = { resolved: 0 },
  ): { entries: number; complete: boolean } {
    const keys = Object.keys(output);
    const loops = keys.filter((key) => key.startsWith(FOR_EACH));
    let entries = (keys.length - loops.length) * values.length;
    if (loops.length === 0 || depth >= MAX_LOOP_DEPTH) return { entries, complete: true };
    for (const item of values) {
      const inner: Scope = { values: new Map(scope.values).set(identifier, item), assumed: [] };
      for (const key of loops) {
        if (++work.resolved > MAX_LOOP_ENTRIES) return { entries, complete: false };
        const args = output[key];
        if (!Array.isArray(args) || args.length !== 3) continue;
        const [name, collection, fragment] = args as [unknown, unknown, unknown];
        const nested = asRecord(fragment);
        if (typeof name !== 'string' || !nested) continue;
        const items = this.items(collection, inner, depth + 1, { section: '', logicalIds: false });
        if ('problem' in items) continue;
        const size = this.size(nested, name, items.values, inner, depth + 1, work);
        entries += size.entries;
        if (!size.complete) return { entries, complete: false };
      }
    }
    return { entries, complete: true };
  }

  /**
   * A name CloudFormation reads as written (`Ref`, `Fn::GetAtt`, a condition's) holding `${Identifier}` of a
   * loop around it: the transform replaces identifiers only in keys and `Fn::Sub`, so it stays as written
   * (as cfn-lint's model leaves it) and is reported once, saying what to write. The resolver's "not
   * defined" complaints about it are then noise: `leftAsWritten` tells template.ts which to drop.
   * `fn` 'Condition' is also a resource's Condition attribute (`node` the resource's declaration).
   */
  private nameLeftAsWritten(node: Record<string, unknown>, fn: string, scope: Scope, place: Place): void {
    const args = node[fn];
    const first = Array.isArray(args) ? args[0] : args;
    if (typeof first !== 'string') return;
    const name = fn === 'Fn::GetAtt' && !Array.isArray(args) ? (first.split('.')[0] ?? first) : first;
    if (!holdsIdentifier(name, scope)) return;
    const attribute =
      fn === 'Fn::GetAtt' ? (Array.isArray(args) ? args[1] : first.slice(name.length + 1)) : '';
    const [what, fix] =
      fn === 'Ref'
        ? [`Ref: ${name}`, `Ref: !Sub '${name}'`]
        : fn === 'Fn::GetAtt'
          ? [
              `Fn::GetAtt to ${name}`,
              `!GetAtt [!Sub '${name}', ${typeof attribute === 'string' ? attribute : '...'}]`,
            ]
          : fn === 'Fn::If'
            ? [`Fn::If on ${name}`, `!If [!Sub '${name}', ...]`]
            : [`Condition: ${name}`, `Condition: !Sub '${name}'`];
    this.leftAsWritten.nodes.add(node);
    this.leftAsWritten.names.add(name);
    this.issue({
      message: `${what} is left as written: CloudFormation replaces a loop's identifier only in keys and Fn::Sub; write ${fix}`,
      node,
      key: fn,
      ...(place.resource ? { resource: place.resource } : {}),
    });
  }

  /**
   * Records the ids a loop in Resources that is not expanded would make: its fragment's keys, and those
   * of the loops in it, with the identifiers of the loops around it replaced and its own left as patterns.
   */
  private unexpanded(args: unknown, scope: Scope, depth: number): void {
    const fragment = Array.isArray(args) ? asRecord(args[2]) : undefined;
    if (!fragment || depth > MAX_LOOP_DEPTH + 1) return;
    for (const key of Object.keys(fragment)) {
      if (key.startsWith(FOR_EACH)) this.unexpanded(fragment[key], scope, depth + 1);
      else {
        const pattern = keyPattern(substitute(key, scope.values));
        if (pattern) this.unexpandedIds.push(pattern);
      }
    }
  }

  private collision(entry: Entry, written: readonly Entry[], place: Place): void {
    const origin = entry.origin;
    if (!origin) return; // two written keys cannot clash: the parser kept the last
    const what = place.logicalIds ? `the logical id '${entry.key}'` : `the key '${entry.key}'`;
    const clash = written.some((w) => w.key === entry.key)
      ? `${what}, which is also written beside the loop; CloudFormation rejects the template (the written one is kept)`
      : `${what} a second time (another item or loop makes it too); CloudFormation rejects the template (the first one is kept)`;
    this.issue({
      message: `${entry.loop ?? 'a loop'}: it makes ${clash}`,
      node: origin.node,
      ...(origin.key === undefined ? {} : { key: origin.key }),
      ...(place.resource
        ? { resource: place.resource }
        : place.logicalIds && place.section === 'Resources'
          ? { resource: entry.key }
          : {}),
    });
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

  /** Records an issue once: a loop inside another is met once per item of the outer one. */
  private issue(issue: LoopIssue): void {
    const id = `${issue.message}\u0000${String(issue.key)}`;
    let seen = this.reported.get(issue.node);
    if (!seen) {
      seen = new Set();
      this.reported.set(issue.node, seen);
    }
    if (seen.has(id)) return;
    seen.add(id);
    this.issues.push(issue);
  }

  /** One resolver for every collection, made when the first loop needs it. */
  private resolver(): Resolver {
    this.resolverMade ??= this.makeResolver((issue) => {
      const at = this.resolving;
      if (!at) return;
      const { message, node, key } = issue;
      const resource = at.resource === undefined ? {} : { resource: at.resource };
      this.issue(
        node ? { message, node, ...(key === undefined ? {} : { key }), ...resource } : { ...at, message },
      );
    });
    return this.resolverMade;
  }

  private copied<T extends object>(built: T, from: object): T {
    this.origins.set(built, { node: from, copy: true });
    return built;
  }
}

/** What the keys a loop makes are, in the plural. */
function entriesNoun(place: Place): string {
  if (!place.logicalIds) return 'properties';
  return place.section === 'Resources' ? 'resources' : place.section === 'Outputs' ? 'outputs' : 'conditions';
}

/** What goes unchecked when a loop cannot be expanded. */
function notChecked(place: Place): string {
  if (place.logicalIds) return `not expanded: the ${entriesNoun(place)} this loop makes are not checked`;
  return `not expanded: the properties this loop makes${place.resource ? ` in ${place.resource}` : ''} are not checked`;
}

/** `${Name}` → the item, `&{Name}` → the item without its non-alphanumeric characters, for each identifier in scope. */
export function substitute(text: string, values: ReadonlyMap<string, string>): string {
  if (!text.includes('{')) return text;
  return text.replace(PLACEHOLDER, (whole, sign: string, name: string) => {
    const value = values.get(name);
    if (value === undefined) return whole;
    return sign === '&' ? value.replace(/[^A-Za-z0-9]/g, '') : value;
  });
}

/**
 * The logical ids a key with identifiers left in it could make, as a pattern: each `${Name}` or `&{Name}`
 * any letters and digits, as a logical id has no other characters. Undefined when the rest of the key is
 * not letters and digits: no logical id can come of it (and there is nothing to escape).
 */
function keyPattern(key: string): RegExp | undefined {
  const parts = key.split(PLACEHOLDER);
  let pattern = '';
  // split() with the two groups of PLACEHOLDER gives: text, sign, name, text, sign, name, ..., text.
  for (let i = 0; i < parts.length; i += 3) {
    const text = parts[i] as string;
    if (text !== '' && !ALPHANUMERIC.test(text)) return undefined;
    pattern += text;
    if (i + 1 < parts.length) pattern += '[A-Za-z0-9]*';
  }
  return new RegExp(`^${pattern}$`);
}

/** Whether text holds `${Name}` or `&{Name}` for an identifier of the loops around it. */
function holdsIdentifier(text: string, scope: Scope): boolean {
  for (const match of text.matchAll(PLACEHOLDER)) if (scope.values.has(match[2] as string)) return true;
  return false;
}

function isLoopAlone(node: Record<string, unknown>): boolean {
  for (const key in node) return key.startsWith(FOR_EACH);
  return false;
}

function usesIdentifier(key: string, identifier: string): boolean {
  return key.includes(`\${${identifier}}`) || key.includes(`&{${identifier}}`);
}

function described(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return `a list of ${value.length}`;
  if (typeof value === 'object') return intrinsicName(value) ?? 'a mapping';
  return typeof value === 'string' ? `'${value}'` : String(value);
}
