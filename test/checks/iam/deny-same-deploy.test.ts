// biome-ignore-all lint/suspicious/noTemplateCurlyInString: CloudFormation `${...}` templates are the subject of these tests
import { describe, expect, it } from 'vitest';
import wildcardAction from '../../../src/checks/iam/role-wildcard-action.js';
import writeOnAll from '../../../src/checks/iam/role-wildcard-resource-write.js';
import { scanTemplate } from '../../helpers/scan-template.js';
import { allow, appRole, inline } from './fixtures.js';

// A Deny and an Allow whose resources are built alike from values not known before deploy (`${AWS::Partition}`,
// `${AWS::Region}`, a `!Ref` of one parameter) name the same text in any one deploy: the Deny takes the grant back.

function results(text: string, check: typeof writeOnAll) {
  const { findings, errors } = scanTemplate(text, check);
  expect(errors).toEqual([]);
  return findings.map((f) => [f.status, f.message]);
}

function deny(action: string, resource: string): string {
  return `              - Effect: Deny
                Action: ${action}
                Resource: ${resource}
`;
}

const SUB_QUEUES = '!Sub "arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:*"';
/** CDK's way of writing the same ARN. */
const JOIN_QUEUES =
  "{ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':sqs:', { Ref: 'AWS::Region' }, ':', " +
  "{ Ref: 'AWS::AccountId' }, ':*']] }";
const SUB_TABLES = '!Sub "arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/*"';
const BUCKET_PARAMS = 'Parameters:\n  Bucket: { Type: String }\n  Other: { Type: String }\n';
const CANCELS_SQS =
  'no statement allows a wildcard action (the Deny of inline policy app, Statement[1] cancels sqs:*)';

describe('a Deny written with the same values not known before deploy as the Allow', () => {
  it('cancels a wildcard action on resources built with ${AWS::Partition} and ${AWS::Region}, by !Sub or Fn::Join', () => {
    for (const [granted, denied] of [
      [SUB_QUEUES, SUB_QUEUES],
      [JOIN_QUEUES, JOIN_QUEUES],
      [SUB_QUEUES, JOIN_QUEUES],
    ] as const) {
      const text = appRole(inline(allow("'sqs:*'", granted) + deny("'sqs:*'", denied)));
      expect(results(text, wildcardAction)).toEqual([['pass', CANCELS_SQS]]);
    }
  });

  it('cancels writes on every table of the account and region', () => {
    const text = appRole(inline(allow('dynamodb:PutItem', SUB_TABLES) + deny('dynamodb:*', SUB_TABLES)));
    expect(results(text, writeOnAll)).toEqual([
      [
        'pass',
        'no statement allows write actions on every resource, or on every resource of a type (the Deny of ' +
          'inline policy app, Statement[1] cancels dynamodb:PutItem)',
      ],
    ]);
  });

  it('cancels a grant on a bucket named by a parameter when the Deny names it by the same parameter', () => {
    const objects = '!Sub "arn:${AWS::Partition}:s3:::${Bucket}/*"';
    const text = appRole(inline(allow("'s3:*'", objects) + deny("'s3:*'", objects)), BUCKET_PARAMS);
    expect(results(text, wildcardAction)).toEqual([
      [
        'pass',
        'no statement allows a wildcard action (the Deny of inline policy app, Statement[1] cancels s3:*)',
      ],
    ]);
  });

  it('is unknown when the Deny names its bucket by another parameter, which may be the same bucket or `*`', () => {
    const text = appRole(
      inline(
        allow("'s3:*'", '!Sub "arn:${AWS::Partition}:s3:::${Bucket}/*"') +
          deny("'s3:*'", '!Sub "arn:${AWS::Partition}:s3:::${Other}/*"'),
      ),
      BUCKET_PARAMS,
    );
    expect(results(text, wildcardAction)).toEqual([
      [
        'unknown',
        'inline policy app, Statement[0] may grant every s3 action ("s3:*"): a Deny may cancel it: the Resource ' +
          'of that Deny is not known before deploy (from parameter Other, which has no default).',
      ],
    ]);
  });

  it('still fails when the Deny names one region and the grant ${AWS::Region}, or another queue', () => {
    const oneRegion = '!Sub "arn:${AWS::Partition}:sqs:us-east-1:${AWS::AccountId}:*"';
    const oneQueue = '!Sub "arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:jobs"';
    for (const denied of [oneRegion, oneQueue]) {
      const text = appRole(inline(allow("'sqs:*'", SUB_QUEUES) + deny("'sqs:*'", denied)));
      expect(results(text, wildcardAction)).toEqual([
        ['fail', 'inline policy app, Statement[0]: Allow grants every sqs action ("sqs:*").'],
      ]);
    }
  });

  it('limits a grant on every resource to what a NotResource built with ${AWS::Partition} keeps, as one written out', () => {
    const kept = '!Sub "arn:${AWS::Partition}:s3:::my-bucket/*"';
    const text = appRole(
      inline(`${allow("'s3:*'", "'*'")}              - Effect: Deny
                Action: 's3:*'
                NotResource: ${kept}
`),
    );
    expect(results(text, wildcardAction)).toEqual([
      [
        'fail',
        'inline policy app, Statement[0]: Allow grants every s3 action ("s3:*") (the Deny of inline policy app, ' +
          'Statement[1] limits it to arn:${AWS::Partition}:s3:::my-bucket/*).',
      ],
    ]);
  });

  it('covers a grant on one queue of the region with a Deny on every queue there', () => {
    const jobs = '!Sub "arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:jobs"';
    const text = appRole(inline(allow("'sqs:*'", jobs) + deny("'sqs:*'", SUB_QUEUES)));
    expect(results(text, wildcardAction)).toEqual([['pass', CANCELS_SQS]]);
  });
});
