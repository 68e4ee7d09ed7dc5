import { describe, expect, it } from 'vitest';
import readOnAll from '../../../src/checks/iam/role-wildcard-resource-read.js';
import { scanTemplate } from '../../helpers/scan-template.js';
import { allow, appRole, inline } from './fixtures.js';

// Reads the Service Authorization Reference lists no resource type for (s3:ListAllMyBuckets, ec2:DescribeInstances,
// logs:DescribeLogGroups) accept only `Resource: "*"`: there is nothing narrower to write, so they never fail; the
// pass names them, as the write check's names such writes, so that a user sees they were read and are not the problem.

function results(text: string) {
  const { findings, errors } = scanTemplate(text, readOnAll);
  expect(errors).toEqual([]);
  return findings.map((f) => [f.status, f.message]);
}

const PASS = 'no statement allows sensitive reads on every resource, or on every resource of a type';

function deny(action: string, resource: string): string {
  return `              - Effect: Deny
                Action: ${action}
                Resource: ${resource}
`;
}

describe('reads that accept only "*", granted on every resource', () => {
  it('pass, the pass naming them', () => {
    const text = appRole(inline(allow("['s3:ListAllMyBuckets', 'logs:DescribeLogGroups']", "'*'")));
    expect(results(text)).toEqual([
      ['pass', `${PASS} (left out, as they accept only "*": logs:DescribeLogGroups and s3:ListAllMyBuckets)`],
    ]);
  });

  it('pass under a pattern, listing a few and counting the rest', () => {
    expect(results(appRole(inline(allow("'ec2:Describe*'", "'*'"))))).toEqual([
      [
        'pass',
        `${PASS} (left out, as they accept only "*": ec2:DescribeAccountAttributes, ` +
          'ec2:DescribeAccountVpcEncryptionControl, ec2:DescribeAddressTransfers, ec2:DescribeAddresses, ' +
          'ec2:DescribeAddressesAttribute and 172 more)',
      ],
    ]);
  });

  it('leave the failing finding of a sensitive read beside them as it was', () => {
    const text = appRole(inline(allow("['s3:ListAllMyBuckets', 's3:GetObject']", "'*'")));
    expect(results(text)).toEqual([
      [
        'fail',
        'inline policy app, Statement[0]: Allow grants sensitive reads ("s3:GetObject") on every resource.',
      ],
    ]);
    expect(results(appRole(inline(allow("'s3:GetObject'", "'*'"))))).toEqual([
      [
        'fail',
        'inline policy app, Statement[0]: Allow grants sensitive reads ("s3:GetObject") on every resource.',
      ],
    ]);
  });

  it('are not named where a Deny takes them back on "*", and are where a Deny names ARNs only', () => {
    const listing = allow("['s3:ListAllMyBuckets']", "'*'");
    expect(results(appRole(inline(listing + deny("'s3:List*'", "'*'"))))).toEqual([['pass', PASS]]);
    // Their resource is `*`: a Deny on every S3 ARN does not match it.
    expect(results(appRole(inline(listing + deny("'s3:*'", "'arn:*:s3:::*'"))))).toEqual([
      ['pass', `${PASS} (left out, as they accept only "*": s3:ListAllMyBuckets)`],
    ]);
  });

  it('are not named where the Resource is some ARNs (they grant nothing there), nor reads acting on a type', () => {
    expect(results(appRole(inline(allow("'s3:ListAllMyBuckets'", "'arn:aws:s3:::b'"))))).toEqual([
      ['pass', PASS],
    ]);
    // s3:ListBucket acts on a bucket: no secret or data, and it could be narrowed; not one accepting only "*".
    expect(results(appRole(inline(allow("'s3:ListBucket'", "'*'"))))).toEqual([['pass', PASS]]);
  });

  it('are counted by service, not sampled, where `*` less a Deny grants thousands of them', () => {
    const text = appRole(
      inline(
        allow("'*'", "'*'") +
          deny(
            "['s3:GetObject*', 'secretsmanager:*', 'ssm:*', 'dynamodb:*', 'sqs:*', 'kinesis:*', 'lambda:*', 'ecr:*']",
            "'*'",
          ),
      ),
    );
    expect(results(text)).toEqual([
      [
        'pass',
        `${PASS} (left out, as they accept only "*": 3918 actions of 401 services) (the Deny of inline policy app, ` +
          'Statement[1] cancels 18 sensitive reads of s3:GetObject*, secretsmanager:*, ssm:*, dynamodb:*, sqs:*, ' +
          'kinesis:*, lambda:*, ecr:*)',
      ],
    ]);
  });
});

describe('a read on every object of every S3 bucket', () => {
  it('says so once, for a bucket ARN and its objects whose bucket is a parameter (s3:GetObject acts on objects)', () => {
    const text = appRole(
      inline(allow("'s3:GetObject'", "[!Sub 'arn:aws:s3:::${Bucket}', !Sub 'arn:aws:s3:::${Bucket}/*']")),
    ).replace('Resources:', 'Parameters:\n  Bucket: { Type: String }\nResources:');
    const [status, message] = results(text)[0] ?? [];
    expect(status).toBe('unknown');
    expect(message).toBe(
      'inline policy app, Statement[0] may grant sensitive reads ("s3:GetObject") on every object in every S3 bucket ' +
        '("arn:aws:s3:::${Bucket}", "arn:aws:s3:::${Bucket}/*"): the Resource is not known before deploy (from ' +
        'parameter Bucket, which has no default).',
    );
  });
});
