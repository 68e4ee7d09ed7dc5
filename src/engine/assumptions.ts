import type { Lacked } from '../checks/define.js';
import { isMergedMap, mergedSegment } from '../model/globals-merge.js';
import type { Resource } from '../model/index.js';
import { childNode, inherits } from '../model/locate.js';
import { notDeployedByDefault, type ResourceBase } from '../model/resource.js';
import { type FileSource, isFileSource, type SourceRef } from '../model/source.js';
import { placeholderMatches } from '../model/values.js';

/** What a finding rests on besides its path: see `assumptionsOf`. */
export interface FindingBasis {
  /** The outcome names one item among several (it has a `key`, as an environment variable's name). */
  readonly byItem?: boolean;
  /** Where the outcome points when not at a path of the resource: its own declaration, or another's. */
  readonly where?: SourceRef | undefined;
  /** The verdict rests on what is set, or on other resources, not on values (OutcomeOptions.restsOn). */
  readonly restsOn?: 'presence' | 'other-resources' | undefined;
  /** The properties whose absence a finding on the whole resource is about (OutcomeOptions.lacks). */
  readonly lacks?: string | readonly Lacked[] | undefined;
  /** Other resources whose being deployed the verdict rests on (OutcomeOptions.deployedWith). */
  readonly deployedWith?: readonly ResourceBase[] | undefined;
  /** The keys of the mapping at `where` the verdict rests on (OutcomeOptions.weighs); undefined: all of it. */
  readonly weighs?: readonly string[] | undefined;
  /** The resource whose declaration holds what `where` points at (./owners.ts). */
  readonly ownerOf?: (where: FileSource) => Resource | undefined;
}

/**
 * What a finding's verdict takes for granted, or undefined when nothing (most findings). A finding on
 * the resource as a whole (about something it lacks) depends on the defaults that decide whether it
 * exists as it is, and on those that leave a written property out; one on a property, on those of its
 * top-level property. One on an item among several (`byItem`: the outcome has a `key`, as an
 * environment variable's name) rests on that item alone: on the defaults the value at its path refers
 * to. Other findings may weigh siblings of the value they point at (a CORS origin `*` fails only with
 * AllowCredentials true), so they keep the whole property's. One whose verdict rests on what is set, not
 * on values (`restsOn: 'presence'`), lists only the defaults that decide what is set. One pointing at a value
 * of its own declaration and naming what it `lacks` rests on that value and on the defaults leaving those out.
 * One pointing into another resource (a function's egress, at its security group's rule) rests on the value there.
 * Of a value pointed at, only the keys the verdict `weighs` count when the check names them (a wildcard action rests on
 * its statement's Action, not on a Resource built from a parameter).
 */
export function assumptionsOf(
  resource: Resource,
  path: readonly (string | number)[] | undefined,
  basis: FindingBasis = {},
): string[] | undefined {
  const defaults = withDeployingDefaults(defaultsOf(resource, path, basis), basis.deployedWith);
  const { condition, absentByDefault } = resource;
  const given = givenBehind(resource, path, basis);
  if (!defaults?.length && !condition && !absentByDefault && given.length === 0) return undefined;
  const parent = resource.givenByParent;
  const assumptions = (defaults ?? []).map((p) =>
    parent?.fromDefaults?.includes(p)
      ? `parameter ${p} is given by ${parent.by} from a default of its own, which a deploy may override`
      : `parameter ${p} uses its default value, which a deploy may override`,
  );
  // The template is deployed as that parent's nested stack (not on its own, with other values).
  for (const p of given) assumptions.push(`parameter ${p} is given by ${resource.givenByParent?.by}`);
  if (condition) assumptions.push(`the resource exists only when condition ${condition} holds`);
  if (absentByDefault) assumptions.push(`the resource is ${notDeployedByDefault(resource) as string}`);
  return assumptions;
}

/**
 * The defaults behind a finding, with those that decide whether the other resources it rests on exist as they are
 * (their `everywhere`: a Condition holding only by a default, the loop that made them).
 */
