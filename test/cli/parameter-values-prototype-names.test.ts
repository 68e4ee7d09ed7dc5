import { describe, expect, it } from 'vitest';
import { parameterValues } from '../../src/cli/scan.js';
import { PROTOTYPE_NAMES } from '../helpers/prototype-names.js';

describe.each(PROTOTYPE_NAMES)('-p %s=...', (name) => {
  it('is kept as the value of a parameter of that name', () => {
    const parsed = parameterValues([[name, 'v']]);
    if (!('values' in parsed)) throw new Error(parsed.problem);
    expect(Object.getPrototypeOf(parsed.values)).toBe(Object.prototype);
    expect(Object.keys(parsed.values)).toEqual([name]);
    expect(parsed.values[name]).toBe('v');
  });

  it('given twice with different values is refused, as for any parameter', () => {
    expect(
      parameterValues([
        [name, 'a'],
        [name, 'b'],
      ]),
    ).toEqual({
      problem: `-p ${name} is given more than once, with different values; give each parameter once`,
    });
  });
});
