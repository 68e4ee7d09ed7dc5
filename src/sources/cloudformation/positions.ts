import type { Locator, Position } from '../../model/source.js';

/**
 * Where a parsed mapping or sequence starts, and where each of its keys or items starts: all a
 * finding needs. Nested collections have nodes of their own (found by object identity), so this
 * holds offsets only, as flat arrays: large templates have hundreds of thousands of these.
 */
export interface PositionNode {
  /** Offset where the parser began this node (may precede whitespace and comments). */
  readonly start: number;
  /** Mappings: the keys in order and where each starts; a repeated key's last entry wins. */
  readonly keyNames?: readonly string[];
  readonly keyStarts?: readonly number[];
  /** Mappings, when the parse keeps them (parsePlainYaml): where each key's value starts. */
  readonly valueStarts?: readonly number[];
  /** Sequences: where each item starts. */
  readonly itemStarts?: readonly number[];
}

/**
 * Turns offsets into line and column (1-based), computing line starts once and only when a
 * finding first asks, and maps parsed objects to their nodes.
 */
export class TextLocator implements Locator {
  private lineStarts: number[] | undefined;
  /** Key indexes of large mappings (a template's Resources), built when first asked. */
  private readonly keyIndexes = new Map<PositionNode, Map<string, number>>();

  constructor(
    readonly file: string,
    private readonly text: string,
    private readonly nodes: Map<object, PositionNode>,
  ) {}

  locate(node: object, key?: string | number): Position | undefined {
    const found = this.nodes.get(node);
    if (!found) return undefined;
    if (key === undefined) return this.position(found.start);
    // A key that is not there has no position: callers fall back to something they know exists.
    if (typeof key === 'number') {
      const item = found.itemStarts?.[key];
      return item === undefined ? undefined : this.position(item);
    }
    const index = this.keyIndex(found, key);
    return index === -1 ? undefined : this.position(found.keyStarts?.[index] as number);
  }

  /**
   * Position of the value of `key` in `node`: the item of a sequence, the value of a mapping's key when the
   * parse kept where values start (undefined otherwise, and when the key is not there).
   */
  locateValue(node: object, key: string | number): Position | undefined {
    const found = this.nodes.get(node);
    if (!found) return undefined;
    if (typeof key === 'number') return this.locate(node, key);
    const index = this.keyIndex(found, key);
    const start = index === -1 ? undefined : found.valueStarts?.[index];
    return start === undefined ? undefined : this.position(start);
  }

  /** Where `key` is among the node's keys (the last one when repeated), or -1. */
  private keyIndex(node: PositionNode, key: string): number {
    const names = node.keyNames;
    if (!names) return -1;
    // A linear search is fastest for the small mappings most nodes are.
    if (names.length < 32) return names.lastIndexOf(key);
    let index = this.keyIndexes.get(node);
    if (!index) {
      index = new Map();
      // In order, so a repeated key's last entry wins.
      for (let i = 0; i < names.length; i++) index.set(names[i] as string, i);
      this.keyIndexes.set(node, index);
    }
    return index.get(key) ?? -1;
  }

  position(offset: number): Position {
    const start = skipInsignificant(this.text, offset);
    const lines = this.lines();
    let low = 0;
    let high = lines.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((lines[mid] as number) <= start) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: start - (lines[low] as number) + 1 };
  }

  /** The text of line `line` (1-based) without its line break: undefined past the end. */
  lineText(line: number): string | undefined {
    const lines = this.lines();
    const start = lines[line - 1];
    if (start === undefined) return undefined;
    const next = lines[line];
    return this.text.slice(start, next === undefined ? this.text.length : next - 1).replace(/\r$/, '');
  }

  private lines(): number[] {
    if (this.lineStarts) return this.lineStarts;
    const starts = [0];
    for (let i = this.text.indexOf('\n'); i !== -1; i = this.text.indexOf('\n', i + 1)) starts.push(i + 1);
    this.lineStarts = starts;
    return starts;
  }
}

/** Skips white space, YAML comments and the `:` / `,` a parser may stop before a value. */
function skipInsignificant(text: string, offset: number): number {
  let i = offset;
  while (i < text.length) {
    const ch = text.charCodeAt(i);
    if (ch === 0x20 || ch === 0x09 || ch === 0x0a || ch === 0x0d) i++;
    else if (ch === 0x23 /* # */ && (i === 0 || /\s/.test(text.charAt(i - 1)))) {
      const end = text.indexOf('\n', i);
      i = end === -1 ? text.length : end;
    } else break;
  }
  return i;
}

/** Line and column (1-based) of an offset, for error messages. */
export function positionOf(text: string, offset: number): Position {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}
