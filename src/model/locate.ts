import { mergedSegment } from './globals-merge.js';
import type { Resource } from './index.js';
import { childSource, isFileSource, type SourceLocation, type SourceRef } from './source.js';

/**
 * The most specific place a finding can point at, first found wins: the outcome's own source; the
 * property path as the user wrote it (SAM names), under the resource's properties and then under
 * those it inherits (SAM Globals), an item of a list both define taken from the one it came from;
 * the path as the model names it, likewise; the resource itself.
 */
export function findingLocation(
  resource: Resource,
  where: SourceRef | undefined,
  path: (string | number)[] | undefined,
  displayPath: (file: string) => string,
): SourceLocation {
  return findingPlace(resource, where, path, displayPath).location;
}

/** The place findingLocation takes (see it), with its location: what the finding points at, as written. */
export function findingPlace(
  resource: Resource,
  where: SourceRef | undefined,
  path: (string | number)[] | undefined,
  displayPath: (file: string) => string,
): { readonly ref: SourceRef; readonly location: SourceLocation } {
  if (where) {
    const found = locatedAt(where, displayPath);
    if (found) return { ref: where, location: found };
  }
  if (path) {
    const written = resource.writtenAs?.[String(path[0])];
    const { properties } = resource;
    for (const p of written ? [written, path] : [path]) {
      const inheritedProperties = inherits(resource, p[0]) ? resource.inheritedProperties : undefined;
      const item = properties && inheritedProperties && mergedListItem(properties, inheritedProperties, p);
      const merged = item && locatedAt(item, displayPath);
      if (item && merged) return { ref: item, location: merged };
      for (const base of [properties, inheritedProperties]) {
        const ref = base && childSource(base, ...p);
        const found = ref && locatedAt(ref, displayPath);
        if (ref && found) return { ref, location: found };
      }
    }
  }
  const source = resource.source;
  return { ref: source, location: locatedAt(source, displayPath) ?? locationOf(source, displayPath) };
}

/**
 * Where item `i` of a list that both the resource and what it inherits define was written, merged as SAM
 * merges them (./globals-merge.ts): `Layers[1]` of a function with one Globals layer is its own
 * `Layers[0]`. Undefined when no list on the path is merged: the plain lookups are right then.
 */
function mergedListItem(
  own: SourceRef,
  inherited: SourceRef,
  path: readonly (string | number)[],
): SourceRef | undefined {
  if (!isFileSource(own) || !isFileSource(inherited)) return undefined;
  let ownNode = childNode(own.node, own.key);
  let inheritedNode = childNode(inherited.node, inherited.key);
  for (const [depth, segment] of path.entries()) {
    const merged = mergedSegment(ownNode, inheritedNode, segment);
    if (!merged) return undefined;
    if (merged.merge === 'list') {
      const side = merged.from === 'own' ? own : inherited;
      return childSource(side, ...path.slice(0, depth), merged.index, ...path.slice(depth + 1));
    }
    ownNode = merged.own;
    inheritedNode = merged.inherited;
  }
  return undefined;
}

/** Whether a top-level property may come from what the resource inherits (SAM Globals). */
export function inherits(resource: Resource, property: string | number | undefined): boolean {
  if (resource.inheritedProperties === undefined) return false;
  return !(typeof property === 'string' && resource.notInherited?.includes(property));
}

/** The value a source points at: its node, or the node's entry at its key. */
export function childNode(node: object, key: string | number | undefined): unknown {
  return key === undefined ? node : (node as Record<string | number, unknown>)[key];
}

/** The location of a source when it is known (a line in a file, or an ARN); undefined otherwise. */
function locatedAt(ref: SourceRef, displayPath: (file: string) => string): SourceLocation | undefined {
  if (!isFileSource(ref)) return locationOf(ref, displayPath);
  const position = ref.locator.locate(ref.node, ref.key);
  return (
    position && { file: displayPath(position.file ?? ref.file), line: position.line, column: position.column }
  );
}

export function locationOf(ref: SourceRef, displayPath: (file: string) => string): SourceLocation {
  if (!isFileSource(ref)) {
    return {
      arn: ref.arn,
      ...(ref.account ? { account: ref.account } : {}),
      ...(ref.region ? { region: ref.region } : {}),
    };
  }
  const position = ref.locator.locate(ref.node, ref.key);
  return {
    file: displayPath(position?.file ?? ref.file),
    ...(position ? { line: position.line, column: position.column } : {}),
  };
}
