import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/config.js';
import { closest, sameFirstWords } from '../../src/config/names.js';

const TOP = ['version', 'trustedAccounts', 'failOn', 'severity', 'checks', 'suppressions'];

describe('the key a misspelt or longer name meant', () => {
  it('closest: a few letters off, and only one candidate that close', () => {
    expect(closest('trustedAcounts', TOP)).toBe('trustedAccounts');
    expect(closest('FAILON', TOP)).toBe('failOn');
    // Too far apart to be a misspelling.
    expect(closest('severityOverrides', TOP)).toBeUndefined();
  });

  it('sameFirstWords: a known key with words added, or a known key that adds words', () => {
    expect(sameFirstWords('severityOverrides', TOP)).toBe('severity');
    expect(sameFirstWords('severity_levels', TOP)).toBe('severity');
    expect(sameFirstWords('fail', TOP)).toBe('failOn');
    expect(sameFirstWords('trusted', TOP)).toBe('trustedAccounts');
    expect(sameFirstWords('warnDaysBefore', ['warnDays'])).toBe('warnDays');
  });

  it('sameFirstWords: nothing for a word merely begun, or when two keys would do', () => {
    expect(sameFirstWords('severe', ['sev'])).toBeUndefined();
    expect(sameFirstWords('checksum', TOP)).toBeUndefined();
    expect(sameFirstWords('colour', TOP)).toBeUndefined();
    expect(sameFirstWords('check', ['checkA', 'checkB'])).toBeUndefined();
  });

  it('an unknown key of parapet.yaml, and an unknown option, say the key so meant', () => {
    expect(() => parseConfig({ severityOverrides: {} })).toThrow(
      'parapet.yaml: unknown key "severityOverrides" (did you mean "severity"?)',
    );
    expect(() =>
      parseConfig({ checks: { options: { 'lambda.runtime-deprecation-soon': { warnDaysBefore: 9 } } } }),
    ).toThrow(
      'parapet.yaml: checks.options.lambda.runtime-deprecation-soon: unknown option "warnDaysBefore" ' +
        '(did you mean "warnDays"?); lambda.runtime-deprecation-soon takes "warnDays"',
    );
  });
});
