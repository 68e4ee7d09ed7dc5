// biome-ignore-all lint/suspicious/noTemplateCurlyInString: CloudFormation `${...}` templates are the subject of these tests
import { describe, expect, it } from 'vitest';
import type { ActionInfo } from '../../src/iam/actions.js';
import { writeOnAllResources } from '../../src/iam/grants.js';
import { sharedLookups } from '../../src/iam/write-catalog.js';
import { doc, st, sub } from './fixtures.js';

describe('sharedLookups', () => {
  const reads = (action: ActionInfo) => action.name === 's3:GetObject';
  const leaveOut = (action: string) => action === 's3:PutObject';

  it('keeps one map per selection: what is looked for, and what the caller leaves out', () => {
    const of = sharedLookups({ selects: reads, levels: [] });
    expect(sharedLookups({ selects: reads, levels: ['Write'] })).toBe(of);
    expect(sharedLookups({ selects: (action) => reads(action), levels: [] })).not.toBe(of);
    const writes = sharedLookups({ levels: ['Write'] });
    expect(sharedLookups({ levels: ['Write'] })).toBe(writes);
    expect(sharedLookups({ levels: ['Write', 'Tagging'] })).not.toBe(writes);
    expect(sharedLookups({ levels: ['Write'], leaveOut })).not.toBe(writes);
  });

  it('keeps what the catalog says of a known pattern for every later analysis, not of one known at deploy only', () => {
    const document = doc(st({ action: ['s3:Get*', sub('s3:${Verb}Object')], resource: '*' }));
    const hits = writeOnAllResources(document, { selects: reads });
    expect(hits.map((hit) => [hit.answer, hit.actions])).toEqual([['yes', ['s3:GetObject']]]);
    const kept = sharedLookups({ selects: reads, levels: [] });
    expect(kept.get('s3:Get*')?.certain.map((action) => action.name)).toEqual(['s3:GetObject']);
    expect([...kept.keys()]).toEqual(['s3:Get*']);
    // A second analysis asks the kept lookup, and finds the same.
    expect(writeOnAllResources(document, { selects: reads })).toEqual(hits);
    // Another selection, its own: the write levels of s3:Get* are none.
    writeOnAllResources(document, { levels: ['Write'], leaveOut });
    expect(sharedLookups({ levels: ['Write'], leaveOut }).get('s3:Get*')?.certain).toEqual([]);
  });
});
