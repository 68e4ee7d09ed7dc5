import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Check } from '../../src/checks/define.js';
import { ALL_CHECKS } from '../../src/checks/index.js';
import { parseConfig } from '../../src/config/config.js';
import { EMPTY_CONFIG } from '../../src/config/types.js';
import type { Finding } from '../../src/findings/finding.js';
import { ruleSeverity } from '../../src/report/sarif/rules.js';
import { FINGERPRINT_KEY, toSarif } from '../../src/report/sarif.js';
import { type ScanResult, scan } from '../../src/scan.js';
import {
  blockedRuntimeFinding,
  CHECKS,
  deprecatedRuntimeFinding,
  mixedSeverities,
  runtimeCheck,
  samUrlFinding,
  scanResult,
  unknownFinding,
  urlAuthCheck,
} from '../fixtures/sarif/inputs.js';
import { template } from '../helpers/scan-template.js';
import { runtimeFunction } from '../helpers/templates.js';

type Json = any;

const sarif = (result: ScanResult, checks: readonly Check[] = CHECKS): Json =>
  JSON.parse(toSarif(result, checks));
const ruleOf = (log: Json, id: string): Json => log.runs[0].tool.driver.rules.find((r: Json) => r.id === id);
const resultFor = (log: Json, finding: Finding): Json =>
  log.runs[0].results.find((r: Json) => r.partialFingerprints[FINGERPRINT_KEY] === finding.fingerprint);

describe('SARIF severity: a finding whose severity differs from its check', () => {
  it('gives the rule of a finding raised to critical the security severity of critical', () => {
    const log = sarif(scanResult({ findings: [blockedRuntimeFinding] }));
    const rule = ruleOf(log, runtimeCheck.id);
    expect(rule.defaultConfiguration.level).toBe('error');
    expect(rule.properties).toMatchObject({
      'security-severity': '9.5',
      severity: 'critical',
      checkSeverity: 'high',
    });
    expect(rule.properties.findingSeverities).toBeUndefined();
    expect(resultFor(log, blockedRuntimeFinding)).toMatchObject({
      level: 'error',
      properties: { severity: 'critical', 'security-severity': '9.5' },
    });
  });

  it('keeps the check severity, with no checkSeverity, when the findings agree with it', () => {
    const rule = ruleOf(sarif(scanResult({ findings: [deprecatedRuntimeFinding] })), runtimeCheck.id);
    expect(rule.properties['security-severity']).toBe('8.0');
    expect(rule.properties.severity).toBe('high');
    expect(rule.properties).not.toHaveProperty('checkSeverity');
  });

  it('takes the highest severity for a rule whose findings disagree, and says so in its properties', () => {
    const log = sarif(mixedSeverities());
    const rule = ruleOf(log, runtimeCheck.id);
    expect(rule.defaultConfiguration.level).toBe('error');
    expect(rule.properties).toMatchObject({
      'security-severity': '9.5',
      severity: 'critical',
      checkSeverity: 'high',
      findingSeverities: ['critical', 'high'],
    });
    expect(resultFor(log, blockedRuntimeFinding).properties).toMatchObject({
      severity: 'critical',
      'security-severity': '9.5',
    });
    expect(resultFor(log, deprecatedRuntimeFinding).properties).toMatchObject({
      severity: 'high',
      'security-severity': '8.0',
    });
    // Rules of other checks are untouched.
    expect(ruleOf(log, urlAuthCheck.id).properties).not.toHaveProperty('findingSeverities');
  });

  it('lowers the rule when every finding is lower than the check (an override down)', () => {
    const lowered = [samUrlFinding, unknownFinding].map((f) => ({ ...f, severity: 'medium' as const }));
    const log = sarif(scanResult({ findings: lowered }));
    const rule = ruleOf(log, urlAuthCheck.id);
    expect(rule.defaultConfiguration.level).toBe('warning');
    expect(rule.properties).toMatchObject({
      'security-severity': '5.5',
      severity: 'medium',
      checkSeverity: 'critical',
    });
    expect(resultFor(log, lowered[0] as Finding)).toMatchObject({
      level: 'warning',
      properties: { 'security-severity': '5.5' },
    });
  });

  it('gives every decided result, failed or passed, the security severity of its own finding', () => {
    const results = sarif(mixedSeverities()).runs[0].results;
    expect(results.some((r: Json) => r.properties.status === 'unknown')).toBe(true);
    for (const result of results) {
      const expected = { critical: '9.5', high: '8.0', medium: '5.5', low: '3.0', info: '1.0' } as Json;
      const score = result.properties.status === 'unknown' ? undefined : expected[result.properties.severity];
      expect(result.properties['security-severity']).toBe(score);
    }
  });
});

