import type { Locator, Position } from '../../../model/source.js';
import { isUnknown } from '../../../model/values.js';
import { InvalidJson, type JsonLeniency, NestedTooDeep, parseJson, STRICT_JSON } from '../json.js';

/** Where a value parsed from JSON text is written: the key of the template's node that holds the text, or the node. */
export interface TextPlace {
  readonly node: object;
  readonly key?: string | number;
}

/**
 * JSON text a template writes in a string, read: its `value`; `tooDeep`, the keys down to where it nests deeper than
 * the walks over a template can follow; `invalid`, where it is not JSON, what stands at its first fault and where.
 */
export type JsonTextRead =
  | { readonly value: unknown }
  | { readonly tooDeep: readonly (string | number)[] }
  | { readonly invalid: InvalidJson };

/**
 * JSON text a template holds in a string (a policy document where CloudFormation takes a `Json` value, an API's
 * `Policy`, a queue's `RedrivePolicy`, a rule's `EventPattern`, a state machine's `DefinitionString`), read as the
 * template's own JSON files are (json.ts: the same nesting limit, MAX_NESTING), strictly unless `leniency` says more.
 * JSON.parse itself takes any depth: the resolver and the checks recurse, one call or more a level, and would exhaust
 * the stack on text nested some thousands deep.
 */
export function readJsonText(text: string, leniency: JsonLeniency = STRICT_JSON): JsonTextRead {
  try {
    // The file name only places what the text holds, which its reader does not ask.
    return { value: parseJson(text, '', leniency).value };
  } catch (error) {
    if (error instanceof NestedTooDeep) return { tooDeep: error.path };
    if (!(error instanceof InvalidJson)) throw error;
    return { invalid: error };
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

/** What a `${...}` placeholder of an `Fn::Sub`'s JSON text is while the text is parsed: `\uE001` index `\uE002`. */
const MASKED = /\uE001(\d+)\uE002/;

/**
 * The JSON text of an `Fn::Sub` (`!Sub '{"Resource": "arn:${AWS::Partition}:s3:::*"}'`) parsed by `parse` with each
 * `${...}` placeholder masked by characters JSON takes only inside a string, so that it parses where each placeholder
 * sits in a string value, and fails where one stands for a value of its own (`"Resource": ${Arns}`, a number).
 * Each string that held one is then what `read` makes of it (`!Sub` of that string alone), in place: the maps and
 * lists `parse` gives stay (located where the text is). Undefined where the text does not parse so, or a placeholder
 * is in a key (what a policy document's keys are must be known to read it), unless `placeholderKeys` keeps such a key
 * as written (a redrive policy's, read only for the key it names); Unknown where `parse` gives why it is not read.
 */
export function subJsonText(
  text: string,
  parse: (masked: string) => unknown,
  read: (template: string) => unknown,
  placeholderKeys: 'refused' | 'as written' = 'refused',
): unknown {
  if (/[\uE001\uE002]/.test(text)) return undefined;
  const placeholders: string[] = [];
  const masked = text.replace(/\$\{[^}]*\}/g, (placeholder) => {
    placeholders.push(placeholder);
    return `\uE001${placeholders.length - 1}\uE002`;
  });
  const parsed = parse(masked);
  if (parsed === undefined || isUnknown(parsed)) return parsed;
  const unmask = (part: string) =>
    part.replace(new RegExp(MASKED.source, 'g'), (_, index: string) => placeholders[Number(index)] ?? '');
  // Parsed JSON, no deeper than json.ts reads: a walk over it recurses safely. False where a key holds a placeholder
  // that is refused.
  const restore = (node: Record<string, unknown>): boolean => {
    for (const [masked, child] of Object.entries(node)) {
      let key = masked;
      if (MASKED.test(masked)) {
        if (placeholderKeys === 'refused') return false;
        // Unmasked, a key holds `${`: no `__proto__` is set.
        delete node[masked];
        key = unmask(masked);
        node[key] = child;
      }
      if (typeof child === 'string') {
        if (MASKED.test(child)) node[key] = read(unmask(child));
      } else if (child !== null && typeof child === 'object' && !restore(child as Record<string, unknown>))
        return false;
    }
    return true;
  };
  if (typeof parsed === 'string') return MASKED.test(parsed) ? read(unmask(parsed)) : parsed;
  return parsed === null || typeof parsed !== 'object' || restore(parsed as Record<string, unknown>)
    ? parsed
    : undefined;
}
