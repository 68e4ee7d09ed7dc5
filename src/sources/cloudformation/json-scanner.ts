import { parseQuoted } from './json-loose.js';

/** The scanned tree of a JSON text: values nested as in the text, to pair with the parsed value. */
export interface JsonNode {
  readonly start: number;
  readonly keys?: Map<string, JsonKey>;
  readonly items?: JsonNode[];
}

/** A key of a scanned object: where its last occurrence starts (that one counts), and its first. */
export interface JsonKey {
  readonly keyStart: number;
  readonly firstStart: number;
  readonly value: JsonNode;
}

export interface RepeatedKey {
  readonly key: string;
  readonly first: number;
  readonly repeated: number;
}

/**
 * A minimal scanner of valid JSON (it has already parsed) that records where values and keys start,
 * and the keys an object repeats (the last one counts, as for JSON.parse).
 */
export class JsonScanner {
  private i = 0;
  readonly repeated: RepeatedKey[] = [];
  constructor(
    private readonly text: string,
    /** The same text with control characters written raw in its strings, to decode strings from. */
    private readonly rawStrings?: string,
  ) {}

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
    const keys = new Map<string, JsonKey>();
    this.i++;
    this.ws();
    while (this.text[this.i] !== '}') {
      this.ws();
      const keyStart = this.i;
      const key = this.string();
      this.ws();
      this.i++; // ':'
      const first = keys.get(key)?.firstStart;
      if (first !== undefined) this.repeated.push({ key, first, repeated: keyStart });
      keys.set(key, { keyStart, firstStart: first ?? keyStart, value: this.value() });
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
    if (this.rawStrings !== undefined) return parseQuoted(this.rawStrings.slice(begin, this.i));
    return JSON.parse(this.text.slice(begin, this.i)) as string;
  }

  private ws(): void {
    while (this.i < this.text.length && ' \t\r\n'.includes(this.text[this.i] as string)) this.i++;
  }
}
