import type { Locator, Position } from '../../../model/source.js';
import { isUnknown, placeholderMatches, type Unknown, unknown } from '../../../model/values.js';
import { InvalidJson, type JsonLeniency, NestedTooDeep, parseJson, STRICT_JSON } from '../json.js';
import { type TextStart, textStart } from './text-in-file.js';

/** Where a value parsed from JSON text is written: the key of the template's node that holds the text, or the node. */
export interface TextPlace {
  readonly node: object;
  readonly key?: string | number;
  /** The text and its own locator (see readJsonText), where they are known: what locates a part inside it. */
  readonly text?: ParsedText;
}

/** JSON text as written, and its locator: where each of its maps and lists is in it. */
interface ParsedText {
  readonly written: string;
  readonly locator: Locator;
}

/** The text each value readJsonText gives was parsed from (placeParsed puts it in the value's place). */
const PARSED_TEXTS = new WeakMap<object, ParsedText>();

/** JSON text parsed: its value, and where each of its maps and lists is in the text. */
export interface ParsedJsonText {
  readonly value: unknown;
  readonly locator: Locator;
}

/**
 * JSON text a template writes in a string, read: its `value`; `tooDeep`, the keys down to where it nests deeper than
 * the walks over a template can follow; `invalid`, where it is not JSON, what stands at its first fault and where.
 */
type JsonTextRead =
  | ParsedJsonText
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
    // The file name only places what the text holds, which its locator (positions inside the text) does not ask.
    const { value, locator } = parseJson(text, '', leniency);
    return { value, locator };
  } catch (error) {
    if (error instanceof NestedTooDeep) return { tooDeep: error.path };
    if (!(error instanceof InvalidJson)) throw error;
    return { invalid: error };
  }
}

/**
 * A policy document's JSON text as read by readJsonText, made ready for the checks: located as parsed (so that
 * locatingTexts can point inside the text), and each map that reads as an intrinsic function made Unknown
 * (intrinsicsAsWritten). `what` names the text in the Unknown's reason.
 */
export function policyTextValue(read: ParsedJsonText, text: string, what: string): unknown {
  const { value, locator } = read;
  if (value !== null && typeof value === 'object') {
    // Located now, as parsed: intrinsicsAsWritten then replaces maps of it.
    locator.locate(value);
    PARSED_TEXTS.set(value, { written: text, locator });
  }
  return intrinsicsAsWritten(value, what);
}

/**
 * Parsed JSON text with each map that reads as an intrinsic function (`{"Ref": "Bucket"}`, `{"Fn::GetAtt": [...]}`)
 * made Unknown, saying why: CloudFormation passes a string's content as written, resolving no intrinsic inside it
 * (text is built of values by `Fn::Sub`, or by `Fn::ToJsonString` of an object, CloudFormation Template Reference), so
 * IAM is given that map where its grammar takes a string (IAM User Guide, "Grammar of the IAM JSON policy language")
 * and refuses the document. Its value is never the intrinsic's. Parsed JSON, no deeper than json.ts reads: a walk
 * over it recurses safely.
 */
function intrinsicsAsWritten(value: unknown, what: string): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = intrinsicsAsWritten(value[i], what);
    return value;
  }
  const keys = Object.keys(value);
  const name = keys.length === 1 ? keys[0] : undefined;
  if (name !== undefined && (name === 'Ref' || name.startsWith('Fn::'))) {
    // A Ref's logical name is shown (`{"Ref": "Bucket"}`); another intrinsic's arguments are not.
    const ref = (value as Record<string, unknown>)[name];
    const argument =
      name === 'Ref' && typeof ref === 'string' && /^[\w:]{1,64}$/.test(ref) ? `"${ref}"` : '...';
    return unknown(
      `${what} holds {"${name}": ${argument}} as text: CloudFormation resolves no intrinsic function inside a ` +
        'string, and IAM refuses a map where it takes a string',
    );
  }
  const record = value as Record<string, unknown>;
  for (const key of keys) record[key] = intrinsicsAsWritten(record[key], what);
  return value;
}

/**
 * The template's locator, which also places each map and list of a value parsed from JSON text (`places`) where the
 * text is written: inside it where the file writes the text as is (a literal block, a string without escapes: see
 * textStart), a statement at its own line; else at the property (`PolicyDocument: "{\"Statement\": ...}"`).
 */
