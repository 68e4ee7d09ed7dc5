// The words of the findings of the checks that look for actions granted on every resource (of a type):
// iam.role-wildcard-resource-write and iam.role-wildcard-resource-read, which read statements alike
// (writeOnAllResources) and so say alike what they found.
import {
  hasWildcard,
  type InapplicableWrites,
  isFullWildcard,
  type NarrowedWrite,
  type WriteOnAllResourcesHit,
} from '../../iam/index.js';
import type { IamRole } from '../../model/iam.js';
import { conditionalDenyWords, deniedWords } from './deny-words.js';

const SHOWN = 5;
/** writeOnAllResources names at most this many actions per statement. */
const LISTED = 25;

/**
 * `s3:PutObject, s3:DeleteObject, ... and 12 more`: out of `total` when one statement grants them all (it counts
 * beyond the 25 it lists), else `and 20+ more` past 25.
 */
export function sample(actions: readonly string[], total?: number): string {
  if (actions.length === 0) return '';
  const more = (total ?? actions.length) - SHOWN;
  const rest =
    more > 0 ? ` and ${more}${total === undefined && actions.length >= LISTED ? '+' : ''} more` : '';
  return `: ${actions.slice(0, SHOWN).join(', ')}${rest}`;
}

/** Whether a hit's patterns include `*` on every resource: listing a few of its thousands of actions says nothing. */
export function grantsEverything(hit: WriteOnAllResourcesHit): boolean {
  return hit.scope === 'all' && (hit.value ?? '').split(', ').some(isFullWildcard);
}

/** Whether the patterns a hit quotes are action names already (the sample would repeat them). */
export function namesOnly(hit: WriteOnAllResourcesHit): boolean {
  return (hit.value ?? '').split(', ').every((pattern) => !hasWildcard(pattern) && !pattern.includes('${'));
}

/** Whether resource-tag conditions limit some of a hit's writes, not all: those left are worth listing. */
export function partlyTagged(hit: WriteOnAllResourcesHit): boolean {
  return hit.resourceConditions?.tagged?.all === false;
}

/** `s3:DeleteBucket and s3:PutBucketPolicy`, `s3:A, s3:B, s3:C, s3:D, s3:E and 3 more`. */
export function listed(actions: readonly string[]): string {
  if (actions.length <= 2) return actions.join(' and ');
  const more = actions.length - SHOWN;
  return more > 0 ? `${actions.slice(0, SHOWN).join(', ')} and ${more} more` : actions.join(', ');
}

/** Services past which a list of actions is counted, not sampled: `*` less a Deny accepts only `*` thousands. */
const SERVICES_SHOWN = 3;

/**
 * listed, but for more actions than it shows, of more than SERVICES_SHOWN services (what `*` grants beside a Deny of
 * a few): `3918 actions of 401 services`, where five names out of thousands would tell nothing.
 */
function manyListed(actions: readonly string[]): string {
  const services = new Set(actions.map((action) => action.split(':', 1)[0]));
  return services.size > SERVICES_SHOWN && actions.length > SHOWN
    ? `${actions.length} actions of ${services.size} services`
    : listed(actions);
}

/**
 * ` (left out: logs:CreateLogGroup; and, as they accept only "*": bedrock:PutModelInvocationLoggingConfiguration)`:
 * the writes this check leaves out (`aside`, see leftOut), then those granted on every resource that support no
 * resource-level permission (`starOnly`, see wildcardOnlyActions). Neither is a finding, the second there being
 * nothing narrower to write; but a pass silent of them read as a role that can change nothing, where it may turn off
 * Bedrock's invocation logging (or, of reads, left the user wondering whether s3:ListAllMyBuckets was seen). '' for
 * none.
 */
export function leftOutWords(aside: ReadonlySet<string>, starOnly: ReadonlySet<string>): string {
  const named = aside.size === 0 ? undefined : [...aside].sort().join(', ');
  const star =
    starOnly.size === 0 ? undefined : `as they accept only "*": ${manyListed([...starOnly].sort())}`;
  if (named === undefined) return star === undefined ? '' : ` (left out, ${star})`;
  return star === undefined ? ` (left out: ${named})` : ` (left out: ${named}; and, ${star})`;
}

/**
 * ` ("arn:aws:s3:::*" names every S3 bucket and object, which s3:CreateAccessPoint does not act on)`: the typed
 * Resource elements that the writes of their statements do not act on, which grant nothing on them (see onInapplicable).
 */
