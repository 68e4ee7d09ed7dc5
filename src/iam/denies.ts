import type { Statement } from '../model/iam.js';
import type { Value } from '../model/values.js';
import { unweighedConditions } from './conditions.js';
import type { DenyReach } from './deny-reach.js';
import { doubtsOf, type Factor, factor, partFactor } from './doubts.js';
import { type HitOptions, type PolicyInput, visitStatements } from './hits.js';
import type { RolePolicy } from './role-policies.js';
import { hasConditions, isDeny } from './statements.js';
import { allOf, not, type Tri } from './tri.js';

/**
 * The Deny statements of the policies a check reads. An explicit Deny in any policy that applies to a request
 * overrides every Allow (IAM User Guide, "Policy evaluation logic" and "The difference between explicit and
 * implicit denies"), so what an Allow grants is what no such Deny takes back. The write and wildcard-action analyses
 * weigh them through denyOutcome, as passRoleGrants weighs a Deny of iam:PassRole: one that certainly applies
 * cancels, one that may (a value not known before deploy) makes the grant `unknown`, one with conditions does not.
 */
export interface DenyStatement {
  readonly statement: Statement;
  readonly policy?: RolePolicy;
  /** What makes it apply to every request: its Effect, its policy's attachment, no conditions. */
  readonly factors: readonly Factor[];
  /** Its conditions, as `Operator key`, when it certainly has some: such a Deny takes nothing back for certain. */
  readonly conditions: readonly string[];
}

/** What a Deny's doubts say of it: `the Condition of that Deny`. */
export const OF_DENY = ' of that Deny';

export function denyStatements(input: PolicyInput, options: HitOptions = {}): DenyStatement[] {
  const denies: DenyStatement[] = [];
  visitStatements(input, options, ({ statement, policy }) => {
    const deny = isDeny(statement);
    if (deny === 'no') return;
    const conditional = hasConditions(statement);
    const read = conditional === 'yes' ? unweighedConditions(statement) : undefined;
    denies.push({
      statement,
      ...(policy === undefined ? {} : { policy }),
      factors: [
        partFactor(deny, statement, 'Effect', OF_DENY),
        factor(policy?.attached ?? 'yes', 'the policy of that Deny may not be attached to this role'),
        partFactor(not(conditional), statement, 'Condition', OF_DENY),
      ],
      conditions: read ? [...(read.viaService ? ['Bool aws:ViaAWSService'] : []), ...read.others] : [],
    });
  });
  return denies;
}

/** What the Denies do to one grant: cancel or limit it (`yes`), may (`unknown`, with why), or not. */
export interface DenyOutcome {
  readonly answer: Tri;
  readonly doubt?: string;
  /** For `yes`: the Deny that takes it back, and what its NotResource leaves, when that is how. */
  readonly by?: DenyStatement;
  readonly only?: string;
  readonly kept?: readonly Value<string>[];
  /** Denies that would take it back but for conditions Parapet does not weigh. */
  readonly conditional: readonly DenyStatement[];
  /** For `unknown`: each Deny that may take it back, and what of it is not known (its doubts, in words). */
  readonly uncertain?: readonly UncertainDeny[];
}

/** A Deny that may take a grant back: `doubts` say what of it is not known (`the Resource of that Deny is ...`). */
export interface UncertainDeny {
  readonly by: DenyStatement;
  readonly doubts: readonly string[];
}

/**
 * Whether a Deny takes back a grant: one applying to every request whose action covers the grant's (`action`)
 * and whose resources cover the grant's or, where `limiting` counts, leave it only named resources.
 */
export function denyOutcome(
  denies: readonly DenyStatement[],
  action: (deny: Statement) => Tri,
  reach: (deny: Statement) => DenyReach,
  limiting: boolean,
): DenyOutcome {
  const uncertain: UncertainDeny[] = [];
  const conditional: DenyStatement[] = [];
  for (const deny of denies) {
    const acts = partFactor(action(deny.statement), deny.statement, 'Action', OF_DENY);
    if (acts.answer === 'no') continue;
    const { covers, limits, only, kept } = reach(deny.statement);
    // Where limiting counts, a Deny that may cover the grant (cancel it) and surely limits it takes it back either way.
    const how =
      !limiting || covers.answer === 'yes' || (covers.answer === 'unknown' && limits.answer !== 'yes')
        ? covers
        : limits;
    const parts = [...deny.factors, acts, how];
    const answer = allOf(parts.map((part) => part.answer));
    if (answer === 'yes') {
      const limited = how === limits && only !== undefined ? { only, ...(kept ? { kept } : {}) } : {};
      return { answer, by: deny, ...limited, conditional };
    }
    if (answer === 'unknown') uncertain.push({ by: deny, doubts: doubtsOf(parts) });
    else if (
      deny.conditions.length > 0 &&
      allOf([deny.factors[0]?.answer ?? 'no', acts.answer, how.answer]) === 'yes'
    )
      conditional.push(deny);
  }
  if (uncertain.length === 0) return { answer: 'no', conditional };
  const doubts = new Set(uncertain.flatMap((deny) => deny.doubts));
  return {
    answer: 'unknown',
    doubt: `a Deny may cancel it: ${[...doubts].join('; ')}`,
    conditional,
    uncertain,
  };
}
