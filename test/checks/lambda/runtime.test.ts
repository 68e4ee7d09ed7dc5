import { describe, expect, it } from 'vitest';
import { describeStages, looksNewerThanTable, replacementFor } from '../../../src/checks/lambda/runtime.js';
import { findRuntime, type RuntimeInfo } from '../../../src/runtimes/index.js';

const runtime = (identifier: string): RuntimeInfo => {
  const info = findRuntime(identifier);
  if (info === undefined) throw new Error(`${identifier} is not in the runtime table`);
  return info;
};
// Dates as in src/data/lambda-runtimes.json (taken on 2026-10-01).
const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

describe('describeStages', () => {
  it('says "since" for dates reached and "from" for dates ahead, the scan day itself counting as reached', () => {
    expect(describeStages(runtime('python3.7'), day('2024-01-09'))).toBe(
      'deprecated on 2023-12-04; creating functions blocked since 2024-01-09; updating functions blocked from 2027-08-31',
    );
    expect(describeStages(runtime('nodejs22.x'), day('2026-11-25'))).toBe(
      'deprecated from 2027-04-30; creating functions blocked from 2027-06-01; updating functions blocked from 2027-07-01',
    );
  });

  it('says so where AWS announced no date', () => {
    expect(describeStages(runtime('java17.al2023'), day('2026-11-25'))).toBe(
      'deprecated from 2029-06-30; no date announced for blocking function creation; no date announced for blocking function updates',
    );
    expect(describeStages(runtime('nodejs26.x'), day('2026-11-25'))).toContain(
      'no deprecation date announced',
    );
  });
});

describe('replacementFor', () => {
  it('is the newest supported, non-preview runtime of the family', () => {
    expect(replacementFor(runtime('nodejs18.x'), day('2026-11-25'))).toBe('nodejs24.x');
    expect(replacementFor(runtime('python3.8'), day('2026-11-25'))).toBe('python3.14');
    expect(replacementFor(runtime('go1.x'), day('2026-11-25'))).toBe('provided.al2023');
  });

  it('is undefined when no runtime of the family is supported any more', () => {
    expect(replacementFor(runtime('python3.8'), day('2040-01-01'))).toBeUndefined();
  });
});

describe('looksNewerThanTable', () => {
  it('recognises later versions of known runtimes', () => {
    for (const value of ['python3.16', 'nodejs28.x', 'java29', 'dotnet12', 'ruby4.1']) {
      expect(looksNewerThanTable(value), value).toBe(true);
    }
  });

  it('rejects misspellings, placeholders, older versions and doubled suffixes', () => {
    for (const value of [
      'provided.al2023023',
      'PYTHON3_VERSION',
      'python3.1',
      'nodejs23.x',
      'Python3.16',
      'nodejs',
    ]) {
      expect(looksNewerThanTable(value), value).toBe(false);
    }
  });
});
