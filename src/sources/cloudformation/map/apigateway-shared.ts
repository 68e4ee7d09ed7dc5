import type { RouteAuthorization } from '../../../model/apigateway.js';
import type { Reference } from '../../../model/lambda.js';
import { own } from '../../../model/own.js';
import { isUnknown, namesOtherStack, type Unknown, unknown, type Value } from '../../../model/values.js';
import { asRecord, ResourceRef, toText } from '../intrinsic-values.js';
import type { MapContext } from './context.js';

/** The template's resources (after SAM expansion), for mappers that read a resource beside the one they map. */
export type TemplateResources = Readonly<Record<string, unknown>>;

const ANY_METHOD = 'x-amazon-apigateway-any-method';

/** `GET` for `get`, `ANY` for `any` and SAM's `x-amazon-apigateway-any-method`. */
export function normalizeMethod(method: Value<string | undefined>, missing: string): Value<string> {
  if (method === undefined) return unknown(missing);
  if (isUnknown(method)) return method;
  return method.toLowerCase() === ANY_METHOD ? 'ANY' : method.toUpperCase();
}

/** A resource declared in the template, with its Properties (an intrinsic at the top resolved), and its type. */
export function declaration(
  ctx: MapContext,
  resources: TemplateResources,
  id: string,
): { type: unknown; props: Value<Record<string, unknown>> } | undefined {
  const decl = asRecord(own(resources, id));
  if (!decl) return undefined;
  return { type: decl.Type, props: declaredProperties(ctx, decl) };
}

/** The Properties of a declaration in hand (`ctx.declarationsOfType` gives it), read as declaration reads them. */
export function declaredProperties(
  ctx: MapContext,
  decl: Record<string, unknown>,
): Value<Record<string, unknown>> {
  // Properties that are not a mapping were reported where that resource was mapped (map-resource.ts).
  return ctx.withinJson(() => ctx.object(decl.Properties)) ?? {};
}

/** A REST API's endpoint type and IP address type, both read from its `EndpointConfiguration`. */
export interface RestEndpoint {
  readonly type: Value<string>;
  readonly ipAddressType: Value<string>;
}

/** A REST API's endpoint type (restEndpointType) and the IP address type that follows (restIpAddressType). */
export function restEndpoint(ctx: MapContext, props: Record<string, unknown>): RestEndpoint {
  const type = restEndpointType(ctx, props);
  return { type, ipAddressType: restIpAddressType(ctx, props, type) };
}

/**
 * A REST API's endpoint type: `EndpointConfiguration` of an AWS::ApiGateway::RestApi (`Types: [PRIVATE]`) or of an
 * AWS::Serverless::Api (`PRIVATE`, or `Type: PRIVATE`); `EDGE` when not given, as API Gateway defaults.
 */
export function restEndpointType(ctx: MapContext, props: Record<string, unknown>): Value<string> {
  const raw = props.EndpointConfiguration;
  const value = ctx.resolver.shallow(raw);
  if (value === undefined || value === null) return 'EDGE';
  if (isUnknown(value)) return unknown(`EndpointConfiguration is not known before deploy (${value.reason})`);
  const config = asRecord(value);
  if (!config) return ctx.string(raw) ?? 'EDGE';
  if (config.Type !== undefined) return ctx.string(config.Type) ?? 'EDGE';
  const types = ctx.strings(config.Types);
  if (isUnknown(types))
    return unknown(`EndpointConfiguration.Types is not known before deploy (${types.reason})`);
  const first = types.find((type) => isUnknown(type) || type === 'PRIVATE') ?? types[0];
  return first ?? 'EDGE';
}

/**
 * A REST API's IP address type (`ipv4`, `dualstack`): EndpointConfiguration.IpAddressType, else `ipv4` for a
 * Regional or edge-optimized API and `dualstack` for a private one, which can have no other (API Gateway Developer
 * Guide, "IP address types for REST APIs"). `endpointType` is restEndpointType's of the same `props`.
 */
export function restIpAddressType(
  ctx: MapContext,
  props: Record<string, unknown>,
  endpointType: Value<string>,
): Value<string> {
  // Read as restEndpointType reads it: SAM takes the endpoint type alone as text (`EndpointConfiguration: REGIONAL`),
  // which sets no IpAddressType.
  const value = ctx.resolver.shallow(props.EndpointConfiguration);
  if (isUnknown(value)) return unknown(`EndpointConfiguration is not known before deploy (${value.reason})`);
  const given = ctx.string(asRecord(value)?.IpAddressType);
  if (given !== undefined) return isUnknown(given) ? given : given.toLowerCase();
  if (isUnknown(endpointType)) return endpointType;
  return endpointType === 'PRIVATE' ? 'dualstack' : 'ipv4';
}

/**
 * `arn:<partition>:apigateway:<region>:lambda:path/2015-03-31/functions/<function ARN>/invocations`. The API Gateway
 * guide writes `path//2015-03-31` (two slashes), which API Gateway takes as well.
 */
