import type { ApiRoute } from '../../../model/apigateway.js';
import type { Resource } from '../../../model/index.js';
import type { Reference } from '../../../model/lambda.js';
import { isUnknown, placeholderOf, unknown, type Value } from '../../../model/values.js';
import { mentionsResource } from '../cycles.js';
import { asRecord, ResourceRef } from '../intrinsic-values.js';
import type { Aside } from '../intrinsics.js';
import { NESTING_TYPES } from '../nested-stack-parameters.js';
import { definitionMappers } from './apigateway-definition.js';
import { restApiPolicy } from './apigateway-policy.js';
import { quickCreateRoute } from './apigateway-quick-create.js';
import { samRoute } from './apigateway-sam.js';
import {
  authorizationOf,
  declaration,
  integrationFunction,
  normalizeMethod,
  proxiedFunction,
  type RestEndpoint,
  restEndpoint,
  splitRouteKey,
  type TemplateResources,
} from './apigateway-shared.js';
import { deploysNoStage, stageWebAcls } from './apigateway-stages.js';
import type { MapContext } from './context.js';
import type { Mapper } from './types.js';

/** `AWS::ApiGateway::Method` whose integration invokes a Lambda function. */
function restMethod(resources: TemplateResources): Mapper {
  return (ctx, base, p): ApiRoute | undefined => {
    const integration = ctx.object(p.Integration);
    if (integration === undefined || isUnknown(integration)) return undefined;
    const type = ctx.string(integration.Type);
    // AWS_PROXY is the Lambda proxy integration; AWS is any AWS service, Lambda when its URI says so.
    const functionRef =
      type === 'AWS_PROXY'
        ? proxiedFunction(ctx, integration.Uri, resources)
        : type === 'AWS'
          ? integrationFunction(ctx, integration.Uri, resources)
          : undefined;
    if (functionRef === undefined) return undefined;
    const api = ctx.reference(p.RestApiId) ?? unknown('no RestApiId');
    const apiDecl = isUnknown(api) ? undefined : declaration(ctx, resources, api);
    const policy =
      apiDecl?.type === 'AWS::ApiGateway::RestApi' && !isUnknown(apiDecl.props)
        ? restApiPolicy(ctx, apiDecl.props)
        : undefined;
    const endpoint = restApiEndpoint(ctx, resources, api);
    return {
      kind: 'apigateway.route',
      api,
      apiKind: 'rest',
      path: restPath(ctx, resources, p.ResourceId, 0),
      method: normalizeMethod(ctx.string(p.HttpMethod), 'no HttpMethod'),
      functionRef,
      authorization: authorizationOf(ctx, p),
      apiKeyRequired: ctx.boolean(p.ApiKeyRequired) ?? false,
      endpointType: endpoint.type,
      ipAddressType: endpoint.ipAddressType,
      ...(policy === undefined ? {} : { resourcePolicy: policy }),
      ...base,
    };
  };
}

/** The path of an `AWS::ApiGateway::Resource`, its PathPart after its parents', up to the API's root. */
function restPath(ctx: MapContext, resources: TemplateResources, raw: unknown, depth: number): Value<string> {
  const value = ctx.resolver.value(raw);
  if (!(value instanceof ResourceRef) || depth > 50)
    return unknown(
      'the resource path is not in this template',
      isUnknown(value) ? value.template : undefined,
    );
  const decl = declaration(ctx, resources, value.logicalId);
  if (decl?.type === 'AWS::ApiGateway::RestApi' || decl?.type === 'AWS::Serverless::Api') return '/';
  if (decl?.type !== 'AWS::ApiGateway::Resource' || isUnknown(decl.props))
    return unknown(`${value.logicalId} is not an API Gateway resource path in this template`);
  const part = ctx.string(decl.props.PathPart) ?? unknown('no PathPart');
  const parent = restPath(ctx, resources, decl.props.ParentId, depth + 1);
  const shape = (v: Value<string>) => (isUnknown(v) ? placeholderOf(v) : v);
  const path = `${shape(parent).replace(/\/$/, '')}/${shape(part)}`;
  if (isUnknown(part)) return unknown(part.reason, path);
  if (isUnknown(parent)) return unknown(parent.reason, path);
  return path;
}

