import { listedWithAnd, transformsNotRunWords } from '../../findings/words.js';
import type { ApiRoute } from '../../model/apigateway.js';
import type { Reference } from '../../model/lambda.js';
import type { ConnectRouteOfOtherStack } from '../../model/neighbours.js';
import { isUnknown } from '../../model/values.js';
import type { CheckContext } from '../define.js';
import { describeAuthorization, onceDeployed, reachedOnceConnected } from './route-words.js';

/**
 * A WebSocket API whose template declares no `$connect` route: judged by the one another scanned stack declares on its
 * id (see connectOfOtherStack), unknown where one may (a `$connect` on a literal API id, a value Parapet cannot trace), where
 * the API's id leaves the template for stacks Parapet may not read, or under a transform Parapet does not run; fails
 * otherwise.
 */
export function noConnectRoute(route: ApiRoute, name: string, ctx: CheckContext) {
  const noConnect = `${name} has no $connect route in this template`;
  const elsewhere = typeof route.api === 'string' ? ctx.inventory.neighbours.connectRoutesOn(route.api) : [];
  const declared = elsewhere.find((connect) => connect.surely);
  if (declared !== undefined) return connectOfOtherStack(route, name, declared, ctx);
  // A macro or AWS::Include Parapet does not run may add the route, as it may add an alarm (no-error-alarm).
  const adding = ctx.inventory.transformsThatMayAdd(['AWS::ApiGatewayV2::Route']);
  if (adding.length > 0)
    return ctx.unknown(`${noConnect}, but ${transformsNotRunWords(adding)} may add one.`);
  const maybe = elsewhere[0];
  if (maybe !== undefined) {
    const by = `stack ${maybe.stack} declares`;
    // On this API, but under a Condition or with a key not known: a deploy may have it or not.
    if (isUnknown(maybe.api) && maybe.api.stackResource !== undefined)
      return ctx.unknown(
        `${noConnect}, but ${by} route ${maybe.declaredBy} on it, which may be its $connect.`,
      );
    const what = maybe.maybe
      ? `route ${maybe.declaredBy} (maybe a $connect)`
      : `a $connect route (${maybe.declaredBy})`;
    return ctx.unknown(`${noConnect}, but ${by} ${what} on ${apiNamed(maybe.api)}, which may be this one.`);
  }
  const leaves = route.idLeavesThrough ?? [];
  if (leaves.length > 0)
    return ctx.unknown(
      `${noConnect}, but its id leaves the template through ${listedWithAnd(leaves)}: a stack that takes it ` +
        'may declare its $connect.',
    );
  return ctx.fail(
    `${noConnect}, so nothing authorizes a connection: ${onceDeployed(route, ctx.inventory)}anyone on the internet can connect` +
      `${reachedOnceConnected(route, ctx.inventory)}. Add a $connect route with an authorizer (IAM or a Lambda authorizer).`,
  );
}

/**
 * A WebSocket API whose `$connect` route another scanned stack declares on its id. One that invokes a function is
 * checked by that stack's scan; one that does not (a mock, an AWS service) is judged here, where the functions it opens
 * are known: API Gateway authorizes a WebSocket connection only there. Unknown where what decides it (its
 * authorization, API key or target) rests on that stack's parameter defaults or conditions: the README's rule for linked
 * stacks, as for a queue's redrive policy or a group's egress rules given by another stack.
 */
function connectOfOtherStack(
  route: ApiRoute,
  name: string,
  connect: ConnectRouteOfOtherStack,
  ctx: CheckContext,
) {
  const its = `its $connect route ${connect.declaredBy} of stack ${connect.stack}`;
  const choices = connect.restsOnChoices;
  if (connect.invokesFunction && !choices?.properties.includes('Target'))
    return ctx.pass(`${name} has ${its}, which invokes a function and is checked there`);
  // Judged by what that stack's defaults make of it, it could pass or fail where a deploy makes it otherwise.
  if (choices !== undefined) {
    const rest = choices.properties.length === 1 ? 'rests' : 'rest';
    return ctx.unknown(
      `${name} has ${its}, whose ${listedWithAnd(choices.properties)} ${rest} on that stack's parameter defaults ` +
        `or conditions (${choices.choices}), which a deploy may change.`,
    );
  }
  const auth = connect.authorization;
  if (isUnknown(auth))
    return ctx.unknown(`${name} has ${its}, whose authorization cannot be seen: ${auth.reason}.`);
  if (auth.type !== 'NONE')
    return ctx.pass(`${name} has ${its}, which requires ${describeAuthorization(auth)}`);
  const key = connect.apiKeyRequired;
  if (isUnknown(key))
    return ctx.unknown(
      `${name} has ${its}, with no authorization; whether it needs an API key is not known: ${key.reason}.`,
    );
  const reached = reachedOnceConnected(route, ctx.inventory);
  if (key)
    return ctx.fail(
      `${name} has ${its}, with no authorizer, only an API key: API Gateway uses API keys to identify usage-plan ` +
        `clients, not to authorize them, and anyone holding a key (sent in a plain header, often shared) can connect${reached}. ` +
        'Add an authorizer (IAM or a Lambda authorizer) beside the key.',
      { severity: 'low' },
    );
  return ctx.fail(
    `${name} has ${its}, with no authorization and no API key: anyone on the internet can connect${reached}. ` +
      'Add an authorizer (IAM or a Lambda authorizer) to it.',
  );
}

/** `API abc123` (a literal id), or `an API not known before deploy (parameter ApiId)`. */
function apiNamed(api: Reference): string {
  return isUnknown(api) ? `an API not known before deploy (${api.reason})` : `API ${api}`;
}
