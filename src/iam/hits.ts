import type { PolicyDocument, Statement } from '../model/iam.js';
import type { SourceRef } from '../model/source.js';
import { isUnknown, type Value } from '../model/values.js';
import type { RolePolicy } from './role-policies.js';
import { hasConditions } from './statements.js';
import type { AnalysisOptions } from './templates.js';
import { allOf, type Tri } from './tri.js';

/**
 * One thing an analysis found: certainly (`yes`) or possibly (`unknown`, with the reason it cannot
 * tell). A check fails on `yes` hits, says unknown when there are only `unknown` ones, and passes on none.
 */
export interface PolicyHit {
  readonly answer: 'yes' | 'unknown';
  /** In words for the report: what grants what, or why it cannot be seen. */
  readonly reason: string;
  /** Where to point: the statement, or the policy when its document cannot be read. */
  readonly source?: SourceRef;
  /** The role policy it comes from, when the analysis was given a role's policies. */
  readonly policy?: RolePolicy;
  readonly statement?: Statement;
  /** The action, resource or principal concerned, as written (its template when not known before deploy). */
  readonly value?: string;
  /** Whether the statement has conditions, which may narrow the grant. */
  readonly conditions?: Tri;
}

/** A single document (an `iam.policy`, a trust policy) or the policies of a role (`policiesOfRole`). */
export type PolicyInput = Value<PolicyDocument> | readonly RolePolicy[];

export interface HitOptions extends AnalysisOptions {
  /**
   * AWS managed policies whose document the inventory does not hold: `unknown` hits (the default), or
   * `ignore` for checks that leave AWS managed policies to a check of their own (see managedPolicyClass).
   */
  readonly unseenAwsManaged?: 'unknown' | 'ignore';
}

export interface Visit {
  readonly statement: Statement;
  readonly policy?: RolePolicy;
}

/**
 * Calls `visit` for every statement of the input and returns `unknown` hits for what cannot be read:
 * a document or statement list not known before deploy, a policy outside the inventory.
 */
export function visitStatements(
  input: PolicyInput,
  options: HitOptions,
  visit: (v: Visit) => void,
): PolicyHit[] {
  const unseen: PolicyHit[] = [];
  const entries: { document: Value<PolicyDocument>; policy?: RolePolicy }[] = isPolicyList(input)
    ? input.map((policy) => ({ document: policy.document, policy }))
    : [{ document: input }];
  for (const { document, policy } of entries) {
    if (isUnknown(document)) {
      if (policy?.origin === 'aws-managed' && options.unseenAwsManaged === 'ignore') continue;
      unseen.push({
        answer: 'unknown',
        reason: `policy cannot be read: ${document.reason}`,
        source: policy?.source,
        policy,
      });
      continue;
    }
    if (isUnknown(document.statements)) {
      const reason = `policy statements not known before deploy: ${document.statements.reason}`;
      unseen.push({ answer: 'unknown', reason, source: document.source, policy });
      continue;
    }
    for (const statement of document.statements) visit({ statement, policy });
  }
  return unseen;
}

function isPolicyList(input: PolicyInput): input is readonly RolePolicy[] {
  return Array.isArray(input);
}

/**
 * A hit on a statement, or undefined when the answers combine to `no`. The policy's own attachment
 * counts: a policy that may not reach the role gives at most `unknown`.
 */
export function statementHit(
  visit: Visit,
  answers: readonly Tri[],
  fields: { reason: string; value?: string },
): PolicyHit | undefined {
  const answer = allOf([...answers, visit.policy?.attached ?? 'yes']);
  if (answer === 'no') return undefined;
  const attachment =
    visit.policy?.attached === 'unknown' ? ' (the policy may not be attached to this role)' : '';
  return {
    answer,
    reason: `${fields.reason}${attachment}`,
    source: visit.statement.source,
    policy: visit.policy,
    statement: visit.statement,
    conditions: hasConditions(visit.statement),
    ...(fields.value === undefined ? {} : { value: fields.value }),
  };
}

/** Combines hits into one answer: yes if any is certain, unknown if any is possible, else no. */
export function verdict(hits: readonly PolicyHit[]): Tri {
  if (hits.some((hit) => hit.answer === 'yes')) return 'yes';
  return hits.length > 0 ? 'unknown' : 'no';
}
