import type { ApiRoute } from '../../../model/apigateway.js';
import type { PolicyDocument } from '../../../model/iam.js';
import type { Reference } from '../../../model/lambda.js';
import { isUnknown, unknown, type Value } from '../../../model/values.js';
import { apiDefinitionFromFile } from '../api-definition-files.js';
import { definitionAuthorization, lacksOperation } from './apigateway-openapi.js';
import { samResourcePolicy } from './apigateway-policy.js';
import { ApiAuth, type Decided, decide, isSet, unknownAuth } from './apigateway-sam-auth.js';
import { declaration, normalizeMethod, restEndpoint, type TemplateResources } from './apigateway-shared.js';
import type { MapContext } from './context.js';
import type { Mapper } from './types.js';

/**
 * The route of a SAM Api / HttpApi event: the `Parapet::ApiGateway::Route` the SAM expansion adds for it (see
 * sam/events/route.ts), on the API it names, whose Properties (Globals merged, implicit APIs included) the expanded
 * template holds. Its authorization follows SAM's rules (apigateway-sam-auth.ts), or the API's own OpenAPI
 * definition where it has one (apigateway-openapi.ts).
 */
export function samRoute(resources: TemplateResources): Mapper {
  return (ctx, base, p): ApiRoute | undefined => {
    const apiKind = p.ApiKind === 'http' ? 'http' : 'rest';
    const api = ctx.reference(p.ApiId) ?? unknown('the event names no API');
    const path = ctx.string(p.Path) ?? unknown('the event has no Path');
    const method = normalizeMethod(ctx.string(p.Method), 'the event has no Method');
    const apiProps = apiProperties(ctx, resources, api, apiKind);
    if (!isUnknown(apiProps) && makesNoRoute(ctx, apiProps, apiKind, path, method)) return undefined;
    const auth = ctx.object(p.Auth);
    let decided: Decided;
    if (isUnknown(apiProps)) decided = { authorization: apiProps, apiKeyRequired: apiProps };
    else if (isUnknown(auth))
      decided = { authorization: unknownAuth('Auth', auth), apiKeyRequired: unknownAuth('Auth', auth) };
    else
      decided = authorizationOn(ctx, new ApiAuth(ctx, apiProps, apiKind), api as string, apiProps, {
        path,
        method,
        auth,
      });
    // SAM writes an event's own Auth (its ResourcePolicy too) only into a definition it makes or merges, or into
    // the API's own DefinitionBody when the event says OverrideApiAuth (push.py Api.to_cloudformation).
    const overrides = apiKind === 'rest' && !isUnknown(auth) && isSet(auth?.OverrideApiAuth);
    const eventAuthApplies =
      !isUnknown(apiProps) &&
      ((!given(ctx, apiProps, 'DefinitionBody') && !given(ctx, apiProps, 'DefinitionUri')) ||
        given(ctx, apiProps, 'MergeDefinitions') ||
        (overrides && given(ctx, apiProps, 'DefinitionBody')));
    const policy =
      apiKind === 'rest' && !isUnknown(apiProps)
        ? resourcePolicyOf(ctx, apiProps, eventAuthApplies ? auth : undefined)
        : undefined;
    const endpoint =
      apiKind === 'http'
        ? undefined
        : isUnknown(apiProps)
          ? { type: apiProps, ipAddressType: apiProps }
          : restEndpoint(ctx, apiProps);
    return {
      kind: 'apigateway.route',
      api,
      apiKind,
      path,
      method,
      functionRef: ctx.reference(p.FunctionName) ?? unknown('no function'),
      ...decided,
      endpointType: endpoint === undefined ? 'REGIONAL' : endpoint.type,
      ...(endpoint === undefined ? {} : { ipAddressType: endpoint.ipAddressType }),
      ...(policy === undefined ? {} : { resourcePolicy: policy }),
      ...base,
    };
  };
}

/** The resource policy SAM writes for the route: the API's `Auth.ResourcePolicy` (Globals merged) and the event's. */
export function resourcePolicyOf(
  ctx: MapContext,
  apiProps: Record<string, unknown>,
  eventAuth: Value<Record<string, unknown> | undefined>,
): Value<PolicyDocument> | undefined {
  const apiAuth = ctx.object(apiProps.Auth);
  if (isUnknown(apiAuth)) return unknownAuth("the API's Auth", apiAuth);
  if (isUnknown(eventAuth)) return unknownAuth("the event's Auth", eventAuth);
  const entries = [apiAuth, eventAuth].flatMap((auth) =>
    auth === undefined ? [] : [{ raw: auth.ResourcePolicy, where: ctx.source(auth, 'ResourcePolicy') }],
  );
  return samResourcePolicy(ctx, entries);
}