describe('ruleSeverity', () => {
  const fail = (severity: Finding['severity']): Finding => ({ ...samUrlFinding, severity });

  it("is the check's default when the rule has no finding (only a scan error names it)", () => {
    expect(ruleSeverity('high', [])).toEqual({ severity: 'high' });
  });

  it('counts failed findings before unknown and passed ones', () => {
    const review = { ...unknownFinding, severity: 'critical' as const };
    expect(ruleSeverity('critical', [fail('medium'), review])).toEqual({ severity: 'medium' });
    expect(ruleSeverity('low', [review])).toEqual({ severity: 'critical' });
  });

  it('lists the distinct severities, highest first, only when there are several', () => {
    expect(ruleSeverity('high', [fail('low'), fail('critical'), fail('low'), fail('high')])).toEqual({
      severity: 'critical',
      mixed: ['critical', 'high', 'low'],
    });
    expect(ruleSeverity('high', [fail('low'), fail('low')])).toEqual({ severity: 'low' });
  });
});

describe('SARIF severity through a real scan', () => {
  const dir = mkdtempSync(join(tmpdir(), 'parapet-sarif-severity-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'template.yaml');
  // On 2026-11-25 python2.7 can no longer be updated (critical); nodejs20.x is deprecated but not blocked (high).
  writeFileSync(
    file,
    template(runtimeFunction('python2.7', 'Legacy') + runtimeFunction('nodejs20.x', 'Old')),
  );
  const check = ALL_CHECKS.filter((c) => c.id === 'lambda.runtime-deprecated');
  const run = (config = EMPTY_CONFIG) =>
    sarif(
      scan([file], { checks: check, config, scanDate: new Date('2026-11-25T00:00:00Z'), cwd: dir }),
      check,
    );

  it('shows the critical finding the check raised on the rule GitHub reads', () => {
    const log = run();
    const rule = ruleOf(log, 'lambda.runtime-deprecated');
    expect(rule.properties).toMatchObject({
      'security-severity': '9.5',
      severity: 'critical',
      checkSeverity: 'high',
      findingSeverities: ['critical', 'high'],
    });
    const levels = log.runs[0].results.map((r: Json) => [r.locations[0].logicalLocations[0].name, r.level]);
    expect(levels.sort()).toEqual([
      ['Legacy', 'error'],
      ['Old', 'error'],
    ]);
    const severities = log.runs[0].results.map((r: Json) => r.properties.severity).sort();
    expect(severities).toEqual(['critical', 'high']);
  });

  it("carries parapet.yaml's severity override on the rule and on every result", () => {
    const config = parseConfig({ severity: { 'lambda.runtime-deprecated': 'medium' } });
    const log = run(config);
    const rule = ruleOf(log, 'lambda.runtime-deprecated');
    expect(rule.defaultConfiguration.level).toBe('warning');
    expect(rule.properties).toMatchObject({
      'security-severity': '5.5',
      severity: 'medium',
      checkSeverity: 'high',
    });
    expect(rule.properties).not.toHaveProperty('findingSeverities');
    for (const result of log.runs[0].results) {
      expect(result).toMatchObject({
        level: 'warning',
        properties: { severity: 'medium', 'security-severity': '5.5' },
      });
    }
  });

  it('applies an override given by a glob too', () => {
    const config = parseConfig({ severity: { 'lambda.runtime-*': 'low' } });
    const rule = ruleOf(run(config), 'lambda.runtime-deprecated');
    expect(rule.properties).toMatchObject({ 'security-severity': '3.0', severity: 'low' });
  });
});
