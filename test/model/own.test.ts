import { describe, expect, it } from 'vitest';
import { own, setOwn } from '../../src/model/own.js';
import { PROTOTYPE_NAMES } from '../helpers/prototype-names.js';

describe('own', () => {
  it('finds what the record holds, names of Object.prototype included', () => {
    const record: Record<string, number> = { A: 1 };
    setOwn(record, 'constructor', 2);
    setOwn(record, '__proto__', 3);
    expect(own(record, 'A')).toBe(1);
    expect(own(record, 'constructor')).toBe(2);
    expect(own(record, '__proto__')).toBe(3);
  });

  it.each(PROTOTYPE_NAMES)('finds nothing for %s when the record does not hold it', (name) => {
    expect(own({ A: 1 }, name)).toBeUndefined();
  });

  it('finds nothing without a record', () => {
    expect(own(undefined, 'A')).toBeUndefined();
  });
});

describe('setOwn', () => {
  it.each(PROTOTYPE_NAMES)('makes %s an own, listed key and leaves the prototype alone', (name) => {
    const record: Record<string, unknown> = {};
    setOwn(record, name, { Type: 'x' });
    expect(Object.getPrototypeOf(record)).toBe(Object.prototype);
    expect(Object.keys(record)).toEqual([name]);
    expect(record[name]).toEqual({ Type: 'x' });
    expect(record.Type).toBeUndefined();
  });
});