export function inapplicableWords(inapplicable: readonly InapplicableWrites[]): string {
  const words = [
    ...new Set(
      inapplicable.map(
        ({ resource, words, answer, actions }) =>
          `"${resource}" ${answer === 'yes' ? 'names' : 'may name'} ${words}, which ${listed(actions)} ` +
          `${actions.length === 1 ? 'does' : 'do'} not act on`,
      ),
    ),
  ];
  return words.length > 0 ? ` (${words.join('; ')})` : '';
}

/** ` (StringEquals iam:AWSServiceName limits iam:CreateServiceLinkedRole to the service-linked role of the service named)`. */
export function narrowedWords(narrowed: readonly NarrowedWrite[]): string {
  if (narrowed.length === 0) return '';
  const byCondition = new Map<string, { only: string; actions: Set<string> }>();
  for (const { action, condition, only } of narrowed) {
    const entry = byCondition.get(condition) ?? { only, actions: new Set<string>() };
    entry.actions.add(action);
    byCondition.set(condition, entry);
  }
  const words = [...byCondition].map(
    ([condition, { only, actions }]) => `${condition} limits ${[...actions].sort().join(', ')} to ${only}`,
  );
  return ` (${words.join('; ')})`;
}

/**
 * What a failing group's conditions on keys naming the resource do (see WriteOnAllResourcesHit.resourceConditions),
 * in words, the conditions weighed, and whether its writes are narrowed only by keys the catalog does not list for
 * them: then IAM grants them to no request without the key, and the finding is low. Likewise low when resource-tag
 * conditions limit every write to tagged resources the role cannot tag itself (`taggedOnly`): attribute-based access
 * control, which the IAM User Guide recommends ("What is ABAC for AWS?"); whoever may tag decides its reach.
 */
export function resourceConditionNote(hits: readonly WriteOnAllResourcesHit[], noun = 'writes') {
  const all = hits.flatMap((hit) => (hit.resourceConditions ? [hit.resourceConditions] : []));
  const narrowing = [...new Set(all.flatMap((c) => c.narrowing))];
  const ignored = [...new Map(all.flatMap((c) => c.ignored).map((i) => [i.condition, i.why]))];
  const unlistedOnly = all.length === hits.length && all.every((c) => c.unlisted !== undefined);
  const unlisted = unlistedOnly ? [...new Set(all.flatMap((c) => c.unlisted ?? []))] : [];
  const tagged = all.flatMap((c) => (c.tagged ? [c.tagged] : []));
  const onCreate = [...new Map(all.flatMap((c) => c.onCreate ?? []).map((on) => [on.condition, on.service]))];
  // Every write limited to tagged resources (the reasons say which tag): attribute-based access control, low.
  const taggedOnly = tagged.length === hits.length && tagged.every((t) => t.all);
  const words = [
    ...(taggedOnly
      ? [
          'whoever may tag them chooses which, and the role cannot tag them itself: this is reported at low severity',
        ]
      : tagged.map((t) => `${t.conditions.join(', ')} limits ${listed(t.actions)} to resources ${t.words}`)),
    ...(narrowing.length > 0
      ? [`${narrowing.join(', ')} narrows its other ${noun} to the resources it names`]
      : []),
    ...onCreate.map(
      ([condition, service]) => `${condition} limits ${service} tagging to the create calls it names`,
    ),
    ...ignored.map(([condition, why]) => `${condition} does not narrow it: ${why}`),
    ...(unlisted.length > 0
      ? [
          `the Service Authorization Reference does not list the key of ${unlisted.join(', ')} for these ${noun}: IAM ` +
            'grants them to no request that lacks it, so this is reported at low severity',
        ]
      : []),
  ];
  return {
    weighed: new Set([
      ...narrowing,
      ...ignored.map(([condition]) => condition),
      ...unlisted,
      ...onCreate.map(([condition]) => condition),
      ...tagged.flatMap((t) => t.conditions),
    ]),
    words: words.length > 0 ? ` (${words.join('; ')})` : '',
    unlistedOnly: unlisted.length > 0,
    taggedOnly,
  };
}

/** ` (the Deny of inline policy app, Statement[1] cancels s3:DeleteObject)`: what Denies take back from failing hits, or would but for conditions. */
export function denyNote(
  hits: readonly WriteOnAllResourcesHit[],
  role: IamRole,
  noun = 'write actions',
): string {
  const words = [
    deniedWords(
      hits.flatMap((hit) => hit.denied?.actions ?? []),
      role,
      noun,
    ),
    conditionalDenyWords(
      hits.flatMap((hit) => hit.denied?.conditional ?? []),
      role,
    ),
  ].filter((w) => w !== '');
  return words.length > 0 ? ` (${words.join('; ')})` : '';
}
