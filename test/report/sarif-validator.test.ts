import { spawnSync } from 'node:child_process';
import {
  accessSync,
  chmodSync,
  constants,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { toSarif } from '../../src/report/sarif.js';
import { CHECKS, mixedSeverities, scanResult, withErrors } from '../fixtures/sarif/inputs.js';

/**
 * The official SARIF validator (the SARIF Multitool from @microsoft/sarif-multitool, whose Linux build
 * is @microsoft/sarif-multitool-linux), with the rules GitHub code scanning applies on upload (GHxxxx)
 * as well as the SARIF ones. Its exit code is 0 whatever it finds, so the test reads its output log.
 */
const multitool: string = createRequire(import.meta.url)('@microsoft/sarif-multitool');
// The package's postinstall does this `chmod u+x`; npm may skip install scripts (--ignore-scripts,
// an allowScripts policy), so do it here too.
if ((statSync(multitool).mode & 0o100) === 0) chmodSync(multitool, statSync(multitool).mode | 0o100);
const dir = mkdtempSync(join(tmpdir(), 'parapet-sarif-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface ValidatorResult {
  ruleId: string;
  level?: string;
  message: { text?: string; id?: string; arguments?: string[] };
}

function validateWithMultitool(name: string, sarif: string): ValidatorResult[] {
  const input = join(dir, `${name}.sarif`);
  const output = join(dir, `${name}.validation.sarif`);
  writeFileSync(input, sarif);
  const run = spawnSync(multitool, ['validate', '--rule-kind', 'Gh;Sarif', input, '-o', output], {
    encoding: 'utf8',
    // .NET aborts at start-up on a machine without ICU unless told to run without culture data,
    // which a validator does not need.
    env: { ...process.env, DOTNET_SYSTEM_GLOBALIZATION_INVARIANT: '1' },
    timeout: 60_000,
  });
  expect(run.error, `could not start ${multitool}`).toBeUndefined();
  expect(run.status, run.stdout + run.stderr).toBe(0);
  const log = JSON.parse(readFileSync(output, 'utf8').replace(/^\uFEFF/, ''));
  return log.runs[0].results as ValidatorResult[];
}

/** `level` absent means `warning` (SARIF §3.27.10). */
const describeResult = (r: ValidatorResult) =>
  `${r.level ?? 'warning'} ${r.ruleId}: ${(r.message.arguments ?? []).join(' | ')}`;

describe('SARIF output against the official validator with GitHub rules', () => {
  it('finds the validator binary', () => {
    expect(() => accessSync(multitool, constants.X_OK)).not.toThrow();
  });

  it('reports nothing (no error, warning or note) on a log with every kind of finding, scan errors and warnings', () => {
    expect(validateWithMultitool('full', toSarif(withErrors(), CHECKS)).map(describeResult)).toEqual([]);
  });

  it("reports nothing on a log whose rule takes the highest of its findings' mixed severities", () => {
    expect(validateWithMultitool('mixed', toSarif(mixedSeverities(), CHECKS)).map(describeResult)).toEqual(
      [],
    );
  });

  it('reports nothing on an empty scan', () => {
    const sarif = toSarif(scanResult({ findings: [], templates: [] }), CHECKS);
    expect(validateWithMultitool('empty', sarif).map(describeResult)).toEqual([]);
  });

  it('reports the GitHub rules it is run for, so a clean report above means something', () => {
    const log = JSON.parse(toSarif(scanResult(), CHECKS));
    delete log.runs[0].results[0].locations;
    log.runs[0].tool.driver.rules[0].help = undefined;
    const findings = validateWithMultitool('broken', JSON.stringify(log));
    const ids = new Set(findings.filter((r) => r.level === 'error').map((r) => r.ruleId));
    expect(ids.has('GH1015')).toBe(true);
    expect(ids.has('GH2012')).toBe(true);
  });
});
