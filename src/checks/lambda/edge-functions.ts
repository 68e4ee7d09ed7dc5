import type { Inventory } from '../../model/inventory.js';
import { inEveryDeploy } from '../../model/resource.js';
import type { ServiceCaller } from '../../model/service-callers.js';
import { serviceCallsOf } from './service-callers.js';

/**
 * The CloudFront distributions of the template that run the function (a version of it, named in a cache behavior's
 * `LambdaFunctionAssociations`) as a Lambda@Edge function. Such a function cannot follow some advice a regional one
 * can: "The following Lambda features are not supported by Lambda@Edge: [...] Configuration of your Lambda function
 * to access resources inside your VPC" (CloudFront Developer Guide, Restrictions on Lambda@Edge, Lambda features).
 * `surely`: those every deploy creates; `maybe`: those under a Condition (not known, or false by the parameters'
 * defaults), where a deploy without them leaves a regional function.
 */
export function edgeDistributions(
  fnId: string,
  inventory: Inventory,
): { readonly surely: readonly string[]; readonly maybe: readonly string[] } {
  const callers = new Map<string, ServiceCaller>();
  for (const { caller } of serviceCallsOf(inventory, fnId))
    if (caller.service === 'cloudfront') callers.set(caller.id, caller);
  const surely: string[] = [];
  const maybe: string[] = [];
  for (const caller of callers.values()) (inEveryDeploy(caller) ? surely : maybe).push(caller.id);
  return { surely, maybe };
}
