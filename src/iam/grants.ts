import type { Statement } from '../model/iam.js';
import { BoundedMemo } from '../model/memo.js';
import { isUnknown, type Value } from '../model/values.js';
import { actionPatternMatches, isFullWildcard, serviceWildcards } from './actions.js';
import { type DenyStatement, denyOutcome, denyStatements, type UncertainDeny } from './denies.js';
import { type ActionsLeft, actionsLeft, denyCoversActions, patternIntersection } from './deny-actions.js';
import { denyReach } from './deny-reach.js';
import { doubtsOf, type Factor, factor, partFactor } from './doubts.js';
import { type Escalation, escalationOn, IAM_ESCALATING } from './escalation.js';
import {
  type HitOptions,
  type PolicyHit,
  type PolicyInput,
  statementHit,
  type Visit,
  visitStatements,
} from './hits.js';
import { actionsOnKept } from './kept-resources.js';
import { partitionOf } from './partitions.js';
import { patternCovers } from './pattern-covers.js';
import {
  coversAction,
  coversAllResources,
  coversResources,
  hasConditions,
  isAllow,
  isAllResources,
  isDeny,
  notResourceWords,
} from './statements.js';
import {
  type AnalysisOptions,
  broadTest,
  comparedText,
  describeValue,
  elementsOf,
  instantiate,
  SELF_ACCOUNT,
} from './templates.js';
import { allOf, anyOf, not, type Tri } from './tri.js';
import { hasWildcard, wildcardMatches } from './wildcards.js';

// ---------------------------------------------------------------------------------------------
// Action "*", service-wide wildcards, NotAction

export interface BroadActionHit extends PolicyHit {
  /** `all-actions`: `*`; `service-wildcard`: `s3:*`; `not-action`: an Allow with NotAction (everything else). */
  readonly kind: 'all-actions' | 'service-wildcard' | 'not-action';
  /** For `service-wildcard`: the service prefix, in lower case. */
  readonly service?: string;
  /** Whether the statement also applies to every resource. */
  readonly allResources: Tri;
  /** Denies that would cancel it but for conditions they carry, which are not weighed. */
  readonly conditionalDenies?: readonly DenyStatement[];
  /**
   * Set on an `unknown` hit that Denies alone make so, each of which may cancel it (a value of theirs not known
   * before deploy): what the statement grants (`every iam action ("iam:*")`), and those Denies with their doubts.
   */
  readonly unlessDenied?: { readonly what: string; readonly denies: readonly UncertainDeny[] };
  /**
   * A Deny whose NotResource leaves the grant only the resources it names (`only`): the wildcard is still granted
   * there, but not on every resource (allResources is then `no`).
   */
  readonly limitedBy?: {
    readonly by: DenyStatement;
    readonly only: string;
    /** Set when what is left includes a way to any permission: IAM permissions management on a role it names. */
    readonly escalation?: Escalation;
  };
}

/**
 * `"*"` on `"*"`, certainly, that no Deny's NotAction certainly cuts down: an administrator. What a NotAction leaves
 * counts as every action where it keeps one of `*` or its likes (`?*`, `*:?*`: see isFullWildcard).
 */
export function isAdministratorGrant(hit: BroadActionHit): boolean {
  return (
    hit.answer === 'yes' &&
    hit.kind === 'all-actions' &&
    hit.allResources === 'yes' &&
    (hit.left === undefined || hit.left.patterns.some((p) => isFullWildcard(p) || p.includes('${')))
  );
}

/** A wildcard grant a Deny cancels: the pattern as written (`sqs:*`; `NotAction` for an Allow's NotAction), and the Deny. */
export interface DeniedGrant {
  readonly value: string;
  readonly by: DenyStatement;
}

/**
 * A wildcard grant Denies' NotActions cut to named actions or prefix wildcards alone (`s3:*` less a Deny of every action but
 * s3:GetObject): the pattern as written (`NotAction ...` for an Allow's NotAction), and what is left.
 */
export interface NamedLeftGrant {
  readonly value: string;
  readonly left: ActionsLeft;
}

