import type { Statement } from '../model/iam.js';
import type { SourceRef } from '../model/source.js';
import { isUnknown, unknown, type Value } from '../model/values.js';
import { parseActionPattern, serviceWildcard } from './actions.js';
import { unweighedConditions } from './conditions.js';
import { deployDoubt, keepsNoneOf, mayBeAnyText, otherDeploys } from './deploy-place.js';
import { doubtsOf, type Factor, factor, partDoubt, partFactor } from './doubts.js';
import { type HitOptions, type PolicyInput, visitStatements } from './hits.js';
import { typeScopeOf } from './resource-scope.js';
import type { RolePolicy } from './role-policies.js';
import { hasConditions, isAllResources, isDeny } from './statements.js';
import {
  type AnalysisOptions,
  broadTest,
  comparedText,
  describeValue,
  elementsOf,
  narrowTest,
  sameDeployText,
} from './templates.js';
import { allOf, not, type Tri } from './tri.js';
import { hasWildcard, wildcardMatches } from './wildcards.js';

/**
 * The Deny statements of the policies a check reads. An explicit Deny in any policy that applies to a request
 * overrides every Allow (IAM User Guide, "Policy evaluation logic" and "The difference between explicit and
 * implicit denies"), so what an Allow grants is what no such Deny takes back. The write and wildcard-action analyses
 * weigh them through denyOutcome, as passRoleGrants weighs a Deny of iam:PassRole: one that certainly applies
 * cancels, one that may (a value not known before deploy) makes the grant `unknown`, one with conditions does not.
 */
export interface DenyStatement {
  readonly statement: Statement;
  readonly policy?: RolePolicy;
  /** What makes it apply to every request: its Effect, its policy's attachment, no conditions. */
  readonly factors: readonly Factor[];
  /** Its conditions, as `Operator key`, when it certainly has some: such a Deny takes nothing back for certain. */
  readonly conditions: readonly string[];
}

const OF_DENY = ' of that Deny';

export function denyStatements(input: PolicyInput, options: HitOptions = {}): DenyStatement[] {
  const denies: DenyStatement[] = [];
  visitStatements(input, options, ({ statement, policy }) => {
    const deny = isDeny(statement);
    if (deny === 'no') return;
    const conditional = hasConditions(statement);
    const read = conditional === 'yes' ? unweighedConditions(statement) : undefined;
    denies.push({
      statement,
      ...(policy === undefined ? {} : { policy }),
      factors: [
        partFactor(deny, statement, 'Effect', OF_DENY),
        factor(policy?.attached ?? 'yes', 'the policy of that Deny may not be attached to this role'),
        partFactor(not(conditional), statement, 'Condition', OF_DENY),
      ],
      conditions: read ? [...(read.viaService ? ['Bool aws:ViaAWSService'] : []), ...read.others] : [],
    });
  });
  return denies;
}

/**
 * What a Deny's Resource or NotResource does to a grant: `covers` every resource of it (`Resource: "*"`), or
 * `limits` it to the resources its NotResource names (`NotResource: arn:aws:s3:::my-bucket/*`: everything else is
 * denied), each a Tri with the doubt when unknown. `only` words what a NotResource leaves.
 */
export interface DenyReach {
  readonly covers: Factor;
  readonly limits: Factor;
  readonly only?: string;
  /** What a NotResource leaves, as written: the resources `only` words. */
  readonly kept?: readonly Value<string>[];
}

const NO_REACH: DenyReach = { covers: { answer: 'no' }, limits: { answer: 'no' } };

/**
 * How a Deny's resources reach a grant on `resources`: `all` (every resource, or every resource but a
 * NotResource's), or these patterns as written (every resource of a type: `arn:aws:s3:::*`).
 */
