import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fingerprint } from '../../src/findings/fingerprint.js';

describe('fingerprint', () => {
  it('is 32 hex characters and stable forever (baselines and SARIF alerts depend on it)', () => {
    expect(fingerprint(['lambda.function-url-auth-none', 'template.yaml', 'Fn', '', ''])).toBe(
      fingerprint(['lambda.function-url-auth-none', 'template.yaml', 'Fn', '', '']),
    );
    expect(fingerprint(['a'])).toMatch(/^[0-9a-f]{32}$/);
    // Pinned: changing the function would detach every existing suppression baseline.
    expect(fingerprint(['lambda.x', 'template.yaml', 'Fn'])).toBe('50a7c0d52ceae048aefc0c4b6a1bcc66');
  });

  it('tells apart parts that only differ in where they are split', () => {
    expect(fingerprint(['ab', 'c'])).not.toBe(fingerprint(['a', 'bc']));
  });

  it('hashes the parts as if joined with NUL, so fingerprints of earlier releases stay the same', () => {
    fc.assert(
      fc.property(fc.array(fc.string(), { minLength: 1, maxLength: 5 }), (parts) => {
        expect(fingerprint(parts)).toBe(fingerprint([parts.join('\u0000')]));
      }),
    );
  });

  it('does not collide on many different inputs', () => {
    const seen = new Map<string, string>();
    fc.assert(
      fc.property(fc.array(fc.string(), { minLength: 1, maxLength: 5 }), (parts) => {
        const key = JSON.stringify(parts);
        const fp = fingerprint(parts);
        const before = seen.get(fp);
        if (before !== undefined) expect(before).toBe(key);
        seen.set(fp, key);
      }),
      { numRuns: 5000 },
    );
  });
});
