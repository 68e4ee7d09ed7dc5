// Conditions on keys naming the resource (iam:AWSServiceName, secretsmanager:SecretId) in the analysis of grants on
// every resource: the writes such a condition pins to named resources are no grant on every resource.
import type { ActionInfo } from './actions.js';
import { narrowingOf, type ResourceConditions } from './resource-conditions.js';
import type { WriteLookup } from './write-catalog.js';
import type { NarrowedWrite } from './write-types.js';

export interface NarrowLookup extends WriteLookup {
  /** The writes a condition pins to named resources: no longer in `actions`. */
  readonly pinned: readonly NarrowedWrite[];
  /** Set when the writes left are narrowed only by conditions on keys the catalog does not list for them. */
  readonly unlisted?: readonly string[];
}

/**
 * A lookup's writes less those a condition on a key naming the resource pins (see narrowingOf). Writes that
 * such a condition may pin (its value not known before deploy) are possible; when only writes narrowed by a key the
 * catalog does not list for them remain, they are kept, with those conditions in `unlisted`.
 */
export function narrowed(lookup: WriteLookup, conditions: ResourceConditions): NarrowLookup {
  if (conditions.pinning.length === 0 || lookup.answer === 'no') return { ...lookup, pinned: [] };
  const open: ActionInfo[] = [];
  const unsure: ActionInfo[] = [];
  const unlistedActions: ActionInfo[] = [];
  const unlisted = new Set<string>();
  const doubts = new Set<string>();
  const pinned: NarrowedWrite[] = [];
  for (const action of lookup.actions) {
    const narrowing = narrowingOf(conditions, action.name);
    if (narrowing === undefined) open.push(action);
    else if (narrowing.how === 'unlisted') {
      unlistedActions.push(action);
      unlisted.add(narrowing.by.condition);
    } else if (narrowing.by.answer === 'unknown') {
      unsure.push(action);
      if (narrowing.by.doubt) doubts.add(narrowing.by.doubt);
    } else pinned.push({ action: action.name, condition: narrowing.by.condition, only: narrowing.by.only });
  }
  const leftOut = lookup.leftOut === undefined ? {} : { leftOut: lookup.leftOut };
  if (open.length > 0 || lookup.actions.length === 0) return { ...lookup, actions: open, pinned };
  if (unsure.length > 0) {
    const why = [lookup.why, ...doubts].filter((w) => w !== undefined).join('; ');
    return { answer: 'unknown', actions: unsure, ...(why === '' ? {} : { why }), ...leftOut, pinned };
  }
  if (unlistedActions.length > 0) {
    return { ...lookup, actions: unlistedActions, pinned, unlisted: [...unlisted] };
  }
  return { answer: 'no', actions: [], ...leftOut, pinned };
}
