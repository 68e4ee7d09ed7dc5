import { own } from '../../model/own.js';
import { asRecord } from './intrinsic-values.js';

/** A circular dependency, as findResourceCycles tells it. */
interface ResourceCycle {
  /** Logical ids as the user wrote them, first repeated at the end (a resource that refers to itself is `[C, C]`). */
  readonly names: string[];
  /**
   * The resources SAM generates that the loop passes through (`FnAliaslive`, `FnRole`), which `names` shows as
   * the SAM resource that makes them: what tells `Fn → Fn` through its alias from `Fn → Fn` through its role.
   */
  readonly through: string[];
}

/**
 * Finds the circular dependencies between resources (Ref, GetAtt, Sub and DependsOn), which
 * CloudFormation rejects at deploy. One per loop met in a depth-first walk, so each resource is named once.
 *
 * `resources` are those CloudFormation reads: after the SAM transform, whose generated resources carry the
 * dependencies where SAM puts them (a DeploymentPreference hook goes into the alias, not the function).
 * `nameOf` names each in the cycle as the user wrote it (`FnRole` is `Fn`); ids named alike in a row are one.
 */
export function findResourceCycles(
  resources: Record<string, unknown>,
  nameOf: (id: string) => string = (id) => id,
  written?: WrittenTemplate,
  /**
   * Which dotted names a `Ref` may hold (`Fn.Alias`, a SAM referenceable property the transform makes): in a plain
   * template none, and one SAM does not make names nothing (an error of its own, not a dependency).
   */
  dotted: DottedRefs = () => false,
): ResourceCycle[] {
  if (written !== undefined && !mayHoldCycles(written, resources)) return [];
  const named = new Map<string, ResourceCycle>();
  for (const cycle of cyclesOf(
    edgesOf(resources, new Set(Object.keys(resources)), undefined, dotted, true),
  )) {
    const names = cycle.map(nameOf).filter((name, i, all) => i === 0 || name !== all[i - 1]);
    // A loop within what one SAM resource generates (`Fn → FnRole → Fn`) is that resource referring to itself.
    const closed = names.length === 1 ? [names[0] as string, names[0] as string] : names;
    const key = closed.join(' ');
    const through = named.get(key)?.through ?? [];
    for (const id of cycle) if (nameOf(id) !== id && !through.includes(id)) through.push(id);
    named.set(key, { names: closed, through });
  }
  return [...named.values()];
}

/** A SAM template as written: its Resources and its Globals. */
interface WrittenTemplate {
  readonly resources: Record<string, unknown>;
  readonly globals?: unknown;
}

/**
 * Whether the SAM template as written may hold a cycle once transformed, walked instead of the far larger
 * transformed one (a policy template is a line as written, a dozen objects expanded). SAM copies into what
 * it generates only references the SAM resource (or Globals) holds, and adds edges only among what one
 * resource generates and from the implicit APIs to their functions: a cycle after the transform shows as one
 * before it, or passes through an id only SAM makes (`FnRole`, `ServerlessRestApi`). Either one sends the
 * transformed template to the full walk; so do loops that are not cycles after all (a hook of
 * DeploymentPreference names a function that names the first back, but the hook goes into the alias).
 */
function mayHoldCycles(written: WrittenTemplate, transformed: Record<string, unknown>): boolean {
  const writtenIds = new Set(Object.keys(written.resources));
  const allIds = new Set([...writtenIds, ...Object.keys(transformed)]);
  const fromGlobals = new Set<string>();
  collectReferences(written.globals, allIds, fromGlobals);
  const edges = edgesOf(written.resources, allIds, fromGlobals);
  for (const deps of edges.values()) for (const dep of deps) if (!writtenIds.has(dep)) return true;
  return cyclesOf(edges).length > 0;
}

/**
 * Each resource's dependencies among `ids` (Ref, GetAtt, Sub, DependsOn); a SAM resource's also those of
 * the Globals it takes (`fromGlobals`), over-counted: every SAM resource is given all of them. With
 * `properties`, a SAM referenceable property a reference names (`Fn.Alias`) is a node of its own that depends on
 * its resource, so that a loop through it says so (`Fn → Fn.Alias → Fn`).
 */
