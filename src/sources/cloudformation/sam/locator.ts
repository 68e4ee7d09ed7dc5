import type { Locator, Position } from '../../../model/source.js';
import type { Origin } from './types.js';

/**
 * A locator that places what an expansion built (a policy template's statements, a role SAM
 * generates, a resource a Fn::ForEach loop makes) at what the user wrote it from (`origins`): a
 * finding on a statement of `- S3CrudPolicy: {...}` points at that entry, not at the function. Layers
 * stack: one made over another locates through both (SAM's output over the loops' output).
 */
export function locatingOrigins(
  base: Locator,
  origins: ReadonlyMap<object, Origin>,
  itemOrigins: ReadonlyMap<object, ReadonlyMap<number, Origin>> = new Map(),
): Locator {
  if (origins.size === 0 && itemOrigins.size === 0) return base;
  return {
    file: base.file,
    locate(node: object, key?: string | number): Position | undefined {
      const found = base.locate(node, key);
      if (found !== undefined) return found;
      const origin = origins.get(node);
      if (origin === undefined) return key === undefined ? undefined : locatedItem(node, key);
      if (origin.copy && key !== undefined) {
        const renamed = origin.renamed?.get(key);
        return renamed ? base.locate(renamed.node, renamed.key) : base.locate(origin.node, key);
      }
      return base.locate(origin.node, origin.key) ?? base.locate(origin.node);
    },
  };

  /**
   * An item of a list the expansion built (a role's ManagedPolicyArns), by the item's own origin, or for text (an
   * ARN written out) by the origin kept for its index.
   */
  function locatedItem(list: object, key: string | number): Position | undefined {
    const item = (list as Record<string | number, unknown>)[key];
    const origin =
      item !== null && typeof item === 'object'
        ? origins.get(item)
        : typeof key === 'number'
          ? itemOrigins.get(list)?.get(key)
          : undefined;
    return origin && (base.locate(origin.node, origin.key) ?? base.locate(origin.node));
  }
}
