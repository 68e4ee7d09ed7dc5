import { describe, expect, it } from 'vitest';
import { roleCoverage } from '../../src/iam/grants.js';
import { OTHER_PARTITIONS, PARTITIONS, partitionOf } from '../../src/iam/partitions.js';
import { isAllResources } from '../../src/iam/statements.js';

describe('PARTITIONS', () => {
  it('are each told apart by partitionOf, the isolated ones and aws-eusc among them, aws first', () => {
    for (const partition of PARTITIONS) expect(partitionOf(`arn:${partition}:s3:::b`)).toBe(partition);
    expect(PARTITIONS).toEqual(
      expect.arrayContaining(['aws-iso', 'aws-iso-b', 'aws-iso-e', 'aws-iso-f', 'aws-eusc']),
    );
    expect([PARTITIONS[0], ...OTHER_PARTITIONS]).toEqual(PARTITIONS);
  });
});

describe('partitionOf', () => {
  it('names the partition an ARN pattern is of, the isolated ones and aws-eusc among them', () => {
    expect(partitionOf('arn:aws-iso-b:s3:::b')).toBe('aws-iso-b');
    expect(partitionOf('arn:aws-eusc:iam::*:role/*')).toBe('aws-eusc');
    expect(partitionOf('arn:aws-cn:*')).toBe('aws-cn');
  });

  it('reads a pattern naming none of them (`*`, `arn:aws-*:...`, an unknown name) as aws', () => {
    for (const text of ['*', 'arn:aws-*:s3:::b', 'arn:aws-moon:s3:::b', 'arn:aws-iso-b'])
      expect(partitionOf(text), text).toBe('aws');
  });
});

describe('every resource, every role: in any partition', () => {
  it('reads arn:<partition>:* as every resource of that partition', () => {
    for (const partition of PARTITIONS) expect(isAllResources(`arn:${partition}:*`), partition).toBe(true);
    expect(isAllResources('arn:aws-iso-f:s3:::*')).toBe(false);
    // No partition: its probes are aws's, which it does not match.
    expect(isAllResources('arn:aws-moon:*')).toBe(false);
  });

  it('reads arn:<partition>:iam::*:role/* as every role of any account', () => {
    expect(roleCoverage('arn:aws-iso-e:iam::*:role/*')).toBe('any-account');
    expect(roleCoverage('arn:aws-eusc:iam::*:role/*')).toBe('any-account');
  });
});
