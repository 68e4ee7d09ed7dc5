import { elementsOf, type WriteOnAllResourcesHit, writesWithin } from '../../iam/index.js';
import { isUnknown } from '../../model/values.js';
import { actionsOverlap, type Bounded, mayAllowAction } from './permissions-boundary.js';

/**
 * Whether a boundary's hit may allow an action (see mayAllowAction). It quotes only the patterns its statement grants
 * for certain: an Action element of that statement not known before deploy (a parameter) may allow any.
 */
export function boundaryMayAllow(allowed: WriteOnAllResourcesHit, action: string): boolean {
  const listed = allowed.statement === undefined ? undefined : elementsOf(allowed.statement.actions);
  if (listed !== undefined && (isUnknown(listed) || listed.some(isUnknown))) return true;
  return mayAllowAction(allowed, action);
}

/**
 * Whether a boundary's hit may allow some action of a role's hit, by the actions it lists; by the patterns both
 * quote (actionsOverlap) when it lists none (the catalog cannot say).
 */
export function boundaryAllowsSome(hit: WriteOnAllResourcesHit, allowed: WriteOnAllResourcesHit): boolean {
  if (hit.writes === undefined || hit.writes.length === 0) return actionsOverlap(hit, allowed);
  return hit.writes.some((action) => boundaryMayAllow(allowed, action.name));
}

/**
 * The actions of a hit the boundary allows too: all the role gets (IAM User Guide, "Permissions boundaries for IAM
 * entities": the effective permissions are the intersection of both).
 */
export function withinBounds(
  bounded: Bounded<WriteOnAllResourcesHit>,
): (hit: WriteOnAllResourcesHit) => WriteOnAllResourcesHit {
  return (hit) => {
    const allowed = bounded.allowedBy(hit);
    if (allowed === undefined) return hit;
    return writesWithin(hit, (action) => allowed.some((other) => boundaryMayAllow(other, action)));
  };
}
