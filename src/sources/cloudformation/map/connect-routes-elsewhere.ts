import type { ConnectRouteElsewhere } from '../../../model/apigateway.js';
import { isUnknown } from '../../../model/values.js';
import { asRecord } from '../intrinsic-values.js';
import { authorizationOf, routeFunction } from './apigateway.js';
import { declaration, type TemplateResources } from './apigateway-shared.js';
import type { MapContext } from './context.js';

/**
 * The WebSocket `$connect` routes of a template on an API it does not declare (Inventory.connectRoutesElsewhere): their
 * `ApiId` ("The API identifier", AWS::ApiGatewayV2::Route) an import, a parent's value, a parameter or a literal id.
 * A route whose key is not known may be a `$connect`, as may one under a Condition be left out: both are kept as maybe.
 * Read as another resource's values (withinJson): what is not valid is reported where each is mapped.
 */
export function connectRoutesElsewhere(
  ctx: MapContext,
  resources: TemplateResources,
): ConnectRouteElsewhere[] {
  // The type looked at first: most templates declare no route, and each resource's properties are not read for it.
  const routes = Object.keys(resources).filter((id) => asRecord(resources[id])?.Type === ROUTE);
  if (routes.length === 0) return [];
  return ctx.withinJson(() =>
    routes.flatMap((id): ConnectRouteElsewhere[] => {
      const decl = declaration(ctx, resources, id);
      if (decl === undefined || isUnknown(decl.props)) return [];
      const key = ctx.string(decl.props.RouteKey);
      if (key !== CONNECT && !isUnknown(key)) return [];
      const api = ctx.reference(decl.props.ApiId);
      if (api === undefined || (typeof api === 'string' && Object.hasOwn(resources, api))) return [];
      const conditioned = typeof asRecord(resources[id])?.Condition === 'string';
      return [
        {
          declaredBy: id,
          api,
          ...(conditioned || isUnknown(key) ? { maybe: true as const } : {}),
          invokesFunction: routeFunction(ctx, resources, decl.props.Target) !== undefined,
          authorization: authorizationOf(ctx, decl.props),
          apiKeyRequired: ctx.boolean(decl.props.ApiKeyRequired) ?? false,
        },
      ];
    }),
  );
}

const ROUTE = 'AWS::ApiGatewayV2::Route';
const CONNECT = '$connect';
