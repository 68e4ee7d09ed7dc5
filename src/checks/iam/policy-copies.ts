import type { PolicyHit } from '../../iam/hits.js';
import type { RolePolicy } from '../../iam/role-policies.js';
import type { IamRole, Statement } from '../../model/iam.js';
import type { Inventory } from '../../model/inventory.js';
import { deployedEach } from '../../model/resource.js';
import { isUnknown, type Unknown, type Value } from '../../model/values.js';
import { copiesWords, judgeTexts, type PossibleTexts } from '../each-text.js';

/** The statement lists a parameter may fill, one element or the whole list (`Action: !Ref Actions`). */
const LISTS = ['actions', 'notActions', 'resources', 'notResources'] as const;
type StatementList = (typeof LISTS)[number];

/** The lists a check that weighs actions alone reads (iam.role-wildcard-action): a parameter elsewhere is no matter. */
export const ACTION_LISTS: readonly StatementList[] = ['actions', 'notActions'];

/**
 * The hits of a role's policies (`grants`) as deployed. Where one parameter gives elements of their Action or
 * Resource lists, another text per nesting of the template, each deployed by its own copy (Unknown.everyOne, on a
 * role and policy without a condition), each copy's policies are read with its text in place: the hits of a copy
 * with a certain hit, naming it in `copy`; none when every copy has none; else those of the policies as they are.
 * One parameter at a time (see judgeTexts); principals and conditions are left as they are.
 */
export function deployedHits<H extends PolicyHit>(
  inventory: Inventory,
  policies: readonly RolePolicy[],
  role: IamRole,
  grants: (policies: readonly RolePolicy[]) => H[],
  /** The lists whose parameter decides the check: another parameter elsewhere does not stop the per-copy reading. */
  lists: readonly StatementList[] = LISTS,
): { readonly hits: H[]; readonly copy?: string } {
  const given = inventory.holdsCopies ? eachGiven(policies, role, lists) : undefined;
  if (given === undefined) return { hits: grants(policies) };
  const { value, possible } = given;
  const { status, failing } = judgeTexts(
    possible,
    (text) => grants(policies.map((policy) => withText(policy, value, text))),
    (hits) => (hits.some((hit) => hit.answer === 'yes') ? 'fail' : hits.length === 0 ? 'pass' : 'unknown'),
  );
  const first = failing[0];
  if (status === 'pass') return { hits: [] };
  if (status !== 'fail' || first === undefined) return { hits: grants(policies) };
  const which = `${possible.texts.join(', ')} (${value.reason})${copiesWords(possible)}`;
  return { hits: first.judged, copy: ` where ${value.template} is ${first.text} (one of ${which})` };
}

/** The one parameter whose texts are each deployed in the policies' lists; undefined for none, or for several. */
function eachGiven(
  policies: readonly RolePolicy[],
  role: IamRole,
  lists: readonly StatementList[],
): { value: Unknown; possible: PossibleTexts } | undefined {
  const found: Unknown[] = [];
  for (const policy of policies) {
    const statements = isUnknown(policy.document) ? [] : policy.document.statements;
    if (isUnknown(statements)) continue;
    for (const statement of statements)
      for (const list of lists) {
        const value = statement[list];
        const items = value === undefined ? [] : isUnknown(value) ? [value] : value;
        for (const item of items)
          if (isUnknown(item) && deployedEach(item, role) && deployedEach(item, policy.resource ?? role))
            found.push(item);
      }
  }
  const value = found[0];
  if (value?.oneOf === undefined || !found.every((other) => sameParameter(other, value))) return undefined;
  return { value, possible: { texts: value.oneOf, each: true } };
}

function sameParameter(one: Unknown, other: Unknown): boolean {
  return one.template === other.template && one.reason === other.reason;
}

/** A policy with `text` in place of `value` in its statements' lists. */
function withText(policy: RolePolicy, value: Unknown, text: string): RolePolicy {
  const document = policy.document;
  if (isUnknown(document) || isUnknown(document.statements)) return policy;
  const put = (item: Value<string>) => (isUnknown(item) && sameParameter(item, value) ? text : item);
  const statements = document.statements.map((statement) => {
    const copy: Record<string, unknown> = { ...statement };
    for (const list of LISTS) {
      const items = statement[list];
      if (items === undefined) continue;
      // A whole list a parameter gives (`Action: !Ref Actions`): a CommaDelimitedList's text is its items, comma-
      // separated (`s3:GetObject,iam:*`), as CloudFormation splits it. No action name holds a comma; an S3 key may,
      // and a String parameter giving a whole Resource list as one such ARN is read as two (a finding, not a pass).
      copy[list] = isUnknown(items)
        ? sameParameter(items, value)
          ? text.split(',').map((item) => item.trim())
          : items
        : items.map(put);
    }
    return copy as unknown as Statement;
  });
  return { ...policy, document: { ...document, statements } };
}
