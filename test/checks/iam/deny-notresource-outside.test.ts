// biome-ignore-all lint/suspicious/noTemplateCurlyInString: CloudFormation `${...}` templates are the subject of these tests
import { describe, expect, it } from 'vitest';
import wildcardAction from '../../../src/checks/iam/role-wildcard-action.js';
import wildcardWrite from '../../../src/checks/iam/role-wildcard-resource-write.js';
import { scanTemplate } from '../../helpers/scan-template.js';
import { allow, appRole, inline } from './fixtures.js';

// A Deny with NotResource applies to every resource its NotResource does not name (IAM User Guide, "IAM JSON policy
// elements: NotResource"), and an explicit Deny overrides any Allow ("Policy evaluation logic"): a grant on resources
// none of which it keeps is cancelled. Only where no deploy could make them meet: the stack's region and account, a
// resource's name or a parameter are not known before deploy.

const DENY = 'the Deny of inline policy app, Statement[1]';

/** Allow `action` on `granted`, then Deny `denied` on all but `kept` (YAML values); `head` before Resources. */
function keptOnly(action: string, granted: string, denied: string, kept: string, head = ''): string {
  return appRole(
    inline(
      `${allow(action, granted)}              - { Effect: Deny, Action: ${denied}, NotResource: ${kept} }\n`,
    ),
    head,
  );
}

function results(text: string, check: typeof wildcardAction) {
  const { findings, errors } = scanTemplate(text, check);
  expect(errors).toEqual([]);
  return findings.map((f) => [f.status, f.message]);
}

describe('a Deny NotResource keeping none of what an Allow grants', () => {
  it('cancels a grant on another bucket: s3:* on other/* beside a Deny of s3:* on all but keep/*', () => {
    const text = keptOnly("'s3:*'", "'arn:aws:s3:::other/*'", "'s3:*'", "'arn:aws:s3:::keep/*'");
    expect(results(text, wildcardAction)).toEqual([
      ['pass', `no statement allows a wildcard action (${DENY} cancels s3:*)`],
    ]);
  });

  it('cancels writes on every table of one region beside a NotResource keeping the tables of another', () => {
    const text = keptOnly(
      'dynamodb:PutItem',
      "'arn:aws:dynamodb:us-east-1:123456789012:table/*'",
      "'dynamodb:*'",
      "'arn:aws:dynamodb:eu-west-1:123456789012:table/*'",
    );
    expect(results(text, wildcardWrite)).toEqual([
      [
        'pass',
        `no statement allows write actions on every resource, or on every resource of a type (${DENY} cancels ` +
          'dynamodb:PutItem)',
      ],
    ]);
  });

  it('cancels a grant on a bucket its NotResource names in another case: IAM matches ARNs case-sensitively', () => {
    const text = keptOnly("'s3:*'", "'arn:aws:s3:::Keep/*'", "'s3:*'", "'arn:aws:s3:::keep/*'");
    expect(results(text, wildcardAction)).toEqual([
      ['pass', `no statement allows a wildcard action (${DENY} cancels s3:*)`],
    ]);
  });

  it('does not cancel a grant on what it keeps, or on resources some of which it keeps', () => {
    for (const granted of ["'arn:aws:s3:::keep/reports/*'", "'arn:aws:s3:::*/*'"]) {
      const text = keptOnly("'s3:*'", granted, "'s3:*'", "'arn:aws:s3:::keep/*'");
      expect(results(text, wildcardAction), granted).toEqual([
        [
          'fail',
          `inline policy app, Statement[0]: Allow grants every s3 action ("s3:*") (${DENY} limits it to arn:aws:s3:::keep/*).`,
        ],
      ]);
    }
  });

  it('is unknown where the stack’s region and account may be those granted: ${AWS::Region} kept, us-east-1 granted', () => {
    const kept = '!Sub "arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:jobs"';
    const text = keptOnly("'sqs:*'", "'arn:aws:sqs:us-east-1:123456789012:jobs'", "'sqs:*'", kept);
    expect(results(text, wildcardAction)).toEqual([
      [
        'unknown',
        'inline policy app, Statement[0] may grant every sqs action ("sqs:*"): a Deny may cancel it: whether the ' +
          'NotResource of that Deny (arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:jobs) reaches it ' +
          'depends on the deploy (${AWS::Region} and ${AWS::AccountId} are not known before deploy).',
      ],
    ]);
    // The reverse: every table of the stack's region granted, those of one region kept.
    const tables = keptOnly(
      'dynamodb:PutItem',
      '!Sub "arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/*"',
      "'dynamodb:*'",
      '!Sub "arn:${AWS::Partition}:dynamodb:eu-west-1:${AWS::AccountId}:table/*"',
    );
    expect(results(tables, wildcardWrite)).toEqual([
      [
        'unknown',
        'inline policy app, Statement[0] may grant write actions ("dynamodb:PutItem") on every DynamoDB table in ' +
          'the account and region ("arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/*"): a ' +
          'Deny may cancel it: whether the NotResource of that Deny ' +
          '(arn:${AWS::Partition}:dynamodb:eu-west-1:${AWS::AccountId}:table/*) reaches it depends on the deploy ' +
          '(${AWS::Region} is not known before deploy).',
      ],
    ]);
  });

  it('passes writes on every queue of a region that a NotResource of ${AWS::Region} cancels or limits: either way', () => {
    // In us-east-1 it keeps the jobs queue alone; elsewhere it denies every queue granted.
    const kept = '!Sub "arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:jobs"';
    const text = keptOnly('sqs:SendMessage', "'arn:aws:sqs:us-east-1:123456789012:*'", "'sqs:*'", kept);
    expect(results(text, wildcardWrite)).toEqual([
      [
        'pass',
        `no statement allows write actions on every resource, or on every resource of a type (${DENY} limits ` +
          'sqs:SendMessage to arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:jobs)',
      ],
    ]);
  });

  it('is unknown where a NotResource from a parameter without default may keep what is granted', () => {
    const text = keptOnly(
      "'s3:*'",
      "'arn:aws:s3:::other/*'",
      "'s3:*'",
      '!Sub "arn:aws:s3:::${Kept}/*"',
      'Parameters:\n  Kept: { Type: String }\n',
    );
    expect(results(text, wildcardAction)).toEqual([
      [
        'unknown',
        'inline policy app, Statement[0] may grant every s3 action ("s3:*"): a Deny may cancel it: the ' +
          'NotResource of that Deny is not known before deploy (from parameter Kept, which has no default).',
      ],
    ]);
  });
});
