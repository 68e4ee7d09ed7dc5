// biome-ignore-all lint/suspicious/noTemplateCurlyInString: CloudFormation `${...}` templates are the subject of these tests
import { describe, expect, it } from 'vitest';
import wildcardAction from '../../../src/checks/iam/role-wildcard-action.js';
import writeOnAll from '../../../src/checks/iam/role-wildcard-resource-write.js';
import { scanTemplate } from '../../helpers/scan-template.js';
import { EVERY_PARTITION as IAM_EVERY_PARTITION } from '../../iam/fixtures.js';
import { allow, appRole, inline } from './fixtures.js';

// A stack is deployed to one partition (aws, aws-cn, aws-us-gov, the isolated aws-iso, aws-iso-b, aws-iso-e and
// aws-iso-f, or the European Sovereign Cloud's aws-eusc), not known before deploy: a grant on `*` or on
// `arn:${AWS::Partition}:...` is on that partition's resources. A Deny listing a pattern for each partition covers it
// wherever the stack is; one reaching some partitions only covers it in some deploys: unknown, never a pass.

function results(text: string, check: typeof wildcardAction = wildcardAction) {
  const { findings, errors } = scanTemplate(text, check);
  expect(errors).toEqual([]);
  return findings.map((f) => [f.status, f.severity, f.message]);
}

function denySqs(resource: string): string {
  return `              - Effect: Deny
                Action: 'sqs:*'
                Resource: ${resource}
`;
}

const EVERY_PARTITION = `[${IAM_EVERY_PARTITION.map((text) => `'${text}'`).join(', ')}]`;
const COMMERCIAL = "['arn:aws:*', 'arn:aws-cn:*', 'arn:aws-us-gov:*']";
const SUB_QUEUES = '!Sub "arn:${AWS::Partition}:sqs:*"';
const CANCELS_SQS =
  'no statement allows a wildcard action (the Deny of inline policy app, Statement[1] cancels sqs:*)';
const SQS_STAR = 'inline policy app, Statement[0]: Allow grants every sqs action ("sqs:*").';

describe('a Deny listing every resource of each partition', () => {
  it('cancels a wildcard action on every resource, as it cancels its writes', () => {
    const text = appRole(inline(allow("'sqs:*'", "'*'") + denySqs(EVERY_PARTITION)));
    expect(results(text)).toEqual([['pass', 'high', CANCELS_SQS]]);
    expect(results(text, writeOnAll)).toEqual([
      [
        'pass',
        'high',
        'no statement allows write actions on every resource, or on every resource of a type (the Deny of ' +
          'inline policy app, Statement[1] cancels 13 write actions of sqs:*)',
      ],
    ]);
  });

  it('cancels a grant on arn:*:... or arn:${AWS::Partition}:... alike', () => {
    for (const granted of ["'arn:*:*'", '!Sub "arn:${AWS::Partition}:*"', SUB_QUEUES]) {
      const text = appRole(inline(allow("'sqs:*'", granted) + denySqs(EVERY_PARTITION)));
      expect(results(text), granted).toEqual([['pass', 'high', CANCELS_SQS]]);
    }
  });

  it('is unknown where only the commercial partitions are listed: a stack in aws-iso or aws-eusc keeps it', () => {
    const text = appRole(inline(allow("'sqs:*'", "'*'") + denySqs(COMMERCIAL)));
    expect(results(text)).toEqual([
      [
        'unknown',
        'high',
        'inline policy app, Statement[0] may grant every sqs action ("sqs:*"): a Deny may cancel it: whether the ' +
          'Resource of that Deny (arn:aws:*, arn:aws-cn:*, arn:aws-us-gov:*) reaches it depends on the deploy ' +
          '(${AWS::Partition} is not known before deploy).',
      ],
    ]);
  });

  it('is unknown where one partition is left out: a stack there keeps the grant', () => {
    const text = appRole(inline(allow("'sqs:*'", "'*'") + denySqs("['arn:aws:*', 'arn:aws-cn:*']")));
    expect(results(text)).toEqual([
      [
        'unknown',
        'high',
        'inline policy app, Statement[0] may grant every sqs action ("sqs:*"): a Deny may cancel it: whether the ' +
          'Resource of that Deny (arn:aws:*, arn:aws-cn:*) reaches it depends on the deploy (${AWS::Partition} is ' +
          'not known before deploy).',
      ],
    ]);
  });

  it('still fails a grant on a literal arn:aws:... where the Deny lists the other partitions alone', () => {
    // Credentials of the aws partition act on its resources alone: the Deny reaches none of them.
    const text = appRole(
      inline(allow("'sqs:*'", "'arn:aws:sqs:*'") + denySqs("['arn:aws-cn:*', 'arn:aws-us-gov:*']")),
    );
    expect(results(text)).toEqual([['fail', 'high', SQS_STAR]]);
  });
});

