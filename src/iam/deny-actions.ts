/**
 * What a Deny's Action or NotAction takes back of a grant's actions: all of them (denyCoversActions), or all but
 * those a NotAction names (actionsLeft).
 */

import type { Statement } from '../model/iam.js';
import { isUnknown } from '../model/values.js';
import { grantedAsCovered, parseActionPattern, serviceWildcard } from './actions.js';
import { type DenyStatement, OF_DENY } from './denies.js';
import { denyReach } from './deny-reach.js';
import { partDoubt } from './doubts.js';
import { patternCovers } from './pattern-covers.js';
import { type AnalysisOptions, broadTest, describeValue, elementsOf } from './templates.js';
import { anyOf, not, type Tri } from './tri.js';
import { hasWildcard, wildcardMatches } from './wildcards.js';

/**
 * Whether a Deny's Action (or NotAction) covers every action an action pattern grants (`sqs:*`, `*`; `undefined`
 * for an Allow's NotAction, which grants every action but some: only a Deny of every action covers it).
 */
export function denyCoversActions(
  deny: Statement,
  granted: string | undefined,
  options: AnalysisOptions = {},
): Tri {
  const pattern = granted ?? '*';
  const listed = elementsOf(deny.actions);
  if (listed !== undefined) {
    if (isUnknown(listed)) return 'unknown';
    // `s3:*` is every s3 action: a Deny of `s3:?*` covers it, as one of `*:*` covers `*` (see grantedAsCovered).
    const covered = grantedAsCovered(pattern);
    return anyOf(
      listed.map((denied) =>
        broadTest(denied, (text) => patternCovers(text, covered, true), 'anyText', options),
      ),
    );
  }
  const excluded = elementsOf(deny.notActions);
  if (excluded === undefined) return 'no';
  if (isUnknown(excluded)) return 'unknown';
  // Everything but what the NotAction names is denied: it covers the grant when none of those may be in it.
  const service = serviceWildcard(pattern);
  const overlaps = (text: string) => {
    if (service === undefined) return true; // (only a whole service's actions are told apart here)
    // A name that is no `service:action` matches no action (a value not known before deploy reads so at its narrowest).
    const parsed = parseActionPattern(text);
    return parsed !== undefined && wildcardMatches(parsed.service, service, true);
  };
  return not(anyOf(excluded.map((named) => broadTest(named, overlaps, 'anyText', options))));
}

/** What Denies leave of a grant's actions (see actionsLeft): the action patterns, and the Denies that cut it to them. */
export interface ActionsLeft {
  /** As written: a NotAction element not known before deploy is its template (`${Kept}`). */
  readonly patterns: readonly string[];
  /**
   * Left by a Deny's NotResource, not its NotAction: the actions that may act on the resources it keeps, which this
   * words as written (`arn:aws:iam::*:role/*`).
   */
  readonly onKept?: string;
  readonly by: readonly DenyStatement[];
  /** Set when a NotAction is not known before deploy: what is left then is not known either (why, in words). */
  readonly doubt?: string;
}

/**
 * What a grant of the action pattern `pattern` on `resources` keeps after the Denies with a NotAction that apply to
 * every request and reach every resource of it: such a Deny denies every action but those it names, so `*` under a
 * Deny of NotAction `s3:*` keeps `s3:*` alone. Undefined when none takes anything back. An over-estimate where
 * patterns only may overlap (`s3:Get*` and NotAction `s3:*Object` keep `s3:Get*`), never an under-estimate: a
 * permissions boundary is weighed against it (see withinBoundary), and one allowing none of it passes the grant.
 */
export function actionsLeft(
  denies: readonly DenyStatement[],
  pattern: string,
  resources: 'all' | readonly string[],
  options: AnalysisOptions = {},
): ActionsLeft | undefined {
  let patterns: readonly string[] = [pattern];
  const by: DenyStatement[] = [];
  const doubts: string[] = [];
  for (const deny of denies) {
    if (deny.factors.some((part) => part.answer !== 'yes')) continue;
    const named = elementsOf(deny.statement.notActions);
    if (named === undefined || isUnknown(named)) continue;
    if (denyReach(deny.statement, resources, options).covers.answer !== 'yes') continue;
    const kept = patternIntersection(patterns, named.map(describeValue));
    if (kept.length === patterns.length && kept.every((p, i) => p === patterns[i])) continue;
    patterns = kept;
    by.push(deny);
    if (named.some(isUnknown))
      doubts.push(`a Deny may cancel some of it: ${partDoubt(deny.statement, 'Action', OF_DENY)}`);
  }
  if (by.length === 0) return undefined;
  return { patterns, by, ...(doubts.length === 0 ? {} : { doubt: doubts.join('; ') }) };
}

/**
 * The patterns of `granted` that `named` also match, as the narrower of each pair; both when they only may overlap.
 * A granted pattern `named` matches every action of is kept as written, so that a NotAction of `?*` or `*:?*` leaves
 * `*` whole as one of `*` does (see grantedAsCovered).
 */
export function patternIntersection(granted: readonly string[], named: readonly string[]): string[] {
  const kept = new Set<string>();
  for (const a of granted) {
    for (const b of named) {
      // Not known before deploy (`${Kept}`): it may name any of `a`, which is kept as it is written.
      if (b.includes('${')) kept.add(b);
      else if (a.includes('${')) kept.add(a);
      else if (patternCovers(b, grantedAsCovered(a), true)) kept.add(a);
      else if (patternCovers(a, b, true)) kept.add(b);
      else if (mayOverlap(a, b)) kept.add(a);
    }
  }
  return [...kept];
}

/** Two action patterns with wildcards in the action names of one service (`s3:Get*`, `s3:*Object`). */
function mayOverlap(a: string, b: string): boolean {
  const service = (pattern: string) => pattern.split(':')[0]?.toLowerCase();
  return hasWildcard(a) && hasWildcard(b) && service(a) === service(b);
}
