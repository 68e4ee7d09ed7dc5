import type { RouteAuthorization } from '../../../model/apigateway.js';
import { isUnknown, unknown, type Value } from '../../../model/values.js';
import type { MapContext } from './context.js';

/** The extension an OpenAPI operation sets its authorization type with, besides (or instead of) `security`. */
export const AUTH_EXTENSION = 'x-amazon-apigateway-auth';

/**
 * What an operation's `x-amazon-apigateway-auth` asks: `{type: AWS_IAM}` or `{type: NONE}`, in any case (API Gateway
 * Developer Guide, "x-amazon-apigateway-auth object": "Specify "NONE" for open access. Specify "AWS_IAM" to use IAM
 * permissions. Values are case insensitive."). Undefined when the operation does not set it; Unknown when it cannot
 * be read or names another type, which the guide does not document.
 */
export function authExtension(
  ctx: MapContext,
  operation: Record<string, unknown>,
  route: string,
): Value<RouteAuthorization> | undefined {
  if (operation[AUTH_EXTENSION] === undefined) return undefined;
  const written = ctx.object(operation[AUTH_EXTENSION]);
  if (isUnknown(written))
    return unknown(`the ${AUTH_EXTENSION} of ${route} cannot be read (${written.reason})`);
  if (written === undefined) return unknown(`the ${AUTH_EXTENSION} of ${route} is empty`);
  const type = ctx.string(written.type);
  if (isUnknown(type))
    return unknown(`the ${AUTH_EXTENSION} type of ${route} cannot be read (${type.reason})`);
  const upper = type?.toUpperCase();
  if (upper === 'AWS_IAM' || upper === 'NONE') return { type: upper, source: ctx.source(written, 'type') };
  return unknown(
    `the ${AUTH_EXTENSION} of ${route} has type ${type ?? '(none)'}, which is neither NONE nor AWS_IAM, the types ` +
      'the API Gateway guide documents',
  );
}

/**
 * The authorization of a REST operation that sets `x-amazon-apigateway-auth` (`extension`), given what its `security`
 * (with what SAM adds to it) asks (`security`; undefined when the operation has none). The guide does not say which
 * of the two API Gateway takes when both are written: where they agree, or where each one authorizes the caller,
 * that holds either way; where one of them leaves the route open, Unknown.
 */
export function withAuthExtension(
  extension: Value<RouteAuthorization>,
  security: Value<RouteAuthorization> | undefined,
  route: string,
): Value<RouteAuthorization> {
  if (isUnknown(extension) || security === undefined) return extension;
  if (isUnknown(security)) return security;
  if (extension.type === security.type) return extension.type === 'NONE' ? extension : security;
  const both =
    `${route} sets ${AUTH_EXTENSION} to ${extension.type} and its security asks for ${asked(security)}; the API ` +
    'Gateway guide does not say which one applies';
  if (extension.type !== 'NONE' && security.type !== 'NONE')
    return { ...extension, basis: `${both}, and each one authorizes the caller` };
  return unknown(both);
}

function asked(security: RouteAuthorization): string {
  if (security.type === 'NONE') return 'no authorizer';
  return security.authorizer === undefined
    ? security.type
    : `${security.type} (authorizer ${security.authorizer})`;
}
