// The Deny pass of the analysis of grants on every resource: the writes an explicit Deny of the policies read takes
// back from an Allow's grant (see denies.ts, which weighs one Deny against one action).
import type { Statement } from '../model/iam.js';
import type { ActionInfo } from './actions.js';
import { type DenyStatement, denyOutcome } from './denies.js';
import type { DenyReach } from './deny-reach.js';
import { reachForAction } from './kept-resources.js';
import { coversAction } from './statements.js';
import type { NarrowLookup } from './write-narrowing.js';
import type { DeniedWrite, WriteContext } from './write-types.js';

/**
 * A lookup's writes less those a Deny of the policies read takes back on the scope (see denyOutcome, which
 * `reachOf` feeds). Writes a Deny may take back (a value of it not known before deploy) are possible: when only
 * those remain, the lookup is unknown, saying why.
 */
export function afterDenies(
  lookup: NarrowLookup,
  context: WriteContext,
  /** A Deny's reach for one action of the grant (see reachOnEveryArn: on every resource, the action's ARNs). */
  reachOf: (deny: Statement, action: string) => DenyReach,
): { lookup: NarrowLookup; denied: DeniedWrite[]; conditional: DenyStatement[] } {
  if (context.denies.length === 0 || lookup.answer === 'no' || lookup.actions.length === 0) {
    return { lookup, denied: [], conditional: [] };
  }
  const denied: DeniedWrite[] = [];
  const gone = new Set<ActionInfo>();
  const unsure = new Set<ActionInfo>();
  const doubts = new Set<string>();
  const conditional = new Set<DenyStatement>();
  for (const action of lookup.actions) {
    const outcome = denyOutcome(
      context.denies,
      (statement) => coversAction(statement, action.name, context.options),
      // A NotResource keeping only ARNs the action does not act on denies it everywhere (see reachForAction).
      (statement) => reachForAction(reachOf(statement, action.name), action.name, context.options),
      true,
    );
    if (outcome.answer !== 'yes') for (const statement of outcome.conditional) conditional.add(statement);
    if (outcome.answer === 'yes' && outcome.by !== undefined) {
      gone.add(action);
      denied.push({
        action: action.name,
        by: outcome.by,
        ...(outcome.only === undefined ? {} : { only: outcome.only }),
      });
    } else if (outcome.answer === 'unknown') {
      unsure.add(action);
      if (outcome.doubt !== undefined) doubts.add(outcome.doubt);
    }
  }
  const left = lookup.actions.filter((action) => !gone.has(action));
  const result = { denied, conditional: [...conditional] };
  if (left.some((action) => !unsure.has(action))) return { ...result, lookup: { ...lookup, actions: left } };
  if (left.length > 0) {
    const why = [lookup.why, ...doubts].filter((w) => w !== undefined).join('; ');
    return {
      ...result,
      lookup: { ...lookup, answer: 'unknown', actions: left, ...(why === '' ? {} : { why }) },
    };
  }
  return { ...result, lookup: { ...lookup, answer: 'no', actions: [] } };
}
