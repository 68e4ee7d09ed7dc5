// biome-ignore-all lint/suspicious/noTemplateCurlyInString: CloudFormation `${...}` templates are the subject of these tests
import { describe, expect, it } from 'vitest';
import {
  deployDoubt,
  keepsNoneOf,
  otherDeploys,
  otherPartitions,
  patternsOverlap,
  reachesEveryPartition,
} from '../../src/iam/deploy-place.js';
import { comparedText, OPAQUE, SELF_ACCOUNT } from '../../src/iam/templates.js';
import { EVERY_PARTITION, here, param, sub } from './fixtures.js';

describe('patternsOverlap', () => {
  it('finds a text both patterns match', () => {
    expect(patternsOverlap('arn:aws:s3:::keep/*', 'arn:aws:s3:::keep/a')).toBe(true);
    expect(patternsOverlap('arn:aws:s3:::k*', 'arn:aws:s3:::*p/*')).toBe(true);
    expect(patternsOverlap('arn:aws:s3:::?', 'arn:aws:s3:::*')).toBe(true);
    expect(patternsOverlap('*', '')).toBe(true);
    expect(patternsOverlap('a*b*c', '*x*')).toBe(true);
  });

  it('tells patterns apart that no text matches both', () => {
    expect(patternsOverlap('arn:aws:s3:::keep/*', 'arn:aws:s3:::other/*')).toBe(false);
    expect(patternsOverlap('arn:aws:s3:::??', 'arn:aws:s3:::abc')).toBe(false);
    expect(patternsOverlap('a*', 'b*')).toBe(false);
    expect(patternsOverlap('*a', '*b')).toBe(false);
    // Case counts, as IAM reads Resource ARNs.
    expect(patternsOverlap('arn:aws:s3:::Keep/*', 'arn:aws:s3:::keep/x')).toBe(false);
    expect(patternsOverlap('arn:aws:iam::*:user/Bob', 'arn:aws:iam::*:user/bob')).toBe(false);
  });

  it('reads the field mark as any run of characters without `:`', () => {
    expect(patternsOverlap('arn:\u0005:s3:::keep/*', 'arn:aws:s3:::other/*')).toBe(false);
    expect(patternsOverlap('arn:*:s3:::keep/*', 'arn:aws:s3:::other/*')).toBe(true);
    expect(patternsOverlap('arn:aws:sqs:\u0005:1:q', 'arn:aws:sqs:us-*:1:q')).toBe(true);
  });
});

