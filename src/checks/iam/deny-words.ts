import type { DeniedWrite, DenyStatement } from '../../iam/index.js';
import type { IamRole } from '../../model/iam.js';
import { isUnknown } from '../../model/values.js';
import { knownStatements, policyLabel, statementPlace } from './policy-hits.js';

const SHOWN = 5;

/** `the Deny of inline policy app, Statement[1]`. */
export function denyLabel(deny: DenyStatement, role: IamRole): string {
  const statement = statementPlace(deny.statement, knownStatements(deny.policy?.document));
  return deny.policy === undefined
    ? `the Deny ${statement}`
    : `the Deny of ${policyLabel(deny.policy, role)}, ${statement}`;
}

/**
 * `s3:DeleteObject, s3:PutObject`; beyond a few, what the Deny writes (`9,673 write actions, all but those of
 * NotAction s3:*`, `1,204 write actions of ec2:*`; `15 sensitive reads, ...` for the read check), or the first
 * few and how many more. The first five of
 * thousands, alphabetically, say nothing a user can act on.
 */
function listed(actions: readonly string[], deny: DenyStatement, noun: string): string {
  const sorted = [...new Set(actions)].sort();
  const more = sorted.length - SHOWN;
  if (more <= 0) return sorted.join(', ');
  const { actions: written, notActions } = deny.statement;
  const patterns = notActions ?? written;
  if (patterns !== undefined && !isUnknown(patterns) && patterns.every((p) => !isUnknown(p))) {
    const count = `${sorted.length.toLocaleString('en-US')} ${noun}`;
    // Each once: `[s3:GetObject, !Ref Kept]` with Kept `s3:GetObject` names one action.
    const names = [...new Set(patterns as readonly string[])].join(', ');
    return notActions === undefined
      ? `${count} of ${names}`
      : `${count}, all but those of NotAction ${names}`;
  }
  return `${sorted.slice(0, SHOWN).join(', ')} and ${more} more`;
}

/**
 * What Denies take back, in words: `the Deny of inline policy app, Statement[1] cancels s3:PutObject` (on every
 * resource it was granted on), `... limits s3:DeleteObject, s3:PutObject to arn:aws:s3:::my-bucket/*` (its
 * NotResource); one clause per Deny and what it leaves, joined with `; `. '' for none.
 */
export function deniedWords(
  denied: readonly DeniedWrite[],
  role: IamRole,
  /** What the actions are, in a count: `write actions`, `sensitive reads`. */
  noun = 'write actions',
): string {
  const byDeny = new Map<string, { by: DenyStatement; actions: string[] }>();
  for (const { action, by, only } of denied) {
    const what = only === undefined ? 'cancels' : 'limits';
    const key = `${denyLabel(by, role)}\u0000${what}\u0000${only ?? ''}`;
    const entry = byDeny.get(key) ?? { by, actions: [] };
    entry.actions.push(action);
    byDeny.set(key, entry);
  }
  return [...byDeny]
    .map(([key, { by, actions }]) => {
      const [label, what, only] = key.split('\u0000') as [string, string, string];
      return `${label} ${what} ${listed(actions, by, noun)}${what === 'limits' ? ` to ${only}` : ''}`;
    })
    .join('; ');
}

/**
 * `the Deny of inline policy app, Statement[1] would cancel it, but only under conditions it does not weigh: Bool
 * aws:SecureTransport`, for each Deny that covers a grant only under conditions; '' for none.
 */
export function conditionalDenyWords(denies: readonly DenyStatement[], role: IamRole): string {
  return [...new Set(denies)]
    .map(
      (deny) =>
        `${denyLabel(deny, role)} would cancel it, but only under conditions it does not weigh: ${deny.conditions.join(', ')}`,
    )
    .join('; ');
}
