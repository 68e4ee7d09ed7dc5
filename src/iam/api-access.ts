import { everyAddressIn } from '../model/cidr.js';
import type { PolicyDocument, Statement } from '../model/iam.js';
import { isUnknown, type Value } from '../model/values.js';
import { EVERY_ADDRESS, restrictingConditions } from './conditions.js';
import { isPublicPrincipal, principalEntries } from './principals.js';
import { coversAction, isAllow, isDeny } from './statements.js';
import { type AnalysisOptions, elementsOf, instantiate } from './templates.js';
import { allOf, anyOf, type Tri } from './tri.js';
import { isStarOnly, wildcardMatches } from './wildcards.js';

/**
 * Who an API Gateway resource policy lets call a route that has no authorizer and no API key. With such a route,
 * API Gateway allows a call only when the policy explicitly allows it and no Deny applies ("How API Gateway
 * resource policies affect authorization workflow": resource policy only):
 * - `public`: an Allow for `*` without conditions covers the route, and no Deny applies to anyone;
 * - `restricted`: a Deny shuts out every caller outside a network, VPC or account, or no Allow lets an anonymous
 *   caller in;
 * - `unknown`: what decides it cannot be read or judged (conditions such as aws:CurrentTime, intrinsics).
 */
export interface ApiAccess {
  readonly answer: 'public' | 'restricted' | 'unknown';
  /** In words, for the finding: which statement decides, and how. */
  readonly reason: string;
}

/** The route as API Gateway names it in `execute-api:/<stage>/<METHOD>/<path>`. */
export interface RouteTarget {
  readonly method: string;
  readonly path: string;
  /**
   * `ipv4` where only IPv4 callers reach the API, `dualstack` where IPv6 ones do too (ApiRoute.ipAddressType);
   * undefined where not read, taken as IPv6 callers may.
   */
  readonly ipAddressType?: Value<string>;
}

const INVOKE = 'execute-api:Invoke';
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];
/** Condition keys that name the caller's network or account; a negated operator on them keeps out everyone else. */
const CALLER_KEYS = new Set([
  'aws:sourceip',
  'aws:sourcevpc',
  'aws:sourcevpce',
  'aws:principalaccount',
  'aws:principalorgid',
  'aws:principalarn',
  'aws:vpcsourceip',
]);
const NEGATED = /^(stringnot|arnnot|notipaddress)/;
/** Conditions that do not limit who calls: an Allow with only these is an Allow for everyone. */
const NO_LIMIT = new Set(['aws:securetransport']);

export function apiPolicyAccess(
  policy: Value<PolicyDocument>,
  route: RouteTarget,
  options: AnalysisOptions = {},
): ApiAccess {
  if (isUnknown(policy))
    return { answer: 'unknown', reason: `its resource policy cannot be read (${policy.reason})` };
  const statements = policy.statements;
  if (isUnknown(statements))
    return { answer: 'unknown', reason: `its resource policy cannot be read (${statements.reason})` };
  const denies = statements.map((statement) => denial(statement, route, options));
  const shut = denies.find((d) => d?.answer === 'yes');
  if (shut) return { answer: 'restricted', reason: shut.reason };
  const maybeShut = denies.find((d) => d?.answer === 'unknown');
  if (maybeShut) return { answer: 'unknown', reason: maybeShut.reason };
  const allows = statements.map((statement) => publicAllow(statement, route, options));
  const open = allows.find((a) => a?.answer === 'yes');
  // A Deny that reads like an allowlist but lets every address through is said beside the Allow.
  const keepsNoOne = denies.find((d) => d?.answer === 'no');
  if (open)
    return {
      answer: 'public',
      reason: keepsNoOne ? `${open.reason}, and ${keepsNoOne.reason}` : open.reason,
    };
  const maybeOpen = allows.find((a) => a?.answer === 'unknown');
  if (maybeOpen) return { answer: 'unknown', reason: maybeOpen.reason };
  return {
    answer: 'restricted',
    reason: 'its resource policy allows no anonymous caller (API Gateway denies what it does not allow)',
  };
}