describe('keepsNoneOf', () => {
  const granted = (text: string) => comparedText(sub(text), here) as string;

  it('is yes only where no deploy could make them meet', () => {
    expect(keepsNoneOf('arn:aws:s3:::keep/*', here, 'arn:aws:s3:::other/*')).toBe('yes');
    expect(keepsNoneOf(sub('arn:${AWS::Partition}:s3:::keep/*'), here, 'arn:aws:s3:::other/*')).toBe('yes');
    // Another service, another queue name: whatever the region and account.
    expect(
      keepsNoneOf(sub('arn:aws:sqs:${AWS::Region}:${AWS::AccountId}:jobs'), here, 'arn:aws:sqs:*:*:mail'),
    ).toBe('yes');
    // Case counts: IAM matches Resource ARNs case-sensitively, so `Keep/*` keeps nothing of `keep/x`.
    expect(keepsNoneOf('arn:aws:s3:::Keep/*', here, 'arn:aws:s3:::keep/x')).toBe('yes');
    expect(keepsNoneOf('arn:aws:s3:::keep/*', here, 'arn:aws:s3:::Keep/*')).toBe('yes');
    expect(keepsNoneOf('arn:aws:s3:::Kee?/*', here, 'arn:aws:s3:::Keep/*')).toBe('no');
    // The partition is an ARN field: `${AWS::Partition}` holds no `:` (no `arn:aws:s3:::other/x:s3:::keep/y`).
    expect(keepsNoneOf(sub('arn:${AWS::Partition}:s3:::keep/*'), here, 'arn:aws:s3:::other/*')).toBe('yes');
  });

  it('is no where they meet as written', () => {
    expect(keepsNoneOf('arn:aws:s3:::keep/*', here, 'arn:aws:s3:::keep/a/*')).toBe('no');
    expect(keepsNoneOf('arn:aws:s3:::keep/*', here, 'arn:aws:s3:::*')).toBe('no');
    expect(keepsNoneOf(sub('${Bucket.Arn}/*'), here, granted('${Bucket.Arn}/*'))).toBe('no');
  });

  it('is unknown where a region, an account, a name or a parameter may make them meet', () => {
    const jobs = 'arn:aws:sqs:us-east-1:123456789012:jobs';
    expect(keepsNoneOf(sub('arn:aws:sqs:${AWS::Region}:123456789012:jobs'), here, jobs)).toBe('unknown');
    expect(keepsNoneOf(sub('arn:aws:sqs:us-east-1:${AWS::AccountId}:jobs'), here, jobs)).toBe('unknown');
    expect(keepsNoneOf(jobs, here, granted('arn:aws:sqs:${AWS::Region}:123456789012:*'))).toBe('unknown');
    expect(keepsNoneOf('arn:aws:s3:::keep/*', here, granted('${Bucket.Arn}/*'))).toBe('unknown');
    expect(keepsNoneOf(param('Kept'), here, 'arn:aws:s3:::other/*')).toBe('unknown');
    // A role of the template (escalation's ARN of it): any name.
    expect(
      keepsNoneOf('arn:aws:iam::123456789012:role/x', here, `arn:aws:iam::${SELF_ACCOUNT}:role/${OPAQUE}`),
    ).toBe('unknown');
  });

  it('reads the scanned account as known where it is', () => {
    const options = { selfAccount: '111122223333' };
    const kept = sub('arn:aws:sqs:*:${AWS::AccountId}:*');
    expect(keepsNoneOf(kept, here, 'arn:aws:sqs:us-east-1:123456789012:jobs', options)).toBe('yes');
    expect(keepsNoneOf(kept, here, 'arn:aws:sqs:us-east-1:111122223333:jobs', options)).toBe('no');
  });
});

describe('otherDeploys', () => {
  const granted = (text: string) => comparedText(sub(text), here) as string;

  it('puts the literal region or account of one side in place of the other side’s placeholder', () => {
    expect(
      otherDeploys('arn:aws:sqs:${AWS::Region}:${AWS::AccountId}:*', 'arn:aws:sqs:us-east-1:123456789012:q'),
    ).toEqual([
      { denied: 'arn:aws:sqs:us-east-1:123456789012:*', granted: 'arn:aws:sqs:us-east-1:123456789012:q' },
    ]);
    expect(
      otherDeploys('arn:aws:sqs:us-*:*:*', granted('arn:aws:sqs:${AWS::Region}:${AWS::AccountId}:*')),
    ).toEqual([{ denied: 'arn:aws:sqs:us-*:*:*', granted: 'arn:aws:sqs:us-*:*:*' }]);
  });

  it('gives none where nothing names the place by placeholder, or the account is known', () => {
    expect(otherDeploys('arn:aws:sqs:us-east-1:1:*', 'arn:aws:sqs:eu-west-1:1:q')).toEqual([]);
    expect(otherDeploys('arn:aws:s3:::b/*', 'arn:aws:s3:::c/*')).toEqual([]);
    expect(
      otherDeploys('arn:aws:sqs:us-east-1:${AWS::AccountId}:*', 'arn:aws:sqs:us-east-1:123456789012:q', {
        selfAccount: '111122223333',
      }),
    ).toEqual([]);
  });
});

describe('deployDoubt', () => {
  it('names what is not known on one side alone', () => {
    expect(
      deployDoubt(
        'Resource',
        'arn:${AWS::Partition}:sqs:us-east-1:${AWS::AccountId}:*',
        ['arn:${AWS::Partition}:sqs:us-east-1:${AWS::AccountId}:*'],
        ['arn:${AWS::Partition}:sqs:${t.yaml\u0004AWS::Region}:${AWS::AccountId}:*'],
      ),
    ).toBe(
      'whether the Resource of that Deny (arn:${AWS::Partition}:sqs:us-east-1:${AWS::AccountId}:*) reaches it ' +
        'depends on the deploy (${AWS::Region} is not known before deploy)',
    );
  });
});

