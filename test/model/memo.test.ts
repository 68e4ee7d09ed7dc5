import { describe, expect, it } from 'vitest';
import { BoundedMemo } from '../../src/model/memo.js';

describe('BoundedMemo', () => {
  it('computes an answer once per key', () => {
    const memo = new BoundedMemo<number>();
    let computed = 0;
    const square = (n: number) =>
      memo.get(String(n), () => {
        computed++;
        return n * n;
      });
    expect([square(3), square(3), square(4), square(3)]).toEqual([9, 9, 16, 9]);
    expect(computed).toBe(2);
  });

  it('forgets everything once it holds its bound, and goes on answering', () => {
    const memo = new BoundedMemo<string>(2);
    let computed = 0;
    const echo = (key: string) => memo.get(key, () => `${key}${++computed}`);
    expect([echo('a'), echo('b'), echo('a')]).toEqual(['a1', 'b2', 'a1']);
    // A third key: the two held are forgotten, so 'a' is computed again.
    expect([echo('c'), echo('a')]).toEqual(['c3', 'a4']);
  });
});
