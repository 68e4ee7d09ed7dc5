import type { Locator, Position } from '../../../model/source.js';
import type { Origin } from './types.js';

/**
 * A locator that places what the SAM expansion built (a policy template's statements, a role SAM
 * generates) at what the user wrote it from (`origins`): a finding on a statement of
 * `- S3CrudPolicy: {...}` points at that entry, not at the function.
 */
export function locatingOrigins(base: Locator, origins: ReadonlyMap<object, Origin>): Locator {
  if (origins.size === 0) return base;
  return {
    file: base.file,
    locate(node: object, key?: string | number): Position | undefined {
      const found = base.locate(node, key);
      if (found !== undefined) return found;
      const origin = origins.get(node);
      return origin && (base.locate(origin.node, origin.key) ?? base.locate(origin.node));
    },
  };
}
