import { type ApiRoute, ROUTE_TYPE } from '../../../model/apigateway.js';
import type { PolicyDocument } from '../../../model/iam.js';
import type { Reference } from '../../../model/lambda.js';
import { own } from '../../../model/own.js';
import { isUnknown, unknown, type Value } from '../../../model/values.js';
import { apiDefinitionFromFile } from '../api-definition-files.js';
import { definitionAuthorization } from './apigateway-openapi.js';
import { restApiPolicy } from './apigateway-policy.js';
import { given, resourcePolicyOf } from './apigateway-sam.js';
import { ApiAuth, unknownAuth } from './apigateway-sam-auth.js';
import {
  integrationFunction,
  normalizeMethod,
  proxiedFunction,
  restEndpointType,
  restIpAddressType,
  type TemplateResources,
} from './apigateway-shared.js';
import { readDefinition } from './apigateway-unseen-definition.js';
import type { MapContext } from './context.js';
import { readPolicyDocument } from './policy.js';
import type { Mapper } from './types.js';

type Json = Record<string, unknown>;

const ANY_METHOD = 'x-amazon-apigateway-any-method';
const INTEGRATION = 'x-amazon-apigateway-integration';
/** The operations API Gateway imports from a path item (OpenAPI's `trace` it does not support). */
const OPERATION_KEYS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', ANY_METHOD]);
/** The pseudo resource of a SAM Api / HttpApi event's route (sam/events/route.ts). */

/** An API type whose OpenAPI definition can be written inline, and the property that holds it. */
interface ApiShape {
  readonly kind: 'rest' | 'http';
  readonly body: 'Body' | 'DefinitionBody';
  /** A SAM API: SAM adds its `Auth` to the definition, and its events write routes of their own. */
  readonly sam: boolean;
}

const SHAPES: Readonly<Record<string, ApiShape>> = {
  'AWS::ApiGateway::RestApi': { kind: 'rest', body: 'Body', sam: false },
  'AWS::ApiGatewayV2::Api': { kind: 'http', body: 'Body', sam: false },
  'AWS::Serverless::Api': { kind: 'rest', body: 'DefinitionBody', sam: true },
  'AWS::Serverless::HttpApi': { kind: 'http', body: 'DefinitionBody', sam: true },
};

/**
 * The routes an API's inline OpenAPI definition (`Body`, SAM's `DefinitionBody`; OpenAPI 3 or Swagger 2) writes: one
 * per operation whose `x-amazon-apigateway-integration` invokes a Lambda function (`aws_proxy`, or `aws` with a
 * Lambda invocation URI), `x-amazon-apigateway-any-method` as `ANY`. Their authorization is read from the definition
 * as for a SAM event's route (apigateway-openapi.ts), with SAM's `Auth` added on a SAM API. An operation a SAM event
 * of the template also routes is left to that event (apigateway-sam.ts), so that it is one route. A definition in a
 * file is read when the file is local (an `AWS::Include`, a SAM `DefinitionUri`: local-definitions.ts), SAM adding
 * nothing to a DefinitionUri's; one in S3 (`BodyS3Location`, `DefinitionUri`) is not in the template: no routes.
 */
export function definitionMappers(resources: TemplateResources): Record<string, Mapper> {
  return {
    ...Object.fromEntries(
      Object.entries(SHAPES).map(([type, shape]) => [type, definitionRoutes(resources, shape)]),
    ),
    'AWS::Serverless::WebSocketApi': samWebSocketRoute(resources),
  };
}