/** The Properties of the SAM API a route is on. */
function apiProperties(
  ctx: MapContext,
  resources: TemplateResources,
  api: Reference,
  kind: 'rest' | 'http',
): Value<Record<string, unknown>> {
  if (isUnknown(api)) return unknown(`the API is not known before deploy (${api.reason})`);
  const decl = declaration(ctx, resources, api);
  if (!decl) return unknown(`API ${api} is not in this template`);
  const samType = kind === 'rest' ? 'AWS::Serverless::Api' : 'AWS::Serverless::HttpApi';
  if (decl.type !== samType)
    return unknown(`${api} is not an ${samType}: its methods decide the authorization`);
  if (isUnknown(decl.props)) return unknown(`the properties of API ${api} are not known before deploy`);
  return decl.props;
}

/** A SAM property given in SAM's sense (its translator reads false, null and absent alike). */
export function given(ctx: MapContext, props: Record<string, unknown>, key: string): boolean {
  const value = ctx.resolver.shallow(props[key]);
  return value !== undefined && value !== null && value !== false;
}

/**
 * Whether an event adds no route: SAM writes an Api event into its API's definition only when SAM generates that
 * definition or `MergeDefinitions` is set (samtranslator eventsources/push.py, Api.to_cloudformation:
 * `__MANAGE_SWAGGER or MergeDefinitions`); the SAM docs ask that "the path and method values must correspond to an
 * operation in the OpenAPI definition of the API". So an event whose operation an inline definition lacks only
 * grants API Gateway the right to invoke the function: no request reaches it through that path and method.
 */
function makesNoRoute(
  ctx: MapContext,
  props: Record<string, unknown>,
  kind: 'rest' | 'http',
  path: Value<string>,
  method: Value<string>,
): boolean {
  if (isUnknown(path) || isUnknown(method)) return false;
  // SAM neither reads nor adds to a definition in a file (DefinitionUri), of a REST or an HTTP API: where Parapet
  // read it, an operation it lacks is not there. SAM adds an HTTP event's operation to a DefinitionBody.
  const file = apiDefinitionFromFile(props.DefinitionUri);
  if (file !== undefined) return lacksOperation(ctx, file, path, method);
  if (kind === 'http') return false;
  if (!given(ctx, props, 'DefinitionBody') || given(ctx, props, 'DefinitionUri')) return false;
  if (given(ctx, props, 'MergeDefinitions')) return false;
  return lacksOperation(ctx, props.DefinitionBody, path, method);
}

/**
 * The route's authorization from its event and the API's Auth, or, where the API has an OpenAPI definition of its
 * own, from that definition: read when written inline, Unknown in a file (`DefinitionUri`) or merged with what SAM
 * generates (`MergeDefinitions`).
 */
function authorizationOn(
  ctx: MapContext,
  api: ApiAuth,
  apiId: string,
  props: Record<string, unknown>,
  route: Parameters<typeof definitionAuthorization>[4],
): Decided {
  const outside = (reason: string): Decided => {
    const why = unknown(`API ${apiId} takes its routes and their authorization from ${reason}`);
    return { authorization: why, apiKeyRequired: api.kind === 'http' ? undefined : why };
  };
  if (given(ctx, props, 'DefinitionUri')) {
    const file = apiDefinitionFromFile(props.DefinitionUri);
    if (file === undefined) return outside('an OpenAPI definition outside the template (DefinitionUri)');
    return fileAuthorization(ctx, api.kind, apiId, file, route);
  }
  if (!given(ctx, props, 'DefinitionBody')) return decide(ctx, api, route.auth, route.method === 'OPTIONS');
  if (api.kind === 'rest' && given(ctx, props, 'MergeDefinitions'))
    return outside('its OpenAPI definition merged with the routes SAM generates (MergeDefinitions)');
  return definitionAuthorization(ctx, api, apiId, props.DefinitionBody, route);
}

/**
 * The authorization of an event's route on a SAM API whose OpenAPI definition is a local file (DefinitionUri) Parapet
 * read: the file's operation, as API Gateway imports it. SAM edits only a DefinitionBody (its Auth needs one,
 * samtranslator api_generator `_add_auth`: "Auth works only with inline Swagger specified in 'DefinitionBody'
 * property"), so neither the API's Auth nor the event's is added; an event that asks SAM to write its own (a REST
 * event's OverrideApiAuth, an HTTP event's Authorizer) is Unknown, what SAM makes of it not being documented.
 */
function fileAuthorization(
  ctx: MapContext,
  kind: 'rest' | 'http',
  apiId: string,
  file: Record<string, unknown>,
  route: Parameters<typeof definitionAuthorization>[4],
): Decided {
  const asks = kind === 'rest' ? isSet(route.auth?.OverrideApiAuth) : isSet(route.auth?.Authorizer);
  if (asks) {
    const why = unknown(
      `the event asks SAM to write its Auth into the OpenAPI definition of API ${apiId}, which is a file ` +
        '(DefinitionUri) SAM does not edit',
    );
    return { authorization: why, apiKeyRequired: kind === 'http' ? undefined : why };
  }
  return definitionAuthorization(ctx, new ApiAuth(ctx, {}, kind), apiId, file, { ...route, auth: undefined });
}
