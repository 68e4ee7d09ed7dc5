import { describe, expect, it } from 'vitest';
import { conditionNamesIn, visitTexts } from '../../../src/sources/cloudformation/condition-names.js';

describe('condition names written in a value', () => {
  it('finds a Condition key’s text and an Fn::If’s first argument, at any depth, and nothing else', () => {
    const value = {
      Condition: 'IsProd',
      Properties: {
        AlarmActions: [{ 'Fn::If': ['HasTopic', { Ref: 'Topic' }, { Ref: 'AWS::NoValue' }] }],
        Threshold: { 'Fn::If': ['Big', 10, { 'Fn::If': ['Medium', 5, 1] }] },
      },
      // Within a condition function: `!And [!Condition A, !Equals [...]]`.
      Other: { 'Fn::And': [{ Condition: 'A' }, { 'Fn::Equals': [{ Ref: 'Stage' }, 'Condition'] }] },
    };
    expect([...conditionNamesIn(value)].sort()).toEqual(['A', 'Big', 'HasTopic', 'IsProd', 'Medium']);
  });

  it('takes no malformed one: a Condition that is no text, an Fn::If whose first argument is none', () => {
    expect(conditionNamesIn({ Condition: { Ref: 'X' }, Y: { 'Fn::If': [{ Ref: 'Z' }, 'a', 'b'] } })).toEqual(
      new Set(),
    );
    expect(conditionNamesIn({ 'Fn::If': 'C' })).toEqual(new Set());
    expect(conditionNamesIn('IsProd')).toEqual(new Set());
  });

  it('gives every other text, keys too, once, and a condition’s name only as one', () => {
    const seen: [string, boolean][] = [];
    visitTexts({ 'Fn::If': ['C', { 'Fn::Sub': '${Stage}-x' }, 'no'], Condition: 'D' }, (text, isName) =>
      seen.push([text, isName]),
    );
    expect(seen.sort()).toEqual(
      [
        ['C', true],
        ['Condition', false],
        ['D', true],
        ['Fn::If', false],
        ['Fn::Sub', false],
        ['${Stage}-x', false],
        ['no', false],
      ].sort(),
    );
  });

  it('walks a value nested past any call stack', () => {
    let value: unknown = { Condition: 'Deep' };
    for (let depth = 0; depth < 100_000; depth += 1) value = [{ 'Fn::Not': [value] }];
    expect(conditionNamesIn(value)).toEqual(new Set(['Deep']));
  });
});
