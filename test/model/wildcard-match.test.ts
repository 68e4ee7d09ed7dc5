import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { globMatches, partsMatch } from '../../src/model/wildcard-match.js';

/** The regex the matchers replace: the result they must keep. */
function globRegex(pattern: string, flags = 's'): RegExp {
  const body = pattern.replace(/[.+^${}()|[\]\\*?]/g, (c) => (c === '*' ? '.*' : c === '?' ? '.' : `\\${c}`));
  return new RegExp(`^${body}$`, flags);
}

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// A small alphabet makes near misses common; `.` and `\` test escaping, `\n` the `s` flag.
const text = fc.stringMatching(/^[abA.\\\n]{0,12}$/);
const pattern = fc.stringMatching(/^[abA.\\\n*?]{0,10}$/);

describe('globMatches', () => {
  it('gives what the regex of `*` as `.*` and `?` as `.` gives', () => {
    fc.assert(
      fc.property(pattern, text, (p, t) => globMatches(p, t) === globRegex(p).test(t)),
      { numRuns: 5000 },
    );
  });

  it('answers at once for many stars on a long text that almost matches', () => {
    const many = `${'a*'.repeat(30)}b`;
    expect(globMatches(many, 'a'.repeat(50_000))).toBe(false);
    expect(globMatches(many, `${'a'.repeat(50_000)}b`)).toBe(true);
    const thousands = '*a'.repeat(20_000);
    expect(globMatches(thousands, `${'a'.repeat(19_999)}b`)).toBe(false);
    expect(globMatches(thousands, 'a'.repeat(20_000))).toBe(true);
  });
});

describe('partsMatch', () => {
  const parts = fc.array(fc.stringMatching(/^[ab.]{0,3}$/), { minLength: 1, maxLength: 5 });
  it('gives what the regex of the parts joined by `.*` gives', () => {
    fc.assert(
      fc.property(
        parts,
        text,
        (ps, t) => partsMatch(ps, t) === new RegExp(`^${ps.map(escapeRegex).join('.*')}$`, 's').test(t),
      ),
      { numRuns: 5000 },
    );
  });

  it('answers at once for thousands of parts', () => {
    const thousands = Array.from({ length: 20_000 }, () => 'a');
    expect(partsMatch(['', ...thousands], `${'a'.repeat(19_999)}b`)).toBe(false);
    expect(partsMatch(['', ...thousands], 'ba'.repeat(20_000))).toBe(true);
  });
});