export interface BroadActionOptions extends HitOptions {
  /** Told the grants a Deny of the policies read cancels (see broadActionGrants). */
  readonly onDenied?: (denied: DeniedGrant) => void;
  /** Told the grants Denies leave only named actions or prefix wildcards of, which grant no wildcard (see broadActionGrants). */
  readonly onNamedLeft?: (limited: NamedLeftGrant) => void;
}

/**
 * What Denies leave of a grant is no wildcard this reports, known before deploy: named actions (`s3:GetObject`) and
 * prefix wildcards (`s3:Get*`, which an Allow may grant as written unreported), neither every action nor a whole
 * service's (see serviceWildcards), nor one by which the role changes its own or another principal's permissions
 * (IAM_ESCALATING: `iam:Put*` keeps iam:PutRolePolicy, critical). One not known before deploy (`${Kept}`) may be any.
 */
function leavesNoWildcard(left: ActionsLeft | undefined): left is ActionsLeft {
  return (
    left !== undefined &&
    left.doubt === undefined &&
    left.patterns.length > 0 &&
    left.patterns.every(
      (p) =>
        !p.includes('${') &&
        !p.startsWith('<') &&
        (!hasWildcard(p) ||
          (!isFullWildcard(p) &&
            serviceWildcards(p).length === 0 &&
            !IAM_ESCALATING.some((action) => actionPatternMatches(p, action)))),
    )
  );
}

/**
 * Allow statements granting every action (`*`), every action of a service (`s3:*`, `iam:*`), or every
 * action but some (`NotAction` with Allow). Deny statements never grant, and one that covers a grant's actions on
 * every resource of it, without conditions, cancels it (an explicit Deny overrides any Allow: IAM User Guide,
 * "Policy evaluation logic"); one that may (a value of it not known before deploy) makes it `unknown`. A Deny whose
 * NotResource leaves some resources does not cancel it: the wildcard is still granted on those. Denies whose
 * NotAction leave it named actions or prefix wildcards alone (`s3:*` less a Deny of every action but s3:GetObject) leave no wildcard
 * either: the grant is no hit, and `onNamedLeft` is told of it.
 */
