// What a Deny's Resource takes back, action by action, of a grant on every resource (`Resource: "*"`): an action acts
// only on the resource types the Service Authorization Reference lists for it, each an ARN of some service, so a Deny
// whose Resource covers every ARN of those services (`arn:*:sqs:*`) denies it wherever it is granted, though it does
// not cover every resource (IAM User Guide, "Policy evaluation logic": an explicit Deny matching the request's resource
// overrides any Allow). The same reading as reachForAction's of a NotResource keeping only other services' ARNs.
import type { Statement } from '../model/iam.js';
import { actsOnArnsOf, resourceArnsOf, serviceActions } from './action-data.js';
import { type DenyReach, denyReach } from './deny-reach.js';
import type { AnalysisOptions } from './templates.js';

/**
 * Services one of whose resource types has an ARN whose service is a variable: AWS Backup's recovery points
 * (`arn:${Partition}:${Vendor}:...`, an EC2 snapshot's `arn:aws:ec2:...` among them). The catalog counts those as the
 * action's own service (scripts/generate-iam-actions.mjs), which a Deny on `arn:*:backup:*` would be read to cover.
 */
export const VARIABLE_ARN_SERVICES: ReadonlySet<string> = new Set(['backup']);

/**
 * The services of the ARNs an action (`service:Name`) acts on, as the catalog's resource types say (`['sqs']` for
 * sqs:SendMessage, `['kafka']` for kafka-cluster:WriteData); undefined for an action the catalog does not know, one
 * with no resource type (sqs:ListQueues, granted on `*` alone, which no Deny on ARNs reaches), or one of a service
 * whose ARNs may be of any service (VARIABLE_ARN_SERVICES).
 */
export function arnServicesOf(action: string): readonly string[] | undefined {
  const [prefix = '', name = ''] = action.toLowerCase().split(':');
  if (VARIABLE_ARN_SERVICES.has(prefix)) return undefined;
  const info = serviceActions(prefix)?.get(name);
  if (info === undefined || info.wildcardOnly) return undefined;
  return info.arnServices ?? (actsOnArnsOf(info, prefix) ? [prefix] : undefined);
}

/**
 * Every ARN of a service in the stack's partition: every ARN is `arn:partition:service:region:account-id:resource`
 * (AWS General Reference, "Amazon Resource Names (ARNs)", ARN format), region and account left empty by some (S3's
 * buckets), and IAM's `*` matches any run, `:` and empty text too, so `arn:*:sqs:*` and `arn:aws:sqs:*:*:*` cover it.
 */
const everyArnOf = (service: string) => `arn:\${AWS::Partition}:${service}:*:*:*`;

/**
 * A Deny's reach (`reach`, as denyReach gives it for a grant on every resource) for one action: where its Resource
 * covers every ARN of each service the action acts on (of each of its resource types, where the catalog holds them:
 * `arn:*:secretsmanager:*:*:secret:*` is every secret, all that secretsmanager:GetSecretValue acts on), in whatever partition the stack is deployed to, it covers the
 * action's grant on every resource; in some partitions only (`arn:aws:sqs:*`), it may (unknown, naming
 * `${AWS::Partition}`). As it was for a NotResource, an action with no resource type or one the catalog does not know.
 */
export function reachOnEveryArn(
  reach: DenyReach,
  deny: Statement,
  action: string,
  options: AnalysisOptions = {},
): DenyReach {
  if (reach.covers.answer === 'yes' || deny.resources === undefined) return reach;
  const services = arnServicesOf(action);
  if (services === undefined || services.length === 0) return reach;
  // The ARNs of the services' resource types where the catalog holds them (`...:secret:*`), else every ARN of each.
  const arns = services.flatMap((service) => resourceArnsOf(service) ?? [everyArnOf(service)]);
  const onArns = denyReach(deny, arns, options);
  if (onArns.covers.answer === 'yes') return { ...reach, covers: onArns.covers };
  return reach.covers.answer === 'no' && onArns.covers.answer === 'unknown'
    ? { ...reach, covers: onArns.covers }
    : reach;
}
