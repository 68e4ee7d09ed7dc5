import { describe, expect, it } from 'vitest';
import {
  certainlyNonEmpty,
  literalText,
  nonEmptyParameter,
  placeholderMatches,
  replacePlaceholders,
  templateMayGive,
  unknown,
} from '../../src/model/values.js';

describe('certainlyNonEmpty', () => {
  it('holds for known text, and not for an absent or empty value', () => {
    expect(certainlyNonEmpty('arn:aws:sqs:us-east-1:123456789012:failed')).toBe(true);
    expect(certainlyNonEmpty('')).toBe(false);
    expect(certainlyNonEmpty(undefined)).toBe(false);
  });

  it('holds for text not known before deploy that has literal text of its own', () => {
    const arn = unknown(
      'the partition the stack is deployed to',
      'arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:event-bus/default',
    );
    expect(certainlyNonEmpty(arn)).toBe(true);
    expect(certainlyNonEmpty(unknown('from parameter Q, which has no default', 'queue-${Q}'))).toBe(true);
  });

  it('holds for a resource of this or another stack named whole (its id or attribute is never empty)', () => {
    const key = unknown('attribute Arn of resource Key of stack parent.yaml', '${Key.Arn}', {
      resources: ['Key.Arn'],
    });
    expect(certainlyNonEmpty(key)).toBe(true);
    // A nested stack's output may be anything, '' included.
    const output = unknown('attribute Outputs.KeyArn of resource Keys', '${Keys.Outputs.KeyArn}', {
      resources: ['Keys.Outputs.KeyArn'],
    });
    expect(certainlyNonEmpty(output)).toBe(false);
  });

  it('does not hold for a value that is wholly unknown parts, which may be given ""', () => {
    expect(certainlyNonEmpty(unknown('from parameter Q, which has no default', '${Q}'))).toBe(false);
    expect(certainlyNonEmpty(unknown('from parameters', '${A}${B}'))).toBe(false);
    expect(certainlyNonEmpty(unknown('imported from another stack (Failed)'))).toBe(false);
    expect(certainlyNonEmpty(unknown('depends on condition C'))).toBe(false);
  });

  it('holds for one of listed values only when none of them is empty', () => {
    const oneOf = (values: string[]) => unknown('Fn::FindInMap', undefined, { oneOf: values });
    expect(certainlyNonEmpty(oneOf(['arn:aws:sqs:us-east-1:1:a', 'arn:aws:sqs:eu-west-1:1:b']))).toBe(true);
    expect(certainlyNonEmpty(oneOf(['arn:aws:sqs:us-east-1:1:a', '']))).toBe(false);
  });
});

describe('nonEmptyParameter', () => {
  const fromParameter = (keepsOut?: { empty: boolean; emptyRuledOutBy?: string }) =>
    unknown('from parameter Dlq, which has no default', '${Dlq}', {
      ...(keepsOut ? { keepsOut: { parameter: 'Dlq', awsManagedAliases: false, ...keepsOut } } : {}),
    });

  it('names the parameter and says why it is never empty: its constraints, or the case of the conditions', () => {
    expect(nonEmptyParameter(fromParameter({ empty: true }))).toEqual({
      parameter: 'Dlq',
      why: 'its constraints keep out an empty value',
    });
    expect(
      nonEmptyParameter(fromParameter({ empty: true, emptyRuledOutBy: 'condition HasDlq holds' })),
    ).toEqual({ parameter: 'Dlq', why: 'it is not empty where condition HasDlq holds' });
  });

  it('is undefined for a parameter that may be "", and for a known value', () => {
    expect(nonEmptyParameter(fromParameter())).toBeUndefined();
    expect(nonEmptyParameter(fromParameter({ empty: false }))).toBeUndefined();
    expect(nonEmptyParameter('arn:aws:sqs:us-east-1:123456789012:failed')).toBeUndefined();
    expect(nonEmptyParameter(undefined)).toBeUndefined();
  });
});

describe('replacePlaceholders, placeholderMatches: `${...}` read in linear time', () => {
  const PLACEHOLDER = /\$\{([^}]*)\}/g;
  const texts = [
    'arn:${AWS::Partition}:s3:::${Bucket}/*',
    'no placeholder',
    '${Env}-${resolve:${resolve:/*',
    '${a${b}c}-${',
    '}${x}',
    '${',
    '',
  ];

  it('gives what replace and matchAll give, `${` left open after the last `}` included', () => {
    for (const text of texts) {
      const named = (_whole: string, inner: string) => `<${inner}>`;
      expect(replacePlaceholders(text, named)).toBe(text.replace(PLACEHOLDER, named));
      expect(replacePlaceholders(text, '*')).toBe(text.replace(PLACEHOLDER, '*'));
      const matches = (found: Iterable<RegExpMatchArray>) => [...found].map((m) => [m.index, m[0], m[1]]);
      expect(matches(placeholderMatches(text))).toEqual(matches(text.matchAll(PLACEHOLDER)));
    }
    // A replacement text is taken as written: `$1` is no capture.
    expect(replacePlaceholders('a-${Env}', '$1')).toBe('a-$1');
    expect(literalText('https://${Domain}/${')).toBe('https:///${');
    expect(templateMayGive('orders-${Env}-${', 'orders-prod-${')).toBe(true);
    expect(templateMayGive('orders-${Env}-${', 'orders-prod-')).toBe(false);
  });

  it('tells whether a template may give a text: its literal parts in order, anything between', () => {
    expect(templateMayGive('orders-${Env}', 'orders-prod')).toBe(true);
    expect(templateMayGive('orders-${Env}', 'orders-')).toBe(true);
    expect(templateMayGive('orders-${Env}', 'order-prod')).toBe(false);
    expect(templateMayGive('${A}-x-${B}', 'a-x-b')).toBe(true);
    expect(templateMayGive('${A}-x-${B}', 'a-y-b')).toBe(false);
    // The last part may not take back what a middle part used.
    expect(templateMayGive('a${X}ab${Y}b', 'ab')).toBe(false);
    expect(templateMayGive('a${X}ab${Y}b', 'aabb')).toBe(true);
    expect(templateMayGive('plain', 'plain')).toBe(true);
    expect(templateMayGive('plain', 'plainer')).toBe(false);
    expect(templateMayGive('x${A}\ny', 'x1\n2\ny')).toBe(true);
  });

  it('answers for a template of thousands of placeholders, and one that a regex backtracked on for minutes', () => {
    const many = Array.from({ length: 20_000 }, (_, i) => `p${i}-\${X${i}}`).join('/');
    expect(templateMayGive(many, 'nope')).toBe(false);
    expect(templateMayGive(`${'a${X}'.repeat(30)}b`, 'a'.repeat(5000))).toBe(false);
    expect(templateMayGive(`${'a${X}'.repeat(30)}b`, `${'a'.repeat(5000)}b`)).toBe(true);
  });

  it('reads a text of ten thousand `${` left open after a placeholder (quadratic, it took seconds)', () => {
    const text = `\${Env}-${'${resolve:'.repeat(10_000)}`;
    expect(replacePlaceholders(text, 'prod')).toBe(`prod-${'${resolve:'.repeat(10_000)}`);
    expect([...placeholderMatches(text)].map((m) => m[1])).toEqual(['Env']);
    expect(literalText(text)).toBe(`-${'${resolve:'.repeat(10_000)}`);
  });
});
