import type { Locator } from '../../model/source.js';
import { isTriedInclude } from './included-definitions.js';
import { asRecord } from './intrinsic-values.js';
import type { TemplateWarning } from './template.js';

/**
 * A warning at each `Fn::Transform` (AWS::Include of a file, or a macro) written inside a resource's Properties, below
 * their top level (`DefinitionBody: {Fn::Transform: ...}` of a SAM Api, a policy document from a snippet): Parapet
 * does not run it, so what it brings there is not checked. An `Fn::Transform` as the resource, beside its Type or as
 * a key of Properties is warned of where the resource is read (template.ts, map-resource.ts).
 */
export function transformsInProperties(
  resources: Record<string, unknown>,
  locator: Locator,
): TemplateWarning[] {
  const warnings: TemplateWarning[] = [];
  for (const [id, decl] of Object.entries(resources)) {
    const properties = asRecord(asRecord(decl)?.Properties);
    if (!properties) continue;
    for (const [key, value] of Object.entries(properties)) {
      if (key === 'Fn::Transform') continue;
      for (const { node, at } of transformsWithin(value, key)) {
        // An API definition included from a file beside the template was read, or a warning says why not.
        if (isTriedInclude(node)) continue;
        warnings.push({
          message:
            `Properties of ${id} hold an Fn::Transform at ${at} (${describe(node['Fn::Transform'])}), which Parapet ` +
            `does not run: ${id} is checked as written, and what the transform brings there is not`,
          ...(locator.locate(node, 'Fn::Transform') ?? locator.locate(properties, key)),
        });
      }
    }
  }
  return warnings;
}

/**
 * The objects holding an `Fn::Transform` key within `value`, and the property path to each (`A.B[0]`). Every
 * property of every resource is walked: the path is kept as a stack of keys and written out only for what is found.
 */
function transformsWithin(value: unknown, at: string): { node: Record<string, unknown>; at: string }[] {
  const found: { node: Record<string, unknown>; at: string }[] = [];
  const path: (string | number)[] = [];
  const walk = (current: unknown): void => {
    if (Array.isArray(current)) {
      for (let index = 0; index < current.length; index++) {
        path.push(index);
        walk(current[index]);
        path.pop();
      }
      return;
    }
    if (current === null || typeof current !== 'object') return;
    const node = current as Record<string, unknown>;
    if (Object.hasOwn(node, 'Fn::Transform')) found.push({ node, at: written(at, path) });
    for (const key in node) {
      if (key === 'Fn::Transform' || !Object.hasOwn(node, key)) continue;
      path.push(key);
      walk(node[key]);
      path.pop();
    }
  };
  walk(value);
  return found;
}

/** `DefinitionBody.paths[0]`: a property and the keys and indexes below it. */
function written(at: string, path: readonly (string | number)[]): string {
  return path.reduce<string>(
    (text, key) => (typeof key === 'number' ? `${text}[${key}]` : `${text}.${key}`),
    at,
  );
}

/** `AWS::Include of ./api.yaml`, `macro Name`. */
function describe(transform: unknown): string {
  const spec = asRecord(transform);
  const name = typeof spec?.Name === 'string' ? spec.Name : undefined;
  if (name !== 'AWS::Include') return name === undefined ? 'a macro' : `macro ${name}`;
  const location = asRecord(spec?.Parameters)?.Location;
  return typeof location === 'string' ? `AWS::Include of ${location}` : 'AWS::Include';
}
