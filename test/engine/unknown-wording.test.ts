import { describe, expect, it } from 'vitest';
import { wordedUnknown } from '../../src/engine/unknown-wording.js';
import { invalid, unknown } from '../../src/model/values.js';

describe('wordedUnknown', () => {
  it('says an invalid value is not valid, not that deploy will tell', () => {
    const reason = invalid('a list where text is expected').reason;
    expect(wordedUnknown(`Runtime is not known before deploy (${reason})`)).toBe(
      'Runtime is not a valid value (a list where text is expected; see the scan error)',
    );
  });

  it('says so of several values too (the routes of a table)', () => {
    const reason = invalid('route R names it by the text T').reason;
    expect(wordedUnknown(`the routes of T are not known before deploy (${reason})`)).toBe(
      'the routes of T are not valid values (route R names it by the text T; see the scan error)',
    );
  });

  it('leaves a value deploy will tell as it is', () => {
    const message = `Runtime is not known before deploy (${unknown('from parameter Runtime').reason})`;
    expect(wordedUnknown(message)).toBe(message);
  });
});