/** The endpoint of the REST API a method belongs to, Unknown where the API is not in this template. */
function restApiEndpoint(ctx: MapContext, resources: TemplateResources, api: Reference): RestEndpoint {
  const notKnown = (reason: string) => ({ type: unknown(reason), ipAddressType: unknown(reason) });
  if (isUnknown(api)) return notKnown(`the API is not known before deploy (${api.reason})`);
  const decl = declaration(ctx, resources, api);
  if (!decl) return notKnown(`API ${api} is not in this template`);
  if (isUnknown(decl.props)) return notKnown(`the properties of API ${api} are not known before deploy`);
  return restEndpoint(ctx, decl.props);
}

/**
 * `AWS::ApiGatewayV2::Route` whose integration invokes a Lambda function: any route of an HTTP API, and the `$connect`
 * route of a WebSocket API. API Gateway authorizes a WebSocket connection once, on `$connect` (IAM or a Lambda
 * REQUEST authorizer, and an API key where the route requires one); its other routes take no authorization, so
 * they are not routes this model checks. A `$connect` whose own integration is not Lambda (a mock, an AWS service)
 * is still mapped when the API's other routes invoke functions: it is what lets callers reach them (API Gateway
 * Developer Guide, "Control access to WebSocket APIs": a Lambda authorizer only on `$connect`).
 */
function httpRoute(resources: TemplateResources): Mapper {
  // Which route of a WebSocket API without `$connect` stands for it, by API: asked by each of its routes, worked out once
  // (each asking reads every route of the template). One mapper serves one template's mapping, under one context.
  const standIns = new Map<string, StandIn | undefined>();
  const standInOf = (ctx: MapContext, api: string) => {
    if (!standIns.has(api)) standIns.set(api, firstRouteWithoutConnect(ctx, resources, api));
    return standIns.get(api);
  };
  return (ctx, base, p): ApiRoute | undefined => {
    const api = ctx.reference(p.ApiId) ?? unknown('no ApiId');
    const key = ctx.string(p.RouteKey) ?? unknown('no RouteKey');
    // Only WebSocket APIs have a `$connect` route (HTTP route keys are `$default` or `METHOD /path`). A WebSocket
    // route whose key cannot be read is left out: whether it is `$connect` is not known.
    const webSocket = key === CONNECT || (typeof api === 'string' && isWebSocketApi(ctx, resources, api));
    // Without a $connect route, the API's first route that invokes a function stands for it: nothing authorizes.
    const standIn = webSocket && key !== CONNECT && typeof api === 'string' ? standInOf(ctx, api) : undefined;
    const noConnect = standIn?.id === base.id;
    if (webSocket && key !== CONNECT && !noConnect) return undefined;
    const functionRef = noConnect ? undefined : routeFunction(ctx, resources, p.Target);
    const { messages: messageFunctions, disconnect: disconnectFunctions } =
      webSocket && typeof api === 'string'
        ? webSocketRouteFunctions(ctx, resources, api)
        : NO_ROUTE_FUNCTIONS;
    if (functionRef === undefined && messageFunctions.length + disconnectFunctions.length === 0)
      return undefined;
    const [method, path] = webSocket ? ['GET', CONNECT] : splitRouteKey(key);
    return {
      kind: 'apigateway.route',
      api,
      apiKind: webSocket ? 'websocket' : 'http',
      path,
      method,
      ...(functionRef === undefined ? {} : { functionRef }),
      ...(messageFunctions.length === 0 ? {} : { messageFunctions }),
      ...(disconnectFunctions.length === 0 ? {} : { disconnectFunctions }),
      ...(noConnect ? { noConnectRoute: true } : {}),
      ...(noConnect && standIn.idLeavesThrough.length > 0
        ? { idLeavesThrough: standIn.idLeavesThrough }
        : {}),
      authorization: noConnect ? { type: 'NONE' } : authorizationOf(ctx, p),
      apiKeyRequired: noConnect ? false : webSocket ? (ctx.boolean(p.ApiKeyRequired) ?? false) : undefined,
      endpointType: 'REGIONAL',
      ...base,
    };
  };
}

/** The route a WebSocket connection opens with (an HTTP GET that upgrades to a WebSocket). */
const CONNECT = '$connect';