export function broadActionGrants(input: PolicyInput, options: BroadActionOptions = {}): BroadActionHit[] {
  const hits: BroadActionHit[] = [];
  const denies = denyStatements(input, options);
  const unseen = visitStatements(input, options, (visit) => {
    const { statement } = visit;
    const allow = isAllow(statement);
    if (allow === 'no') return;
    const effect = partFactor(allow, statement, 'Effect');
    let allResources: Tri | undefined; // only worked out for statements that hit
    // (a statement whose Effect is not known is no Deny of its own grant: that grant is unknown already)
    const others = allow === 'yes' ? denies : denies.filter((deny) => deny.statement !== statement);
    // Read only against a Deny: most roles have none, and its texts are made afresh for each statement.
    const granted = others.length === 0 ? 'all' : grantedResources(statement);
    // What the Denies do to a grant of this statement: `pattern` as the Deny must cover it (undefined: a NotAction).
    const denied = (pattern: string | undefined, value: string) => {
      const outcome = denyOutcome(
        others,
        (deny) => denyCoversActions(deny, pattern, options),
        (deny) => denyReach(deny, granted, options),
        false,
      );
      if (outcome.answer === 'yes' && outcome.by !== undefined) options.onDenied?.({ value, by: outcome.by });
      return {
        cancelled: outcome.answer === 'yes',
        factor: factor(not(outcome.answer), outcome.doubt),
        conditional: outcome.conditional,
        uncertain: outcome.uncertain,
        limited: () => limitedBy(pattern),
      };
    };
    // A Deny leaving a grant on every resource only the resources its NotResource names: said, and no longer `*`.
    const limitedBy = (
      pattern: string | undefined,
    ): { limitedBy?: NonNullable<BroadActionHit['limitedBy']>; onKept?: ActionsLeft } => {
      // Short of every resource: `NotResource: arn:aws:iam::*:role/*` leaves `*` every role, no longer every resource.
      const outcome = denyOutcome(
        others,
        (deny) => denyCoversActions(deny, pattern, options),
        (deny) => denyReach(deny, granted, options, (kept) => !isAllResources(kept)),
        true,
      );
      if (outcome.answer !== 'yes' || outcome.by === undefined || outcome.only === undefined) return {};
      // What is left on the resources the NotResource names: IAM permissions management on a role there is no less.
      const grants = (action: string): Tri =>
        pattern === undefined ? 'no' : actionPatternMatches(pattern, action) ? 'yes' : 'no';
      const escalation =
        outcome.kept === undefined
          ? undefined
          : escalationOn(grants, outcome.kept, outcome.by.statement.source, others, options);
      // The actions of it that may act there (see actionsOnKept): what a permissions boundary is weighed against.
      const acting = pattern === undefined ? undefined : actionsOnKept(outcome.kept ?? [], options);
      const onKept: ActionsLeft | undefined =
        pattern === undefined || acting === undefined
          ? undefined
          : { patterns: patternIntersection([pattern], acting), by: [outcome.by], onKept: outcome.only };
      return {
        limitedBy: {
          by: outcome.by,
          only: outcome.only,
          ...(escalation === undefined ? {} : { escalation }),
        },
        ...(onKept === undefined ? {} : { onKept }),
      };
    };
    // `what` is what the statement grants: "every action ("*")", "every s3 action ("s3:*")".
    const add = (
      kind: BroadActionHit['kind'],
      answer: Tri,
      what: string,
      value?: string,
      service?: string,
      pattern?: Value<string>,
      as?: string,
    ) => {
      const granting =
        as ?? (pattern === undefined ? '*' : (instantiate(pattern, 'anyText', options) ?? '*'));
      const deny = denied(granting, value ?? what);
      if (deny.cancelled) return;
      const hit = statementHit(visit, [effect, partFactor(answer, statement, 'Action'), deny.factor], {
        reason: `Allow grants ${what}`,
        maybe: `may grant ${what}`,
        ...(value === undefined ? {} : { value }),
      });
      if (hit === undefined) return;
      const unlessDenied = unlessDeniedOf(answer, what, deny.uncertain);
      allResources ??= coversAllResources(statement, options);
      const known = pattern === undefined || !isUnknown(pattern);
      const { onKept, ...limited } = others.length > 0 ? deny.limited() : {};
      // What a Deny's NotAction leaves of it, else what a Deny's NotResource does: what a boundary is weighed against.
      const left =
        (others.length > 0 && known ? actionsLeft(others, granting, granted, options) : undefined) ??
        (known ? onKept : undefined);
      // No action of it acts on what a NotResource keeps (`s3:*` beside every IAM role): the Deny takes it all back.
      if (left?.onKept !== undefined && left.patterns.length === 0 && left.by[0] !== undefined) {
        options.onDenied?.({ value: value ?? what, by: left.by[0] });
        return;
      }
      if (leavesNoWildcard(left)) {
        options.onNamedLeft?.({ value: value ?? what, left });
        return;
      }
      hits.push({
        ...hit,
        ...(left === undefined ? {} : { left }),
        kind,
        allResources: limited.limitedBy ? 'no' : allResources,
        ...limited,
        ...(service === undefined ? {} : { service }),
        ...(deny.conditional.length > 0 ? { conditionalDenies: deny.conditional } : {}),
        ...(unlessDenied === undefined ? {} : { unlessDenied }),
      });
    };
    // What a hit granting `what` is when only Denies that may cancel it leave it unknown (see BroadActionHit).
    const unlessDeniedOf = (answer: Tri, what: string, uncertain: readonly UncertainDeny[] | undefined) =>
      uncertain !== undefined && allOf([allow, answer, visit.policy?.attached ?? 'yes']) === 'yes'
        ? { what, denies: uncertain }
        : undefined;
    const actions = elementsOf(statement.actions);
    const notActions = elementsOf(statement.notActions);
    if (actions !== undefined) {
      if (isUnknown(actions)) {
        add('all-actions', 'unknown', 'every action');
        return;
      }
      for (const pattern of actions) {
        if (!isUnknown(pattern) && !grantsWildcard(pattern)) continue;
        const text = describeValue(pattern);
        const full = broadTest(pattern, isFullWildcard, 'anyPattern', options);
        if (full !== 'no') {
          add('all-actions', full, `every action ("${text}")`, text, undefined, pattern);
          continue;
        }
        const services = servicesOf(pattern, options);
        for (const name of services?.names ?? []) {
          // `i?m:*` grants what `iam:*` does, and is denied as it is (a Deny of `iam:*` covers it).
          const whole =
            isUnknown(pattern) || !/[*?]/.test(pattern.split(':')[0] ?? '') ? undefined : `${name}:*`;
          add(
            'service-wildcard',
            services?.answer ?? 'unknown',
            `every ${name} action ("${text}")`,
            text,
            name,
            pattern,
            whole,
          );
        }
      }
    } else if (notActions !== undefined) {
      const excluded = isUnknown(notActions) ? undefined : notActions;
      const excludesAll = excluded
        ? anyOf(excluded.map((p) => broadTest(p, isFullWildcard, 'anyPattern', options)))
        : 'unknown';
      const what = excluded
        ? `every action except ${excluded.map(describeValue).join(', ')}`
        : 'every action its NotAction does not list';
      const deny = denied(undefined, 'NotAction');
      if (deny.cancelled) return;
      // What a Deny's NotAction leaves of every action, less what this NotAction keeps out: nothing cancels it.
      const left = others.length > 0 ? leftOfNotAction(others, excluded, granted, options) : undefined;
      if (left !== undefined && left.patterns.length === 0 && left.doubt === undefined) {
        for (const by of left.by) options.onDenied?.({ value: 'NotAction', by });
        return;
      }
      const hit = statementHit(
        visit,
        [effect, partFactor(not(excludesAll), statement, 'Action'), deny.factor],
        { reason: `Allow with NotAction grants ${what}`, maybe: `may grant ${what}` },
      );
      if (hit && leavesNoWildcard(left)) {
        const value = excluded ? `NotAction ${excluded.map(describeValue).join(', ')}` : 'NotAction';
        options.onNamedLeft?.({ value, left });
      } else if (hit) {
        allResources ??= coversAllResources(statement, options);
        hits.push({
          ...hit,
          ...(left === undefined ? {} : { left }),
          kind: 'not-action',
          allResources,
          ...(deny.conditional.length > 0 ? { conditionalDenies: deny.conditional } : {}),
        });
      }
    }
  });
  return [
    ...unseen.map((hit) => ({ ...hit, kind: 'all-actions' as const, allResources: 'unknown' as const })),
    ...hits,
  ];
}

