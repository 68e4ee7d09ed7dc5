import type { Resource } from '../model/index.js';
import type { Derivation, Inventory } from '../model/inventory.js';
import { type FileSource, isFileSource } from '../model/source.js';

/** Where each resource's declaration starts, per file, in order: which declaration holds a line. */
interface Declarations {
  readonly byFile: ReadonlyMap<string, readonly Declared[]>;
}

interface Declared {
  readonly line: number;
  /** The resources declared there: one, or one the user wrote and those SAM generated from it. */
  readonly resources: readonly Resource[];
}

/**
 * Per inventory, built on first use and kept by it (Inventory.derived): a module-level WeakMap whose values
 * point into a model keeps it alive until a full collection.
 */
const DECLARATIONS: Derivation<Inventory, Declarations> = { compute: (inventory) => declarations(inventory) };

/**
 * The resource whose declaration (in a template) holds what `where` points at: a finding of one resource
 * may point into another (a function's open egress, at its security group's rule). Found by line: a
 * declaration runs from its logical id to the next one's, so no template is walked. Undefined when no
 * declaration holds it (SAM Globals, before the Resources, another file, a live resource).
 */
export function ownerOf(inventory: Inventory, where: FileSource): Resource | undefined {
  const declared = inventory.derived(DECLARATIONS, inventory).byFile.get(where.file);
  const at = declared && where.locator.locate(where.node, where.key);
  // A place in a file the template includes (an OpenAPI definition) is in no declaration of the template's text.
  const line = at?.file === undefined ? at?.line : undefined;
  if (declared === undefined || line === undefined) return undefined;
  // The last declaration starting at or before the line.
  let low = 0;
  let high = declared.length - 1;
  let found: Declared | undefined;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const candidate = declared[middle] as Declared;
    if (candidate.line <= line) {
      found = candidate;
      low = middle + 1;
    } else high = middle - 1;
  }
  // The one the user wrote, where SAM generated others from the same declaration.
  return found?.resources.find((resource) => !resource.generatedBy) ?? found?.resources[0];
}

function declarations(inventory: Inventory): Declarations {
  const byStart = new Map<string, Map<number, Resource[]>>();
  const mappings = new Set<object>();
  for (const resource of inventory.all()) {
    const source = resource.source;
    // Declared under its logical id (or that of the SAM resource it came from): not a route or a role
    // outside the template, whose source is a place inside another resource's declaration.
    if (!isFileSource(source) || source.key !== (resource.generatedBy?.id ?? resource.id)) continue;
    const line = source.locator.locate(source.node, source.key)?.line;
    if (line === undefined) continue;
    let lines = byStart.get(source.file);
    if (lines === undefined) {
      lines = new Map();
      byStart.set(source.file, lines);
    }
    const at = lines.get(line);
    if (at) at.push(resource);
    else lines.set(line, [resource]);
    mappings.add(source.node);
  }
  // The template's other resources start declarations too: one that only attaches to a resource of the
  // inventory (a standalone egress rule) is that resource's; any other, none's (a line in it is not the
  // resource's declared before it).
  const attachedTo = new Map<string, Resource>();
  for (const resource of inventory.all())
    for (const id of resource.attached ?? []) attachedTo.set(id, resource);
  for (const resource of inventory.all()) {
    const source = resource.source;
    if (!isFileSource(source) || !mappings.has(source.node)) continue;
    mappings.delete(source.node);
    const lines = byStart.get(source.file) as Map<number, Resource[]>;
    for (const id of Object.keys(source.node)) {
      const line = source.locator.locate(source.node, id)?.line;
      if (line === undefined || lines.has(line)) continue;
      const owner = attachedTo.get(id);
      lines.set(line, owner ? [owner] : []);
    }
  }
  const byFile = new Map<string, Declared[]>();
  for (const [file, lines] of byStart) {
    const sorted = [...lines]
      .map(([line, resources]) => ({ line, resources }))
      .sort((a, b) => a.line - b.line);
    byFile.set(file, sorted);
  }
  return { byFile };
}
