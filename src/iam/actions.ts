import { closest } from '../config/names.js';
import {
  type AccessLevel,
  type ActionInfo,
  knownServices,
  lowerAsciiCase,
  serviceActions,
} from './action-data.js';
import { patternCovers } from './pattern-covers.js';
import { hasWildcard, wildcardMatches } from './wildcards.js';

export type { AccessLevel, ActionInfo } from './action-data.js';

/** `service:Action` split; the service prefix in lower case. Undefined for a malformed action. */
export function parseActionPattern(
  pattern: string,
): { readonly service: string; readonly action: string } | undefined {
  // `*`, `?*`: every action of every service.
  if (!pattern.includes(':') && isFullWildcard(pattern)) return { service: '*', action: '*' };
  const parts = pattern.split(':');
  if (parts.length !== 2 || parts[0] === '' || parts[1] === '') return undefined;
  return { service: lowerAsciiCase(parts[0] as string), action: parts[1] as string };
}

/** Whether an action pattern (`*`, `s3:*`, `s3:Put*`, `s3:GetObject`) matches an action; IAM actions ignore case. */
export function actionPatternMatches(pattern: string, action: string): boolean {
  return wildcardMatches(pattern, action, true);
}

/**
 * Every action there is, as a pattern: a service prefix of a character or more (`q`), a `:`, and an action name of
 * three or more (apigateway:GET, resource-groups:Tag: the shortest the IAM catalog lists; test/iam/actions.test.ts
 * keeps this in step). A pattern of `*` and `?` alone covers it when it has a `*` and no more `?` than that
 * (`?*`, `*:?*`, `iam:?*`): IAM reads `?` in an action as one character and `*` as any run (IAM User Guide, "IAM
 * JSON policy elements: Action"), so such a pattern grants the same actions as `*` or `iam:*`.
 */
const ANY_NAME = '???*';
const ANY_ACTION = `?*:${ANY_NAME}`;

/** Only wildcards, with at most one `:` between them: what alone may grant every action, or every action of a service. */
const WILDCARDS_ONLY = /^[*?]+(?::[*?]+)?$/;
/** A literal service prefix, then wildcards alone. */
const SERVICE_THEN_WILDCARDS = /^([a-z0-9-]+):([*?]+)$/i;

/** `*` (or `*:*`, `?*`, `*:?*`): every action of every service. */
export function isFullWildcard(pattern: string): boolean {
  return WILDCARDS_ONLY.test(pattern) && patternCovers(pattern, ANY_ACTION, true);
}

/** The service whose every action the pattern grants (`s3` for `s3:*` or `s3:?*`), else undefined. */
export function serviceWildcard(pattern: string): string | undefined {
  // Most actions are named: no match to make.
  if (!pattern.endsWith('*') && !pattern.endsWith('?')) return undefined;
  const match = SERVICE_THEN_WILDCARDS.exec(pattern);
  return match && patternCovers(match[2] as string, ANY_NAME)
    ? (match[1] as string).toLowerCase()
    : undefined;
}

/** A service prefix with a wildcard in it, then wildcards alone: `i?m:*`, `s*:?*`. */
const WILD_SERVICE_THEN_WILDCARDS = /^([a-z0-9*?-]*[*?][a-z0-9*?-]*):([*?]+)$/i;

/**
 * The services whose every action the pattern grants: that of `s3:*` (see serviceWildcard), or each service of the
 * catalog that a prefix with `*` or `?` matches (`i?m:*` is iam:*, `s?:*` s3:*): IAM reads the wildcards of an
 * action in its service prefix too (IAM User Guide, "IAM JSON policy elements: Action"). Empty for `*` and its likes
 * (every action: see isFullWildcard), for a pattern short of a whole service, and for a prefix naming no service the
 * catalog knows.
 */
export function serviceWildcards(pattern: string): readonly string[] {
  const named = serviceWildcard(pattern);
  if (named !== undefined) return [named];
  if (!pattern.endsWith('*') && !pattern.endsWith('?')) return [];
  const match = WILD_SERVICE_THEN_WILDCARDS.exec(pattern);
  if (match === null || isFullWildcard(pattern) || !patternCovers(match[2] as string, ANY_NAME)) return [];
  const prefix = match[1] as string;
  return knownServices().filter((service) => wildcardMatches(prefix, service, true));
}

/**
 * What a Deny's Action must cover to take back a grant of `pattern`: every action there is for `*` and its likes
 * (so `*:*` covers `*`), every action of the service for `s3:*` and its likes (so `s3:?*` covers `s3:*`), else the
 * pattern itself.
 */
export function grantedAsCovered(pattern: string): string {
  if (isFullWildcard(pattern)) return ANY_ACTION;
  const service = serviceWildcard(pattern);
  return service === undefined ? pattern : `${service}:${ANY_NAME}`;
}

let everyAction: readonly ActionInfo[] | undefined;

