/**
 * Where JSON text a YAML template writes as a property's value (`PolicyDocument: |` then `{"Statement": ...}`) stands
 * in the file, so that what is parsed from it is located where it is written: a statement of the text at its own line.
 */
import type { Position } from '../../../model/source.js';
import { TextLocator } from '../positions.js';

/** Where the text's line 1, column 1 is in the file; each later line of it at the same column (a block's indent). */
export interface TextStart {
  readonly line: number;
  readonly column: number;
}

/** `Key:` (plain or quoted, as a template writes a property) and the blanks after it, at the start of a line's rest. */
const KEY = /^(?:"[A-Za-z0-9_:.-]+"|'[A-Za-z0-9_:.-]+'|[A-Za-z0-9_:.-]+?)[ \t]*:(?:[ \t]+|$)/;

/** A literal block's header (`|`, `|-`, `|+`), its comment: the lines after it are the text, less their indent. */
const LITERAL_BLOCK = /^\|[+-]?[ \t]*(?:#.*)?$/;

/**
 * Where `text`, the value of the property whose key `base` places at `key`, starts in the file: where the file
 * writes it character for character, so that each of its lines and columns is the text's own. A literal block
 * (`|`: each line the text's, after one indent) or a string on the key's line, plain or quoted, that holds it as is
 * (no escape, no `''`); undefined for any other (a folded block, an escape, a string over lines, a JSON template,
 * `!Sub` text), which is then located at the property.
 */
export function textStart(base: unknown, key: Position | undefined, text: string): TextStart | undefined {
  if (!(base instanceof TextLocator) || key === undefined) return undefined;
  const line = base.lineText(key.line);
  const rest = line?.slice(key.column - 1);
  const head = rest === undefined ? null : KEY.exec(rest);
  if (rest === undefined || head === null) return undefined;
  const value = rest.slice(head[0].length);
  const column = key.column + head[0].length;
  if (LITERAL_BLOCK.test(value)) return blockStart(base, key.line + 1, text);
  if (text.includes('\n')) return undefined;
  if (value.startsWith(text) && !/^['"!&*|>]/.test(value)) return { line: key.line, column };
  const quote = value[0];
  if ((quote === "'" || quote === '"') && value.slice(1).startsWith(text) && value[text.length + 1] === quote)
    return { line: key.line, column: column + 1 };
  return undefined;
}

/** Where a literal block's text starts (its first line at `first`), when each of its lines is the file's, indented. */
function blockStart(base: TextLocator, first: number, text: string): TextStart | undefined {
  const lines = text.split('\n');
  // Blank lines at the end are the block's chomping, not lines of its own the file need hold.
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  const firstWritten = lines.findIndex((l) => l !== '');
  if (firstWritten === -1) return undefined;
  const indent = base.lineText(first + firstWritten)?.search(/\S/) ?? -1;
  if (indent < 0) return undefined;
  const margin = ' '.repeat(indent);
  const same = lines.every((l, i) => {
    const written = base.lineText(first + i);
    return written !== undefined && (l === '' ? written.trim() === '' : written === margin + l);
  });
  return same ? { line: first, column: indent + 1 } : undefined;
}
