import type { Inventory } from '../../model/inventory.js';
import { serviceCallsOf } from './service-callers.js';

/**
 * The CloudFront distributions of the template that run the function (a version of it, named in a cache behavior's
 * `LambdaFunctionAssociations`) as a Lambda@Edge function. Such a function cannot follow some advice a regional one
 * can: "The following Lambda features are not supported by Lambda@Edge: [...] Configuration of your Lambda function
 * to access resources inside your VPC" (CloudFront Developer Guide, Restrictions on Lambda@Edge, Lambda features).
 */
export function edgeDistributions(fnId: string, inventory: Inventory): string[] {
  const calls = serviceCallsOf(inventory, fnId).filter(({ caller }) => caller.service === 'cloudfront');
  return [...new Set(calls.map(({ caller }) => caller.id))];
}