export function locatingTexts(base: Locator, places: WeakMap<object, TextPlace>): Locator {
  const starts = new WeakMap<TextPlace, TextStart | null>();
  const startOf = (place: TextPlace, text: ParsedText) => {
    let start = starts.get(place);
    if (start === undefined) {
      const key = place.key === undefined ? undefined : base.locate(place.node, place.key);
      start = textStart(base, key, text.written) ?? null;
      starts.set(place, start);
    }
    return start;
  };
  return {
    file: base.file,
    locate(node: object, key?: string | number): Position | undefined {
      const found = base.locate(node, key);
      if (found !== undefined) return found;
      const place = places.get(node);
      if (place === undefined) return undefined;
      const start = place.text && startOf(place, place.text);
      const inText = start ? place.text?.locator.locate(node, key) : undefined;
      if (start && inText)
        return { line: start.line + inText.line - 1, column: start.column + inText.column - 1 };
      return base.locate(place.node, place.key) ?? base.locate(place.node);
    },
  };
}

/** Records `place` as where each map and list of `value` (parsed JSON, so no deeper than json.ts allows) is written. */
export function placeParsed(value: unknown, place: TextPlace, places: WeakMap<object, TextPlace>): void {
  const text = value !== null && typeof value === 'object' ? PARSED_TEXTS.get(value) : undefined;
  placeEach(value, text === undefined ? place : { ...place, text }, places);
}

function placeEach(value: unknown, place: TextPlace, places: WeakMap<object, TextPlace>): void {
  if (value === null || typeof value !== 'object') return;
  places.set(value, place);
  for (const child of Array.isArray(value) ? value : Object.values(value)) placeEach(child, place, places);
}

/** What a `${...}` placeholder of an `Fn::Sub`'s JSON text is while the text is parsed: `\uE001` index `\uE002`. */
const MASKED = /\uE001(\d+)\uE002/;

/** How subJsonText takes a placeholder where a policy document's would be refused. */
interface SubJsonTextOptions {
  /**
   * A placeholder in a key: refused (undefined: what a policy document's keys are must be known to read it), or kept
   * as written (a redrive policy's, read only for the key it names).
   */
  readonly placeholderKeys?: 'refused' | 'as written';
  /**
   * The text a placeholder outside a string (`"maxReceiveCount": ${Count}`) gives, put in its place before the text
   * is parsed, as `Fn::Sub` puts it ("returns the original string, substituting the values for all the variables":
   * Fn::Sub, CloudFormation Template Reference), quotes and all; Unknown where it is not known (the text then is not
   * read, and that Unknown is what it gives). Without it, such a placeholder leaves the text unread (undefined).
   */
  readonly outside?: (placeholder: string) => string | Unknown;
}

/**
 * The JSON text of an `Fn::Sub` (`!Sub '{"Resource": "arn:${AWS::Partition}:s3:::*"}'`) parsed by `parse` with each
 * `${...}` placeholder inside a string masked by characters JSON takes only inside a string, so that it parses where
 * each such placeholder sits; one outside a string (`"Resource": ${Arns}`, a number) is what `options.outside` says it
 * gives, else the text does not parse. Each string that held one is then what `read` makes of it (`!Sub` of that
 * string alone), in place: the maps and lists `parse` gives stay (located where the text is). Undefined where the text
 * does not parse so, or a placeholder is in a key that `options.placeholderKeys` refuses; Unknown where `parse` or
 * `options.outside` gives why it is not read.
 */
export function subJsonText(
  text: string,
  parse: (masked: string) => unknown,
  read: (template: string) => unknown,
  options: SubJsonTextOptions = {},
): unknown {
  const { placeholderKeys = 'refused', outside } = options;
  if (/[\uE001\uE002]/.test(text)) return undefined;
  const placeholders: string[] = [];
  const masked = maskPlaceholders(text, placeholders, outside);
  if (masked === undefined || isUnknown(masked)) return masked;
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

/**
 * `text` with each `${...}` placeholder inside a JSON string masked (its index in `placeholders`, which it is added
 * to), and each one outside a string what `outside` gives, where it is given: a string then counts as written there
 * (a value holding `"` opens or closes a string, as it would in the text `Fn::Sub` makes). Masked too where `outside`
 * is not given: JSON refuses the mask there. The Unknown `outside` gives for one it cannot tell; undefined where what it
 * gives holds the mask's own characters.
 */
function maskPlaceholders(
  text: string,
  placeholders: string[],
  outside: SubJsonTextOptions['outside'],
): string | Unknown | undefined {
  let made = '';
  let inString = false;
  let escaped = false;
  const add = (part: string) => {
    for (const char of part) {
      if (escaped) escaped = false;
      else if (inString && char === '\\') escaped = true;
      else if (char === '"') inString = !inString;
    }
    made += part;
  };
  let last = 0;
  for (const found of placeholderMatches(text)) {
    add(text.slice(last, found.index));
    last = found.index + found[0].length;
    if (inString || outside === undefined) {
      placeholders.push(found[0]);
      made += `\uE001${placeholders.length - 1}\uE002`;
      continue;
    }
    const given = outside(found[0]);
    if (isUnknown(given)) return given;
    if (/[\uE001\uE002]/.test(given)) return undefined;
    add(given);
  }
  add(text.slice(last));
  return made;
}
