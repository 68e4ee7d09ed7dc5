import type { Statement } from '../model/iam.js';
import { own } from '../model/own.js';
import { isUnknown, type Value } from '../model/values.js';
import { actionsWithConditionKey, taggingActionsOf } from './action-data.js';
import { pinsKey } from './conditions.js';
import { resourceStartOf, typeScopeOf } from './resource-scope.js';
import { isAllResources } from './statements.js';
import { createOnlyService } from './tagging-conditions.js';
import { type AnalysisOptions, describeValue, elementsOf, instantiate } from './templates.js';

/**
 * Condition keys that name the resource an action acts on, or the kind of it, and what a fixed value leaves of a
 * grant on every resource (words after "only"). From the Service Authorization Reference's condition key tables
 * (the IAM action catalog's descriptions):
 * - iam:AWSServiceName, "the AWS service to which this role is attached": CreateServiceLinkedRole's AWSServiceName,
 *   so only that service's service-linked role;
 * - lambda:FunctionArn, "the ARN of an AWS Lambda function": the function whose event source mappings or URL the
 *   action acts on;
 * - secretsmanager:SecretId, "the SecretID value in the request": the secret acted on;
 * - secretsmanager:resource/AllowRotationLambdaArn, "the ARN of the rotation Lambda function associated with the
 *   secret": a property of the secret, so only the secrets that function rotates (AWS's rotation templates grant
 *   a rotation function its writes on `*` this way);
 * - s3:DataAccessPointArn, "an access point Amazon Resource Name (ARN)": the S3 User Guide ("Configuring IAM policies
 *   for using access points", its condition keys) matches it against the access point a request goes through, and
 *   each access point serves one bucket (or FSx volume), so only what that access point reaches: a request straight
 *   to the bucket lacks the key, which a plain operator then does not match. The Service Authorization Reference for
 *   S3 lists it in the rows of the access point actions themselves (s3:CreateAccessPoint, s3:DeleteAccessPoint,
 *   s3:PutAccessPointPolicy: the access point created or acted on) and on the accesspoint and accesspointobject
 *   resource types (the bucket and object actions acting through one), not for the bucket writes that name no access
 *   point type (s3:PutBucketVersioning): the catalog's list (iam-actions.json, conditionKeys) is that.
 * Not here: tags (aws:ResourceTag/*, ssm:resourceTag/*): they name resources their tag-holders choose, and whoever
 * may tag (the role itself, perhaps, through another statement) widens the grant, so they narrow it less (see
 * tag-conditions.ts, which weighs them); keys about the request rather than the resource (secretsmanager:Name,
 * secretsmanager:KmsKeyArn, iam:PassedToService); s3:DataAccessPointAccount, the account owning the access point, which
 * names every access point of an account, and s3:AccessPointNetworkOrigin (Internet or VPC), which names none.
 * scripts/generate-iam-actions.mjs lists the same keys, to record which actions each applies to.
 */
const RESOURCE_KEYS: Readonly<Record<string, string>> = {
  'iam:awsservicename': 'the service-linked role of the service named',
  'lambda:functionarn': 'what belongs to the function named (its event source mappings, its URL)',
  's3:dataaccesspointarn': 'the access point named and the objects reached through it',
  'secretsmanager:secretid': 'the secret named',
  'secretsmanager:resource/allowrotationlambdaarn': 'the secrets that the function named rotates',
};

/**
 * Keys whose values are ARNs: a pattern of one (`StringLike secretsmanager:SecretId arn:aws:secretsmanager:*:*:secret:app/*`)
 * names the resources it matches, as the same pattern written as the Resource would, and narrows as much.
 */
const ARN_KEYS: ReadonlySet<string> = new Set([
  'lambda:functionarn',
  's3:dataaccesspointarn',
  'secretsmanager:secretid',
  'secretsmanager:resource/allowrotationlambdaarn',
]);

/**
 * ARN keys whose pattern must name its resources by the literal start of their name, after the type written here:
 * S3 ARNs start their resource part with a name (a bucket's), so typeScopeOf does not see `accesspoint/*` or
 * `accesspoint*` as every access point of an account, as it sees `secret:*` as every secret.
 */
const NAMED_AFTER: Readonly<Record<string, string>> = { 's3:dataaccesspointarn': 'accesspoint/' };

/** pinsKey's reason for a value with wildcards. */
const WILDCARD = 'its values match any (a wildcard)';

/**
 * Whether every value is an ARN pattern naming some resources of the key (lower case): not every resource, nor every
 * one of a type.
 */
function namesSome(key: string, values: Value<readonly Value<string>[]>, options: AnalysisOptions): boolean {
  const list = elementsOf(values);
  if (isUnknown(list) || list.length === 0) return false;
  const type = own(NAMED_AFTER, key);
  return list.every((value) => {
    const text = instantiate(value, 'anyPattern', options);
    if (text === undefined) return false;
    const start = resourceStartOf(text);
    if (type !== undefined && !(start.startsWith(type) && start.length > type.length)) return false;
    return text.startsWith('arn:') && !isAllResources(text) && typeScopeOf(text) === undefined;
  });
}

/** `arn:aws:secretsmanager:*:*:secret:app/*`, several joined with "or". */
function patternsOf(values: Value<readonly Value<string>[]>): string {
  const list = elementsOf(values);
  return isUnknown(list) ? describeValue(list) : list.map(describeValue).join(' or ');
}

