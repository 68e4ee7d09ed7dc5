/**
 * A three-valued answer. `unknown` means Parapet cannot see enough to tell (a value from a parameter,
 * a policy outside the inventory), never "probably not". Compare with `=== 'yes'`: every answer,
 * `'no'` included, is a truthy string.
 */
export type Tri = 'yes' | 'no' | 'unknown';

export function tri(value: boolean): Tri {
  return value ? 'yes' : 'no';
}

/** Logical OR: yes if any is yes, else unknown if any is unknown, else no (no for none). */
export function anyOf(answers: Iterable<Tri>): Tri {
  let result: Tri = 'no';
  for (const answer of answers) {
    if (answer === 'yes') return 'yes';
    if (answer === 'unknown') result = 'unknown';
  }
  return result;
}

/** anyOf the answers of each item, asked in turn until one is yes: no list of answers is made. */
export function anyOfEach<T>(items: readonly T[], answer: (item: T) => Tri): Tri {
  let result: Tri = 'no';
  for (let i = 0; i < items.length; i++) {
    const one = answer(items[i] as T);
    if (one === 'yes') return 'yes';
    if (one === 'unknown') result = 'unknown';
  }
  return result;
}

/** Logical AND: no if any is no, else unknown if any is unknown, else yes (yes for none). */
export function allOf(answers: Iterable<Tri>): Tri {
  let result: Tri = 'yes';
  for (const answer of answers) {
    if (answer === 'no') return 'no';
    if (answer === 'unknown') result = 'unknown';
  }
  return result;
}

export function not(answer: Tri): Tri {
  return answer === 'yes' ? 'no' : answer === 'no' ? 'yes' : 'unknown';
}
