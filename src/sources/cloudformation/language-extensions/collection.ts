import { isUnknown } from '../../../model/values.js';
import { ResourceRef } from '../intrinsic-values.js';
import type { Resolver } from '../intrinsics.js';
import { givingHint, type Items, itemText, type NoItems } from './item-values.js';
import { described } from './loop-arguments.js';
import { isMappingCollection, listItems, mappingItems } from './several-identifiers.js';

export type { Items, NoItems } from './item-values.js';

/**
 * The items of a collection, `written` with the identifiers of the loops around it already replaced, as
 * text, or the problem when they cannot be known before deploy or are not a list of values. With several
 * `identifiers` an item is a list of one value per identifier, or the collection a mapping of key to value
 * (see several-identifiers.ts). `resolver` is the template's; its assumptions are reset first, so `assumed`
 * holds this collection's alone.
 */
export function readCollection(
  written: unknown,
  resolver: Resolver,
  identifiers: readonly string[],
): Items | NoItems {
  resolver.resetAssumptions();
  if (identifiers.length > 1 && isMappingCollection(written)) {
    const values = mappingItems(written, identifiers.length, resolver);
    return 'problem' in values ? values : { values, assumed: [...resolver.assumed] };
  }
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
  if (identifiers.length > 1) {
    const values = listItems(resolved, identifiers);
    return 'problem' in values ? values : { values, assumed };
  }
  const values: string[][] = [];
  for (const item of resolved) {
    const text = itemText(item);
    if (typeof text === 'string') values.push([text]);
    else return text;
  }
  return { values, assumed };
}
