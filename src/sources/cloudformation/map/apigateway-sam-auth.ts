import type { ApiRoute, RouteAuthorization } from '../../../model/apigateway.js';
import { own } from '../../../model/own.js';
import type { SourceRef } from '../../../model/source.js';
import { isUnknown, type Unknown, unknown, type Value } from '../../../model/values.js';
import type { MapContext } from './context.js';

/**
 * SAM's rules for the authorization of an Api / HttpApi event's route (samtranslator 1.110: eventsources/push.py
 * Api and HttpApi, swagger/swagger.py, open_api/open_api.py, api/api_generator.py, api/http_api_generator.py):
 *
 * - the event's `Auth.Authorizer` (`NONE`, `AWS_IAM` or a name under the API's `Auth.Authorizers`), else the
 *   API's `Auth.DefaultAuthorizer` (the API's own Auth, merged with `Globals.Api` / `Globals.HttpApi`), else none;
 *   a REST API leaves the default off OPTIONS when `AddDefaultAuthorizerToCorsPreflight` is false, an HTTP API
 *   puts it on OPTIONS only when the event has an Auth section;
 * - a named authorizer is `COGNITO_USER_POOLS` with a `UserPoolArn`, else a Lambda authorizer (`CUSTOM`, `TOKEN`
 *   unless `FunctionPayloadType: REQUEST`); on an HTTP API `JWT` with a `JwtConfiguration`, else `CUSTOM`, and
 *   `AWS_IAM` needs `EnableIamAuthorizer`;
 * - REST API keys: the event's `Auth.ApiKeyRequired`, else the API's (off OPTIONS when
 *   `AddApiKeyRequiredToCorsPreflight` is false); HTTP APIs have no API keys.
 */

export type Decided = Pick<ApiRoute, 'authorization' | 'apiKeyRequired'>;

export function unknownAuth(what: string, value: Unknown): Unknown {
  return unknown(`${what} is not known before deploy (${value.reason})`);
}

/** The API's `Auth` section as SAM reads it. */
export class ApiAuth {
  readonly auth: Value<Record<string, unknown> | undefined>;
  readonly authorizers: Value<Record<string, unknown> | undefined>;

  constructor(
    readonly ctx: MapContext,
    props: Record<string, unknown>,
    readonly kind: 'rest' | 'http',
  ) {
    this.auth = ctx.object(props.Auth);
    this.authorizers = isUnknown(this.auth) ? this.auth : ctx.object(this.auth?.Authorizers);
  }

  /** A setting of `Auth`, read with `read`; absent when the API has no Auth. */
  setting<T>(key: string, read: (raw: unknown) => Value<T | undefined>): Value<T | undefined> {
    if (isUnknown(this.auth)) return unknownAuth("the API's Auth", this.auth);
    return this.auth === undefined ? undefined : read(this.auth[key]);
  }

  where(key: string): SourceRef | undefined {
    return this.auth === undefined || isUnknown(this.auth) ? undefined : this.ctx.source(this.auth, key);
  }
}

export function decide(
  ctx: MapContext,
  api: ApiAuth,
  auth: Record<string, unknown> | undefined,
  isOptions: boolean,
): Decided {
  return {
    authorization: authorization(ctx, api, auth, isOptions),
    apiKeyRequired: api.kind === 'http' ? undefined : apiKeyRequired(ctx, api, auth, isOptions),
  };
}

function authorization(
  ctx: MapContext,
  api: ApiAuth,
  auth: Record<string, unknown> | undefined,
  isOptions: boolean,
): Value<RouteAuthorization> {
  const named = ctx.string(auth?.Authorizer);
  if (isUnknown(named)) return unknownAuth("the event's Auth.Authorizer", named);
  // SAM reads any false-like Authorizer as not given.
  if (named) return authorizer(ctx, api, named, auth, auth ? ctx.source(auth, 'Authorizer') : undefined);
  const applies = defaultApplies(ctx, api, auth, isOptions);
  if (isUnknown(applies)) return applies;
  const name = applies ? api.setting('DefaultAuthorizer', (raw) => ctx.string(raw)) : undefined;
  if (isUnknown(name)) return unknownAuth("the API's DefaultAuthorizer", name);
  if (!name) return { type: 'NONE' };
  return authorizer(ctx, api, name, auth, api.where('DefaultAuthorizer'));
}

/**
 * Whether the API's DefaultAuthorizer covers a route whose event names no authorizer: always but on OPTIONS, where
 * a REST API adds it unless `AddDefaultAuthorizerToCorsPreflight` is false and an HTTP API only when the event has
 * an Auth section.
 */
