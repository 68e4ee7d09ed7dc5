import type { Resource } from '../model/index.js';
import type { Inventory } from '../model/inventory.js';
import { childNode } from '../model/locate.js';
import { type FileSource, isFileSource } from '../model/source.js';

/** Per inventory, the resource whose declaration holds each parsed object of its templates; built on first use. */
const indexes = new WeakMap<Inventory, Map<object, Resource>>();

/**
 * The resource whose declaration (in a template) holds what `where` points at: a finding of one resource
 * may point into another (a function's open egress, at its security group's rule). Undefined when no
 * declaration holds it (SAM Globals, another file, a live resource).
 */
export function ownerOf(inventory: Inventory, where: FileSource): Resource | undefined {
  let index = indexes.get(inventory);
  if (index === undefined) {
    index = ownerIndex(inventory);
    indexes.set(inventory, index);
  }
  const target = childNode(where.node, where.key);
  return (
    (target !== null && typeof target === 'object' ? index.get(target) : undefined) ?? index.get(where.node)
  );
}

/**
 * Every object of every resource's declaration, by the resource declared there. Resources SAM generated
 * share the declaration of what the user wrote: that one (expanded in place, under its own id) owns it.
 */
function ownerIndex(inventory: Inventory): Map<object, Resource> {
  const index = new Map<object, Resource>();
  const resources = [...inventory.all()];
  // Those the user wrote first; a generated one only where none was (its declaration is walked once).
  for (const resource of [
    ...resources.filter((r) => !r.generatedBy),
    ...resources.filter((r) => r.generatedBy),
  ]) {
    if (!isFileSource(resource.source)) continue;
    const declaration = childNode(resource.source.node, resource.source.key);
    if (declaration === null || typeof declaration !== 'object' || index.has(declaration)) continue;
    walk(declaration, (node) => {
      if (!index.has(node)) index.set(node, resource);
    });
  }
  return index;
}

function walk(value: unknown, visit: (node: object) => void): void {
  if (value === null || typeof value !== 'object') return;
  visit(value);
  for (const child of Array.isArray(value) ? value : Object.values(value)) {
    if (child !== null && typeof child === 'object') walk(child, visit);
  }
}
