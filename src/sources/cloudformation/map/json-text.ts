import type { Locator, Position } from '../../../model/source.js';
import { type Unknown, unknown } from '../../../model/values.js';
import { InvalidJson, NestedTooDeep, parseJson, STRICT_JSON } from '../json.js';

/** Where a value parsed from JSON text is written: the key of the template's node that holds the text, or the node. */
export interface TextPlace {
  readonly node: object;
  readonly key?: string | number;
}

/**
 * JSON text a template gives where CloudFormation takes a `Json` value (`PolicyDocument: '{"Statement": ...}'`),
 * parsed as the template's own JSON files are (json.ts: the same nesting limit); Unknown, naming `what` and the fault,
 * when it is not JSON; `tooDeep`, the keys down to where it nests deeper than json.ts reads, when it does.
 */
export function readJsonText(
  text: string,
  what: string,
  file: string,
): { value: unknown } | { tooDeep: readonly (string | number)[] } | Unknown {
  try {
    return { value: parseJson(text, file, STRICT_JSON).value };
  } catch (error) {
    if (error instanceof NestedTooDeep) return { tooDeep: error.path };
    if (!(error instanceof InvalidJson)) throw error;
    return unknown(
      `${what} is not JSON Parapet can read (${error.found} at line ${error.line}, column ${error.column} of it)`,
    );
  }
}

/**
 * The template's locator, which also places each map and list of a value parsed from JSON text (`places`) where the
 * text is written: a finding on a statement of `PolicyDocument: '{...}'` points at PolicyDocument.
 */
export function locatingTexts(base: Locator, places: WeakMap<object, TextPlace>): Locator {
  return {
    file: base.file,
    locate(node: object, key?: string | number): Position | undefined {
      const found = base.locate(node, key);
      if (found !== undefined) return found;
      const place = places.get(node);
      return place && (base.locate(place.node, place.key) ?? base.locate(place.node));
    },
  };
}

/** Records `place` as where each map and list of `value` (parsed JSON, so no deeper than json.ts allows) is written. */
export function placeParsed(value: unknown, place: TextPlace, places: WeakMap<object, TextPlace>): void {
  if (value === null || typeof value !== 'object') return;
  places.set(value, place);
  for (const child of Array.isArray(value) ? value : Object.values(value)) placeParsed(child, place, places);
}
