// What the IAM action catalog says an action pattern (or an Allow's NotAction) grants of the actions an analysis of
// grants on every resource looks for (write-level ones, or a check's own list), asked once per pattern and call;
// and what of that acts on a scope (every resource, or one service's type).
import type { Statement } from '../model/iam.js';
import { BoundedMemo } from '../model/memo.js';
import { isUnknown, type Value } from '../model/values.js';
import { actsOnArnsOf, IAM_DATA_UPDATED_AT } from './action-data.js';
import {
  type AccessLevel,
  type ActionInfo,
  closeAction,
  matchingActions,
  parseActionPattern,
} from './actions.js';
import { coversAction } from './statements.js';
import { type AnalysisOptions, elementsOf, instantiate } from './templates.js';
import type { Tri } from './tri.js';
import { wildcardMatches } from './wildcards.js';

/** What the catalog lookups of one analysis share: what counts as a write, what the caller leaves out. */
export interface CatalogContext {
  readonly options: AnalysisOptions & {
    /** The actions looked for, instead of those at the analysis's levels (see WriteOnAllResourcesOptions). */
    readonly selects?: (action: ActionInfo) => boolean;
  };
  readonly isWrite: (action: ActionInfo) => boolean;
  readonly leaveOut: (action: string) => boolean;
  /**
   * Catalog lookups by action pattern (and by statement, for a NotAction): a statement is weighed on
   * every resource and on each type of resource it names, and what the catalog says does not depend on
   * which, so it is asked once.
   */
  readonly lookups: Map<Value<string> | Statement, CatalogWrites>;
  /**
   * The lookups of patterns known before deploy, shared by every analysis of the process looking for the same
   * actions (see sharedLookups): what the catalog says of a pattern depends on nothing else.
   */
  readonly shared: SharedLookups;
}

/** What every analysis of the process looking for the same actions shares (see sharedLookups). */
export interface SharedLookups {
  /** What the catalog says of each action pattern known before deploy (see writesOfPattern). */
  readonly known: BoundedMemo<CatalogWrites>;
  /** The patterns of each Action list that may grant what is looked for (see patternsGranting). */
  readonly granting: WeakMap<readonly Value<string>[], readonly Value<string>[]>;
}

export interface WriteLookup {
  readonly answer: Tri;
  readonly actions: readonly ActionInfo[];
  readonly why?: string;
  /** Writes the caller leaves out that a known pattern grants. */
  readonly leftOut?: readonly string[];
}

/**
 * The catalog's write actions that an action pattern (or a statement's NotAction) grants, on any service:
 * those it grants for certain, those it may grant (`why`: it is not known before deploy), and the writes
 * the caller leaves out. `undecided` when the catalog cannot say; `actsOn` is then the pattern whose
 * service prefix tells which services it may name at all.
 */
export interface CatalogWrites {
  readonly certain: readonly ActionInfo[];
  readonly possible: readonly ActionInfo[];
  readonly leftOut?: readonly ActionInfo[];
  readonly why?: string;
  readonly undecided?: true;
  readonly actsOn?: string;
}

const NO_WRITES: CatalogWrites = { certain: [], possible: [] };

/**
 * The writes an action pattern grants (see writesOf): looked up once per process when known before deploy (the
 * 2,914 patterns of ReadOnlyAccess, on every role carrying it), else once per analysis (what a pattern not known
 * before deploy may be depends on the template's parameters).
 */
export function writesOfPattern(pattern: Value<string>, context: CatalogContext): CatalogWrites {
  if (isUnknown(pattern)) return remembered(context, pattern, () => writesOf(pattern, context));
  return context.shared.known.get(pattern, () => writesOf(pattern, context));
}

/**
 * Whether the catalog says a pattern known before deploy grants none of the actions looked for, on any scope: none
 * for certain, none possibly, none the caller leaves out (which it is told of), and the catalog can tell.
 */
function grantsNone(pattern: Value<string>, context: CatalogContext): boolean {
  if (isUnknown(pattern)) return false;
  const found = writesOfPattern(pattern, context);
  return (
    found.undecided !== true &&
    found.certain.length === 0 &&
    found.possible.length === 0 &&
    (found.leftOut === undefined || found.leftOut.length === 0)
  );
}

/**
 * The patterns of an Action list that may grant what is looked for (see grantsNone), kept per list and selection:
 * the lists of an AWS managed policy are read once per process (see awsManagedDocument), so every role carrying it
 * shares them, and only the few that grant anything go through the role's own conditions and Denies.
 */
