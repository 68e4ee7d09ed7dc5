import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALL_CHECKS } from '../src/checks/index.js';
import { checkDocFiles } from '../src/docs/check-docs.js';

const DIR = resolve(import.meta.dirname, '..', 'docs', 'checks');

describe('docs/checks', () => {
  it('is what the check metadata generates (run `npm run docs` when this fails)', () => {
    const expected = checkDocFiles(ALL_CHECKS);
    const present = readdirSync(DIR)
      .filter((f) => f.endsWith('.md'))
      .sort();
    expect(present).toEqual([...expected.keys()].sort());
    for (const [name, text] of expected) expect(readFileSync(join(DIR, name), 'utf8'), name).toBe(text);
  });

  it('every check has complete metadata', () => {
    for (const check of ALL_CHECKS) {
      expect(check.description.length, check.id).toBeGreaterThan(40);
      expect(check.risk.length, check.id).toBeGreaterThan(20);
      expect(check.remediation.text.length, check.id).toBeGreaterThan(20);
      expect(check.remediation.cloudformation ?? check.remediation.cli, check.id).toBeTruthy();
      expect(Object.keys(check.compliance).length, check.id).toBeGreaterThan(0);
    }
    expect(new Set(ALL_CHECKS.map((c) => c.id)).size).toBe(ALL_CHECKS.length);
  });
});
