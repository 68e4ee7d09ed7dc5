import type { RouteAuthorization } from '../../../model/apigateway.js';
import { own } from '../../../model/own.js';
import { isUnknown, unknown, type Value } from '../../../model/values.js';
import { AUTH_EXTENSION, authExtension, withAuthExtension } from './apigateway-auth-extension.js';
import { type ApiAuth, authorizer, type Decided, decide, isSet, unknownAuth } from './apigateway-sam-auth.js';
import { readDefinition, unseenOperation } from './apigateway-unseen-definition.js';
import type { MapContext } from './context.js';

type Json = Record<string, unknown>;
/** What one security scheme asks of a caller: an authorizer, an API key, or nothing (SAM's `NONE` marker). */
type Requirement = RouteAuthorization | 'API_KEY' | 'NONE';

const ANY_METHOD = 'x-amazon-apigateway-any-method';
const INTEGRATION = 'x-amazon-apigateway-integration';

/**
 * The authorization of an event's route on a SAM API whose OpenAPI definition is written inline (`DefinitionBody`),
 * with what SAM adds to it (samtranslator 1.110):
 * - REST API: SAM adds nothing for the event (neither integration nor, without `OverrideApiAuth`, its Auth): the
 *   route is the definition's operation for that path and method. SAM puts the API's DefaultAuthorizer and
 *   ApiKeyRequired on every operation with an integration whose `security` names no SAM authorizer (nor `NONE`).
 * - HTTP API: SAM adds the event's integration and Auth to the operation; one with `security` of its own keeps it.
 * Operations that inherit a top-level `security`, intrinsics in the way, schemes it cannot classify: Unknown.
 */
export function definitionAuthorization(
  ctx: MapContext,
  api: ApiAuth,
  apiId: string,
  body: unknown,
  route: { path: Value<string>; method: Value<string>; auth: Json | undefined },
): Decided {
  // The definition is JSON to CloudFormation: API Gateway, not the template, judges what is in it.
  return ctx.withinJson(() => authorizationIn(ctx, api, apiId, body, route));
}

