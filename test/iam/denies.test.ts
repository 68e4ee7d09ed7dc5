// biome-ignore-all lint/suspicious/noTemplateCurlyInString: CloudFormation `${...}` templates are the subject of these tests
import { describe, expect, it } from 'vitest';
import { denyStatements } from '../../src/iam/denies.js';
import { actionsLeft, denyCoversActions } from '../../src/iam/deny-actions.js';
import { denyPatternCovers, denyReach } from '../../src/iam/deny-reach.js';
import { patternCovers } from '../../src/iam/pattern-covers.js';
import { comparedText } from '../../src/iam/templates.js';
import type { SourceRef } from '../../src/model/source.js';
import { unknown } from '../../src/model/values.js';
import { doc, EVERY_PARTITION, here, param, st, sub } from './fixtures.js';

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

  it('weighs an outer `?` against the inner’s characters, never against what its `*` or a name stands for', () => {
    expect(patternCovers('arn:aws-??:s3:::b/*', 'arn:aws-cn:s3:::b/*')).toBe(true);
    expect(patternCovers('arn:aws-??:s3:::b/*', 'arn:aws-us-gov:s3:::b/*')).toBe(false);
    // `aws-*` may be aws-us-gov; `?*` and `*` alike cover an inner `?`.
    expect(patternCovers('arn:aws-??:s3:::b/*', 'arn:aws-*:s3:::b/*')).toBe(false);
    expect(patternCovers('arn:aws-??:s3:::b/*', 'arn:aws-?n:s3:::b/*')).toBe(true);
    expect(patternCovers('arn:a?s*:s3:::*', 'arn:aws:s3:::b/*')).toBe(true);
    // A `${...}` as sameDeployText writes it may be empty, or many characters: only a `*` covers it.
    expect(patternCovers('arn:aws:s3:::?*', 'arn:aws:s3:::\u0001Bucket\u0002')).toBe(false);
    expect(patternCovers('arn:aws:s3:::*?*', 'arn:aws:s3:::\u0001Bucket\u0002')).toBe(false);
    expect(patternCovers('arn:aws:s3:::?\u0001Bucket\u0002', 'arn:aws:s3:::x\u0001Bucket\u0002')).toBe(true);
  });

  it('reads a run of `*` and `?` as any text of at least as many characters as it has `?`, in any order', () => {
    expect(patternCovers('table/*?', 'table/?*')).toBe(true);
    expect(patternCovers('table/?*', 'table/*?')).toBe(true);
    expect(patternCovers('table/?*?', 'table/*??')).toBe(true);
    expect(patternCovers('s3:?*', 's3:???*', true)).toBe(true);
    // One character or more does not cover none, nor two or more one.
    expect(patternCovers('table/?*', 'table/*')).toBe(false);
    expect(patternCovers('table/??*', 'table/*?')).toBe(false);
    // Every secret's ARN ends in a hyphen and six characters.
    expect(patternCovers('*-??????', '?*-??????')).toBe(true);
    expect(patternCovers('*-?????', '?*-??????')).toBe(false);
  });
});