function definitionRoutes(resources: TemplateResources, shape: ApiShape): Mapper {
  return (ctx, base, p): ApiRoute[] | undefined => {
    // A SAM API's local DefinitionUri file, read in its place (api-definition-files.ts), is imported as it is:
    // SAM's Auth is not added to it. One in S3 is not in the template.
    const file = shape.sam ? apiDefinitionFromFile(p.DefinitionUri) : undefined;
    if (shape.sam && file === undefined && given(ctx, p, 'DefinitionUri')) return undefined;
    const samEdits = shape.sam && file === undefined;
    const body = file ?? p[shape.body];
    const paths = ctx.withinJson(() => {
      const doc = readDefinition(ctx, body);
      return doc === undefined || isUnknown(doc) ? undefined : ctx.object(doc.paths);
    });
    if (paths === undefined || isUnknown(paths)) return undefined;
    const api = new ApiAuth(ctx, samEdits ? p : {}, shape.kind);
    const routed = shape.sam ? eventOperations(ctx, resources, base.id, paths) : new Set<string>();
    const endpointType = shape.kind === 'http' ? 'REGIONAL' : restEndpointType(ctx, p);
    const policy = shape.kind === 'rest' ? resourcePolicy(ctx, p, body, shape, samEdits) : undefined;
    const routes: ApiRoute[] = [];
    for (const [path, rawItem] of Object.entries(paths)) {
      const item = ctx.withinJson(() => ctx.object(rawItem));
      if (!path.startsWith('/') || item === undefined || isUnknown(item)) continue;
      for (const key of Object.keys(item)) {
        if (!OPERATION_KEYS.has(key) || routed.has(`${key} ${path}`)) continue;
        const functionRef = ctx.withinJson(() => operationFunction(ctx, resources, item[key], shape.kind));
        if (functionRef === undefined) continue;
        const method = normalizeMethod(key, 'no method');
        const decided = definitionAuthorization(ctx, api, base.id, body, { path, method, auth: undefined });
        const source = ctx.source(item, key);
        routes.push({
          kind: 'apigateway.route',
          api: base.id,
          apiKind: shape.kind,
          path,
          method,
          functionRef,
          ...decided,
          endpointType,
          ...(shape.kind === 'http' ? {} : { ipAddressType: restIpAddressType(ctx, p, endpointType) }),
          ...(policy === undefined ? {} : { resourcePolicy: policy }),
          ...base,
          // Reported on the API the user wrote (suppressed there), located at the operation.
          id: `${base.id} ${method} ${path}`,
          type: ROUTE_TYPE,
          source,
          generatedBy: { id: base.id, type: base.type, source },
        });
      }
    }
    return routes;
  };
}

/** The function an operation's integration invokes; undefined when it is not a Lambda integration. */
function operationFunction(
  ctx: MapContext,
  resources: TemplateResources,
  raw: unknown,
  kind: 'rest' | 'http',
): Reference | undefined {
  const operation = ctx.object(raw);
  if (operation === undefined || isUnknown(operation)) return undefined;
  const integration = ctx.object(operation[INTEGRATION]);
  if (integration === undefined || isUnknown(integration)) return undefined;
  const type = ctx.string(integration.type);
  if (type === undefined || isUnknown(type)) return undefined;
  // An HTTP API's AWS_PROXY with a subtype calls an AWS service (SQS-SendMessage, ...); without one, Lambda.
  if (type.toLowerCase() === 'aws_proxy' && (kind === 'rest' || integration.integrationSubtype === undefined))
    return proxiedFunction(ctx, integration.uri, resources);
  if (type.toLowerCase() === 'aws' && kind === 'rest')
    return integrationFunction(ctx, integration.uri, resources);
  return undefined;
}

/**
 * The operations (`get /items`, `x-amazon-apigateway-any-method /items`) that SAM events of the template route on
 * this API: an event's method finds its own operation, else the path's ANY operation, as API Gateway matches it.
 */
function eventOperations(
  ctx: MapContext,
  resources: TemplateResources,
  apiId: string,
  paths: Json,
): Set<string> {
  const found = new Set<string>();
  for (const decl of Object.values(resources)) {
    if (decl === null || typeof decl !== 'object' || (decl as Json).Type !== ROUTE_TYPE) continue;
    const props = (decl as Json).Properties as Json | undefined;
    if (props === undefined || ctx.reference(props.ApiId) !== apiId) continue;
    const path = ctx.string(props.Path);
    const method = normalizeMethod(ctx.string(props.Method), 'no method');
    if (typeof path !== 'string' || isUnknown(method)) continue;
    const item = own(paths, path);
    const key = method === 'ANY' ? ANY_METHOD : method.toLowerCase();
    const holds = (k: string) => item !== null && typeof item === 'object' && Object.hasOwn(item, k);
    found.add(`${holds(key) ? key : ANY_METHOD} ${path}`);
  }
  return found;
}

