// biome-ignore-all lint/suspicious/noTemplateCurlyInString: CloudFormation `${...}` templates are the subject of these tests
import { describe, expect, it } from 'vitest';
import { broadTest, describeValue, instantiate, narrowTest, SELF_ACCOUNT } from '../../src/iam/templates.js';
import { allOf, anyOf, anyOfEach, not } from '../../src/iam/tri.js';
import { hasWildcard, isStarOnly, wildcardMatches } from '../../src/iam/wildcards.js';
import { invalid, unknown } from '../../src/model/values.js';
import { param, sub } from './fixtures.js';

describe('three-valued logic', () => {
  it('combines answers, unknown never becoming known', () => {
    expect(anyOf(['no', 'unknown', 'yes'])).toBe('yes');
    expect(anyOf(['no', 'unknown'])).toBe('unknown');
    expect(anyOf([])).toBe('no');
    expect(allOf(['yes', 'unknown'])).toBe('unknown');
    expect(allOf(['unknown', 'no'])).toBe('no');
    expect(allOf([])).toBe('yes');
    expect(not('unknown')).toBe('unknown');
    expect(not('yes')).toBe('no');
  });

  it('answers anyOf of each item, asking no further once one is yes', () => {
    const asked: number[] = [];
    const answer = (n: number) => {
      asked.push(n);
      return n === 2 ? 'yes' : n === 1 ? 'unknown' : 'no';
    };
    expect(anyOfEach([0, 1, 2, 3], answer)).toBe('yes');
    expect(asked).toEqual([0, 1, 2]);
    expect(anyOfEach([0, 1], answer)).toBe('unknown');
    expect(anyOfEach([], answer)).toBe('no');
  });
});

describe('wildcards', () => {
  it('matches resources case-sensitively unless asked', () => {
    expect(wildcardMatches('arn:aws:s3:::bucket/*', 'arn:aws:s3:::bucket/a/b')).toBe(true);
    expect(wildcardMatches('arn:aws:s3:::Bucket/*', 'arn:aws:s3:::bucket/a')).toBe(false);
    expect(wildcardMatches('arn:aws:s3:::Bucket/*', 'arn:aws:s3:::bucket/a', true)).toBe(true);
    expect(wildcardMatches('a?c', 'abc')).toBe(true);
    expect(wildcardMatches('a?c', 'ac')).toBe(false);
  });

  it('tells wildcard shapes', () => {
    expect(hasWildcard('s3:Get*')).toBe(true);
    expect(hasWildcard('s3:GetObject')).toBe(false);
    expect(isStarOnly('***')).toBe(true);
    expect(isStarOnly('*:*')).toBe(false);
  });
});

