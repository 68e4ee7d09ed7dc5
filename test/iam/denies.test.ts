// biome-ignore-all lint/suspicious/noTemplateCurlyInString: CloudFormation `${...}` templates are the subject of these tests
import { describe, expect, it } from 'vitest';
import { denyCoversActions, denyReach, patternCovers } from '../../src/iam/denies.js';
import { param, st, sub } from './fixtures.js';

describe('patternCovers', () => {
  it('covers what the inner pattern matches, and no more', () => {
    expect(patternCovers('*', 'arn:aws:s3:::b/*')).toBe(true);
    expect(patternCovers('arn:aws:s3:::*', 'arn:aws:s3:::b/*')).toBe(true);
    expect(patternCovers('arn:aws:s3:::b/*', 'arn:aws:s3:::*')).toBe(false);
    // `?` is one character: it does not cover what a `*` stands for.
    expect(patternCovers('arn:aws:s3:::?', 'arn:aws:s3:::*')).toBe(false);
    expect(patternCovers('arn:aws:s3:::?', 'arn:aws:s3:::b')).toBe(true);
    expect(patternCovers('SQS:*', 'sqs:*', true)).toBe(true);
  });
});

describe('denyCoversActions', () => {
  const deny = (fields: Parameters<typeof st>[0]) => st({ effect: 'Deny', resource: '*', ...fields });

  it('covers a wildcard with an Action covering it, or a NotAction naming none of its actions', () => {
    expect(denyCoversActions(deny({ action: 'sqs:*' }), 'sqs:*')).toBe('yes');
    expect(denyCoversActions(deny({ action: '*' }), 'sqs:*')).toBe('yes');
    expect(denyCoversActions(deny({ action: 'sqs:Send*' }), 'sqs:*')).toBe('no');
    expect(denyCoversActions(deny({ notAction: 's3:*' }), 'sqs:*')).toBe('yes');
    expect(denyCoversActions(deny({ notAction: 'sqs:SendMessage' }), 'sqs:*')).toBe('no');
    expect(denyCoversActions(deny({ notAction: 's3:*' }), '*')).toBe('no');
  });

  it('covers an Allow with NotAction only with every action', () => {
    expect(denyCoversActions(deny({ action: '*' }), undefined)).toBe('yes');
    expect(denyCoversActions(deny({ action: 'iam:*' }), undefined)).toBe('no');
  });

  it('is unknown for actions not known before deploy', () => {
    expect(denyCoversActions(deny({ action: [param('Denied')] }), 'sqs:*')).toBe('unknown');
    expect(denyCoversActions(deny({ notAction: [param('Kept')] }), 'sqs:*')).toBe('unknown');
  });
});

describe('denyReach', () => {
  const deny = (fields: Parameters<typeof st>[0]) => st({ effect: 'Deny', action: '*', ...fields });

  it('covers every resource with `*`, and a type with a pattern covering its ARNs', () => {
    expect(denyReach(deny({ resource: '*' }), 'all').covers.answer).toBe('yes');
    expect(denyReach(deny({ resource: 'arn:aws:s3:::*' }), 'all').covers.answer).toBe('no');
    expect(denyReach(deny({ resource: 'arn:aws:s3:::*' }), ['arn:aws:s3:::*']).covers.answer).toBe('yes');
    expect(denyReach(deny({ resource: [param('Denied')] }), 'all').covers.answer).toBe('unknown');
  });

  it('limits a grant to what a NotResource names, when each names some resources', () => {
    const limited = denyReach(deny({ notResource: ['arn:aws:s3:::b', 'arn:aws:s3:::b/*'] }), 'all');
    expect(limited).toMatchObject({ limits: { answer: 'yes' }, only: 'arn:aws:s3:::b, arn:aws:s3:::b/*' });
    expect(denyReach(deny({ notResource: 'arn:aws:s3:::*' }), 'all').limits.answer).toBe('no');
    expect(denyReach(deny({ notResource: '*' }), 'all').limits.answer).toBe('no');
    // A bucket of the template names one bucket; a parameter without default could be `*`.
    expect(denyReach(deny({ notResource: [sub('${Bucket.Arn}/*')] }), 'all').limits.answer).toBe('yes');
    expect(denyReach(deny({ notResource: [param('Kept')] }), 'all').limits.answer).toBe('unknown');
  });
});