describe('otherPartitions', () => {
  const granted = (text: string) => comparedText(sub(text), here) as string;

  it('puts each other partition in place of ${AWS::Partition} on both sides, for a grant that names it', () => {
    expect(otherPartitions('arn:aws:s3:::b/*', granted('arn:${AWS::Partition}:s3:::b/*'))).toEqual([
      { denied: 'arn:aws:s3:::b/*', granted: 'arn:aws-cn:s3:::b/*' },
      { denied: 'arn:aws:s3:::b/*', granted: 'arn:aws-us-gov:s3:::b/*' },
      { denied: 'arn:aws:s3:::b/*', granted: 'arn:aws-iso:s3:::b/*' },
      { denied: 'arn:aws:s3:::b/*', granted: 'arn:aws-iso-b:s3:::b/*' },
      { denied: 'arn:aws:s3:::b/*', granted: 'arn:aws-iso-e:s3:::b/*' },
      { denied: 'arn:aws:s3:::b/*', granted: 'arn:aws-iso-f:s3:::b/*' },
      { denied: 'arn:aws:s3:::b/*', granted: 'arn:aws-eusc:s3:::b/*' },
    ]);
    expect(
      otherPartitions('arn:${AWS::Partition}:s3:::*', granted('arn:${AWS::Partition}:s3:::b/*'))[0],
    ).toEqual({ denied: 'arn:aws-cn:s3:::*', granted: 'arn:aws-cn:s3:::b/*' });
  });

  it('gives none for a grant naming its partition as literal text', () => {
    expect(otherPartitions('arn:${AWS::Partition}:s3:::*', 'arn:aws:s3:::b/*')).toEqual([]);
  });
});

describe('deployDoubt and the partition', () => {
  it('names ${AWS::Partition} when the grant alone writes it, not the places the Deny writes as `*`', () => {
    expect(
      deployDoubt(
        'Resource',
        'arn:aws:sqs:*:*:*',
        ['arn:aws:sqs:*:*:*'],
        ['arn:${AWS::Partition}:sqs:${t.yaml\u0004AWS::Region}:${AWS::AccountId}:*'],
      ),
    ).toBe(
      'whether the Resource of that Deny (arn:aws:sqs:*:*:*) reaches it depends on the deploy ' +
        '(${AWS::Partition} is not known before deploy)',
    );
  });

  it('leaves out a partition the Deny alone writes', () => {
    expect(
      deployDoubt(
        'Resource',
        'arn:${AWS::Partition}:sqs:${AWS::Region}:*:*',
        ['arn:${AWS::Partition}:sqs:${t.yaml\u0004AWS::Region}:*:*'],
        ['arn:aws:sqs:us-east-1:123456789012:*'],
      ),
    ).toBe(
      'whether the Resource of that Deny (arn:${AWS::Partition}:sqs:${AWS::Region}:*:*) reaches it depends on ' +
        'the deploy (${AWS::Region} is not known before deploy)',
    );
  });
});

describe('reachesEveryPartition', () => {
  it('is true for a partition field of ${AWS::Partition} or one matching each, or no `arn:` at all', () => {
    for (const text of [
      '*',
      'arn:*:*',
      'arn:aws*:s3:::*',
      'arn:${AWS::Partition}:*',
      'arn:${AWS::Partition}:s3:::b',
    ]) {
      expect(reachesEveryPartition(text), text).toBe(true);
    }
  });

  it('is false for a literal partition, or a pattern of some', () => {
    for (const text of ['arn:aws:*', 'arn:aws-cn:s3:::*', 'arn:aws-*:*']) {
      expect(reachesEveryPartition(text), text).toBe(false);
    }
  });

  it('is true of patterns that reach every partition between them, and false of ones that leave one out', () => {
    expect(reachesEveryPartition(...EVERY_PARTITION)).toBe(true);
    expect(reachesEveryPartition('arn:aws:*', 'arn:aws-*:*')).toBe(true);
    expect(reachesEveryPartition('arn:aws:*', 'arn:aws-cn:*')).toBe(false);
    // The commercial partitions alone leave out the isolated ones and the European Sovereign Cloud.
    expect(reachesEveryPartition('arn:aws:*', 'arn:aws-cn:*', 'arn:aws-us-gov:*')).toBe(false);
    for (const left of EVERY_PARTITION)
      expect(reachesEveryPartition(...EVERY_PARTITION.filter((text) => text !== left)), left).toBe(false);
    expect(reachesEveryPartition()).toBe(false);
  });
});
