/**
 * A parameter's AllowedPattern matched with its time bounded. The pattern is the template author's regex, run on a
 * Default or a `-p` value: JavaScript's engine backtracks, so a pattern that nests quantifiers (`(a+)+$`) takes
 * time doubling with each character of a value it almost matches (40 a's and a b: minutes), and no timer can stop a
 * regex running on this thread. Such a pattern is matched on a worker thread this one waits for, at most
 * `PATTERN_TIME_LIMIT_MS`; past that the worker is stopped and the match is left undecided. Any other pattern, and a
 * short value, is matched here, where it costs microseconds.
 */
import { Worker } from 'node:worker_threads';
import { BoundedMemo } from '../../model/memo.js';

/** How long a match may take before it is left undecided. */
export const PATTERN_TIME_LIMIT_MS = 250;

/**
 * A repeated group after a quantifier or an alternative (`(a+)+`, `(a|ab)*`, `((\w+))+`, `(\w+\s?){2,}`, `(.*a){12}`),
 * or a backreference (`\1`): the shapes whose backtracking may grow faster than the value. Read roughly, more than
 * those (`a+(bc)+` too): a pattern wrongly taken for one costs a worker's time, never a wrong answer.
 */
const NESTED_REPEAT = /[*+}|].*\)(?:[*+]|\{\d+(?:,\d*)?\})|\\[1-9]/;

/**
 * Unbounded quantifiers (`*`, `+`, `{n,}`; an escaped or bracketed `*` too, read roughly as above). Three or more in
 * a row may backtrack as the cube of the value (`\d*\d*\d*\d*\d*\d*\d*` on 61 digits and a letter: 17 s); two, as
 * its square, at most 16 million steps on the longest value CloudFormation takes (4 KB): matched here.
 */
const UNBOUNDED = /[*+]|\{\d+,\}/g;
const MOST_UNBOUNDED_HERE = 2;

/** Whether matching `source` may take time growing faster than the square of the value. */
function mayBacktrackLong(source: string): boolean {
  return NESTED_REPEAT.test(source) || (source.match(UNBOUNDED)?.length ?? 0) > MOST_UNBOUNDED_HERE;
}

/** Values this short are matched here whatever the pattern: 2^16 steps of backtracking at worst. */
const SHORT_VALUE = 16;

const WORKER_CODE = `
const { parentPort, workerData } = require('node:worker_threads');
parentPort.on('message', ({ state, source, flags, value }) => {
  const cell = new Int32Array(state);
  let answer = 3;
  try { answer = new RegExp(source, flags).test(value) ? 1 : 2; } catch {}
  Atomics.store(cell, 0, answer);
  Atomics.notify(cell, 0);
});
const ready = new Int32Array(workerData);
Atomics.store(ready, 0, 1);
Atomics.notify(ready, 0);
`;

/** How long a worker may take to start (not counted in the limit of a match: a busy machine starts it slowly). */
const START_LIMIT_MS = 10_000;

let worker: Worker | undefined;
const answers = new BoundedMemo<boolean | 'undecided'>(1_000);

/**
 * Whether `regex` (compiled from a whole-value pattern) matches `value`: `undecided` when the match was stopped after
 * `limitMs` (the caller says the value is not checked, and why).
 */
export function boundedTest(
  regex: RegExp,
  value: string,
  limitMs = PATTERN_TIME_LIMIT_MS,
): boolean | 'undecided' {
  if (value.length <= SHORT_VALUE || !mayBacktrackLong(regex.source)) return regex.test(value);
  return answers.get(`${limitMs}\u0000${regex.flags}\u0000${regex.source}\u0000${value}`, () =>
    testOnWorker(regex, value, limitMs),
  );
}

function testOnWorker(regex: RegExp, value: string, limitMs: number): boolean | 'undecided' {
  worker ??= startWorker();
  const running = worker;
  if (running === undefined) return 'undecided';
  const cell = new Int32Array(new SharedArrayBuffer(4));
  running.postMessage({ state: cell.buffer, source: regex.source, flags: regex.flags, value });
  // The worker answers into `cell`; this thread sleeps until it does, or until the limit.
  Atomics.wait(cell, 0, 0, limitMs);
  const answer = Atomics.load(cell, 0);
  if (answer === 1 || answer === 2) return answer === 1;
  // Too slow (or, never seen, a pattern the worker could not compile): stopping the worker ends the regex it runs,
  // and the next pattern gets a new one.
  void running.terminate();
  worker = undefined;
  return 'undecided';
}

/** A worker ready for patterns; undefined when none could start in time. */
function startWorker(): Worker | undefined {
  const ready = new Int32Array(new SharedArrayBuffer(4));
  const started = new Worker(WORKER_CODE, { eval: true, workerData: ready.buffer });
  // A scan does not wait for it to end, nor fails for it: a worker that fails leaves its matches undecided.
  started.unref();
  started.on('error', () => {});
  if (Atomics.wait(ready, 0, 0, START_LIMIT_MS) === 'timed-out' && Atomics.load(ready, 0) === 0) {
    void started.terminate();
    return undefined;
  }
  return started;
}