interface Judged {
  readonly answer: Tri;
  readonly reason: string;
}

/** Whether the statement applies to an anonymous call of the route: execute-api:Invoke, this route, everyone. */
function appliesToPublic(statement: Statement, route: RouteTarget, options: AnalysisOptions): Tri {
  const entries = principalEntries(statement, options);
  const isPublic = isUnknown(entries)
    ? 'unknown'
    : anyOf(entries.map((entry) => isPublicPrincipal(entry, options)));
  return allOf([coversAction(statement, INVOKE, options), coversRoute(statement, route, options), isPublic]);
}

/** A Deny that keeps the public out: unconditional, or unless the caller comes from a network, VPC or account. */
function denial(statement: Statement, route: RouteTarget, options: AnalysisOptions): Judged | undefined {
  const applies = allOf([isDeny(statement), appliesToPublic(statement, route, options)]);
  if (applies === 'no') return undefined;
  const conditions = statement.conditions;
  const where = statement.sid === undefined ? 'a Deny without conditions' : `the Deny ${statement.sid}`;
  if (conditions === undefined)
    return {
      answer: applies,
      reason:
        applies === 'yes'
          ? `its resource policy denies every caller (${where})`
          : `its resource policy has a Deny that may cover this route (${where})`,
    };
  if (isUnknown(conditions))
    return {
      answer: 'unknown',
      reason: `the conditions of a Deny in its resource policy are not known (${conditions.reason})`,
    };
  const written = Object.entries(conditions).flatMap(([operator, keys]) =>
    Object.keys(keys).map((key) => ({ operator, key, text: `${operator} ${key}` })),
  );
  const list = written.map((c) => c.text).join(', ');
  // `Null` and `...IfExists` also decide when the key is absent (a public caller has no aws:SourceVpce):
  // not read here, so not taken to let anyone in.
  if (written.some(({ operator }) => /^null$|ifexists$|^forany|^forall/i.test(operator)))
    return {
      answer: 'unknown',
      reason: `its resource policy has a Deny whose conditions (${list}) Parapet cannot judge`,
    };
  const callerOnly = written.every(({ key }) => CALLER_KEYS.has(key.toLowerCase()));
  const negated = written.every(({ operator }) => NEGATED.test(operator.toLowerCase()));
  const listed = Object.values(conditions).flatMap((keys) =>
    Object.values(keys).flatMap((v) => (isUnknown(v) ? [v] : v)),
  );
  // Only addresses name every caller: `StringNotLike aws:SourceVpce "*"` still shuts out whoever comes through
  // no endpoint (the key is then absent).
  const onlyAddresses = written.every(({ key }) => key.toLowerCase() === 'aws:sourceip');
  const everyAddress = (value: Value<string>) =>
    !isUnknown(value) &&
    (value === '0.0.0.0/0' || value === '::/0' || (onlyAddresses && /^\*+$/.test(value)));
  // A list of ranges matches an address in any of them: `0.0.0.0/1` and `128.0.0.0/1` together are every address.
  const addresses = Object.values(conditions).flatMap((keys) =>
    Object.entries(keys).flatMap(([key, v]) =>
      key.toLowerCase() === 'aws:sourceip' && !isUnknown(v)
        ? v.filter((r): r is string => !isUnknown(r))
        : [],
    ),
  );
  const together = everyAddressIn(addresses);
  // A Deny of every caller must hold every IPv4 address: one of IPv6 ranges alone (`::/0`, `::/1` + `8000::/1`)
  // lets every IPv4 caller in.
  const everyIpv4 = (value: Value<string>) => everyAddress(value) && value !== '::/0';
  const deniesEvery = (values: readonly Value<string>[]) => values.some(everyIpv4) || together === 'IPv4';
  // `Deny unless from these addresses` keeps everyone else out; `Deny from these addresses` lets everyone else in.
  if (callerOnly && negated) {
    // Ranges of every IPv6 address leave out no IPv6 caller: none where the API takes IPv4 calls only.
    const ipv6 = ipv6Callers(route);
    const everyV6 = (value: Value<string>) => everyAddress(value) && !everyIpv4(value);
    const ipv6Open = together === 'IPv6' || listed.some(everyV6);
    if (listed.some(everyIpv4)) return undefined; // `Deny unless from anywhere` keeps no one out
    if (together === 'IPv4')
      return {
        answer: 'no',
        reason: `its Deny of callers outside ${addresses.join(', ')} keeps no one out (together they hold every IPv4 address)`,
      };
    if (ipv6Open && ipv6 !== 'none') {
      const v6 = listed.some(everyV6)
        ? 'they hold every IPv6 address'
        : 'together they hold every IPv6 address';
      if (ipv6 === 'all')
        return {
          answer: 'no',
          reason: `its Deny of callers outside ${addresses.join(', ')} keeps no IPv6 caller out (${v6}, and the API takes IPv6 calls: IpAddressType dualstack)`,
        };
      return {
        answer: 'unknown',
        reason: `its Deny of callers outside ${addresses.join(', ')} keeps no IPv6 caller out (${v6}), and whether the API takes IPv6 calls is not known (${ipv6.reason})`,
      };
    }
    if (listed.some(isUnknown))
      return {
        answer: 'unknown',
        reason: `the values of ${list} in a Deny of its resource policy are not known`,
      };
    return { answer: applies, reason: `its resource policy denies callers outside what ${list} names` };
  }
  if (callerOnly && !written.some(({ operator }) => NEGATED.test(operator.toLowerCase()))) {
    // `Deny from 0.0.0.0/0` is a Deny of every caller; from fewer addresses, everyone else gets in.
    if (onlyAddresses && deniesEvery(listed))
      return {
        answer: applies,
        reason: `its resource policy denies every caller (${list} covers every address)`,
      };
    return undefined;
  }
  return {
    answer: 'unknown',
    reason: `its resource policy has a Deny whose conditions (${list}) Parapet cannot judge`,
  };
}

