import { extname } from 'node:path';
import type { Locator, Position } from '../../model/source.js';
import {
  nullInPlaceOf,
  type Placeholder,
  type RawCharacter,
  rawControlCharacters,
  trailingCommas,
  unquotedPlaceholders,
  withSpacesAt,
} from './json-loose.js';
import { rawCharacterWarnings, restoreRawCharacters } from './json-raw-characters.js';
import { type JsonKey, type JsonNode, JsonScanner, type RepeatedKey } from './json-scanner.js';
import { MAX_NESTING, type TooDeep, tooDeepMessage, tooDeepPosition } from './nesting-depth.js';
import { type PositionNode, positionOf, TextLocator } from './positions.js';
import { type ParsedFile, ParseError, type ParseIssue, repeatedKeyMessage } from './yaml.js';

/** Whether a template file is JSON: by its first character, whatever its name (but a .yaml or .yml is YAML). */
export function isJsonTemplate(file: string, text: string): boolean {
  const extension = extname(file).toLowerCase();
  // By content, as CloudFormation reads a template body: YAML saved as `.json` is still YAML.
  return text.trimStart().startsWith('{') && extension !== '.yaml' && extension !== '.yml';
}

/** What a JSON file may hold beyond strict JSON, as CloudFormation reads it. */
export interface JsonLeniency {
  /** A comma after the last item (`{"a": 1,}`), which CloudFormation reads in a template: read, and warned of. */
  readonly trailingCommas: boolean;
  /** `${name}`s outside strings (a state machine definition file's), read as the strings `"${name}"`. */
  readonly placeholders: boolean;
  /** A line break or tab (any control character) written raw inside a string, which CloudFormation reads in a template. */
  readonly rawControlCharacters?: boolean;
}

/** How a template is read. */
const TEMPLATE_JSON: JsonLeniency = {
  trailingCommas: true,
  placeholders: false,
  rawControlCharacters: true,
};

/** Strict JSON: how the files a template names are read, unless their reader knows better. */
export const STRICT_JSON: JsonLeniency = { trailingCommas: false, placeholders: false };

/**
 * JSON templates (CDK output is JSON, often large): `JSON.parse` for speed, and positions only
 * when a finding first asks for one, from a single scan of the text. Repeated keys (JSON.parse keeps
 * the last, as CloudFormation does) are warnings: found by counting keys in the text and in the value,
 * and scanned for only when the counts differ. What `leniency` lets through is read from the text with it
 * replaced by JSON of the same length (json-loose.ts), so that every position is where the file writes it.
 */
export function parseJson(written: string, file: string, leniency = TEMPLATE_JSON): ParsedFile {
  // A byte order mark (some Windows editors write one) is not JSON; editors do not count it in columns.
  const text = written.charCodeAt(0) === 0xfeff ? written.slice(1) : written;
  const placeholders = leniency.placeholders ? unquotedPlaceholders(text) : [];
  let read = placeholders.length > 0 ? nullInPlaceOf(text, placeholders) : text;
  let commas: number[] = [];
  let raw: RawCharacter[] = [];
  let value: unknown;
  try {
    value = JSON.parse(read);
  } catch (error) {
    // Only a text that fails is looked through for what leniency reads: a template without any costs nothing more.
    commas = leniency.trailingCommas ? trailingCommas(read) : [];
    raw = leniency.rawControlCharacters ? rawControlCharacters(read) : [];
    if (commas.length === 0 && raw.length === 0) throw invalidJson(read, text, error);
    const strict = read;
    read = withSpacesAt(
      read,
      [...commas, ...raw.map((r) => r.offset)].sort((a, b) => a - b),
    );
    try {
      value = JSON.parse(read);
    } catch (again) {
      // A string left open runs to the end of the file once its line break is read: its line break is the fault.
      const lenient = invalidJson(read, text, again);
      throw raw.length > 0 && lenient.found === 'unexpected end of file'
        ? invalidJson(strict, text, error)
        : lenient;
    }
  }
  // Counting the keys finds, too, what is nested deeper than the scan's walks can follow.
  const tooDeep: TooDeep = {};
  const keys = keysInValue(value, 1, tooDeep);
  if (tooDeep.path) throw nestedTooDeep(text, tooDeep.path);
  // Only then walked again, within MAX_NESTING.
  if (raw.length > 0) restoreRawCharacters(value, read, text, raw);
  const locator = new LazyJsonLocator(file, read, text, raw.length > 0, value);
  if (placeholders.length > 0) locator.fillPlaceholders(placeholders);
  const warnings = keysInText(read) === keys ? [] : locator.repeatedKeys();
  return {
    value,
    locator,
    warnings: [...trailingCommaWarnings(text, commas), ...rawCharacterWarnings(text, raw), ...warnings],
    errors: [],
  };
}

/** Text that is not JSON, with what stands at its first fault (`unexpected "}"`) apart from JSON.parse's words. */
export class InvalidJson extends ParseError {
  constructor(
    message: string,
    line: number,
    column: number,
    /** `unexpected "x"` or `unexpected end of file`, as written. */
    readonly found: string,
  ) {
    super(message, line, column);
  }
}