function withDeployingDefaults(
  defaults: readonly string[] | undefined,
  others: readonly ResourceBase[] | undefined,
): readonly string[] | undefined {
  if (others === undefined || others.length === 0) return defaults;
  const theirs = others.map((other) => other.assumedDefaultsByProperty?.everywhere ?? other.assumedDefaults);
  return union(defaults, ...theirs);
}

function defaultsOf(
  resource: Resource,
  path: readonly (string | number)[] | undefined,
  { byItem = false, where, restsOn, lacks, weighs, ownerOf }: FindingBasis,
): readonly string[] | undefined {
  if (restsOn === 'presence') return presenceDefaults(resource, path, lacks);
  if (restsOn === 'other-resources')
    return resource.assumedDefaultsByProperty?.everywhere ?? resource.assumedDefaults;
  if (path) return defaultsBehind(resource, path, byItem);
  if (where === undefined) return wholeResourceDefaults(resource, lacks);
  const other = isFileSource(where) && ownerOf ? ownerOf(where) : undefined;
  if (other && !sameDeclaration(other, resource)) return defaultsInOther(resource, other, where, weighs);
  if (byItem) return defaultsAtSource(resource, where, weighs);
  // A value that decides the verdict together with what the resource lacks (an on-failure destination not known
  // before deploy, and no dead-letter queue): the defaults of that value and those leaving the lacked ones out,
  // not those of its siblings (a variable of Environment).
  if (lacks !== undefined)
    return union(defaultsAtLacked(resource, where, lacks), ...lacking(resource, lacks));
  return resource.assumedDefaults;
}

/**
 * The defaults behind a finding that points at no property: one about something missing (no code signing,
 * no reserved concurrency, no alarm), which no property's value changes. Those that decide whether the
 * resource exists as it is (its Condition, the loop that made it, what the mapper read outside its
 * properties) stand behind it, and those that leave out a property the template writes: the one it
 * `lacks` when the check names it, else any (the missing one may be among them). When they cannot be told
 * apart from the properties', all do.
 */
function wholeResourceDefaults(
  resource: Resource,
  lacks: string | readonly Lacked[] | undefined,
): readonly string[] | undefined {
  const byProperty = resource.assumedDefaultsByProperty;
  if (!byProperty) return resource.assumedDefaults;
  if (lacks === undefined) return union(byProperty.everywhere, ...Object.values(byProperty.leftOut ?? {}));
  return union(byProperty.everywhere, ...lacking(resource, lacks));
}

/** For each property a finding is about the absence of, the defaults that leave it or a part of it out. */
function lacking(resource: Resource, lacks: string | readonly Lacked[]): (readonly string[] | undefined)[] {
  const all = typeof lacks === 'string' ? [lacks] : lacks;
  return all.map((lacked) =>
    typeof lacked === 'string' ? leavingOut(resource, lacked) : leavingOut(lacked.of, lacked.property),
  );
}

/**
 * The defaults that leave out the top-level property `written` (named either way) of a resource, or a part of
 * it: those of an `Fn::If` giving it `AWS::NoValue`, and those that choose what it holds
 * (`DeadLetterConfig: { TargetArn: !If [HasQueue, !Ref Queue, !Ref AWS::NoValue] }`).
 */
function leavingOut(resource: ResourceBase, written: string | undefined): readonly string[] | undefined {
  const byProperty = resource.assumedDefaultsByProperty;
  // Neither (most resources): nothing to look up.
  if (written === undefined || !byProperty || (!byProperty.leftOut && !byProperty.choosing)) return undefined;
  const name = propertyName(resource, written);
  return union(byProperty.leftOut?.[name], byProperty.choosing?.[name]);
}

/**
 * The defaults behind a verdict that rests on what is set, not on values: those of a finding on the resource
 * as a whole (with `lacks`, those that leave out that property or the one at `path`), and those that choose
 * what the property at `path` holds (the conditions of its `Fn::If`s).
 */
