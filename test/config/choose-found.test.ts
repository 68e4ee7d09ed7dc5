import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { chooseConfigFile, unusedConfigWarnings } from '../../src/config/choose.js';

describe('unusedConfigWarnings with the parapet.yaml files found inside scanned folders', () => {
  const root = mkdtempSync(join(tmpdir(), 'parapet-choose-found-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  for (const folder of ['a', 'b', 'with-config']) mkdirSync(join(root, folder));
  const a = join(root, 'a', 'parapet.yaml');
  const b = join(root, 'b', 'parapet.yaml');
  const own = join(root, 'with-config', 'parapet.yaml');
  for (const file of [a, b, own]) writeFileSync(file, 'version: 1\n');
  const shown = (file: string) => file.slice(root.length + 1);

  it('warns for each one when the scan used none, saying how to use it', () => {
    const choice = chooseConfigFile(undefined, ['.'], root);
    expect(choice).toEqual({ unused: [] });
    expect(unusedConfigWarnings(choice, shown, [a, b])).toEqual([
      'a/parapet.yaml was not used: this scan used no parapet.yaml (one is read from the working directory or ' +
        'beside a scanned path, not from the folders inside one); pass it with -c, or scan a on its own',
      'b/parapet.yaml was not used: this scan used no parapet.yaml (one is read from the working directory or ' +
        'beside a scanned path, not from the folders inside one); pass it with -c, or scan b on its own',
    ]);
  });

  it('names the one used, and never warns about it however it was reached', () => {
    const choice = chooseConfigFile(undefined, ['.'], join(root, 'with-config'));
    expect(choice.file).toBe(own);
    const found = [join(root, 'with-config', '.', 'parapet.yaml'), a];
    expect(unusedConfigWarnings(choice, shown, found)).toEqual([
      'a/parapet.yaml was not used: one parapet.yaml applies to the whole scan, and this scan used ' +
        'with-config/parapet.yaml (the one in the working directory); pass the one you want with -c, or scan each ' +
        'folder on its own',
    ]);
  });

  it('names a file once when it is both beside a scanned path and found inside a folder', () => {
    const choice = chooseConfigFile(undefined, ['a', 'b'], root);
    expect(choice.unused).toEqual([b]);
    expect(unusedConfigWarnings(choice, shown, [a, b])).toHaveLength(1);
  });

  it('says nothing when -c chose the config', () => {
    expect(unusedConfigWarnings(chooseConfigFile('mine.yaml', ['.'], root), shown, [a, b])).toEqual([]);
  });
});
