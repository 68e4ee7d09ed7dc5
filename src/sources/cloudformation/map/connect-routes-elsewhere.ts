import { listedWithAnd } from '../../../findings/words.js';
import type { ConnectRouteElsewhere } from '../../../model/apigateway.js';
import { isUnknown } from '../../../model/values.js';
import { asRecord } from '../intrinsic-values.js';
import { routeFunction } from './apigateway.js';
import { authorizationOf, declaration, type TemplateResources } from './apigateway-shared.js';
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
      const props = decl.props;
      const [key, keyByChoice] = readChoices(ctx, () => ctx.string(props.RouteKey));
      if (key !== CONNECT && !isUnknown(key)) return [];
      const api = ctx.reference(props.ApiId);
      if (api === undefined || (typeof api === 'string' && Object.hasOwn(resources, api))) return [];
      const conditioned = typeof asRecord(resources[id])?.Condition === 'string';
      // The API's stack judges it by what its own stack's defaults make of it: another deploy may make it another.
      const choices = new Choices();
      const [authorization, apiKeyRequired, invokes] = [
        choices.read(ctx, 'AuthorizationType', () => authorizationOf(ctx, props)),
        choices.read(ctx, 'ApiKeyRequired', () => ctx.boolean(props.ApiKeyRequired) ?? false),
        choices.read(ctx, 'Target', () => routeFunction(ctx, resources, props.Target) !== undefined),
      ];
      const restsOnChoices = choices.words();
      return [
        {
          declaredBy: id,
          api,
          ...(conditioned || isUnknown(key) || keyByChoice !== undefined ? { maybe: true as const } : {}),
          invokesFunction: invokes,
          authorization,
          apiKeyRequired,
          ...(restsOnChoices === undefined ? {} : { restsOnChoices }),
        },
      ];
    }),
  );
}

const ROUTE = 'AWS::ApiGatewayV2::Route';
const CONNECT = '$connect';

/**
 * What `read` gives, with the parameter defaults and conditions not known before deploy it rests on (worded as
 * findings word them), or undefined where it rests on none.
 */
function readChoices<T>(ctx: MapContext, read: () => T): [T, string[] | undefined] {
  const { value, assumed, met } = ctx.resolver.aside(read);
  const words = [
    ...assumed.map((parameter) => `the default of parameter ${parameter}`),
    ...met.map((condition) => `condition ${condition}`),
  ];
  return [value, words.length > 0 ? words : undefined];
}

/** The properties of a route read so far that rest on its stack's choices, and those choices (see readChoices). */
class Choices {
  private readonly properties: string[] = [];
  private readonly choices = new Set<string>();

  read<T>(ctx: MapContext, property: string, read: () => T): T {
    const [value, choices] = readChoices(ctx, read);
    if (choices !== undefined) {
      this.properties.push(property);
      for (const choice of choices) this.choices.add(choice);
    }
    return value;
  }

  words(): ConnectRouteElsewhere['restsOnChoices'] {
    if (this.properties.length === 0) return undefined;
    return { properties: this.properties, choices: listedWithAnd([...this.choices]) };
  }
}