function presenceDefaults(
  resource: Resource,
  path: readonly (string | number)[] | undefined,
  lacks: string | readonly Lacked[] | undefined,
): readonly string[] | undefined {
  const byProperty = resource.assumedDefaultsByProperty;
  if (!byProperty) return resource.assumedDefaults;
  const name = path === undefined ? undefined : propertyName(resource, String(path[0]));
  const choosing = name === undefined ? undefined : byProperty.choosing?.[name];
  if (lacks === undefined)
    return union(byProperty.everywhere, ...Object.values(byProperty.leftOut ?? {}), choosing);
  return union(byProperty.everywhere, leavingOut(resource, name), ...lacking(resource, lacks), choosing);
}

/**
 * For a finding that points into another resource's declaration (`other`): the defaults the value there
 * refers to, and those deciding whether either resource exists; all of `other`'s when that cannot be told.
 */
function defaultsInOther(
  resource: Resource,
  other: Resource,
  where: SourceRef,
  weighs: readonly string[] | undefined,
): readonly string[] {
  const theirs = other.assumedDefaults ?? [];
  const found = new Set<string>();
  const raw = rawValue(where);
  const atWhere = referencedParameters(weighed(raw, weighs), found)
    ? theirs.filter((parameter) => found.has(parameter))
    : theirs;
  const mine = resource.assumedDefaultsByProperty?.everywhere ?? resource.assumedDefaults;
  return union(mine, other.assumedDefaultsByProperty?.everywhere ?? theirs, atWhere, chosenBy(other, raw));
}

/** Whether two resources come from one declaration (one SAM resource and those SAM generated from it). */
function sameDeclaration(one: Resource, other: Resource): boolean {
  if (one === other) return true;
  const sameFile =
    isFileSource(one.source) && isFileSource(other.source) && one.source.file === other.source.file;
  return sameFile && (one.generatedBy?.id ?? one.id) === (other.generatedBy?.id ?? other.id);
}

const NONE: readonly string[] = [];

/** The sorted union of sorted lists of parameters (one per finding: most are empty, or only one is not). */
function union(...lists: (readonly string[] | undefined)[]): readonly string[] {
  let only: readonly string[] | undefined;
  let several = false;
  for (const list of lists) {
    if (list === undefined || list.length === 0) continue;
    if (only === undefined) only = list;
    else several = true;
  }
  if (!several) return only ?? NONE;
  const all = new Set<string>();
  for (const list of lists) for (const parameter of list ?? []) all.add(parameter);
  return [...all].sort();
}

/**
 * The assumed defaults behind a property path, plus those behind the whole resource: with `byItem`, those
 * the value written at that path refers to (a variable of Environment.Variables, not all of Environment)
 * when that can be told; otherwise those of its top-level property.
 */
function defaultsBehind(
  resource: Resource,
  path: readonly (string | number)[],
  byItem: boolean,
): readonly string[] | undefined {
  const byProperty = resource.assumedDefaultsByProperty;
  if (!byProperty) return resource.assumedDefaults;
  const { properties, everywhere } = byProperty;
  const name = propertyName(resource, String(path[0]));
  const own = properties[name];
  if (!own) return everywhere;
  const atPath = byItem && path.length > 1 ? parametersAt(resource, path) : undefined;
  const mine = atPath ? own.filter((parameter) => atPath.has(parameter)) : own;
  if (everywhere.length === 0) return mine;
  return mine.length === 0 ? everywhere : [...new Set([...everywhere, ...mine])].sort();
}

/**
 * For a finding pointing at a value of its own declaration that decides it with what it `lacks`: the defaults that
 * value refers to, as the resource or the lacking resources read them (SAM's EventInvokeConfig is written on the
 * function but read into the event invoke config SAM generates from it), plus those behind the whole resource; all
 * of theirs when that cannot be told.
 */
function defaultsAtLacked(
  resource: Resource,
  where: SourceRef,
  lacks: string | readonly Lacked[],
): readonly string[] | undefined {
  const readers: ResourceBase[] = [resource];
  if (typeof lacks !== 'string')
    for (const lacked of lacks) if (typeof lacked !== 'string') readers.push(lacked.of);
  const assumed = union(...readers.map((reader) => reader.assumedDefaults));
  const found = new Set<string>();
  const raw = rawValue(where);
  if (!isFileSource(where) || !referencedParameters(raw, found)) return assumed;
  return union(
    resource.assumedDefaultsByProperty?.everywhere,
    assumed.filter((parameter) => found.has(parameter)),
  );
}

