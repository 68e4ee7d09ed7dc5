import type { Declaration } from '../findings/finding.js';
import type { Resource } from '../model/index.js';
import type { Derivation, Inventory } from '../model/inventory.js';
import { type FileSource, isFileSource } from '../model/source.js';

/** Where each resource's declaration starts, per file, in order: which declaration holds a line. */
interface Declarations {
  readonly byFile: ReadonlyMap<string, readonly Declared[]>;
}

interface Declared {
  readonly line: number;
  /** The logical id declared there. */
  readonly id: string;
  /**
   * The resources declared there: one, or one the user wrote and those SAM generated from it; for a declaration
   * that only attaches to a resource (a standalone egress rule), that resource; none for any other.
   */
  readonly resources: readonly Resource[];
  /** The template's Resources mapping it is declared in. */
  readonly mapping: object;
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
  const found = declaredAt(inventory, where);
  // The one the user wrote, where SAM generated others from the same declaration.
  return found?.resources.find((resource) => !resource.generatedBy) ?? found?.resources[0];
}

/**
 * The declaration whose text holds what `where` points at, as ownerOf finds it, whether or not Parapet models the
 * resource it declares (an `AWS::EC2::SecurityGroupEgress`): where a finding points into another resource than its
 * own, reports name the construct of that one.
 */
export function declarationAt(inventory: Inventory, where: FileSource): Declaration | undefined {
  const found = declaredAt(inventory, where);
  if (found === undefined) return undefined;
  // A modeled resource's path may come from the manifest; another's only from its metadata.
  const modeled = found.resources.find((resource) => resource.id === found.id);
  const cdkPath = modeled ? modeled.cdkPath : writtenCdkPath(found.mapping, found.id);
  return cdkPath === undefined ? { id: found.id } : { id: found.id, cdkPath };
}

/** The `aws:cdk:path` metadata of declaration `id` of a Resources mapping, when it has one. */
function writtenCdkPath(mapping: object, id: string): string | undefined {
  const declaration: unknown = Object.hasOwn(mapping, id)
    ? (mapping as Record<string, unknown>)[id]
    : undefined;
  const metadata = isMapping(declaration) ? declaration.Metadata : undefined;
  const path = isMapping(metadata) ? metadata['aws:cdk:path'] : undefined;
  return typeof path === 'string' ? path : undefined;
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function declaredAt(inventory: Inventory, where: FileSource): Declared | undefined {
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
  return found;
}

function declarations(inventory: Inventory): Declarations {
  const byStart = new Map<string, Map<number, Declared>>();
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
    if (at) (at.resources as Resource[]).push(resource);
    else lines.set(line, { line, id: source.key, resources: [resource], mapping: source.node });
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
    const lines = byStart.get(source.file) as Map<number, Declared>;
    for (const id of Object.keys(source.node)) {
      const line = source.locator.locate(source.node, id)?.line;
      if (line === undefined || lines.has(line)) continue;
      const owner = attachedTo.get(id);
      lines.set(line, { line, id, resources: owner ? [owner] : [], mapping: source.node });
    }
  }
  const byFile = new Map<string, Declared[]>();
  for (const [file, lines] of byStart)
    byFile.set(
      file,
      [...lines.values()].sort((a, b) => a.line - b.line),
    );
  return { byFile };
}
