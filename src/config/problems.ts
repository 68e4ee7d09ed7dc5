import { own } from '../model/own.js';
import type { Position } from '../model/source.js';
import { ConfigError } from './types.js';

/** A place in parapet.yaml as written: its keys and list indexes, from the top. */
export type ConfigPath = readonly (string | number)[];

/**
 * One problem in parapet.yaml: the sentence that says it (with its path in words: `suppressions[1].expires
 * (the 2nd entry, id "x")`), and the node it is about, so that it can be given a line and column.
 */
export interface ConfigProblem {
  readonly message: string;
  /**
   * The value at this path (a key that is missing there: the mapping that lacks it). Absent when the
   * problem is about the whole file.
   */
  readonly path?: ConfigPath;
  /** About the key that ends `path`, not its value: an unknown key, a key that names no check. */
  readonly on?: 'key';
}

/** What finds a node of the parsed file in its text (TextLocator of parsePlainYaml). */
export interface ConfigLocator {
  locate(node: object, key?: string | number): Position | undefined;
  locateValue(node: object, key: string | number): Position | undefined;
}

/** The file as read: what the problems' paths walk, and where its nodes are. */
export interface ConfigText {
  readonly raw: unknown;
  readonly locator: ConfigLocator;
}

/**
 * Where a problem is in the file: the most specific node there is. A scalar's value (`failOn: hihg` at
 * `hihg`), a collection where it starts, a key for a problem about the key, the entry for a key that is
 * missing from it, and the key for a value left empty (`reason:`), which has no text of its own.
 * Undefined when it cannot be told: a message without a place beats one with a wrong place.
 */
export function positionOf(problem: ConfigProblem, { raw, locator }: ConfigText): Position | undefined {
  const path = problem.path;
  if (path === undefined) return undefined;
  const last = path[path.length - 1];
  if (last === undefined) {
    const top = asObject(raw);
    return top && locator.locate(top);
  }
  const parent = asObject(valueAt(raw, path.slice(0, -1)));
  if (parent === undefined) return undefined;
  if (problem.on === 'key') return locator.locate(parent, last);
  if (!Object.hasOwn(parent, last)) return locator.locate(parent);
  const value = (parent as Record<string | number, unknown>)[last];
  // An empty item (`-` and nothing) starts where the next thing does: say the list instead.
  if (value === null) return Array.isArray(parent) ? locator.locate(parent) : locator.locate(parent, last);
  const node = asObject(value);
  return (node && locator.locate(node)) ?? locator.locateValue(parent, last);
}

/** The value at `path` in what was written, by own keys only (`__proto__` is a key like any other). */
export function valueAt(raw: unknown, path: ConfigPath): unknown {
  let value = raw;
  for (const segment of path) {
    const node = asObject(value);
    if (node === undefined) return undefined;
    value = Array.isArray(node)
      ? node[Number(segment)]
      : own(node as Record<string, unknown>, String(segment));
  }
  return value;
}

function asObject(value: unknown): object | undefined {
  return value !== null && typeof value === 'object' ? value : undefined;
}

/**
 * The error for a file's problems. Each problem is told on a line of its own that starts `file:line:column:`
 * (or `file:` when it has no place), the way compilers write them, so that editors and CI annotations can
 * jump to it; several are put in the order of the file, under a line that counts them.
 */
export function configError(
  file: string,
  problems: readonly ConfigProblem[],
  text?: ConfigText,
): ConfigError {
  const lines = problems
    .map((problem, order) => ({ problem, order, at: text && positionOf(problem, text) }))
    .sort((a, b) => compareAt(a.at, b.at) || a.order - b.order)
    .map(({ problem, at }) => `${at ? `${file}:${at.line}:${at.column}` : file}: ${problem.message}`);
  if (lines.length === 1) return new ConfigError(lines[0]);
  return new ConfigError(`${file}: ${lines.length} problems:\n${lines.join('\n')}`);
}

/** File order; a problem without a place (about the whole file) first. */
function compareAt(a: Position | undefined, b: Position | undefined): number {
  if (a === undefined || b === undefined) return (a === undefined ? 0 : 1) - (b === undefined ? 0 : 1);
  return a.line - b.line || a.column - b.column;
}
