import { describe, expect, it } from 'vitest';
import { boundedTest } from '../../../src/sources/cloudformation/bounded-pattern.js';

const whole = (source: string) => new RegExp(`^(?:${source})$`, 'u');

describe('boundedTest: an AllowedPattern matched with its time bounded', () => {
  it('leaves undecided, within the limit, a nested quantifier on a value it almost matches', () => {
    const started = Date.now();
    expect(boundedTest(whole('(a+)+$'), `${'a'.repeat(40)}b`, 200)).toBe('undecided');
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('decides a nested quantifier where it matches fast, on the worker, and after a stopped one', () => {
    expect(boundedTest(whole('([a-z0-9]+-)*[a-z0-9]+'), 'my-service-name-in-production')).toBe(true);
    expect(boundedTest(whole('([a-z0-9]+-)*[a-z0-9]+'), 'my-service-name-in-production!')).toBe(false);
  });

  it('matches any other pattern, and a short value, here', () => {
    expect(boundedTest(whole('[a-z]+'), 'a'.repeat(10_000))).toBe(true);
    expect(boundedTest(whole('(a+)+$'), 'aaaab')).toBe(false);
  });
});

describe('boundedTest: the patterns matched on the worker', () => {
  it('stops a repeated group nested in another, and a backreference', () => {
    expect(boundedTest(whole('((a+))+'), `${'a'.repeat(40)}b`, 200)).toBe('undecided');
    expect(boundedTest(whole('(a+(b?))+'), `${'a'.repeat(40)}c`, 200)).toBe('undecided');
    expect(boundedTest(whole('(a*)\\1+x'), 'a'.repeat(30), 200)).not.toBe(true);
  });

  it('stops a group repeated a fixed number of times around a quantifier, and three unbounded quantifiers', () => {
    expect(boundedTest(whole('(.*a){12}'), `${'a'.repeat(40)}b`, 200)).toBe('undecided');
    expect(boundedTest(whole('\\d*\\d*\\d*\\d*\\d*\\d*\\d*'), `${'1'.repeat(61)}x`, 200)).toBe('undecided');
    // Two unbounded quantifiers backtrack as the square of the value at most: matched here, decided.
    expect(boundedTest(whole('arn:aws:[a-z]+:.*'), `arn:aws:${'s'.repeat(2_000)}`)).toBe(false);
  });
});