export function patternsGranting(
  patterns: readonly Value<string>[],
  context: CatalogContext,
): readonly Value<string>[] {
  const { granting } = context.shared;
  let found = granting.get(patterns);
  if (found === undefined) {
    found = patterns.filter((pattern) => !grantsNone(pattern, context));
    granting.set(patterns, found);
  }
  return found;
}

/** Enough for every pattern of the largest AWS managed policies, while the memory they hold stays small. */
const MAX_SHARED = 20_000;

/** What selects the actions looked for: the caller's own list (`selects`), or IAM's access levels. */
export interface Selection {
  readonly selects?: ((action: ActionInfo) => boolean) | undefined;
  readonly levels: readonly AccessLevel[];
  readonly leaveOut?: ((action: string) => boolean) | undefined;
}

const byLevels = new Map<string, object>();
const NOTHING_LEFT_OUT = {};
/** One record per selection: by its `selects` function (or list of levels), then its `leaveOut` function. */
let shared = new WeakMap<object, WeakMap<object, SharedLookups>>();

/**
 * The lookups of known patterns for a selection: one record per `selects` function (or list of levels) and
 * `leaveOut` function, which must answer by the action alone, as the checks' module-level ones do. Kept by
 * the functions weakly: a selection made afresh for one analysis is dropped with it.
 */
export function sharedLookups(selection: Selection): SharedLookups {
  const levels = selection.levels.join(',');
  let byLevel = byLevels.get(levels);
  if (byLevel === undefined) {
    byLevel = {};
    byLevels.set(levels, byLevel);
  }
  const selected = selection.selects ?? byLevel;
  const leftOut = selection.leaveOut ?? NOTHING_LEFT_OUT;
  let ofSelected = shared.get(selected);
  if (ofSelected === undefined) {
    ofSelected = new WeakMap();
    shared.set(selected, ofSelected);
  }
  let lookups = ofSelected.get(leftOut);
  if (lookups === undefined) {
    lookups = { known: new BoundedMemo(MAX_SHARED), granting: new WeakMap() };
    ofSelected.set(leftOut, lookups);
  }
  return lookups;
}

/** For tests: forget every shared lookup, so a scan after it answers from the catalog alone. */
export function forgetSharedLookups(): void {
  shared = new WeakMap();
}

/** The writes an Allow with NotAction grants (see writesOutside), looked up once per analysis. */
export function writesOfNotAction(statement: Statement, context: CatalogContext): CatalogWrites {
  return remembered(context, statement, () => writesOutside(statement, context));
}

function remembered(
  context: CatalogContext,
  key: Value<string> | Statement,
  lookUp: () => CatalogWrites,
): CatalogWrites {
  let found = context.lookups.get(key);
  if (found === undefined) {
    found = lookUp();
    context.lookups.set(key, found);
  }
  return found;
}

/**
 * What a lookup grants on a scope: every service's writes, or (`service`, a typed scope) that service's
 * alone, and of those only the ones `acting` on a type within a type when it names one.
 */
export function inScope(
  found: CatalogWrites,
  scope: {
    readonly service?: string;
    readonly acting?: ReadonlySet<string>;
    readonly keptOut?: (action: string) => boolean;
  },
): WriteLookup {
  const { service, acting, keptOut } = scope;
  const why = found.why === undefined ? {} : { why: found.why };
  if (found.undecided) {
    if (found.actsOn !== undefined && !mayActOn(found.actsOn, service)) return { answer: 'no', actions: [] };
    return { answer: 'unknown', actions: [], ...why };
  }
  // (an Allow's NotResource naming every ARN an action acts on grants it nowhere: see keptOutBy)
  const ofService = (action: ActionInfo) =>
    keptOut?.(action.name) !== true &&
    (service === undefined ||
      (actsOnArnsOf(action, service) && (acting === undefined || acting.has(action.name))));
  const certain = found.certain.filter(ofService);
  const possible = found.possible.filter(ofService);
  const leftOut =
    found.leftOut === undefined ? {} : { leftOut: found.leftOut.filter(ofService).map((a) => a.name) };
  if (certain.length > 0) return { answer: 'yes', actions: certain, ...leftOut };
  if (possible.length > 0) return { answer: 'unknown', actions: possible, ...why, ...leftOut };
  return { answer: 'no', actions: [], ...leftOut };
}

/** Whether an action pattern may name actions of a service: `s3:Put*` and `*` of s3, not `sqs:*`. */
function mayActOn(pattern: string, service: string | undefined): boolean {
  if (service === undefined) return true;
  const parsed = parseActionPattern(pattern);
  return parsed !== undefined && wildcardMatches(parsed.service, service, true);
}

/**
 * An action the catalog does not know whose verb only reads (AWS names actions verb first): whatever it is,
 * it grants no write. Not a pattern with a wildcard in its name, which may stand for any verb.
 */