describe('reading templates', () => {
  const inventory = { resolve: (ref: unknown) => (ref === 'Bucket' ? ({} as never) : undefined) };

  it('reads pseudo parameters as what they stand for', () => {
    const arn = sub('arn:${AWS::Partition}:iam::${AWS::AccountId}:role/x');
    expect(instantiate(arn, 'narrow')).toBe(`arn:aws:iam::${SELF_ACCOUNT}:role/x`);
    expect(instantiate(arn, 'narrow', { selfAccount: '123456789012' })).toBe(
      'arn:aws:iam::123456789012:role/x',
    );
    expect(instantiate(sub('lambda.${AWS::URLSuffix}'), 'anyText')).toBe('lambda.amazonaws.com');
  });

  it('reads parameters as anything, resource attributes as fixed text', () => {
    expect(instantiate(param('Arn'), 'anyPattern')).toBe('*');
    expect(instantiate(sub('${Table.Arn}/index/*'), 'anyPattern')).toBe('\u0000/index/*');
    expect(instantiate(sub('${Table.Arn}/index/*'), 'anyText')).toBe('*/index/*');
    expect(instantiate(sub('arn:aws:s3:::${Bucket}'), 'anyPattern', { inventory })).toBe(
      'arn:aws:s3:::\u0000',
    );
    expect(instantiate(sub('arn:aws:s3:::${Bucket}'), 'anyPattern')).toBe('arn:aws:s3:::*');
    // A Ref to a resource the inventory does not model, whole or inside a text: the source says which
    // of its names are resources.
    const topic = unknown('reference to resource Topic', '${Topic}', { resources: ['Topic'] });
    expect(instantiate(topic, 'anyPattern')).toBe('\u0000');
    const objects = unknown('reference to resource Uploads', 'arn:aws:s3:::${Uploads}/${Prefix}*', {
      resources: ['Uploads'],
    });
    expect(instantiate(objects, 'anyPattern')).toBe('arn:aws:s3:::\u0000/**');
    // Without the marker, the same words are no resource: only the structure counts.
    expect(instantiate(unknown('reference to resource Topic', '${Topic}'), 'anyPattern')).toBe('*');
    expect(instantiate(unknown('imported from another stack'), 'narrow')).toBeUndefined();
  });

  it('answers broad tests in three values', () => {
    const star = (text: string) => text === '*';
    expect(broadTest('*', star, 'anyPattern')).toBe('yes');
    expect(broadTest('arn:aws:s3:::b', star, 'anyPattern')).toBe('no');
    expect(broadTest(param('Resource'), star, 'anyPattern')).toBe('unknown');
    expect(broadTest(sub('${Table.Arn}'), star, 'anyPattern')).toBe('no');
    expect(broadTest(unknown('from an !If'), star, 'anyPattern')).toBe('unknown');
  });

  it('reads a parameter whose constraints keep wildcards out as specific or empty text, never a wildcard', () => {
    const name = unknown('from parameter Bucket, which has no default', 'arn:aws:s3:::${Bucket}/*', {
      noWildcard: ['Bucket'],
    });
    expect(instantiate(name, 'narrow')).toBe('arn:aws:s3:::\u0000/*');
    expect(instantiate(name, 'anyPattern')).toBe('arn:aws:s3:::/*');
    // Any text it may be: it may still equal a given string.
    expect(instantiate(name, 'anyText')).toBe('arn:aws:s3:::*/*');
    const star = (text: string) => text === '*';
    const literal = unknown('from parameter Name, which has no default', '${Name}', { noWildcard: ['Name'] });
    expect(broadTest(literal, star, 'anyPattern')).toBe('no');
    // Empty, it leaves the `*` after it alone: every table. Specific, one table's prefix.
    const prefix = unknown('from parameter P, which has no default', 'table/${P}*', { noWildcard: ['P'] });
    expect(broadTest(prefix, (text) => text === 'table/*', 'anyPattern')).toBe('unknown');
    // Yes only when both specific and empty text pass.
    expect(broadTest(prefix, (text) => text.startsWith('table/'), 'anyPattern')).toBe('yes');
    expect(broadTest(prefix, (text) => text.includes('\u0000'), 'anyPattern')).toBe('unknown');
    // Beside an open parameter, that one still reads as `*`.
    const mixed = unknown('from parameter P, which has no default', '${Open}/${P}', { noWildcard: ['P'] });
    expect(instantiate(mixed, 'anyPattern')).toBe('*/');
  });

  it('answers narrow tests in three values', () => {
    const fixed = (text: string) => !text.includes('*');
    expect(narrowTest('123456789012', fixed)).toBe('yes');
    expect(narrowTest('*', fixed)).toBe('no');
    expect(narrowTest(sub('${AWS::AccountId}'), fixed)).toBe('yes');
    expect(narrowTest(param('Account'), fixed)).toBe('unknown');
    // Literal text may be empty, which is no fixed account.
    const account = unknown('from parameter Account, which has no default', '${Account}', {
      noWildcard: ['Account'],
    });
    expect(narrowTest(account, (text) => text !== '' && fixed(text))).toBe('unknown');
    expect(narrowTest(account, fixed)).toBe('yes');
  });
});

describe('describeValue', () => {
  it('shows text, the shape of unknown text, the reason of an unknown without one, and names an invalid value', () => {
    expect(describeValue('arn:aws:lambda:us-east-1:111122223333:layer:x:1')).toBe(
      'arn:aws:lambda:us-east-1:111122223333:layer:x:1',
    );
    expect(describeValue(unknown('from parameter P', '${P}'))).toBe('${P}');
    expect(describeValue(unknown('from parameter P'))).toBe('<from parameter P>');
    expect(describeValue(invalid('a list where text is expected'))).toBe('(invalid value)');
  });

  it('shows empty text as "", never as nothing (`event source  is`)', () => {
    expect(describeValue('')).toBe('""');
    expect(describeValue(unknown('from parameter P', ''))).toBe('""');
    expect(
      describeValue(
        unknown('depends on condition C', undefined, { resources: [], noWildcard: [], oneOf: ['', 'a'] }),
      ),
    ).toBe('"" or a');
  });

  it('shows the values an unknown is one of, with how many more beyond four', () => {
    const oneOf = (...values: string[]) =>
      unknown('depends on condition C', undefined, { resources: [], noWildcard: [], oneOf: values });
    expect(describeValue(oneOf('a'))).toBe('a');
    expect(describeValue(oneOf('a', 'b'))).toBe('a or b');
    expect(describeValue(oneOf('a', 'b', 'c', 'd'))).toBe('a, b, c or d');
    expect(describeValue(oneOf('a', 'b', 'c', 'd', 'e'))).toBe('a, b, c or 2 more');
  });
});
