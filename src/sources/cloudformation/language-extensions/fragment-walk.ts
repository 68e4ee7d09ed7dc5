import { setOwn } from '../../../model/own.js';
import { intrinsicName } from '../intrinsic-values.js';
import type { Origin } from '../sam/index.js';
import { FOR_EACH, type Scope, substitute } from './identifiers.js';
import type { LoopIssue } from './loop-issues.js';
import { inside, makesResources, type Place } from './place.js';

/** One entry of an expanded mapping; `loop` names the loop that made it, `origin` where its key was written. */
export interface Entry {
  readonly key: string;
  readonly value: unknown;
  readonly loop?: string;
  readonly origin?: Origin;
}

/** What the walk hands back to the loop stage (LoopExpander): the loops it meets, and what it reports. */
export interface LoopStage {
  /** The entries the loop at `parent[key]` makes (`depth` counts it). */
  loop(parent: Record<string, unknown>, key: string, scope: Scope, depth: number, place: Place): Entry[];
  /** Reports `node[fn]` when it names something with an identifier of `scope` outside `Fn::Sub`. */
  leaveAsWritten(node: Record<string, unknown>, fn: string, scope: Scope, place: Place): void;
  report(issue: LoopIssue): void;
}

/**
 * Walks a value (a section, or a loop's fragment for one item), replacing the identifiers in scope in keys,
 * `Fn::Sub` strings and `Ref`, and handing each loop it meets to the loop stage. A copy is a new object only
 * where something in it changed, and `origins` says what each new object was copied from, so locations
 * point at what the user wrote.
 */
export class FragmentWalk {
  readonly origins = new Map<object, Origin>();
  /** Each resource a loop made (its logical id) → the loop whose fragment wrote it (`Fn::ForEach::Topics`). */
  readonly madeBy = new Map<string, string>();

  constructor(private readonly stage: LoopStage) {}

  /** A value with the identifiers in scope replaced and the loops in its mappings expanded. */
  value(raw: unknown, scope: Scope, depth: number, place: Place): unknown {
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
        this.stage.leaveAsWritten(node, fn, scope, place);
    }
    return this.mapping(node, scope, depth, place);
  }

  /**
   * A mapping with its keys' identifiers replaced, its loops expanded into the keys they make and its
   * values walked. Keys written beside the loops come first and win: a generated key that is already
   * there is an issue, and the first stays.
   */
  mapping(node: Record<string, unknown>, scope: Scope, depth: number, place: Place): Record<string, unknown> {
    const written: Entry[] = [];
    const generated: Entry[] = [];
    let changed = false;
    for (const key in node) {
      const value = node[key];
      if (key.startsWith(FOR_EACH)) {
        changed = true;
        // Not push(...entries): a long list spread into arguments overflows the stack.
        for (const entry of this.stage.loop(node, key, scope, depth + 1, place)) generated.push(entry);
        continue;
      }
      const newKey = scope.values.size > 0 ? substitute(key, scope.values) : key;
      const newValue = this.value(value, scope, depth, inside(place, newKey));
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
        const clash = collision(entry, written, place);
        if (clash) this.stage.report(clash);
        continue;
      }
      setOwn(out, entry.key, entry.value);
      if (entry.origin) renamed.set(entry.key, entry.origin);
      if (entry.loop !== undefined && makesResources(place)) this.madeBy.set(entry.key, entry.loop);
    }
    this.origins.set(out, renamed.size > 0 ? { node, copy: true, renamed } : { node, copy: true });
    return out;
  }

  /** `Ref: Identifier` is the item; `Ref: { Fn::Sub: 'Topic${Identifier}' }` refers to the id it makes. */
  private ref(node: Record<string, unknown>, scope: Scope, depth: number, place: Place): unknown {
    const target = node.Ref;
    if (typeof target === 'string') {
      const item = scope.values.get(target);
      if (item !== undefined) return item;
      this.stage.leaveAsWritten(node, 'Ref', scope, place);
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

  private copied<T extends object>(built: T, from: object): T {
    this.origins.set(built, { node: from, copy: true });
    return built;
  }
}

/** The issue of a key a mapping already has; none for two written keys (the parser kept the last). */
function collision(entry: Entry, written: readonly Entry[], place: Place): LoopIssue | undefined {
  const origin = entry.origin;
  if (!origin) return undefined;
  const what = place.logicalIds ? `the logical id '${entry.key}'` : `the key '${entry.key}'`;
  const clash = written.some((w) => w.key === entry.key)
    ? `${what}, which is also written beside the loop; CloudFormation rejects the template (the written one is kept)`
    : `${what} a second time (another item or loop makes it too); CloudFormation rejects the template (the first one is kept)`;
  return {
    message: `${entry.loop ?? 'a loop'}: it makes ${clash}`,
    node: origin.node,
    ...(origin.key === undefined ? {} : { key: origin.key }),
    ...(place.resource ? { resource: place.resource } : makesResources(place) ? { resource: entry.key } : {}),
  };
}