/**
 * A REST API's resource policy: the RestApi's `Policy`, or the definition's `x-amazon-apigateway-policy`; on a SAM
 * API, what SAM writes from `Auth.ResourcePolicy`, added to the definition's own.
 */
function resourcePolicy(
  ctx: MapContext,
  props: Json,
  body: unknown,
  shape: ApiShape,
  samEdits: boolean,
): Value<PolicyDocument> | undefined {
  const written = shape.sam ? undefined : restApiPolicy(ctx, props);
  if (written !== undefined) return written;
  const inDefinition = definitionPolicy(ctx, body);
  const fromSam = samEdits ? resourcePolicyOf(ctx, props, undefined) : undefined;
  if (fromSam === undefined || inDefinition === undefined) return fromSam ?? inDefinition;
  if (isUnknown(fromSam)) return fromSam;
  if (isUnknown(inDefinition)) return inDefinition;
  if (isUnknown(fromSam.statements)) return fromSam;
  if (isUnknown(inDefinition.statements)) return inDefinition;
  return { ...inDefinition, statements: [...inDefinition.statements, ...fromSam.statements] };
}

function definitionPolicy(ctx: MapContext, body: unknown): Value<PolicyDocument> | undefined {
  return ctx.withinJson(() => {
    const doc = readDefinition(ctx, body);
    if (doc === undefined || isUnknown(doc)) return undefined;
    const raw = doc['x-amazon-apigateway-policy'];
    if (raw === undefined || raw === null) return undefined;
    // API Gateway documents this extension as a JSON object, not text (readPolicyDocument reads a CloudFormation
    // Json property's text): text here is read as before, a policy that cannot be read.
    if (typeof ctx.resolver.shallow(raw) === 'string') return unknown('not a mapping');
    return readPolicyDocument(ctx, raw, ctx.source(doc, 'x-amazon-apigateway-policy'));
  });
}

/**
 * The `$connect` route of a SAM `AWS::Serverless::WebSocketApi` (`Routes.$connect`, with the `FunctionArn` SAM
 * integrates): its authorization is the API's `Auth.AuthType` (`NONE`, `AWS_IAM` or `CUSTOM`, a Lambda authorizer;
 * no Auth is none), and the route's own `ApiKeyRequired`. API Gateway authorizes a WebSocket connection only there.
 */
function samWebSocketRoute(resources: TemplateResources): Mapper {
  return (ctx, base, p): ApiRoute | undefined => {
    const routes = ctx.object(p.Routes);
    if (routes === undefined || isUnknown(routes)) return undefined;
    const connect = ctx.object(own(routes, CONNECT));
    if (connect === undefined || isUnknown(connect)) return undefined;
    const auth = ctx.object(p.Auth);
    const type = isUnknown(auth) ? auth : (ctx.string(auth?.AuthType) ?? 'NONE');
    const authorization = isUnknown(type)
      ? unknownAuth('Auth.AuthType', type)
      : { type, ...(auth === undefined ? {} : { source: ctx.source(auth, 'AuthType') }) };
    const source = ctx.source(routes, CONNECT);
    return {
      kind: 'apigateway.route',
      api: base.id,
      apiKind: 'websocket',
      path: CONNECT,
      method: 'GET',
      functionRef: proxiedFunction(ctx, connect.FunctionArn, resources),
      authorization,
      apiKeyRequired: ctx.boolean(connect.ApiKeyRequired) ?? false,
      endpointType: 'REGIONAL',
      ...base,
      id: `${base.id} ${CONNECT}`,
      type: ROUTE_TYPE,
      source,
      generatedBy: { id: base.id, type: base.type, source },
    };
  };
}

const CONNECT = '$connect';
