import { closeSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseTemplateText } from './cloudformation/template-text.js';
import type { ParsedFile } from './cloudformation/yaml.js';

/**
 * A file's text, or its size when that is over `maxBytes` (not read then). Only a regular file is read: a device or
 * a named pipe (a template's AWS::Include may name `/dev/zero`) has no size to check and may never end. Throws as
 * statSync and readFileSync do, and for anything but a regular file. With `pipes`, a named pipe is read too, up to
 * `maxBytes` (`-c /dev/stdin`, `-c <(...)`): over them it is `tooLarge`, its size not known (`atLeast`).
 */
export function readCapped(
  file: string,
  maxBytes: number,
  pipes = false,
): { text: string } | { tooLarge: number; atLeast?: true } {
  const stat = statSync(file);
  if (pipes && stat.isFIFO()) return readPipe(file, maxBytes);
  if (!stat.isFile()) throw new Error('not a regular file');
  return stat.size > maxBytes ? { tooLarge: stat.size } : { text: readFileSync(file, 'utf8') };
}

/** A named pipe's text, read to its end or past `maxBytes` (then not kept). */
function readPipe(file: string, maxBytes: number): { text: string } | { tooLarge: number; atLeast: true } {
  const fd = openSync(file, 'r');
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.alloc(65536);
      const read = readSync(fd, chunk, 0, chunk.length, null);
      if (read === 0) return { text: Buffer.concat(chunks, total).toString('utf8') };
      total += read;
      if (total > maxBytes) return { tooLarge: total, atLeast: true };
      chunks.push(chunk.subarray(0, read));
    }
  } finally {
    closeSync(fd);
  }
}

/**
 * The texts of files read ahead of the scan (the nested-stack pass reads every file to find parents), and the
 * parses the passes before a file's own scan made (parents, nested stacks, stacks that export, another stack's
 * neighbour): each handed to the scan once instead of read and parsed a second time. What is held stays under a
 * budget: beyond it a file is read or parsed again, as before. Once the scan has taken a file, nothing of it is
 * kept: whatever reads it afterwards (once per scan) reads it again.
 */
export class FileTexts {
  private readonly texts = new Map<string, string>();
  private readonly parses = new Map<string, ParsedFile>();
  private readonly taken = new Set<string>();
  private held = 0;
  private parsedHeld = 0;

  constructor(
    private readonly maxBytes: number,
    private readonly budget = 64 * 1048576,
    /** Of the texts held, those whose parse is held too (a parse takes several times its text's memory). */
    private readonly parseBudget = 16 * 1048576,
    /** How a file is read: the file system, or a test's counter. */
    private readonly readText: (file: string) => string = (file) => readFileSync(file, 'utf8'),
  ) {}

  /** The file's text; undefined when it is over maxBytes. Throws as readFileSync does. */
  read(file: string): string | undefined {
    const key = resolve(file);
    const held = this.texts.get(key);
    if (held !== undefined) return held;
    if (statSync(file).size > this.maxBytes) return undefined;
    const text = this.readText(file);
    if (!this.taken.has(key) && this.held + text.length <= this.budget) {
      this.texts.set(key, text);
      this.held += text.length;
    }
    return text;
  }

  /** Whether the scan has taken the file (loaded it, read ahead or not). */
  wasTaken(file: string): boolean {
    return this.taken.has(resolve(file));
  }

  /** The text held for a file, without handing it over; undefined when none is. */
  peek(file: string): string | undefined {
    return this.texts.get(resolve(file));
  }

  /**
   * The parse of a file's text (as `read` gave it), as the scan parses it (parseTemplateText). Kept for the file's own
   * scan when its text is held. Throws ParseError.
   */
  parse(file: string, text: string): ParsedFile {
    const key = resolve(file);
    const held = this.parses.get(key);
    if (held !== undefined) return held;
    const parsed = parseTemplateText(file, text);
    if (this.texts.get(key) === text && this.parsedHeld + text.length <= this.parseBudget) {
      this.parses.set(key, parsed);
      this.parsedHeld += text.length;
    }
    return parsed;
  }

  /** The parse a pass before the scan made of a file's text, once; undefined when none is held. Take it first. */
  takeParsed(file: string): ParsedFile | undefined {
    const key = resolve(file);
    const parsed = this.parses.get(key);
    if (parsed === undefined) return undefined;
    this.parses.delete(key);
    this.parsedHeld -= this.texts.get(key)?.length ?? 0;
    return parsed;
  }

  /** The text read ahead for a file, once; undefined when it was not (or was handed over already). */
  take(file: string): string | undefined {
    const key = resolve(file);
    this.taken.add(key);
    if (this.parses.has(key)) this.takeParsed(key);
    const text = this.texts.get(key);
    if (text === undefined) return undefined;
    this.texts.delete(key);
    this.held -= text.length;
    return text;
  }
}
