/**
 * The conditions of a trust policy statement that change what its principal means:
 * - `aws:PrincipalOrgID` / `aws:PrincipalAccount` pinned to fixed values turn `*` into the principals of that
 *   organization or account (IAM User Guide, global condition keys: the key holds the organization or account
 *   of the requesting principal). Read as lambda.permission-public-invoke reads them (pinsKey shares the reading of
 *   restrictingConditions): every value is evaluated, and a wildcard, a negation or `...IfExists` does not pin.
 * - `aws:PrincipalArn` turns `*` into those principals (the key holds the caller's ARN: see principal-arn.ts), or,
 *   for an ARN pattern whose account is written (`arn:aws:iam::123456789012:role/*`), that account's matching ones.
 * - `sts:ExternalId`: the caller must pass that id to AssumeRole. It guards a third party against the confused
 *   deputy (IAM User Guide, "Access to AWS accounts owned by third parties"); it does not narrow who is trusted.
 */

import { listedWithOr } from '../../findings/words.js';
import { pinsKey } from '../../iam/conditions.js';
import { type AnalysisOptions, describeValue, elementsOf } from '../../iam/templates.js';
import type { Statement } from '../../model/iam.js';
import { isUnknown, type Value } from '../../model/values.js';
import { matchesPatterns, principalArnsWords } from './principal-arn.js';

export interface CallerPin {
  /** The condition key as written (`aws:PrincipalOrgID`). */
  readonly key: string;
  readonly kind: 'organization' | 'account' | 'principal';
  /** Its values as written (a template for text not known before deploy). */
  readonly values: readonly Value<string>[];
  /** Whether its operator reads `*` and `?` in the values as wildcards (ArnLike); only for a principal. */
  readonly patterns?: boolean;
}

export interface TrustConditions {
  /**
   * The principals, account or organization `*` is limited to; the narrowest when several are written (a caller
   * must match each).
   */
  readonly pin?: CallerPin;
  /** Whether a positive condition requires sts:ExternalId. */
  readonly externalId: boolean;
  /** How many conditions are neither of those. */
  readonly others: number;
}

const PIN_KEYS: Readonly<Record<string, CallerPin['kind']>> = {
  'aws:principalorgid': 'organization',
  'aws:principalaccount': 'account',
  'aws:principalarn': 'principal',
};

const NARROWEST_FIRST: readonly CallerPin['kind'][] = ['principal', 'account', 'organization'];

export function trustConditions(statement: Statement, options: AnalysisOptions): TrustConditions {
  const conditions = statement.conditions;
  if (conditions === undefined || isUnknown(conditions)) return { externalId: false, others: 0 };
  const pins: CallerPin[] = [];
  let externalId = false;
  let others = 0;
  for (const [operator, entries] of Object.entries(conditions)) {
    for (const [key, list] of Object.entries(entries)) {
      const kind = PIN_KEYS[key.toLowerCase()];
      const values = elementsOf(list);
      const pinned = pinsKey(operator, list, options, kind === 'principal' ? 'arn' : 'id').answer === 'yes';
      if (kind !== undefined && pinned && !isUnknown(values)) {
        const patterns = kind === 'principal' ? { patterns: matchesPatterns(operator) } : {};
        pins.push({ key, kind, values, ...patterns });
      } else if (key.toLowerCase() === 'sts:externalid' && pinned) {
        externalId = true;
      } else others++;
    }
  }
  const pin = NARROWEST_FIRST.map((kind) => pins.find((one) => one.kind === kind)).find(Boolean);
  return { ...(pin ? { pin } : {}), externalId, others: others + Math.max(0, pins.length - 1) };
}

/**
 * Who a pin leaves: `principals of organization o-abc123defg`, `principals of account 111122223333 or
 * 444455556666`, `role ci-deployer of the account the stack is deployed to`.
 */
export function pinnedWho(pin: CallerPin): string {
  if (pin.kind === 'principal') return principalArnsWords(pin.values, pin.patterns === true);
  return `principals of ${pinWords(pin)}`;
}

/** `organization o-abc123defg`, `account 111122223333 or 444455556666`. */
function pinWords(pin: CallerPin): string {
  const own = (value: Value<string>) => describeValue(value) === '${AWS::AccountId}';
  if (pin.values.length === 1 && pin.values.every(own)) return `the ${pin.kind} the stack is deployed to`;
  return `${pin.kind} ${listedWithOr(pin.values.map(describeValue))}`;
}
