/**
 * `npm run bench`: whole-process timings of `parapet scan` against the bare parse of the same
 * input, on a generated 2,000-function SAM template and a folder of 500 everyday templates.
 * Goals (issue 3): within 3x the parse floor, peak memory under 200 MB.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { everydayTemplate, largeSamTemplate } from './generate.js';

const here = dirname(fileURLToPath(import.meta.url));
// What `parapet` runs: the bundle (see scripts/bundle.mjs).
const cli = join(here, '..', 'parapet.cjs');
const floor = join(here, 'floor.js');
const hook = join(here, 'rss-hook.js');
const RUNS = Number(process.env.BENCH_RUNS ?? 5);

interface Run {
  seconds: number;
  peakMb: number;
}

// The flags the bin's hashbang gives Node (`#!/usr/bin/env -S node --v8-pool-size=0`): the floor runs with
// them too, so that the ratio compares Parapet's work with the parse and not one Node setup with another.
const binFlags = (readFileSync(cli, 'utf8').split('\n')[0] ?? '')
  .replace(/^#!.*?\bnode\b/, '')
  .trim()
  .split(/\s+/)
  .filter(Boolean);

/** Runs `command args` as a whole process, with the peak-memory hook preloaded through NODE_OPTIONS. */
function timeIt(command: string, args: string[]): Run {
  const start = process.hrtime.bigint();
  const child = spawnSync(command, args, {
    encoding: 'utf8',
    maxBuffer: 1 << 28,
    env: { ...process.env, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --import "${hook}"` },
  });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  // Exit 2 is expected for the large template: it is over CloudFormation's 500-resource limit.
  if (child.status === null || child.status > 2)
    throw new Error(`exit ${child.status}: ${child.stderr.slice(0, 2000)}`);
  const rss = /PEAK_RSS_KB=(\d+)/.exec(child.stderr);
  return { seconds, peakMb: rss ? Number(rss[1]) / 1024 : Number.NaN };
}

const middle = (values: number[]): number =>
  values.sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

interface Paired {
  parse: number;
  scan: number;
  /** The median of the runs' own ratios: each scan divided by the floor run beside it. */
  ratio: number;
  peakMb: number;
}

/**
 * Runs the floor and the scan in turns (floor first, then scan first, ...), so that a machine that slows down or
 * speeds up during the bench (a shared 2-core machine swings by a third) weighs on both alike; the ratio is the
 * median of each pair's ratio rather than the ratio of two medians taken minutes apart.
 */
function paired(floorArgs: string[], scanArgs: string[]): Paired {
  const parses: number[] = [];
  const scans: number[] = [];
  const ratios: number[] = [];
  let peakMb = 0;
  for (let i = 0; i < RUNS; i++) {
    const runFloor = () => timeIt(process.execPath, floorArgs);
    // The bin itself, as a shell runs it: through its hashbang.
    const runScan = () => timeIt(cli, scanArgs);
    let parse: Run;
    let scan: Run;
    if (i % 2 === 0) {
      parse = runFloor();
      scan = runScan();
    } else {
      scan = runScan();
      parse = runFloor();
    }
    parses.push(parse.seconds);
    scans.push(scan.seconds);
    ratios.push(scan.seconds / parse.seconds);
    peakMb = Math.max(peakMb, scan.peakMb);
  }
  return { parse: middle(parses), scan: middle(scans), ratio: middle(ratios), peakMb };
}

const work = join(tmpdir(), 'parapet-bench');
rmSync(work, { recursive: true, force: true });
mkdirSync(join(work, 'many'), { recursive: true });
const FUNCTIONS = 2000;
const TEMPLATES = 500;
const lean = join(work, 'lean.yaml');
writeFileSync(lean, largeSamTemplate(FUNCTIONS, true));
const large = join(work, 'large.yaml');
writeFileSync(large, largeSamTemplate(FUNCTIONS));
// The most lean functions CloudFormation deploys in one stack: SAM makes each a function, a role and a
// permission, beside the API's three resources, and a stack holds at most 500 resources once transformed.
const AT_LIMIT = 160;
const atLimit = join(work, 'at-limit.yaml');
writeFileSync(atLimit, largeSamTemplate(AT_LIMIT, true));
for (let i = 0; i < TEMPLATES; i++)
  writeFileSync(join(work, 'many', `stack-${String(i).padStart(3, '0')}.yaml`), everydayTemplate(i));
const leanKb = statSync(lean).size / 1024;
const largeKb = statSync(large).size / 1024;

const rows: string[] = [];
function compare(label: string, input: string, units: number, unitName: string) {
  const { parse, scan, ratio, peakMb } = paired(
    [...binFlags, floor, input],
    ['scan', input, '--format', 'json', '-o', join(work, 'out.json')],
  );
  const met = (ok: boolean) => (ok ? 'met' : 'not met');
  rows.push(
    `${label}\n` +
      `  parse floor: ${parse.toFixed(3)} s   scan: ${scan.toFixed(3)} s   ratio ${ratio.toFixed(2)}x (goal ≤ 3x: ${met(ratio <= 3)})\n` +
      `  ${(units / scan).toFixed(0)} ${unitName}/s   peak memory ${peakMb.toFixed(0)} MB (goal < 200 MB: ${met(peakMb < 200)})`,
  );
}

compare(
  `SAM template with ${FUNCTIONS} lean functions (${leanKb.toFixed(0)} KB)`,
  lean,
  FUNCTIONS,
  'functions',
);
compare(
  `SAM template with ${FUNCTIONS} heavier functions (${largeKb.toFixed(0)} KB: env, 2 policy templates, Api + SQS events)`,
  large,
  FUNCTIONS,
  'functions',
);
compare(
  `SAM template with ${AT_LIMIT} lean functions (${AT_LIMIT * 3 + 5} resources once transformed: CloudFormation's limit is 500)`,
  atLimit,
  AT_LIMIT,
  'functions',
);
compare(
  `${TEMPLATES} everyday templates (${TEMPLATES * 3} functions)`,
  join(work, 'many'),
  TEMPLATES,
  'templates',
);
process.stdout.write(
  `parapet bench (${RUNS} whole-process runs of each, floor and scan in turns; medians, and the ratio is the median of each pair's; node ${process.version})\n` +
    '  parse floor: a process that only reads and parses the same files, with positions (bench/floor.ts)\n' +
    `  scan: \`parapet scan … --format json -o FILE\`, run through the bin's hashbang\n${rows.join('\n')}\n`,
);
