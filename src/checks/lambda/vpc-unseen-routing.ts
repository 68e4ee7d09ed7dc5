import type { Inventory } from '../../model/inventory.js';
import type { Reference } from '../../model/lambda.js';
import type { RouteTable, Subnet, UnseenRouteTable } from '../../model/network.js';
import { isUnknown } from '../../model/values.js';
import { chosenBy } from './vpc.js';
import { routesAddedElsewhere, unseenRoutes } from './vpc-added-routes.js';
import { gatewayName, routesVerdict } from './vpc-routes.js';

// What may route a subnet of the template itself in a deploy that no case of its conditions shows
// (lambda.vpc-public-subnet): the cases explore an `Fn::If`'s branches, not a parameter's values.

/**
 * For a subnet of the template itself (`name`, as messages name it), what may route it in a deploy no case of the
 * conditions shows: a route table association or a route (that can open a table) whose target is not known before
 * deploy but is made from the subnet's or its table's id, or that an `Fn::Select` by a parameter may put on it
 * (Resource.attachedUnseen); a route table its association may use that a parameter chooses
 * (Subnet.routeTablesUnseen), unless it is known to open nothing. Why that leaves the verdict open; undefined where
 * nothing does.
 */
export function unseenAttachments(
  inventory: Inventory,
  subnet: Subnet,
  name: string,
  table: RouteTable | undefined,
): string | undefined {
  const associations = subnet.attachedUnseen ?? [];
  const routes = table === undefined ? [] : unseenRoutes(table, inventory);
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
    ...(subnet.routeTablesUnseen ?? []).flatMap((choice) => chosenTableDoubt(inventory, choice, name) ?? []),
  ];
  return doubts.length === 0 ? undefined : doubts.join('; ');
}

/** Why a route table a parameter may give subnet `name` (see UnseenRouteTable) leaves it open; undefined: it cannot. */
function chosenTableDoubt(inventory: Inventory, choice: UnseenRouteTable, name: string): string | undefined {
  const chosen = chosenBy(choice.parameters, `RouteTableId of association ${choice.association}`);
  const ref = choice.table;
  if (ref === undefined) return `subnet ${name} may use a route table ${chosen}, which may name any table`;
  if (isUnknown(ref))
    return `subnet ${name} may use a route table ${chosen}, which is not known before deploy (${ref.reason})`;
  const table = inventory.resolve(ref, 'ec2.route-table');
  const uses = `subnet ${name} may use route table ${ref}, ${chosen}`;
  if (table === undefined) return `${uses}, which is not in this template`;
  const verdict = routesVerdict(table, inventory, name);
  if (typeof verdict === 'string') return `${uses}: ${verdict}`;
  if (verdict.public)
    return `${uses}, which sends internet traffic to internet gateway ${gatewayName(verdict.route.gatewayId as Reference, inventory)}`;
  // Routes on it the template may put there in another deploy, or another scanned stack adds.
  const unseen = unseenRoutes(table, inventory);
  if (unseen.length > 0) return `${uses}, on which route ${unseen.join(', ')} may be`;
  const { opening, doubts } = routesAddedElsewhere(inventory, table, inventory, 'it');
  if (opening !== undefined)
    return `${uses}, which route ${opening.declaredBy} of stack ${opening.stack} opens to an internet gateway`;
  return doubts.length === 0 ? undefined : `${uses}: ${doubts.join('; ')}`;
}
