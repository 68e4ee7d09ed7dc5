import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { redact } from '../../src/secrets/index.js';
import { BASE32, fake, join } from './fixtures.js';

const FORMAT = /^(.{0,4})…\((\d+) chars\)$/su;

describe('redact', () => {
  it('keeps the kind-naming prefix and the length of a long secret, and no hash to test guesses against', () => {
    const keyId = join('AK', 'IA', fake(3, 16, BASE32));
    expect(redact(keyId)).toBe('AKIA…(20 chars)');
  });

  it('shows no prefix of a short secret', () => {
    expect(redact('hunter2hunter2')).toBe('…(14 chars)');
  });

  it('drops a prefix that has spaces or control characters', () => {
    expect(redact('-----BEGIN PRIVATE KEY-----\nabc')).toMatch(/^----…/);
    expect(redact('a b cdefghijklmnopqrstuvwxyz')).toMatch(/^…\(/);
  });

  it('is deterministic', () => {
    expect(redact('same-secret-value-1234')).toBe(redact('same-secret-value-1234'));
  });

  it('never shows more than a 4-character prefix of anything', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 120 }), (secret) => {
        const match = FORMAT.exec(redact(secret));
        expect(match).not.toBeNull();
        const [, prefix = '', length = ''] = match ?? [];
        expect(Number(length)).toBe([...secret].length);
        expect(secret.startsWith(prefix)).toBe(true);
        if ([...secret].length < 20) expect(prefix).toBe('');
      }),
    );
  });
});
