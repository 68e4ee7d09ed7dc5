import { describe, expect, it } from 'vitest';
import { doubtsOf, factor, partDoubt, partFactor } from '../../src/iam/doubts.js';
import { broadActionGrants, passRoleGrants, writeOnAllResources } from '../../src/iam/grants.js';
import { unknown } from '../../src/model/values.js';
import { doc, param, st } from './fixtures.js';

describe('partDoubt', () => {
  it('names the part as written, with the reasons of what is not known', () => {
    expect(partDoubt(st({ action: param('Act'), resource: '*' }), 'Action')).toBe(
      'the Action is not known before deploy (from parameter Act, which has no default)',
    );
    expect(partDoubt(st({ action: ['s3:GetObject', param('Extra')], resource: '*' }), 'Action')).toBe(
      'part of the Action is not known before deploy (from parameter Extra, which has no default)',
    );
    expect(partDoubt(st({ notAction: [param('Except')], resource: '*' }), 'Action')).toBe(
      'the NotAction is not known before deploy (from parameter Except, which has no default)',
    );
    expect(
      partDoubt(
        st({ action: '*', notResource: [param('R1'), param('R2')] }),
        'Resource',
        ' of that statement',
      ),
    ).toBe(
      'the NotResource of that statement is not known before deploy (from parameter R1, which has no ' +
        'default; from parameter R2, which has no default)',
    );
    expect(partDoubt(st({ effect: unknown('imported'), action: '*', resource: '*' }), 'Effect')).toBe(
      'the Effect is not known before deploy (imported)',
    );
  });
});

describe('factors', () => {
  it('word a doubt only for unknown answers, and list each doubt once', () => {
    const statement = st({ action: param('Act'), resource: '*' });
    expect(partFactor('yes', statement, 'Action')).toEqual({ answer: 'yes' });
    expect(factor('no', 'never read')).toEqual({ answer: 'no' });
    const doubt = partFactor('unknown', statement, 'Action');
    expect(doubtsOf([doubt, { answer: 'yes' }, doubt, factor('unknown', 'another')])).toEqual([
      'the Action is not known before deploy (from parameter Act, which has no default)',
      'another',
    ]);
  });
});

describe('unknown hits', () => {
  it('say what they may grant and what is not known, never the words of a certain hit', () => {
    const statement = st({ action: [param('Act')], resource: [param('Res')] });
    const reasons = [
      ...broadActionGrants(doc(statement)),
      ...writeOnAllResources(doc(statement)),
      ...passRoleGrants(doc(statement)),
    ].map((hit) => [hit.answer, hit.reason]);
    const act = 'the Action is not known before deploy (from parameter Act, which has no default)';
    const res = 'the Resource is not known before deploy (from parameter Res, which has no default)';
    expect(reasons).toEqual([
      ['unknown', `may grant every action ("\${Act}"): ${act}`],
      ['unknown', `may grant write actions ("\${Act}") on every resource: ${act}; ${res}`],
      ['unknown', `may grant iam:PassRole on every role ("\${Res}"): ${act}; ${res}`],
    ]);
  });

  it('keep the words of a certain hit when the grant is certain', () => {
    expect(passRoleGrants(doc(st({ action: 'iam:PassRole', resource: '*' })))[0]?.reason).toBe(
      'Allow grants iam:PassRole on every role ("*")',
    );
  });
});
