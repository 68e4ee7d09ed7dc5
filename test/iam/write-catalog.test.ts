// biome-ignore-all lint/suspicious/noTemplateCurlyInString: CloudFormation `${...}` templates are the subject of these tests
import { describe, expect, it } from 'vitest';
import type { ActionInfo } from '../../src/iam/actions.js';
import { writeOnAllResources } from '../../src/iam/grants.js';
import { type CatalogContext, patternsGranting, sharedLookups } from '../../src/iam/write-catalog.js';
import { doc, st, sub } from './fixtures.js';

describe('sharedLookups', () => {
  const reads = (action: ActionInfo) => action.name === 's3:GetObject';
  const leaveOut = (action: string) => action === 's3:PutObject';

  it('keeps one record per selection: what is looked for, and what the caller leaves out', () => {
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
    expect(kept.known.peek('s3:Get*')?.certain.map((action) => action.name)).toEqual(['s3:GetObject']);
    expect(kept.known.size).toBe(1);
    // A second analysis asks the kept lookup, and finds the same.
    expect(writeOnAllResources(document, { selects: reads })).toEqual(hits);
    // Another selection, its own: the write levels of s3:Get* are none.
    writeOnAllResources(document, { levels: ['Write'], leaveOut });
    expect(sharedLookups({ levels: ['Write'], leaveOut }).known.peek('s3:Get*')?.certain).toEqual([]);
  });

  it('keeps the patterns of a list that may grant what is looked for, once per list and selection', () => {
    const context = (selects: (action: ActionInfo) => boolean): CatalogContext => ({
      options: { selects },
      isWrite: selects,
      leaveOut: () => false,
      lookups: new Map(),
      shared: sharedLookups({ selects, levels: [] }),
    });
    const later = sub('s3:${Verb}');
    const list = ['ec2:Describe*', 's3:Get*', 'sqs:List*', later, 'nosuch:Thing'];
    const first = patternsGranting(list, context(reads));
    // A pattern not known before deploy may grant it; a service the catalog does not know holds none of its reads.
    expect(first).toEqual(['s3:Get*', later]);
    expect(patternsGranting(list, context(reads))).toBe(first);
    const lists = (action: ActionInfo) => action.name === 'sqs:ListQueues';
    expect(patternsGranting(list, context(lists))).toEqual(['sqs:List*', later]);
    // Looking for writes, the service the catalog does not know may be one AWS added since: it may write.
    const writes: CatalogContext = {
      options: {},
      isWrite: (action) => action.levels.has('Write'),
      leaveOut: () => false,
      lookups: new Map(),
      shared: sharedLookups({ levels: ['Write'] }),
    };
    expect(patternsGranting(list, writes)).toEqual([later, 'nosuch:Thing']);
  });
});