/**
 * Whether IPv6 callers reach the API: `all` (dualstack, or not read), `none` (IPv4 only, the default of a Regional or
 * edge-optimized REST API), or why it is not known.
 */
function ipv6Callers(route: RouteTarget): 'all' | 'none' | { readonly reason: string } {
  const type = route.ipAddressType;
  if (type === undefined) return 'all';
  if (isUnknown(type)) return { reason: `its IpAddressType: ${type.reason}` };
  return type === 'ipv4' ? 'none' : 'all';
}

/** An Allow that lets anyone call the route: for `*`, with no condition that limits who or when. */
function publicAllow(statement: Statement, route: RouteTarget, options: AnalysisOptions): Judged | undefined {
  const applies = allOf([isAllow(statement), appliesToPublic(statement, route, options)]);
  if (applies === 'no') return undefined;
  const restriction = restrictingConditions(statement, 'public', options);
  if (restriction.answer === 'yes') return undefined;
  const conditions = statement.conditions;
  // An address condition whose ranges hold every address limits no one (`IpAddress aws:SourceIp 0.0.0.0/0`).
  const everyAddress = new Set(
    restriction.ignored.filter(({ why }) => why === EVERY_ADDRESS).map(({ condition }) => condition),
  );
  const limits =
    conditions === undefined || isUnknown(conditions)
      ? []
      : Object.entries(conditions).flatMap(([operator, keys]) =>
          Object.keys(keys)
            .filter((key) => !NO_LIMIT.has(key.toLowerCase()))
            .map((key) => `${operator} ${key}`)
            .filter((condition) => !everyAddress.has(condition)),
        );
  if (restriction.answer === 'unknown' || limits.length > 0) {
    const which = limits.length > 0 ? limits.join(', ') : restriction.by.join(', ');
    return {
      answer: 'unknown',
      reason: `its resource policy allows anyone while its conditions hold (${which})`,
    };
  }
  if (applies === 'unknown')
    return {
      answer: 'unknown',
      reason: 'its resource policy may allow anyone (part of an Allow is not known)',
    };
  const how =
    everyAddress.size === 0
      ? 'no condition'
      : `the ranges of its ${[...everyAddress].join(', ')} hold every address`;
  return { answer: 'yes', reason: `its resource policy allows anyone (Principal *, ${how})` };
}

