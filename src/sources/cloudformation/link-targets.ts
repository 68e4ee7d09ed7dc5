import type { Mutable, Resource } from '../../model/index.js';
import type { Reference } from '../../model/lambda.js';
import { isUnknown } from '../../model/values.js';
import type { MapContext } from './map/context.js';

// What linking resources declared apart (link.ts, network-links.ts, default-group-customs.ts) asks of each.

/** The resource of `kind` a reference names among the template's (`byId`); undefined for any other. */
export function target<K extends Resource['kind']>(
  byId: Map<string, Mutable<Resource>>,
  ref: Reference | undefined,
  kind: K,
): Mutable<Extract<Resource, { kind: K }>> | undefined {
  if (ref === undefined || isUnknown(ref)) return undefined;
  const found = byId.get(ref);
  return found?.kind === kind ? (found as Mutable<Extract<Resource, { kind: K }>>) : undefined;
}

/**
 * Whether a resource that only attaches to another exists in the case being built: not when its Condition
 * is false. False by the parameters' defaults, it is left out here and attached in the case where another
 * deploy makes it true (engine/condition-cases.ts explores the conditions the defaults decide), so a rule
 * only that case creates fails there only: unknown, saying when.
 */
export function mayExist(ctx: MapContext, decl: Record<string, unknown>): boolean {
  const name = decl.Condition;
  if (typeof name !== 'string') return true;
  return ctx.resolver.conditionNamed(name, { node: decl, key: 'Condition' }) !== false;
}
