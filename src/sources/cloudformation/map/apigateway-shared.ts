import { own } from '../../../model/own.js';
import { isUnknown, unknown, type Value } from '../../../model/values.js';
import { asRecord } from '../intrinsics.js';
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
  // Properties that are not a mapping were reported where that resource was mapped (map-resource.ts).
  return { type: decl.Type, props: ctx.withinJson(() => ctx.object(decl.Properties)) ?? {} };
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
