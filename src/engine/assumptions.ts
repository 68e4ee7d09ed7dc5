import { isMergedMap, mergedSegment } from '../model/globals-merge.js';
import type { Resource } from '../model/index.js';
import { childNode, inherits } from '../model/locate.js';
import { notDeployedByDefault } from '../model/resource.js';
import { isFileSource, type SourceRef } from '../model/source.js';

/**
 * What a finding's verdict takes for granted, or undefined when nothing (most findings). A finding on
 * the resource as a whole (about something it lacks) depends on the defaults that decide whether it
 * exists as it is; one on a property, on those of its top-level property. One on an item among several (`byItem`: the outcome has a `key`, as an
 * environment variable's name) rests on that item alone: on the defaults the value at its path refers
 * to. Other findings may weigh siblings of the value they point at (a CORS origin `*` fails only with
 * AllowCredentials true), so they keep the whole property's.
 */
export function assumptionsOf(
  resource: Resource,
  path: readonly (string | number)[] | undefined,
  byItem = false,
  where?: SourceRef,
): string[] | undefined {
  const defaults = path
    ? defaultsBehind(resource, path, byItem)
    : where === undefined
      ? wholeResourceDefaults(resource)
      : byItem
        ? defaultsAtSource(resource, where)
        : resource.assumedDefaults;
  const { condition, absentByDefault } = resource;
  const given = path ? givenByParentAt(resource, path) : [];
  if (!defaults?.length && !condition && !absentByDefault && given.length === 0) return undefined;
  const assumptions = (defaults ?? []).map(
    (p) => `parameter ${p} uses its default value, which a deploy may override`,
  );
  // The template is deployed as that parent's nested stack (not on its own, with other values).
  for (const p of given) assumptions.push(`parameter ${p} is given by ${resource.givenByParent?.by}`);
  if (condition) assumptions.push(`the resource exists only when condition ${condition} holds`);
  if (absentByDefault) assumptions.push(`the resource is ${notDeployedByDefault(resource) as string}`);
  return assumptions;
}

/**
 * The defaults behind a finding that points at no property: one about something missing (no code signing,
 * no reserved concurrency, no alarm), which no property's default changes. Those that decide whether the
 * resource exists as it is (its Condition, the loop that made it, what the mapper read outside its
 * properties) stand behind it; when they cannot be told apart from the properties', all do.
 */
function wholeResourceDefaults(resource: Resource): readonly string[] | undefined {
  return resource.assumedDefaultsByProperty?.everywhere ?? resource.assumedDefaults;
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
  const property = String(path[0]);
  const name = Object.hasOwn(properties, property) ? property : cloudFormationName(resource, property);
  const own = name === undefined ? undefined : properties[name];
  if (!own) return everywhere;
  const atPath = byItem && path.length > 1 ? parametersAt(resource, path) : undefined;
  const mine = atPath ? own.filter((parameter) => atPath.has(parameter)) : own;
  if (everywhere.length === 0) return mine;
  return mine.length === 0 ? everywhere : [...new Set([...everywhere, ...mine])].sort();
}

/**
 * For an item the outcome points at by its source (a policy statement): the defaults the value there
 * refers to, plus those behind the whole resource; all of the resource's when that cannot be told.
 */
function defaultsAtSource(resource: Resource, where: SourceRef): readonly string[] | undefined {
  const assumed = resource.assumedDefaults;
  const everywhere = resource.assumedDefaultsByProperty?.everywhere;
  // Without the split by property (Properties chosen by an Fn::If as a whole), every default stands behind it.
  if (!assumed?.length || !isFileSource(where) || everywhere === undefined) return assumed;
  const found = new Set<string>();
  if (!referencedParameters(rawValue(where), found)) return assumed;
  return [...new Set([...everywhere, ...assumed.filter((parameter) => found.has(parameter))])].sort();
}

/** The parameters whose text the parent stack gives that the top-level property of `path` uses. */
function givenByParentAt(resource: Resource, path: readonly (string | number)[]): readonly string[] {
  const properties = resource.givenByParent?.properties;
  if (!properties) return [];
  const property = String(path[0]);
  const name = Object.hasOwn(properties, property) ? property : cloudFormationName(resource, property);
  return (name === undefined ? undefined : properties[name]) ?? [];
}

/** The CloudFormation name of a property a path names the SAM way (`Tracing` for `TracingConfig`). */
function cloudFormationName(resource: Resource, written: string): string | undefined {
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
    for (const match of text.matchAll(/\$\{([^}]*)\}/g)) {
      const name = (match[1] as string).trim();
      if (!name.startsWith('!') && !Object.hasOwn(variables, name)) into.add(name);
    }
  }
  return referencedParameters(variables, into);
}
