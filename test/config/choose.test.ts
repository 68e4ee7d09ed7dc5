import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { chooseConfigFile, unusedConfigWarnings } from '../../src/config/choose.js';

describe('which parapet.yaml a scan uses', () => {
  const root = mkdtempSync(join(tmpdir(), 'parapet-choose-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  for (const folder of ['a', 'b', 'c', 'work']) mkdirSync(join(root, folder));
  writeFileSync(join(root, 'a', 'parapet.yaml'), 'version: 1\n');
  writeFileSync(join(root, 'a', 'template.yaml'), '');
  writeFileSync(join(root, 'b', 'parapet.yaml'), 'version: 1\n');
  const work = join(root, 'work');
  const shown = (file: string) => file.slice(root.length + 1);

  it('uses -c when given, and warns about nothing (the user chose)', () => {
    expect(chooseConfigFile('my.yaml', [join(root, 'a')], work)).toEqual({
      file: 'my.yaml',
      from: 'option',
      unused: [],
    });
  });

  it('uses none when there is none', () => {
    expect(chooseConfigFile(undefined, [join(root, 'c')], work)).toEqual({ unused: [] });
  });

  it('uses the first scanned path that has one, a folder or the folder of a file, and lists the others', () => {
    const choice = chooseConfigFile(undefined, ['../c', '../a/template.yaml', '../b'], work);
    expect(choice).toEqual({
      file: join(root, 'a', 'parapet.yaml'),
      from: 'scanned path',
      unused: [join(root, 'b', 'parapet.yaml')],
    });
    expect(unusedConfigWarnings(choice, shown)).toEqual([
      'b/parapet.yaml was not used: one parapet.yaml applies to the whole scan, and this scan used ' +
        'a/parapet.yaml (the first scanned path with one); pass the one you want with -c, or scan each folder on its own',
    ]);
  });

  it('prefers the working directory, and counts a scanned path that is the working directory once', () => {
    const choice = chooseConfigFile(undefined, ['.', 'template.yaml', '../b'], join(root, 'a'));
    expect(choice).toEqual({
      file: join(root, 'a', 'parapet.yaml'),
      from: 'working directory',
      unused: [join(root, 'b', 'parapet.yaml')],
    });
    expect(unusedConfigWarnings(choice, shown)[0]).toContain('(the one in the working directory)');
  });

  it("finds a CDK project's parapet.yaml beside its cdk.out, and one inside cdk.out first", () => {
    const project = join(root, 'app');
    mkdirSync(join(project, 'cdk.out'), { recursive: true });
    writeFileSync(join(project, 'parapet.yaml'), 'version: 1\n');
    expect(chooseConfigFile(undefined, [join(project, 'cdk.out')], work)).toEqual({
      file: join(project, 'parapet.yaml'),
      from: 'scanned path',
      unused: [],
    });
    // Any other folder is its own place: the one beside it is not read.
    expect(chooseConfigFile(undefined, [join(root, 'c')], work)).toEqual({ unused: [] });
    writeFileSync(join(project, 'cdk.out', 'parapet.yaml'), 'version: 1\n');
    expect(chooseConfigFile(undefined, [join(project, 'cdk.out')], work).file).toBe(
      join(project, 'cdk.out', 'parapet.yaml'),
    );
  });

  it('warns about nothing when one scanned path has a config', () => {
    expect(unusedConfigWarnings(chooseConfigFile(undefined, ['../a'], work), shown)).toEqual([]);
  });
});
