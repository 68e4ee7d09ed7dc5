import { readFileSync, statSync } from 'node:fs';
import type { FileTexts } from '../file-texts.js';
import { asRecord } from './intrinsic-values.js';
import { parseTemplateText } from './template-text.js';

/** The parsed template of a scanned file; undefined when it cannot be read or parsed (the scan says why). */
export function readScannedTemplate(
  file: string,
  maxBytes: number,
  texts: FileTexts | undefined,
): Record<string, unknown> | undefined {
  try {
    // Read and parsed once for the scan too, when it keeps them (FileTexts).
    if (texts) {
      const text = texts.read(file);
      return text === undefined ? undefined : asRecord(texts.parse(file, text).value);
    }
    if (statSync(file).size > maxBytes) return undefined;
    const text = readFileSync(file, 'utf8');
    return asRecord(parseTemplateText(file, text).value);
  } catch {
    return undefined;
  }
}
