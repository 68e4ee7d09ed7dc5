// biome-ignore-all lint/suspicious/noTemplateCurlyInString: CloudFormation `${...}` templates are written in these tests
import { describe, expect, it } from 'vitest';
import type { CheckContext, Outcome } from '../../src/checks/define.js';
import { judgeCopies, judgeTexts, possibleTexts } from '../../src/checks/each-text.js';
import { unknown } from '../../src/model/values.js';

/** What the nestings of a template give parameter `name`: each text deployed (`each`) or one of them. */
function given(name: string, texts: string[], each = true) {
  const reason = `from parameter ${name}, which the stacks nesting this template give different values (A, B)`;
  return unknown(reason, `\${${name}}`, { oneOf: texts, everyOne: each ? true : undefined });
}

const bad = (text: string) => (text === 'bad' ? 'fail' : text === 'good' ? 'pass' : 'unknown');

describe('judgeTexts', () => {
  it('fails on one failing text only where each is deployed', () => {
    const each = possibleTexts(given('P', ['good', 'bad']), {});
    const one = possibleTexts(given('P', ['good', 'bad'], false), {});
    expect(judgeTexts(each as NonNullable<typeof each>, bad, (v) => v)).toMatchObject({
      status: 'fail',
      byCopy: true,
      failing: [{ text: 'bad' }],
    });
    expect(judgeTexts(one as NonNullable<typeof one>, bad, (v) => v).status).toBe('unknown');
  });

  it('fails when every text fails, passes when every one passes, and is unknown otherwise', () => {
    const judge = (texts: string[]) => judgeTexts({ texts, each: true }, bad, (v) => v);
    expect(judge(['bad', 'bad'])).toMatchObject({ status: 'fail', byCopy: false });
    expect(judge(['good', 'good']).status).toBe('pass');
    expect(judge(['good', 'other']).status).toBe('unknown');
  });

  it('reads no text as each deployed on a resource with a condition of its own', () => {
    expect(possibleTexts(given('P', ['good', 'bad']), { condition: 'IsProd' })?.each).toBe(false);
  });
});

describe('judgeCopies', () => {
  /** A resource of two text properties, and a check failing `bad` in either. */
  const resource = (first: unknown, second: unknown) =>
    ({
      kind: 'test',
      id: 'R',
      type: 'Test',
      source: { arn: 'arn:aws:test:::r' },
      first,
      second,
    }) as const;
  const ctx = {
    pass: (message = '') => ({ status: 'pass', message }),
    inventory: { holdsCopies: true },
  } as unknown as CheckContext;
  const evaluate = (r: { first: unknown; second: unknown }): Outcome => {
    const status = [r.first, r.second].includes('bad')
      ? 'fail'
      : [r.first, r.second].every((v) => typeof v === 'string')
        ? 'pass'
        : 'unknown';
    return { status, message: `${String(r.first)} and ${String(r.second)}` };
  };

  it('judges the copies one parameter makes, in each property it is given, and names the failing text', () => {
    const p = given('P', ['good', 'bad']);
    expect(judgeCopies(resource(p, p), ['first', 'second'], ctx, evaluate)).toEqual({
      status: 'fail',
      message:
        '${P} is one of good, bad (from parameter P, which the stacks nesting this template give different values ' +
        '(A, B)), each deployed by its own copy; where it is bad: bad and bad',
    });
    expect(
      judgeCopies(resource(given('P', ['good', 'good2']), 'good'), ['first'], ctx, evaluate)?.status,
    ).toBe('pass');
  });

  it('leaves two parameters the nestings give to the check: which text of one goes with the other is not kept', () => {
    const two = resource(given('P', ['good', 'bad']), given('Q', ['bad', 'good']));
    expect(judgeCopies(two, ['first', 'second'], ctx, evaluate)).toBeUndefined();
  });

  it('leaves the check alone in a scope whose values are never each of several texts', () => {
    const p = given('P', ['good', 'bad']);
    const plain = { ...ctx, inventory: { holdsCopies: false } } as unknown as CheckContext;
    expect(judgeCopies(resource(p, p), ['first', 'second'], plain, evaluate)).toBeUndefined();
  });

  it('leaves a value that is only one of its texts to the check', () => {
    expect(
      judgeCopies(resource(given('P', ['good', 'bad'], false), 'good'), ['first'], ctx, evaluate),
    ).toBeUndefined();
  });
});
