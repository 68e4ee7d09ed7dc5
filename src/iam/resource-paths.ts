import { own } from '../model/own.js';
import { isStarOnly } from './wildcards.js';

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
 * A `?` matches exactly one character: an id part of `?` names only the ids of that length. No AWS text fixes the
 * length of an API Gateway id (the API reference calls it a string) or of any other id read here, so such a part
 * names some (`/restapis/??????????`), as a prefix does.
 * Undefined when the path names some: an id or a prefix of one (`table/orders`, `/usageplans/team-*`), one
 * parent and everything under it (`/restapis/a1b2c3/*`, read as `arn:aws:s3:::my-bucket/*` is: one API's, not
 * every API's), a collection with no wildcard on its way (`/restapis`), or text not known before deploy (never
 * a wildcard). `parts` alternate type and id, the first a type.
 * Left inexact: ARNs whose parts `:` separates are split there too, and a wildcard's count of parts beyond the
 * first (`/*` then `/*` or `/*` then `/*` then `/*` after an id) is not told apart: both read as any type within.
 */
export function everyOf(parts: readonly string[], collections: boolean): EveryOf | undefined {
  const types: string[] = [];
  let i = 0;
  while (i < parts.length) {
    let type = parts[i] as string;
    if (isStarOnly(type)) {
      // After an id, only wildcards: what lies under every member (a `/` more than the member has), of any type.
      if (parts.slice(i).every(isStarOnly)) return { types: types.length === 0 ? [] : [...types, ANY_TYPE] };
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
    if (!isStarOnly(id)) return undefined;
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
