import type { Reference } from './lambda.js';
import type { Qualified } from './qualifier.js';
import type { ResourceBase } from './resource.js';
import type { Value } from './values.js';

/** The services whose resources name a function as what they invoke, by the name of their service principal. */
export type CallingService = 'sns' | 'events' | 's3' | 'ses' | 'cloudfront';

/** A function a service resource invokes, and how. */
export interface CalledFunction extends Qualified {
  /** The function (its logical id, once linked), or the name or ARN written. */
  readonly functionRef: Reference;
  /**
   * `Event` (asynchronous) or `RequestResponse`. Only an SES receipt rule's `LambdaAction.InvocationType` chooses
   * it (`Event` by default); SNS, EventBridge rules and S3 notifications always invoke asynchronously, CloudFront
   * (Lambda@Edge) synchronously.
   */
  readonly invocationType: Value<string>;
}

/**
 * A resource of another service that names functions as what it invokes, whether or not the Lambda permission that
 * lets it do so is in the template: an SNS subscription (`Protocol: lambda`) or a topic's inline `Subscription`, an
 * EventBridge rule's `Targets`, an S3 bucket's `NotificationConfiguration.LambdaConfigurations`, an SES receipt
 * rule's `LambdaAction`s, a CloudFront distribution's `LambdaFunctionAssociations` (the versions it runs as Lambda@Edge
 * functions). One that invokes no function is not in the model.
 */
export interface ServiceCaller extends ResourceBase<'service.lambda-caller'>, Switchable {
  readonly service: CallingService;
  readonly calls: readonly CalledFunction[];
}

/** A resource that a property can turn off, so that it invokes nothing until enabled. */
export interface Switchable {
  /**
   * Whether it invokes what it names: an EventBridge rule or Scheduler schedule with `State: DISABLED`, or an SES
   * receipt rule whose `Rule.Enabled` is not true (SES's default is false), invokes nothing until enabled. Unknown
   * when a parameter without default decides it; true for SNS and S3, which have no such switch.
   */
  readonly enabled: Value<boolean>;
  /** Set when `enabled` is not true: the property that turns it off, or may. */
  readonly switchedBy?: Switch;
}

/** The property that turns a service resource off, as written. */
export interface Switch {
  /** `State`, `Rule.Enabled`. */
  readonly property: string;
  /** Its value (`DISABLED`, `false`) when known; undefined also when it is not set and its default disables. */
  readonly value?: string;
  /** The parameters whose defaults gave that value: a deploy may override them. */
  readonly defaults: readonly string[];
}