/**
 * Whether the statement's Resource covers every call of the route. Resources are `execute-api:/<stage>/<METHOD>/
 * <path>` (the form SAM and the API Gateway docs use) or the full `arn:...:execute-api:<region>:<account>:<api-id>/
 * ...`; the policy belongs to this API, so region, account and API id do not narrow it. A statement SAM generates
 * for the route has no Resource here: it covers it. A pattern that covers some calls only (one method of ANY, one
 * value of a path parameter) is `unknown`.
 */
function coversRoute(statement: Statement, route: RouteTarget, options: AnalysisOptions): Tri {
  if (statement.notResources !== undefined) return 'unknown';
  const resources = elementsOf(statement.resources);
  if (resources === undefined) return 'yes';
  if (isUnknown(resources)) return 'unknown';
  return anyOf(resources.map((resource) => patternCovers(resource, route, options)));
}

function patternCovers(resource: Value<string>, route: RouteTarget, options: AnalysisOptions): Tri {
  const narrow = instantiate(resource, 'narrow', options);
  const wide = instantiate(resource, 'anyText', options);
  if (narrow === undefined || wide === undefined) return 'unknown';
  const hard = coverage(narrow, route);
  if (hard === 'yes') return 'yes';
  return coverage(wide, route) === 'no' ? 'no' : 'unknown';
}

function coverage(pattern: string, route: RouteTarget): Tri {
  if (isStarOnly(pattern)) return 'yes';
  const rest = afterApiId(pattern);
  if (rest === undefined) return 'no';
  if (isStarOnly(rest)) return 'yes';
  // The stage is the first segment. A literal one names one stage of this API: which stages the route is
  // deployed to is not in the route, so it may or may not be that one.
  const literalStage = /^[^/*?]+/.exec(rest)?.[0];
  const stage = literalStage ?? 'stage';
  const methods = route.method === 'ANY' ? METHODS : [route.method];
  const matches = methods.map((method) => wildcardMatches(rest, `${stage}/${method}${route.path}`));
  if (matches.every(Boolean)) return literalStage === undefined ? 'yes' : 'unknown';
  if (matches.some(Boolean)) return 'unknown';
  return route.path.includes('{') && mayMatchParameters(rest, methods, route.path) ? 'unknown' : 'no';
}

/**
 * Whether a pattern may cover some call of a route with path parameters (`/items/{id}`): not when its method
 * is another, nor when, written without wildcards, a literal segment of the route differs from it.
 */
function mayMatchParameters(rest: string, methods: readonly string[], path: string): boolean {
  const [, method = '', ...segments] = rest.split('/');
  if (!methods.some((m) => wildcardMatches(method, m))) return false;
  if (/[*?]/.test(segments.join('/')) || path.includes('+}')) return true;
  const routeSegments = path.split('/').slice(1);
  if (routeSegments.length !== segments.length) return false;
  return routeSegments.every((segment, i) => segment.startsWith('{') || segment === segments[i]);
}

/** `<stage>/<METHOD>/<path>` of a resource pattern, past `execute-api:/` or the ARN and API id. */
function afterApiId(pattern: string): string | undefined {
  if (pattern.startsWith('execute-api:/')) return pattern.slice('execute-api:/'.length);
  const fields = pattern.split(':');
  if (fields[0] !== 'arn' || fields.length < 6 || !wildcardMatches(fields[2] ?? '', 'execute-api'))
    return undefined;
  const resource = fields.slice(5).join(':');
  const slash = resource.indexOf('/');
  if (slash === -1) return isStarOnly(resource) ? '*' : undefined;
  return resource.slice(slash + 1);
}
