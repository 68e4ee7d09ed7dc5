// Grants on every resource, or on every resource of a type: the analysis behind iam.role-wildcard-resource-write,
// iam.role-wildcard-resource-read and iam.managed-policy-boundary. This file walks the statements and keeps the
// strongest hits of each; its parts are the catalog lookups (write-catalog.ts), the type scopes (write-scopes.ts),
// the hit of a statement on a scope (write-hit.ts) with its conditions (write-narrowing.ts) and Denies
// (write-denies.ts), and the shapes it takes and gives (write-types.ts).
import { grantedOnStarAlone } from './action-data.js';
import type { AccessLevel, ActionInfo } from './actions.js';
import { denyStatements } from './denies.js';
import { partFactor } from './doubts.js';
import { type PolicyInput, visitStatements } from './hits.js';
import { keptOutBy } from './not-resource-outside.js';
import { coversAllResources, isAllow, notResourceWords, type TypedResource } from './statements.js';
import { roleAllows } from './tag-conditions.js';
import { wildcardOnlyActions } from './wildcard-only-actions.js';
import { mayGrantAny, sharedLookups } from './write-catalog.js';
import { writeHit } from './write-hit.js';
import { type Scope, tellInapplicable, typeScopes } from './write-scopes.js';
import type { WriteContext, WriteOnAllResourcesHit, WriteOnAllResourcesOptions } from './write-types.js';

export { writesWithin } from './write-hit.js';
export type {
  DeniedWrite,
  DeniedWrites,
  InapplicableWrites,
  NarrowedWrite,
  WriteOnAllResourcesHit,
  WriteOnAllResourcesOptions,
} from './write-types.js';

const DEFAULT_LEVELS: readonly AccessLevel[] = ['Write', 'Permissions management'];

/**
 * Allow statements granting write or permissions-management actions on every resource (`Resource: "*"`
 * or a NotResource), or on every resource of a type (`arn:aws:s3:::*`: every bucket; see typeScopeOf).
 * Actions that support only `Resource: "*"` (xray:PutTraceSegments and the like) are left out: there is
 * no narrower way to grant them. Patterns are expanded with the IAM action catalog; an action the
 * catalog does not know gives an `unknown` hit. On a type, an action counts when the catalog's resource
 * types put its resources under the ARN's service (kafka-cluster:WriteData on `arn:aws:kafka:...:*`); an
 * action the catalog does not know counts when its prefix is that service.
 */
export function writeOnAllResources(
  input: PolicyInput,
  options: WriteOnAllResourcesOptions = {},
): WriteOnAllResourcesHit[] {
  const wanted = options.levels ?? DEFAULT_LEVELS;
  const counts = (action: ActionInfo) =>
    options.selects === undefined
      ? wanted.some((level) => action.levels.has(level))
      : options.selects(action);
  const context: WriteContext = {
    options,
    wanted,
    isWrite: (action) => !grantedOnStarAlone(action) && counts(action),
    leaveOut: options.leaveOut ?? (() => false),
    lookups: new Map(),
    shared: sharedLookups({ selects: options.selects, levels: wanted, leaveOut: options.leaveOut }),
    denies: denyStatements(input, options),
    allows: roleAllows(input, options.taggingPolicies ?? [], options),
  };
  const hits: WriteOnAllResourcesHit[] = [];
  const unseen = visitStatements(input, options, (visit) => {
    const allow = isAllow(visit.statement);
    if (allow === 'no') return;
    const effect = partFactor(allow, visit.statement, 'Effect');
    // (a statement whose Effect is not known is no Deny of its own grant: that grant is unknown already)
    const denies =
      allow === 'yes' ? context.denies : context.denies.filter((deny) => deny.statement !== visit.statement);
    const found: WriteOnAllResourcesHit[] = [];
    const all = coversAllResources(visit.statement, options);
    if (all !== 'no') {
      const except = notResourceWords(visit.statement);
      const scope: Scope = {
        kind: 'all',
        answer: all,
        wordsFor: () => `every resource${except ?? ''}`,
        ...(except === undefined ? {} : { notResource: true, keptOut: keptOutBy(visit.statement, options) }),
      };
      const hit = writeHit(visit, effect, scope, { ...context, denies });
      if (hit) found.push(hit);
    }
    if (found[0]?.answer !== 'yes') {
      const reaches = (acting: ReadonlySet<string>) => mayGrantAny(visit.statement, acting, context);
      const inapplicable = (typed: TypedResource) => tellInapplicable(visit.statement, typed, context);
      for (const scope of typeScopes(visit.statement, options, reaches, inapplicable)) {
        const hit = writeHit(visit, effect, scope, { ...context, denies });
        if (hit) found.push(hit);
      }
    }
    // Certain on every resource, it is a finding: the writes accepting only `*` beside it need no word.
    if (
      options.onWildcardOnly !== undefined &&
      all === 'yes' &&
      allow === 'yes' &&
      found[0]?.answer !== 'yes'
    ) {
      const only = wildcardOnlyActions(
        visit.statement,
        options.wildcardOnlySelects ?? counts,
        context,
        denies,
      );
      if (only.length > 0) options.onWildcardOnly(only);
    }
    hits.push(...strongest(found));
  });
  return [...unseen.map((hit) => ({ ...hit, actions: [], levels: [], scope: 'all' as const })), ...hits];
}

/** The certain hits; else the unknown one on every resource, which says the most; else the unknown ones. */
function strongest(found: readonly WriteOnAllResourcesHit[]): readonly WriteOnAllResourcesHit[] {
  const certain = found.filter((hit) => hit.answer === 'yes');
  if (certain.length > 0) return certain;
  const all = found.find((hit) => hit.scope === 'all');
  return all ? [all] : found;
}
