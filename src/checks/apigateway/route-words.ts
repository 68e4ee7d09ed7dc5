import { listedWithAnd } from '../../findings/words.js';
import { API_DEPLOYING_TYPES, type ApiRoute, type RouteAuthorization } from '../../model/apigateway.js';
import type { Inventory } from '../../model/inventory.js';
import type { Reference } from '../../model/lambda.js';
import { isUnknown, shapeOf } from '../../model/values.js';

// How route-no-auth words a route's functions and authorization (no-connect-route.ts words them alike).

export function functionName(ref: Reference, inventory: Inventory): string {
  // A route is mapped only for a Lambda integration (AWS_PROXY, or a Lambda invocation URI): that it invokes
  // a function is known even when which one is not (a URI from a parameter, another stack's export).
  if (isUnknown(ref)) {
    // Another scanned stack's function (imported, given by a parent) is known: by its stack, not this template.
    const from = ref.stackResource;
    if (from !== undefined) return `function ${from.logicalId} of stack ${from.stack}`;
    return `a Lambda function not known before deploy (${ref.reason})`;
  }
  const fn = inventory.resolve(ref, 'lambda.function');
  return fn ? `function ${fn.generatedBy?.id ?? fn.id}` : `function ${shapeOf(ref) ?? '(unknown)'}`;
}

/** `invokes function Fn with`, or `has` for a WebSocket `$connect` whose own integration is not Lambda. */
export function invokesWith(route: ApiRoute, inventory: Inventory): string {
  return route.functionRef === undefined
    ? 'has'
    : `invokes ${functionName(route.functionRef, inventory)} with`;
}

/** `function A and function B`: the functions of `refs`, each named once. */
function functionNames(refs: readonly Reference[] | undefined, inventory: Inventory): string | undefined {
  const names = [...new Set((refs ?? []).map((ref) => functionName(ref, inventory)))];
  return names.length === 0 ? undefined : listedWithAnd(names);
}

/**
 * What a client connected to a WebSocket API reaches: ` and then send messages to the API's routes (they invoke
 * function A)`, `, and make its $disconnect route invoke function B` when it disconnects. Empty where neither.
 */
export function reachedOnceConnected(route: ApiRoute, inventory: Inventory, afterMessages = ''): string {
  const messages = functionNames(route.messageFunctions, inventory);
  const disconnect = functionNames(route.disconnectFunctions, inventory);
  const sends =
    messages === undefined
      ? ''
      : ` and then send messages to the API's routes (they invoke ${messages})${afterMessages}`;
  const ends = disconnect === undefined ? '' : `, and invoke ${disconnect} by disconnecting ($disconnect)`;
  return `${sends}${ends}`;
}

/**
 * `once the API is deployed to a stage (this template deploys none), ` before who can call a route of an API its template deploys
 * nowhere (ApiRoute.noStageInTemplate): API Gateway serves it only then, from a deploy made by hand or by another stack
 * ("After creating your API, you must deploy it to make it callable", API Gateway Developer Guide). Empty otherwise,
 * and where a transform Parapet does not run may add a Deployment or a Stage.
 */
export function onceDeployed(route: ApiRoute, inventory: Inventory): string {
  if (route.noStageInTemplate !== true) return '';
  const deploying = route.apiKind === 'rest' ? API_DEPLOYING_TYPES.rest : API_DEPLOYING_TYPES.v2;
  if (inventory.transformsThatMayAdd(deploying).length > 0) return '';
  // Said first, so that it does not trail a WebSocket route's text about the routes behind $connect.
  return 'once the API is deployed to a stage (this template deploys none), ';
}

export function describeAuthorization(auth: RouteAuthorization): string {
  const named = auth.authorizer === undefined ? auth.type : `${auth.type} (authorizer ${auth.authorizer})`;
  // Where the definition that holds the route is not read, say what the answer rests on.
  return auth.basis === undefined ? named : `${named}: ${auth.basis}`;
}
