import { describe, expect, it } from 'vitest';
import { allRuntimes, findRuntime, RUNTIME_TABLE_SOURCE } from '../../src/runtimes/index.js';
import { parseRuntimeTable } from '../../src/runtimes/schema.js';

// Every identifier Lambda has accepted for .zip functions or container base images, old ones included:
// the table must never lose one (Checkov once lost python3.8 to a find-and-replace).
const EVERY_RUNTIME = [
  'nodejs',
  'nodejs4.3',
  'nodejs4.3-edge',
  'nodejs6.10',
  'nodejs8.10',
  'nodejs10.x',
  'nodejs12.x',
  'nodejs14.x',
  'nodejs16.x',
  'nodejs18.x',
  'nodejs20.x',
  'nodejs22.x',
  'nodejs24.x',
  'nodejs26.x',
  'python2.7',
  'python3.6',
  'python3.7',
  'python3.8',
  'python3.9',
  'python3.10',
  'python3.11',
  'python3.12',
  'python3.13',
  'python3.14',
  'python3.15',
  'java8',
  'java8.al2',
  'java8.al2023',
  'java11',
  'java11.al2023',
  'java17',
  'java17.al2023',
  'java21',
  'java25',
  'dotnetcore1.0',
  'dotnetcore2.0',
  'dotnetcore2.1',
  'dotnetcore3.1',
  'dotnet5.0',
  'dotnet6',
  'dotnet7',
  'dotnet8',
  'dotnet9',
  'dotnet10',
  'go1.x',
  'ruby2.5',
  'ruby2.7',
  'ruby3.2',
  'ruby3.3',
  'ruby3.4',
  'ruby4.0',
  'provided',
  'provided.al2',
  'provided.al2023',
];

describe('the Lambda runtime table', () => {
  it('lists every runtime that exists or existed', () => {
    const missing = EVERY_RUNTIME.filter((identifier) => findRuntime(identifier) === undefined);
    expect(missing).toEqual([]);
  });

  it('names the AWS page it was copied from', () => {
    expect(RUNTIME_TABLE_SOURCE).toBe('https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html');
  });

  it('never has a create block after the update block', () => {
    const inverted = allRuntimes().filter(
      (runtime) =>
        runtime.blockFunctionCreate !== null &&
        runtime.blockFunctionUpdate !== null &&
        runtime.blockFunctionCreate > runtime.blockFunctionUpdate,
    );
    expect(inverted.map((runtime) => runtime.identifier)).toEqual([]);
  });

  it('has deprecation dates for every runtime that is not a preview', () => {
    const undated = allRuntimes().filter((runtime) => !runtime.preview && runtime.deprecation === null);
    expect(undated.map((runtime) => runtime.identifier)).toEqual([]);
  });
});

describe('parseRuntimeTable', () => {
  const row = {
    identifier: 'nodejs22.x',
    name: 'Node.js 22',
    family: 'nodejs',
    deprecation: '2027-04-30',
    blockFunctionCreate: null,
    blockFunctionUpdate: null,
  };
  const table = (runtimes: unknown[]) => ({
    source: 'https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html',
    takenOn: '2026-10-01',
    copyUsed: 'test',
    runtimes,
  });

  it('accepts a well-formed table and fills the defaults', () => {
    expect(parseRuntimeTable(table([row])).runtimes[0]).toMatchObject({
      preview: false,
      containerOnly: false,
    });
  });

  it('rejects a runtime listed twice', () => {
    expect(() => parseRuntimeTable(table([row, row]))).toThrow(/listed twice/);
  });

  it('rejects a date that is not a calendar day', () => {
    expect(() => parseRuntimeTable(table([{ ...row, deprecation: '2027-02-30' }]))).toThrow();
    expect(() => parseRuntimeTable(table([{ ...row, deprecation: 'Apr 30, 2027' }]))).toThrow();
  });
});

describe('the shipped runtime table', () => {
  it('matches the schema (scans do not validate it, to start fast)', async () => {
    const { default: shipped } = await import('../../src/data/lambda-runtimes.json', {
      with: { type: 'json' },
    });
    expect(() => parseRuntimeTable(shipped)).not.toThrow();
  });
});
