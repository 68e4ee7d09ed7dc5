import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { ALL_CHECKS } from '../../src/checks/index.js';
import { EMPTY_CONFIG } from '../../src/config/config.js';
import { scan } from '../../src/scan.js';

/**
 * Scans template text as `parapet scan` does (a template.yaml in a directory of its own) with one check: the
 * cases of the template's conditions merged, fingerprints as reported. No scan error is expected.
 */
export function scanTemplateFile(text: string, checkId: string, parameters?: Record<string, string>) {
  const dir = mkdtempSync(join(tmpdir(), 'parapet-template-'));
  writeFileSync(join(dir, 'template.yaml'), text);
  return scanTemplateDir(dir, checkId, parameters);
}

/** Scans a directory (a template and the files it names) as scanTemplateFile scans one template. */
export function scanTemplateDir(dir: string, checkId: string, parameters?: Record<string, string>) {
  const result = scan([dir], {
    checks: ALL_CHECKS.filter((c) => c.id === checkId),
    config: EMPTY_CONFIG,
    scanDate: new Date('2026-11-25'),
    cwd: dir,
    ...(parameters ? { parameters } : {}),
  });
  expect(result.errors).toEqual([]);
  return result;
}
