import type { Statement } from '../model/iam.js';
import { isUnknown, type Value } from '../model/values.js';
import { actionsOnNameFirstType, actionsOnNestedType, actsOnArnsOf, knowsNestedType } from './action-data.js';
import {
  type AccessLevel,
  type ActionInfo,
  closeAction,
  matchingActions,
  parseActionPattern,
} from './actions.js';
import { type DenyReach, type DenyStatement, denyOutcome, denyReach, denyStatements } from './denies.js';
import { type Factor, factor, partFactor } from './doubts.js';
import {
  type HitOptions,
  type PolicyHit,
  type PolicyInput,
  statementHit,
  type Visit,
  visitStatements,
} from './hits.js';
import { reachForAction } from './kept-resources.js';
import { narrowingOf, type ResourceConditions, resourceConditions } from './resource-conditions.js';
import { ANY_TYPE } from './resource-paths.js';
import { placeWords, type TypeScope, typeWords } from './resource-scope.js';
import type { RolePolicy } from './role-policies.js';
import {
  coversAction,
  coversAllResources,
  isAllow,
  notResourceWords,
  type TypedResource,
  typedResources,
} from './statements.js';
import {
  type RoleAllows,
  roleAllows,
  type TagNarrowing,
  taggedWords,
  tagNarrowing,
} from './tag-conditions.js';
import { describeValue, elementsOf, instantiate } from './templates.js';
import { anyOf, type Tri } from './tri.js';
import { wildcardMatches } from './wildcards.js';

/** One per statement (two or more when it names every resource of several services); `value` lists the action patterns that grant the writes. */
export interface WriteOnAllResourcesHit extends PolicyHit {
  /** The write-level actions granted on every resource (at most 25, by name), when the catalog knows them. */
  readonly actions: readonly string[];
  /** How many write-level actions it grants there in all (`actions` lists the first 25), when the catalog knows them. */
  readonly actionCount?: number;
  readonly levels: readonly AccessLevel[];
  /** Every action granted is at IAM's Tagging level (some also at Write: ec2:CreateTags), when the catalog knows them. */
  readonly taggingOnly?: true;
  /**
   * `all`: every resource (`Resource: "*"`, a NotResource); `type`: every resource of one type of one
   * service (`arn:aws:s3:::*`, `arn:aws:dynamodb:us-east-1:123456789012:table/*`), where only that
   * service's actions count.
   */
  readonly scope: 'all' | 'type';
  /** For `type`: the Resource elements that name them, as written. */
  readonly resources?: readonly string[];
  /**
   * The statement's conditions on keys naming the resource (see resourceConditions), as `Operator key`, and what
   * they do here: `narrowing` ones pin some of its actions to named resources (those are not in `actions`); an
   * `ignored` one does not narrow, with why. Conditions not listed here are not weighed.
   */
  readonly resourceConditions?: {
    readonly narrowing: readonly string[];
    readonly ignored: readonly { readonly condition: string; readonly why: string }[];
    /**
     * Set when every write left is narrowed only by a condition whose key the catalog does not list for it (so IAM
     * grants it to no request without the key): the conditions.
     */
    readonly unlisted?: readonly string[];
    /**
     * Set when positive resource-tag conditions (`StringEquals aws:ResourceTag/Scheduled`) limit writes to resources
     * carrying the tag, and the role may not tag them itself (see tagNarrowing): `all` when they limit every write
     * (the reason then says `tagged Scheduled=true`), else `actions`, the writes they limit, left out of `actions`.
     */
    readonly tagged?: {
      readonly conditions: readonly string[];
      readonly words: string;
      readonly all: boolean;
      readonly actions: readonly string[];
    };
  };
  /** What Deny statements of the policies read do to its writes (see DeniedWrites); the actions above are what is left. */
  readonly denied?: DeniedWrites;
  /** Every write action it grants (what `actions` samples), when the catalog knows them: see writesWithin. */
  readonly writes?: readonly ActionInfo[];
}

/**
 * The hit with only the writes `allows` lets through (those a permissions boundary allows too: the role gets what
 * both allow), its sample, count, levels and tagging recounted; as it is when it lists no writes.
 */
