/**
 * Where a value names a condition: `Condition: Name` (a resource's, or `!Condition Name` within a condition
 * function) and the first argument of `Fn::If`. One walk for all that read them: the conditions a condition's case
 * reaches (condition-in-case.ts) and those an alarm's listener reads (map/alarm-held.ts).
 */

/**
 * Every text in a value, its strings and its keys, each with whether it names a condition there. A condition's name
 * is given once, as a name. Walked without recursion: a template's values may nest deep.
 */
export function visitTexts(value: unknown, see: (text: string, namesCondition: boolean) => void): void {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const next = stack.pop();
    if (typeof next === 'string') see(next, false);
    else if (Array.isArray(next)) for (const item of next) stack.push(item);
    else if (typeof next === 'object' && next !== null) {
      for (const [key, inner] of Object.entries(next)) {
        see(key, false);
        if (key === 'Condition' && typeof inner === 'string') see(inner, true);
        else if (key === 'Fn::If' && Array.isArray(inner) && typeof inner[0] === 'string') {
          see(inner[0], true);
          for (const item of inner.slice(1)) stack.push(item);
        } else stack.push(inner);
      }
    }
  }
}

/** The condition names written in a value (see visitTexts). */
export function conditionNamesIn(value: unknown): Set<string> {
  const names = new Set<string>();
  visitTexts(value, (text, namesCondition) => {
    if (namesCondition) names.add(text);
  });
  return names;
}
