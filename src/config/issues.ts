import type { z } from 'zod';
import { closest, ordinal, sameFirstWords } from './names.js';
import { type ConfigPath, type ConfigProblem, valueAt } from './problems.js';

type Issue = z.core.$ZodIssue;

/** What a required key is for, when it is missing. */
const REQUIRED: Readonly<Record<string, string>> = {
  reason: 'a reason is required',
  id: 'the check id or glob to suppress is required',
};

/** The validator's words for a type, in a parapet.yaml user's words. */
const EXPECTED: Readonly<Record<string, string>> = {
  record: 'a mapping (key: value)',
  object: 'a mapping (key: value)',
  array: 'a list',
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
};

/**
 * One problem in parapet.yaml in plain words: where it is (`suppressions[3].reason`, with which entry
 * that is: lists count from 0, so say "the 4th entry" and its id), what is wrong, and what would do:
 * the allowed values, a likely meant key. `knownKeys` lists the keys of each mapping, by its path
 * without list indexes ('' for the top level). An unknown key is a problem of its own for each key, at
 * the key; any other, one problem at the value (or where it is missing).
 */
export function describeIssue(
  issue: Issue,
  raw: unknown,
  knownKeys: Readonly<Record<string, readonly string[]>>,
): ConfigProblem[] {
  const path: ConfigPath = issue.path.map((p) => (typeof p === 'number' ? p : String(p)));
  if (issue.code === 'unrecognized_keys') {
    const where = pathText(path, raw);
    const known = knownKeys[path.filter((p) => typeof p !== 'number').join('.')] ?? [];
    return issue.keys.map((key) => ({
      message: where ? `${where}: ${unknownKey(key, known)}` : unknownKey(key, known),
      path: [...path, key],
      on: 'key',
    }));
  }
  return [{ message: describeValueIssue(issue, path, raw), path }];
}

function describeValueIssue(issue: Issue, path: ConfigPath, raw: unknown): string {
  const where = pathText(path, raw);
  const value = valueAt(raw, path);
  const at = (problem: string) => (where ? `${where}: ${problem}` : problem);
  switch (issue.code) {
    case 'invalid_type': {
      if (value === undefined) {
        const key = path[path.length - 1];
        return at(`missing; ${REQUIRED[String(key)] ?? 'it is required'}`);
      }
      const expected = EXPECTED[issue.expected] ?? issue.expected;
      if (path[0] === 'suppressions' && path.length === 2 && typeof value === 'string') {
        return at(
          `expected ${expected}, got ${describe(value)}; write "- id: ${value}" with a "reason:" below it`,
        );
      }
      return at(`expected ${expected}, got ${describe(value)}`);
    }
    case 'invalid_value': {
      const allowed = issue.values.map((v) => String(v));
      const guess = typeof value === 'string' ? closest(value, allowed) : undefined;
      const hint = guess === undefined ? '' : ` (did you mean "${guess}"?)`;
      const expected = allowed.length === 1 ? allowed[0] : `one of ${allowed.join(', ')}`;
      return at(`${shown(value)} is not allowed${hint}; expected ${expected}`);
    }
    case 'invalid_format':
      // Our formats carry a noun phrase as their message: "a 12-digit AWS account id".
      return at(
        `${shown(value)} is not ${issue.message}${typeof value === 'number' ? quoteHint(value) : ''}`,
      );
    default:
      // Our own checks (`custom`, `too_small`) carry messages written for people.
      return at(issue.message);
  }
}

/**
 * Text written without quotes that YAML read as a number: an account id `012345678901` becomes 12345678901,
 * its leading zero dropped. Say so, with the quoted text it most likely was.
 */
function quoteHint(value: number): string {
  const digits = Number.isSafeInteger(value) && value >= 0 ? String(value) : undefined;
  if (digits !== undefined && digits.length < 12 && digits.length >= 9) {
    return `; YAML read it as a number and dropped its leading zeros: write it in quotes, '${digits.padStart(12, '0')}'`;
  }
  return '; YAML read it as a number: write account ids in quotes';
}

function unknownKey(key: string, known: readonly string[]): string {
  const guess = closest(key, known) ?? sameFirstWords(key, known);
  if (guess !== undefined) return `unknown key "${key}" (did you mean "${guess}"?)`;
  return known.length > 0
    ? `unknown key "${key}"; the keys here are ${known.join(', ')}`
    : `unknown key "${key}"`;
}

/**
 * `suppressions[3].reason (the 4th entry, id "iam.*")`: list indexes as the validator counts them (from
 * 0), with the entry said the way a person counts, and its id when it has one.
 */
function pathText(path: ConfigPath, raw: unknown): string {
  let text = '';
  let entry = '';
  for (let i = 0; i < path.length; i++) {
    const segment = path[i];
    if (typeof segment === 'number') {
      text += `[${segment}]`;
      const item = valueAt(raw, path.slice(0, i + 1));
      const id = item !== null && typeof item === 'object' ? (item as Record<string, unknown>).id : undefined;
      entry = `the ${ordinal(segment + 1)} entry${typeof id === 'string' ? `, id "${id}"` : ''}`;
    } else {
      text += text === '' ? String(segment) : `.${String(segment)}`;
    }
  }
  return entry ? `${text} (${entry})` : text;
}

/** What a value is, in words, with the value when short (a config holds check ids and dates, not secrets). */
function describe(value: unknown): string {
  if (value === undefined || value === null) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (value instanceof Date) return 'a date';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `the text ${shown(value)}`;
  if (typeof value === 'number') return `the number ${value}`;
  return String(value);
}

/** A value as written, quoted when text, kept short (a config holds no secrets, but a message should be). */
export function shown(value: unknown): string {
  const text = value === undefined ? 'nothing' : (JSON.stringify(value) ?? String(value));
  return text.length > 60 ? `${text.slice(0, 59)}…` : text;
}
