import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { wildcardMatches } from '../../src/iam/wildcards.js';

/** The regex wildcardMatches made of every pattern before: the result it must keep. */
function globRegex(pattern: string, flags: string): RegExp {
  const body = pattern.replace(/[.+^${}()|[\]\\*?]/g, (c) => (c === '*' ? '.*' : c === '?' ? '.' : `\\${c}`));
  return new RegExp(`^${body}$`, flags);
}

describe('wildcardMatches', () => {
  it('gives what the regex gives, case-insensitively too, whatever the number of stars', () => {
    // With a wildcard: a pattern without one compares by toLowerCase, as before (the Kelvin sign is `k` there).
    const wide = fc
      .stringMatching(/^[abAßİıſK\u212a.*?]{0,10}$/)
      .filter((p) => p.includes('*') || p.includes('?'));
    const wideText = fc.stringMatching(/^[abAßİıſkK\u212aSs.]{0,12}$/);
    fc.assert(
      fc.property(wide, wideText, fc.boolean(), (p, t, ignoreCase) => {
        const expected = globRegex(p, ignoreCase ? 'is' : 's').test(t);
        return wildcardMatches(p, t, ignoreCase) === expected;
      }),
      { numRuns: 5000 },
    );
  });

  it('gives what the regex gives for one `*` at the end, the commonest wildcard (`s3:Get*`, `bucket/*`)', () => {
    const literal = fc.stringMatching(/^[abAßİıſK\u212a.:\n]{0,8}$/);
    const text = fc.stringMatching(/^[abAßİıſkK\u212aSs.:\n]{0,12}$/);
    fc.assert(
      fc.property(literal, text, fc.boolean(), (l, t, ignoreCase) => {
        const expected = globRegex(`${l}*`, ignoreCase ? 'is' : 's').test(t);
        return (
          wildcardMatches(`${l}*`, t, ignoreCase) === expected &&
          wildcardMatches(`${l}*`, `${l}${t}`, ignoreCase)
        );
      }),
      { numRuns: 3000 },
    );
  });

  it('answers at once for a policy action of many stars against a long action that almost matches', () => {
    const action = `s3:${'*a'.repeat(40)}*b`;
    expect(wildcardMatches(action, `S3:${'A'.repeat(100_000)}`, true)).toBe(false);
    expect(wildcardMatches(action, `S3:${'A'.repeat(100_000)}B`, true)).toBe(true);
  });

  it('answers for a pattern of thousands of stars, too many for a regex', () => {
    const arn = `arn:aws:s3:::${'*x'.repeat(50_000)}`;
    expect(wildcardMatches(arn, `arn:aws:s3:::${'x'.repeat(50_000)}`)).toBe(true);
    expect(wildcardMatches(arn, `arn:aws:s3:::${'x'.repeat(49_999)}`)).toBe(false);
  });
});

describe('a pattern of many "?"', () => {
  it('is matched without a regex, which was too large to compile', () => {
    expect(wildcardMatches(`arn:${'?'.repeat(40_000)}`, 'arn:x')).toBe(false);
    expect(wildcardMatches(`s3:${'?'.repeat(40_000)}`, `s3:${'x'.repeat(40_000)}`)).toBe(true);
  });
});