const READ_VERB = /^[a-z0-9-]+:(Get|List|Describe|Head)[A-Za-z0-9]*$/i;

/** `the IAM action catalog (of 2026-09-26)`: the date of its data, after which AWS may have added actions. */
const CATALOG = `the IAM action catalog (of ${IAM_DATA_UPDATED_AT.slice(0, 10)})`;

/**
 * Why a name the catalog does not know (`what`: "knows no such action") stays unknown, both ways it can go: an
 * action AWS added since the catalog's data may write; a misspelling (of the close name closeAction finds, when
 * there is one) names no action, and IAM accepts any action name in an identity policy, so it grants nothing.
 */
function notInCatalog(what: string, name: string): string {
  const meant = closeAction(name);
  const misspelt = meant === undefined ? '' : `; if it is ${meant} misspelt, it grants nothing`;
  return `${CATALOG} ${what}: if AWS added it since, it may write${misspelt}`;
}

/**
 * The scopable write actions a pattern grants, or undecided, with why (the catalog cannot say, or the
 * pattern is not known before deploy).
 */
function writesOf(pattern: Value<string>, context: CatalogContext): CatalogWrites {
  if (!isUnknown(pattern)) {
    const actions = matchingActions(pattern);
    // A list of the catalog's actions: what the catalog does not know is none of them.
    if (context.options.selects !== undefined && (typeof actions === 'string' || actions.length === 0))
      return NO_WRITES;
    if (actions === 'unknown-service') {
      return {
        ...NO_WRITES,
        undecided: true,
        actsOn: pattern,
        why: notInCatalog('does not know this service', pattern),
      };
    }
    if (actions === 'invalid' || actions.length === 0) {
      // `s3:HeadBucket` (an API call, not an action: s3:ListBucket authorises it) writes nothing, by its verb.
      if (READ_VERB.test(pattern)) return NO_WRITES;
      return {
        ...NO_WRITES,
        undecided: true,
        actsOn: pattern,
        why: notInCatalog('knows no such action', pattern),
      };
    }
    const all = actions.filter(context.isWrite);
    const certain = all.filter((action) => !context.leaveOut(action.name));
    const leftOut = all.filter((action) => context.leaveOut(action.name));
    return { certain, possible: [], leftOut };
  }
  // Not known before deploy: the placeholders could be anything, so only an upper bound is known.
  const wide = instantiate(pattern, 'anyText', context.options);
  const why = `the Action is not known before deploy (${pattern.reason})`;
  if (wide === undefined) return { ...NO_WRITES, undecided: true, why };
  const possible = matchingActions(wide);
  if (possible === 'invalid') return NO_WRITES;
  if (possible === 'unknown-service') return { ...NO_WRITES, undecided: true, actsOn: wide, why };
  return {
    certain: [],
    possible: possible.filter((action) => context.isWrite(action) && !context.leaveOut(action.name)),
    why,
  };
}

/** The scopable write actions an Allow with NotAction grants: every catalog action its patterns do not exclude. */
function writesOutside(statement: Statement, context: CatalogContext): CatalogWrites {
  const notActions = elementsOf(statement.notActions);
  if (isUnknown(notActions) || notActions === undefined) return { ...NO_WRITES, undecided: true };
  const all = matchingActions('*');
  if (typeof all === 'string') return { ...NO_WRITES, undecided: true };
  const certain: ActionInfo[] = [];
  const possible: ActionInfo[] = [];
  const leftOut: ActionInfo[] = [];
  for (const action of all) {
    if (!context.isWrite(action)) continue;
    const granted = coversAction(statement, action.name, context.options);
    if (granted !== 'no' && context.leaveOut(action.name)) {
      if (granted === 'yes') leftOut.push(action);
    } else if (granted === 'yes') certain.push(action);
    else if (granted === 'unknown') possible.push(action);
  }
  return { certain, possible, leftOut };
}

/**
 * Whether the statement's actions may grant one of `acting`: one the catalog lists for certain or possibly
 * (or one the caller leaves out, so that it is told of it), or a pattern the catalog cannot read.
 */
export function mayGrantAny(
  statement: Statement,
  acting: ReadonlySet<string>,
  context: CatalogContext,
): boolean {
  const reaches = (found: CatalogWrites) =>
    found.undecided === true ||
    [found.certain, found.possible, found.leftOut ?? []].some((list) => list.some((a) => acting.has(a.name)));
  const actions = elementsOf(statement.actions);
  if (actions !== undefined) {
    return isUnknown(actions) || actions.some((pattern) => reaches(writesOfPattern(pattern, context)));
  }
  if (statement.notActions === undefined) return false;
  return reaches(writesOfNotAction(statement, context));
}
