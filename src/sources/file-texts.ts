import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * The texts of files read ahead of the scan (the nested-stack pass reads every file to find parents), each
 * handed to the scan once instead of read a second time. What is held stays under a budget: beyond it a file
 * is read again when scanned, as before.
 */
export class FileTexts {
  private readonly texts = new Map<string, string>();
  private held = 0;

  constructor(
    private readonly maxBytes: number,
    private readonly budget = 64 * 1048576,
  ) {}

  /** The file's text; undefined when it is over maxBytes. Throws as readFileSync does. */
  read(file: string): string | undefined {
    if (statSync(file).size > this.maxBytes) return undefined;
    const text = readFileSync(file, 'utf8');
    if (this.held + text.length <= this.budget) {
      this.texts.set(resolve(file), text);
      this.held += text.length;
    }
    return text;
  }

  /** The text read ahead for a file, once; undefined when it was not (or was handed over already). */
  take(file: string): string | undefined {
    const key = resolve(file);
    const text = this.texts.get(key);
    if (text === undefined) return undefined;
    this.texts.delete(key);
    this.held -= text.length;
    return text;
  }
}