export function denyReach(
  deny: Statement,
  resources: 'all' | readonly string[],
  options: AnalysisOptions = {},
  /** What a NotResource must keep to limit a grant: some resources (namesSome), or short of every resource. */
  keepsSome: (pattern: string) => boolean = namesSome,
): DenyReach {
  const listed = elementsOf(deny.resources);
  if (listed !== undefined) {
    if (isUnknown(listed)) return { ...NO_REACH, covers: partFactor('unknown', deny, 'Resource', OF_DENY) };
    const coversOne = (granted: string) =>
      anyTri(listed.map((pattern) => denyPatternCovers(pattern, deny.source, granted, options)));
    const covers =
      resources === 'all'
        ? anyTri(listed.map((pattern) => broadTest(pattern, isAllResources, 'anyPattern', options)))
        : allOf(resources.map(coversOne));
    return { ...NO_REACH, covers: reachFactor(covers, deny, listed, resources, options) };
  }
  const excluded = elementsOf(deny.notResources);
  if (excluded === undefined) return NO_REACH;
  if (isUnknown(excluded)) return { ...NO_REACH, limits: partFactor('unknown', deny, 'Resource', OF_DENY) };
  // Everything but what the NotResource names is denied: the grant is left with those alone, which pass when each
  // names some resources, not every resource (of a type). A value not known before deploy may be `*`: unknown.
  const limits = allOf(excluded.map((pattern) => narrowTest(pattern, keepsSome, options)));
  // A grant on resources none of which it keeps is denied them all (IAM User Guide, "IAM JSON policy elements:
  // NotResource": a Deny with NotResource applies to every resource not listed): `Deny s3:*` with `NotResource:
  // arn:aws:s3:::keep/*` covers a grant on `arn:aws:s3:::other/*`. Only where no deploy could make them meet.
  const covers =
    resources === 'all'
      ? 'no'
      : allOf(
          resources.flatMap((granted) =>
            excluded.map((pattern) => keepsNoneOf(pattern, deny.source, granted, options)),
          ),
        );
  return {
    covers: reachFactor(covers, deny, excluded, resources, options),
    limits: partFactor(limits, deny, 'Resource', OF_DENY),
    only: excluded.map(describeValue).join(', '),
    kept: excluded,
  };
}

/**
 * How sure a Deny's Resource or NotResource (`written`) reaches the grant: with the doubt of a value that may be any
 * text (a parameter without default), else of where the stack is deployed (see deployDoubt).
 */
function reachFactor(
  answer: Tri,
  deny: Statement,
  written: readonly Value<string>[],
  resources: 'all' | readonly string[],
  options: AnalysisOptions,
): Factor {
  if (answer !== 'unknown' || resources === 'all' || written.some((value) => mayBeAnyText(value, options)))
    return partFactor(answer, deny, 'Resource', OF_DENY);
  const element = deny.resources === undefined ? 'NotResource' : 'Resource';
  const texts = written.map((value) => comparedText(value, deny.source) ?? '');
  return factor(answer, deployDoubt(element, written.map(describeValue).join(', '), texts, resources));
}

/**
 * Whether a Deny's resource pattern, written at `where`, covers a granted one (see comparedText: the pattern as
 * written, its `${...}` named with their template). A `${...}` written on both is the same text in one deploy
 * (`arn:${AWS::Partition}:s3:::b/*`, CDK's `Fn::Join` of `{Ref: AWS::Partition}` alike, a `!Ref` of one parameter):
 * the Deny covers the grant when it does whatever that text is (see sameDeployText). Else, when a value of the Deny
 * not known before deploy could make it cover the grant, unknown; so too when the stack's region or account, named by
 * `${AWS::Region}` or `${AWS::AccountId}` on one side and as literal text on the other, could (see otherDeploys). A
 * `?` of the Deny is not weighed against a grant's `${...}` (it may stand for a wildcard, or no character).
 */
export function denyPatternCovers(
  pattern: Value<string>,
  where: SourceRef,
  granted: string,
  options: AnalysisOptions = {},
): Tri {
  const answer = coversAsRead(pattern, where, granted, options);
  if (answer !== 'no') return answer;
  // The stack's region and account are not known before deploy: `${AWS::Region}` may be the `us-east-1` of the
  // other (see otherDeploys). A Deny that would cover the grant in such a deploy may: never a certain cover.
  const denied = isUnknown(pattern) ? pattern.template : pattern;
  if (denied === undefined) return answer;
  for (const deploy of otherDeploys(denied, granted, options)) {
    const value = isUnknown(pattern) ? unknown(pattern.reason, deploy.denied, pattern) : deploy.denied;
    if (coversAsRead(value, where, deploy.granted, options) !== 'no') return 'unknown';
  }
  return answer;
}