function authorizationIn(
  ctx: MapContext,
  api: ApiAuth,
  apiId: string,
  body: unknown,
  route: { path: Value<string>; method: Value<string>; auth: Json | undefined },
): Decided {
  const unknownBoth = (reason: string): Decided => {
    const why = unknown(`${reason} in the OpenAPI definition of API ${apiId}`);
    return { authorization: why, apiKeyRequired: api.kind === 'http' ? undefined : why };
  };
  const { path, method, auth } = route;
  if (isUnknown(path) || isUnknown(method)) return unknownBoth('the route cannot be found');
  // Where the operation cannot be read, what SAM puts on every operation may still decide (REST APIs).
  const unseen = (unread: string): Decided =>
    api.kind === 'rest'
      ? unseenOperation(ctx, api, { method, path, auth }, unread)
      : { authorization: unknown(unread), apiKeyRequired: undefined };
  const doc = readDefinition(ctx, body);
  if (isUnknown(doc)) return unseen(doc.reason);
  if (doc === undefined) return unknownBoth('the definition cannot be read');
  const paths = read(ctx, doc.paths);
  const item = isUnknown(paths) ? paths : read(ctx, own(paths, path));
  if (isUnknown(item))
    return unseen(`path ${path} cannot be read in the OpenAPI definition of API ${apiId} (${item.reason})`);
  // An ANY operation serves the methods the path has no operation of its own for.
  const written = read(ctx, own(item, operationKey(method)) ?? own(item, ANY_METHOD));
  if (isUnknown(written))
    return unseen(
      `${method} ${path} cannot be read in the OpenAPI definition of API ${apiId} (${written.reason})`,
    );
  const inherits = doc.security !== undefined;
  const isOptions = method === 'OPTIONS';

  if (api.kind === 'http') {
    const operation = written;
    // The guide documents the extension with REST examples and does not say whether an HTTP API takes it.
    if (operation?.[AUTH_EXTENSION] !== undefined)
      return unknownBoth(
        `${method} ${path} sets ${AUTH_EXTENSION}, which the API Gateway guide does not say an HTTP API takes`,
      );
    if (operation?.security === undefined) {
      return inherits
        ? unknownBoth(`${method} ${path} inherits the top-level security`)
        : decide(ctx, api, auth, isOptions);
    }
    // SAM puts its default authorizer on an operation whose security is empty as on one without (open_api.py
    // set_path_default_authorizer tests it for truth); without SAM's Auth, an empty list is no authorization.
    if (Array.isArray(operation.security) && operation.security.length === 0)
      return decide(ctx, api, auth, isOptions);
    if (isSet(auth?.Authorizer))
      return unknownBoth(`both the event and ${method} ${path} set the authorizer`);
    return {
      authorization: authorizationOf(ctx, api, doc, operation.security, []),
      apiKeyRequired: undefined,
    };
  }
  // The event makes no route then (apigateway-sam.ts leaves it out); an operation that cannot be read stays here.
  if (written === undefined) return unknownBoth(`there is no ${method} ${path}`);
  const operation = isSet(auth?.OverrideApiAuth)
    ? withEventAuth(ctx, item ?? {}, { method, path }, written, auth ?? {})
    : written;
  if (isUnknown(operation)) return { authorization: operation, apiKeyRequired: operation };
  const defaults = samDefaults(ctx, api, operation, isOptions);
  if (isUnknown(defaults)) return { authorization: defaults, apiKeyRequired: defaults };
  const extension = authExtension(ctx, operation, `${method} ${path}`);
  // What SAM adds is the operation's own security: no top-level one applies to it then.
  if (inherits && operation.security === undefined && defaults.length === 0) {
    const inherited = `${method} ${path} inherits the top-level security`;
    const both = iamBesideInherited(ctx, api, doc, extension, `${method} ${path}`);
    return both === undefined ? unknownBoth(inherited) : { ...unknownBoth(inherited), authorization: both };
  }
  const security = authorizationOf(ctx, api, doc, operation.security, defaults);
  const secured = operation.security !== undefined || defaults.length > 0;
  const authorization =
    extension === undefined
      ? security
      : withAuthExtension(extension, secured ? security : undefined, `${method} ${path}`);
  return { authorization, apiKeyRequired: apiKeyOf(ctx, api, doc, operation.security, defaults) };
}

/**
 * The authorization of a REST operation that inherits the top-level security and sets x-amazon-apigateway-auth to
 * AWS_IAM, where the top-level security authorizes the caller too: the route is authorized whichever of the two API
 * Gateway takes. Undefined otherwise, where what the top-level security makes of it is not known.
 */
function iamBesideInherited(
  ctx: MapContext,
  api: ApiAuth,
  doc: Json,
  extension: Value<RouteAuthorization> | undefined,
  route: string,
): RouteAuthorization | undefined {
  if (extension === undefined || isUnknown(extension) || extension.type === 'NONE') return undefined;
  const top = authorizationOf(ctx, api, doc, doc.security, []);
  if (isUnknown(top) || top.type === 'NONE') return undefined;
  const both = withAuthExtension(extension, top, route);
  return isUnknown(both) ? undefined : both;
}

/**
 * The operation as SAM leaves it after writing an event's Auth into it, which it does on a definition it does not
 * make only with `OverrideApiAuth` (push.py add_auth_to_swagger, swagger.py add_auth_to_method): the event's
 * Authorizer is appended to the operation's own security (when it has an integration), and its ApiKeyRequired as
 * `api_key` / `api_key_false`. SAM rejects the template when the path has no operation of that very method.
 */
