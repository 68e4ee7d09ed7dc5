import { describe, expect, it } from 'vitest';
import {
  keepsWildcardsOut,
  patternKeepsOut,
} from '../../../src/sources/cloudformation/parameter-constraints.js';

describe('patternKeepsOut', () => {
  it('is true for patterns of classes, literals and escapes that cannot match * or ?', () => {
    for (const pattern of [
      '^[a-z0-9.-]*$',
      '[a-z0-9.-]*', // unanchored: CloudFormation matches the whole value anyway
      '^[a-zA-Z][-a-zA-Z0-9]{2,62}$',
      '^(dev|staging|prod)$',
      '(?:arn:aws:s3:::)?[a-z0-9.-]+',
      '\\d{12}',
      '^[\\w+=,.@-]+$',
      '^[a-z]+\\.example\\.com$',
      '^[^*?]*$', // a negated class that names both
      '[+-/]+', // a range from + to /, after *
      '^$',
      '',
      '[a-z]+?', // a lazy quantifier
      '^[0-9A-Za-z\\.\\-_]*(?<!\\.)$', // a lookbehind consumes nothing, whatever it holds
      '^(?!.*\\*)[a-z]+$', // a lookahead too
      '^(?=[\\])]*)[a-z]+$', // a class inside one, with an escaped ]
    ]) {
      expect({ pattern, keepsOut: patternKeepsOut(pattern) }).toEqual({ pattern, keepsOut: true });
    }
  });

  it('is false when a value may hold * or ?, or when the pattern is not read', () => {
    for (const pattern of [
      '^[a-z0-9.*-]*$', // * in the class
      '^[a-z?]+$',
      '^[!-~]+$', // a range over *
      '.*', // any character
      '^[^a-z]+$', // a negated class without them
      '^\\S+$',
      '^\\W*$',
      '^[a-z]+\\*$', // an escaped *
      '^\\x2A$', // hex escapes are not read
      '^\\p{Alnum}+$', // nor Unicode classes
      '^(?i)[a-z]+$', // nor flags
      '^(?=[a-z])[a-z*]+$', // a lookaround does not narrow what the rest matches
      '^(?=a)*[a-z]+$', // nor is a quantified one read
      '^(?=a[a-z]+$', // an unclosed one
      '^[a-z[*]]+$', // nor nested classes
      '^[a-z&&[^q]]+$', // nor intersections
      '*', // nothing to quantify
      '^[a-z', // unclosed
      'a{2', // a brace that is not a quantifier
      '(a)\\1', // a back reference
    ]) {
      expect({ pattern, keepsOut: patternKeepsOut(pattern) }).toEqual({ pattern, keepsOut: false });
    }
  });
});

describe('keepsWildcardsOut', () => {
  it('reads AllowedValues, AllowedPattern and a Number type', () => {
    expect(keepsWildcardsOut({ Type: 'String', AllowedValues: ['dev', 'prod'] })).toBe(true);
    expect(keepsWildcardsOut({ Type: 'String', AllowedValues: ['dev', '*'] })).toBe(false);
    expect(keepsWildcardsOut({ Type: 'String', AllowedValues: ['dev', 'a?'] })).toBe(false);
    expect(keepsWildcardsOut({ AllowedPattern: '^[a-z]+$' })).toBe(true); // String by default
    expect(keepsWildcardsOut({ Type: 'String', AllowedPattern: '.+' })).toBe(false);
    expect(keepsWildcardsOut({ Type: 'String' })).toBe(false);
    expect(keepsWildcardsOut({ Type: 'Number' })).toBe(true);
    // Either constraint is enough: CloudFormation applies both.
    expect(keepsWildcardsOut({ Type: 'String', AllowedValues: ['*'], AllowedPattern: '^[a-z]+$' })).toBe(
      true,
    );
  });

  it('leaves lists and values it cannot read alone', () => {
    expect(keepsWildcardsOut({ Type: 'CommaDelimitedList', AllowedPattern: '^[a-z]+$' })).toBe(false);
    expect(keepsWildcardsOut({ Type: 'List<Number>' })).toBe(false);
    expect(keepsWildcardsOut({ Type: 'String', AllowedValues: [] })).toBe(false);
    expect(keepsWildcardsOut({ Type: 'String', AllowedValues: [{ Ref: 'X' }] })).toBe(false);
    expect(keepsWildcardsOut({ Type: 'String', AllowedPattern: { 'Fn::Sub': '^x$' } })).toBe(false);
    expect(keepsWildcardsOut(undefined)).toBe(false);
  });
});
