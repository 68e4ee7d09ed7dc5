/**
 * How far a Deny's Resource or NotResource reaches a grant's resources (see denyReach): all of them, some, or, where a
 * value is not known before deploy, perhaps.
 */
import type { Statement } from '../model/iam.js';
import type { SourceRef } from '../model/source.js';
import { isUnknown, unknown, type Value } from '../model/values.js';
import { OF_DENY } from './denies.js';
import {
  deniedInPartition,
  deployDoubt,
  grantInPartitions,
  keepsNoneOf,
  mayBeAnyText,
  otherDeploys,
  otherPartitions,
  reachesEveryPartition,
} from './deploy-place.js';
import { type Factor, factor, partFactor } from './doubts.js';
import { patternCovers } from './pattern-covers.js';
import { typeScopeOf } from './resource-scope.js';
import { isAllResources } from './statements.js';
import {
  type AnalysisOptions,
  broadTest,
  comparedText,
  describeValue,
  elementsOf,
  narrowTest,
  sameDeployText,
} from './templates.js';
import { allOf, anyOf, type Tri } from './tri.js';
import { isStarOnly } from './wildcards.js';

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
    if (resources === 'all') return { ...NO_REACH, covers: coversEveryResource(deny, listed, options) };
    const covers = allOf(resources.map((granted) => listedCovers(listed, deny.source, granted, options)));
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
 * Whether a Deny's Resource patterns (`listed`, written at `where`) cover a granted one: one of them does (see
 * denyPatternCovers), or, where the stack's partition decides what the grant is on (see grantInPartitions), in each
 * partition one of them covers it there: `arn:aws:*` and `arn:aws-*:*` listed together (or a pattern for each of
 * PARTITIONS) cover a grant on `*`. Covered in some partitions and not others: unknown, the deploy decides.
 */
function listedCovers(
  listed: readonly Value<string>[],
  where: SourceRef,
  granted: string,
  options: AnalysisOptions,
): Tri {
  const one = anyOf(listed.map((pattern) => denyPatternCovers(pattern, where, granted, options)));
  const partitions = one === 'yes' ? undefined : grantInPartitions(granted);
  if (partitions === undefined || partitions.length === 0) return one;
  const each = partitions.map(({ partition, granted: there }) =>
    anyOf(
      listed.map((pattern) =>
        denyPatternCovers(deniedInPartition(pattern, partition), where, there, options),
      ),
    ),
  );
  const between = each.every((answer) => answer === 'yes')
    ? 'yes'
    : each.every((a) => a === 'no')
      ? 'no'
      : 'unknown';
  return anyOf([one, between]);
}

/**
 * Whether a Deny's Resource (`listed`) covers a grant on every resource: its patterns every resource, in every
 * partition between them; `arn:aws:*` is every resource of one partition, where the stack may not be (see
 * reachesEveryPartition): unknown then, saying so.
 */
function coversEveryResource(
  deny: Statement,
  listed: readonly Value<string>[],
  options: AnalysisOptions,
): Factor {
  const answers = listed.map((pattern) => broadTest(pattern, isAllResources, 'anyPattern', options));
  const answer = anyOf(answers);
  if (answer !== 'yes') return partFactor(answer, deny, 'Resource', OF_DENY);
  // Between them: `arn:aws:*` and `arn:aws-*:*` listed together reach every partition (see PARTITIONS).
  const covering = listed.flatMap((pattern, i) => {
    const written = isUnknown(pattern) ? pattern.template : pattern;
    return answers[i] === 'yes' && written !== undefined ? [written] : [];
  });
  if (reachesEveryPartition(...covering)) return { answer };
  // Patterns every resource of a partition without a `*` there (`arn:aws-??:*`, aws-cn's) are weighed as on `*`.
  if (listedCovers(listed, deny.source, '*', options) === 'yes') return { answer };
  const texts = listed.map((value) => comparedText(value, deny.source) ?? '');
  // (a grant on `*` is on `arn:${AWS::Partition}:*` of whatever partition the stack is deployed to)
  const doubt = deployDoubt('Resource', listed.map(describeValue).join(', '), texts, [
    'arn:${AWS::Partition}:*',
  ]);
  return factor('unknown', doubt);
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
  // (a grant on `*` is on `arn:${AWS::Partition}:*` of whatever partition the stack is deployed to)
  const granted = resources.map((text) => (isStarOnly(text) ? 'arn:${AWS::Partition}:*' : text));
  return factor(answer, deployDoubt(element, written.map(describeValue).join(', '), texts, granted));
}

/**
 * Whether a Deny's resource pattern, written at `where`, covers a granted one (see comparedText: the pattern as
 * written, its `${...}` named with their template). A `${...}` written on both is the same text in one deploy
 * (`arn:${AWS::Partition}:s3:::b/*`, CDK's `Fn::Join` of `{Ref: AWS::Partition}` alike, a `!Ref` of one parameter):
 * the Deny covers the grant when it does whatever that text is (see sameDeployText). Else, when a value of the Deny
 * not known before deploy could make it cover the grant, unknown; so too when the stack's region or account, named by
 * `${AWS::Region}` or `${AWS::AccountId}` on one side and as literal text on the other, could (see otherDeploys). A
 * `?` of the Deny never reads a grant's `${...}` (it may stand for a wildcard, or no character: see patternCovers).
 */
export function denyPatternCovers(
  pattern: Value<string>,
  where: SourceRef,
  granted: string,
  options: AnalysisOptions = {},
): Tri {
  const answer = coversAsRead(pattern, where, granted, options);
  const denied = isUnknown(pattern) ? pattern.template : pattern;
  if (denied === undefined) return answer;
  const inDeploy = (deploy: { readonly denied: string; readonly granted: string }) => {
    const value = isUnknown(pattern) ? unknown(pattern.reason, deploy.denied, pattern) : deploy.denied;
    return coversAsRead(value, where, deploy.granted, options);
  };
  // The stack's partition is not known before deploy: a grant on `arn:${AWS::Partition}:...` is one in aws-cn too,
  // where a Deny on `arn:aws:...` does not reach it (see otherPartitions). Never a certain cover then.
  if (answer === 'yes')
    return otherPartitions(denied, granted).every((deploy) => inDeploy(deploy) === 'yes') ? 'yes' : 'unknown';
  if (answer !== 'no') return answer;
  // The stack's region and account are not known before deploy: `${AWS::Region}` may be the `us-east-1` of the
  // other (see otherDeploys). A Deny that would cover the grant in such a deploy may: never a certain cover.
  return otherDeploys(denied, granted, options).some((deploy) => inDeploy(deploy) !== 'no')
    ? 'unknown'
    : answer;
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
  if (outer !== undefined && patternCovers(outer, inner)) return 'yes';
  const wide = broadTest(pattern, (text) => patternCovers(text, inner), 'anyPattern', options);
  return wide === 'no' ? 'no' : 'unknown';
}

/** A resource pattern naming some resources: neither every resource nor every resource of a type. */
function namesSome(pattern: string): boolean {
  return !isAllResources(pattern) && typeScopeOf(pattern) === undefined;
}
