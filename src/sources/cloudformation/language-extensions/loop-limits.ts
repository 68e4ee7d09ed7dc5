/** How far loops may go: how deep they nest, and how many entries they make, counted before anything is built. */
import { asRecord } from '../intrinsic-values.js';
import type { Items, NoItems } from './collection.js';
import { FOR_EACH, type Scope } from './identifiers.js';
import { entriesNoun, type Place } from './place.js';

/** CloudFormation expands loops nested this deep, no deeper. */
export const MAX_LOOP_DEPTH = 5;

/**
 * The most entries (resources, conditions, outputs, properties) loops may make in one template. Loops
 * multiply: 1.5 KB of three nested loops over 60 items makes 216,000 functions, past the file size limit
 * (which sees only what is written) and far past what CloudFormation deploys (500 resources, a processed
 * template of 1 MB). 10,000 leaves room for loops inside the resources of a template at that resource
 * limit; a loop that would pass it is an error and not expanded.
 */
export const MAX_LOOP_ENTRIES = 10_000;

/** How many entries a loop would make; not `complete` when counting stopped early (see `loopSize`). */
interface LoopSize {
  readonly entries: number;
  readonly complete: boolean;
}

/** Reads a nested loop's collection in the scope of the loops around it (the expander's, which may report). */
type ItemsOf = (collection: unknown, scope: Scope, depth: number) => Items | NoItems;

/**
 * How many keys a loop's fragment makes over `values`, the loops nested in it as keys included, counted
 * before anything is built. A nested loop that cannot be expanded counts nothing (expanding reports it).
 * Each nested collection is resolved once per item of the loops around it: past MAX_LOOP_ENTRIES of
 * those, the count stops, and is not `complete`.
 */
export function loopSize(
  output: Record<string, unknown>,
  identifier: string,
  values: readonly string[],
  scope: Scope,
  depth: number,
  itemsOf: ItemsOf,
  work = { resolved: 0 },
): LoopSize {
  const keys = Object.keys(output);
  const loops = keys.filter((key) => key.startsWith(FOR_EACH));
  let entries = (keys.length - loops.length) * values.length;
  if (loops.length === 0 || depth >= MAX_LOOP_DEPTH) return { entries, complete: true };
  for (const item of values) {
    const inner: Scope = { values: new Map(scope.values).set(identifier, item), assumed: [] };
    for (const key of loops) {
      if (++work.resolved > MAX_LOOP_ENTRIES) return { entries, complete: false };
      const args = output[key];
      if (!Array.isArray(args) || args.length !== 3) continue;
      const [name, collection, fragment] = args as [unknown, unknown, unknown];
      const nested = asRecord(fragment);
      if (typeof name !== 'string' || !nested) continue;
      const items = itemsOf(collection, inner, depth + 1);
      if ('problem' in items) continue;
      const size = loopSize(nested, name, items.values, inner, depth + 1, itemsOf, work);
      entries += size.entries;
      if (!size.complete) return { entries, complete: false };
    }
  }
  return { entries, complete: true };
}

/** What a loop that would pass MAX_LOOP_ENTRIES says, `made` being what the loops before it made. */
export function overLimitProblem(
  size: LoopSize,
  output: Record<string, unknown>,
  made: number,
  place: Place,
): string {
  const count = `${size.complete ? '' : 'more than '}${size.entries.toLocaleString('en-US')}`;
  const inside = Object.keys(output).some((key) => key.startsWith(FOR_EACH))
    ? ' (with the loops inside it)'
    : '';
  const before = made > 0 ? `, and the loops before it made ${made.toLocaleString('en-US')}` : '';
  return (
    `it would make ${count} ${entriesNoun(place)}${inside}${before}; Parapet expands at most ` +
    `${MAX_LOOP_ENTRIES.toLocaleString('en-US')} entries per template`
  );
}
