import {
  type ApiRoute,
  MANAGED_OVERRIDES_TYPE,
  ROUTE_TYPE,
  type RouteAuthorization,
} from '../../../model/apigateway.js';
import type { Reference } from '../../../model/lambda.js';
import { isUnknown, type Unknown, unknown, type Value } from '../../../model/values.js';
import { toText } from '../intrinsic-values.js';
import { mayExist } from '../link-targets.js';
import { isCustomResourceType } from '../resource-types.js';
import {
  authorizationOf,
  declaration,
  declaredProperties,
  integrationFunction,
  splitRouteKey,
  type TemplateResources,
} from './apigateway-shared.js';
import type { MapContext } from './context.js';
import type { Mapper } from './types.js';

/**
 * The route quick create makes of an `AWS::ApiGatewayV2::Api` with `Target`: "an API with an integration, a default
 * catch-all route, and a default stage which is configured to automatically deploy changes" (CloudFormation reference,
 * AWS::ApiGatewayV2::Api, Target; HTTP APIs only). Its key is `$default` unless `RouteKey` "replaces the route key of
 * the quick create route"; its integration invokes the function `Target` names ("For Lambda integrations, specify a
 * function ARN", an HTTP URL otherwise: then no route here; one not known before deploy may be either, see
 * targetFunction). It has no authorization unless an
 * AWS::ApiGatewayV2::ApiGatewayManagedOverrides sets the route's (see quickCreateAuthorization).
 */
export function quickCreateRoute(resources: TemplateResources): Mapper {
  return (ctx, base, p): ApiRoute | undefined => {
    if (p.Target === undefined || ctx.string(p.ProtocolType) === 'WEBSOCKET') return undefined;
    const { authorization, target } = quickCreateAuthorization(ctx, base.id);
    const invoked = targetFunction(ctx, target ?? p.Target, resources);
    if (invoked === undefined) return undefined;
    const { functionRef, unseen } = invoked;
    const key = p.RouteKey === undefined ? '$default' : (ctx.string(p.RouteKey) ?? '$default');
    const [method, path] = splitRouteKey(key);
    const source = ctx.source(p, 'Target');
    return {
      kind: 'apigateway.route',
      api: base.id,
      apiKind: 'http',
      path,
      method,
      functionRef,
      ...(unseen === undefined ? {} : { invokesFunction: unseen }),
      quickCreate: true,
      authorization,
      apiKeyRequired: undefined,
      endpointType: 'REGIONAL',
      ...base,
      // Reported on the API the user wrote (suppressed there), located at its Target.
      id: `${base.id} ${isUnknown(key) ? (key.template ?? 'RouteKey') : key}`,
      type: ROUTE_TYPE,
      source,
      generatedBy: { id: base.id, type: base.type, source },
    };
  };
}

/** The types whose `Ref` or `Arn` names a function, as Target takes it (SAM's functions are expanded to the first). */
const FUNCTION_TYPES: readonly unknown[] = [
  'AWS::Lambda::Function',
  'AWS::Lambda::Alias',
  'AWS::Lambda::Version',
];
/** `${Made.Arn}...`: the resource whose attribute or Ref a text starts with. */
const LEADING_RESOURCE = /^\$\{([A-Za-z0-9]+)(?:\.[^}]*)?\}/;

/**
 * The function a quick-create Target invokes, with why whether it invokes one is not known (`unseen`) where it may be
 * an HTTP URL (CreateApi, target: "For HTTP integrations, specify a fully qualified URL. For Lambda integrations,
 * specify a function ARN"); undefined where it surely is a URL. So is a Target that begins with an attribute of a
 * resource of the template that is not a function (an AWS::Lambda::Url's FunctionUrl, a bucket's WebsiteURL); one of a
 * custom resource or a nested stack may be either, and so may text whose beginning is not known (`!Ref Target`, an
 * import).
 */
function targetFunction(
  ctx: MapContext,
  raw: unknown,
  resources: TemplateResources,
): { functionRef: Reference; unseen?: Unknown } | undefined {
  const seen = integrationFunction(ctx, raw, resources);
  const text = toText(ctx.resolver.value(raw));
  const template = isUnknown(text) ? text.template : undefined;
  const made = typeof seen === 'string' ? seen : LEADING_RESOURCE.exec(template ?? '')?.[1];
  const type = made === undefined ? undefined : declaration(ctx, resources, made)?.type;
  if (seen !== undefined && (type === undefined || FUNCTION_TYPES.includes(type)))
    return { functionRef: seen };
  let unseen: Unknown | undefined;
  if (type !== undefined) {
    if (!isCustomResourceType(type) && type !== 'AWS::CloudFormation::Stack') return undefined;
    unseen = unknown(
      `its Target is an attribute of resource ${made} (${type}), which may be a function ARN or an HTTP URL`,
    );
  } else if (isUnknown(text) && (template === undefined || template.startsWith('${')))
    unseen = unknown(
      `its Target is not known before deploy (${text.reason}), and may be a function ARN or an HTTP URL`,
      template,
    );
  return unseen === undefined ? undefined : { functionRef: unseen, unseen };
}

/**
 * The quick-create route's authorization: `NONE`, or what the `Route` of an ApiGatewayManagedOverrides for API `api`
 * sets ("overrides the route configuration for an API Gateway-managed route", with its AuthorizationType, AuthorizerId
 * and Target). Unknown where one whose ApiId or properties are not known may be for it. `target` is the Target it sets.
 */
function quickCreateAuthorization(
  ctx: MapContext,
  api: string,
): { authorization: Value<RouteAuthorization>; target?: unknown } {
  return ctx.withinJson(() => {
    for (const [id, declared] of ctx.declarationsOfType(MANAGED_OVERRIDES_TYPE)) {
      if (!mayExist(ctx, declared)) continue;
      const props = declaredProperties(ctx, declared);
      const apiId = isUnknown(props) ? props : ctx.reference(props.ApiId);
      if (apiId === undefined || (typeof apiId === 'string' && apiId !== api)) continue;
      const maybe = `${MANAGED_OVERRIDES_TYPE} ${id} may set it`;
      if (isUnknown(apiId) || isUnknown(props))
        return {
          authorization: unknown(`${maybe}, and whether it is for this API is not known before deploy`),
        };
      const route = props.Route === undefined ? {} : ctx.object(props.Route);
      if (route === undefined || isUnknown(route))
        return { authorization: unknown(`${maybe}, and its Route is not known before deploy`) };
      return { authorization: authorizationOf(ctx, route), target: route.Target };
    }
    return { authorization: { type: 'NONE' } };
  });
}
