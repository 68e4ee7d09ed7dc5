import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../src/config/config.js';

describe('parapet.yaml', () => {
  it('reads every documented key', () => {
    const config = parseConfig({
      version: 1,
      trustedAccounts: ['123456789012', 210987654321],
      failOn: 'high',
      severity: { 'lambda.tracing-not-active': 'medium' },
      checks: {
        enable: ['lambda.function-not-in-vpc'],
        disable: ['lambda.no-reserved-concurrency'],
        options: { 'lambda.runtime-deprecation-soon': { warnDays: 90 } },
      },
      suppressions: [
        { id: 'iam.*', resource: 'Log*', reason: 'CDK helper', expires: new Date('2027-06-30') },
      ],
    });
    expect(config.trustedAccounts).toEqual(['123456789012', '210987654321']);
    expect(config.failOn).toBe('high');
    expect(config.enable).toEqual(['lambda.function-not-in-vpc']);
    expect(config.options['lambda.runtime-deprecation-soon']).toEqual({ warnDays: 90 });
    expect(config.suppressions[0]?.expires).toBe('2027-06-30');
  });

  it('names an unknown key, also a nested one', () => {
    expect(() => parseConfig({ trustedAccount: [] })).toThrow(/unknown key "trustedAccount"/);
    expect(() => parseConfig({ checks: { enabled: [] } })).toThrow(/unknown key "enabled" in checks/);
  });

  it('requires a reason on every suppression', () => {
    expect(() => parseConfig({ suppressions: [{ id: 'iam.*', reason: ' ' }] })).toThrow(ConfigError);
    expect(() => parseConfig({ suppressions: [{ id: 'iam.*' }] })).toThrow(/suppressions\.0\.reason/);
  });

  it('rejects wrong values with their path', () => {
    expect(() => parseConfig({ failOn: 'severe' })).toThrow(/failOn/);
    expect(() => parseConfig({ trustedAccounts: ['12345'] })).toThrow(/12-digit/);
    expect(() => parseConfig({ suppressions: [{ id: 'x.y', reason: 'r', expires: 'next year' }] })).toThrow(
      /YYYY-MM-DD/,
    );
  });
});