/**
 * What the Denies' NotActions leave of an Allow with NotAction (see actionsLeft), less the patterns its own NotAction
 * (`excluded`, undefined when not known before deploy) keeps out: `NotAction: iam:*` less a Deny of all but `s3:*`
 * and `iam:*` leaves `s3:*`.
 */
function leftOfNotAction(
  denies: readonly DenyStatement[],
  excluded: readonly Value<string>[] | undefined,
  granted: 'all' | readonly string[],
  options: AnalysisOptions,
): ActionsLeft | undefined {
  const left = actionsLeft(denies, '*', granted, options);
  if (left === undefined || excluded === undefined) return left;
  const outside = (pattern: string) =>
    excluded.some(
      (named) => !isUnknown(named) && !pattern.includes('${') && patternCovers(named, pattern, true),
    );
  return { ...left, patterns: left.patterns.filter((pattern) => !outside(pattern)) };
}

/**
 * The resources an Allow grants on, as a Deny must cover them: its Resource patterns as written (see comparedText)
 * when each has a text, else every resource.
 */
export function grantedResources(statement: Statement): 'all' | readonly string[] {
  const listed = elementsOf(statement.resources);
  if (listed === undefined || isUnknown(listed)) return 'all';
  const texts = listed.map((pattern) => comparedText(pattern, statement.source));
  return texts.every((text) => text !== undefined) ? texts : 'all';
}

/**
 * Whether a known pattern grants every action (`*`) or every action of a service (`s3:*`, `i?m:*`): most grant neither
 * (ReadOnlyAccess has 2,914 patterns, read for every role carrying it), so the answer is kept for the process.
 */