function withEventAuth(
  ctx: MapContext,
  item: Json,
  route: { method: string; path: string },
  operation: Json,
  auth: Json,
): Value<Json> {
  if (own(item, operationKey(route.method)) === undefined)
    return unknown(
      `SAM rejects OverrideApiAuth for ${route.method} ${route.path}: the definition has no such operation`,
    );
  const security = requirementsOf(operation.security);
  if (isUnknown(security)) return security;
  const named = ctx.string(auth.Authorizer);
  if (isUnknown(named)) return unknownAuth("the event's Auth.Authorizer", named);
  const keyRequired = ctx.boolean(auth.ApiKeyRequired);
  if (isUnknown(keyRequired)) return unknownAuth("the event's Auth.ApiKeyRequired", keyRequired);
  const added: Json[] = [];
  if (named && operation[INTEGRATION] !== undefined) added.push({ [named]: [] });
  if (keyRequired !== undefined) added.push({ [keyRequired ? 'api_key' : 'api_key_false']: [] });
  return added.length === 0 ? operation : { ...operation, security: [...security, ...added] };
}

/**
 * Whether an inline definition certainly has no operation for `method path` (nor an ANY operation there): read
 * without doubt, and nothing found. False whenever something in the way cannot be read.
 */
export function lacksOperation(ctx: MapContext, body: unknown, path: string, method: string): boolean {
  return ctx.withinJson(() => {
    const doc = readDefinition(ctx, body);
    if (doc === undefined || isUnknown(doc)) return false;
    const paths = read(ctx, doc.paths);
    if (isUnknown(paths)) return false;
    const item = read(ctx, own(paths, path));
    if (item === undefined) return true;
    if (isUnknown(item)) return false;
    return own(item, operationKey(method)) === undefined && own(item, ANY_METHOD) === undefined;
  });
}

function operationKey(method: string): string {
  return method === 'ANY' ? ANY_METHOD : method.toLowerCase();
}

function read(ctx: MapContext, raw: unknown): Value<Json | undefined> {
  return ctx.object(raw);
}

/** The security requirements SAM adds to a REST operation: the API's default authorizer and API key. */
function samDefaults(ctx: MapContext, api: ApiAuth, operation: Json, isOptions: boolean): Value<Json[]> {
  if (operation[INTEGRATION] === undefined) return [];
  const security = requirementsOf(operation.security);
  if (isUnknown(security)) return security;
  const names = security.flatMap((entry) => Object.keys(entry));
  const added: Json[] = [];
  const samNames = isUnknown(api.authorizers)
    ? api.authorizers
    : ['AWS_IAM', ...Object.keys(api.authorizers ?? {})];
  if (isUnknown(samNames)) return samNames;
  const preflight = (key: string) => (isOptions ? api.setting(key, (raw) => ctx.boolean(raw)) : true);
  const defaultName = api.setting('DefaultAuthorizer', (raw) => ctx.string(raw));
  if (isUnknown(defaultName)) return unknownAuth("the API's DefaultAuthorizer", defaultName);
  const authPreflight = preflight('AddDefaultAuthorizerToCorsPreflight');
  if (isUnknown(authPreflight)) return unknownAuth('AddDefaultAuthorizerToCorsPreflight', authPreflight);
  if (
    defaultName &&
    authPreflight !== false &&
    !names.includes('NONE') &&
    !names.some((n) => samNames.includes(n))
  )
    added.push({ [defaultName]: [] });
  const keyRequired = api.setting('ApiKeyRequired', (raw) => ctx.boolean(raw));
  if (isUnknown(keyRequired)) return unknownAuth("the API's Auth.ApiKeyRequired", keyRequired);
  const keyPreflight = preflight('AddApiKeyRequiredToCorsPreflight');
  if (isUnknown(keyPreflight)) return unknownAuth('AddApiKeyRequiredToCorsPreflight', keyPreflight);
  if (
    keyRequired === true &&
    keyPreflight !== false &&
    !names.includes('api_key_false') &&
    !names.includes('api_key')
  )
    added.push({ api_key: [] });
  return added;
}

/** An operation's `security`: a list of requirement objects (alternatives), each naming schemes that all apply. */
function requirementsOf(raw: unknown): Value<Json[]> {
  if (raw === undefined) return [];
  if (
    !Array.isArray(raw) ||
    !raw.every((entry) => entry !== null && typeof entry === 'object' && !Array.isArray(entry))
  )
    return unknown('security is not a list of requirements');
  return raw as Json[];
}

