import { arnService } from '../model/arn.js';
import type { Value } from '../model/values.js';
import {
  actionsFromOtherPrefixesOn,
  actsOnArnsOf,
  overlaps,
  serviceActions,
  typeStartsOf,
} from './action-data.js';
import type { DenyReach } from './deny-reach.js';
import { resourceStartOf } from './resource-scope.js';
import { type AnalysisOptions, instantiate } from './templates.js';

// What a Deny's NotResource leaves of a grant, by action: an explicit Deny overrides any Allow, and a Deny with
// NotResource applies to every request whose resource its NotResource does not match (IAM User Guide, "Policy
// evaluation logic" and "IAM JSON policy elements: NotResource": such a Deny of s3 and ec2 actions denies the ec2
// resources it does not name too, whatever service the ARNs it names are of). An action acts only on the resource types the
// Service Authorization Reference lists for it, each with its ARN: an action whose types are none of the ARNs the
// NotResource names (s3:PutObject beside `NotResource: arn:aws:iam::*:role/*`) is denied on every resource.

/** The service of the ARN a resource pattern names (`iam` of `arn:aws:iam::*:role/*`); undefined when not literal. */
function patternService(pattern: Value<string>, options: AnalysisOptions): string | undefined {
  const text = instantiate(pattern, 'anyPattern', options);
  return (text === undefined ? undefined : arnService(text))?.toLowerCase();
}

/** The services of the ARNs a NotResource keeps, when every one is an ARN of a literal service; else undefined. */
function keptServices(kept: readonly Value<string>[], options: AnalysisOptions): string[] | undefined {
  const services = kept.map((pattern) => patternService(pattern, options));
  return services.some((service) => service === undefined) ? undefined : [...new Set(services as string[])];
}

/**
 * The action patterns that may act on the resources a NotResource keeps (`kept`): every action of each ARN's
 * service (`iam:*`), and the actions of other prefixes whose resource types are that service's (sts:AssumeRole).
 * Undefined when an ARN's service is not known (a wildcard, a value not known before deploy): any action may then.
 */
export function actionsOnKept(
  kept: readonly Value<string>[],
  options: AnalysisOptions = {},
): string[] | undefined {
  const services = keptServices(kept, options);
  if (services === undefined) return undefined;
  return [
    ...new Set(services.flatMap((service) => [`${service}:*`, ...actionsFromOtherPrefixesOn(service)])),
  ];
}

/**
 * Whether an action may act on an ARN a NotResource keeps: one of its service (see actsOnArnsOf), and, where the
 * catalog records the action's types of that service (IAM's), one of them may be the ARN's (`role/` and `user/` are
 * apart: codestar:CreateUserProfile, which names a user, acts on no `arn:aws:iam::*:role/*`). An action the catalog
 * does not know may act on its own prefix's ARNs alone.
 */
function mayActOn(
  action: string,
  pattern: Value<string>,
  service: string,
  options: AnalysisOptions,
): boolean {
  const [prefix = '', name = ''] = action.toLowerCase().split(':');
  const info = serviceActions(prefix)?.get(name);
  if (info === undefined ? prefix !== service : !actsOnArnsOf(info, service)) return false;
  const starts = typeStartsOf(action, service);
  if (starts === undefined) return true;
  const kept = resourceStartOf(instantiate(pattern, 'anyPattern', options) ?? '');
  return starts.some((start) => overlaps(start, kept));
}

/**
 * A Deny's reach (see denyReach) for one action (`service:Name`): a NotResource keeping only ARNs the action does not
 * act on (see mayActOn) covers every resource of it.
 */
export function reachForAction(reach: DenyReach, action: string, options: AnalysisOptions = {}): DenyReach {
  if (reach.kept === undefined || reach.covers.answer !== 'no') return reach;
  const kept = reach.kept;
  const services = kept.map((pattern) => patternService(pattern, options));
  if (services.some((service) => service === undefined)) return reach;
  if (kept.some((pattern, i) => mayActOn(action, pattern, services[i] as string, options))) return reach;
  return { covers: { answer: 'yes' }, limits: { answer: 'no' } };
}