/** The error for text that does not parse (`read`, the file's `text` as given to JSON.parse), at the first fault. */
function invalidJson(read: string, text: string, error: unknown): InvalidJson {
  const offset = firstJsonErrorOffset(read);
  // Lines counted on the text as written: a raw line break read as a space still ends a line.
  const where = positionOf(text, offset);
  // Quoted from the file as written: a `${name}` read as `null` is told as its `$`.
  const found =
    offset < text.length ? `unexpected ${JSON.stringify(text.charAt(offset))}` : 'unexpected end of file';
  return new InvalidJson(
    `invalid JSON: ${found} (${(error as Error).message.split('\n')[0]})`,
    where.line,
    where.column,
    found,
  );
}

/** JSON nested deeper than MAX_NESTING: at the map or list that opens past it, naming what holds it. */
export class NestedTooDeep extends InvalidJson {
  constructor(
    line: number,
    column: number,
    /** The keys (or list indexes) down to the map or list past MAX_NESTING. */
    readonly path: readonly (string | number)[],
  ) {
    super(tooDeepMessage(path), line, column, `nesting deeper than ${MAX_NESTING} levels`);
  }
}

function nestedTooDeep(text: string, path: readonly (string | number)[]): NestedTooDeep {
  const where = tooDeepPosition(text) ?? { line: 1, column: 1 };
  return new NestedTooDeep(where.line, where.column, path);
}

/** One warning for a file's trailing commas, at the first: a strict JSON tool stops there too. */
function trailingCommaWarnings(text: string, commas: readonly number[]): ParseIssue[] {
  const [first] = commas;
  if (first === undefined) return [];
  const at = positionOf(text, first);
  const more = commas.length > 1 ? ` (and ${commas.length - 1} more after it)` : '';
  return [
    {
      message: `a trailing comma${more}: not strict JSON, which some tools reject (users report that CloudFormation deploys it); read as if it were not there`,
      ...at,
    },
  ];
}

class LazyJsonLocator implements Locator {
  private inner: TextLocator | undefined;
  private repeated: RepeatedKey[] = [];

  constructor(
    readonly file: string,
    /** The text JSON.parse read: what leniency let through made JSON of the same length. */
    private readonly text: string,
    /** The text as written, where lines are counted and, when `rawStrings`, strings decoded. */
    private readonly written: string,
    private readonly rawStrings: boolean,
    private readonly value: unknown,
  ) {}

  locate(node: object, key?: string | number): Position | undefined {
    return this.located().locate(node, key);
  }

  /** Puts each placeholder's `${name}`, as a string, in place of the `null` the text was read with. */
  fillPlaceholders(placeholders: readonly Placeholder[]): void {
    const written = new Map(placeholders.map((p) => [p.offset, p.text]));
    forEachScalar(this.value, this.scanner().scan(), (container, key, start) => {
      const text = written.get(start);
      // A key `__proto__` is an own property (JSON.parse makes it so), which the assignment sets.
      if (text !== undefined) (container as Record<string | number, unknown>)[key] = text;
    });
  }

  /** Each key that repeats an earlier key of its object, where both are. */
  repeatedKeys(): ParseIssue[] {
    const located = this.located();
    return this.repeated.map(({ key, first, repeated }) => {
      const at = located.position(repeated);
      const firstLine = located.position(first).line;
      return { message: repeatedKeyMessage(key, firstLine), ...at };
    });
  }

  private located(): TextLocator {
    if (!this.inner) {
      const nodes = new Map<object, PositionNode>();
      const scanner = this.scanner();
      pair(this.value, scanner.scan(), nodes);
      this.repeated = scanner.repeated;
      this.inner = new TextLocator(this.file, this.written, nodes);
    }
    return this.inner;
  }

  /** A scanner whose keys are the parsed value's: decoded from the text as written where raw characters were put back. */
  private scanner(): JsonScanner {
    return new JsonScanner(this.text, this.rawStrings ? this.written : undefined);
  }
}

/** How many keys the text of valid JSON writes: strings followed by a colon (in JSON only keys are). */
function keysInText(text: string): number {
  let count = 0;
  for (let open = text.indexOf('"'); open !== -1; ) {
    let close = text.indexOf('"', open + 1);
    while (close !== -1 && isEscaped(text, close)) close = text.indexOf('"', close + 1);
    if (close === -1) break;
    let next = close + 1;
    while (next < text.length && isWhiteSpace(text.charCodeAt(next))) next++;
    if (text.charCodeAt(next) === 0x3a /* : */) count++;
    open = text.indexOf('"', next);
  }
  return count;
}

/** Whether the character at `index` follows an odd number of backslashes. */
function isEscaped(text: string, index: number): boolean {
  let backslashes = 0;
  for (let i = index - 1; i >= 0 && text.charCodeAt(i) === 0x5c; i--) backslashes++;
  return backslashes % 2 === 1;
}

function isWhiteSpace(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09;
}

