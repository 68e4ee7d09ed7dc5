/**
 * How iam.role-trust-beyond-lambda words a trust whose `*` an `aws:PrincipalArn` condition narrows. The key holds
 * the ARN of the calling principal; for a role, the role's ARN, not that of its session (IAM User Guide, "AWS
 * global condition context keys", aws:PrincipalArn). ArnEquals and ArnLike both read `*` and `?` in each part of
 * the ARN as wildcards, StringLike too; StringEquals compares literally (IAM User Guide, "Condition operators").
 */

import { listedWithOr } from '../../findings/words.js';
import { describeValue } from '../../iam/templates.js';
import { hasWildcard, isStarOnly } from '../../iam/wildcards.js';
import { isUnknown, type Value } from '../../model/values.js';

/** A part of an ARN: text without colons, or a `${...}` (`${AWS::Partition}`, `${AWS::AccountId}`). */
const PART = String.raw`(?:\$\{[^}]*\}|[^:$])*`;
const IDENTITY_ARN = new RegExp(`^arn:${PART}:(?:iam|sts)::(${PART}):(.*)$`);
const OWN_ACCOUNT = '${AWS::AccountId}';

/** Whether an operator reads `*` and `?` in its values as wildcards (StringLike, ArnEquals, ArnLike). */
export function matchesPatterns(operator: string): boolean {
  const op = operator.toLowerCase().replace(/^foranyvalue:/, '');
  return op === 'stringlike' || op === 'arnequals' || op === 'arnlike';
}

/** The account an identity ARN names, as written (`123456789012`, `${AWS::AccountId}`); undefined for other text. */
export function principalArnAccount(value: Value<string>): string | undefined {
  return IDENTITY_ARN.exec(describeValue(value))?.[1];
}

/** `the account the stack is deployed to`, `account 123456789012`. */
function accountWords(account: string): string {
  return account === OWN_ACCOUNT ? 'the account the stack is deployed to' : `account ${account}`;
}

/**
 * `role ci-deployer of the account the stack is deployed to`, `the root user of account 123456789012`, or for a
 * pattern `principals of account 123456789012 matching role/ci-*`; `Ci of this template` for its `!GetAtt Ci.Arn`; other
 * text as written (`principal ${RoleArn}`).
 */
export function principalArnWords(value: Value<string>, patterns: boolean): string {
  const text = describeValue(value);
  const arn = IDENTITY_ARN.exec(text);
  // `!GetAtt Ci.Arn`: the ARN of a role or user of the template, named by its logical id.
  const own = /^\$\{([A-Za-z0-9]+)\.Arn\}$/.exec(text);
  if (own && isUnknown(value) && value.resources?.includes(`${own[1]}.Arn`))
    return `${own[1]} of this template`;
  if (arn === null) return `principal ${text}`;
  const account = accountWords(arn[1] as string);
  const resource = arn[2] as string;
  if (patterns && isStarOnly(resource)) return `principals of ${account}`;
  if (patterns && hasWildcard(resource)) return `principals of ${account} matching ${resource}`;
  if (resource === 'root') return `the root user of ${account}`;
  const entity = /^(role|user)\/(.+)$/.exec(resource);
  return entity ? `${entity[1]} ${entity[2]} of ${account}` : `principal ${resource} of ${account}`;
}

/** The words of each value, as alternatives: `role a of account 111122223333 or role b of ...`. */
export function principalArnsWords(values: readonly Value<string>[], patterns: boolean): string {
  return listedWithOr(values.map((value) => principalArnWords(value, patterns)));
}
