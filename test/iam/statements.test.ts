// biome-ignore-all lint/suspicious/noTemplateCurlyInString: CloudFormation `${...}` templates are the subject of these tests
import { describe, expect, it } from 'vitest';
import {
  allowStatements,
  coversAction,
  coversAllResources,
  hasConditions,
  isAllow,
  isAllResources,
  statementsOf,
  typedResources,
} from '../../src/iam/statements.js';
import { unknown } from '../../src/model/values.js';
import { doc, here, param, st, sub } from './fixtures.js';

describe('statements', () => {
  it('lists Allow statements, keeping those whose effect is unknown', () => {
    const allow = st({ action: 's3:GetObject', resource: '*' });
    const deny = st({ effect: 'Deny', action: '*', resource: '*' });
    const maybe = st({ effect: param('Effect'), action: 's3:*', resource: '*' });
    expect(allowStatements(doc(allow, deny, maybe))).toEqual([
      { statement: allow, allow: 'yes' },
      { statement: maybe, allow: 'unknown' },
    ]);
    expect(isAllow(deny)).toBe('no');
    expect(statementsOf(unknown('imported'))).toBeInstanceOf(Object);
    expect(allowStatements(unknown('imported'))).toEqual([]);
  });

  it('tells whether Action covers an action, ignoring case', () => {
    expect(coversAction(st({ action: ['s3:GetObject', 'IAM:PASS*'] }), 'iam:PassRole')).toBe('yes');
    expect(coversAction(st({ action: 's3:*' }), 'iam:PassRole')).toBe('no');
    expect(coversAction(st({ action: '*' }), 'iam:PassRole')).toBe('yes');
  });

  it('reads NotAction as everything else', () => {
    expect(coversAction(st({ notAction: 'iam:*' }), 'iam:PassRole')).toBe('no');
    expect(coversAction(st({ notAction: 'iam:*' }), 's3:PutObject')).toBe('yes');
    expect(coversAction(st({ notAction: ['iam:*', param('More')] }), 's3:PutObject')).toBe('unknown');
  });

  it('does not take unknown actions as known', () => {
    expect(coversAction(st({ action: unknown('from an !If') }), 'iam:PassRole')).toBe('unknown');
    expect(coversAction(st({ action: [param('Action')] }), 'iam:PassRole')).toBe('unknown');
    // The known part of a template rules actions out.
    expect(coversAction(st({ action: [sub('s3:${Verb}Object')] }), 'iam:PassRole')).toBe('no');
    expect(coversAction(st({ action: [sub('s3:${Verb}Object')] }), 's3:PutObject')).toBe('unknown');
  });

  it('tells whether a statement applies to every resource', () => {
    expect(coversAllResources(st({ action: 's3:*', resource: '*' }))).toBe('yes');
    expect(coversAllResources(st({ action: 's3:*', resource: ['arn:aws:s3:::b', '*'] }))).toBe('yes');
    expect(coversAllResources(st({ action: 's3:*', resource: 'arn:aws:s3:::b/*' }))).toBe('no');
    expect(coversAllResources(st({ action: 's3:*', resource: [param('Arn')] }))).toBe('unknown');
    expect(coversAllResources(st({ action: 's3:*', resource: [sub('${Bucket.Arn}/*')] }))).toBe('no');
    expect(coversAllResources(st({ action: 's3:*', notResource: 'arn:aws:s3:::secret/*' }))).toBe('yes');
    expect(coversAllResources(st({ action: 's3:*', notResource: '*' }))).toBe('no');
  });

  it('reads a single intrinsic in a list position as one element', () => {
    // `Resource: !GetAtt Bucket.Arn` arrives as an Unknown list carrying the string's template.
    expect(coversAllResources(st({ action: 's3:*', resource: sub('${Bucket.Arn}') }))).toBe('no');
    expect(coversAllResources(st({ action: 's3:*', resource: sub('${ResourceParam}') }))).toBe('unknown');
    expect(coversAction(st({ action: sub('s3:${Verb}Object') }), 'iam:PassRole')).toBe('no');
    expect(coversAllResources(st({ action: 's3:*', resource: unknown('depends on condition IsProd') }))).toBe(
      'unknown',
    );
  });

  it('counts ARN patterns that match every ARN as every resource', () => {
    expect(isAllResources('arn:*')).toBe(true);
    expect(isAllResources('arn:aws:*:*:*:*')).toBe(true);
    expect(isAllResources('arn:aws-cn:*')).toBe(true);
    expect(isAllResources('arn:aws:s3:::*')).toBe(false);
    expect(isAllResources('arn:aws:iam::*:role/*')).toBe(false);
  });

  it('finds the Resource elements that name every resource of a type', () => {
    const typed = (resource: Parameters<typeof st>[0]['resource']) =>
      typedResources(st({ action: 's3:*', resource })).map((t) => [t.answer, t.scope.service, t.written]);
    expect(typed(['arn:aws:s3:::orders', 'arn:aws:s3:::*', '*'])).toEqual([['yes', 's3', 'arn:aws:s3:::*']]);
    // SAM's policy templates given '*': the partition and region are specific, the name is a wildcard.
    const dynamo = 'arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/*';
    expect(typed([sub(dynamo)])).toEqual([['yes', 'dynamodb', dynamo]]);
    // A resource of the template is one specific name, wherever the !Sub puts it.
    const bucket = unknown('the partition the stack is deployed to', 'arn:${AWS::Partition}:s3:::${Uploads}');
    expect(typed([bucket, sub('${Table.Arn}')])).toEqual([]);
    expect(typed('arn:aws:s3:::orders/*')).toEqual([]);
  });

  it('is unknown about a type when a value from outside the template could widen it', () => {
    const prefix = unknown(
      'from parameter Prefix, which has no default',
      'arn:aws:dynamodb:us-east-1:123456789012:table/${Prefix}*',
    );
    expect(typedResources(st({ action: 'dynamodb:PutItem', resource: [prefix] }))).toEqual([
      {
        answer: 'unknown',
        scope: { service: 'dynamodb', type: 'table', segments: 1 },
        written: 'arn:aws:dynamodb:us-east-1:123456789012:table/${Prefix}*',
        // As a Deny's resources are compared with it: `${Prefix}` of this template (see comparedText).
        compared: `arn:aws:dynamodb:us-east-1:123456789012:table/\${${here.arn}\u0004Prefix}*`,
        start: 'table/',
        doubt: 'the Resource is not known before deploy (from parameter Prefix, which has no default)',
      },
    ]);
    // A parameter that makes the whole ARN is left to coversAllResources (it could be "*").
    expect(typedResources(st({ action: 'dynamodb:PutItem', resource: [param('Arn')] }))).toEqual([]);
    expect(coversAllResources(st({ action: 'dynamodb:PutItem', resource: [param('Arn')] }))).toBe('unknown');
  });

  it('tells whether a statement has conditions', () => {
    expect(hasConditions(st({ action: '*' }))).toBe('no');
    expect(hasConditions(st({ action: '*', condition: { Bool: { 'aws:SecureTransport': ['true'] } } }))).toBe(
      'yes',
    );
    expect(hasConditions(st({ action: '*', condition: unknown('from an !If') }))).toBe('unknown');
  });
});
