/** Small predicates over parsed template values (plain JS objects as js-yaml or JSON.parse give them). */

import { onlyKey } from '../intrinsic-values.js';

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export function has(object: JsonObject, key: string): boolean {
  return Object.hasOwn(object, key);
}

/** A value that is present: SAM treats `null`, `undefined`, `false`, `''`, `0`, `{}` and `[]` as "not set" in most places. */
export function isSet(value: unknown): boolean {
  if (value === undefined || value === null || value === false || value === '' || value === 0) return false;
  if (Array.isArray(value)) return value.length > 0;
  if (isObject(value)) return Object.keys(value).length > 0;
  return true;
}

/** An intrinsic function as SAM sees one: a map with exactly one key, `Ref`, `Condition` or `Fn::*`. */
export function isIntrinsic(value: unknown): boolean {
  if (!isObject(value)) return false;
  const key = onlyKey(value);
  return key !== undefined && (key === 'Ref' || key === 'Condition' || key.startsWith('Fn::'));
}

/** `{ 'Fn::If': [condition, then, else] }`, well formed. */
export function ifParts(value: unknown): [string, unknown, unknown] | undefined {
  if (!isObject(value) || !isIntrinsic(value) || !has(value, 'Fn::If')) return undefined;
  const args = value['Fn::If'];
  if (!Array.isArray(args) || args.length !== 3 || typeof args[0] !== 'string') return undefined;
  return [args[0], args[1], args[2]];
}

export function isNoValue(value: unknown): boolean {
  return isObject(value) && value.Ref === 'AWS::NoValue' && onlyKey(value) === 'Ref';
}

/** The logical id a `{ Ref: X }` or a plain string names, as SAM looks it up. */
export function refTarget(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (isObject(value) && typeof value.Ref === 'string') return value.Ref;
  return undefined;
}

export function ref(logicalId: string): JsonObject {
  return { Ref: logicalId };
}

export function getAtt(logicalId: string, attribute: string): JsonObject {
  return { 'Fn::GetAtt': [logicalId, attribute] };
}

/** Human-readable name of a value's shape, for issue messages. */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (isObject(value) && isIntrinsic(value)) return `an intrinsic function (${Object.keys(value)[0]})`;
  if (isObject(value)) return 'a map';
  return `a ${typeof value}`;
}

/** Structural equality of parsed values (Python's `==` on dicts and lists, which SAM uses to de-duplicate). */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a))
    return Array.isArray(b) && a.length === b.length && a.every((item, i) => deepEqual(item, b[i]));
  if (isObject(a) && isObject(b)) {
    const keys = Object.keys(a);
    return (
      keys.length === Object.keys(b).length && keys.every((key) => has(b, key) && deepEqual(a[key], b[key]))
    );
  }
  return false;
}
