// biome-ignore-all lint/suspicious/noTemplateCurlyInString: CloudFormation `${...}` templates are the subject of these tests
import { describe, expect, it } from 'vitest';
import { type StatementReadings, writeOnAllResources } from '../../src/iam/grants.js';
import { doc, param, st, sub } from './fixtures.js';

const policy = doc(
  st({ action: ['s3:GetObject', 's3:PutObject'], resource: '*' }),
  st({ action: 's3:*', resource: ['arn:aws:s3:::*', 'arn:aws:s3:::*/*'] }),
  st({ action: 'dynamodb:*', resource: [sub('arn:aws:dynamodb:us-east-1:${AWS::AccountId}:table/*')] }),
  st({ action: 'sns:Publish', resource: [param('TopicArn')] }),
  st({
    action: 'secretsmanager:*',
    resource: '*',
    condition: { StringEquals: { 'secretsmanager:SecretId': ['a'] } },
  }),
  st({
    action: 'iam:CreateServiceLinkedRole',
    resource: '*',
    condition: { StringEquals: { 'iam:AWSServiceName': ['x'] } },
  }),
  st({ effect: 'Deny', action: 's3:DeleteBucket', resource: '*' }),
);
const reads = {
  selects: (action: { name: string }) => /^(s3:GetObject|dynamodb:(GetItem|Query|Scan))$/.test(action.name),
};

describe('writeOnAllResources with readings kept between analyses', () => {
  it('gives the hits it gives reading afresh, for writes and for reads sharing the readings', () => {
    const readings: StatementReadings = new Map();
    const writesAfresh = writeOnAllResources(policy);
    const readsAfresh = writeOnAllResources(policy, reads);
    expect(writesAfresh.length).toBeGreaterThan(0);
    expect(readsAfresh.length).toBeGreaterThan(0);
    expect(writeOnAllResources(policy, { readings })).toEqual(writesAfresh);
    expect(writeOnAllResources(policy, { ...reads, readings })).toEqual(readsAfresh);
    // Asked again with every reading kept: the same.
    expect(writeOnAllResources(policy, { readings })).toEqual(writesAfresh);
  });

  it('takes what a statement reads as from the readings, not reading it again', () => {
    const everything = st({ action: 's3:PutObject', resource: '*' });
    const readings: StatementReadings = new Map();
    expect(writeOnAllResources(doc(everything), { readings })).toMatchObject([
      { answer: 'yes', scope: 'all' },
    ]);
    expect(readings.get(everything)).toMatchObject({ all: 'yes' });
    // A reading kept for the statement is what the next analysis weighs (here one saying it names no resource).
    readings.set(everything, { all: 'no', typed: [] });
    expect(writeOnAllResources(doc(everything), { readings })).toEqual([]);
    expect(writeOnAllResources(doc(everything))).toMatchObject([{ answer: 'yes', scope: 'all' }]);
  });
});
