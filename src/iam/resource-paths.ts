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
 * The collections whose every member a path names, outermost first: `/usageplans/*` gives `usageplans`,
 * `/restapis/*` then `/stages/*` gives `restapis, stages`, `/*` none (every resource of the service).
 * Every id must be wildcards only; a wildcard where a collection goes spans the rest, which must then be
 * wildcards too (`/restapis/*` then `/*`: everything under every REST API, as `/restapis/*` already is,
 * since `*` matches `/`). Undefined when the path names some: one parent and everything under it
 * (`/restapis/a1b2c3/*`, read as `arn:aws:s3:::my-bucket/*` is: one API's, not every API's), an id or
 * a prefix of one (`/usageplans/team-*`), a collection itself (`/restapis`), or text not known before
 * deploy (which is never a wildcard).
 */
export function pathCollections(path: string): readonly string[] | undefined {
  if (!path.startsWith('/')) return undefined;
  const parts = path.slice(1).split('/');
  const collections: string[] = [];
  for (let i = 0; i < parts.length; i += 2) {
    const collection = parts[i] as string;
    if (isStarOnly(collection)) return parts.slice(i).every(isStarOnly) ? collections : undefined;
    if (!/^[A-Za-z][\w.-]*$/.test(collection)) return undefined;
    const id = parts[i + 1];
    if (id === undefined || !isStarOnly(id)) return undefined;
    collections.push(collection);
  }
  return collections;
}

/** What one member of an API Gateway collection is called; others drop their plural `s`. */
const MEMBERS: Readonly<Record<string, string>> = {
  apikeys: 'API key',
  apimappings: 'API mapping',
  apis: 'HTTP or WebSocket API',
  basepathmappings: 'base path mapping',
  clientcertificates: 'client certificate',
  domainnames: 'custom domain name',
  portalproducts: 'portal product',
  restapis: 'REST API',
  usageplans: 'usage plan',
  vpclinks: 'VPC link',
};

/** `usage plan`, `stage of every REST API`: the innermost collection's member, then its parents'. */
export function pathWords(collections: readonly string[]): string {
  const members = collections.map((c) => own(MEMBERS, c) ?? c.replace(/s$/, '')).reverse();
  return members.join(' of every ');
}