function allActions(): readonly ActionInfo[] {
  everyAction ??= knownServices().flatMap((service) => [...(serviceActions(service)?.values() ?? [])]);
  return everyAction;
}

/**
 * The known actions a pattern grants, from the catalog. `unknown-service` when the catalog does not
 * know the service (newer than the catalog, or a typo); `invalid` when it is not `service:action`.
 */
export function matchingActions(pattern: string): readonly ActionInfo[] | 'unknown-service' | 'invalid' {
  // The same few patterns recur in every role of a template: remember them, by a key folded as the match folds.
  const key = lowerAsciiCase(pattern);
  let found = matched.get(key);
  if (found === undefined) {
    if (matched.size >= MAX_CACHED) matched.clear();
    found = match(pattern);
    matched.set(key, found);
  }
  return found;
}

const MAX_CACHED = 5_000;
const matched = new Map<string, readonly ActionInfo[] | 'unknown-service' | 'invalid'>();

function match(pattern: string): readonly ActionInfo[] | 'unknown-service' | 'invalid' {
  if (isFullWildcard(pattern)) return allActions();
  const parsed = parseActionPattern(pattern);
  if (parsed === undefined) return 'invalid';
  const services = hasWildcard(parsed.service)
    ? knownServices().filter((service) => wildcardMatches(parsed.service, service, true))
    : [parsed.service];
  const found: ActionInfo[] = [];
  let anyService = false;
  for (const service of services) {
    const actions = serviceActions(service);
    if (actions === undefined) continue;
    anyService = true;
    if (!hasWildcard(parsed.action)) {
      const action = actions.get(lowerAsciiCase(parsed.action));
      if (action) found.push(action);
      continue;
    }
    const prefix = namePrefix(parsed.action);
    // forEach, not for-of: a scan runs each pattern once, mostly before V8 optimizes this loop, and unoptimized
    // a for-of over a map's entries took ten times as long.
    actions.forEach((action, name) => {
      if (prefix !== undefined ? name.startsWith(prefix) : wildcardMatches(pattern, action.name, true))
        found.push(action);
    });
  }
  return anyService ? found : 'unknown-service';
}

/**
 * `get` for `s3:Get*`: the action name before a `*` that ends the pattern and is its only wildcard, in lower case,
 * to compare with the catalog's names in lower case (serviceActions' keys) rather than match each against the
 * pattern: the commonest wildcard (ReadOnlyAccess has 387), each run over every action of its service. Lowered as
 * lowerAsciiCase does, which folds as wildcardMatches does against the catalog's ASCII names.
 */
function namePrefix(action: string): string | undefined {
  const star = action.indexOf('*');
  if (star !== action.length - 1 || action.includes('?')) return undefined;
  return lowerAsciiCase(action.slice(0, star));
}

/** The actions a pattern grants by name (`s3:PutObject`, ...), sorted; empty when the catalog knows none. */
export function expandActionPattern(pattern: string): readonly string[] {
  const actions = matchingActions(pattern);
  return typeof actions === 'string' ? [] : actions.map((a) => a.name).sort();
}

/**
 * The access levels of the actions a pattern grants. `unknown-action` when the service is known but
 * no action matches: an action newer than the catalog, or a typo (which IAM ignores); either way the
 * catalog cannot say what it grants.
 */
export function accessLevelsOf(
  pattern: string,
): ReadonlySet<AccessLevel> | 'unknown-service' | 'unknown-action' {
  const actions = matchingActions(pattern);
  if (actions === 'unknown-service') return actions;
  if (actions === 'invalid' || actions.length === 0) return 'unknown-action';
  const levels = new Set<AccessLevel>();
  for (const action of actions) for (const level of action.levels) levels.add(level);
  return levels;
}

/**
 * The catalog action a name it does not know most likely meant: one of the same service a few edits away
 * (`iam:CreateAcountAlias` → iam:CreateAccountAlias), or the same action of a service a few edits away
 * (`dynamdb:PutItem` → dynamodb:PutItem). Undefined for a pattern with a wildcard, a name the catalog knows,
 * and when none is close or two are equally close (see closest): a wrong suggestion is worse than none.
 */
export function closeAction(name: string): string | undefined {
  const parsed = parseActionPattern(name);
  if (parsed === undefined || hasWildcard(name)) return undefined;
  const actions = serviceActions(parsed.service);
  if (actions !== undefined) {
    if (actions.has(lowerAsciiCase(parsed.action))) return undefined;
    const names = [...actions.values()].map((action) => action.name.slice(action.name.indexOf(':') + 1));
    const meant = closest(parsed.action, names);
    return meant === undefined ? undefined : `${parsed.service}:${meant}`;
  }
  const service = closest(parsed.service, knownServices());
  const action =
    service === undefined ? undefined : serviceActions(service)?.get(lowerAsciiCase(parsed.action));
  return action?.name;
}
