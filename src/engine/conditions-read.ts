import { childNode } from '../model/locate.js';
import type { FileSource } from '../model/source.js';

/**
 * The conditions the `Fn::If`s written at a place name, in the order written (`Tracing: !If [IsNotDevelopment,
 * Active, Disabled]` reads IsNotDevelopment): what decides the value a finding points at, so the conditions its
 * cases are told by.
 */
export function conditionsReadAt(place: FileSource): string[] {
  const names = new Set<string>();
  collect(childNode(place.node, place.key), names);
  return [...names];
}

function collect(value: unknown, into: Set<string>): void {
  if (Array.isArray(value)) {
    for (const item of value) collect(item, into);
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  const record = value as Record<string, unknown>;
  const args = Object.hasOwn(record, 'Fn::If') ? record['Fn::If'] : undefined;
  if (Array.isArray(args) && typeof args[0] === 'string') into.add(args[0]);
  for (const child of Object.values(record)) collect(child, into);
}
