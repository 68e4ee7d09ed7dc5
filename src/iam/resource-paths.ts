import { own } from '../model/own.js';
import { patternCovers } from './pattern-covers.js';

/**
 * ARN services whose resource part is a path of collections and ids after an empty or filled account:
 * `arn:aws:apigateway:us-east-1::/restapis/a1b2c3/stages/prod`, `...::/usageplans/x9y8z7`, `...::/apis/abc`
 * (HTTP and WebSocket APIs), as the API Gateway ARN reference and the IAM catalog's resource types write
 * them. execute-api (`api-id/stage/METHOD/path`) starts with a name instead (NAME_FIRST).
 */
export const PATH_FIRST: ReadonlySet<string> = new Set(['apigateway']);

/**
 * What a resource path names every resource of, as the types (collections) on its way, outermost first, and
 * whether it names the innermost collection itself rather than its members (`whole`).
 */
export interface EveryOf {
  readonly types: readonly string[];
  readonly whole?: true;
}

/**
 * API Gateway writes a few collections as two words (`/restapis/a1b2c3/documentation/parts/p1`): read as one.
 * From the API Gateway ARN reference (DocumentationPart, DocumentationVersion).
 */
const TWO_WORDS: Readonly<Record<string, readonly string[]>> = { documentation: ['parts', 'versions'] };

const TYPE_NAME = /^[A-Za-z][\w.-]*$/;

/**
 * Every id there is, as a pattern: one character or more (no ARN names a resource by an empty id).
 * IAM reads `*` in an ARN as any run of characters, `/` included, and `?` as exactly one (IAM User Guide, "IAM JSON
 * policy elements: Resource", Using wildcards in resource ARNs): `*`, `?*` and `*?` match every id, `??*` only
 * those of two characters or more, and `???` those of three alone.
 */
const ANY_ID = '?*';

/**
 * The ids of a type, as they appear in its ARNs, where more is known of them than ANY_ID says (`service:type`):
 * DynamoDB table names are 3 to 255 characters (DynamoDB Developer Guide, "Naming rules"); Secrets Manager adds a
 * hyphen and six random characters after the name of every secret, at the end of its ARN (Secrets Manager API
 * reference, CreateSecret, Name), so `secret:*-??????` names every secret.
 */
const ID_SHAPES: Readonly<Record<string, string>> = {
  'dynamodb:table': '???*',
  'secretsmanager:secret': '?*-??????',
};

/** Every id of `type` of `service`, as a pattern (see ANY_ID and ID_SHAPES). */
export function idShape(service?: string, type?: string): string {
  return (
    (service === undefined || type === undefined ? undefined : own(ID_SHAPES, `${service}:${type}`)) ?? ANY_ID
  );
}

/** Whether a part of a resource pattern matches every id of `type` of `service` (see idShape). */
export function namesEveryId(part: string, service?: string, type?: string): boolean {
  // Most parts name a resource: the first character rules them out (an id's shape starts with a wildcard).
  if (part === '' || (part[0] !== '*' && part[0] !== '?')) return false;
  return patternCovers(part, idShape(service, type));
}

/** Any type, in EveryOf's `types`: a wildcard where a type goes, or what lies under every member. */
export const ANY_TYPE = '*';