function defaultApplies(
  ctx: MapContext,
  api: ApiAuth,
  auth: Record<string, unknown> | undefined,
  isOptions: boolean,
): Value<boolean> {
  if (!isOptions) return true;
  if (api.kind === 'http') return isSet(auth);
  const preflight = api.setting('AddDefaultAuthorizerToCorsPreflight', (raw) => ctx.boolean(raw));
  if (isUnknown(preflight)) return unknownAuth('AddDefaultAuthorizerToCorsPreflight', preflight);
  return preflight !== false;
}

export function authorizer(
  ctx: MapContext,
  api: ApiAuth,
  name: string,
  auth: Record<string, unknown> | undefined,
  source: SourceRef | undefined,
): Value<RouteAuthorization> {
  const where = source ? { source } : {};
  if (name === 'NONE') return { type: 'NONE', ...where };
  const authorizers = api.authorizers;
  if (isUnknown(authorizers)) return unknownAuth("the API's Auth.Authorizers", authorizers);
  const definition = ctx.object(own(authorizers, name));
  if (isUnknown(definition)) return unknownAuth(`authorizer ${name}`, definition);
  if (definition === undefined) return builtIn(ctx, api, name, auth, where);
  if (api.kind === 'http') {
    return { type: isSet(definition.JwtConfiguration) ? 'JWT' : 'CUSTOM', authorizer: name, ...where };
  }
  if (isSet(definition.UserPoolArn)) return { type: 'COGNITO_USER_POOLS', authorizer: name, ...where };
  const payload = ctx.string(definition.FunctionPayloadType) ?? 'TOKEN';
  return {
    type: 'CUSTOM',
    authorizer: name,
    ...(isUnknown(payload) ? {} : { payloadType: payload }),
    ...where,
  };
}

/** `AWS_IAM`, which needs no definition on a REST API and `EnableIamAuthorizer` on an HTTP API. */
function builtIn(
  ctx: MapContext,
  api: ApiAuth,
  name: string,
  auth: Record<string, unknown> | undefined,
  where: { source?: SourceRef },
): Value<RouteAuthorization> {
  const undefinedAuthorizer = unknown(
    `authorizer ${name} is not defined under the API's Auth.Authorizers (SAM rejects the template)`,
  );
  if (name !== 'AWS_IAM') return undefinedAuthorizer;
  if (api.kind === 'http') {
    const enabled = api.setting('EnableIamAuthorizer', (raw) => ctx.boolean(raw));
    if (isUnknown(enabled)) return unknownAuth('EnableIamAuthorizer', enabled);
    return enabled === true ? { type: 'AWS_IAM', ...where } : undefinedAuthorizer;
  }
  return { type: 'AWS_IAM', invokeRole: invokeRole(ctx, api, auth), ...where };
}

/**
 * The credentials SAM gives the integration of an `AWS_IAM` route: the event's InvokeRole, else the API's, else the
 * caller's (`CALLER_CREDENTIALS`); `NONE` (the function's resource policy decides) when the authorizer came from the
 * API's default but the event has an Auth section of its own, where SAM writes no credentials.
 */
function invokeRole(ctx: MapContext, api: ApiAuth, auth: Record<string, unknown> | undefined): Value<string> {
  const fromEvent = auth !== undefined && ctx.string(auth.Authorizer) === 'AWS_IAM';
  if (!fromEvent && auth !== undefined && Object.keys(auth).length > 0) return 'NONE';
  const role =
    (fromEvent ? ctx.string(auth?.InvokeRole) : undefined) ??
    api.setting('InvokeRole', (raw) => ctx.string(raw));
  return role ?? 'CALLER_CREDENTIALS';
}

function apiKeyRequired(
  ctx: MapContext,
  api: ApiAuth,
  auth: Record<string, unknown> | undefined,
  isOptions: boolean,
): Value<boolean> {
  const own = ctx.boolean(auth?.ApiKeyRequired);
  if (isUnknown(own)) return unknownAuth("the event's Auth.ApiKeyRequired", own);
  if (own !== undefined) return own;
  const byDefault = api.setting('ApiKeyRequired', (raw) => ctx.boolean(raw));
  if (isUnknown(byDefault)) return unknownAuth("the API's Auth.ApiKeyRequired", byDefault);
  if (byDefault !== true) return false;
  if (!isOptions) return true;
  const preflight = api.setting('AddApiKeyRequiredToCorsPreflight', (raw) => ctx.boolean(raw));
  if (isUnknown(preflight)) return unknownAuth('AddApiKeyRequiredToCorsPreflight', preflight);
  return preflight !== false;
}

/** Present in SAM's sense: not absent, null, false, empty. */
export function isSet(raw: unknown): boolean {
  if (raw === undefined || raw === null || raw === false || raw === '') return false;
  if (typeof raw === 'object') return Object.keys(raw).length > 0;
  return true;
}
