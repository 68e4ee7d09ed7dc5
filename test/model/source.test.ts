import { describe, expect, it } from 'vitest';
import { childSource, type FileSource } from '../../src/model/source.js';
import { parseYaml } from '../../src/sources/cloudformation/yaml.js';

const text = `Properties:
  Layers: !If
    - UseZipCopier
    - []
    - - arn:aws:lambda:us-east-1:111122223333:layer:a:1
  Plain:
    - arn:aws:lambda:us-east-1:111122223333:layer:b:1
`;

describe('childSource', () => {
  const parsed = parseYaml(text, 'template.yaml');
  const properties = (parsed.value as { Properties: object }).Properties;
  const base: FileSource = { file: 'template.yaml', locator: parsed.locator, node: properties };
  const at = (...path: (string | number)[]) => {
    const ref = childSource(base, ...path) as FileSource;
    return ref.locator.locate(ref.node, ref.key);
  };

  it('walks a path of plain lists and mappings to the item', () => {
    expect(at('Plain', 0)).toEqual({ line: 7, column: 7 });
  });

  it('stops at an intrinsic instead of reading its arguments as the items (the !If condition name)', () => {
    expect(at('Layers', 0)).toEqual({ line: 2, column: 3 });
  });
});