export function writesWithin(
  hit: WriteOnAllResourcesHit,
  allows: (action: string) => boolean,
): WriteOnAllResourcesHit {
  if (hit.writes === undefined || hit.writes.length === 0) return hit;
  const kept = hit.writes.filter((action) => allows(action.name));
  if (kept.length === hit.writes.length) return hit;
  const { taggingOnly: _, ...rest } = hit;
  return { ...rest, ...summary(kept, hit.levels), writes: kept };
}

/**
 * Writes a Deny takes back from a hit: `actions`, each cancelled by a Deny covering it on every resource it was
 * granted on, or limited to what the Deny's NotResource leaves (`only`), which names some resources; and the Denies
 * that would take some back but for conditions they carry, which are not weighed.
 */
export interface DeniedWrites {
  readonly actions: readonly DeniedWrite[];
  readonly conditional: readonly DenyStatement[];
}

export interface DeniedWrite {
  readonly action: string;
  readonly by: DenyStatement;
  readonly only?: string;
}

export interface WriteOnAllResourcesOptions extends HitOptions {
  readonly levels?: readonly AccessLevel[];
  /**
   * The actions looked for, instead of those at `levels`: a list of the catalog's own (sensitive reads on every
   * resource, see iam.role-wildcard-resource-read). A pattern the catalog does not know names none of them.
   */
  readonly selects?: (action: ActionInfo) => boolean;
  /** What the actions looked for are called in the hits' reasons: `write actions` unless told. */
  readonly noun?: string;
  /**
   * With `selects`: those of its actions that act on what a type within a type, or S3's buckets and objects, name
   * (`arn:aws:s3:::*` then `/*`: s3:GetObject). The catalog's resource types kept here are those of writes alone
   * (see actionsOnNestedType), so a check looking for other actions says which act there.
   */
  readonly actingAlso?: (scope: TypeScope) => readonly string[];
  /** Write actions the caller leaves out, for reasons of its own (`iam:PassRole`): they count as no write. */
  readonly leaveOut?: (action: string) => boolean;
  /** Told the left-out actions that a statement grants on every resource (of a type); may repeat them. */
  readonly onLeftOut?: (actions: readonly string[]) => void;
  /**
   * Told the writes a statement grants on every resource (of a type) only for resources a condition names:
   * `iam:CreateServiceLinkedRole` by `StringEquals iam:AWSServiceName` (`only`: what it leaves); may repeat them.
   */
  readonly onNarrowed?: (narrowed: readonly NarrowedWrite[]) => void;
  /**
   * Weigh resource-tag conditions (see tagNarrowing), with every policy of the role: whether one of its Allows may
   * add tags (AWS managed ones included, which the caller may leave out of what it reads; one whose document is not
   * known may). Without, tag conditions are not weighed (a permissions boundary read with the same analysis).
   */
  readonly taggingPolicies?: readonly RolePolicy[];
  /** Told the writes a Deny takes back from a statement's grant (see DeniedWrites); may repeat them. */
  readonly onDenied?: (denied: readonly DeniedWrite[]) => void;
  /**
   * Told of a Resource element naming every resource of a type that none of its statement's writes acts on (S3's
   * `arn:aws:s3:::*` then `/*`, every object, beside s3:DeleteBucket), which is then no grant; may repeat it.
   */
  readonly onInapplicable?: (inapplicable: InapplicableWrites) => void;
}

/**
 * A Resource element as written, what it names in words (`every object in every S3 bucket`), whether it names that
 * for certain or only may (a value not known before deploy), and the statement's writes that act on none of it.
 */
export interface InapplicableWrites {
  readonly resource: string;
  readonly words: string;
  readonly answer: 'yes' | 'unknown';
  readonly actions: readonly string[];
}

export interface NarrowedWrite {
  readonly action: string;
  readonly condition: string;
  readonly only: string;
}

const DEFAULT_LEVELS: readonly AccessLevel[] = ['Write', 'Permissions management'];
const SAMPLE = 25;

