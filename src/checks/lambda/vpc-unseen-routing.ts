import type { Inventory } from '../../model/inventory.js';
import type { RouteTable, Subnet } from '../../model/network.js';
import { routeOpens } from './vpc-routes.js';

// What may route a subnet of the template itself in a deploy that no case of its conditions shows
// (lambda.vpc-public-subnet): the cases explore an `Fn::If`'s branches, not a parameter's values.

/**
 * For a subnet of the template itself (`name`, as messages name it), a route table association or a route (that can
 * open a table) whose target is not known before deploy but is made from the subnet's or its table's id, or that an
 * `Fn::Select` by a parameter may put on it (Resource.attachedUnseen): most likely on it, in a deploy no case of the
 * conditions shows. Why that leaves the verdict open; undefined where none is.
 */
export function unseenAttachments(
  inventory: Inventory,
  subnet: Subnet,
  name: string,
  table: RouteTable | undefined,
): string | undefined {
  const associations = subnet.attachedUnseen ?? [];
  const routes = (table?.attachedUnseen ?? []).filter(
    (id) => routeOpens(table?.addedByChoice?.[id] ?? {}, inventory) !== false,
  );
  const doubts = [
    ...associations.map(
      (id) =>
        `association ${id} may be of subnet ${name}: its SubnetId may name that subnet, which cannot be told before deploy`,
    ),
    ...routes.map(
      (id) =>
        `route ${id} may be on route table ${table?.id} of subnet ${name}: its RouteTableId may name ` +
        'that table, which cannot be told before deploy',
    ),
  ];
  return doubts.length === 0 ? undefined : doubts.join('; ');
}
