import type { Resource } from '../model/index.js';

/**
 * What a finding's verdict takes for granted, or undefined when nothing (most findings). A finding on
 * a property depends on the defaults that property's value was resolved with; one on the resource as a
 * whole, on all of them.
 */
export function assumptionsOf(
  resource: Resource,
  path: readonly (string | number)[] | undefined,
): string[] | undefined {
  const defaults = path ? defaultsBehind(resource, String(path[0])) : resource.assumedDefaults;
  if (!defaults?.length && !resource.condition) return undefined;
  const assumptions = (defaults ?? []).map(
    (p) => `parameter ${p} uses its default value, which a deploy may override`,
  );
  if (resource.condition)
    assumptions.push(`the resource exists only when condition ${resource.condition} holds`);
  return assumptions;
}

/** The assumed defaults behind a top-level property: its own and those behind the whole resource. */
function defaultsBehind(resource: Resource, property: string): readonly string[] | undefined {
  const byProperty = resource.assumedDefaultsByProperty;
  if (!byProperty) return resource.assumedDefaults;
  const { properties, everywhere } = byProperty;
  const name = Object.hasOwn(properties, property) ? property : cloudFormationName(resource, property);
  const own = name === undefined ? undefined : properties[name];
  if (!own) return everywhere;
  return everywhere.length === 0 ? own : [...new Set([...everywhere, ...own])].sort();
}

/** The CloudFormation name of a property a path names the SAM way (`Tracing` for `TracingConfig`). */
function cloudFormationName(resource: Resource, written: string): string | undefined {
  for (const [name, aliases] of Object.entries(resource.writtenAs ?? {})) {
    if (aliases.includes(written)) return name;
  }
  return undefined;
}