function edgesOf(
  resources: Record<string, unknown>,
  ids: ReadonlySet<string>,
  fromGlobals?: ReadonlySet<string>,
  dotted: DottedRefs = ANY_DOTTED,
  properties = false,
): Map<string, string[]> {
  const edges = new Map<string, string[]>();
  const through = properties ? dotted : undefined;
  const stages = new Map<string, Set<string>>();
  for (const [id, decl] of Object.entries(resources)) {
    const deps = new Set<string>();
    const props = asRecord(asRecord(decl)?.Properties);
    const type = asRecord(decl)?.Type;
    // What the SAM expansion records for Parapet alone (a route of an API event) is no resource to deploy.
    if (typeof type === 'string' && type.startsWith('Parapet::')) continue;
    const sam = typeof type === 'string' && type.startsWith('AWS::Serverless::');
    const onStage = properties && typeof type === 'string' ? own(STAGE_PROPERTIES, type) : undefined;
    if (sam && props && ('Events' in props || onStage !== undefined)) {
      // SAM turns Events into permissions, rules and mappings that depend on the function (or state
      // machine), not the other way round: an API that names the function in its definition is no cycle.
      // What an API's stage takes is the stage's to depend on (a log group named after the API is no cycle).
      const rest: Record<string, unknown> = {};
      const stage = new Set<string>();
      for (const [key, value] of Object.entries(props))
        if (onStage?.has(key)) collectReferences(value, ids, stage, dotted, through);
        else if (key !== 'Events') rest[key] = value;
      collectReferences(rest, ids, deps, dotted, through);
      if (stage.size > 0) stages.set(id, stage);
    } else collectReferences(props, ids, deps, dotted, through);
    if (sam) for (const dep of fromGlobals ?? []) deps.add(dep);
    const dependsOn = asRecord(decl)?.DependsOn;
    for (const d of Array.isArray(dependsOn) ? dependsOn : [dependsOn])
      if (typeof d === 'string' && ids.has(d)) deps.add(d);
    edges.set(id, [...deps]);
    for (const dep of deps) if (!ids.has(dep)) edges.set(dep, [dep.slice(0, dep.indexOf('.'))]);
  }
  // The stage SAM makes for an API (`Api.Stage`, as a Ref names it) depends on the API and on what it takes.
  for (const [id, deps] of stages) edges.set(`${id}.Stage`, [id, ...deps]);
  return edges;
}

/**
 * What SAM writes on the stage it makes for an API rather than on the API (the translator's _construct_stage in
 * api_generator.py, http_api_generator.py and websocket_api_generator.py), or on resources of their own that
 * depend on the API (`Domain`). Read apart only in the full walk over the transformed template: the walk of
 * the template as written only screens for cycles, and reads them as the API's.
 */
const V2_STAGE_PROPERTIES: ReadonlySet<string> = new Set([
  'StageName',
  'StageVariables',
  'AccessLogSettings',
  'DefaultRouteSettings',
  'RouteSettings',
  'Domain',
]);

const STAGE_PROPERTIES: Readonly<Record<string, ReadonlySet<string>>> = {
  'AWS::Serverless::Api': new Set([
    'StageName',
    'CacheClusterEnabled',
    'CacheClusterSize',
    'Variables',
    'MethodSettings',
    'AccessLogSetting',
    'CanarySetting',
    'TracingEnabled',
    'Domain',
  ]),
  'AWS::Serverless::HttpApi': V2_STAGE_PROPERTIES,
  'AWS::Serverless::WebSocketApi': V2_STAGE_PROPERTIES,
};

/** The loops of a dependency graph, one per loop met in a depth-first walk (see findResourceCycles). */
function cyclesOf(edges: ReadonlyMap<string, readonly string[]>): string[][] {
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const cycles: string[][] = [];
  const inCycle = new Set<string>();
  const visit = (id: string): void => {
    state.set(id, 'open');
    path.push(id);
    for (const next of edges.get(id) ?? []) {
      if (state.get(next) === 'open') {
        const cycle = [...path.slice(path.indexOf(next)), next];
        // A loop through resources already named in another adds nothing to fix.
        if (cycle.some((member) => !inCycle.has(member))) {
          cycles.push(cycle);
          for (const member of cycle) inCycle.add(member);
        }
      } else if (!state.has(next)) visit(next);
    }
    path.pop();
    state.set(id, 'done');
  };
  for (const id of edges.keys()) if (!state.has(id)) visit(id);
  return cycles;
}