function isWebSocketApi(ctx: MapContext, resources: TemplateResources, api: string): boolean {
  const decl = declaration(ctx, resources, api);
  if (!decl || isUnknown(decl.props)) return false;
  return ctx.string(decl.props.ProtocolType) === 'WEBSOCKET';
}

const NO_ROUTE_FUNCTIONS = { messages: [], disconnect: [] } as const;

/** The `AWS::ApiGatewayV2::Route` declarations of API `api` in this template, as [logical id, properties]. */
function routesOf(
  ctx: MapContext,
  resources: TemplateResources,
  api: string,
): [string, Record<string, unknown>][] {
  return Object.keys(resources).flatMap((id): [string, Record<string, unknown>][] => {
    const decl = declaration(ctx, resources, id);
    if (decl?.type !== 'AWS::ApiGatewayV2::Route' || isUnknown(decl.props)) return [];
    return ctx.reference(decl.props.ApiId) === api ? [[id, decl.props]] : [];
  });
}

/**
 * The functions the routes of WebSocket API `api` other than `$connect` invoke, as this template declares them: those
 * of messages, and those of `$disconnect`, which API Gateway calls when a client or the server ends the connection.
 * Read as another resource's values (withinJson): a value of theirs that is not valid is reported where they are mapped.
 */
function webSocketRouteFunctions(
  ctx: MapContext,
  resources: TemplateResources,
  api: string,
): { readonly messages: Reference[]; readonly disconnect: Reference[] } {
  return ctx.withinJson(() => {
    const messages: Reference[] = [];
    const disconnect: Reference[] = [];
    for (const [, props] of routesOf(ctx, resources, api)) {
      const key = ctx.string(props.RouteKey);
      if (key === CONNECT) continue;
      const fn = routeFunction(ctx, resources, props.Target);
      if (fn !== undefined) (key === DISCONNECT ? disconnect : messages).push(fn);
    }
    return { messages, disconnect };
  });
}

/** The route that stands for a WebSocket API without `$connect`, and how the API's id leaves its template. */
interface StandIn {
  readonly id: string;
  readonly idLeavesThrough: readonly string[];
}

/**
 * The first route of WebSocket API `api` that invokes a function, where the template declares no `$connect` route for
 * it (one whose key is not known may be it: then undefined).
 */
function firstRouteWithoutConnect(
  ctx: MapContext,
  resources: TemplateResources,
  api: string,
): StandIn | undefined {
  return ctx.withinJson(() => {
    const routes = routesOf(ctx, resources, api);
    const keys = routes.map(([, props]) => ctx.string(props.RouteKey));
    if (keys.some((key) => key === CONNECT || key === undefined || isUnknown(key))) return undefined;
    const id = routes.find(([, props]) => routeFunction(ctx, resources, props.Target) !== undefined)?.[0];
    return id === undefined ? undefined : { id, idLeavesThrough: whereIdLeaves(ctx, resources, api) };
  });
}

/**
 * How the id of API `api` leaves the template, through an output (exported, or read by a parent stack) or the
 * parameters of a stack it nests: a route another stack declares for it may be its `$connect`. Empty where it does not.
 */
function whereIdLeaves(ctx: MapContext, resources: TemplateResources, api: string): string[] {
  const outputs = asRecord(ctx.resolver.outputs()) ?? {};
  const through = Object.keys(outputs)
    .filter((name) => mentionsResource(outputs[name], api))
    .map((name) => `output ${name}`);
  for (const [id, raw] of Object.entries(resources)) {
    const resource = raw as { Type?: unknown; Properties?: { Parameters?: unknown } } | null;
    if (
      typeof resource?.Type === 'string' &&
      NESTING_TYPES.includes(resource.Type) &&
      mentionsResource(resource.Properties?.Parameters, api)
    )
      through.push(`the parameters of nested stack ${id}`);
  }
  return through;
}

const DISCONNECT = '$disconnect';

