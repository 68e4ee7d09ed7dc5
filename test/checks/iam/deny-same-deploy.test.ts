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

  it('still fails when the Deny names another queue', () => {
    const oneQueue = '!Sub "arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:jobs"';
    const text = appRole(inline(allow("'sqs:*'", SUB_QUEUES) + deny("'sqs:*'", oneQueue)));
    expect(results(text, wildcardAction)).toEqual([
      ['fail', 'inline policy app, Statement[0]: Allow grants every sqs action ("sqs:*").'],
    ]);
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

// The stack's region and account are not known before deploy: a Deny naming them by `${AWS::Region}` and
// `${AWS::AccountId}` covers a grant written with a literal region and account in some deploys, not in others (and the
// reverse). Never a certain cover (a false pass); `unknown`, saying on what it depends, as for any Deny that may apply.
describe('a Deny and an Allow, one naming the region or account by ${...}, the other as literal text', () => {
  const LITERAL_QUEUES = "'arn:aws:sqs:us-east-1:123456789012:*'";
  const mayCancel = (resource: string, names: string) => [
    'unknown',
    'inline policy app, Statement[0] may grant every sqs action ("sqs:*"): a Deny may cancel it: whether the ' +
      `Resource of that Deny (${resource}) reaches it depends on the deploy (${names} not known before deploy).`,
  ];

  it('is unknown for a Deny built with ${AWS::Region} and ${AWS::AccountId} over literal ones', () => {
    const text = appRole(inline(allow("'sqs:*'", LITERAL_QUEUES) + deny("'sqs:*'", SUB_QUEUES)));
    expect(results(text, wildcardAction)).toEqual([
      mayCancel(
        'arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:*',
        '${AWS::Region} and ${AWS::AccountId} are',
      ),
    ]);
  });

  it('is unknown for a Deny naming one region over a grant in ${AWS::Region}, and one account over ${AWS::AccountId}', () => {
    for (const [denied, written, names] of [
      [
        '!Sub "arn:${AWS::Partition}:sqs:us-east-1:${AWS::AccountId}:*"',
        'arn:${AWS::Partition}:sqs:us-east-1:${AWS::AccountId}:*',
        '${AWS::Region} is',
      ],
      [
        '!Sub "arn:${AWS::Partition}:sqs:${AWS::Region}:123456789012:*"',
        'arn:${AWS::Partition}:sqs:${AWS::Region}:123456789012:*',
        '${AWS::AccountId} is',
      ],
      // A pattern of regions stands for each it matches.
      // (and the grant's `${AWS::Partition}` is another partition's in aws-cn, where `arn:aws:` does not reach it)
      ["'arn:aws:sqs:us-*:*:*'", 'arn:aws:sqs:us-*:*:*', '${AWS::Partition} and ${AWS::Region} are'],
    ] as const) {
      const text = appRole(inline(allow("'sqs:*'", SUB_QUEUES) + deny("'sqs:*'", denied)));
      expect(results(text, wildcardAction), denied).toEqual([mayCancel(written, names)]);
    }
  });

  it('still fails where no region or account would make the Deny cover the grant', () => {
    for (const denied of [
      // Another queue name, whatever the region.
      '!Sub "arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:jobs"',
      // Another service.
      '!Sub "arn:${AWS::Partition}:sns:${AWS::Region}:${AWS::AccountId}:*"',
    ]) {
      const text = appRole(inline(allow("'sqs:*'", LITERAL_QUEUES) + deny("'sqs:*'", denied)));
      expect(results(text, wildcardAction), denied).toEqual([
        ['fail', 'inline policy app, Statement[0]: Allow grants every sqs action ("sqs:*").'],
      ]);
    }
  });

  it('still cancels where the Deny covers every region and account', () => {
    const text = appRole(inline(allow("'sqs:*'", LITERAL_QUEUES) + deny("'sqs:*'", "'arn:aws:sqs:*:*:*'")));
    expect(results(text, wildcardAction)).toEqual([['pass', CANCELS_SQS]]);
  });
});

// The stack's partition is not known before deploy either: a grant on `arn:${AWS::Partition}:...` is on
// `arn:aws-cn:...` in a China Region, which a Deny on `arn:aws:...` does not reach; the reverse is no doubt, as
// credentials of one partition cannot act on resources of another (a literal `arn:aws:` grant is of no use there).
describe('a Deny and an Allow, one naming the partition by ${AWS::Partition}, the other as literal text', () => {
  const SUB_OBJECTS = '!Sub "arn:${AWS::Partition}:s3:::data/*"';
  const LITERAL_OBJECTS = "'arn:aws:s3:::data/*'";
  const CANCELS_S3 =
    'no statement allows a wildcard action (the Deny of inline policy app, Statement[1] cancels s3:*)';

  it('is unknown for a Deny on arn:aws:... over a grant on arn:${AWS::Partition}:..., naming the partition', () => {
    const text = appRole(inline(allow("'s3:*'", SUB_OBJECTS) + deny("'s3:*'", LITERAL_OBJECTS)));
    expect(results(text, wildcardAction)).toEqual([
      [
        'unknown',
        'inline policy app, Statement[0] may grant every s3 action ("s3:*"): a Deny may cancel it: whether the ' +
          'Resource of that Deny (arn:aws:s3:::data/*) reaches it depends on the deploy (${AWS::Partition} is not ' +
          'known before deploy).',
      ],
    ]);
  });

  it('is unknown for writes on every table, by a Deny written with arn:aws', () => {
    const text = appRole(
      inline(allow('dynamodb:PutItem', SUB_TABLES) + deny('dynamodb:*', "'arn:aws:dynamodb:*:*:table/*'")),
    );
    expect(results(text, writeOnAll)).toEqual([
      [
        'unknown',
        'inline policy app, Statement[0] may grant write actions ("dynamodb:PutItem") on every DynamoDB table in ' +
          'the account and region ("arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/*"): a Deny ' +
          'may cancel it: whether the Resource of that Deny (arn:aws:dynamodb:*:*:table/*) reaches it depends on the ' +
          'deploy (${AWS::Partition} is not known before deploy).',
      ],
    ]);
  });

  it('still cancels where both name the partition alike, or the Deny any partition', () => {
    for (const [granted, denied] of [
      [SUB_OBJECTS, SUB_OBJECTS],
      [LITERAL_OBJECTS, LITERAL_OBJECTS],
      [SUB_OBJECTS, "'arn:*:s3:::data/*'"],
      // The grant on arn:aws:... acts in the aws partition alone, where the Deny names it.
      [LITERAL_OBJECTS, SUB_OBJECTS],
    ] as const) {
      const text = appRole(inline(allow("'s3:*'", granted) + deny("'s3:*'", denied)));
      expect(results(text, wildcardAction), `${granted} / ${denied}`).toEqual([['pass', CANCELS_S3]]);
    }
  });

  it('still fails where the Deny names another bucket in any partition', () => {
    const text = appRole(inline(allow("'s3:*'", SUB_OBJECTS) + deny("'s3:*'", "'arn:aws:s3:::other/*'")));
    expect(results(text, wildcardAction)).toEqual([
      ['fail', 'inline policy app, Statement[0]: Allow grants every s3 action ("s3:*").'],
    ]);
  });
});
