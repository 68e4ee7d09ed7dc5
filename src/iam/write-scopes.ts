// The scopes a statement's Resource reaches, for the analysis of grants on every resource: every resource of one
// service's type(s) (`arn:aws:s3:::*`, `table/*`), and which actions act on what a type within a type names
// (`table/*` then `/index/*`) or on S3's buckets and objects.
import type { Statement } from '../model/iam.js';
import { isUnknown } from '../model/values.js';
import {
  actionsOnNameFirstType,
  actionsOnNestedType,
  actionsOnTypeStart,
  actsOnArnsOf,
  knowsNestedType,
} from './action-data.js';
import type { ActionInfo } from './actions.js';
import { ANY_TYPE } from './resource-paths.js';
import { placeWords, type S3Kinds, type TypeScope, typeWords } from './resource-scope.js';
import { type TypedResource, typedResources } from './statements.js';
import { elementsOf } from './templates.js';
import { anyOf, type Tri } from './tri.js';
import { wildcardMatches } from './wildcards.js';
import { writesOfNotAction, writesOfPattern } from './write-catalog.js';
import type { WriteContext, WriteOnAllResourcesOptions } from './write-types.js';

/** What a statement's resources reach: every resource, or every resource of one service's type(s). */
export interface Scope {
  readonly kind: 'all' | 'type';
  readonly answer: Tri;
  /** For `type`, when unknown: what is not known about its Resource elements. */
  readonly doubt?: string;
  /**
   * The words for these granted actions, naming what they act on, each once: `every resource`, `every resource except
   * arn:aws:s3:::b/*`; for `type`, `every DynamoDB table in the account and region`, `every object in every S3 bucket`
   * for s3:PutObject on `arn:aws:s3:::*`, and `every S3 bucket and object` for none (the actions not known).
   */
  readonly wordsFor: (granted: readonly ActionInfo[]) => string;
  /** For `all`: it is every resource through a NotResource, which the finding names as it names a NotAction. */
  readonly notResource?: true;
  /** For `all` through a NotResource: whether it keeps out every ARN an action acts on (see keptOutBy). */
  readonly keptOut?: (action: string) => boolean;
  /** For `type`: only this service's actions act on it. */
  readonly service?: string;
  /**
   * For `type`, when it names only types within a type (`table/*` then `/index/*`): the actions that act on
   * them, by name (see actionsOnNestedType). Undefined: every action acting on the service's ARNs.
   */
  readonly acting?: ReadonlySet<string>;
  readonly resources?: readonly string[];
  /** For `type`: every Resource element it stands for, shown or not, as a Deny must cover them all (see comparedText). */
  readonly covered?: readonly string[];
}

/**
 * The statement's typed resources as one scope per service. A pattern that another of the same
 * service matches says nothing more (every object, beside `arn:aws:s3:::*`): it is left out of the words.
 * A type within a type counts only for the actions that act on it (`table/*` then `/index/*`: an index,
 * which dynamodb:UpdateContributorInsights acts on and dynamodb:PutItem does not), and so does every S3 object
 * (`arn:aws:s3:::*` then `/*`: s3:PutObject, not s3:DeleteBucket): a pattern naming one whose actions the statement
 * cannot grant (`reaches`) is no grant at all, and is left out (`inapplicable` is told of it).
 */
