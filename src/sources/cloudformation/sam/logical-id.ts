import { createHash } from 'node:crypto';
import { isObject } from './shapes.js';

/**
 * SAM's LogicalIdGenerator (samtranslator/translator/logical_id_generator.py): `prefix` plus the first 10 hex
 * digits of the SHA-1 of the data, where a string is hashed as it is and anything else as Python's
 * `json.dumps(data, separators=(",", ":"), sort_keys=True)` would print it.
 */
export function generateLogicalId(prefix: string, data?: unknown, presetHash?: string): string {
  if (presetHash) return prefix + presetHash.slice(0, 10);
  if (!isTruthy(data)) return prefix;
  const text = typeof data === 'string' ? data : pythonJson(data);
  return prefix + createHash('sha1').update(text, 'utf8').digest('hex').slice(0, 10);
}

function isTruthy(data: unknown): boolean {
  if (data === undefined || data === null || data === false || data === '' || data === 0) return false;
  if (Array.isArray(data)) return data.length > 0;
  if (isObject(data)) return Object.keys(data).length > 0;
  return true;
}

/** Compact, key-sorted JSON with non-ASCII escaped, as Python's json module writes it by default. */
export function pythonJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return asciiJsonString(value);
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (Array.isArray(value)) return `[${value.map(pythonJson).join(',')}]`;
  if (isObject(value)) {
    const keys = Object.keys(value).sort(compareCodePoints);
    return `{${keys.map((key) => `${asciiJsonString(key)}:${pythonJson(value[key])}`).join(',')}}`;
  }
  return 'null';
}

/** Orders strings by Unicode code points, as Python does. */
export function compareCodePoints(a: string, b: string): number {
  const left = Array.from(a);
  const right = Array.from(b);
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    const diff = (left[i]?.codePointAt(0) ?? 0) - (right[i]?.codePointAt(0) ?? 0);
    if (diff !== 0) return diff;
  }
  return left.length - right.length;
}

function asciiJsonString(text: string): string {
  // JSON.stringify escapes quotes, backslashes and control characters as Python does; Python also escapes
  // every non-ASCII UTF-16 code unit as \uXXXX (ensure_ascii).
  return JSON.stringify(text).replace(
    /[\u0080-\uffff]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
