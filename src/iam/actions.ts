import { closest } from '../config/names.js';
import { type AccessLevel, type ActionInfo, knownServices, serviceActions } from './action-data.js';
import { hasWildcard, isStarOnly, wildcardMatches } from './wildcards.js';

export type { AccessLevel, ActionInfo } from './action-data.js';

/** `service:Action` split; the service prefix in lower case. Undefined for a malformed action. */
export function parseActionPattern(
  pattern: string,
): { readonly service: string; readonly action: string } | undefined {
  if (isStarOnly(pattern)) return { service: '*', action: '*' };
  const parts = pattern.split(':');
  if (parts.length !== 2 || parts[0] === '' || parts[1] === '') return undefined;
  return { service: (parts[0] as string).toLowerCase(), action: parts[1] as string };
}

/** Whether an action pattern (`*`, `s3:*`, `s3:Put*`, `s3:GetObject`) matches an action; IAM actions ignore case. */
export function actionPatternMatches(pattern: string, action: string): boolean {
  return wildcardMatches(pattern, action, true);
}

/** `*` (or `*:*`): every action of every service. */
export function isFullWildcard(pattern: string): boolean {
  return pattern.startsWith('*') && (isStarOnly(pattern) || /^\*+:\*+$/.test(pattern));
}

/** The service whose every action the pattern grants (`s3` for `s3:*`), else undefined. */
export function serviceWildcard(pattern: string): string | undefined {
  if (!pattern.endsWith('*')) return undefined; // most actions are named: no match to make
  const match = /^([a-z0-9-]+):\*+$/i.exec(pattern);
  return match ? (match[1] as string).toLowerCase() : undefined;
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
  // The same few patterns recur in every role of a template: remember them.
  const key = pattern.toLowerCase();
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
      const action = actions.get(parsed.action.toLowerCase());
      if (action) found.push(action);
      continue;
    }
    for (const action of actions.values()) {
      if (wildcardMatches(pattern, action.name, true)) found.push(action);
    }
  }
  return anyService ? found : 'unknown-service';
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
    if (actions.has(parsed.action.toLowerCase())) return undefined;
    const names = [...actions.values()].map((action) => action.name.slice(action.name.indexOf(':') + 1));
    const meant = closest(parsed.action, names);
    return meant === undefined ? undefined : `${parsed.service}:${meant}`;
  }
  const service = closest(parsed.service, knownServices());
  const action =
    service === undefined ? undefined : serviceActions(service)?.get(parsed.action.toLowerCase());
  return action?.name;
}
