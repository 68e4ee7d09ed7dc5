import { BoundedMemo } from '../model/memo.js';
import { daysUntil, isOnOrAfter, utcDayOf } from './dates.js';
import { suggestRuntime } from './suggest.js';
import { findRuntime, type RuntimeInfo } from './table.js';

export type RuntimeBlock = 'none' | 'create' | 'update';

export type RuntimeState =
  | { readonly kind: 'supported'; readonly runtime: RuntimeInfo }
  /** Deprecation is 1..warnDays days after the scan date. */
  | { readonly kind: 'deprecating-soon'; readonly runtime: RuntimeInfo; readonly daysLeft: number }
  /**
   * On or past the deprecation date. `blocked` says what Lambda refuses on the scan date:
   * nothing yet, creating functions, or updating them too (the update block implies the create block).
   */
  | { readonly kind: 'deprecated'; readonly runtime: RuntimeInfo; readonly blocked: RuntimeBlock }
  /** Not a runtime Lambda knows: a placeholder, a misspelling, another case. Never a crash. */
  | { readonly kind: 'unrecognized'; readonly value: string; readonly suggestion?: string };

/**
 * Where `runtime` stands on `scanDate` (its UTC day). A runtime whose deprecation is at most
 * `warnDays` days away is `deprecating-soon`. Lambda runtimes are case-sensitive, so `Python3.12`
 * is unrecognized (with `python3.12` as its suggestion).
 */
export function runtimeState(runtime: string, scanDate: Date, warnDays = 180): RuntimeState {
  if (Number.isNaN(scanDate.getTime())) throw new RangeError('scanDate is not a valid date');
  if (!Number.isFinite(warnDays) || warnDays < 0) {
    throw new RangeError(`warnDays must be a non-negative number, got ${warnDays}`);
  }
  // Every function of a scan asks about one of a few runtimes on one day, and "move to" advice asks
  // about each runtime of a family: remember the answers (the table does not change while running).
  const key = `${runtime}\u0000${utcDayOf(scanDate)}\u0000${warnDays}`;
  return remembered.get(key, () => stateOf(runtime, scanDate, warnDays));
}

const remembered = new BoundedMemo<RuntimeState>();

function stateOf(runtime: string, scanDate: Date, warnDays: number): RuntimeState {
  const info = findRuntime(runtime);
  if (info === undefined) {
    const suggestion = suggestRuntime(runtime);
    return suggestion === undefined
      ? { kind: 'unrecognized', value: runtime }
      : { kind: 'unrecognized', value: runtime, suggestion };
  }

  const blocked = blockOn(info, scanDate);
  if (isOnOrAfter(scanDate, info.deprecation) || blocked !== 'none') {
    return { kind: 'deprecated', runtime: info, blocked };
  }
  if (info.deprecation !== null) {
    const daysLeft = daysUntil(info.deprecation, scanDate);
    if (daysLeft <= warnDays) return { kind: 'deprecating-soon', runtime: info, daysLeft };
  }
  return { kind: 'supported', runtime: info };
}

function blockOn(info: RuntimeInfo, scanDate: Date): RuntimeBlock {
  if (isOnOrAfter(scanDate, info.blockFunctionUpdate)) return 'update';
  if (isOnOrAfter(scanDate, info.blockFunctionCreate)) return 'create';
  return 'none';
}