describe('denyPatternCovers', () => {
  const granted = (text: string, where: SourceRef = here) => comparedText(sub(text), where) as string;
  const queues = 'arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:*';

  it('reads a `${...}` written on both as one text', () => {
    expect(denyPatternCovers(sub(queues), here, granted(queues))).toBe('yes');
    expect(denyPatternCovers(sub('arn:*:sqs:*:*:*'), here, granted(queues))).toBe('yes');
    expect(denyPatternCovers(sub('${Queue.Arn}'), here, granted('${Queue.Arn}'))).toBe('yes');
    expect(denyPatternCovers(param('Bucket'), here, granted('${Bucket}'))).toBe('yes');
    // The account reads as everywhere else: the scanned account.
    expect(denyPatternCovers('arn:aws*:sqs:*:self-account:*', here, granted(queues))).toBe('yes');
  });

  it('reaches no partition but its own: a Deny on one partition leaves another’s grant', () => {
    // Each account is scoped to one partition (AWS General Reference, "Amazon Resource Names"): arn:aws-iso:... is
    // no resource of aws-iso-b, nor arn:aws-eusc:... one of aws.
    expect(denyPatternCovers('arn:aws-iso:s3:::*', here, 'arn:aws-iso-b:s3:::b/*')).toBe('no');
    expect(denyPatternCovers('arn:aws-iso*:s3:::*', here, 'arn:aws-iso-b:s3:::b/*')).toBe('yes');
    expect(denyPatternCovers('arn:aws-eusc:s3:::*', here, 'arn:aws:s3:::b/*')).toBe('no');
    expect(denyPatternCovers('arn:aws:s3:::*', here, 'arn:aws-eusc:s3:::b/*')).toBe('no');
    expect(denyPatternCovers('arn:aws-eusc:s3:::*', here, 'arn:aws-eusc:s3:::b/*')).toBe('yes');
  });

  it('reads `${AWS::Partition}` on both sides as one partition, whichever it is', () => {
    const bucket = granted('arn:${AWS::Partition}:s3:::b/*');
    expect(denyPatternCovers(sub('arn:${AWS::Partition}:s3:::*'), here, bucket)).toBe('yes');
    expect(denyPatternCovers(sub('arn:${AWS::Partition}:s3:::other/*'), here, bucket)).toBe('no');
    // A Deny on one literal partition, any of them, reaches the grant in a deploy there alone.
    for (const partition of ['aws', 'aws-iso-f', 'aws-eusc'])
      expect(denyPatternCovers(`arn:${partition}:s3:::*`, here, bucket), partition).toBe('unknown');
  });

  it('is unknown where a grant names the partition by `${AWS::Partition}` and the Deny a literal one', () => {
    // In aws-cn or aws-us-gov the grant is on arn:aws-cn:..., which a Deny on arn:aws:... does not reach.
    expect(denyPatternCovers(sub('arn:aws:sqs:*:*:*'), here, granted(queues))).toBe('unknown');
    expect(denyPatternCovers('arn:aws:sqs:*:self-account:*', here, granted(queues))).toBe('unknown');
    expect(denyPatternCovers('arn:aws-cn:s3:::b/*', here, granted('arn:${AWS::Partition}:s3:::b/*'))).toBe(
      'unknown',
    );
    // `?` is one character: aws-?? is aws-cn's alone, which the stack may be in; aws-??? is aws-iso's, and aws-x??
    // matches no partition.
    for (const partition of ['aws-??', 'aws-???', 'aws-iso-?', 'aws-eusc'])
      expect(
        denyPatternCovers(`arn:${partition}:s3:::b/*`, here, granted('arn:${AWS::Partition}:s3:::b/*')),
        partition,
      ).toBe('unknown');
    expect(denyPatternCovers('arn:aws-x??:s3:::b/*', here, granted('arn:${AWS::Partition}:s3:::b/*'))).toBe(
      'no',
    );
    expect(denyPatternCovers('arn:a?s*:s3:::b/*', here, granted('arn:${AWS::Partition}:s3:::b/*'))).toBe(
      'yes',
    );
    // A pattern of partitions that matches each covers it; one that matches some may.
    expect(denyPatternCovers('arn:aws*:s3:::b/*', here, granted('arn:${AWS::Partition}:s3:::b/*'))).toBe(
      'yes',
    );
    expect(denyPatternCovers('arn:aws-*:s3:::b/*', here, granted('arn:${AWS::Partition}:s3:::b/*'))).toBe(
      'unknown',
    );
    // Both by `${AWS::Partition}`, or both literal: one partition, as now.
    expect(
      denyPatternCovers(
        sub('arn:${AWS::Partition}:s3:::b/*'),
        here,
        granted('arn:${AWS::Partition}:s3:::*/*'),
      ),
    ).toBe('no');
    expect(
      denyPatternCovers(sub('arn:${AWS::Partition}:s3:::*'), here, granted('arn:${AWS::Partition}:s3:::b/*')),
    ).toBe('yes');
    expect(denyPatternCovers('arn:aws:s3:::*', here, 'arn:aws:s3:::b/*')).toBe('yes');
    // A Deny by `${AWS::Partition}` over a literal `arn:aws:` grant: in another partition the grant reaches nothing.
    expect(denyPatternCovers(sub('arn:${AWS::Partition}:s3:::*'), here, 'arn:aws:s3:::b/*')).toBe('yes');
  });

  it('covers nothing more than the text would', () => {
    expect(denyPatternCovers(sub('arn:aws:sqs:eu-west-1:*:mail'), here, granted(queues))).toBe('no');
    expect(denyPatternCovers(sub('${Jobs.Arn}'), here, granted('${Queue.Arn}'))).toBe('no');
    expect(denyPatternCovers(sub('${Queue.Arn}'), here, granted('${Queue.Arn}/*'))).toBe('no');
    // A `?` never stands for a grant's value (it may be empty, or `*`), but covers a `?` of the grant.
    expect(denyPatternCovers(sub('arn:aws:s3:::?${Bucket}'), here, granted('arn:aws:s3:::${Bucket}'))).toBe(
      'no',
    );
    expect(denyPatternCovers(sub('arn:aws:s3:::?${Bucket}'), here, granted('arn:aws:s3:::?${Bucket}'))).toBe(
      'yes',
    );
  });

  it('is unknown where the stack’s region or account may be the literal one of the other side, never yes', () => {
    // The grant in the stack's region, the Deny in us-east-1: it covers the grant in a deploy there alone.
    expect(denyPatternCovers(sub('arn:aws:sqs:us-east-1:*:*'), here, granted(queues))).toBe('unknown');
    // The reverse, and the account alike.
    expect(denyPatternCovers(sub(queues), here, 'arn:aws:sqs:us-east-1:123456789012:jobs')).toBe('unknown');
    expect(
      denyPatternCovers(sub('arn:aws:sqs:*:${AWS::AccountId}:*'), here, 'arn:aws:sqs:*:123456789012:*'),
    ).toBe('unknown');
    // A known account is no doubt.
    const options = { selfAccount: '111122223333' };
    expect(
      denyPatternCovers(
        sub('arn:aws:sqs:*:${AWS::AccountId}:*'),
        here,
        'arn:aws:sqs:*:123456789012:*',
        options,
      ),
    ).toBe('no');
  });

  it('is unknown where a parameter of the Deny may be `*`', () => {
    expect(denyPatternCovers(param('Other'), here, granted('${Bucket}'))).toBe('unknown');
    expect(denyPatternCovers(unknown('from an import'), here, granted('${Bucket}'))).toBe('unknown');
  });

  it('does not read a name of another template, or of another stack written alike, as the same text', () => {
    const other: SourceRef = { arn: 'arn:aws:iam::111122223333:policy/other' };
    expect(denyPatternCovers(param('Bucket'), other, granted('${Bucket}'))).toBe('unknown');
    expect(denyPatternCovers(sub('${Queue.Arn}'), other, granted('${Queue.Arn}'))).toBe('no');
    // Each stack's own region: two stacks may be deployed in one region, or not.
    expect(denyPatternCovers(sub(queues), other, granted(queues))).toBe('unknown');
    expect(denyPatternCovers(sub('arn:aws:sqs:${AWS::Region}:*:mail'), other, granted(queues))).toBe('no');
    const imported = unknown('from another stack', '${Queue.Arn}', { otherStacks: ['Queue'] });
    expect(denyPatternCovers(imported, here, granted('${Queue.Arn}'))).toBe('no');
    expect(denyPatternCovers(imported, here, comparedText(imported, here) as string)).toBe('yes');
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

  it('covers a whole service, or every action, with any pattern of `*` and `?` that matches every action name', () => {
    // Every action name is three characters or more: `s3:?*` and `s3:???*` are `s3:*`, `*:*` and `?*` are `*`.
    expect(denyCoversActions(deny({ action: 's3:?*' }), 's3:*')).toBe('yes');
    expect(denyCoversActions(deny({ action: 's3:???*' }), 's3:*?')).toBe('yes');
    expect(denyCoversActions(deny({ action: '*:*' }), '*')).toBe('yes');
    expect(denyCoversActions(deny({ action: '?*' }), '*:?*')).toBe('yes');
    expect(denyCoversActions(deny({ action: 's3:Get?*' }), 's3:*')).toBe('no');
    expect(denyCoversActions(deny({ action: 's3:????*' }), 's3:*')).toBe('no');
    expect(denyCoversActions(deny({ action: 's3:?*' }), '*')).toBe('no');
    // A NotAction of every action keeps every action out of the Deny.
    expect(denyCoversActions(deny({ notAction: '?*' }), 'sqs:*')).toBe('no');
  });

  it('covers an Allow with NotAction only with every action', () => {
    expect(denyCoversActions(deny({ action: '*' }), undefined)).toBe('yes');
    expect(denyCoversActions(deny({ action: '*:?*' }), undefined)).toBe('yes');
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

  it('covers every resource of every partition only: `arn:aws:*` may not reach the stack’s', () => {
    expect(denyReach(deny({ resource: 'arn:*:*' }), 'all').covers.answer).toBe('yes');
    expect(denyReach(deny({ resource: sub('arn:${AWS::Partition}:*') }), 'all').covers.answer).toBe('yes');
    expect(denyReach(deny({ resource: ['arn:aws:*', '*'] }), 'all').covers.answer).toBe('yes');
    expect(denyReach(deny({ resource: 'arn:aws:*' }), 'all').covers).toEqual({
      answer: 'unknown',
      doubt:
        'whether the Resource of that Deny (arn:aws:*) reaches it depends on the deploy (${AWS::Partition} is not ' +
        'known before deploy)',
    });
  });

  it('covers every resource where the patterns listed reach every partition between them', () => {
    expect(denyReach(deny({ resource: [...EVERY_PARTITION] }), 'all').covers).toEqual({ answer: 'yes' });
    expect(denyReach(deny({ resource: ['arn:aws*:*', 'arn:aws-us-gov:*'] }), 'all').covers.answer).toBe(
      'yes',
    );
    const withQuestionMarks = EVERY_PARTITION.map((text) =>
      text === 'arn:aws-cn:*' ? 'arn:aws-??:*' : text,
    );
    expect(denyReach(deny({ resource: withQuestionMarks }), 'all').covers).toEqual({ answer: 'yes' });
    // Two of the partitions: a stack in aws-us-gov is out of its reach.
    expect(denyReach(deny({ resource: ['arn:aws:*', 'arn:aws-cn:*'] }), 'all').covers.answer).toBe('unknown');
    // The three commercial ones: a stack in an isolated Region or the European Sovereign Cloud is out of its reach.
    expect(
      denyReach(deny({ resource: ['arn:aws:*', 'arn:aws-cn:*', 'arn:aws-us-gov:*'] }), 'all').covers,
    ).toEqual({
      answer: 'unknown',
      doubt:
        'whether the Resource of that Deny (arn:aws:*, arn:aws-cn:*, arn:aws-us-gov:*) reaches it depends on the ' +
        'deploy (${AWS::Partition} is not known before deploy)',
    });
    // A pattern that covers every resource of no partition (one type) adds none.
    expect(
      denyReach(deny({ resource: ['arn:aws:*', 'arn:aws-cn:*', 'arn:aws-us-gov:s3:::*'] }), 'all').covers
        .answer,
    ).toBe('unknown');
  });

  it('covers a grant on `*` or any partition’s resources where, in each partition, a pattern listed covers it', () => {
    for (const granted of ['*', 'arn:*:*', 'arn:${AWS::Partition}:sqs:*', 'arn:aws-*:sqs:*'])
      expect(denyReach(deny({ resource: [...EVERY_PARTITION] }), [granted]).covers, granted).toEqual({
        answer: 'yes',
      });
    const queues = [
      'arn:aws:sqs:*',
      'arn:aws-??:sqs:*',
      'arn:aws-us-gov:sqs:*',
      'arn:aws-iso*:sqs:*',
      'arn:aws-eusc:sqs:*',
    ];
    expect(denyReach(deny({ resource: queues }), ['arn:${AWS::Partition}:sqs:*']).covers.answer).toBe('yes');
    // Every queue is not every resource: the grant on `*` is also on what acts on no queue (sqs:ListQueues).
    expect(denyReach(deny({ resource: queues }), ['*']).covers.answer).toBe('no');
    // Some partitions alone: the deploy decides.
    expect(denyReach(deny({ resource: ['arn:aws:*', 'arn:aws-cn:*'] }), ['*']).covers).toEqual({
      answer: 'unknown',
      doubt:
        'whether the Resource of that Deny (arn:aws:*, arn:aws-cn:*) reaches it depends on the deploy ' +
        '(${AWS::Partition} is not known before deploy)',
    });
    // A grant on one partition's resources is of use there alone.
    expect(
      denyReach(deny({ resource: ['arn:aws-cn:*', 'arn:aws-us-gov:*'] }), ['arn:aws:sqs:*']).covers.answer,
    ).toBe('no');
  });

  it('covers a grant on resources none of which a NotResource keeps, where no deploy could make them meet', () => {
    const keep = deny({ notResource: 'arn:aws:s3:::keep/*' });
    expect(denyReach(keep, ['arn:aws:s3:::other/*']).covers.answer).toBe('yes');
    expect(denyReach(keep, ['arn:aws:s3:::other/*', 'arn:aws:s3:::keep/a']).covers.answer).toBe('no');
    expect(denyReach(keep, 'all').covers.answer).toBe('no');
    const stackRegion = deny({ notResource: [sub('arn:aws:sqs:${AWS::Region}:123456789012:jobs')] });
    expect(denyReach(stackRegion, ['arn:aws:sqs:us-east-1:123456789012:jobs']).covers).toEqual({
      answer: 'unknown',
      doubt:
        'whether the NotResource of that Deny (arn:aws:sqs:${AWS::Region}:123456789012:jobs) reaches it depends ' +
        'on the deploy (${AWS::Region} is not known before deploy)',
    });
    expect(denyReach(deny({ notResource: [param('Kept')] }), ['arn:aws:s3:::other/*']).covers).toEqual({
      answer: 'unknown',
      doubt:
        'the NotResource of that Deny is not known before deploy (from parameter Kept, which has no default)',
    });
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

describe('actionsLeft', () => {
  const denies = (...statements: Parameters<typeof st>[0][]) =>
    denyStatements(doc(...statements.map((fields) => st({ effect: 'Deny', resource: '*', ...fields }))));
  const patterns = (left: ReturnType<typeof actionsLeft>) => left?.patterns;

  it('keeps what a NotAction Deny names of the grant, through every such Deny', () => {
    expect(patterns(actionsLeft(denies({ notAction: 's3:*' }), '*', 'all'))).toEqual(['s3:*']);
    expect(patterns(actionsLeft(denies({ notAction: ['s3:GetObject', 'sqs:*'] }), 's3:*', 'all'))).toEqual([
      's3:GetObject',
    ]);
    const two = denies({ notAction: ['s3:*', 'logs:*'] }, { notAction: ['s3:Get*', 'sqs:*'] });
    expect(patterns(actionsLeft(two, '*', 'all'))).toEqual(['s3:Get*']);
    // Patterns that only may overlap keep the grant's: nothing is taken back for certain.
    expect(actionsLeft(denies({ notAction: 's3:*Object' }), 's3:Get*', 'all')).toBeUndefined();
  });

  it('is undefined when no Deny takes part of it back for certain', () => {
    expect(actionsLeft(denies({ action: 's3:*' }), '*', 'all')).toBeUndefined();
    expect(actionsLeft(denies({ notAction: '*' }), 's3:*', 'all')).toBeUndefined();
    const conditional = denies({
      notAction: 's3:*',
      condition: { Bool: { 'aws:SecureTransport': ['false'] } },
    });
    expect(actionsLeft(conditional, '*', 'all')).toBeUndefined();
    // A Deny on one bucket does not reach a grant on every resource.
    expect(
      actionsLeft(denies({ notAction: 's3:*', resource: 'arn:aws:s3:::b' }), '*', 'all'),
    ).toBeUndefined();
  });

  it('keeps a NotAction not known before deploy as written, saying so', () => {
    const left = actionsLeft(denies({ notAction: [param('Kept')] }), '*', 'all');
    expect(left?.patterns).toEqual(['${Kept}']);
    expect(left?.doubt).toBe(
      'a Deny may cancel some of it: the NotAction of that Deny is not known before deploy (from parameter Kept, which has no default)',
    );
  });
});