/**
 * Whether a resource path names every resource of a type, by one principle for every service: **the pattern
 * names every resource of a type when it matches that type's ARN whatever its ids are**, read as IAM matches
 * it: `*` is any run of characters, `/` included, and every other character (a `/` between parts too) must be
 * there. So each part that names a resource (an id) must be wildcards only (`*`), and the other parts name types:
 * `table/*` (every DynamoDB table, and since `*` matches `/`, everything under them), `table/*` then `/index/*`
 * (every index of every table), `/restapis/*` then `/stages/*` (every stage of every REST API), `/restapis/*` then
 * `/stages` (the stage collection of every REST API, where `collections` says a path may end on a collection: API
 * Gateway's ARN reference gives collections ARNs of their own). A wildcard where a type goes stands for any type
 * (`/*` then `/stages/*`: every stage of every API). Wildcards only after an id name what lies **under** every
 * member, not the members: `table/*` then `/*` needs a second `/`, which `table/orders` lacks, so it names the
 * indexes, streams, backups, exports and imports of every table, not one table; it reads as any type within
 * (`['table', '*']`), and `/restapis/*` then `/*` as everything under every REST API, not the APIs.
 * Wildcards only from the start (`/*`) name everything.
 * A `?` matches exactly one character: an id part of `?` alone names only the ids of that length. No AWS text fixes
 * the length of an API Gateway id (the API reference calls it a string) or of any other id read here, so such a part
 * names some (`/restapis/??????????`), as a prefix does. With a `*` it names every id at least as long as its `?`
 * are many: `?*` and `*?` every id (none is empty), `???*` every DynamoDB table, and `*-??????` every secret, whose
 * ARN ends in a hyphen and six characters (see namesEveryId); those wildcards stand where `*` does above.
 * Undefined when the path names some: an id or a prefix of one (`table/orders`, `/usageplans/team-*`), one
 * parent and everything under it (`/restapis/a1b2c3/*`, read as `arn:aws:s3:::my-bucket/*` is: one API's, not
 * every API's), a collection with no wildcard on its way (`/restapis`), or text not known before deploy (never
 * a wildcard). `parts` alternate type and id, the first a type.
 * Left inexact: ARNs whose parts `:` separates are split there too, and a wildcard's count of parts beyond the
 * first (`/*` then `/*` or `/*` then `/*` then `/*` after an id) is not told apart: both read as any type within.
 */
export function everyOf(
  parts: readonly string[],
  collections: boolean,
  service?: string,
): EveryOf | undefined {
  const types: string[] = [];
  let i = 0;
  const anyText = (part: string) => namesEveryId(part);
  while (i < parts.length) {
    let type = parts[i] as string;
    if (anyText(type)) {
      // After an id, only wildcards: what lies under every member (a `/` more than the member has), of any type.
      if (parts.slice(i).every(anyText)) return { types: types.length === 0 ? [] : [...types, ANY_TYPE] };
      // A type and its id, whatever they are (`*` matches `/`): `/*/stages/*` holds `/restapis/a1b2c3/stages/prod`.
      types.push(ANY_TYPE);
      i++;
      continue;
    }
    if (!TYPE_NAME.test(type)) return undefined;
    const second = parts[i + 1];
    if (second !== undefined && own(TWO_WORDS, type)?.includes(second)) {
      type = `${type}/${second}`;
      i++;
    }
    types.push(type);
    const id = parts[i + 1];
    if (id === undefined) return collections && types.length > 1 ? { types, whole: true } : undefined;
    if (!namesEveryId(id, service, type)) return undefined;
    i += 2;
  }
  return { types };
}

/** The API Gateway collections whose every member a path (`/usageplans/*`) names: see everyOf. */
export function pathCollections(path: string): EveryOf | undefined {
  if (!path.startsWith('/')) return undefined;
  return everyOf(path.slice(1).split('/'), true);
}

/** What one member of an API Gateway collection is called; others drop their plural `s`. */
const MEMBERS: Readonly<Record<string, string>> = {
  apikeys: 'API key',
  apimappings: 'API mapping',
  apis: 'HTTP or WebSocket API',
  '*': 'parent of any kind',
  basepathmappings: 'base path mapping',
  clientcertificates: 'client certificate',
  'documentation/parts': 'documentation part',
  'documentation/versions': 'documentation version',
  domainnames: 'custom domain name',
  portalproducts: 'portal product',
  restapis: 'REST API',
  usageplans: 'usage plan',
  vpclinks: 'VPC link',
};

/**
 * `usage plan`, `stage of every REST API`, `index of every table`: the innermost type's member, then its parents';
 * `stage collection of every REST API` for a collection itself; `resource under every table` for any type within.
 */
export function pathWords(every: EveryOf): string {
  const { types } = every;
  // What lies under every member (`table/*/*`): `resource under every table`.
  if (types.length > 1 && types[types.length - 1] === ANY_TYPE) {
    return `resource under every ${pathWords({ types: types.slice(0, -1) })}`;
  }
  const members = types.map((c) => own(MEMBERS, c) ?? c.replace(/s$/, '')).reverse();
  if (every.whole && members.length > 0) members[0] = `${members[0]} collection`;
  return members.join(' of every ');
}
