import type { PolicyDocument, Statement } from '../model/iam.js';
import type { SourceRef } from '../model/source.js';
import { isUnknown, type Value } from '../model/values.js';
import type { ActionsLeft } from './deny-actions.js';
import { doubtsOf, type Factor, factor } from './doubts.js';
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
  /**
   * In words for the report: what grants what (`yes`), or what it may grant and what is not known
   * (`unknown`: "may grant ...: the Action is not known before deploy (...)", "policy cannot be read: ...").
   */
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
  /**
   * Set when Denies of the policies read take back part of what `value` grants: the action patterns left (`s3:*` of
   * `*` under a Deny of NotAction `s3:*`; the write actions no Deny cancels), and those Denies. A permissions
   * boundary is weighed against what is left (see withinBoundary).
   */
  readonly left?: ActionsLeft;
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
  // Indexed loops, no list of documents made first: every check of every role and permission comes here.
  if (!isPolicyList(input)) {
    visitDocument(input, undefined, options, visit, unseen);
    return unseen;
  }
  for (let i = 0; i < input.length; i++) {
    const policy = input[i] as RolePolicy;
    visitDocument(policy.document, policy, options, visit, unseen);
  }
  return unseen;
}

function visitDocument(
  document: Value<PolicyDocument>,
  policy: RolePolicy | undefined,
  options: HitOptions,
  visit: (v: Visit) => void,
  unseen: PolicyHit[],
): void {
  if (isUnknown(document)) {
    if (policy?.origin === 'aws-managed' && options.unseenAwsManaged === 'ignore') return;
    unseen.push({
      answer: 'unknown',
      reason: `policy cannot be read: ${document.reason}`,
      source: policy?.source,
      policy,
    });
    return;
  }
  const statements = document.statements;
  if (isUnknown(statements)) {
    const reason = `policy statements not known before deploy: ${statements.reason}`;
    unseen.push({ answer: 'unknown', reason, source: document.source, policy });
    return;
  }
  for (let i = 0; i < statements.length; i++) visit({ statement: statements[i] as Statement, policy });
}

function isPolicyList(input: PolicyInput): input is readonly RolePolicy[] {
  return Array.isArray(input);
}

/**
 * A hit on a statement, or undefined when the factors combine to `no`. The policy's own attachment
 * counts: a policy that may not reach the role gives at most `unknown`. A certain hit says `reason`
 * ("Allow grants iam:PassRole on every role"); an unknown one says `maybe` and what is not known
 * ("may grant iam:PassRole on every role: the Action is not known before deploy (...)"), never the
 * words of a certain one. Without `maybe`, `reason` must already be worded for both (as the exposure
 * analyses word theirs: "anyone is allowed, unless its conditions restrict the caller").
 */
export function statementHit(
  visit: Visit,
  factors: readonly (Factor | Tri)[],
  fields: { reason: string; maybe?: string; value?: string },
): PolicyHit | undefined {
  const attached = visit.policy?.attached ?? 'yes';
  const all = [
    ...factors.map((f) => (typeof f === 'string' ? { answer: f } : f)),
    factor(attached, NOT_ATTACHED),
  ];
  const answer = allOf(all.map((f) => f.answer));
  if (answer === 'no') return undefined;
  return {
    answer,
    reason: answer === 'yes' ? fields.reason : uncertainReason(fields, all, attached),
    source: visit.statement.source,
    policy: visit.policy,
    statement: visit.statement,
    conditions: hasConditions(visit.statement),
    ...(fields.value === undefined ? {} : { value: fields.value }),
  };
}

const NOT_ATTACHED = 'the policy may not be attached to this role';

function uncertainReason(
  fields: { reason: string; maybe?: string },
  factors: readonly Factor[],
  attached: Tri,
): string {
  if (fields.maybe === undefined) {
    return attached === 'unknown' ? `${fields.reason} (${NOT_ATTACHED})` : fields.reason;
  }
  const doubts = doubtsOf(factors);
  return `${fields.maybe}: ${doubts.length > 0 ? doubts.join('; ') : 'part of it is not known before deploy'}`;
}

/** Combines hits into one answer: yes if any is certain, unknown if any is possible, else no. */
export function verdict(hits: readonly PolicyHit[]): Tri {
  if (hits.some((hit) => hit.answer === 'yes')) return 'yes';
  return hits.length > 0 ? 'unknown' : 'no';
}
