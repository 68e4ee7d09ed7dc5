import { closest } from '../../../config/names.js';
import type { SamResource } from './sam-resource.js';
import { isIntrinsic, isObject, type JsonObject } from './shapes.js';

/**
 * The keys SAM takes in an API's Auth.UsagePlan (UsagePlanProperties in samtranslator/model/api/api_generator.py;
 * the SAM developer guide's ApiUsagePlan). `_construct_usage_plan` raises "Invalid property for 'UsagePlan'" for any
 * other key, so the transform fails: `UsagePlanId`, which a preview of SAM took, among them.
 */
const USAGE_PLAN_PROPERTIES = [
  'CreateUsagePlan',
  'Description',
  'Quota',
  'Tags',
  'Throttle',
  'UsagePlanName',
] as const;

/**
 * The properties of AWS::Serverless::Api `sam`, after an error for each key of Auth.UsagePlan SAM does not take, and
 * then without those keys: nothing is read from them (the references they hold, which may loop back to the API, as
 * `UsagePlanId: !Ref <the API's own usage plan>` does), while the ids the other keys make SAM generate stay known (an
 * Output naming `<Api>ApiKey` is no second error). A UsagePlan given by an intrinsic function is left as it is.
 */
export function withoutInvalidUsagePlan(sam: SamResource): JsonObject {
  const auth = sam.properties.Auth;
  const usagePlan = isObject(auth) ? auth.UsagePlan : undefined;
  if (!isObject(auth) || !isObject(usagePlan) || isIntrinsic(usagePlan)) return sam.properties;
  const taken = (key: string) => (USAGE_PLAN_PROPERTIES as readonly string[]).includes(key);
  const invalid = Object.keys(usagePlan).filter((key) => !taken(key));
  if (invalid.length === 0) return sam.properties;
  for (const key of invalid) {
    const meant = closest(key, USAGE_PLAN_PROPERTIES);
    sam.ctx.issue(
      `${sam.id}: ${key} is not a property of Auth.UsagePlan (${USAGE_PLAN_PROPERTIES.join(', ')}): the SAM ` +
        `transform fails on it ("Invalid property for 'UsagePlan'"); Parapet read the usage plan without it` +
        (meant === undefined ? '' : `; did you mean ${meant}?`),
      usagePlan,
      key,
    );
  }
  const kept = Object.fromEntries(Object.entries(usagePlan).filter(([key]) => taken(key)));
  const plan = sam.ctx.derive(kept, { node: usagePlan });
  const withPlan = sam.ctx.derive({ ...auth, UsagePlan: plan }, { node: auth });
  return sam.ctx.derive({ ...sam.properties, Auth: withPlan }, { node: sam.properties });
}
