/** How far loops may go: how deep they nest, and how many entries they make, counted before anything is built. */
import { FOR_EACH, itemScope, type Scope } from './identifiers.js';
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

/** A loop as counting reads it: its identifiers, its fragment, and its items (one value per identifier each). */
export interface CountedLoop {
  readonly identifiers: readonly string[];
  readonly output: Record<string, unknown>;
  readonly values: readonly (readonly string[])[];
}

/**
 * Reads a nested loop (its arguments as written) in the scope of the loops around it, with the expander's
 * rules; undefined when it cannot be expanded.
 */
type ReadNested = (args: unknown, scope: Scope, depth: number) => CountedLoop | undefined;

/**
 * How many keys a loop's fragment makes over its items, the loops nested in it as keys included, counted
 * before anything is built. A nested loop that cannot be expanded counts nothing (expanding reports it).
 * Each nested loop is read once per item of the loops around it: past MAX_LOOP_ENTRIES of those, the
 * count stops, and is not `complete`.
 */
export function loopSize(
  loop: CountedLoop,
  scope: Scope,
  depth: number,
  readNested: ReadNested,
  work = { resolved: 0 },
): LoopSize {
  const { output, identifiers, values } = loop;
  const keys = Object.keys(output);
  const loops = keys.filter((key) => key.startsWith(FOR_EACH));
  let entries = (keys.length - loops.length) * values.length;
  if (loops.length === 0 || depth >= MAX_LOOP_DEPTH) return { entries, complete: true };
  for (const item of values) {
    const inner = itemScope(scope, identifiers, item, []);
    for (const key of loops) {
      if (++work.resolved > MAX_LOOP_ENTRIES) return { entries, complete: false };
      const nested = readNested(output[key], inner, depth + 1);
      if (!nested) continue;
      const size = loopSize(nested, inner, depth + 1, readNested, work);
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
