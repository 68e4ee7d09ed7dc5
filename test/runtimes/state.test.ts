import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findRuntime, type RuntimeState, runtimeState } from '../../src/runtimes/index.js';

/** Noon UTC on the given day, so no test depends on the hour of day. */
const day = (iso: string) => new Date(`${iso}T12:00:00Z`);

function kindAndBlock(state: RuntimeState): string {
  if (state.kind === 'deprecated') return `deprecated/${state.blocked}`;
  if (state.kind === 'deprecating-soon') return `deprecating-soon/${state.daysLeft}`;
  return state.kind;
}

describe('runtimeState around each boundary (nodejs22.x: 2027-04-30, create 2027-06-01, update 2027-07-01)', () => {
  it.each([
    ['2027-04-29', 'deprecating-soon/1'],
    ['2027-04-30', 'deprecated/none'],
    ['2027-05-01', 'deprecated/none'],
    ['2027-05-31', 'deprecated/none'],
    ['2027-06-01', 'deprecated/create'],
    ['2027-06-02', 'deprecated/create'],
    ['2027-06-30', 'deprecated/create'],
    ['2027-07-01', 'deprecated/update'],
    ['2027-07-02', 'deprecated/update'],
  ])('on %s it is %s', (date, expected) => {
    expect(kindAndBlock(runtimeState('nodejs22.x', day(date)))).toBe(expected);
  });

  it('counts the warning window in whole UTC days', () => {
    // 2027-04-30 is 180 days after 2026-11-01.
    expect(kindAndBlock(runtimeState('nodejs22.x', day('2026-11-01')))).toBe('deprecating-soon/180');
    expect(kindAndBlock(runtimeState('nodejs22.x', day('2026-10-31')))).toBe('supported');
    expect(kindAndBlock(runtimeState('nodejs22.x', day('2027-03-31'), 30))).toBe('deprecating-soon/30');
    expect(kindAndBlock(runtimeState('nodejs22.x', day('2027-03-30'), 30))).toBe('supported');
  });

  it('uses the UTC day of the scan date, whatever its hour or offset', () => {
    expect(kindAndBlock(runtimeState('nodejs22.x', new Date('2027-04-29T23:59:59Z')))).toBe(
      'deprecating-soon/1',
    );
    expect(kindAndBlock(runtimeState('nodejs22.x', new Date('2027-04-30T00:00:00Z')))).toBe(
      'deprecated/none',
    );
    // Already 30 April in UTC+2, still 29 April in UTC.
    expect(kindAndBlock(runtimeState('nodejs22.x', new Date('2027-04-30T01:00:00+02:00')))).toBe(
      'deprecating-soon/1',
    );
  });
});

describe('runtimeState on the table as taken', () => {
  it('reports the AWS-extended deadlines of runtimes deprecated before the scan', () => {
    // python3.9: deprecated 2025-12-15, create blocked 2027-07-29, update blocked 2027-08-31.
    expect(kindAndBlock(runtimeState('python3.9', day('2026-11-25')))).toBe('deprecated/none');
    expect(kindAndBlock(runtimeState('python3.9', day('2027-07-29')))).toBe('deprecated/create');
    expect(kindAndBlock(runtimeState('python3.9', day('2027-08-31')))).toBe('deprecated/update');
  });

  it('says update-blocked for long-gone runtimes', () => {
    expect(kindAndBlock(runtimeState('nodejs', day('2026-11-25')))).toBe('deprecated/update');
    expect(kindAndBlock(runtimeState('python2.7', day('2026-11-25')))).toBe('deprecated/update');
  });

  it('keeps a deprecated runtime with no announced block dates unblocked', () => {
    expect(findRuntime('dotnet9')?.blockFunctionCreate).toBeNull();
    expect(kindAndBlock(runtimeState('dotnet9', day('2030-01-01')))).toBe('deprecated/none');
  });

  it('treats a runtime blocked before its deprecation date as deprecated', () => {
    // nodejs4.3-edge: create blocked 2019-04-30, deprecated 2020-03-05.
    expect(kindAndBlock(runtimeState('nodejs4.3-edge', day('2019-06-01')))).toBe('deprecated/create');
  });

  it('calls a preview runtime with no dates supported', () => {
    const state = runtimeState('nodejs26.x', day('2026-11-25'));
    expect(state.kind).toBe('supported');
    expect(state.kind === 'supported' && state.runtime.preview).toBe(true);
  });

  it('returns the table row with the state', () => {
    const state = runtimeState('java21', day('2026-11-25'));
    expect(state).toEqual({ kind: 'supported', runtime: findRuntime('java21') });
  });
});

describe('runtimeState on values that are not runtimes', () => {
  it.each([
    ['PYTHON3_VERSION', undefined],
    ['provided.al2023023', 'provided.al2023'],
    ['nodejs-20', 'nodejs20.x'],
    ['nodejs20', 'nodejs20.x'],
    ['Python3.12', 'python3.12'],
    ['NODEJS22.X', 'nodejs22.x'],
    ['python3.1', undefined],
    ['${Runtime}', undefined],
    ['', undefined],
    ['   ', undefined],
    ['ruby', undefined],
    ['cobol85', undefined],
  ])('%j is unrecognized, suggesting %j', (value, suggestion) => {
    const state = runtimeState(value, day('2026-11-25'));
    expect(state).toEqual(
      suggestion === undefined
        ? { kind: 'unrecognized', value }
        : { kind: 'unrecognized', value, suggestion },
    );
  });

  it('is case-sensitive, as Lambda is', () => {
    expect(runtimeState('Nodejs22.x', day('2026-11-25')).kind).toBe('unrecognized');
  });

  it('never throws on any string, and any suggestion is a runtime in the table', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (value) => {
        const state = runtimeState(value, day('2026-11-25'));
        if (state.kind === 'unrecognized') {
          expect(state.value).toBe(value);
          if (state.suggestion !== undefined) expect(findRuntime(state.suggestion)).toBeDefined();
        } else {
          expect(state.runtime.identifier).toBe(value);
        }
      }),
    );
  });

  it('rejects a scan date or warning window that makes no sense', () => {
    expect(() => runtimeState('nodejs22.x', new Date('not a date'))).toThrow(RangeError);
    expect(() => runtimeState('nodejs22.x', day('2026-11-25'), -1)).toThrow(RangeError);
  });
});
