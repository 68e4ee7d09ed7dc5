import { ROUTE_TYPE } from '../../../../model/apigateway.js';
import type { JsonObject } from '../shapes.js';
import type { EventSource } from './common.js';

/**
 * SAM writes an Api or HttpApi event into its API's OpenAPI definition (a path and method whose integration invokes
 * the function, with the event's Auth); no CloudFormation resource stands for that route. So that checks can see it,
 * the expansion adds a `Parapet::ApiGateway::Route` carrying what the route's authorization depends on: the API it
 * is on, its path and method, the event's Auth as written, and what it invokes. The mapper decides the authorization
 * from that and the API's Auth (after Globals), which the expanded template holds (implicit APIs included).
 *
 * Its logical id, `<Function>.Events.<Event>`, cannot clash with a CloudFormation one (those are alphanumeric).
 */
export function emitRoute(
  event: EventSource,
  kind: 'rest' | 'http',
  apiId: unknown,
  path: unknown,
  method: unknown,
): void {
  const properties: JsonObject = { ApiKind: kind, ApiId: apiId, FunctionName: event.target.name };
  if (path !== undefined && path !== null) properties.Path = path;
  if (method !== undefined && method !== null) properties.Method = method;
  if (event.props.Auth !== undefined && event.props.Auth !== null) properties.Auth = event.props.Auth;
  event.sam.emit(`${event.sam.id}.Events.${event.name}`, ROUTE_TYPE, properties, event.origin);
}
