import type { Statement } from '../model/iam.js';
import { isUnknown, type Value } from '../model/values.js';
import {
  type AccessLevel,
  type ActionInfo,
  isFullWildcard,
  matchingActions,
  serviceWildcard,
} from './actions.js';
import { type HitOptions, type PolicyHit, type PolicyInput, statementHit, visitStatements } from './hits.js';
import {
  coversAction,
  coversAllResources,
  coversResources,
  hasConditions,
  isAllow,
  isDeny,
} from './statements.js';
import {
  type AnalysisOptions,
  broadTest,
  describeValue,
  elementsOf,
  instantiate,
  SELF_ACCOUNT,
} from './templates.js';
import { allOf, anyOf, not, type Tri } from './tri.js';
import { wildcardMatches } from './wildcards.js';

// ---------------------------------------------------------------------------------------------
// Action "*", service-wide wildcards, NotAction

export interface BroadActionHit extends PolicyHit {
  /** `all-actions`: `*`; `service-wildcard`: `s3:*`; `not-action`: an Allow with NotAction (everything else). */
  readonly kind: 'all-actions' | 'service-wildcard' | 'not-action';
  /** For `service-wildcard`: the service prefix, in lower case. */
  readonly service?: string;
  /** Whether the statement also applies to every resource. */
  readonly allResources: Tri;
}

/**
 * Allow statements granting every action (`*`), every action of a service (`s3:*`, `iam:*`), or every
 * action but some (`NotAction` with Allow). Deny statements never grant.
 */
export function broadActionGrants(input: PolicyInput, options: HitOptions = {}): BroadActionHit[] {
  const hits: BroadActionHit[] = [];
  const unseen = visitStatements(input, options, (visit) => {
    const { statement } = visit;
    const allow = isAllow(statement);
    if (allow === 'no') return;
    let allResources: Tri | undefined; // only worked out for statements that hit
    const add = (
      kind: BroadActionHit['kind'],
      answers: Tri[],
      reason: string,
      value?: string,
      service?: string,
    ) => {
      const hit = statementHit(visit, [allow, ...answers], {
        reason,
        ...(value === undefined ? {} : { value }),
      });
      if (hit === undefined) return;
      allResources ??= coversAllResources(statement, options);
      hits.push({ ...hit, kind, allResources, ...(service === undefined ? {} : { service }) });
    };
    const actions = elementsOf(statement.actions);
    const notActions = elementsOf(statement.notActions);
    if (actions !== undefined) {
      if (isUnknown(actions)) {
        add('all-actions', ['unknown'], `Action not known before deploy (${actions.reason})`);
        return;
      }
      for (const pattern of actions) {
        const text = describeValue(pattern);
        const full = broadTest(pattern, isFullWildcard, 'anyPattern', options);
        if (full !== 'no') {
          add('all-actions', [full], `Allow grants every action ("${text}")`, text);
          continue;
        }
        const service = serviceOf(pattern, options);
        if (service) {
          add(
            'service-wildcard',
            [service.answer],
            `Allow grants every ${service.name} action ("${text}")`,
            text,
            service.name,
          );
        }
      }
    } else if (notActions !== undefined) {
      const excluded = isUnknown(notActions) ? undefined : notActions;
      const excludesAll = excluded
        ? anyOf(excluded.map((p) => broadTest(p, isFullWildcard, 'anyPattern', options)))
        : 'unknown';
      const list = excluded ? excluded.map(describeValue).join(', ') : 'a list not known before deploy';
      add('not-action', [not(excludesAll)], `Allow with NotAction grants every action except ${list}`);
    }
  });
  return [
    ...unseen.map((hit) => ({ ...hit, kind: 'all-actions' as const, allResources: 'unknown' as const })),
    ...hits,
  ];
}

function serviceOf(
  pattern: Value<string>,
  options: AnalysisOptions,
): { name: string; answer: Tri } | undefined {
  const narrow = instantiate(pattern, 'narrow', options);
  const certain = narrow === undefined ? undefined : serviceWildcard(narrow);
  if (certain) return { name: certain, answer: 'yes' };
  const wide = instantiate(pattern, 'anyPattern', options);
  const possible = wide === undefined ? undefined : serviceWildcard(wide);
  return possible ? { name: possible, answer: 'unknown' } : undefined;
}

// ---------------------------------------------------------------------------------------------
// Resource "*" on write / permissions-management actions

/** One per statement; `value` lists the action patterns that grant the writes. */
export interface WriteOnAllResourcesHit extends PolicyHit {
  /** The write-level actions granted on every resource (at most 25, by name), when the catalog knows them. */
  readonly actions: readonly string[];
  readonly levels: readonly AccessLevel[];
}

const DEFAULT_LEVELS: readonly AccessLevel[] = ['Write', 'Permissions management'];
const SAMPLE = 25;

