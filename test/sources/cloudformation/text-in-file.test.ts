import { describe, expect, it } from 'vitest';
import { textStart } from '../../../src/sources/cloudformation/map/text-in-file.js';
import { parseYaml } from '../../../src/sources/cloudformation/yaml.js';

/** Where the text of `Doc` (the only key of the YAML `written`) starts in it, by textStart. */
function startOf(written: string) {
  const { value, locator } = parseYaml(written, 't.yaml');
  const doc = value as { Doc: unknown };
  return textStart(locator, locator.locate(doc, 'Doc'), doc.Doc as string);
}

describe('textStart', () => {
  it('finds a literal block line for line, after its indent, whatever its chomping', () => {
    expect(startOf('Doc: |\n  {"a":\n    1}\n')).toEqual({ line: 2, column: 3 });
    expect(startOf('Doc: |-\n\n    {"a": 1}\nNext: 1\n')).toEqual({ line: 2, column: 5 });
    expect(startOf('Doc: |+ # kept\r\n  {"a": 1}\r\n\r\n')).toEqual({ line: 2, column: 3 });
  });

  it('finds a string on the key’s line, plain or quoted, held as is', () => {
    expect(startOf(`Doc: '{"a": 1}'\n`)).toEqual({ line: 1, column: 7 });
    expect(startOf('Doc:   "[1, 2]"\n')).toEqual({ line: 1, column: 9 });
    expect(startOf(`Doc: "it's"\n`)).toEqual({ line: 1, column: 7 });
  });

  it('gives up where the file does not hold the text as is', () => {
    // An escape, a doubled quote, a folded block, a block with an indentation indicator, a string over lines.
    expect(startOf('Doc: "{\\"a\\": 1}"\n')).toBeUndefined();
    expect(startOf('Doc: \'{"a": "it\'\'s"}\'\n')).toBeUndefined();
    expect(startOf('Doc: >\n  {"a":\n    1}\n')).toBeUndefined();
    expect(startOf('Doc: |2\n    {"a": 1}\n')).toBeUndefined();
    expect(startOf('Doc: \'{"a":\n  1}\'\n')).toBeUndefined();
  });
});
