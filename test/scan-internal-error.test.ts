import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { ALL_CHECKS } from '../src/checks/index.js';
import { EMPTY_CONFIG } from '../src/config/config.js';
import { scan } from '../src/scan.js';
import { runtimeFunction } from './helpers/templates.js';

// Stands in for a bug of Parapet's own that only one file meets.
vi.mock('../src/sources/cloudformation/template.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../src/sources/cloudformation/template.js')>();
  return {
    ...real,
    buildTemplateInventory: (...args: Parameters<typeof real.buildTemplateInventory>) => {
      if (args[1].file.endsWith('trips.yaml'))
        throw new TypeError("Cannot read properties of undefined (reading 'x')");
      return real.buildTemplateInventory(...args);
    },
  };
});

const TEMPLATE = `Resources:
${runtimeFunction('python3.7')}`;

describe('a fault of Parapet on one file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'parapet-internal-'));
  writeFileSync(join(dir, 'a.yaml'), TEMPLATE);
  writeFileSync(join(dir, 'trips.yaml'), TEMPLATE);
  writeFileSync(join(dir, 'z.yaml'), TEMPLATE);
  const result = scan([dir], {
    checks: ALL_CHECKS,
    config: EMPTY_CONFIG,
    scanDate: new Date('2026-11-25'),
    cwd: dir,
  });

  it('is that file’s error, saying it was not checked', () => {
    expect(result.errors).toEqual([
      {
        kind: 'internal',
        file: 'trips.yaml',
        message:
          "not checked: Parapet failed on this file (Cannot read properties of undefined (reading 'x')); please report this",
      },
    ]);
  });

  it('does not stop the scan of the files before and after it', () => {
    const files = new Set(result.findings.map((f) => f.location.file));
    expect(files).toEqual(new Set(['a.yaml', 'z.yaml']));
    expect(result.templates.map((t) => t.file)).toEqual(['a.yaml', 'z.yaml']);
  });
});
