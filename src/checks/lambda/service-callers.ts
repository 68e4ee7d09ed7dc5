import type { Derivation, Inventory } from '../../model/inventory.js';
import type { CalledFunction, ServiceCaller } from '../../model/service-callers.js';

/** A call of a function by a resource of another service of the template (an SNS subscription, a rule's target). */
export interface ServiceCall {
  readonly caller: ServiceCaller;
  readonly call: CalledFunction;
}

// The calls of every service resource by the function they invoke, worked out once per inventory.
const CALLS_BY_FUNCTION: Derivation<Inventory, ReadonlyMap<string, readonly ServiceCall[]>> = {
  compute: (inventory) => {
    const byFunction = new Map<string, ServiceCall[]>();
    for (const caller of inventory.list('service.lambda-caller')) {
      for (const call of caller.calls) {
        if (typeof call.functionRef !== 'string') continue;
        const calls = byFunction.get(call.functionRef);
        if (calls) calls.push({ caller, call });
        else byFunction.set(call.functionRef, [{ caller, call }]);
      }
    }
    return byFunction;
  },
};

/** The calls of function `id` (any version or alias of it) by the template's service resources. */
export function serviceCallsOf(inventory: Inventory, id: string): readonly ServiceCall[] {
  return inventory.derived(CALLS_BY_FUNCTION, inventory).get(id) ?? [];
}

const SERVICE_WORDS: Readonly<Record<string, string>> = {
  'AWS::SNS::Subscription': 'SNS subscription',
  'AWS::SNS::Topic': 'SNS topic',
  'AWS::Events::Rule': 'EventBridge rule',
  'AWS::S3::Bucket': 'S3 bucket',
  'AWS::SES::ReceiptRule': 'SES receipt rule',
  'AWS::CloudFront::Distribution': 'CloudFront distribution',
};

/** How a finding names the caller: `SNS subscription Sub`, `EventBridge rule Nightly`. */
export function serviceCallLabel({ caller }: Pick<ServiceCall, 'caller'>): string {
  return `${SERVICE_WORDS[caller.type] ?? caller.type} ${caller.id}`;
}
