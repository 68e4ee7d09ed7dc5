import { describe, expect, it } from 'vitest';
import { ALL_CHECKS } from '../../src/checks/index.js';
import { parseConfig } from '../../src/config/config.js';
import { resolveSeverityOverrides } from '../../src/config/severity-overrides.js';

const runtimeIds = ['lambda.runtime-deprecated', 'lambda.runtime-deprecation-soon'];

describe('severity overrides', () => {
  it('keys an override by the check id, whatever the case it was written in', () => {
    expect(parseConfig({ severity: { 'Lambda.Tracing-Not-Active': 'medium' } }).severityOverrides).toEqual({
      'lambda.tracing-not-active': 'medium',
    });
  });

  it('gives every check a glob or service matches the severity, since checks look theirs up by id', () => {
    const overrides = parseConfig({
      severity: { 'lambda.runtime-*': 'low', logs: 'info' },
    }).severityOverrides;
    for (const id of runtimeIds) expect(overrides[id], id).toBe('low');
    const logs = ALL_CHECKS.filter((c) => c.id.startsWith('logs.'));
    expect(logs.length).toBeGreaterThan(0);
    for (const check of logs) expect(overrides[check.id], check.id).toBe('info');
    expect(Object.keys(overrides)).toHaveLength(runtimeIds.length + logs.length);
  });

  it('lets a check named by its id win over a glob, whichever comes first', () => {
    const first = parseConfig({
      severity: { 'lambda.runtime-deprecated': 'critical', 'lambda.runtime-*': 'low' },
    }).severityOverrides;
    const last = parseConfig({
      severity: { 'lambda.runtime-*': 'low', 'lambda.runtime-deprecated': 'critical' },
    }).severityOverrides;
    for (const overrides of [first, last]) {
      expect(overrides['lambda.runtime-deprecated']).toBe('critical');
      expect(overrides['lambda.runtime-deprecation-soon']).toBe('low');
    }
  });

  it('refuses two globs that give one check different severities, naming both and the checks', () => {
    expect(() => parseConfig({ severity: { 'lambda.*': 'low', '*.runtime-*': 'high' } }, 'p.yaml')).toThrow(
      'p.yaml: severity: "lambda.*" (low) and "*.runtime-*" (high) both match lambda.runtime-deprecated, ' +
        'lambda.runtime-deprecation-soon; set them by id',
    );
    // Agreeing globs are fine.
    expect(
      parseConfig({ severity: { 'lambda.*': 'low', '*.runtime-*': 'low' } }).severityOverrides[
        'lambda.runtime-deprecated'
      ],
    ).toBe('low');
  });

  it('refuses a key that matches no check', () => {
    expect(() => parseConfig({ severity: { 'lambda.tracing-off': 'low' } })).toThrow(
      'no check matches "lambda.tracing-off" in severity',
    );
  });

  it('refuses one check named twice with different severities', () => {
    expect(
      resolveSeverityOverrides(
        { 'lambda.tracing-not-active': 'low', 'LAMBDA.tracing-not-active': 'high' },
        ALL_CHECKS,
      ).problems,
    ).toEqual([
      {
        message:
          'severity: "lambda.tracing-not-active" and "LAMBDA.tracing-not-active" both name lambda.tracing-not-active',
        path: ['severity', 'LAMBDA.tracing-not-active'],
        on: 'key',
      },
    ]);
  });
});
