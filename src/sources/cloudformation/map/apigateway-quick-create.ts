import {
  type ApiRoute,
  MANAGED_OVERRIDES_TYPE,
  ROUTE_TYPE,
  type RouteAuthorization,
} from '../../../model/apigateway.js';
import { isUnknown, type Unknown, unknown, type Value } from '../../../model/values.js';
import { toText } from '../intrinsic-values.js';
import { mayExist } from '../link-targets.js';
import {
  authorizationOf,
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
 * unseenTarget). It has no authorization unless an
 * AWS::ApiGatewayV2::ApiGatewayManagedOverrides sets the route's (see quickCreateAuthorization).
 */
export function quickCreateRoute(resources: TemplateResources): Mapper {
  return (ctx, base, p): ApiRoute | undefined => {
    if (p.Target === undefined || ctx.string(p.ProtocolType) === 'WEBSOCKET') return undefined;
    const { authorization, target } = quickCreateAuthorization(ctx, base.id);
    const raw = target ?? p.Target;
    const seen = integrationFunction(ctx, raw, resources);
    const unseen = seen === undefined ? unseenTarget(ctx, raw) : undefined;
    const functionRef = seen ?? unseen;
    if (functionRef === undefined) return undefined;
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

/**
 * Why a Target that integrationFunction finds no function in may name one all the same: text not known before deploy
 * whose beginning is not known either (`!Ref Target`, an import, `${Target}/x`), which may be a function ARN or an HTTP
 * URL (CreateApi, target: "For HTTP integrations, specify a fully qualified URL. For Lambda integrations, specify a
 * function ARN"). Undefined where what is known of it shows it names no function (`https://${Host}`, an ARN of
 * another service), and for a known Target.
 */
function unseenTarget(ctx: MapContext, raw: unknown): Unknown | undefined {
  const text = toText(ctx.resolver.value(raw));
  if (!isUnknown(text) || (text.template !== undefined && !text.template.startsWith('${'))) return undefined;
  return unknown(
    `its Target is not known before deploy (${text.reason}), and may be a function ARN or an HTTP URL`,
    text.template,
  );
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
