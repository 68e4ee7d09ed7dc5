/**
 * The AWS accounts that publish Lambda layers for AWS (Powertools, Lambda Insights, the Parameters and
 * Secrets and AppConfig extensions, ADOT, the CodeGuru Profiler agent, AWS SDK for pandas, the Lambda Web
 * Adapter). The list is data, with its sources and the date it was taken: src/data/aws-layer-publishers.json.
 */
import table from '../../data/aws-layer-publishers.json' with { type: 'json' };
import vendors from '../../data/third-party-layer-publishers.json' with { type: 'json' };

export interface LayerPublisher {
  readonly name: string;
  /** Account id → the regions (or partition) it publishes in. */
  readonly accounts: Readonly<Record<string, string | undefined>>;
  readonly sources: readonly string[];
  /** Where the product documents public SSM parameters holding its layer ARNs (`/aws/service/powertools/python/`). */
  readonly parameterPrefix?: string;
}

export const AWS_LAYER_PUBLISHERS: readonly LayerPublisher[] = table.publishers;
export const AWS_LAYER_PUBLISHERS_TAKEN_ON: string = table.takenOn;

/**
 * The accounts monitoring and security vendors (Datadog, New Relic, Lumigo, …) publish their layers from, as each
 * vendor states them: src/data/third-party-layer-publishers.json, with its sources and the date it was taken.
 */
export const THIRD_PARTY_LAYER_PUBLISHERS: readonly LayerPublisher[] = vendors.publishers;
export const THIRD_PARTY_LAYER_PUBLISHERS_TAKEN_ON: string = vendors.takenOn;

/** Account id → the name(s) of the publishers listing it, joined where two share one. */
function namesByAccount(publishers: readonly LayerPublisher[]): ReadonlyMap<string, string> {
  const byAccount = new Map<string, string>();
  for (const publisher of publishers) {
    for (const account of Object.keys(publisher.accounts)) {
      const known = byAccount.get(account);
      byAccount.set(account, known === undefined ? publisher.name : `${known}, ${publisher.name}`);
    }
  }
  return byAccount;
}

const awsByAccount = namesByAccount(AWS_LAYER_PUBLISHERS);
const vendorByAccount = namesByAccount(THIRD_PARTY_LAYER_PUBLISHERS);

/** The AWS product(s) that publish layers from this account, or undefined when it is not an AWS publisher. */
export function awsLayerPublisher(account: string): string | undefined {
  return awsByAccount.get(account);
}

/** The vendor that publishes layers from this account, or undefined when no listed vendor does. */
export function thirdPartyLayerPublisher(account: string): string | undefined {
  return vendorByAccount.get(account);
}

/**
 * The AWS product whose layer ARN the SSM parameter `name` holds, and the prefix it documents, when `name` is one of
 * the public parameters AWS keeps for a product's layers (`/aws/service/powertools/python/x86_64/python3.12/latest`);
 * undefined for any other name. No account can create a parameter whose name begins with `aws` or `/aws` (Systems
 * Manager API Reference, PutParameter, Name: "can't be prefixed with "aws" or "ssm" (case-insensitive)"), so one under
 * `/aws/service/` is AWS's public parameter, and those under a product's documented prefix hold that product's layer
 * ARNs (Powertools for AWS Lambda: "Using SSM Parameter Store" (Python), "Lookup Layer ARN via AWS SSM Parameter
 * Store" (TypeScript)).
 */
export function awsLayerParameter(
  name: string,
): { readonly product: string; readonly prefix: string } | undefined {
  for (const { name: product, parameterPrefix: prefix } of AWS_LAYER_PUBLISHERS)
    if (prefix !== undefined && name.startsWith(prefix)) return { product, prefix };
  return undefined;
}
