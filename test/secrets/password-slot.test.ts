// biome-ignore-all lint/suspicious/noTemplateCurlyInString: CloudFormation `${...}` templates are written in these tests
import { describe, expect, it } from 'vitest';
import { inPasswordSlot } from '../../src/secrets/password-slot.js';

describe('inPasswordSlot', () => {
  it("finds a connection string's password key, a secret-named entry and a JSON field before the placeholder", () => {
    expect(inPasswordSlot('Server=db;User Id=app;Password=${Blob};', 'Blob')).toBe(true);
    expect(inPasswordSlot('Server=db; pwd = ${Blob}', 'Blob')).toBe(true);
    expect(inPasswordSlot('Endpoint=x;AccountKey=${Blob}', 'Blob')).toBe(true);
    expect(inPasswordSlot('{"user":"app","password":"${Blob}"}', 'Blob')).toBe(true);
    expect(inPasswordSlot('Server=db;User Id=${Blob};', 'Blob')).toBe(false);
    expect(inPasswordSlot('Server=db;Host=${Blob};', 'Blob')).toBe(false);
  });

  it('reads each place the placeholder is written, in linear time (ten thousand took seconds)', () => {
    const entries = 'Id=${Blob};'.repeat(10_000);
    expect(inPasswordSlot(entries, 'Blob')).toBe(false);
    expect(inPasswordSlot(`${entries}Password=\${Blob}`, 'Blob')).toBe(true);
    expect(inPasswordSlot(`${'"id":"${Blob}",'.repeat(10_000)}"secret":"\${Blob}"`, 'Blob')).toBe(true);
  });

  it('looks for the key only in the 256 characters before the placeholder: no key is that far from its value', () => {
    expect(inPasswordSlot(`Password${' '.repeat(200)}= \${Blob}`, 'Blob')).toBe(true);
    expect(inPasswordSlot(`Password${' '.repeat(300)}= \${Blob}`, 'Blob')).toBe(false);
    // The start of the text is still where it is, not where the search starts.
    expect(inPasswordSlot(`${'x'.repeat(300)}Password=\${Blob}`, 'Blob')).toBe(false);
    expect(inPasswordSlot(`${'x'.repeat(300)};Password=\${Blob}`, 'Blob')).toBe(true);
  });
});