/** What a statement's resources reach: every resource, or every resource of one service's type(s). */
interface Scope {
  readonly kind: 'all' | 'type';
  readonly answer: Tri;
  /** For `type`, when unknown: what is not known about its Resource elements. */
  readonly doubt?: string;
  /** `every resource`, `every resource except arn:aws:s3:::b/*`, `every S3 bucket`, `every DynamoDB table in the account and region`. */
  readonly words: string;
  /** For `all`: it is every resource through a NotResource, which the finding names as it names a NotAction. */
  readonly notResource?: true;
  /** For `type`: only this service's actions act on it. */
  readonly service?: string;
  /**
   * For `type`, when it names only types within a type (`table/*` then `/index/*`): the actions that act on
   * them, by name (see actionsOnNestedType). Undefined: every action acting on the service's ARNs.
   */
  readonly acting?: ReadonlySet<string>;
  readonly resources?: readonly string[];
  /** For `type`: every Resource element it stands for, shown or not (a Deny must cover them all). */
  readonly covered?: readonly string[];
}

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
  const context: Context = {
    options,
    wanted,
    isWrite: (action) =>
      !action.wildcardOnly &&
      (options.selects === undefined
        ? wanted.some((level) => action.levels.has(level))
        : options.selects(action)),
    leaveOut: options.leaveOut ?? (() => false),
    lookups: new Map(),
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
        words: `every resource${except ?? ''}`,
        ...(except === undefined ? {} : { notResource: true }),
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

/**
 * The statement's typed resources as one scope per service. A pattern that another of the same
 * service matches says nothing more (every object, beside `arn:aws:s3:::*`): it is left out of the words.
 * A type within a type counts only for the actions that act on it (`table/*` then `/index/*`: an index,
 * which dynamodb:UpdateContributorInsights acts on and dynamodb:PutItem does not), and so does every S3 object
 * (`arn:aws:s3:::*` then `/*`: s3:PutObject, not s3:DeleteBucket): a pattern naming one whose actions the statement
 * cannot grant (`reaches`) is no grant at all, and is left out (`inapplicable` is told of it).
 */
function typeScopes(
  statement: Statement,
  options: WriteOnAllResourcesOptions,
  reaches: (acting: ReadonlySet<string>) => boolean,
  inapplicable: (typed: TypedResource) => void,
): Scope[] {
  const byService = new Map<string, (TypedResource & { acting?: ReadonlySet<string> })[]>();
  for (const found of typedResources(statement, options)) {
    const acting = actingOn(found.scope, options);
    if (acting !== undefined && !reaches(acting)) {
      inapplicable(found);
      continue;
    }
    const typed = acting === undefined ? found : { ...found, acting };
    const list = byService.get(typed.scope.service) ?? [];
    list.push(typed);
    byService.set(typed.scope.service, list);
  }
  return [...byService].map(([service, typed]) => {
    const answer = anyOf(typed.map((t) => t.answer));
    const shown = typed
      .filter((t) => t.answer === answer)
      .filter(
        (t, _i, all) =>
          !all.some(
            (o) =>
              o !== t &&
              o.written !== t.written &&
              (wildcardMatches(o.written, t.written) || within(t.scope, o.scope)),
          ),
      );
    const words = [
      ...new Set(shown.map((t) => `${typeWords(t.scope)}${placeWords(t.written, options.selfAccount)}`)),
    ];
    const doubts = [...new Set(shown.flatMap((t) => (t.doubt === undefined ? [] : [t.doubt])))];
    // Beside a pattern whose every action counts (`table/*`), so does every action for the statement.
    const acting = typed.every((t) => t.acting !== undefined)
      ? new Set(typed.flatMap((t) => [...(t.acting ?? [])]))
      : undefined;
    return {
      kind: 'type' as const,
      answer,
      ...(doubts.length > 0 ? { doubt: doubts.join('; ') } : {}),
      words: words.join(' and '),
      service,
      ...(acting === undefined ? {} : { acting }),
      resources: [...new Set(shown.map((t) => t.written))],
      covered: [...new Set(typed.map((t) => t.written))],
    };
  });
}

/**
 * The actions that act on what a typed pattern names, when not every action on its service's ARNs does: a type within
 * a type (see nestedActing), or S3's buckets and objects (see nameFirstActing).
 */
function actingOn(scope: TypeScope, options: WriteOnAllResourcesOptions): ReadonlySet<string> | undefined {
  const acting = scope.regionless ? nameFirstActing(scope) : nestedActing(scope);
  const also = acting === undefined ? [] : (options.actingAlso?.(scope) ?? []);
  return also.length === 0 ? acting : new Set([...(acting ?? []), ...also]);
}

const nameFirstSets = new Map<string, ReadonlySet<string> | undefined>();

/**
 * For a NAME_FIRST pattern without region and account, the writes that act on what it names, as the catalog's
 * resource types say. `arn:aws:s3:::*` names every bucket and every object, since `*` matches any run of characters,
 * `/` included (IAM User Guide, "IAM JSON policy elements: Resource", wildcards in resource ARNs), but no access
 * point or batch job, whose ARNs carry a region and an account. `arn:aws:s3:::*` then `/*` needs a `/`, which no
 * bucket's ARN has (`arn:aws:s3:::${BucketName}`): objects alone, so s3:DeleteBucket and s3:PutBucketPolicy, which
 * the Service Authorization Reference lists on the bucket type only, grant nothing there. Undefined for a service the
 * catalog keeps no such types of (every action on its ARNs counts).
 */
function nameFirstActing(scope: TypeScope): ReadonlySet<string> | undefined {
  const key = `${scope.service} ${scope.segments === 1 ? 'any' : 'objects'}`;
  if (nameFirstSets.has(key)) return nameFirstSets.get(key);
  const shapes = scope.segments === 1 ? ['*', '*/*'] : ['*/*'];
  const found = shapes.map((shape) => actionsOnNameFirstType(scope.service, shape));
  const acting = found.every((set) => set !== undefined)
    ? new Set(found.flatMap((set) => [...set]))
    : undefined;
  nameFirstSets.set(key, acting);
  return acting;
}

/**
 * Tells the caller (onInapplicable) of a typed pattern none of the statement's writes acts on, naming those writes
 * of its service: the certain and possible ones its actions grant, less those the caller leaves out.
 */
function tellInapplicable(statement: Statement, typed: TypedResource, context: Context): void {
  const tell = context.options.onInapplicable;
  if (tell === undefined) return;
  const actions = elementsOf(statement.actions);
  const lookups =
    actions === undefined
      ? statement.notActions === undefined
        ? []
        : [remembered(context, statement, () => writesOutside(statement, context))]
      : isUnknown(actions)
        ? []
        : actions.map((pattern) => remembered(context, pattern, () => writesOf(pattern, context)));
  const { service } = typed.scope;
  const names = lookups.flatMap((found) =>
    [...found.certain, ...found.possible].filter((a) => actsOnArnsOf(a, service)).map((a) => a.name),
  );
  if (names.length === 0) return;
  const words = `${typeWords(typed.scope)}${placeWords(typed.written, context.options.selfAccount)}`;
  tell({ resource: typed.written, words, answer: typed.answer, actions: [...new Set(names)].sort() });
}

/**
 * The actions that act on a type within a type of an ARN service (`table/*` then `/index/*`; `table/*` then `/*`,
 * what lies under every table), or on an API Gateway path (`/apis/*` then `/stages/*`: the stages, which its
 * PATCH and DELETE act on, not its POST, which acts on the stage collection), from the catalog; undefined for any
 * other scope, where every action on the service's ARNs counts: a top-level type (`table/*`), every API Gateway
 * resource (`/*`), or an API Gateway path to a type the catalog gives no write action (see knowsNestedType). A type
 * within a type the catalog does not know is no type scope at all (typeScopeOf): it names some resources.
 */
function nestedActing(scope: TypeScope): ReadonlySet<string> | undefined {
  const { collections, service, whole } = scope;
  if (collections === undefined || collections.length < (scope.type === undefined ? 1 : 2)) return undefined;
  // A path to a type the catalog leaves out (API Gateway V2's routes, `/apis/*`): every action counts, as before.
  if (scope.type === undefined && !knowsNestedType(service, collections, whole)) return undefined;
  return actionsOnNestedType(service, collections, whole);
}

/**
 * Whether the statement's actions may grant one of `acting`: one the catalog lists for certain or possibly
 * (or one the caller leaves out, so that it is told of it), or a pattern the catalog cannot read.
 */
function mayGrantAny(statement: Statement, acting: ReadonlySet<string>, context: Context): boolean {
  const reaches = (found: CatalogWrites) =>
    found.undecided === true ||
    [found.certain, found.possible, found.leftOut ?? []].some((list) => list.some((a) => acting.has(a.name)));
  const actions = elementsOf(statement.actions);
  if (actions !== undefined) {
    return (
      isUnknown(actions) ||
      actions.some((pattern) => reaches(remembered(context, pattern, () => writesOf(pattern, context))))
    );
  }
  if (statement.notActions === undefined) return false;
  return reaches(remembered(context, statement, () => writesOutside(statement, context)));
}

/**
 * Whether every resource `inner` names is under those `outer` names: every index of every table is under every
 * table (`table/*` matches `table/x/index/y`, `*` matching `/`), as `table/${Name}/index/*` beside
 * `table/${Name}` is in SAM's DynamoDBCrudPolicy. A collection itself (`whole`) holds nothing under it.
 */
function within(inner: TypeScope, outer: TypeScope): boolean {
  if (outer.whole) return false;
  const path = (scope: TypeScope) => scope.collections ?? (scope.type === undefined ? [] : [scope.type]);
  const [a, b] = [path(inner), path(outer)];
  if (b.length === 0 || a.length < b.length || !b.every((type, i) => type === ANY_TYPE || type === a[i]))
    return false;
  // Of the same length, only a broader one: what lies under every table (`['table', '*']`) holds every index.
  return a.length > b.length || b.some((type, i) => type === ANY_TYPE && a[i] !== ANY_TYPE);
}

interface Context {
  readonly options: WriteOnAllResourcesOptions;
  readonly wanted: readonly AccessLevel[];
  readonly isWrite: (action: ActionInfo) => boolean;
  readonly leaveOut: (action: string) => boolean;
  /**
   * Catalog lookups by action pattern (and by statement, for a NotAction): a statement is weighed on
   * every resource and on each type of resource it names, and what the catalog says does not depend on
   * which, so it is asked once.
   */
  readonly lookups: Map<Value<string> | Statement, CatalogWrites>;
  /** The Deny statements of the policies read, which take writes back (see afterDenies). */
  readonly denies: readonly DenyStatement[];
  /** The Allow statements of the role (see roleAllows), asked only for a statement with resource-tag conditions. */
  readonly allows: () => RoleAllows;
}

/** The hit of one statement on one scope, or undefined when it grants no write there. */
function writeHit(
  visit: Visit,
  effect: Factor,
  scope: Scope,
  context: Context,
): WriteOnAllResourcesHit | undefined {
  const { statement } = visit;
  const noun = context.options.noun ?? 'write actions';
  const resource =
    scope.doubt === undefined
      ? partFactor(scope.answer, statement, 'Resource')
      : factor(scope.answer, scope.doubt);
  const conditions = resourceConditions(statement, context.options);
  const listed = scope.resources?.map((r) => `"${r}"`).join(', ');
  // The Resource elements meant, after the scope's words: `on every S3 bucket ("arn:aws:s3:::*")`.
  const named = listed === undefined ? '' : ` (${listed})`;
  const make = (
    writes: Factor,
    fields: { reason: string; maybe: string; value?: string },
    grantedActions: readonly ActionInfo[],
  ): WriteOnAllResourcesHit | undefined => {
    const found = statementHit(visit, [effect, writes, resource], fields);
    if (found === undefined) return undefined;
    const granted = scope.kind === 'all' ? 'all' : (scope.covered ?? scope.resources ?? []);
    // Resource-tag conditions weighed on the certain writes alone: those left of a tagged grant are the ones listed.
    const tags =
      found.answer === 'yes' && grantedActions.length > 0 && context.options.taggingPolicies !== undefined
        ? tagNarrowing(statement, grantedActions, granted, context.allows, context.options)
        : undefined;
    const hit =
      tags?.open.length === 0 ? { ...found, reason: `${found.reason} ${taggedWords(tags)}` } : found;
    const actions = tags !== undefined && tags.open.length > 0 ? tags.open : grantedActions;
    return {
      ...hit,
      ...summary(actions, context.wanted),
      ...(actions.length > 0 ? { writes: actions } : {}),
      scope: scope.kind,
      ...(scope.resources ? { resources: scope.resources } : {}),
      ...conditionFields(conditions, narrowedBy, unlisted, tags),
      ...(denied.length > 0 || conditional.size > 0
        ? { denied: { actions: denied, conditional: [...conditional] } }
        : {}),
      // What the Denies leave, every action of it (`actions` above is a sample): what a boundary is weighed against.
      ...(denied.length > 0
        ? {
            left: {
              patterns: actions.map((action) => action.name),
              by: [...new Set(denied.map((write) => write.by))],
            },
          }
        : {}),
    };
  };
  const narrowedBy = new Set<string>();
  let unlisted: readonly string[] | undefined;
  const narrow = (lookup: WriteLookup): NarrowLookup => {
    const result = narrowed(lookup, conditions);
    if (result.pinned.length > 0) {
      for (const pinned of result.pinned) narrowedBy.add(pinned.condition);
      context.options.onNarrowed?.(result.pinned);
    }
    return result;
  };
  const denied: DeniedWrite[] = [];
  const conditional = new Set<DenyStatement>();
  const reaches = new Map<Statement, DenyReach>();
  const reachOf = (deny: Statement) => {
    let reach = reaches.get(deny);
    if (reach === undefined) {
      const granted = scope.kind === 'all' ? 'all' : (scope.covered ?? scope.resources ?? []);
      reach = denyReach(deny, granted, context.options);
      reaches.set(deny, reach);
    }
    return reach;
  };
  const deny = (lookup: NarrowLookup): NarrowLookup => {
    const result = afterDenies(lookup, context, reachOf);
    if (result.denied.length > 0) {
      denied.push(...result.denied);
      context.options.onDenied?.(result.denied);
    }
    for (const statement of result.conditional) conditional.add(statement);
    return result.lookup;
  };
  // `Allow with NotResource grants ...`, `Allow with NotAction and NotResource grants ...`.
  const withNot = (element?: string) => {
    const elements = [element, scope.notResource ? 'NotResource' : undefined].filter((e) => e !== undefined);
    return elements.length === 0 ? 'Allow' : `Allow with ${elements.join(' and ')}`;
  };
  const actions = elementsOf(statement.actions);
  if (actions !== undefined) {
    if (isUnknown(actions)) {
      return make(
        partFactor('unknown', statement, 'Action'),
        {
          reason: `${withNot()} grants ${noun} on ${scope.words}${named}`,
          maybe: `may grant ${noun} on ${scope.words}${named}`,
        },
        [],
      );
    }
    // One hit: the patterns that grant writes, certain ones first.
    const found = actions.map((pattern) => ({
      text: describeValue(pattern),
      ...deny(
        narrow(
          inScope(
            remembered(context, pattern, () => writesOf(pattern, context)),
            scope,
          ),
        ),
      ),
    }));
    const leftOut = found.flatMap((f) => f.leftOut ?? []);
    if (leftOut.length > 0) context.options.onLeftOut?.([...new Set(leftOut)]);
    const answer = anyOf(found.map((f) => f.answer));
    if (answer === 'no') return undefined;
    const granting = found.filter((f) => f.answer === answer);
    if (granting.every((f) => f.unlisted !== undefined)) {
      unlisted = [...new Set(granting.flatMap((f) => f.unlisted ?? []))];
    }
    const quoted = granting.map((f) => `"${f.text}"`).join(', ');
    const why = [...new Set(granting.map((f) => f.why).filter((w) => w !== undefined))].join('; ');
    return make(
      factor(answer, why === '' ? undefined : why),
      {
        // The actions beside "write actions", the resources beside the scope: `("*")` after "every resource"
        // read as the Resource.
        reason: `${withNot()} grants ${noun} (${quoted}) on ${scope.words}${named}`,
        maybe: `may grant ${noun} (${quoted}) on ${scope.words}${named}`,
        value: granting.map((f) => f.text).join(', '),
      },
      [...new Set(granting.flatMap((f) => f.actions))],
    );
  }
  if (statement.notActions === undefined) return undefined;
  const found = deny(
    narrow(
      inScope(
        remembered(context, statement, () => writesOutside(statement, context)),
        scope,
      ),
    ),
  );
  unlisted = found.unlisted;
  if (found.leftOut && found.leftOut.length > 0) context.options.onLeftOut?.(found.leftOut);
  if (found.answer === 'no') return undefined;
  return make(
    partFactor(found.answer, statement, 'Action'),
    {
      reason: `${withNot('NotAction')} grants ${noun} on ${scope.words}${named}`,
      maybe: `may grant ${noun} on ${scope.words}${named} through its NotAction`,
    },
    found.actions,
  );
}

/**
 * The hit's resourceConditions, when the statement has conditions on keys naming the resource, or on resource tags
 * (see tagNarrowing).
 */
function conditionFields(
  conditions: ResourceConditions,
  narrowedBy: ReadonlySet<string>,
  unlisted: readonly string[] | undefined,
  tags: TagNarrowing | undefined,
): Pick<WriteOnAllResourcesHit, 'resourceConditions'> {
  const ignored = [...conditions.ignored, ...(tags?.ignored ?? [])];
  const limits = tags !== undefined && tags.tagged.length > 0;
  if (conditions.pinning.length === 0 && ignored.length === 0 && !limits) return {};
  return {
    resourceConditions: {
      narrowing: [...narrowedBy],
      ignored,
      ...(unlisted === undefined ? {} : { unlisted }),
      ...(limits
        ? {
            tagged: {
              conditions: tags.conditions,
              words: tags.words,
              all: tags.open.length === 0,
              actions: tags.tagged.map((action) => action.name),
            },
          }
        : {}),
    },
  };
}

interface NarrowLookup extends WriteLookup {
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
function narrowed(lookup: WriteLookup, conditions: ResourceConditions): NarrowLookup {
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

/**
 * A lookup's writes less those a Deny of the policies read takes back on the scope (see denyOutcome, which
 * `reachOf` feeds). Writes a Deny may take back (a value of it not known before deploy) are possible: when only
 * those remain, the lookup is unknown, saying why.
 */
function afterDenies(
  lookup: NarrowLookup,
  context: Context,
  reachOf: (deny: Statement) => DenyReach,
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
      (statement) => reachForAction(reachOf(statement), action.name, context.options),
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

function summary(actions: readonly ActionInfo[], wanted: readonly AccessLevel[]) {
  const levels = wanted.filter((level) => actions.some((action) => action.levels.has(level)));
  const names = actions.slice(0, SAMPLE).map((action) => action.name);
  const tagging = actions.length > 0 && actions.every((action) => action.levels.has('Tagging'));
  return {
    actions: names,
    actionCount: actions.length,
    levels,
    ...(tagging ? { taggingOnly: true as const } : {}),
  };
}

interface WriteLookup {
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
interface CatalogWrites {
  readonly certain: readonly ActionInfo[];
  readonly possible: readonly ActionInfo[];
  readonly leftOut?: readonly ActionInfo[];
  readonly why?: string;
  readonly undecided?: true;
  readonly actsOn?: string;
}

const NO_WRITES: CatalogWrites = { certain: [], possible: [] };

function remembered(
  context: Context,
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
function inScope(found: CatalogWrites, scope: Scope): WriteLookup {
  const { service, acting } = scope;
  const why = found.why === undefined ? {} : { why: found.why };
  if (found.undecided) {
    if (found.actsOn !== undefined && !mayActOn(found.actsOn, service)) return { answer: 'no', actions: [] };
    return { answer: 'unknown', actions: [], ...why };
  }
  const ofService = (action: ActionInfo) =>
    service === undefined ||
    (actsOnArnsOf(action, service) && (acting === undefined || acting.has(action.name)));
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

/**
 * ` (did you mean iam:CreateAccountAlias? A misspelt action grants nothing)` for a name the catalog does not know
 * but has a close one to (see closeAction), else ''. Such a hit stays unknown (the catalog may lag a new
 * action), but says what to do: IAM accepts any action name in an identity policy, and one that names no
 * action grants nothing.
 */
function misspelt(name: string): string {
  const meant = closeAction(name);
  return meant === undefined ? '' : ` (did you mean ${meant}? A misspelt action grants nothing)`;
}

/**
 * The scopable write actions a pattern grants, or undecided, with why (the catalog cannot say, or the
 * pattern is not known before deploy).
 */
function writesOf(pattern: Value<string>, context: Context): CatalogWrites {
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
        why: `the IAM action catalog does not know this service${misspelt(pattern)}`,
      };
    }
    if (actions === 'invalid' || actions.length === 0) {
      // `s3:HeadBucket` (an API call, not an action: s3:ListBucket authorises it) writes nothing, by its verb.
      if (READ_VERB.test(pattern)) return NO_WRITES;
      return {
        ...NO_WRITES,
        undecided: true,
        actsOn: pattern,
        why: `the IAM action catalog knows no such action${misspelt(pattern)}`,
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
function writesOutside(statement: Statement, context: Context): CatalogWrites {
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