describe('a Deny listing the queues of each partition beside sqs:* on every resource', () => {
  it('still fails: sqs:ListQueues acts on no queue ARN and stays granted on "*"', () => {
    // IAM User Guide, "IAM JSON policy elements: Resource": an action that cannot be given individual resources is
    // granted with `Resource: "*"` (sqs:ListQueues, per the Service Authorization Reference), which a Deny on queue
    // ARNs does not name: the service's wildcard is still granted there, as with a Deny on arn:*:sqs:*.
    for (const denied of ["['arn:aws:sqs:*', 'arn:aws-*:sqs:*']", "'arn:*:sqs:*'"]) {
      const text = appRole(inline(allow("'sqs:*'", "'*'") + denySqs(denied)));
      expect(results(text), denied).toEqual([['fail', 'high', SQS_STAR]]);
    }
  });

  it('cancels it on every queue of the stack’s partition, written arn:${AWS::Partition}:sqs:*', () => {
    const denied =
      "['arn:aws:sqs:*', 'arn:aws-cn:sqs:*', 'arn:aws-us-gov:sqs:*', 'arn:aws-iso*:sqs:*', 'arn:aws-eusc:sqs:*']";
    const text = appRole(inline(allow("'sqs:*'", SUB_QUEUES) + denySqs(denied)));
    expect(results(text)).toEqual([['pass', 'high', CANCELS_SQS]]);
  });
});

describe('a Deny whose partition is written with `?` (one character: aws-?? is aws-cn, not aws or aws-us-gov)', () => {
  it('is unknown over a grant on arn:${AWS::Partition}:...: it reaches the stack in aws-cn alone', () => {
    const text = appRole(inline(allow("'sqs:*'", SUB_QUEUES) + denySqs("'arn:aws-??:sqs:*'")));
    expect(results(text)).toEqual([
      [
        'unknown',
        'high',
        'inline policy app, Statement[0] may grant every sqs action ("sqs:*"): a Deny may cancel it: whether the ' +
          'Resource of that Deny (arn:aws-??:sqs:*) reaches it depends on the deploy (${AWS::Partition} is not ' +
          'known before deploy).',
      ],
    ]);
  });

  it('cancels where the other patterns listed reach the other partitions', () => {
    const denied = "['arn:aws:sqs:*', 'arn:aws-??:sqs:*', 'arn:aws-us-gov:sqs:*', 'arn:aws-???*:sqs:*']";
    const text = appRole(inline(allow("'sqs:*'", SUB_QUEUES) + denySqs(denied)));
    expect(results(text)).toEqual([['pass', 'high', CANCELS_SQS]]);
    const everyResource = appRole(
      inline(allow("'sqs:*'", "'*'") + denySqs(EVERY_PARTITION.replace("'arn:aws-cn:*'", "'arn:aws-??:*'"))),
    );
    expect(results(everyResource)).toEqual([['pass', 'high', CANCELS_SQS]]);
  });

  it('cancels a grant on a literal arn:aws-cn:..., and fails where no partition matches it', () => {
    const cn = appRole(inline(allow("'sqs:*'", "'arn:aws-cn:sqs:*'") + denySqs("'arn:aws-??:sqs:*'")));
    expect(results(cn)).toEqual([['pass', 'high', CANCELS_SQS]]);
    // aws-x??: seven characters, none of the partitions' (aws-iso is aws-???'s).
    const none = appRole(inline(allow("'sqs:*'", SUB_QUEUES) + denySqs("'arn:aws-x??:sqs:*'")));
    expect(results(none)).toEqual([['fail', 'high', SQS_STAR]]);
  });
});
