import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FileTexts } from '../../src/sources/file-texts.js';

describe('FileTexts: files read ahead of the scan', () => {
  const dir = mkdtempSync(join(tmpdir(), 'parapet-file-texts-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const a = join(dir, 'a.yaml');
  const b = join(dir, 'b.yaml');
  writeFileSync(a, 'a'.repeat(10));
  writeFileSync(b, 'b'.repeat(10));

  it('hands each text over once, by any spelling of its path', () => {
    const texts = new FileTexts(100);
    expect(texts.read(a)).toBe('a'.repeat(10));
    expect(texts.take(join(dir, '.', 'a.yaml'))).toBe('a'.repeat(10));
    expect(texts.take(a)).toBeUndefined();
  });

  it('reads nothing over the size limit, and keeps nothing beyond its budget', () => {
    expect(new FileTexts(5).read(a)).toBeUndefined();
    const texts = new FileTexts(100, 15);
    texts.read(a);
    texts.read(b);
    expect(texts.take(a)).toBe('a'.repeat(10));
    expect(texts.take(b)).toBeUndefined();
  });
});
