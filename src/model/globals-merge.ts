import { own as ownValue } from './own.js';

/**
 * How SAM merges a function's property with the one it inherits from `Globals.Function`
 * (samtranslator/plugins/globals/globals.py; src/sources/cloudformation/sam/globals.ts merges the values
 * themselves): maps key by key, lists concatenated with the inherited items first, and nothing else — a
 * scalar, an intrinsic, or two values of different kinds do not merge: the resource's own value wins whole.
 * The engine walks property paths into both sides (to locate a finding, to tell which defaults a value
 * rests on) and asks here, one path segment at a time, what the merged value's segment is made of.
 */
type MergedSegment =
  /** Both are maps: the segment is that key of each (undefined on a side that lacks it). */
  | { readonly merge: 'map'; readonly own: unknown; readonly inherited: unknown }
  /** Both are lists: the merged list's item is item `index` of one of them (`item`, undefined past the end). */
  | {
      readonly merge: 'list';
      readonly from: 'own' | 'inherited';
      readonly index: number;
      readonly item: unknown;
    };

/**
 * What `segment` of the merge of `own` and `inherited` is made of; undefined when the two do not merge at
 * this point (the resource's own value, when it has one, is the whole value there).
 */
export function mergedSegment(
  own: unknown,
  inherited: unknown,
  segment: string | number,
): MergedSegment | undefined {
  if (typeof segment === 'number') {
    if (!Array.isArray(own) || !Array.isArray(inherited)) return undefined;
    if (segment < inherited.length) {
      return { merge: 'list', from: 'inherited', index: segment, item: inherited[segment] };
    }
    const index = segment - inherited.length;
    return { merge: 'list', from: 'own', index, item: own[index] };
  }
  if (!isMergedMap(own) || !isMergedMap(inherited)) return undefined;
  // One side may lack the key (a variable set only in Globals): its own keys only, never an inherited `constructor`.
  return { merge: 'map', own: ownValue(own, segment), inherited: ownValue(inherited, segment) };
}

/** A map SAM merges key by key: not a list, and not an intrinsic function (`{ Ref: X }`, `{ 'Fn::If': ... }`). */
export function isMergedMap(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  const only = keys.length === 1 ? (keys[0] as string) : undefined;
  return !(only === 'Ref' || only === 'Condition' || only?.startsWith('Fn::'));
}
