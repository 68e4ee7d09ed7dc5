import type { Inventory } from '../../model/inventory.js';
import type { AttachmentElsewhere, LambdaFunction } from '../../model/lambda.js';
import type { ResourceBase } from '../../model/resource.js';
import { isUnknown } from '../../model/values.js';

/** What the function's template does, by a declaration of each kind, to what it does not declare. */
const DOES: Readonly<Record<AttachmentElsewhere['kind'], string>> = {
  'ec2.subnet': 'attaches a route table to a subnet it does not declare',
  'ec2.route-table': 'adds a route to a route table it does not declare',
  'ec2.security-group': 'adds an egress rule to a security group it does not declare',
};

/**
 * Why `resource` (`it`, as the message names it), of another stack scanned with the function's and read from that
 * stack's model, is not judged from that model alone: the function's template declares a route table association,
 * route or egress rule on a `kind` it does not declare (templateAttachesElsewhere), which that model does not hold.
 * One known to name another resource of a scanned stack is left out. Undefined when none may attach to it.
 */
export function attachedFromHere(
  fn: LambdaFunction,
  inventory: Inventory,
  kind: AttachmentElsewhere['kind'],
  resource: ResourceBase | undefined,
  it = 'it',
): string | undefined {
  const ids = (fn.templateAttachesElsewhere ?? [])
    .filter((attachment) => attachment.kind === kind && mayName(inventory, attachment, resource))
    .map((attachment) => attachment.declaredBy);
  return ids.length === 0 ? undefined : `this template ${DOES[kind]} (${ids.join(', ')}), which may be ${it}`;
}

/** Whether an attachment may name `resource`: unless it stands for another resource of a scanned stack. */
function mayName(
  inventory: Inventory,
  attachment: AttachmentElsewhere,
  resource: ResourceBase | undefined,
): boolean {
  const named = attachment.target;
  const other = isUnknown(named) ? named.stackResource : undefined;
  const found = other === undefined ? undefined : inventory.neighbours.resourceOf(other);
  return found === undefined || found === resource;
}
