import type { Inventory } from '../../model/inventory.js';
import type { AttachmentElsewhere } from '../../model/lambda.js';
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
 * route or egress rule on a `kind` it does not declare (Inventory.attachesElsewhere), which that model does not hold.
 * One known to name another resource of a scanned stack is left out. Undefined when none may attach to it.
 */
export function attachedFromHere(
  inventory: Inventory,
  kind: AttachmentElsewhere['kind'],
  resource: ResourceBase | undefined,
  it = 'it',
): string | undefined {
  const ids = inventory.attachesElsewhere
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

/** What a declaration of each kind does to what it names: `adds a route to` a table. */
const ADDS: Readonly<Record<AttachmentElsewhere['kind'], string>> = {
  'ec2.subnet': 'attaches a route table to',
  'ec2.route-table': 'adds a route to',
  'ec2.security-group': 'adds an egress rule to',
};

/**
 * Why `resource` (`it`, as the message names it) of stack `stack` (the function's own template when undefined) is not
 * judged from that stack's model alone: another scanned stack (a sibling nested stack given it by their parent, a stack
 * importing it) declares a route table association, route or egress rule on it, which that model does not hold; or a
 * nested stack given it has a template the scan does not read. Undefined when none does.
 */
export function attachedByOthers(
  inventory: Inventory,
  kind: AttachmentElsewhere['kind'],
  resource: ResourceBase,
  stack: string | undefined,
  it = 'it',
): string | undefined {
  const found = inventory.neighbours.attachedByOthers({ stack, logicalId: resource.id }, kind);
  if (found.length === 0) return undefined;
  const byStack = new Map<string, string[]>();
  const unread: string[] = [];
  for (const attachment of found) {
    if ('nesting' in attachment) unread.push(`${attachment.nesting} of stack ${attachment.parent}`);
    else byStack.set(attachment.stack, [...(byStack.get(attachment.stack) ?? []), attachment.declaredBy]);
  }
  const parts = [...byStack].map(([other, ids]) => `stack ${other} ${ADDS[kind]} ${it} (${ids.join(', ')})`);
  if (unread.length > 0) {
    const nestings = unread.length === 1 ? 'nested stack' : 'nested stacks';
    parts.push(
      `${nestings} ${unread.join(', ')} ${unread.length === 1 ? 'is' : 'are'} given ${it}, and the scan does not read ${unread.length === 1 ? 'its template' : 'their templates'}`,
    );
  }
  return parts.join('; ');
}
