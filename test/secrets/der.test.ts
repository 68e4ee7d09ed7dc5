import { describe, expect, it } from 'vitest';
import { headerSpanning, readHeader, SEQUENCE } from '../../src/secrets/der.js';

describe('headerSpanning: the DER header of an element of a given size', () => {
  it('writes the length in the shortest form', () => {
    expect(headerSpanning(SEQUENCE, 0x4c).toString('hex')).toBe('304a');
    expect(headerSpanning(SEQUENCE, 2).toString('hex')).toBe('3000');
    expect(headerSpanning(SEQUENCE, 3 + 0x80).toString('hex')).toBe('308180');
    expect(headerSpanning(SEQUENCE, 4 + 0x0530).toString('hex')).toBe('30820530');
  });

  it('writes none for a size no DER element takes (too small, or between the forms)', () => {
    expect(headerSpanning(SEQUENCE, 1).length).toBe(0);
    // 128 bytes of content take 0x81 0x80 (3 bytes of header), so no element spans 130.
    expect(headerSpanning(SEQUENCE, 130).length).toBe(0);
  });

  it('agrees with readHeader on every size up to 70,000', () => {
    for (let span = 2; span <= 70_000; span += 1) {
      const header = headerSpanning(SEQUENCE, span);
      if (header.length === 0) continue;
      expect(readHeader(header, 0)?.end, String(span)).toBe(span);
    }
  });
});
