import { describe, expect, it } from 'vitest';
import {
  keepsWildcardsOut,
  keptOut,
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

describe('keptOut', () => {
  const read = (declaration: Record<string, unknown>) => {
    const kept = keptOut('Key', { Type: 'String', ...declaration });
    return kept === undefined ? 'neither' : { empty: kept.empty, aliases: kept.awsManagedAliases };
  };

  it('refuses both to a key ARN or key id pattern, which lets a / in only after key', () => {
    for (const pattern of [
      '^arn:aws[a-zA-Z-]*:kms:[a-z0-9-]+:\\d{12}:key/[a-f0-9-]{36}$',
      '^arn:aws:kms:[a-z0-9-]+:[0-9]{12}:key\\/[a-f0-9-]+$',
      '^[a-f0-9-]{36}$',
    ]) {
      expect({ pattern, kept: read({ AllowedPattern: pattern }) }).toEqual({
        pattern,
        kept: { empty: true, aliases: true },
      });
    }
  });

  it('does not refuse aliases to a pattern with a / elsewhere, a repeated one, or an atom that matches /', () => {
    for (const pattern of [
      '^(arn:aws:kms:[a-z0-9-]+:[0-9]{12}:key/[a-f0-9-]+|alias/[a-z-]+)$',
      '^arn:aws:kms:.+:key/.+$',
      '^arn:aws:kms:[^:]+:[0-9]{12}:key/[a-f0-9-]+$',
      '^[a-z:]+key/+[a-f0-9-]+$',
      '^[!-~]+$',
    ]) {
      expect({ pattern, kept: read({ AllowedPattern: pattern }) }).toEqual({
        pattern,
        kept: { empty: true, aliases: false },
      });
    }
  });

  it('refuses the empty value for MinLength or AllowedValues without it; reads aliases in AllowedValues', () => {
    expect(read({ MinLength: 1 })).toEqual({ empty: true, aliases: false });
    expect(read({ MinLength: '0' })).toBe('neither');
    expect(read({ AllowedValues: ['arn:aws:kms:us-east-1:123456789012:key/k'] })).toEqual({
      empty: true,
      aliases: true,
    });
    expect(read({ AllowedValues: ['', 'alias/aws/lambda'] })).toBe('neither');
    expect(read({ AllowedPattern: '^[a-f0-9-]*$' })).toEqual({ empty: false, aliases: true });
    expect(read({})).toBe('neither');
    expect(keptOut('Key', { Type: 'CommaDelimitedList', MinLength: 1 })).toBeUndefined();
  });
});

describe('keptOut in a case whose conditions keep the empty value out', () => {
  const SRA = '^$|^arn:(aws[a-zA-Z-]*){1}:kms:[a-z0-9-]+:\\d{12}:key\\/[a-f0-9]{8}-[a-f0-9-]{27}$';

  it('refuses the empty value there, naming the condition, and reads aliases from the pattern', () => {
    expect(keptOut('Key', { Type: 'String', AllowedPattern: SRA }, 'condition UseKms holds')).toEqual({
      parameter: 'Key',
      empty: true,
      awsManagedAliases: true,
      emptyRuledOutBy: 'condition UseKms holds',
    });
    expect(keptOut('Key', { Type: 'String' }, 'condition UseKms holds')).toEqual({
      parameter: 'Key',
      empty: true,
      awsManagedAliases: false,
      emptyRuledOutBy: 'condition UseKms holds',
    });
  });

  it('names the constraints, not the condition, when they refuse the empty value themselves', () => {
    expect(keptOut('Key', { Type: 'String', MinLength: 1 }, 'condition UseKms holds')).toEqual({
      parameter: 'Key',
      empty: true,
      awsManagedAliases: false,
    });
  });

  it('says nothing of a list parameter', () => {
    expect(keptOut('Key', { Type: 'CommaDelimitedList' }, 'condition UseKms holds')).toBeUndefined();
  });
});
