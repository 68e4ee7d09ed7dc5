import { describe, expect, it } from 'vitest';
import readOnAll from '../../../src/checks/iam/role-wildcard-resource-read.js';
import writeOnAll from '../../../src/checks/iam/role-wildcard-resource-write.js';
import { scanTemplate } from '../../helpers/scan-template.js';
import { allow, appRole, inline } from './fixtures.js';

// A write granted on `*` acts only on the resource types the Service Authorization Reference lists for it, each an ARN
// of some service: a Deny of it on every ARN of those services (`arn:*:sqs:*`) takes it back wherever it is granted,
// though it does not cover every resource. Actions with no resource type (sqs:ListQueues) are granted on `*` alone.

function results(text: string, check: typeof writeOnAll = writeOnAll) {
  const { findings, errors } = scanTemplate(text, check);
  expect(errors).toEqual([]);
  return findings.map((f) => [f.status, f.severity, f.message]);
}

function deny(action: string, resource: string): string {
  return `              - Effect: Deny
                Action: ${action}
                Resource: ${resource}
`;
}

const EVERY_QUEUE = ["'arn:*:sqs:*'", "['arn:aws:sqs:*:*:*', 'arn:aws-*:sqs:*:*:*']", "'arn:aws*:sqs:*:*:*'"];
const NO_WRITE = 'no statement allows write actions on every resource, or on every resource of a type';
const SQS_WRITES =
  'inline policy app, Statement[0]: Allow grants write actions ("sqs:*") on every resource: sqs:AddPermission, ' +
  'sqs:RemovePermission, sqs:SetQueueAttributes, sqs:TagQueue, sqs:UntagQueue and 8 more (permissions management ' +
  'included).';

describe('a Deny on every ARN of the service a write acts on, beside the write on every resource', () => {
  it('cancels each write acting on a queue: the write and read checks pass, naming the Deny', () => {
    for (const denied of EVERY_QUEUE) {
      const text = appRole(inline(allow("'sqs:*'", "'*'") + deny("'sqs:*'", denied)));
      expect(results(text), denied).toEqual([
        [
          'pass',
          'high',
          `${NO_WRITE} (the Deny of inline policy app, Statement[1] cancels 13 write actions of sqs:*)`,
        ],
      ]);
      expect(results(text, readOnAll), denied).toEqual([
        [
          'pass',
          'medium',
          // sqs:ListQueues acts on no queue ARN: the Deny on queues leaves it, named as accepting only "*".
          'no statement allows sensitive reads on every resource, or on every resource of a type (left out, as ' +
            'they accept only "*": sqs:ListQueues) (the Deny of inline policy app, Statement[1] cancels ' +
            'sqs:ReceiveMessage)',
        ],
      ]);
    }
  });

  it('lists only the writes left: those on other services', () => {
    const text = appRole(
      inline(allow("['sqs:*', 's3:PutObject']", "'*'") + deny("'sqs:*'", "'arn:*:sqs:*'")),
    );
    expect(results(text)).toEqual([
      [
        'fail',
        'high',
        'inline policy app, Statement[0]: Allow grants write actions ("s3:PutObject") on every resource (the Deny ' +
          'of inline policy app, Statement[1] cancels 13 write actions of sqs:*).',
      ],
    ]);
  });

  it('cancels a write acting on ARNs of another service: kafka-cluster:WriteData on arn:*:kafka:*', () => {
    // kafka-cluster:WriteData acts on a topic, `arn:${Partition}:kafka:${Region}:${Account}:topic/...`.
    const text = appRole(
      inline(allow("'kafka-cluster:WriteData'", "'*'") + deny("'kafka-cluster:*'", "'arn:*:kafka:*'")),
    );
    expect(results(text)).toEqual([
      [
        'pass',
        'high',
        `${NO_WRITE} (the Deny of inline policy app, Statement[1] cancels kafka-cluster:WriteData)`,
      ],
    ]);
  });

  it('still fails where the Deny covers some queues only, or the ARNs of another service', () => {
    for (const denied of ["'arn:*:sqs:us-east-1:*:*'", "'arn:*:sqs:*:*:app-*'", "'arn:*:sns:*'"]) {
      const text = appRole(inline(allow("'sqs:*'", "'*'") + deny("'sqs:*'", denied)));
      expect(results(text), denied).toEqual([['fail', 'high', SQS_WRITES]]);
    }
  });

  it('is unknown where it lists some partitions only: a stack in another keeps the writes', () => {
    const text = appRole(inline(allow("'sqs:*'", "'*'") + deny("'sqs:*'", "'arn:aws:sqs:*'")));
    expect(results(text)).toEqual([
      [
        'unknown',
        'high',
        'inline policy app, Statement[0] may grant write actions ("sqs:*") on every resource: a Deny may cancel ' +
          'it: whether the Resource of that Deny (arn:aws:sqs:*) reaches it depends on the deploy ' +
          '(${AWS::Partition} is not known before deploy).',
      ],
    ]);
  });
});
