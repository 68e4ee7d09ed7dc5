import { isUnknown } from '../../../model/values.js';
import { containsUnknown, ResourceRef } from '../intrinsic-values.js';
import type { Resolver } from '../intrinsics.js';
import { described } from './loop-arguments.js';

/** A loop's collection as its items, in text, and the parameters whose defaults it used. */
export interface Items {
  readonly values: string[];
  readonly assumed: string[];
}

/** Why a collection gives no items (not reported here: the loop reports it, with what is not expanded). */
export interface NoItems {
  readonly problem: string;
}

/**
 * The items of a collection, `written` with the identifiers of the loops around it already replaced, as
 * text, or the problem when they cannot be known before deploy or are not a list of values. `resolver` is
 * the template's; its assumptions are reset first, so `assumed` holds this collection's alone.
 */
export function readCollection(written: unknown, resolver: Resolver): Items | NoItems {
  resolver.resetAssumptions();
  const resolved = resolver.value(written);
  const assumed = [...resolver.assumed];
  if (isUnknown(resolved))
    return {
      problem: `its collection cannot be known before deploy (${resolved.reason})${givingHint(written, resolver)}`,
    };
  if (resolved instanceof ResourceRef)
    return {
      problem: `its collection is a reference to resource ${resolved.logicalId}, not known before deploy`,
    };
  if (!Array.isArray(resolved))
    return { problem: `its collection must be a list, not ${described(resolved)}` };
  const values: string[] = [];
  for (const item of resolved) {
    if (typeof item === 'string' || typeof item === 'number' || typeof item === 'boolean')
      values.push(String(item));
    else if (containsUnknown(item))
      return {
        problem: `an item of its collection cannot be known before deploy (${isUnknown(item) ? item.reason : 'a reference to a resource'})`,
      };
    else return { problem: `the items of its collection must be text, not ${described(item)}` };
  }
  return { values, assumed };
}

/** `; give -p Names=a,b to check what it makes`, for the parameters without default the collection reads. */
function givingHint(written: unknown, resolver: Resolver): string {
  const open = [...resolver.valueParameters(written)].filter(
    (name) => resolver.parameterValueText(name) === undefined,
  );
  return open.length === 0
    ? ''
    : `; give ${open.map((name) => `-p ${name}=…`).join(' ')} to check what it makes`;
}
