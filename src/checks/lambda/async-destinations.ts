import type { EventInvokeConfig } from '../../model/lambda.js';
import { describeQualifier, sameQualifier } from '../../model/qualifier.js';
import type { ResourceBase } from '../../model/resource.js';
import { certainlyNonEmpty, isUnknown, nonEmptyParameter, type Value } from '../../model/values.js';

/** Something that invokes a function asynchronously, and the version or alias of it that it reaches. */
export interface AsyncCaller {
  /** `s3.amazonaws.com (UploadPermission)`, `EventBridge Scheduler (schedule Nightly)`. */
  readonly label: string;
  readonly qualifier: Value<string>;
  /** An event invoke config standing for callers not seen (a sign of asynchronous use), not a caller itself. */
  readonly sign?: true;
  /**
   * The resources that make it a caller (a permission, and the rule its SourceArn names): a verdict that rests on
   * it rests on the defaults that deploy them.
   */
  readonly resources?: readonly ResourceBase[];
}

/**
 * Where the failed events of one caller go. Lambda keeps an event invoke config per version or alias and applies
 * the one of the qualifier invoked, so only a config on that qualifier counts: `by` is one whose on-failure
 * destination is set; otherwise `open` tells what is not known before deploy (a destination, or whether a
 * config's qualifier is the one invoked), and both are absent when no config keeps them.
 */
export interface CallerDestination {
  readonly caller: AsyncCaller;
  readonly by?: EventInvokeConfig;
  readonly open: readonly string[];
  /** The first config whose on-failure destination is not known before deploy: what decides it. */
  readonly openConfig?: EventInvokeConfig;
}

export function destinationOf(caller: AsyncCaller, configs: readonly EventInvokeConfig[]): CallerDestination {
  const applying = configs
    .map((config) => ({ config, same: sameQualifier(caller.qualifier, config.qualifier) }))
    .filter(({ same }) => same !== false);
  const by = applying.find(({ same, config }) => same && destinationSet(config.onFailureDestination));
  if (by) return { caller, by: by.config, open: [] };
  const open: string[] = [];
  let openConfig: EventInvokeConfig | undefined;
  for (const { config, same } of applying) {
    const destination = config.onFailureDestination;
    if (same === undefined && (isUnknown(destination) || certainlyNonEmpty(destination))) {
      open.push(
        `whether ${config.id} (on ${describeQualifier(config.qualifier)}) applies to ${describeQualifier(caller.qualifier)}`,
      );
    } else if (isUnknown(destination)) {
      open.push(`the on-failure destination of ${config.id} (${destination.reason})`);
      openConfig ??= config;
    }
  }
  return openConfig === undefined ? { caller, open } : { caller, open, openConfig };
}

/** The qualifiers that have an on-failure destination, with their configs: `alias live (FnEventInvokeConfig)`. */
export function qualifiersWithDestination(configs: readonly EventInvokeConfig[]): string[] {
  return configs
    .filter((config) => destinationSet(config.onFailureDestination))
    .map((config) => `${describeQualifier(config.qualifier)} (${config.id})`);
}

/**
 * Whether an on-failure destination is set in every deploy: an ARN with text of its own, or a parameter whose
 * constraints (or the case of the conditions scanned) keep it from being empty. A whole parameter that may be given
 * '' sets none then: Lambda reads an empty Destination as no destination.
 */
export function destinationSet(destination: Value<string | undefined>): boolean {
  return certainlyNonEmpty(destination) || nonEmptyParameter(destination) !== undefined;
}

/**
 * Where a config sends failed events, as a pass says it: `arn:aws:sqs:...:failed (FnInvokeConfig)`, or for a parameter
 * `the destination given to parameter FailedArn at deploy (FnInvokeConfig; its constraints keep out an empty value)`.
 */
export function destinationOfConfig(config: EventInvokeConfig): string {
  const given = nonEmptyParameter(config.onFailureDestination);
  return given === undefined
    ? `${String(config.onFailureDestination)} (${config.id})`
    : `the destination given to parameter ${given.parameter} at deploy (${config.id}; ${given.why})`;
}
