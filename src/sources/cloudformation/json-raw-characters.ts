import { setOwn } from '../../model/own.js';
import { type RawCharacter, stringWithRawCharacters } from './json-loose.js';
import { type JsonNode, JsonScanner } from './json-scanner.js';
import { positionOf } from './positions.js';
import type { ParseIssue } from './yaml.js';

// A control character written raw inside a string of a template (json-loose.ts rawControlCharacters): told once, and
// put back in the value JSON.parse read with a space in its place.

/** One warning for a file's raw control characters in strings, at the first, named as an editor shows it. */
export function rawCharacterWarnings(text: string, raw: readonly RawCharacter[]): ParseIssue[] {
  const [first] = raw;
  if (first === undefined) return [];
  const code = text.charCodeAt(first.offset);
  const what =
    code === 0x0a || code === 0x0d
      ? 'a line break'
      : code === 0x09
        ? 'a tab'
        : `a control character (U+${code.toString(16).toUpperCase().padStart(4, '0')})`;
  const more = raw.length > 1 ? ` (and ${raw.length - 1} more after it)` : '';
  return [
    {
      message: `${what} written raw inside a string${more}: not strict JSON, which other tools reject (CloudFormation reads it); read as part of the string, as lenient JSON readers do`,
      ...positionOf(text, first.offset),
    },
  ];
}

/**
 * Puts back in the parsed value the raw control characters JSON.parse read as spaces (`read`): each string that held
 * one, key or value, is decoded again from the text as `written` (the same offsets).
 */
export function restoreRawCharacters(
  value: unknown,
  read: string,
  written: string,
  raw: readonly RawCharacter[],
): void {
  const starts = new Set(raw.map((r) => r.stringStart));
  const restore = (container: unknown, node: JsonNode | undefined): void => {
    if (!node || container === null || typeof container !== 'object') return;
    const record = container as Record<string, unknown>;
    const children: [string | number, JsonNode | undefined, number | undefined][] = Array.isArray(container)
      ? container.map((_, i) => [i, node.items?.[i], undefined])
      : Object.keys(container).map((key) => [key, node.keys?.get(key)?.value, node.keys?.get(key)?.keyStart]);
    const renamed = new Map<string, string>();
    for (const [key, child, keyStart] of children) {
      if (keyStart !== undefined && starts.has(keyStart))
        renamed.set(String(key), stringWithRawCharacters(written, keyStart));
      if (child === undefined) continue;
      if (typeof record[key] !== 'string') restore(record[key], child);
      else if (starts.has(child.start))
        setOwn(record, String(key), stringWithRawCharacters(written, child.start));
    }
    if (renamed.size === 0) return;
    // Renamed in place, in order: the object is the one the rest of the parse (and its locator) knows.
    const entries = Object.entries(record);
    for (const [key] of entries) delete record[key];
    for (const [key, child] of entries) setOwn(record, renamed.get(key) ?? key, child);
  };
  restore(value, new JsonScanner(read).scan());
}
