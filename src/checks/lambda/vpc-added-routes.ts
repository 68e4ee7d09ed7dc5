import type { Inventory } from '../../model/inventory.js';
import type { RouteTable } from '../../model/network.js';
import { attachedByOthers, attachedFromHere, type Opening } from './attached-from-here.js';
import { mayOpen, type SubnetScope } from './vpc.js';
import { routeOpens } from './vpc-routes.js';

// The routes a route table's own model does not hold that may open it (lambda.vpc-public-subnet): those another
// template adds, and those its own template may put on it in a deploy no case of its conditions shows.

/** The routes of the template that may be on `table` in a deploy no case shows (attachedUnseen) and may open it. */
export function unseenRoutes(table: RouteTable, inventory: Inventory): string[] {
  return (table.attachedUnseen ?? []).filter((id) =>
    mayOpen(table, id, (added) => routeOpens(added, inventory)),
  );
}

/** What the routes other templates add to a route table show: one that surely opens it, and why others leave it open. */
interface RoutesAdded {
  readonly opening?: Opening;
  readonly doubts: readonly string[];
}

/**
 * The routes other templates add to `table` of `scope` (its VPC's main route table where undefined; `its`, as messages
 * name it) that may open it: the function's own template, for a table of another stack (attachedFromHere), and the
 * other scanned stacks (attachedByOthers). Those that cannot open it are left out.
 */
export function routesAddedElsewhere(
  inventory: Inventory,
  table: RouteTable | undefined,
  scope: SubnetScope,
  its: string,
): RoutesAdded {
  const routed = [
    scope.stack === undefined
      ? undefined
      : attachedFromHere(inventory, 'ec2.route-table', table, its, routeOpens),
    table === undefined
      ? undefined
      : attachedByOthers(inventory, 'ec2.route-table', table, scope.stack, its, routeOpens),
  ];
  return {
    opening: routed.find((attached) => attached?.opening !== undefined)?.opening,
    doubts: routed.flatMap((attached) => attached?.doubt ?? []),
  };
}