/**
 * For an item the outcome points at by its source (a policy statement): the defaults the value there
 * refers to, plus those behind the whole resource; all of the resource's when that cannot be told.
 */
function defaultsAtSource(
  resource: Resource,
  where: SourceRef,
  weighs: readonly string[] | undefined,
): readonly string[] | undefined {
  const assumed = resource.assumedDefaults;
  const everywhere = resource.assumedDefaultsByProperty?.everywhere;
  // Without the split by property (Properties chosen by an Fn::If as a whole), every default stands behind it.
  if (!assumed?.length || !isFileSource(where) || everywhere === undefined) return assumed;
  const found = new Set<string>();
  const raw = rawValue(where);
  if (!referencedParameters(weighed(raw, weighs), found)) return assumed;
  return union(
    everywhere,
    assumed.filter((parameter) => found.has(parameter)),
    chosenBy(resource, raw),
  );
}

/**
 * Of a written mapping (a policy statement), the keys the verdict `weighs` (its Action, not its Resource): what
 * the defaults behind the finding are looked for in. Anything else, or without `weighs`, as it is.
 */
function weighed(raw: unknown, weighs: readonly string[] | undefined): unknown {
  if (weighs === undefined || raw === null || typeof raw !== 'object' || Array.isArray(raw)) return raw;
  // An intrinsic written in its place (`Fn::If` choosing the statement) is not the mapping: all of it counts.
  const keys = Object.keys(raw);
  if (keys.length === 1 && (keys[0] === 'Ref' || keys[0]?.startsWith('Fn::'))) return raw;
  return Object.fromEntries(Object.entries(raw).filter(([key]) => weighs.includes(key)));
}

/**
 * The defaults of the `Fn::If`s that chose a written item as a whole (`- !If [C, {statement}, !Ref
 * AWS::NoValue]`): part of that item, so a finding on it rests on them.
 */
function chosenBy(resource: Resource, raw: unknown): readonly string[] | undefined {
  if (raw === null || typeof raw !== 'object') return undefined;
  return resource.assumedDefaultsByProperty?.chosen?.get(raw);
}

/**
 * The parameters whose text a parent stack gives that a finding rests on, by the rule defaults follow (see
 * `assumptionsOf`): a parent gives values only (not those that only decide a condition, which it does not list),
 * so a verdict that rests on what is set (environment variables without `KmsKeyArn`) or on other resources rests on
 * none; one on an item among several, on those its value refers to; one on a property, on that property's.
 */
function givenBehind(
  resource: Resource,
  path: readonly (string | number)[] | undefined,
  { byItem = false, restsOn }: FindingBasis,
): readonly string[] {
  if (path === undefined || restsOn !== undefined) return NONE;
  const given = givenByParentAt(resource, path);
  if (given.length === 0 || !byItem || path.length < 2) return given;
  const atPath = parametersAt(resource, path);
  return atPath ? given.filter((parameter) => atPath.has(parameter)) : given;
}

/** The parameters whose text the parent stack gives that the top-level property of `path` uses. */
function givenByParentAt(resource: Resource, path: readonly (string | number)[]): readonly string[] {
  const properties = resource.givenByParent?.properties;
  if (!properties) return [];
  const property = String(path[0]);
  const name = Object.hasOwn(properties, property) ? property : cloudFormationName(resource, property);
  return (name === undefined ? undefined : properties[name]) ?? [];
}

/** The CloudFormation name of the top-level property a path starts with, written either way. */
function propertyName(resource: ResourceBase, written: string): string {
  const properties = resource.assumedDefaultsByProperty?.properties ?? {};
  return Object.hasOwn(properties, written) ? written : (cloudFormationName(resource, written) ?? written);
}

