import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { redact } from '../../src/secrets/index.js';
import { BASE32, fake, join } from './fixtures.js';

const FORMAT = /^(.{0,4})…\((\d+) chars, sha256:([0-9a-f]{8})\)$/su;

describe('redact', () => {
  it('keeps the kind-naming prefix, the length and a short hash of a long secret', () => {
    const keyId = join('AK', 'IA', fake(3, 16, BASE32));
    const digest = createHash('sha256').update(keyId).digest('hex').slice(0, 8);
    expect(redact(keyId)).toBe(`AKIA…(20 chars, sha256:${digest})`);
  });

  it('shows no prefix of a short secret', () => {
    expect(redact('hunter2hunter2')).toMatch(/^…\(14 chars, sha256:[0-9a-f]{8}\)$/);
  });

  it('drops a prefix that has spaces or control characters', () => {
    expect(redact('-----BEGIN PRIVATE KEY-----\nabc')).toMatch(/^----…/);
    expect(redact('a b cdefghijklmnopqrstuvwxyz')).toMatch(/^…\(/);
  });

  it('is deterministic and tells different secrets apart', () => {
    expect(redact('same-secret-value-1234')).toBe(redact('same-secret-value-1234'));
    expect(redact('same-secret-value-1234')).not.toBe(redact('same-secret-value-1235'));
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
