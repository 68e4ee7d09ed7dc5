import { isUnknown, type Unknown, unknown, type Value } from '../../model/values.js';
import { containsUnknown, type Resolved, ResourceRef } from './intrinsic-values.js';
import { MAX_BUILT_TEXT, tooLongToBuild } from './text-intrinsics.js';

// Intrinsics computed from their arguments once resolved: what each gives, or Unknown when an argument
// is not known before deploy. Checking the arguments' count and reporting a malformed one is the
// Resolver's part; `undefined` here means an argument of the wrong kind (the Resolver reports it).

/** `Fn::Equals`: CloudFormation compares the values as text. */
export function equalValues(a: Resolved, b: Resolved): Value<boolean> {
  // One of some texts (a case's `Env` of dev or test) against a text: decided when all or none of them are it.
  for (const [open, other] of [
    [a, b],
    [b, a],
  ] as const) {
    if (!isUnknown(open) || open.oneOf === undefined || open.oneOf.length === 0) continue;
    if (typeof other !== 'string' && typeof other !== 'number') break;
    const hits = open.oneOf.filter((one) => one === String(other)).length;
    if (hits === 0) return false;
    if (hits === open.oneOf.length) return true;
    break;
  }
  if (isUnknown(a) || isUnknown(b) || a instanceof ResourceRef || b instanceof ResourceRef) {
    const open = [a, b].find(isUnknown);
    const why = open ? open.reason : 'an attribute of a resource';
    return unknown(`compares values not known before deploy (${why})`);
  }
  return JSON.stringify(a) === JSON.stringify(b) || String(a) === String(b);
}

/** `Fn::And` (`decisive` false) and `Fn::Or` (`decisive` true) of conditions already decided. */
export function combined(values: readonly Value<boolean>[], decisive: boolean): Value<boolean> {
  if (values.some((v) => v === decisive)) return decisive;
  const open = values.find(isUnknown);
  return open ?? !decisive;
}

export function base64Of(inner: Resolved): string | Unknown {
  if (typeof inner !== 'string') return unknown('Fn::Base64 of a value not known before deploy');
  // Four characters for every three bytes (UTF-8: three at most a character).
  return Buffer.byteLength(inner) > (MAX_BUILT_TEXT / 4) * 3
    ? tooLongToBuild('Fn::Base64')
    : Buffer.from(inner).toString('base64');
}

/**
 * `Fn::ToJsonString` (AWS::LanguageExtensions): compact JSON, as CloudFormation writes it; not built past
 * MAX_BUILT_TEXT, as other built text: YAML aliases repeat a value without writing it (a thousand copies of a 10 KB
 * string are 10 MB of JSON, a hundred thousand more than a string may hold).
 */
export function jsonTextOf(inner: Resolved): string | Unknown | undefined {
  if (inner === null || typeof inner !== 'object') return undefined;
  if (containsUnknown(inner)) return unknown('Fn::ToJsonString of a value not known before deploy');
  return jsonLongerThan(inner, MAX_BUILT_TEXT) ? tooLongToBuild('Fn::ToJsonString') : JSON.stringify(inner);
}

/**
 * Whether the compact JSON of `value` (no unknown in it) is longer than `limit` characters: counted as JSON.stringify
 * writes it, not built, and the count stops once past the limit, whatever the value repeats.
 */
function jsonLongerThan(value: Resolved, limit: number): boolean {
  let length = 0;
  // True once past the limit. Brackets and commas: 2 for none, one more for each item past the first.
  const count = (item: unknown): boolean => {
    if (item === null || typeof item !== 'object') {
      length += JSON.stringify(item ?? null).length;
      return length > limit;
    }
    if (Array.isArray(item)) {
      length += 1 + Math.max(item.length, 1);
      for (const value of item) if (count(value)) return true;
      return length > limit;
    }
    // A key whose value is absent is left out.
    const kept = Object.entries(item).filter(([, value]) => value !== undefined);
    length += 1 + Math.max(kept.length, 1);
    for (const [key, value] of kept) {
      length += JSON.stringify(key).length + 1;
      if (count(value)) return true;
    }
    return length > limit;
  };
  return count(value);
}

/** `Fn::Length` (AWS::LanguageExtensions) of a list. */
export function lengthOf(inner: Resolved): number | Unknown | undefined {
  if (Array.isArray(inner)) return inner.length;
  if (isUnknown(inner)) return unknown(`Fn::Length of a list not known before deploy (${inner.reason})`);
  return inner instanceof ResourceRef ? unknown('Fn::Length of a list not known before deploy') : undefined;
}
