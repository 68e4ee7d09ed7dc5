import { takeOutEmptyAllowedValues } from './empty-allowed-values.js';
import { asRecord } from './intrinsic-values.js';
import { isJsonTemplate, parseJson } from './json.js';
import { type ParsedFile, parseYaml } from './yaml.js';

/**
 * A template's text as every pass of a scan reads it (its own scan, nested stacks' parents and children, stacks that
 * export, other stacks): JSON or YAML by its content, and `AllowedValues: []` taken out with a warning at each (see
 * takeOutEmptyAllowedValues), so that no pass reads a parameter otherwise than the template's own scan. Throws
 * ParseError.
 */
export function parseTemplateText(file: string, text: string): ParsedFile {
  const parsed = isJsonTemplate(file, text) ? parseJson(text, file) : parseYaml(text, file);
  const doc = asRecord(parsed.value);
  const emptied = doc === undefined ? [] : takeOutEmptyAllowedValues(doc, parsed.locator);
  return emptied.length === 0 ? parsed : { ...parsed, warnings: [...parsed.warnings, ...emptied] };
}
