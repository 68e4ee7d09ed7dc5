import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { discover } from '../../src/sources/discover.js';

describe('discover: the parapet.yaml files a folder walk meets', () => {
  const root = mkdtempSync(join(tmpdir(), 'parapet-discover-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  for (const folder of ['a', 'b/deep', 'node_modules/pkg'])
    mkdirSync(join(root, folder), { recursive: true });
  for (const file of [
    'parapet.yaml',
    'a/parapet.yaml',
    'b/deep/parapet.yaml',
    'node_modules/pkg/parapet.yaml',
  ])
    writeFileSync(join(root, file), 'version: 1\n');
  writeFileSync(join(root, 'a', 'template.yaml'), '');
  writeFileSync(join(root, 'b', 'parapet.yml'), 'version: 1\n');

  it('records each one in walk order, skipping the folders never read', () => {
    expect(discover([root]).configs).toEqual([
      join(root, 'a', 'parapet.yaml'),
      join(root, 'b', 'deep', 'parapet.yaml'),
      join(root, 'parapet.yaml'),
    ]);
  });

  it('keeps them candidates too: whether a file is a template is decided by its content', () => {
    const files = discover([root]).files.map((f) => f.file);
    expect(files).toContain(join(root, 'a', 'parapet.yaml'));
    expect(files).toContain(join(root, 'a', 'template.yaml'));
  });

  it('records none for a file named on the command line: only folder walks look for them', () => {
    expect(discover([join(root, 'a', 'parapet.yaml'), join(root, 'a', 'template.yaml')]).configs).toEqual([]);
  });
});

describe('discover: the folders a walk skips', () => {
  const root = mkdtempSync(join(tmpdir(), 'parapet-discover-skip-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  for (const folder of ['.aws-sam/build', '.serverless', 'node_modules/pkg'])
    mkdirSync(join(root, folder), { recursive: true });
  for (const file of [
    '.aws-sam/build/template.yaml',
    '.serverless/cloudformation-template-update-stack.json',
    'node_modules/pkg/template.yaml',
    'template.yaml',
  ])
    writeFileSync(join(root, file), '');

  it("reads .serverless (a Serverless Framework project's only CloudFormation), not SAM's build copies", () => {
    expect(discover([root]).files.map((f) => f.file)).toEqual([
      join(root, '.serverless', 'cloudformation-template-update-stack.json'),
      join(root, 'template.yaml'),
    ]);
  });
});
