import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALL_CHECKS } from '../src/checks/index.js';
import { EMPTY_CONFIG } from '../src/config/config.js';
import { scan } from '../src/scan.js';

// Conditions that compare one parameter under Fn::And: only the cases a deploy can make are checked, so a
// permission made in each of them is an invoker wherever the function exists.

const fixture = join(import.meta.dirname, 'fixtures', 'conditions', 'exclusive-and-conditions.yaml');

function scanText(text: string) {
  const dir = mkdtempSync(join(tmpdir(), 'parapet-compound-'));
  writeFileSync(join(dir, 'template.yaml'), text);
  return scan([dir], {
    checks: ALL_CHECKS.filter((c) => c.id === 'lambda.async-no-failure-destination'),
    config: EMPTY_CONFIG,
    scanDate: new Date('2026-11-27'),
    cwd: dir,
  });
}

const written = readFileSync(fixture, 'utf8');

describe('permissions under Fn::And conditions that need Mode to be A and B', () => {
  it('fail: with AllowedValues [A, B] one of them exists wherever the function does', () => {
    const result = scanText(written);
    expect(result.errors).toEqual([]);
    expect(result.findings.map((f) => [f.resource.id, f.status])).toEqual([['Fn', 'fail']]);
    // The case where both hold is none a deploy makes: not named.
    expect(result.findings[0]?.message).not.toMatch(/IsA holds and condition IsB holds/);
  });

  it('are unknown where another allowed value (C) makes neither', () => {
    const result = scanText(written.replace('AllowedValues: [A, B]', 'AllowedValues: [A, B, C]'));
    expect(result.findings.map((f) => [f.resource.id, f.status])).toEqual([['Fn', 'unknown']]);
    expect(result.findings[0]?.message).not.toMatch(/IsA holds and condition IsB holds/);
  });

  it('fail as before when each compares Mode alone', () => {
    const plain = written
      .replace(/IsA: !And .*/, 'IsA: !Equals [!Ref Mode, A]')
      .replace(/IsB: !And .*/, 'IsB: !Equals [!Ref Mode, B]');
    const result = scanText(plain);
    expect(result.findings.map((f) => [f.resource.id, f.status])).toEqual([['Fn', 'fail']]);
  });
});
