// What the conditions of a grant of tagging (ec2:CreateTags, <service>:TagResource) keep it from: tagging outside a
// create call, or setting the tag a resource-tag condition wants (./tag-conditions.ts, mayTag).
import type { Statement } from '../model/iam.js';
import { isUnknown } from '../model/values.js';
import type { TagCondition } from './tag-conditions.js';
import { elementsOf } from './templates.js';
import { wildcardMatches } from './wildcards.js';

/**
 * The operators on aws:TagKeys that let through only requests whose every tag key is listed: the ForAllValues set
 * operators, and the plain ones. aws:TagKeys holds several values, and a multivalued key needs a set operator (IAM
 * User Guide, "Single-valued vs. multivalued context keys"): a plain operator matches no request carrying tag keys at
 * all, which is stricter still; read here only as far as both readings agree, that a key not listed cannot be set.
 */
const ONLY_LISTED_KEYS = new Set([
  'forallvalues:stringequals',
  'forallvalues:stringequalsignorecase',
  'forallvalues:stringlike',
  'stringequals',
  'stringequalsignorecase',
  'stringlike',
]);

/**
 * The operators that match no request without the key: the plain positive string ones (IAM User Guide, "Condition
 * operators"; not `...IfExists`, no negation: a negated operator matches a request without the key), and their
 * ForAnyValue forms, which return false when the request has no value for the key (IAM User Guide, "Set operators for
 * multivalued context keys"). ForAllValues returns true then: it does not need the key.
 */
const NEEDS_THE_KEY = new Set([
  'stringequals',
  'stringequalsignorecase',
  'stringlike',
  'foranyvalue:stringequals',
  'foranyvalue:stringequalsignorecase',
  'foranyvalue:stringlike',
]);

/**
 * The service whose tagging a condition (`operator` on `key`) lets through only within a call that creates a
 * resource: `ec2` for `StringEquals ec2:CreateAction`. The key is in the request only when tags are set by a create
 * call (RunInstances with TagSpecifications), never in a call of the tagging action itself, which the condition then
 * does not match whatever its values: the role tags the resources it creates, and cannot retag those that exist
 * (Amazon EC2 User Guide, "Grant permission to tag Amazon EC2 resources during creation"; the ECS and Elastic Load
 * Balancing guides word their CreateAction keys alike: "Users are not permitted to tag any existing resources").
 * Undefined for any other key, or an operator that matches a request without it.
 */
export function createOnlyService(operator: string, key: string): string | undefined {
  if (!NEEDS_THE_KEY.has(operator.toLowerCase())) return undefined;
  const [service, name, ...rest] = key.toLowerCase().split(':');
  return rest.length === 0 && name === 'createaction' && service !== undefined && service !== ''
    ? service
    : undefined;
}

/**
 * Whether a tagging Allow's conditions let the tagging action (`ec2:CreateTags`) through only within a call that
 * creates a resource: a condition on its service's CreateAction key that needs the key (see createOnlyService).
 */
export function onCreateOnly(statement: Statement, tagging: string): boolean {
  const conditions = statement.conditions;
  if (conditions === undefined || isUnknown(conditions)) return false;
  const service = tagging.split(':')[0]?.toLowerCase();
  return Object.entries(conditions).some(([operator, entries]) =>
    Object.keys(entries).some((name) => createOnlyService(operator, name) === service),
  );
}

/** The operators on aws:RequestTag/<key> that let through only requests setting it to a listed value. */
const ONLY_LISTED_VALUES = new Set(['stringequals', 'stringequalsignorecase', 'stringlike']);

/**
 * Whether a tagging Allow's conditions keep the role from giving a resource the tag a narrowing condition wants
 * (`key`: `Scheduled=true`), so that the role cannot choose which resources it reaches: `ForAllValues:StringEquals
 * aws:TagKeys` (or a plain `StringEquals`, see ONLY_LISTED_KEYS) listing no such key (only the keys listed may be
 * set), `StringEquals aws:RequestTag/Scheduled` with no
 * value the narrowing wants (the key may be set to those alone), or `Null aws:RequestTag/Scheduled: 'true'` (it may
 * not be set). IAM User Guide, "Controlling access during AWS requests" (aws:RequestTag/tag-key, aws:TagKeys) and
 * "Single-valued vs. multivalued condition keys". Values compare without case, so a doubt lets the role tag; a value
 * not known before deploy (a parameter without default) keeps nothing from it.
 */
export function keepsFromSetting(statement: Statement, key: TagCondition): boolean {
  const conditions = statement.conditions;
  if (conditions === undefined || isUnknown(conditions)) return false;
  const matches = (patterns: readonly string[], text: string) =>
    patterns.some((pattern) => wildcardMatches(pattern, text, true));
  for (const [operator, entries] of Object.entries(conditions)) {
    const op = operator.toLowerCase();
    for (const [name, list] of Object.entries(entries)) {
      const lower = name.toLowerCase();
      const listed = elementsOf(list);
      // A value not known before deploy may be the key itself, or `*`.
      if (listed === undefined || isUnknown(listed) || listed.some((v) => isUnknown(v))) continue;
      // YAML may give `true` unquoted: a boolean, which IAM reads as the text.
      const values = listed.map((v) => String(v));
      if (lower === 'aws:tagkeys' && ONLY_LISTED_KEYS.has(op) && !matches(values, key.tag)) return true;
      if (lower !== `aws:requesttag/${key.tag.toLowerCase()}`) continue;
      if (ONLY_LISTED_VALUES.has(op) && !key.values.some((value) => matches(values, value))) return true;
      if (op === 'null' && values.every((v) => v.toLowerCase() === 'true')) return true;
    }
  }
  return false;
}
