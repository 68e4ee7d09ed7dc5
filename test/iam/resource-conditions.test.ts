import { describe, expect, it } from 'vitest';
import { narrowingOf, resourceConditions } from '../../src/iam/resource-conditions.js';
import type { Statement } from '../../src/model/iam.js';
import { unknown } from '../../src/model/values.js';
import { param, st } from './fixtures.js';

const onEvery = (condition: Statement['conditions']) =>
  st({ action: 'iam:CreateServiceLinkedRole', resource: '*', condition });

describe('resourceConditions', () => {
  it('reads a fixed value of a key naming the resource, with the actions the catalog lists it for', () => {
    const read = resourceConditions(
      onEvery({ StringEquals: { 'iam:AWSServiceName': ['fms.amazonaws.com'] } }),
    );
    expect(read.ignored).toEqual([]);
    expect(read.pinning.map((c) => [c.condition, c.answer, [...c.actions]])).toEqual([
      ['StringEquals iam:AWSServiceName', 'yes', ['iam:createservicelinkedrole']],
    ]);
  });

  it('leaves out other keys, and conditions not known before deploy', () => {
    expect(resourceConditions(onEvery({ StringEquals: { 'secretsmanager:Name': ['app'] } }))).toEqual({
      pinning: [],
      ignored: [],
    });
    expect(resourceConditions(onEvery(unknown('from parameter P')))).toEqual({ pinning: [], ignored: [] });
    expect(resourceConditions(onEvery(undefined))).toEqual({ pinning: [], ignored: [] });
  });

  it('says why a condition does not pin: IfExists, ForAllValues, a negation, a wildcard, a Null check', () => {
    const why = (condition: Statement['conditions']) =>
      resourceConditions(onEvery(condition)).ignored.map((i) => i.why);
    expect(why({ StringEqualsIfExists: { 'iam:AWSServiceName': ['fms.amazonaws.com'] } })).toEqual([
      'an ...IfExists operator passes when the request has no value for the key',
    ]);
    expect(why({ 'ForAllValues:StringLike': { 'iam:AWSServiceName': ['fms.amazonaws.com'] } })[0]).toContain(
      'ForAllValues',
    );
    expect(why({ StringNotLike: { 'iam:AWSServiceName': ['fms.amazonaws.com'] } })[0]).toContain('negated');
    expect(why({ StringLike: { 'iam:AWSServiceName': ['fms.amazonaws.com', '*'] } })[0]).toContain(
      'wildcard',
    );
    expect(why({ Null: { 'iam:AWSServiceName': ['false'] } })[0]).toContain('does not pin a value');
  });

  it('is unknown for a parameter without default under a wildcard operator, not under an exact one', () => {
    const like = resourceConditions(onEvery({ StringLike: { 'iam:AWSServiceName': [param('Service')] } }));
    expect(like.pinning.map((c) => [c.answer, c.doubt])).toEqual([
      ['unknown', 'StringLike iam:AWSServiceName may be a wildcard: its value is not known before deploy'],
    ]);
    const exact = resourceConditions(onEvery({ StringEquals: { 'iam:AWSServiceName': [param('Service')] } }));
    expect(exact.pinning.map((c) => c.answer)).toEqual(['yes']);
  });
});

describe('resourceConditions on <service>:CreateAction', () => {
  const tagging = (condition: Statement['conditions']) =>
    st({ action: ['ec2:CreateTags', 'ec2:RunInstances'], resource: '*', condition });

  it("pins the service's tagging actions, whatever the values, under an operator needing the key", () => {
    for (const operator of [
      'StringEquals',
      'StringLike',
      'ForAnyValue:StringEquals',
      'ForAnyValue:StringLike',
    ]) {
      const read = resourceConditions(tagging({ [operator]: { 'ec2:CreateAction': [param('Create')] } }));
      expect(
        read.pinning.map((c) => [c.condition, c.answer, c.createOnly, [...c.actions].sort()]),
        operator,
      ).toEqual([[`${operator} ec2:CreateAction`, 'yes', 'ec2', ['ec2:createtags', 'ec2:deletetags']]]);
      // It says nothing of the create action itself, which stays as written (not `unlisted`).
      expect(narrowingOf(read, 'ec2:CreateTags')?.how, operator).toBe('pinned');
      expect(narrowingOf(read, 'ec2:RunInstances'), operator).toBeUndefined();
    }
  });

  it('carries the service as the key writes it, for the words', () => {
    const read = resourceConditions(tagging({ StringEquals: { 'EC2:CreateAction': ['RunInstances'] } }));
    expect(read.pinning.map((c) => [c.condition, c.createOnly])).toEqual([
      ['StringEquals EC2:CreateAction', 'EC2'],
    ]);
  });

  it('pins nothing under an operator a request without the key passes, or for a service the catalog lacks', () => {
    for (const operator of ['StringNotEquals', 'StringEqualsIfExists', 'ForAllValues:StringEquals']) {
      expect(
        resourceConditions(tagging({ [operator]: { 'ec2:CreateAction': ['RunInstances'] } })).pinning,
      ).toEqual([]);
    }
    expect(
      resourceConditions(tagging({ StringEquals: { 'nosuch:CreateAction': ['Make'] } })).pinning,
    ).toEqual([]);
  });
});

describe('narrowingOf', () => {
  const read = resourceConditions(
    st({
      action: 'secretsmanager:*',
      resource: '*',
      condition: { StringEquals: { 'secretsmanager:SecretId': ['app'] } },
    }),
  );

  it('pins the actions the catalog lists the key for, whatever their case', () => {
    expect(narrowingOf(read, 'secretsmanager:PutSecretValue')).toMatchObject({
      how: 'pinned',
      by: { condition: 'StringEquals secretsmanager:SecretId' },
    });
  });

  it('says `unlisted` for an action the catalog does not list the key for, and nothing without a pinning condition', () => {
    expect(narrowingOf(read, 'secretsmanager:CreateSecret')?.how).toBe('unlisted');
    expect(
      narrowingOf(resourceConditions(onEvery(undefined)), 'iam:CreateServiceLinkedRole'),
    ).toBeUndefined();
  });

  it('prefers a certain pin to one that may be a wildcard', () => {
    const both = resourceConditions(
      onEvery({
        StringLike: { 'iam:AWSServiceName': [param('Service')] },
        'ForAnyValue:StringEquals': { 'iam:AWSServiceName': ['fms.amazonaws.com'] },
      }),
    );
    expect(narrowingOf(both, 'iam:CreateServiceLinkedRole')?.by.answer).toBe('yes');
  });
});