export function typeScopes(
  statement: Statement,
  options: WriteOnAllResourcesOptions,
  reaches: (acting: ReadonlySet<string>) => boolean,
  inapplicable: (typed: TypedResource) => void,
): Scope[] {
  const typedFound = typedResources(statement, options);
  if (typedFound.length === 0) return []; // the usual statement: no pattern names every resource of a type
  const byService = new Map<string, (TypedResource & { acting?: ReadonlySet<string> })[]>();
  for (const found of typedFound) {
    const acting = actingOn(found, options);
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
    const wordsFor = (granted: readonly ActionInfo[]) => {
      const said = shown.map((t) => ({ t, kinds: s3Kinds(t.scope, granted) }));
      // Every object in every bucket says nothing more beside every bucket and object: each thing is said once.
      const objectsToo = said.some(({ t, kinds }) => isEveryS3(t.scope, 1) && kinds?.object !== false);
      const words = said
        .filter(({ t }) => !(objectsToo && isEveryS3(t.scope, 2)))
        .map(({ t, kinds }) => `${typeWords(t.scope, kinds)}${placeWords(t.written, options.selfAccount)}`);
      return [...new Set(words)].join(' and ');
    };
    const doubts = [...new Set(shown.flatMap((t) => (t.doubt === undefined ? [] : [t.doubt])))];
    // Beside a pattern whose every action counts (`table/*`), so does every action for the statement.
    const acting = typed.every((t) => t.acting !== undefined)
      ? new Set(typed.flatMap((t) => [...(t.acting ?? [])]))
      : undefined;
    return {
      kind: 'type' as const,
      answer,
      ...(doubts.length > 0 ? { doubt: doubts.join('; ') } : {}),
      wordsFor,
      service,
      ...(acting === undefined ? {} : { acting }),
      resources: [...new Set(shown.map((t) => t.written))],
      covered: [...new Set(typed.map((t) => t.compared))],
    };
  });
}

/**
 * The actions that act on what a typed pattern names, when not every action on its service's ARNs does: a type within
 * a type (see nestedActing), S3's buckets and objects (see nameFirstActing), or an IAM type (`arn:aws:iam::*:role/*`:
 * the actions listing the role type, not those listing only a user, a group or a policy; see actionsOnTypeStart).
 */
function actingOn(
  typed: TypedResource,
  options: WriteOnAllResourcesOptions,
): ReadonlySet<string> | undefined {
  const { scope } = typed;
  const acting =
    (scope.regionless ? nameFirstActing(scope) : nestedActing(scope)) ??
    (scope.type === undefined ? undefined : actionsOnTypeStart(scope.service, typed.start));
  const also = acting === undefined ? [] : (options.actingAlso?.(scope) ?? []);
  return also.length === 0 ? acting : new Set([...(acting ?? []), ...also]);
}

const nameFirstSets = new Map<string, ReadonlySet<string> | undefined>();

/**
 * For a NAME_FIRST pattern without region and account, the actions that act on what it names, as the catalog's
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

/** `arn:aws:s3:::*` (segments 1: every bucket and object) or `arn:aws:s3:::*` then `/*` (2: every object). */
function isEveryS3(scope: TypeScope, segments: 1 | 2): boolean {
  return scope.service === 's3' && scope.regionless === true && Math.min(scope.segments, 2) === segments;
}

/**
 * For a pattern naming every S3 bucket and object (`arn:aws:s3:::*`), which of them the actions granted act on, as the
 * catalog's resource types say (at every level: s3:GetObject acts on objects, s3:GetBucketPolicy on buckets);
 * undefined for any other scope.
 */
function s3Kinds(scope: TypeScope, granted: readonly ActionInfo[]): S3Kinds | undefined {
  if (!isEveryS3(scope, 1) || granted.length === 0) return undefined;
  const buckets = actionsOnNameFirstType('s3', '*');
  const objects = actionsOnNameFirstType('s3', '*/*');
  if (buckets === undefined || objects === undefined) return undefined;
  const bucket = granted.some((a) => buckets.has(a.name));
  const object = granted.some((a) => objects.has(a.name));
  return bucket || object ? { bucket, object } : undefined;
}

/**
 * Tells the caller (onInapplicable) of a typed pattern none of the statement's writes acts on, naming those writes
 * of its service: the certain and possible ones its actions grant, less those the caller leaves out.
 */
export function tellInapplicable(statement: Statement, typed: TypedResource, context: WriteContext): void {
  const tell = context.options.onInapplicable;
  if (tell === undefined) return;
  const actions = elementsOf(statement.actions);
  const lookups =
    actions === undefined
      ? statement.notActions === undefined
        ? []
        : [writesOfNotAction(statement, context)]
      : isUnknown(actions)
        ? []
        : actions.map((pattern) => writesOfPattern(pattern, context));
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