/** The operation's own security requirements, then those SAM adds. */
function merged(raw: unknown, defaults: readonly Json[]): Value<Json[]> {
  const own = requirementsOf(raw);
  if (isUnknown(own)) return own;
  return defaults.length === 0 ? own : [...own, ...defaults];
}

function authorizationOf(
  ctx: MapContext,
  api: ApiAuth,
  doc: Json,
  raw: unknown,
  defaults: readonly Json[],
): Value<RouteAuthorization> {
  const requirements = merged(raw, defaults);
  if (isUnknown(requirements)) return requirements;
  const found: RouteAuthorization[] = [];
  for (const name of requirements.flatMap((entry) => Object.keys(entry))) {
    const requirement = classify(ctx, api, doc, name);
    if (isUnknown(requirement)) return requirement;
    if (requirement !== 'API_KEY' && requirement !== 'NONE') found.push(requirement);
  }
  // API Gateway takes one authorizer per operation; every one of them authenticates the caller.
  return found[0] ?? { type: 'NONE' };
}

function apiKeyOf(
  ctx: MapContext,
  api: ApiAuth,
  doc: Json,
  raw: unknown,
  defaults: readonly Json[],
): Value<boolean> {
  const requirements = merged(raw, defaults);
  if (isUnknown(requirements)) return requirements;
  for (const name of requirements.flatMap((entry) => Object.keys(entry))) {
    const requirement = classify(ctx, api, doc, name);
    if (isUnknown(requirement)) return requirement;
    if (requirement === 'API_KEY') return true;
  }
  return false;
}

/** What a security scheme named in a requirement asks for: SAM's own names first, then the definition's schemes. */
function classify(ctx: MapContext, api: ApiAuth, doc: Json, name: string): Value<Requirement> {
  if (name === 'NONE' || name === 'api_key_false') return 'NONE';
  if (name === 'api_key' && api.kind === 'rest') return 'API_KEY';
  const authorizers = api.authorizers;
  if (!isUnknown(authorizers) && own(authorizers, name) !== undefined)
    return authorizer(ctx, api, name, undefined, undefined);
  if (name === 'AWS_IAM') return { type: 'AWS_IAM' };
  const schemes = read(ctx, doc.securityDefinitions ?? componentSchemes(ctx, doc));
  const scheme = isUnknown(schemes) ? schemes : read(ctx, own(schemes, name));
  if (isUnknown(scheme)) return unknown(`security scheme ${name} cannot be read (${scheme.reason})`);
  if (scheme === undefined) return unknown(`security scheme ${name} is not defined`);
  const authType = lower(scheme['x-amazon-apigateway-authtype']);
  const authorizerType = lower(asJson(read(ctx, scheme['x-amazon-apigateway-authorizer']))?.type);
  if (authType === 'awssigv4') return { type: 'AWS_IAM', authorizer: name };
  if (authorizerType === 'jwt') return { type: 'JWT', authorizer: name };
  if (authType === 'cognito_user_pools' || authorizerType === 'cognito_user_pools')
    return { type: 'COGNITO_USER_POOLS', authorizer: name };
  if (authType === 'custom' || authorizerType === 'token' || authorizerType === 'request')
    return { type: 'CUSTOM', authorizer: name };
  if (authType === undefined && scheme.type === 'apiKey' && lower(scheme.name) === 'x-api-key')
    return 'API_KEY';
  return unknown(`security scheme ${name} is not one Parapet can tell the kind of`);
}

/** OpenAPI 3 keeps its schemes under `components.securitySchemes` (Swagger 2 under `securityDefinitions`). */
function componentSchemes(ctx: MapContext, doc: Json): unknown {
  const components = read(ctx, doc.components);
  return isUnknown(components) ? components : components?.securitySchemes;
}

function asJson(value: Value<Json | undefined>): Json | undefined {
  return isUnknown(value) ? undefined : value;
}

function lower(raw: unknown): string | undefined {
  return typeof raw === 'string' ? raw.toLowerCase() : undefined;
}
