/**
 * What the runtime checks share: finding the runtime a function uses (or why it cannot be judged),
 * describing a runtime's deprecation stages on the scan date, and the evidence that names the table.
 */
import type { LambdaFunction } from '../../model/lambda.js';
import { isMissingRequired, isUnknown } from '../../model/values.js';
import {
  allRuntimes,
  RUNTIME_TABLE_SOURCE,
  RUNTIME_TABLE_TAKEN_ON,
  type RuntimeInfo,
  runtimeState,
} from '../../runtimes/index.js';
import type { CheckContext, Outcome } from '../define.js';

/** The runtime identifier to judge, or the outcome when there is none to judge. */
export function runtimeOf(fn: LambdaFunction, ctx: CheckContext): string | Outcome {
  if (fn.packageType === 'Image')
    return ctx.notApplicable('container image functions bring their own runtime');
  const runtime = fn.runtime;
  // A .zip function without Runtime: CloudFormation rejects it, and a scan error says so already.
  if (isMissingRequired(runtime))
    return ctx.notApplicable('no Runtime, which CloudFormation requires (a scan error)');
  if (isUnknown(runtime)) {
    return ctx.unknown(`Runtime is not known before deploy (${runtime.reason})`, { where: ['Runtime'] });
  }
  if (runtime !== undefined) return runtime;
  if (isUnknown(fn.packageType)) {
    return ctx.unknown(
      `PackageType is not known before deploy (${fn.packageType.reason}) and no Runtime is set`,
      {
        where: ['PackageType'],
      },
    );
  }
  return ctx.unknown('The function sets no Runtime, so which runtime it would use cannot be told.');
}

/** `runtime table taken on <date> from <page>`: what every runtime verdict rests on. */
export function runtimeTableEvidence(): string {
  return TABLE_EVIDENCE;
}
const TABLE_EVIDENCE = `runtime table taken on ${RUNTIME_TABLE_TAKEN_ON} from ${RUNTIME_TABLE_SOURCE}`;

/** The UTC day of `date` as `YYYY-MM-DD`; ISO dates compare as strings. */
function isoDay(date: Date): string {
  // Asked once per function of a scan, always of the same scan date: worded once.
  const time = date.getTime();
  if (time !== lastDay.time) lastDay = { time, day: date.toISOString().slice(0, 10) };
  return lastDay.day;
}
let lastDay = { time: Number.NaN, day: '' };

/**
 * The three stages of a runtime with their dates, in words for a message:
 * "deprecated on 2025-09-01; creating functions blocked since 2026-02-01; updating functions blocked from 2027-08-31".
 */
export function describeStages(info: RuntimeInfo, scanDate: Date): string {
  const today = isoDay(scanDate);
  const stage = (date: string | null, what: string, pastWord: string, missing: string): string => {
    if (date === null) return missing;
    return `${what} ${date <= today ? pastWord : 'from'} ${date}`;
  };
  return [
    stage(info.deprecation, 'deprecated', 'on', 'no deprecation date announced'),
    stage(
      info.blockFunctionCreate,
      'creating functions blocked',
      'since',
      'no date announced for blocking function creation',
    ),
    stage(
      info.blockFunctionUpdate,
      'updating functions blocked',
      'since',
      'no date announced for blocking function updates',
    ),
  ].join('; ');
}

/** The dates of a runtime as evidence (`none` where AWS announced none). */
export function stageEvidence(info: RuntimeInfo): Record<string, string> {
  return {
    runtime: info.identifier,
    deprecation: info.deprecation ?? 'none',
    blockFunctionCreate: info.blockFunctionCreate ?? 'none',
    blockFunctionUpdate: info.blockFunctionUpdate ?? 'none',
    runtimeTable: runtimeTableEvidence(),
  };
}

/**
 * The newest runtime of the same family that is supported on the scan date (not preview, not container-only),
 * for "move to …" advice. Go's runtime was retired in favour of the OS-only runtimes.
 */
export function replacementFor(info: RuntimeInfo, scanDate: Date): string | undefined {
  const family = info.family === 'go' ? 'os-only' : info.family;
  return allRuntimes().find(
    (candidate) =>
      candidate.family === family &&
      !candidate.preview &&
      !candidate.containerOnly &&
      runtimeState(candidate.identifier, scanDate, 0).kind === 'supported',
  )?.identifier;
}

/**
 * Whether an unrecognized runtime looks like a later version of a runtime the table knows (`python3.16` when
 * the table ends at `python3.15`, `nodejs28.x`): then the table may simply be older than the runtime, and the
 * verdict is unknown rather than "not a runtime". Numbers must have as many digits as the known ones, so a
 * doubled suffix (`provided.al2023023`) is no newer version.
 */
export function looksNewerThanTable(value: string): boolean {
  const shape = (text: string) => text.replace(/\d+/g, (digits) => `#${digits.length}`);
  const numbers = (text: string) => (text.match(/\d+/g) ?? []).map(Number);
  const wanted = shape(value);
  const mine = numbers(value);
  if (mine.length === 0) return false;
  const known = allRuntimes().filter((runtime) => shape(runtime.identifier) === wanted);
  return known.length > 0 && known.every((runtime) => compareVersions(mine, numbers(runtime.identifier)) > 0);
}

function compareVersions(a: readonly number[], b: readonly number[]): number {
  for (let index = 0; index < Math.max(a.length, b.length); index++) {
    const difference = (a[index] ?? 0) - (b[index] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}
