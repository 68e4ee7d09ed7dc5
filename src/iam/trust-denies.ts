import type { Statement } from '../model/iam.js';
import { isUnknown } from '../model/values.js';
import { type DenyOutcome, type DenyStatement, denyOutcome } from './denies.js';
import { factor } from './doubts.js';
import {
  isPublicPrincipal,
  type PrincipalEntry,
  principalEntries,
  servicePrincipalName,
} from './principals.js';
import { coversAction } from './statements.js';
import { type AnalysisOptions, describeValue } from './templates.js';
import { allOf, anyOf, not, type Tri } from './tri.js';

/**
 * Whether the Deny statements of a trust policy take back what an Allow of it lets `principal` do (assume the role by
 * `actions`). An explicit Deny overrides any Allow (IAM User Guide, "Policy evaluation logic"): a Deny without
 * conditions whose principals cover this one and whose actions cover each assume action the Allow grants cancels it;
 * one that may (a value not known before deploy) leaves it `unknown`; one with conditions cancels nothing for certain
 * (the Allow still holds where they do not match), so it is not weighed (see denyOutcome).
 */
export function trustDenyOutcome(
  denies: readonly DenyStatement[],
  allow: Statement,
  principal: PrincipalEntry,
  actions: readonly string[],
  options: AnalysisOptions = {},
): DenyOutcome {
  const granted = actions.filter((action) => coversAction(allow, action, options) !== 'no');
  return denyOutcome(
    denies,
    (deny) => allOf(granted.map((action) => coversAction(deny, action, options))),
    (deny) => {
      const answer = denyCoversPrincipal(deny, principal, options);
      const doubt = `whether the principals of that Deny include ${describeValue(principal.value)} is not known before deploy`;
      return { covers: factor(answer, doubt), limits: { answer: 'no' } };
    },
    false,
  );
}

/**
 * Whether a Deny applies to every request of `principal`. Its Principal `*` covers everyone; an account (`111122223333`,
 * its `:root` ARN) covers every identity of that account; other principals cover the same text (a service principal as
 * any partition spells it). A Deny with NotPrincipal applies to everyone but the principals it names ("Deny with
 * NotPrincipal", IAM User Guide, "AWS JSON policy elements: NotPrincipal"): it covers a principal that holds none of
 * the names it lists (`*` holds them all, an account's root its roles and users).
 * An Allow with NotPrincipal (everyone but some) is taken back only by a Deny of everyone.
 */
function denyCoversPrincipal(deny: Statement, principal: PrincipalEntry, options: AnalysisOptions): Tri {
  const entries = principalEntries(deny, options);
  if (isUnknown(entries)) return 'unknown';
  if (entries.length === 0) return 'no';
  const everyone = anyOf(entries.map((entry) => (entry.negated ? 'no' : isPublicPrincipal(entry, options))));
  if (everyone === 'yes' || principal.negated) return everyone;
  const negated = entries.some((entry) => entry.negated);
  if (negated) {
    // Everyone but the names it lists: where `principal` holds one of them (is it, is `*`, or is the account a role
    // or user it names is of), that one may still assume the role, so the Deny does not take all of it back.
    const spared = anyOf(entries.map((entry) => holds(principal, entry, options)));
    return not(spared);
  }
  const named = anyOf(entries.map((entry) => samePrincipal(entry, principal)));
  return anyOf([everyone, named]);
}

/** Whether `principal` is or holds `named`: `*` holds everyone, an account's root every identity of that account. */
function holds(principal: PrincipalEntry, named: PrincipalEntry, options: AnalysisOptions): Tri {
  const everyone = isPublicPrincipal(principal, options);
  if (everyone !== 'no') return everyone;
  const a = principal.info;
  const b = named.info;
  if (a.kind === 'account' && b.kind === 'account' && a.entity === 'root') {
    const account = sameAccount(a, b);
    if (account !== 'no') return account;
  }
  return samePrincipal(named, principal);
}

/**
 * Whether two accounts are one: the same id, or both the deploying one (`${AWS::AccountId}`, `!GetAtt Role.Arn`, or the
 * id a CDK manifest names); `unknown` for the deploying one beside a literal id that may be it (no account was given).
 */
function sameAccount(a: { account: string; self: Tri }, b: { account: string; self: Tri }): Tri {
  if (a.account === b.account || (a.self === 'yes' && b.self === 'yes')) return 'yes';
  const selfAndMaybe = (x: { self: Tri }, y: { self: Tri }) => x.self === 'yes' && y.self === 'unknown';
  return selfAndMaybe(a, b) || selfAndMaybe(b, a) ? 'unknown' : 'no';
}

/** Whether a principal a Deny names is (or holds) `principal`: `unknown` where either is not known before deploy. */
function samePrincipal(denied: PrincipalEntry, principal: PrincipalEntry): Tri {
  const a = denied.info;
  const b = principal.info;
  if (a.kind === 'unknown' || b.kind === 'unknown') return 'unknown';
  if (a.kind === 'service' && b.kind === 'service')
    return servicePrincipalName(a.principal) === servicePrincipalName(b.principal) ? 'yes' : 'no';
  if (a.kind === 'account' && b.kind === 'account') {
    const account = sameAccount(a, b);
    if (account === 'no') return 'no';
    if (a.entity === 'root') return account;
    // A Deny of one role or user: it takes back neither the whole account nor another identity, whichever the account.
    if (differentIdentities(denied, principal)) return 'no';
    if (account === 'unknown') return 'unknown';
  }
  if (a.kind !== b.kind) return 'no';
  const text = (entry: PrincipalEntry) => (isUnknown(entry.value) ? entry.value.template : entry.value);
  const same = text(denied) !== undefined && text(denied) === text(principal);
  return same ? 'yes' : isUnknown(denied.value) || isUnknown(principal.value) ? 'unknown' : 'no';
}

/**
 * Whether a Deny naming one role or user (`role/Y`) names another identity than `principal`: its whole account (`root`),
 * or a different role or user. Names are compared without case, as IAM does not tell role or user names apart by case
 * (IAM API Reference, CreateRole: "Names are not distinguished by case"); a name not known before deploy (`!GetAtt Role.Arn`) may be any.
 */
function differentIdentities(denied: PrincipalEntry, principal: PrincipalEntry): boolean {
  const deniedName = identityName(denied);
  const principalName = identityName(principal);
  if (principalName === 'root') return deniedName !== 'root';
  return deniedName !== undefined && principalName !== undefined && deniedName !== principalName;
}

/** The identity an account principal names after its account (`root`, `role/y`), lower-cased; undefined where not known. */
function identityName(entry: PrincipalEntry): string | undefined {
  if (entry.info.kind === 'account' && entry.info.entity === 'root') return 'root';
  const text = isUnknown(entry.value) ? entry.value.template : entry.value;
  // After the last colon: the account may be `${AWS::AccountId}`, and no role or user name holds a colon.
  const name = /^arn:.*:((?:role|user|assumed-role|federated-user)\/[^:]+)$/.exec(text ?? '')?.[1];
  return name === undefined || name.includes('${') ? undefined : name.toLowerCase();
}