/** The CloudFormation name of a property a path names the SAM way (`Tracing` for `TracingConfig`). */
function cloudFormationName(resource: ResourceBase, written: string): string | undefined {
  for (const [name, aliases] of Object.entries(resource.writtenAs ?? {})) {
    if (aliases.includes(written)) return name;
  }
  return undefined;
}

/**
 * The parameters the value written at `path` refers to, read from the resource's own properties and
 * what it inherits (SAM Globals, merged as SAM merges them). Undefined when that cannot be told: the
 * path is not written as such (an intrinsic on the way, a resource SAM generated), or the value holds
 * an `Fn::If` or `Condition` (whose parameters only the resolver knows).
 */
function parametersAt(resource: Resource, path: readonly (string | number)[]): Set<string> | undefined {
  if (resource.generatedBy || !resource.properties) return undefined;
  const written = resource.writtenAs?.[String(path[0])];
  for (const p of written ? [written, path] : [path]) {
    const values = valuesAt(resource, p);
    if (!values) continue;
    const found = new Set<string>();
    return values.every((value) => referencedParameters(value, found)) ? found : undefined;
  }
  return undefined;
}

/** The raw values that make up the value at `path`: the resource's own, and the inherited one SAM merges in. */
function valuesAt(resource: Resource, path: readonly (string | number)[]): unknown[] | undefined {
  const own = rawValue(resource.properties);
  const inherited = inherits(resource, path[0]) ? rawValue(resource.inheritedProperties) : undefined;
  let sides: unknown[] = [own, inherited].filter((side) => side !== undefined);
  for (const segment of path) {
    const next = step(sides, segment);
    if (next.length === 0) return undefined;
    sides = next;
  }
  return sides;
}

/**
 * One segment deeper into the values that make up a value (./globals-merge.ts): both sides of a map
 * merged key by key, the one side a merged list item comes from, or else the first side alone.
 */
function step(sides: readonly unknown[], segment: string | number): unknown[] {
  const [own, inherited] = sides;
  const merged = sides.length === 2 ? mergedSegment(own, inherited, segment) : undefined;
  const next = !merged
    ? [childOf(own, segment)]
    : merged.merge === 'list'
      ? [merged.item]
      : [merged.own, merged.inherited];
  return next.filter((side) => side !== undefined);
}

function childOf(value: unknown, segment: string | number): unknown {
  if (typeof segment === 'number') return Array.isArray(value) ? value[segment] : undefined;
  return isMergedMap(value) ? value[segment] : undefined;
}

function rawValue(ref: SourceRef | undefined): unknown {
  return ref && isFileSource(ref) ? childNode(ref.node, ref.key) : undefined;
}

/**
 * Adds the names `raw` refers to as parameters might be (`Ref`, `${Name}` in `Fn::Sub`); false when it
 * meets a condition. Names that are not assumed parameters are dropped by the caller.
 */
function referencedParameters(raw: unknown, into: Set<string>): boolean {
  if (raw === null || typeof raw !== 'object') return true;
  if (Array.isArray(raw)) return raw.every((item) => referencedParameters(item, into));
  const entries = Object.entries(raw);
  const [only] = entries;
  if (entries.length === 1 && only) {
    const [key, args] = only;
    if (key === 'Fn::If' || (key === 'Condition' && typeof args === 'string')) return false;
    if (key === 'Ref') {
      if (typeof args === 'string') into.add(args);
      return true;
    }
    if (key === 'Fn::Sub') return subParameters(args, into);
  }
  return entries.every(([, child]) => referencedParameters(child, into));
}

function subParameters(args: unknown, into: Set<string>): boolean {
  const text = Array.isArray(args) ? args[0] : args;
  const variables = Array.isArray(args) && isMergedMap(args[1]) ? args[1] : {};
  if (typeof text === 'string') {
    for (const match of placeholderMatches(text)) {
      const name = (match[1] as string).trim();
      if (!name.startsWith('!') && !Object.hasOwn(variables, name)) into.add(name);
    }
  }
  return referencedParameters(variables, into);
}
