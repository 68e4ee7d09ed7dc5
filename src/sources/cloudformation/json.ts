import type { Locator, Position } from '../../model/source.js';
import { type PositionNode, positionOf, TextLocator } from './positions.js';
import { type ParsedFile, ParseError } from './yaml.js';

/**
 * JSON templates (CDK output is JSON, often large): `JSON.parse` for speed, and positions only
 * when a finding first asks for one, from a single scan of the text.
 */
export function parseJson(text: string, file: string): ParsedFile {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const offset = firstJsonErrorOffset(text);
    const where = positionOf(text, offset);
    const found =
      offset < text.length ? `unexpected ${JSON.stringify(text.charAt(offset))}` : 'unexpected end of file';
    throw new ParseError(
      `invalid JSON: ${found} (${(error as Error).message.split('\n')[0]})`,
      where.line,
      where.column,
    );
  }
  return { value, locator: new LazyJsonLocator(file, text, value) };
}

class LazyJsonLocator implements Locator {
  private inner: TextLocator | undefined;

  constructor(
    readonly file: string,
    private readonly text: string,
    private readonly value: unknown,
  ) {}

  locate(node: object, key?: string | number): Position | undefined {
    if (!this.inner) {
      const nodes = new WeakMap<object, PositionNode>();
      const tree = new JsonScanner(this.text).scan();
      pair(this.value, tree, nodes);
      this.inner = new TextLocator(this.file, this.text, nodes);
    }
    return this.inner.locate(node, key);
  }
}

/** Walks the parsed value and the scanned tree together: they have the same shape. */
function pair(value: unknown, node: JsonNode | undefined, nodes: WeakMap<object, PositionNode>): void {
  if (!node || value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    nodes.set(value, { start: node.start, itemStarts: node.items?.map((item) => item.start) ?? [] });
    for (let i = 0; i < value.length; i++) pair(value[i], node.items?.[i], nodes);
  } else {
    const entries = [...(node.keys ?? new Map<string, { keyStart: number; value: JsonNode }>())];
    nodes.set(value, {
      start: node.start,
      keyNames: entries.map(([k]) => k),
      keyStarts: entries.map(([, e]) => e.keyStart),
    });
    for (const [key, child] of Object.entries(value)) pair(child, node.keys?.get(key)?.value, nodes);
  }
}

/** The scanned tree of a JSON text: values nested as in the text, to pair with the parsed value. */
interface JsonNode {
  readonly start: number;
  readonly keys?: Map<string, { keyStart: number; value: JsonNode }>;
  readonly items?: JsonNode[];
}

/** A minimal scanner of valid JSON (it has already parsed) that records where values and keys start. */
class JsonScanner {
  private i = 0;
  constructor(private readonly text: string) {}

  scan(): JsonNode {
    return this.value();
  }

  private value(): JsonNode {
    this.ws();
    const start = this.i;
    const ch = this.text[this.i];
    if (ch === '{') return this.object(start);
    if (ch === '[') return this.array(start);
    if (ch === '"') this.string();
    else while (this.i < this.text.length && !',]} \t\r\n'.includes(this.text[this.i] as string)) this.i++;
    return { start };
  }

  private object(start: number): JsonNode {
    const keys = new Map<string, { keyStart: number; value: JsonNode }>();
    this.i++;
    this.ws();
    while (this.text[this.i] !== '}') {
      this.ws();
      const keyStart = this.i;
      const key = this.string();
      this.ws();
      this.i++; // ':'
      keys.set(key, { keyStart, value: this.value() });
      this.ws();
      if (this.text[this.i] === ',') this.i++;
      this.ws();
    }
    this.i++;
    return { start, keys };
  }

  private array(start: number): JsonNode {
    const items: JsonNode[] = [];
    this.i++;
    this.ws();
    while (this.text[this.i] !== ']') {
      items.push(this.value());
      this.ws();
      if (this.text[this.i] === ',') this.i++;
      this.ws();
    }
    this.i++;
    return { start, items };
  }

  private string(): string {
    const begin = this.i;
    this.i++;
    while (this.i < this.text.length && this.text[this.i] !== '"')
      this.i += this.text[this.i] === '\\' ? 2 : 1;
    this.i++;
    return JSON.parse(this.text.slice(begin, this.i)) as string;
  }

  private ws(): void {
    while (this.i < this.text.length && ' \t\r\n'.includes(this.text[this.i] as string)) this.i++;
  }
}

/**
 * Where JSON.parse gave up. Node 20's messages do not always say, so walk the text with a strict
 * recognizer (only on failure, so its speed does not matter).
 */
export function firstJsonErrorOffset(text: string): number {
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
