/**
 * Answers remembered by a text key, for values a scan asks about again and again (a runtime, a principal).
 * Any text of a template can be a key, so past `bound` entries it forgets them all at once: a long-running
 * process (the tests, a future server) must not grow without end.
 */
export class BoundedMemo<V> {
  private readonly answers = new Map<string, V>();

  constructor(private readonly bound = 10_000) {}

  get(key: string, compute: () => V): V {
    let answer = this.answers.get(key);
    if (answer === undefined) {
      if (this.answers.size >= this.bound) this.answers.clear();
      answer = compute();
      this.answers.set(key, answer);
    }
    return answer;
  }

  /** The answer remembered for `key`, without computing one. */
  peek(key: string): V | undefined {
    return this.answers.get(key);
  }

  /** How many answers are remembered. */
  get size(): number {
    return this.answers.size;
  }
}
