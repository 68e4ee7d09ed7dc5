import { describe, expect, it } from 'vitest';
import { nonEmptyInCase } from '../../../src/sources/cloudformation/case-non-empty.js';

const CONDITIONS = {
  UseKms: { 'Fn::Not': [{ 'Fn::Equals': [{ Ref: 'KeyArn' }, ''] }] },
  NoKey: { 'Fn::Equals': ['', { Ref: 'KeyArn' }] },
  IsProd: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] },
  KeyedProd: { 'Fn::And': [{ Condition: 'UseKms' }, { Condition: 'IsProd' }] },
  EitherEmpty: {
    'Fn::Or': [{ 'Fn::Equals': [{ Ref: 'KeyArn' }, ''] }, { 'Fn::Equals': [{ Ref: 'Topic' }, ''] }],
  },
};

const read = (taken: Record<string, boolean>) =>
  Object.fromEntries(nonEmptyInCase(CONDITIONS, new Map(Object.entries(taken))));

describe('nonEmptyInCase', () => {
  it('reads a comparison with "" that does not hold: through Fn::Not, either way round', () => {
    expect(read({ UseKms: true })).toEqual({ KeyArn: 'condition UseKms holds' });
    expect(read({ NoKey: false })).toEqual({ KeyArn: 'condition NoKey does not hold' });
  });

  it('says nothing where the comparison holds, or compares another value', () => {
    expect(read({ UseKms: false, NoKey: true, IsProd: false })).toEqual({});
  });

  it('reads each part of an !And that holds and of an !Or that does not, through Condition references', () => {
    expect(read({ KeyedProd: true })).toEqual({ KeyArn: 'condition KeyedProd holds' });
    expect(read({ KeyedProd: false })).toEqual({});
    expect(read({ EitherEmpty: false })).toEqual({
      KeyArn: 'condition EitherEmpty does not hold',
      Topic: 'condition EitherEmpty does not hold',
    });
    expect(read({ EitherEmpty: true })).toEqual({});
  });

  it('names the first condition of the case that keeps a parameter from ""', () => {
    expect(read({ UseKms: true, NoKey: false })).toEqual({ KeyArn: 'condition UseKms holds' });
  });
});