/** denyPatternCovers with the stack's region and account read as the same text on both sides alone. */
function coversAsRead(
  pattern: Value<string>,
  where: SourceRef,
  granted: string,
  options: AnalysisOptions,
): Tri {
  if (!granted.includes('${'))
    return broadTest(pattern, (text) => patternCovers(text, granted), 'anyPattern', options);
  const inner = sameDeployText(granted, options);
  const written = comparedText(pattern, where);
  const outer = written === undefined ? undefined : sameDeployText(written, options);
  if (outer !== undefined && !outer.includes('?') && patternCovers(outer, inner)) return 'yes';
  const wide = broadTest(pattern, (text) => patternCovers(text, inner), 'anyPattern', options);
  return wide === 'no' ? 'no' : 'unknown';
}

/** A resource pattern naming some resources: neither every resource nor every resource of a type. */
function namesSome(pattern: string): boolean {
  return !isAllResources(pattern) && typeScopeOf(pattern) === undefined;
}

/**
 * Whether the pattern `outer` matches everything the pattern `inner` does. Sound for an `outer` without `?`:
 * its `*` runs then absorb whatever `inner`'s wildcards stand for; with a `?`, only a literal `inner` is compared.
 */
export function patternCovers(outer: string, inner: string, ignoreCase = false): boolean {
  if (hasWildcard(inner) && outer.includes('?')) return false;
  return wildcardMatches(outer, inner, ignoreCase);
}

function anyTri(answers: readonly Tri[]): Tri {
  return answers.includes('yes') ? 'yes' : answers.includes('unknown') ? 'unknown' : 'no';
}

/** What the Denies do to one grant: cancel or limit it (`yes`), may (`unknown`, with why), or not. */
export interface DenyOutcome {
  readonly answer: Tri;
  readonly doubt?: string;
  /** For `yes`: the Deny that takes it back, and what its NotResource leaves, when that is how. */
  readonly by?: DenyStatement;
  readonly only?: string;
  readonly kept?: readonly Value<string>[];
  /** Denies that would take it back but for conditions Parapet does not weigh. */
  readonly conditional: readonly DenyStatement[];
}

/**
 * Whether a Deny takes back a grant: one applying to every request whose action covers the grant's (`action`)
 * and whose resources cover the grant's or, where `limiting` counts, leave it only named resources.
 */
export function denyOutcome(
  denies: readonly DenyStatement[],
  action: (deny: Statement) => Tri,
  reach: (deny: Statement) => DenyReach,
  limiting: boolean,
): DenyOutcome {
  const doubts: string[] = [];
  const conditional: DenyStatement[] = [];
  for (const deny of denies) {
    const acts = partFactor(action(deny.statement), deny.statement, 'Action', OF_DENY);
    if (acts.answer === 'no') continue;
    const { covers, limits, only, kept } = reach(deny.statement);
    // Where limiting counts, a Deny that may cover the grant (cancel it) and surely limits it takes it back either way.
    const how =
      !limiting || covers.answer === 'yes' || (covers.answer === 'unknown' && limits.answer !== 'yes')
        ? covers
        : limits;
    const parts = [...deny.factors, acts, how];
    const answer = allOf(parts.map((part) => part.answer));
    if (answer === 'yes') {
      const limited = how === limits && only !== undefined ? { only, ...(kept ? { kept } : {}) } : {};
      return { answer, by: deny, ...limited, conditional };
    }
    if (answer === 'unknown') doubts.push(...doubtsOf(parts));
    else if (
      deny.conditions.length > 0 &&
      allOf([deny.factors[0]?.answer ?? 'no', acts.answer, how.answer]) === 'yes'
    )
      conditional.push(deny);
  }
  if (doubts.length === 0) return { answer: 'no', conditional };
  return {
    answer: 'unknown',
    doubt: `a Deny may cancel it: ${[...new Set(doubts)].join('; ')}`,
    conditional,
  };
}

/**
 * Whether a Deny's Action (or NotAction) covers every action an action pattern grants (`sqs:*`, `*`; `undefined`
 * for an Allow's NotAction, which grants every action but some: only a Deny of every action covers it).
 */
