import { describe, expect, it } from 'vitest';
import { isMergedMap, mergedSegment } from '../../src/model/globals-merge.js';

describe('mergedSegment (a SAM function property merged with Globals.Function)', () => {
  it('numbers a merged list with the inherited items first, then the own ones', () => {
    const inherited = ['global-layer'];
    const own = ['own-a', 'own-b'];
    expect(mergedSegment(own, inherited, 0)).toEqual({
      merge: 'list',
      from: 'inherited',
      index: 0,
      item: 'global-layer',
    });
    expect(mergedSegment(own, inherited, 2)).toEqual({ merge: 'list', from: 'own', index: 1, item: 'own-b' });
    expect(mergedSegment(own, inherited, 3)).toEqual({
      merge: 'list',
      from: 'own',
      index: 2,
      item: undefined,
    });
  });

  it('merges maps key by key, a key missing on one side undefined there', () => {
    const own = { Variables: { A: '1' } };
    const inherited = { Variables: { B: '2' }, Other: 'x' };
    expect(mergedSegment(own, inherited, 'Variables')).toEqual({
      merge: 'map',
      own: { A: '1' },
      inherited: { B: '2' },
    });
    expect(mergedSegment(own, inherited, 'Other')).toEqual({ merge: 'map', own: undefined, inherited: 'x' });
  });

  it('does not merge values of different kinds, scalars or intrinsics: the own value wins whole', () => {
    expect(mergedSegment(['a'], { Layers: ['b'] }, 0)).toBeUndefined();
    expect(mergedSegment({ A: '1' }, ['b'], 'A')).toBeUndefined();
    expect(mergedSegment({ Ref: 'Layers' }, ['b'], 0)).toBeUndefined();
    expect(mergedSegment({ 'Fn::If': ['C', { A: '1' }, {}] }, { A: '2' }, 'A')).toBeUndefined();
    expect(mergedSegment('own', 'inherited', 'A')).toBeUndefined();
    // A list is reached by index, a map by key: the other kind of segment merges nothing.
    expect(mergedSegment(['a'], ['b'], 'A')).toBeUndefined();
    expect(mergedSegment({ A: '1' }, { A: '2' }, 0)).toBeUndefined();
  });
});

describe('isMergedMap', () => {
  it('is a map that is not an intrinsic function', () => {
    expect(isMergedMap({ A: 1, B: 2 })).toBe(true);
    expect(isMergedMap({ Ref: 'X', Other: 1 })).toBe(true);
    expect(isMergedMap({})).toBe(true);
    for (const intrinsic of [{ Ref: 'X' }, { Condition: 'C' }, { 'Fn::Sub': 'x' }]) {
      expect(isMergedMap(intrinsic)).toBe(false);
    }
    for (const other of [null, undefined, [], 'text', 3]) expect(isMergedMap(other)).toBe(false);
  });
});
