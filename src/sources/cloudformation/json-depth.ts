import { positionOf } from './positions.js';

/**
 * Maps and lists nested deeper than this in a JSON file are not read: the walks over a template recurse, one call
 * (or a few) per level, and would exhaust the stack on a value nested some thousands deep. CloudFormation states
 * no limit on nesting, only on size (a template body of 51,200 bytes, 1 MB from S3: "CloudFormation quotas" in its
 * User Guide), which holds tens of thousands of levels; real templates nest a few dozen at most, and a YAML template
 * is refused by its parser (js-yaml) past 100.
 */
export const MAX_NESTING = 200;

/** The keys (or list indexes) down to the first map or list nested deeper than MAX_NESTING, once found. */
export interface TooDeep {
  path?: (string | number)[];
}

/**
 * What is nested too deep, for the file's scan error: the resource (or section) that holds it and the first keys
 * down to it (`resource F (Properties.Environment.Variables.A.Fn::Join...)`).
 */
export function tooDeepMessage(path: readonly (string | number)[]): string {
  const [section, name, ...rest] = path;
  const holder =
    section === 'Resources' && name !== undefined
      ? `resource ${name}`
      : section === undefined
        ? 'the file'
        : `${section}${name === undefined ? '' : `.${name}`}`;
  const shown = rest.slice(0, 6).join('.');
  const keys = shown === '' ? '' : ` (${shown}${rest.length > 6 ? '...' : ''})`;
  return `${holder}${keys} nests maps and lists deeper than ${MAX_NESTING} levels, which Parapet does not read, so nothing in this file was checked`;
}

/** Line and column of the first map or list nested deeper than MAX_NESTING in valid JSON text; undefined where none is. */
export function tooDeepPosition(text: string): { line: number; column: number } | undefined {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x22 /* " */) {
      for (i++; i < text.length && text.charCodeAt(i) !== 0x22; i++) if (text.charCodeAt(i) === 0x5c) i++;
    } else if (code === 0x7b /* { */ || code === 0x5b /* [ */) {
      if (++depth > MAX_NESTING) return positionOf(text, i);
    } else if (code === 0x7d /* } */ || code === 0x5d /* ] */) depth--;
  }
  return undefined;
}
