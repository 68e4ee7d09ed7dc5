/** What a loop's collection gives: its items as text, or why it gives none. */
import { isUnknown } from '../../../model/values.js';
import { containsUnknown } from '../intrinsic-values.js';
import type { Resolver } from '../intrinsics.js';
import { described } from './loop-arguments.js';

/** A loop's collection as its items, in text, and the parameters whose defaults it used. */
export interface Items {
  /** Each item's values, one per identifier of the loop, in the identifiers' order. */
  readonly values: readonly (readonly string[])[];
  readonly assumed: string[];
}

/** Why a collection gives no items (not reported here: the loop reports it, with what is not expanded). */
export interface NoItems {
  readonly problem: string;
  /** The index of the item, in the collection as written, that the problem is about. */
  readonly item?: number;
}

/** A value of an item as text, or why it is none: unknown before deploy, or not a scalar. */
export function itemText(value: unknown): string | NoItems {
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
    return String(value);
  if (containsUnknown(value))
    return {
      problem: `an item of its collection cannot be known before deploy (${isUnknown(value) ? value.reason : 'a reference to a resource'})`,
    };
  return { problem: `the items of its collection must be text, not ${described(value)}` };
}

/** `; give -p Names=a,b to check what it makes`, for the parameters without default `written` reads. */
export function givingHint(written: unknown, resolver: Resolver): string {
  const open = [...resolver.valueParameters(written)].filter(
    (name) => resolver.parameterValueText(name) === undefined,
  );
  return open.length === 0
    ? ''
    : `; give ${open.map((name) => `-p ${name}=…`).join(' ')} to check what it makes`;
}
