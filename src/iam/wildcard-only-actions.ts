// The actions the analysis of grants on every resource does not report: those that support no resource-level
// permission, which IAM grants on `Resource: "*"` alone (the Service Authorization Reference lists no resource type
// for them: bedrock:PutModelInvocationLoggingConfiguration, xray:PutTraceSegments; s3:ListAllMyBuckets,
// ec2:DescribeInstances, logs:DescribeLogGroups among the reads). There is nothing narrower to write, so they are no
// finding; but a pass that says nothing of them reads as a role that writes (or reads) nothing, or leaves the user
// wondering whether the check saw them.
import type { Statement } from '../model/iam.js';
import { isUnknown } from '../model/values.js';
import { grantedOnStarAlone } from './action-data.js';
import { type ActionInfo, matchingActions } from './actions.js';
import { type DenyStatement, denyOutcome } from './denies.js';
import { denyReach } from './deny-reach.js';
import { coversAction } from './statements.js';
import { elementsOf } from './templates.js';
import type { WriteContext } from './write-types.js';

/**
 * The actions an Allow on every resource grants by name or pattern (`bedrock:*`) that accept only `*`, less those a
 * Deny takes back for certain (`Deny bedrock:*` on `*`; one on ARNs does not reach them, their resource being `*`),
 * by name. `counts`: whether an action is one the caller tells of (a write; a read or list action), wildcard-only or
 * not. An Action not known before deploy, or a NotAction, gives none: its grant is weighed by the analysis itself.
 */
export function wildcardOnlyActions(
  statement: Statement,
  counts: (action: ActionInfo) => boolean,
  context: WriteContext,
  denies: readonly DenyStatement[],
): string[] {
  const patterns = elementsOf(statement.actions);
  if (patterns === undefined || isUnknown(patterns)) return [];
  const found = new Set<string>();
  for (const pattern of patterns) {
    if (isUnknown(pattern)) continue;
    const actions = matchingActions(pattern);
    if (typeof actions === 'string') continue;
    for (const action of actions) {
      if (grantedOnStarAlone(action) && counts(action) && !context.leaveOut(action.name))
        found.add(action.name);
    }
  }
  const { options } = context;
  const taken = (name: string) =>
    denyOutcome(
      denies,
      (deny) => coversAction(deny, name, options),
      (deny) => denyReach(deny, 'all', options),
      false,
    ).answer === 'yes';
  return [...found].filter((name) => !taken(name)).sort();
}