/**
 * Allow statements granting write or permissions-management actions on every resource (`Resource: "*"`
 * or a NotResource). Actions that support only `Resource: "*"` (xray:PutTraceSegments and the like)
 * are left out: there is no narrower way to grant them. Patterns are
 * expanded with the IAM action catalog; an action the catalog does not know gives an `unknown` hit.
 */
export function writeOnAllResources(
  input: PolicyInput,
  options: HitOptions & { readonly levels?: readonly AccessLevel[] } = {},
): WriteOnAllResourcesHit[] {
  const wanted = options.levels ?? DEFAULT_LEVELS;
  const isScopableWrite = (action: ActionInfo) =>
    !action.wildcardOnly && wanted.some((level) => action.levels.has(level));
  const hits: WriteOnAllResourcesHit[] = [];
  const unseen = visitStatements(input, options, (visit) => {
    const { statement } = visit;
    const allow = isAllow(statement);
    if (allow === 'no') return;
    const allResources = coversAllResources(statement, options);
    if (allResources === 'no') return;
    const add = (answer: Tri, reason: string, actions: readonly ActionInfo[], value?: string) => {
      const hit = statementHit(visit, [allow, allResources, answer], {
        reason,
        ...(value === undefined ? {} : { value }),
      });
      if (hit) hits.push({ ...hit, ...summary(actions, wanted) });
    };
    const onAll = allResources === 'yes' ? 'on every resource' : 'possibly on every resource';
    const actions = elementsOf(statement.actions);
    if (actions !== undefined) {
      if (isUnknown(actions)) {
        add('unknown', `Action not known before deploy (${actions.reason}), ${onAll}`, []);
        return;
      }
      // One hit per statement: the patterns that grant writes, certain ones first.
      const found = actions.map((pattern) => ({
        text: describeValue(pattern),
        ...writesOf(pattern, isScopableWrite, options),
      }));
      const answer = anyOf(found.map((f) => f.answer));
      if (answer === 'no') return;
      const granting = found.filter((f) => f.answer === answer);
      const quoted = granting.map((f) => `"${f.text}"`).join(', ');
      const why = [...new Set(granting.map((f) => f.why).filter((w) => w !== undefined))].join('; ');
      const reason =
        answer === 'yes'
          ? `Allow grants write actions ${onAll} (${quoted})`
          : `Allow grants ${quoted} ${onAll}; ${why}`;
      add(
        answer,
        reason,
        [...new Set(granting.flatMap((f) => f.actions))],
        granting.map((f) => f.text).join(', '),
      );
    } else if (statement.notActions !== undefined) {
      const found = writesOutside(statement, isScopableWrite, options);
      if (found.answer !== 'no') {
        add(found.answer, `Allow with NotAction grants write actions ${onAll}`, found.actions);
      }
    }
  });
  return [...unseen.map((hit) => ({ ...hit, actions: [], levels: [] })), ...hits];
}

function summary(actions: readonly ActionInfo[], wanted: readonly AccessLevel[]) {
  const levels = wanted.filter((level) => actions.some((action) => action.levels.has(level)));
  const names = actions.slice(0, SAMPLE).map((action) => action.name);
  return { actions: names, levels };
}

interface WriteLookup {
  readonly answer: Tri;
  readonly actions: readonly ActionInfo[];
  readonly why?: string;
}

/** The scopable write actions a pattern grants: yes, no, or unknown (with why) when the catalog cannot say. */
function writesOf(
  pattern: Value<string>,
  isWrite: (a: ActionInfo) => boolean,
  options: AnalysisOptions,
): WriteLookup {
  if (!isUnknown(pattern)) {
    const actions = matchingActions(pattern);
    if (actions === 'unknown-service') {
      return { answer: 'unknown', actions: [], why: 'the IAM action catalog does not know this service' };
    }
    if (actions === 'invalid' || actions.length === 0) {
      return { answer: 'unknown', actions: [], why: 'the IAM action catalog knows no such action' };
    }
    const writes = actions.filter(isWrite);
    return { answer: writes.length > 0 ? 'yes' : 'no', actions: writes };
  }
  // Not known before deploy: the placeholders could be anything, so only an upper bound is known.
  const wide = instantiate(pattern, 'anyText', options);
  if (wide === undefined) {
    return {
      answer: 'unknown',
      actions: [],
      why: `the action is not known before deploy (${pattern.reason})`,
    };
  }
  const possible = matchingActions(wide);
  if (possible === 'invalid') return { answer: 'no', actions: [] };
  const writes = possible === 'unknown-service' ? [] : possible.filter(isWrite);
  if (possible !== 'unknown-service' && writes.length === 0) return { answer: 'no', actions: [] };
  return {
    answer: 'unknown',
    actions: writes,
    why: `the action is not known before deploy (${pattern.reason})`,
  };
}