/**
 * How many keys the parsed objects hold, counted without allocating; `depth` is the nesting of `value` (the file's
 * own map is at 1). A map or list deeper than MAX_NESTING is not walked: `tooDeep` then takes the path down to it.
 */
function keysInValue(value: unknown, depth: number, tooDeep: TooDeep): number {
  if (value === null || typeof value !== 'object') return 0;
  if (depth > MAX_NESTING) {
    tooDeep.path = [];
    return 0;
  }
  let count = 0;
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) {
      count += keysInValue(value[index], depth + 1, tooDeep);
      if (tooDeep.path) {
        tooDeep.path.unshift(index);
        return count;
      }
    }
    return count;
  }
  for (const key in value) {
    count++;
    count += keysInValue((value as Record<string, unknown>)[key], depth + 1, tooDeep);
    if (tooDeep.path) {
      tooDeep.path.unshift(key);
      return count;
    }
  }
  return count;
}

/** Walks the parsed value and the scanned tree together: they have the same shape. */
function pair(value: unknown, node: JsonNode | undefined, nodes: Map<object, PositionNode>): void {
  if (!node || value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    nodes.set(value, { start: node.start, itemStarts: node.items?.map((item) => item.start) ?? [] });
    for (let i = 0; i < value.length; i++) pair(value[i], node.items?.[i], nodes);
  } else {
    const entries = [...(node.keys ?? new Map<string, JsonKey>())];
    nodes.set(value, {
      start: node.start,
      keyNames: entries.map(([k]) => k),
      keyStarts: entries.map(([, e]) => e.keyStart),
    });
    for (const [key, child] of Object.entries(value)) pair(child, node.keys?.get(key)?.value, nodes);
  }
}

/** Calls `visit` with each value that is not an object nor an array, its container, key and where it starts. */
function forEachScalar(
  value: unknown,
  node: JsonNode | undefined,
  visit: (container: object, key: string | number, start: number) => void,
): void {
  if (!node || value === null || typeof value !== 'object') return;
  const children: [string | number, unknown, JsonNode | undefined][] = Array.isArray(value)
    ? value.map((item, i) => [i, item, node.items?.[i]])
    : Object.entries(value).map(([key, child]) => [key, child, node.keys?.get(key)?.value]);
  for (const [key, child, childNode] of children) {
    if (child !== null && typeof child === 'object') forEachScalar(child, childNode, visit);
    else if (childNode !== undefined) visit(value, key, childNode.start);
  }
}

/**
 * Where JSON.parse gave up. Node 20's messages do not always say, so walk the text with a strict
 * recognizer (only on failure, so its speed does not matter).
 */
function firstJsonErrorOffset(text: string): number {
  const recognizer = new StrictJson(text);
  try {
    recognizer.value();
    recognizer.ws();
    return recognizer.i;
  } catch {
    return recognizer.i;
  }
}

class StrictJson {
  i = 0;
  constructor(private readonly text: string) {}

  value(): void {
    this.ws();
    const ch = this.text.charAt(this.i);
    if (ch === '{') this.collection('}', () => this.member());
    else if (ch === '[') this.collection(']', () => this.value());
    else if (ch === '"') this.string();
    else if (ch === 't') this.literal('true');
    else if (ch === 'f') this.literal('false');
    else if (ch === 'n') this.literal('null');
    else this.number();
  }

  ws(): void {
    while (this.i < this.text.length && ' \t\r\n'.includes(this.text.charAt(this.i))) this.i++;
  }

  private collection(close: string, item: () => void): void {
    this.i++;
    this.ws();
    if (this.text.charAt(this.i) === close) {
      this.i++;
      return;
    }
    for (;;) {
      item();
      this.ws();
      const ch = this.text.charAt(this.i);
      if (ch === close) {
        this.i++;
        return;
      }
      if (ch !== ',') throw new Error('expected , or close');
      this.i++;
    }
  }

  private member(): void {
    this.ws();
    if (this.text.charAt(this.i) !== '"') throw new Error('expected key');
    this.string();
    this.ws();
    if (this.text.charAt(this.i) !== ':') throw new Error('expected :');
    this.i++;
    this.value();
  }

  private string(): void {
    this.i++;
    while (this.i < this.text.length && this.text.charAt(this.i) !== '"') {
      if (this.text.charCodeAt(this.i) < 0x20) throw new Error('control character');
      if (this.text.charAt(this.i) === '\\' && !'"\\/bfnrtu'.includes(this.text.charAt(this.i + 1) || '?'))
        throw new Error('bad escape');
      this.i += this.text.charAt(this.i) === '\\' ? 2 : 1;
    }
    if (this.i >= this.text.length) throw new Error('unterminated string');
    this.i++;
  }

  private literal(word: string): void {
    if (!this.text.startsWith(word, this.i)) throw new Error('bad literal');
    this.i += word.length;
  }

  private number(): void {
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(this.text.slice(this.i, this.i + 64));
    if (!match) throw new Error('bad value');
    this.i += match[0].length;
  }
}
