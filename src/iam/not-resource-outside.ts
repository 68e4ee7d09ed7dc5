/**
 * What an Allow's NotResource keeps out of its grant, action by action. Such an Allow grants on every resource but
 * those it names (IAM User Guide, "IAM JSON policy elements: NotResource"), and an action acts only on the resource
 * types the Service Authorization Reference lists for it: one whose every such ARN the NotResource names is granted
 * nowhere (secretsmanager:GetSecretValue beside `NotResource: arn:*:secretsmanager:*:*:secret:*`; s3:GetObject
 * beside `arn:*:s3:*`, not beside `arn:aws:s3:::*`, for it acts on objects reached through an access point too,
 * `arn:aws:s3:us-east-1:123456789012:accesspoint/ap/object/key`). The reading of a Deny's Resource that covers every
 * ARN an action acts on (see reachOnEveryArn), for the same ARNs.
 */
import type { Statement } from '../model/iam.js';
import { resourceArnsOf } from './action-data.js';
import { denyReach } from './deny-reach.js';
import { arnServicesOf } from './every-arn-reach.js';
import type { AnalysisOptions } from './templates.js';

/**
 * For an Allow with NotResource, whether it keeps out every ARN an action (`service:Name`) may act on, in whatever
 * partition the stack is deployed to (`arn:*:...` or `arn:${AWS::Partition}:...`; `arn:aws:...` keeps out those of
 * one partition alone, and the action is still granted in another). Always false for a statement with a Resource,
 * an action with no resource type (granted on `*`, which no ARN names) or one the catalog does not know. Built once
 * per statement; each ARN service is weighed once.
 */
export function keptOutBy(statement: Statement, options: AnalysisOptions = {}): (action: string) => boolean {
  const { notResources, resources, ...rest } = statement;
  if (resources !== undefined || notResources === undefined) return () => false;
  // The NotResource read as a Deny's Resource, against a grant on every ARN of the service (see denyReach).
  const asResource: Statement = { ...rest, resources: notResources };
  const byService = new Map<string, boolean>();
  const keepsOut = (service: string) => {
    let out = byService.get(service);
    if (out === undefined) {
      const arns = resourceArnsOf(service);
      out = arns !== undefined && denyReach(asResource, arns, options).covers.answer === 'yes';
      byService.set(service, out);
    }
    return out;
  };
  return (action) => {
    const services = arnServicesOf(action);
    return services !== undefined && services.length > 0 && services.every(keepsOut);
  };
}