/** The scopable write actions an Allow with NotAction grants: every catalog action its patterns do not exclude. */
function writesOutside(
  statement: Statement,
  isWrite: (a: ActionInfo) => boolean,
  options: AnalysisOptions,
): WriteLookup {
  const notActions = elementsOf(statement.notActions);
  if (isUnknown(notActions) || notActions === undefined) {
    return { answer: 'unknown', actions: [] };
  }
  const all = matchingActions('*');
  if (typeof all === 'string') return { answer: 'unknown', actions: [] };
  const certain: ActionInfo[] = [];
  const possible: ActionInfo[] = [];
  for (const action of all) {
    if (!isWrite(action)) continue;
    const granted = coversAction(statement, action.name, options);
    if (granted === 'yes') certain.push(action);
    else if (granted === 'unknown') possible.push(action);
  }
  if (certain.length > 0) return { answer: 'yes', actions: certain };
  return { answer: possible.length > 0 ? 'unknown' : 'no', actions: possible };
}

// ---------------------------------------------------------------------------------------------
// iam:PassRole on every role

export interface PassRoleHit extends PolicyHit {
  /** `any-account`: any role anywhere (`*`); `account`: every role of one account (`arn:aws:iam::123456789012:role/*`). */
  readonly scope: 'any-account' | 'account';
}

const OTHER_ACCOUNT = '999988887777';

/** Which roles a resource pattern covers: every role of any account, every role of one account, or not every role. */
export function roleCoverage(
  pattern: string,
  options: AnalysisOptions = {},
): 'any-account' | 'account' | 'none' {
  if (!pattern.includes('*')) return 'none'; // without a `*` it names at most one role
  const partition = /^arn:(aws[a-z-]*):/.exec(pattern)?.[1] ?? 'aws';
  const self = options.selfAccount ?? SELF_ACCOUNT;
  const coversAccount = (account: string) =>
    [
      `arn:${partition}:iam::${account}:role/x`,
      `arn:${partition}:iam::${account}:role/service-role/Probe-1`,
    ].every((arn) => wildcardMatches(pattern, arn));
  if (coversAccount(self) && coversAccount(OTHER_ACCOUNT)) return 'any-account';
  const named = /^arn:[^:]*:iam::(\d{12}):/.exec(pattern)?.[1];
  return coversAccount(named ?? self) ? 'account' : 'none';
}

/**
 * Allow statements letting the holder pass every role (iam:PassRole on `*`, through `iam:*`, `iam:Pass*`
 * or `*`), or every role of an account: with it, code running as this role can hand any role (an
 * admin one included) to a new function or instance. An unconditional Deny of iam:PassRole in the
 * same policies cancels the hits; one that may apply makes them `unknown`.
 */
export function passRoleGrants(input: PolicyInput, options: HitOptions = {}): PassRoleHit[] {
  const hits: PassRoleHit[] = [];
  const denies: Tri[] = [];
  const covers = (scope: 'any-account' | 'account') => (pattern: string) => {
    const coverage = roleCoverage(pattern, options);
    return scope === 'account' ? coverage !== 'none' : coverage === 'any-account';
  };
  const unseen = visitStatements(input, options, (visit) => {
    const { statement } = visit;
    const passes = coversAction(statement, 'iam:PassRole', options);
    if (passes === 'no') return;
    const deny = isDeny(statement);
    if (deny !== 'no') {
      const everywhere = coversResources(statement, covers('account'), options);
      denies.push(allOf([deny, passes, everywhere, not(hasConditions(statement))]));
    }
    const allow = isAllow(statement);
    if (allow === 'no') return;
    const anyAccount = coversResources(statement, covers('any-account'), options);
    const oneAccount = coversResources(statement, covers('account'), options);
    // The surest scope first: every role anywhere, then every role of an account.
    const [scope, coverage] =
      anyAccount === 'yes' || (anyAccount === 'unknown' && oneAccount !== 'yes')
        ? (['any-account', anyAccount] as const)
        : (['account', oneAccount] as const);
    if (coverage === 'no') return;
    const what = scope === 'any-account' ? 'every role' : 'every role of an account';
    const resources = elementsOf(statement.resources);
    const value =
      resources === undefined || isUnknown(resources) ? undefined : resources.map(describeValue).join(', ');
    const hit = statementHit(visit, [allow, passes, coverage], {
      reason: `Allow grants iam:PassRole on ${what}${value === undefined ? '' : ` ("${value}")`}`,
      ...(value === undefined ? {} : { value }),
    });
    if (hit) hits.push({ ...hit, scope });
  });
  // An explicit Deny wins over every Allow, in the policies that cannot be read too.
  const denied = anyOf(denies);
  if (denied === 'yes') return [];
  const adjusted = denied === 'unknown' ? hits.map((hit) => ({ ...hit, answer: 'unknown' as const })) : hits;
  return [...unseen.map((hit) => ({ ...hit, scope: 'any-account' as const })), ...adjusted];
}