const INVOCATION_URI = /:lambda:path\/\/?[^/]+\/functions\/(.+)\/(?:response-streaming-)?invocations$/;
/** `${Fn.Arn}`, `${Fn}` (an alias's Ref is its ARN), optionally qualified (`${Fn.Arn}:live`). */
const LOGICAL_ID_IN_ARN = /^\$\{([A-Za-z0-9]+)(?:\.Arn)?\}(?::[^/]*)?$/;

/**
 * The function an integration URI names: a REST integration's invocation URI, or an HTTP API integration's function
 * ARN (or that same invocation URI). Undefined when the URI does not visibly name a Lambda function.
 */
export function integrationFunction(
  ctx: MapContext,
  raw: unknown,
  resources: TemplateResources,
): Reference | undefined {
  const value = ctx.resolver.value(raw);
  if (value instanceof ResourceRef) return value.logicalId;
  // An HTTP API integration's FunctionArn imported whole: that stack's function.
  if (isUnknown(value) && value.stackResource !== undefined) return value;
  const text = toText(value);
  if (text === undefined) return undefined;
  const shape = isUnknown(text) ? text.template : text;
  if (shape === undefined) return undefined;
  const arn = INVOCATION_URI.exec(shape)?.[1] ?? shape;
  const byId = LOGICAL_ID_IN_ARN.exec(arn)?.[1];
  // `${Fn.Arn}` of another stack's Fn (imported) is not this template's Fn, though written alike.
  const local = byId !== undefined && !(isUnknown(text) && namesOtherStack(text, byId));
  if (local && Object.hasOwn(resources, byId as string)) return byId;
  const otherStack = otherStackFunction(ctx, raw);
  if (otherStack !== undefined) return otherStack;
  if (!INVOCATION_URI.test(shape) && !/^arn:[^:]*:lambda:/.test(arn)) return undefined;
  return isUnknown(text) ? unknown(text.reason, arn) : arn;
}

/**
 * The function of another scanned stack an invocation URI names through an import: `${Arn}` of a `Fn::Sub` whose
 * variable `Arn` is `!ImportValue Producer:FnArn`, or the item between `.../functions/` and `/invocations` of a
 * `Fn::Join` (as CDK writes an imported function's URI). That stack's resource, which the text the URI makes no
 * longer says. Undefined for anything else.
 */
function otherStackFunction(ctx: MapContext, raw: unknown): Unknown | undefined {
  const written = functionPartOf(raw);
  if (written === undefined) return undefined;
  const value = ctx.resolver.value(written);
  return isUnknown(value) && value.stackResource !== undefined ? value : undefined;
}

/** The raw value standing for the function's ARN in an invocation URI written with Fn::Sub or Fn::Join. */
function functionPartOf(raw: unknown): unknown {
  const sub = asRecord(raw)?.['Fn::Sub'];
  if (Array.isArray(sub) && typeof sub[0] === 'string') {
    const name = /^\$\{([^}.]+)\}(?::[^/]*)?$/.exec(INVOCATION_URI.exec(sub[0])?.[1] ?? '')?.[1];
    const variables = asRecord(sub[1]);
    return name !== undefined && variables && Object.hasOwn(variables, name) ? variables[name] : undefined;
  }
  const join = asRecord(raw)?.['Fn::Join'];
  if (!Array.isArray(join) || join[0] !== '' || !Array.isArray(join[1])) return undefined;
  const items: unknown[] = join[1];
  const at = items.findIndex(
    (item, i) =>
      typeof item !== 'string' &&
      /\/functions\/$/.test(String(items[i - 1])) &&
      /^(?::[^/]*)?\/(?:response-streaming-)?invocations$/.test(String(items[i + 1])),
  );
  return at === -1 ? undefined : items[at];
}

/** A Lambda proxy integration invokes a function even where its URI cannot be read. */
export function proxiedFunction(ctx: MapContext, raw: unknown, resources: TemplateResources): Reference {
  return (
    integrationFunction(ctx, raw, resources) ??
    unknown('the integration URI names no function that can be seen')
  );
}

/** A route's authorization, from its `AuthorizationType` (`NONE` when not written) and `AuthorizerId`. */
export function authorizationOf(ctx: MapContext, p: Record<string, unknown>): Value<RouteAuthorization> {
  const type = ctx.string(p.AuthorizationType) ?? 'NONE';
  if (isUnknown(type)) return unknown(`AuthorizationType is not known before deploy (${type.reason})`);
  const authorizer = ctx.reference(p.AuthorizerId);
  const name = isUnknown(authorizer) ? authorizer.template : authorizer;
  return {
    type,
    ...(name === undefined ? {} : { authorizer: name }),
    source: ctx.source(p, 'AuthorizationType'),
  };
}

/** `$default`, or `GET /items/{id}` split into method and path. */
export function splitRouteKey(key: Value<string>): [Value<string>, Value<string>] {
  if (isUnknown(key)) return [key, key];
  if (key === '$default') return ['ANY', '$default'];
  const space = key.indexOf(' ');
  if (space === -1) return [unknown(`route key ${key} names no method`), key];
  return [normalizeMethod(key.slice(0, space), 'no method'), key.slice(space + 1)];
}
