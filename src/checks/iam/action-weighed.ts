import { type BroadActionHit, denyStatements } from '../../iam/index.js';
import type { IamRole } from '../../model/iam.js';
import type { Inventory } from '../../model/inventory.js';
import { customerPolicies, type HitGroup } from './policy-hits.js';

/** What of a statement decides a grant of a whole service's actions: not its Resource or Sid. */
const ACTION_KEYS: readonly string[] = ['Effect', 'Action', 'NotAction', 'Condition'];

/**
 * For a role, the statement keys each of its wildcard-action failures (a group of hits) rests on, to spread into its
 * outcome (OutcomeOptions.weighs): only its Effect, Action and Condition (the note on conditions, the low severity of
 * `aws:ViaAWSService`) where what it grants is a whole service's actions (`sqs:*`) whatever its Resource holds, so
 * that a queue ARN built from `${Stage}` is no assumption of it. Its Resource counts for `"*"` and NotAction (an
 * administrator on every resource), for `iam:*` (privilege escalation on the roles, users or policies it names), and
 * wherever a Deny of the role's policies or a permissions boundary may weigh it (a Deny of the PROD queue cancels
 * `sqs:*` on it in that deploy only): the whole statement then, as without it.
 */
export function weighedKeys(
  role: IamRole,
  inventory: Inventory,
): (group: HitGroup<BroadActionHit>) => { readonly weighs?: readonly string[] } {
  // The role's Denies are read once for all its failing groups, and only where one grants a whole service.
  let denied: boolean | undefined;
  const hasDenies = () => {
    denied ??= denyStatements(customerPolicies(inventory, role), { inventory }).length > 0;
    return denied;
  };
  return (group) => {
    const serviceWide = group.hits.every(
      (hit) => hit.answer === 'yes' && hit.kind === 'service-wildcard' && hit.service !== 'iam',
    );
    if (!serviceWide || role.permissionsBoundary !== undefined || hasDenies()) return {};
    return { weighs: ACTION_KEYS };
  };
}