function grantsWildcard(pattern: string): boolean {
  return wildcardPatterns.get(pattern, () => isFullWildcard(pattern) || serviceWildcards(pattern).length > 0);
}

const wildcardPatterns = new BoundedMemo<boolean>(20_000);

/**
 * The services whose every action a pattern grants (see serviceWildcards), certainly (`yes`) or in some deploys
 * (`unknown`: `i${Svc}m:*`), or undefined.
 */
function servicesOf(
  pattern: Value<string>,
  options: AnalysisOptions,
): { names: readonly string[]; answer: Tri } | undefined {
  const narrow = instantiate(pattern, 'narrow', options);
  const certain = narrow === undefined ? [] : serviceWildcards(narrow);
  if (certain.length > 0) return { names: certain, answer: 'yes' };
  const wide = instantiate(pattern, 'anyPattern', options);
  const possible = wide === undefined ? [] : serviceWildcards(wide);
  return possible.length > 0 ? { names: possible, answer: 'unknown' } : undefined;
}

// ---------------------------------------------------------------------------------------------
// Write actions on every resource: see write-grants.ts

export {
  type DeniedWrite,
  type DeniedWrites,
  type InapplicableWrites,
  type NarrowedWrite,
  type WriteOnAllResourcesHit,
  type WriteOnAllResourcesOptions,
  writeOnAllResources,
  writesWithin,
} from './write-grants.js';

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
  const partition = partitionOf(pattern);
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
  const found: {
    visit: Visit;
    factors: Factor[];
    what: string;
    allowed: string;
    value?: string;
    scope: PassRoleHit['scope'];
  }[] = [];
  const denies: { statement: Statement; applies: Tri; why: string }[] = [];
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
      const parts = [
        partFactor(deny, statement, 'Effect', ' of that statement'),
        partFactor(passes, statement, 'Action', ' of that statement'),
        partFactor(everywhere, statement, 'Resource', ' of that statement'),
        partFactor(not(hasConditions(statement)), statement, 'Condition', ' of that statement'),
      ];
      const applies = allOf(parts.map((part) => part.answer));
      const why = `a Deny of iam:PassRole may cancel it: ${doubtsOf(parts).join('; ')}`;
      denies.push({ statement, applies, why });
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
    const roles = scope === 'any-account' ? 'every role' : 'every role of an account';
    const resources = elementsOf(statement.resources);
    const value =
      resources === undefined || isUnknown(resources) ? undefined : resources.map(describeValue).join(', ');
    const factors = [
      partFactor(allow, statement, 'Effect'),
      partFactor(passes, statement, 'Action'),
      partFactor(coverage, statement, 'Resource'),
    ];
    // Through a NotResource: said as a NotAction's grant is (`Allow with NotResource grants ... except ...`).
    const except = notResourceWords(statement);
    const what = `iam:PassRole on ${roles}${except ?? ''}${value === undefined ? '' : ` ("${value}")`}`;
    const allowed = except === undefined ? 'Allow' : 'Allow with NotResource';
    found.push({ visit, factors, what, allowed, scope, ...(value === undefined ? {} : { value }) });
  });
  // An explicit Deny wins over every Allow, in the policies that cannot be read too.
  if (anyOf(denies.map((deny) => deny.applies)) === 'yes') return [];
  const hits: PassRoleHit[] = [];
  for (const { visit, factors, what, allowed, value, scope } of found) {
    // A Deny that may apply makes the hit unknown; the statement's own Effect is already a factor.
    const others = denies
      .filter((deny) => deny.statement !== visit.statement)
      .map((deny) => factor(not(deny.applies), deny.why));
    const hit = statementHit(visit, [...factors, ...others], {
      reason: `${allowed} grants ${what}`,
      maybe: `may grant ${what}`,
      ...(value === undefined ? {} : { value }),
    });
    if (hit) hits.push({ ...hit, scope });
  }
  return [...unseen.map((hit) => ({ ...hit, scope: 'any-account' as const })), ...hits];
}
