// biome-ignore-all lint/suspicious/noTemplateCurlyInString: CloudFormation `${...}` templates are the subject of these tests
import { describe, expect, it } from 'vitest';
import { restrictingConditions } from '../../src/iam/conditions.js';
import type { Statement } from '../../src/model/iam.js';
import { unknown } from '../../src/model/values.js';
import { param, st, sub } from './fixtures.js';

const withCondition = (condition: Statement['conditions']) =>
  st({ action: 'lambda:InvokeFunction', principal: '*', condition });

describe('restrictingConditions', () => {
  it('counts source and principal conditions with fixed values (prowler#4870)', () => {
    for (const [operator, key, value] of [
      ['StringEquals', 'AWS:SourceAccount', '123456789012'],
      ['ArnLike', 'AWS:SourceArn', 'arn:aws:s3:::uploads'],
      ['StringEquals', 'aws:PrincipalOrgID', 'o-a1b2c3d4e5'],
      ['StringEquals', 'aws:PrincipalAccount', '123456789012'],
      ['StringEquals', 'aws:SourceOwner', '123456789012'],
      ['ForAnyValue:StringLike', 'aws:PrincipalOrgPaths', 'o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/*'],
      ['StringEquals', 'aws:SourceVpce', 'vpce-1a2b3c4d'],
      ['IpAddress', 'aws:SourceIp', '203.0.113.0/24'],
    ] as const) {
      const result = restrictingConditions(withCondition({ [operator]: { [key]: [value] } }), 'public');
      expect(result.answer, `${operator} ${key}`).toBe('yes');
      expect(result.by).toEqual([`${operator} ${key}`]);
    }
  });

  it('does not count lambda:FunctionUrlAuthType, negations, IfExists, ForAllValues or Null', () => {
    const conditions: Statement['conditions'][] = [
      { StringEquals: { 'lambda:FunctionUrlAuthType': ['NONE'] } },
      { StringNotEquals: { 'aws:SourceAccount': ['123456789012'] } },
      { StringEqualsIfExists: { 'aws:SourceAccount': ['123456789012'] } },
      { 'ForAllValues:StringEquals': { 'aws:PrincipalOrgID': ['o-a1b2c3d4e5'] } },
      { Null: { 'aws:SourceArn': ['false'] } },
      { Bool: { 'aws:SecureTransport': ['true'] } },
      { IpAddress: { 'aws:SourceIp': ['0.0.0.0/0'] } },
    ];
    for (const condition of conditions) {
      const result = restrictingConditions(withCondition(condition), 'public');
      expect(result.answer, JSON.stringify(condition)).toBe('no');
      expect(result.ignored).toHaveLength(1);
    }
    const why = (condition: Statement['conditions']) =>
      restrictingConditions(withCondition(condition), 'public').ignored[0]?.why;
    expect(why({ StringEqualsIfExists: { 'aws:SourceAccount': ['123456789012'] } })).toContain(
      'passes when the request has no value for the key',
    );
    expect(why({ 'ForAllValues:StringEquals': { 'aws:PrincipalOrgID': ['o-a1b2c3d4e5'] } })).toContain(
      'ForAllValues',
    );
    expect(why({ ArnNotLike: { 'aws:SourceArn': ['arn:aws:s3:::b'] } })).toContain('negated');
    const url = restrictingConditions(
      withCondition({ StringEquals: { 'lambda:FunctionUrlAuthType': ['NONE'] } }),
      'public',
    );
    expect(url.ignored[0]?.why).toContain('anyone can call');
  });

  it('does not count address ranges that together hold every address (0.0.0.0/1 and 128.0.0.0/1)', () => {
    for (const ranges of [['0.0.0.0/1', '128.0.0.0/1'], ['::/1', '8000::/1'], ['0.0.0.0/0']]) {
      const result = restrictingConditions(
        withCondition({ IpAddress: { 'aws:SourceIp': ranges } }),
        'public',
      );
      expect(result.answer, ranges.join()).toBe('no');
      expect(result.ignored).toEqual([
        { condition: 'IpAddress aws:SourceIp', why: 'its ranges hold every address' },
      ]);
    }
    const half = restrictingConditions(
      withCondition({ IpAddress: { 'aws:SourceIp': ['0.0.0.0/1', '128.0.0.0/2'] } }),
      'public',
    );
    expect(half.answer).toBe('yes');
    // A range not known before deploy may be anything, but the known ones already let everyone in.
    const open = restrictingConditions(
      withCondition({ IpAddress: { 'aws:SourceIp': ['0.0.0.0/1', '128.0.0.0/1', param('Office')] } }),
      'public',
    );
    expect(open.answer).toBe('no');
  });

  it('does not count wildcard values that match anyone', () => {
    const conditions: Statement['conditions'][] = [
      { StringLike: { 'aws:SourceAccount': ['*'] } },
      { ArnLike: { 'aws:SourceArn': ['arn:aws:s3:::*'] } },
      { ArnLike: { 'aws:SourceArn': ['arn:aws:sns:us-east-1:*:alerts'] } },
      { ArnEquals: { 'aws:SourceArn': ['arn:aws:events:*:*:rule/*'] } },
      { StringLike: { 'aws:PrincipalOrgID': ['o-*'] } },
    ];
    for (const condition of conditions) {
      expect(
        restrictingConditions(withCondition(condition), 'public').answer,
        JSON.stringify(condition),
      ).toBe('no');
    }
  });

  it('counts wildcard ARNs that still pin an account or a bucket', () => {
    const api = sub(
      'arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${ServerlessRestApi}/*/GET/',
    );
    expect(
      restrictingConditions(withCondition({ ArnLike: { 'AWS:SourceArn': [api] } }), 'public').answer,
    ).toBe('yes');
    expect(
      restrictingConditions(
        withCondition({ ArnLike: { 'aws:SourceArn': ['arn:aws:sns:*:123456789012:*'] } }),
        'public',
      ).answer,
    ).toBe('yes');
    expect(
      restrictingConditions(
        withCondition({ ArnLike: { 'aws:SourceArn': ['arn:aws:s3:::uploads/*'] } }),
        'public',
      ).answer,
    ).toBe('yes');
  });

  it('requires every alternative value to restrict', () => {
    const condition = {
      StringEquals: { 'aws:SourceAccount': ['123456789012'] },
      StringLike: { 'aws:SourceArn': ['*'] },
    };
    expect(restrictingConditions(withCondition(condition), 'public').answer).toBe('yes');
    const mixed = {
      ArnLike: { 'aws:SourceArn': ['arn:aws:sns:us-east-1:123456789012:a', 'arn:aws:sns:*:*:*'] },
    };
    expect(restrictingConditions(withCondition(mixed), 'public').answer).toBe('no');
  });

  it('is unknown when values may be absent or wildcards', () => {
    expect(restrictingConditions(withCondition(unknown('depends on condition X')), 'public').answer).toBe(
      'unknown',
    );
    expect(
      restrictingConditions(
        withCondition({ StringEquals: { 'aws:SourceAccount': unknown('from !If') } }),
        'public',
      ).answer,
    ).toBe('unknown');
    expect(
      restrictingConditions(withCondition({ ArnLike: { 'aws:SourceArn': [param('TopicArn')] } }), 'public')
        .answer,
    ).toBe('unknown');
    // An exact value from a parameter still pins the caller to that value.
    expect(
      restrictingConditions(
        withCondition({ StringEquals: { 'aws:SourceAccount': [param('Account')] } }),
        'public',
      ).answer,
    ).toBe('yes');
    // A resource attribute is a specific ARN.
    expect(
      restrictingConditions(withCondition({ ArnLike: { 'aws:SourceArn': [sub('${Rule.Arn}')] } }), 'public')
        .answer,
    ).toBe('yes');
  });

  it('only counts source conditions against a confused deputy', () => {
    const byOrg = withCondition({ StringEquals: { 'aws:PrincipalOrgID': ['o-a1b2c3d4e5'] } });
    expect(restrictingConditions(byOrg, 'public').answer).toBe('yes');
    expect(restrictingConditions(byOrg, 'confused-deputy').answer).toBe('no');
    const bySource = withCondition({ StringEquals: { 'aws:SourceAccount': [sub('${AWS::AccountId}')] } });
    expect(restrictingConditions(bySource, 'confused-deputy').answer).toBe('yes');
  });
});