/** A route's `Target` (`integrations/<IntegrationId>`) followed to a Lambda integration and its function. */
export function routeFunction(
  ctx: MapContext,
  resources: TemplateResources,
  raw: unknown,
): Reference | undefined {
  const target = ctx.string(raw);
  const shape = isUnknown(target) ? target.template : target;
  const integrationId = /^integrations\/\$\{([A-Za-z0-9]+)\}$/.exec(shape ?? '')?.[1];
  const decl = integrationId === undefined ? undefined : declaration(ctx, resources, integrationId);
  if (decl?.type !== 'AWS::ApiGatewayV2::Integration' || isUnknown(decl.props)) return undefined;
  const type = ctx.string(decl.props.IntegrationType);
  // AWS_PROXY with a subtype is an AWS service integration (SQS-SendMessage, ...); without one, Lambda.
  if (type !== 'AWS_PROXY' || decl.props.IntegrationSubtype !== undefined) return undefined;
  return proxiedFunction(ctx, decl.props.IntegrationUri, resources);
}

/** The resources two mappers make of one declaration: an HTTP API's definition routes and its quick-create route. */
function both(first: Mapper | undefined, second: Mapper): Mapper {
  return (ctx, base, p) => {
    const made = [first?.(ctx, base, p), second(ctx, base, p)].flatMap((m) =>
      m === undefined ? [] : Array.isArray(m) ? m : [m as Resource],
    );
    return made.length === 0 ? undefined : made;
  };
}

/**
 * Mappers of routes in front of Lambda functions: REST methods, HTTP API routes (quick create's among them), SAM Api / HttpApi events, and the
 * operations of an API's inline OpenAPI definition.
 */
export function apigatewayMappers(resources: TemplateResources): Record<string, Mapper> {
  const definitions = definitionMappers(resources);
  const mappers: Record<string, Mapper> = {
    ...definitions,
    'AWS::ApiGatewayV2::Api': both(definitions['AWS::ApiGatewayV2::Api'], quickCreateRoute(resources)),
    'AWS::ApiGateway::Method': restMethod(resources),
    'AWS::ApiGatewayV2::Route': httpRoute(resources),
    'Parapet::ApiGateway::Route': samRoute(resources),
  };
  // The stages of each REST API and their web ACLs, worked out once per API (each reads every association), with the
  // defaults and conditions that reading rests on: each route of the API rests on them alike, and only where a web
  // ACL association names the API (a stage's name a Deployment takes from a default decides nothing without one).
  const stages = new Map<string, Aside<ReturnType<typeof stageWebAcls>>>();
  const deploying = new Map<string, Aside<boolean>>();
  const withStages = (ctx: MapContext, route: ApiRoute): ApiRoute => {
    if (typeof route.api !== 'string') return route;
    const api = route.api;
    // Web ACLs guard REST API stages only (apigateway-stages.ts).
    if (route.apiKind === 'rest') {
      let read = stages.get(api);
      if (read === undefined) {
        read = ctx.resolver.aside(() => stageWebAcls(ctx, resources, api));
        stages.set(api, read);
      }
      if (read.value !== undefined) {
        // Only the verdict on a route without authorization (or one not known) reads the web ACLs (route-no-auth):
        // one that requires some passes whatever they hold, and does not rest on the defaults read to find them.
        if (isUnknown(route.authorization) || route.authorization.type === 'NONE')
          ctx.resolver.remember(read);
        return { ...route, stageWebAcls: read.value };
      }
    }
    // No stage in the template: said of the route only where no other stack may deploy the API either.
    let undeployed = deploying.get(api);
    if (undeployed === undefined) {
      undeployed = ctx.resolver.aside(
        () => deploysNoStage(ctx, resources, api) && whereIdLeaves(ctx, resources, api).length === 0,
      );
      deploying.set(api, undeployed);
    }
    if (!undeployed.value) return route;
    // It rests on the conditions that leave a Deployment out, as each route of the API does.
    ctx.resolver.remember(undeployed);
    return { ...route, noStageInTemplate: true };
  };
  return Object.fromEntries(
    Object.entries(mappers).map(([type, mapper]): [string, Mapper] => [
      type,
      (ctx, base, p) => {
        const mapped = mapper(ctx, base, p);
        if (mapped === undefined) return undefined;
        const one = (resource: Resource) =>
          resource.kind === 'apigateway.route' ? withStages(ctx, resource) : resource;
        return Array.isArray(mapped) ? mapped.map(one) : one(mapped as Resource);
      },
    ]),
  );
}