export function denyCoversActions(
  deny: Statement,
  granted: string | undefined,
  options: AnalysisOptions = {},
): Tri {
  const pattern = granted ?? '*';
  const listed = elementsOf(deny.actions);
  if (listed !== undefined) {
    if (isUnknown(listed)) return 'unknown';
    return anyTri(
      listed.map((denied) =>
        broadTest(denied, (text) => patternCovers(text, pattern, true), 'anyText', options),
      ),
    );
  }
  const excluded = elementsOf(deny.notActions);
  if (excluded === undefined) return 'no';
  if (isUnknown(excluded)) return 'unknown';
  // Everything but what the NotAction names is denied: it covers the grant when none of those may be in it.
  const service = serviceWildcard(pattern);
  const overlaps = (text: string) => {
    if (service === undefined) return true; // (only a whole service's actions are told apart here)
    // A name that is no `service:action` matches no action (a value not known before deploy reads so at its narrowest).
    const parsed = parseActionPattern(text);
    return parsed !== undefined && wildcardMatches(parsed.service, service, true);
  };
  return not(anyTri(excluded.map((named) => broadTest(named, overlaps, 'anyText', options))));
}

/** What Denies leave of a grant's actions (see actionsLeft): the action patterns, and the Denies that cut it to them. */
export interface ActionsLeft {
  /** As written: a NotAction element not known before deploy is its template (`${Kept}`). */
  readonly patterns: readonly string[];
  /**
   * Left by a Deny's NotResource, not its NotAction: the actions that may act on the resources it keeps, which this
   * words as written (`arn:aws:iam::*:role/*`).
   */
  readonly onKept?: string;
  readonly by: readonly DenyStatement[];
  /** Set when a NotAction is not known before deploy: what is left then is not known either (why, in words). */
  readonly doubt?: string;
}

/**
 * What a grant of the action pattern `pattern` on `resources` keeps after the Denies with a NotAction that apply to
 * every request and reach every resource of it: such a Deny denies every action but those it names, so `*` under a
 * Deny of NotAction `s3:*` keeps `s3:*` alone. Undefined when none takes anything back. An over-estimate where
 * patterns only may overlap (`s3:Get*` and NotAction `s3:*Object` keep `s3:Get*`), never an under-estimate: a
 * permissions boundary is weighed against it (see withinBoundary), and one allowing none of it passes the grant.
 */
export function actionsLeft(
  denies: readonly DenyStatement[],
  pattern: string,
  resources: 'all' | readonly string[],
  options: AnalysisOptions = {},
): ActionsLeft | undefined {
  let patterns: readonly string[] = [pattern];
  const by: DenyStatement[] = [];
  const doubts: string[] = [];
  for (const deny of denies) {
    if (deny.factors.some((part) => part.answer !== 'yes')) continue;
    const named = elementsOf(deny.statement.notActions);
    if (named === undefined || isUnknown(named)) continue;
    if (denyReach(deny.statement, resources, options).covers.answer !== 'yes') continue;
    const kept = patternIntersection(patterns, named.map(describeValue));
    if (kept.length === patterns.length && kept.every((p, i) => p === patterns[i])) continue;
    patterns = kept;
    by.push(deny);
    if (named.some(isUnknown))
      doubts.push(`a Deny may cancel some of it: ${partDoubt(deny.statement, 'Action', OF_DENY)}`);
  }
  if (by.length === 0) return undefined;
  return { patterns, by, ...(doubts.length === 0 ? {} : { doubt: doubts.join('; ') }) };
}

/** The patterns of `granted` that `named` also match, as the narrower of each pair; both when they only may overlap. */
export function patternIntersection(granted: readonly string[], named: readonly string[]): string[] {
  const kept = new Set<string>();
  for (const a of granted) {
    for (const b of named) {
      // Not known before deploy (`${Kept}`): it may name any of `a`, which is kept as it is written.
      if (b.includes('${')) kept.add(b);
      else if (a.includes('${')) kept.add(a);
      else if (patternCovers(a, b, true)) kept.add(b);
      else if (patternCovers(b, a, true)) kept.add(a);
      else if (mayOverlap(a, b)) kept.add(a);
    }
  }
  return [...kept];
}

/** Two action patterns with wildcards in the action names of one service (`s3:Get*`, `s3:*Object`). */
function mayOverlap(a: string, b: string): boolean {
  const service = (pattern: string) => pattern.split(':')[0]?.toLowerCase();
  return hasWildcard(a) && hasWildcard(b) && service(a) === service(b);
}
