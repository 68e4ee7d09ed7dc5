/**
 * The AWS accounts that publish Lambda layers for AWS (Powertools, Lambda Insights, the Parameters and
 * Secrets and AppConfig extensions, ADOT, the CodeGuru Profiler agent, AWS SDK for pandas, the Lambda Web
 * Adapter). The list is data, with its sources and the date it was taken: src/data/aws-layer-publishers.json.
 */
import table from '../../data/aws-layer-publishers.json' with { type: 'json' };

export interface LayerPublisher {
  readonly name: string;
  /** Account id → the regions (or partition) it publishes in. */
  readonly accounts: Readonly<Record<string, string | undefined>>;
  readonly sources: readonly string[];
}

export const AWS_LAYER_PUBLISHERS: readonly LayerPublisher[] = table.publishers;
export const AWS_LAYER_PUBLISHERS_TAKEN_ON: string = table.takenOn;

const byAccount = new Map<string, string>();
for (const publisher of AWS_LAYER_PUBLISHERS) {
  for (const account of Object.keys(publisher.accounts)) {
    const known = byAccount.get(account);
    byAccount.set(account, known === undefined ? publisher.name : `${known}, ${publisher.name}`);
  }
}

/** The AWS product(s) that publish layers from this account, or undefined when it is not an AWS publisher. */
export function awsLayerPublisher(account: string): string | undefined {
  return byAccount.get(account);
}