/** Whether `value` names resource `id` (a Ref, a GetAtt, a `${...}` of an Fn::Sub), as the dependencies above are read. */
export function mentionsResource(value: unknown, id: string): boolean {
  return resourcesMentioned(value, new Set([id])).size > 0;
}

/** The ids of `ids` that `value` names, read as mentionsResource reads them: one walk for them all. */
export function resourcesMentioned(value: unknown, ids: ReadonlySet<string>): Set<string> {
  const found = new Set<string>();
  collectReferences(value, ids, found);
  return found;
}

/** Which `Ref: X.Y` name something: SAM's referenceable properties (`Fn.Alias`), when the transform makes them. */
type DottedRefs = (name: string) => boolean;

const ANY_DOTTED: DottedRefs = () => true;

/** The ids of `ids` a value depends on. Not idsNamed of nested-stack-links.ts, which gives every name a value holds. */
function collectReferences(
  value: unknown,
  ids: ReadonlySet<string>,
  out: Set<string>,
  dotted: DottedRefs = ANY_DOTTED,
  through?: DottedRefs,
): void {
  if (value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    // Most items are text (a statement's actions): no call for them.
    for (const item of value)
      if (item !== null && typeof item === 'object') collectReferences(item, ids, out, dotted, through);
    return;
  }
  const record = value as Record<string, unknown>;
  // for-in over the keys: this walks every property of every resource, so it avoids allocating.
  for (const key in record) {
    const child = record[key];
    if (key === 'Ref') {
      // A Ref names a resource, or (SAM) a property the transform turns into the id of what it makes
      // (`Fn.Alias`): one still dotted after the transform names nothing SAM made, an error of its own.
      if (typeof child === 'string' && (!child.includes('.') || dotted(child)))
        addTarget(child, ids, out, through);
    } else if (key === 'Fn::GetAtt') {
      // `!GetAtt Fn.DestinationQueue.Arn` is parsed as [Fn, DestinationQueue.Arn]: read as written.
      const [head, attribute] = Array.isArray(child) ? child : [child];
      const target = typeof attribute === 'string' ? `${head}.${attribute}` : head;
      if (typeof target === 'string') addTarget(target, ids, out, through);
    } else if (key === 'Fn::Sub') {
      const text = Array.isArray(child) ? child[0] : child;
      if (typeof text === 'string') subReferences(text, ids, out, through);
      if (Array.isArray(child)) collectReferences(child[1], ids, out, dotted, through);
    } else if (child !== null && typeof child === 'object')
      collectReferences(child, ids, out, dotted, through);
  }
}

/**
 * SAM referenceable properties whose generated resource does not depend on the resource it belongs to
 * (`Fn.DestinationQueue`, the queue SAM makes for its destinations). Any other `X.Y` (an attribute, an alias
 * on its version on the function, a stage on its deployment on the API) depends on X.
 */
const INDEPENDENT_PROPERTIES = new Set(['DestinationQueue', 'DestinationTopic', 'DomainName']);

/**
 * A resource a Ref, GetAtt or `${...}` names: its id, or for `X.Attribute` and `Fn.Alias`, the X it depends on
 * (`Fn.Alias` itself when `through` says it is a SAM property to show).
 */
function addTarget(name: string, ids: ReadonlySet<string>, out: Set<string>, through?: DottedRefs): void {
  if (ids.has(name)) {
    out.add(name);
    return;
  }
  const dot = name.indexOf('.');
  if (dot <= 0 || !ids.has(name.slice(0, dot))) return;
  const property = name.slice(dot + 1).split('.')[0] as string;
  if (INDEPENDENT_PROPERTIES.has(property)) return;
  const samProperty = `${name.slice(0, dot)}.${property}`;
  out.add(through?.(samProperty) ? samProperty : name.slice(0, dot));
}

/**
 * The resources a `Fn::Sub` text names: `${Id}` and `${Id.Attribute}` (see addTarget), not `${!Literal}`. Scanned with
 * indexOf rather than a global regex: a SAM template of 2,000 functions holds 20,000 Subs after the transform.
 */
function subReferences(text: string, ids: ReadonlySet<string>, out: Set<string>, through?: DottedRefs): void {
  let at = text.indexOf('${');
  while (at !== -1) {
    const end = text.indexOf('}', at + 2);
    if (end === -1) return;
    if (text.charCodeAt(at + 2) !== 33 /* ! */) addTarget(text.slice(at + 2, end), ids, out, through);
    at = text.indexOf('${', end + 1);
  }
}