/** What a CreateAction condition leaves of a tagging grant on every resource (words after "only"). */
const ON_CREATE = 'tagging what the create calls it names make: it cannot retag existing resources';

/** The actions (lower case) of a service that the catalog puts at the Tagging access level: its tagging actions. */
function taggingActions(service: string): ReadonlySet<string> {
  return new Set(taggingActionsOf(service).map((a) => a.name.toLowerCase()));
}

/** The keys weighed, lower case (for the test that the catalog file carries each). */
export const RESOURCE_CONDITION_KEYS: readonly string[] = Object.keys(RESOURCE_KEYS);

/** A condition on a resource-naming key that pins it to fixed values (`yes`), or may (`unknown`). */
export interface ResourceCondition {
  /** `StringEquals iam:AWSServiceName`. */
  readonly condition: string;
  readonly answer: 'yes' | 'unknown';
  /** What it leaves of the grant: `the service-linked role of the service named`. */
  readonly only: string;
  /** The actions (lower case) the catalog lists the key for. */
  readonly actions: ReadonlySet<string>;
  /** When unknown: why. */
  readonly doubt?: string;
  /**
   * Set for `<service>:CreateAction` (see createOnlyService): the service, as the key writes it (`ec2`). It limits
   * that service's tagging actions to tagging within a create call, which is judged by the create action's own grant;
   * it says nothing of other actions.
   */
  readonly createOnly?: string;
}

export interface ResourceConditions {
  readonly pinning: readonly ResourceCondition[];
  /** Conditions on resource-naming keys that pin nothing, and why (`...IfExists`, a wildcard, a negation). */
  readonly ignored: readonly { readonly condition: string; readonly why: string }[];
}

const NONE: ResourceConditions = { pinning: [], ignored: [] };

/**
 * The statement's conditions that name the resources it acts on. Conditions and their keys are ANDed (the IAM User
 * Guide, "Condition element"), so any one pinning condition narrows the actions its key applies to; the values of one
 * key are ORed, so every value must be fixed. A plain (not `...IfExists`) operator on a key the request lacks does not
 * match (IAM User Guide, "Condition operators"): a resource without a rotation function is not granted.
 */
export function resourceConditions(statement: Statement, options: AnalysisOptions = {}): ResourceConditions {
  const conditions = statement.conditions;
  if (conditions === undefined || isUnknown(conditions)) return NONE;
  const pinning: ResourceCondition[] = [];
  const ignored: { condition: string; why: string }[] = [];
  for (const [operator, entries] of Object.entries(conditions)) {
    for (const [key, values] of Object.entries(entries)) {
      const lower = key.toLowerCase();
      const created = createOnlyService(operator, key);
      const tagging = created === undefined ? undefined : taggingActions(created);
      if (created !== undefined && tagging !== undefined && tagging.size > 0) {
        pinning.push({
          condition: `${operator} ${key}`,
          answer: 'yes',
          only: ON_CREATE,
          actions: tagging,
          // (the service as the key writes it: createOnlyService gives it in lower case)
          createOnly: key.slice(0, created.length),
        });
        continue;
      }
      const only = own(RESOURCE_KEYS, lower);
      const actions = only === undefined ? undefined : actionsWithConditionKey(lower);
      if (only === undefined || actions === undefined) continue;
      const condition = `${operator} ${key}`;
      const pins = pinsKey(operator, values, options);
      if (
        pins.answer === 'no' &&
        pins.why === WILDCARD &&
        ARN_KEYS.has(lower) &&
        namesSome(lower, values, options)
      )
        pinning.push({ condition, answer: 'yes', only: `those matching ${patternsOf(values)}`, actions });
      else if (pins.answer === 'no') ignored.push({ condition, why: pins.why ?? 'it pins no value' });
      else {
        const doubt =
          pins.answer === 'unknown'
            ? { doubt: `${condition} may be a wildcard: its value is not known before deploy` }
            : {};
        pinning.push({ condition, answer: pins.answer, only, actions, ...doubt });
      }
    }
  }
  return { pinning, ignored };
}

/**
 * How the conditions narrow one action (`service:Name`):
 * - `pinned`: a condition pins a key the catalog lists for it (`answer` unknown when its value may be a wildcard);
 * - `unlisted`: only a condition on a key the catalog does not list for the action pins it. IAM then grants the
 *   action only to requests that carry the key, which per the reference none do: no grant on every resource either
 *   way, but the statement may not do what its author meant.
 * Undefined when none narrows it.
 */
export function narrowingOf(
  conditions: ResourceConditions,
  action: string,
): { readonly how: 'pinned' | 'unlisted'; readonly by: ResourceCondition } | undefined {
  const name = action.toLowerCase();
  const listed = conditions.pinning.filter((c) => c.actions.has(name));
  const by = listed.find((c) => c.answer === 'yes') ?? listed[0];
  if (by !== undefined) return { how: 'pinned', by };
  // (a CreateAction key says nothing of actions other than tagging: they are left as they were)
  const unlisted = conditions.pinning.find((c) => c.answer === 'yes' && c.createOnly === undefined);
  return unlisted === undefined ? undefined : { how: 'unlisted', by: unlisted };
}
