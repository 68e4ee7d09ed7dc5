import type { Mutable, Resource } from '../../model/index.js';
import type { Reference } from '../../model/lambda.js';
import type { Subnet, UnseenRouteTable } from '../../model/network.js';
import {
  choosesBeyondConditions,
  choosingParameters,
  optionKey,
  optionsOf,
  unseenOptions,
} from './chosen-targets.js';
import { asRecord } from './intrinsic-values.js';
import { target } from './link-targets.js';
import type { MapContext } from './map/context.js';

/**
 * Notes on `subnet` the route tables its association `id` may give it in a deploy that no case of the template's
 * conditions shows, besides the one its RouteTableId is read as (Subnet.routeTablesUnseen). An association "causes
 * traffic originating from the subnet to be routed according to the routes in the route table" its RouteTableId
 * names, "the ID of the route table" (AWS::EC2::SubnetRouteTableAssociation). The cases explore an `Fn::If`'s
 * branches, not a parameter's values: each other item of an `Fn::Select` whose index a parameter gives may be it
 * (`!Select [!Ref Idx, [!Ref Public, !Ref Private]]`), and where it picks from a list a parameter gives
 * (`!Select [!Ref Idx, !Ref Tables]`), any may. A RouteTableId that is wholly a parameter's value is a table id, never
 * one of the template's tables (see textNamingResource, map/parameter-text.ts). `properties`: the association's, as written.
 */
export function noteUnseenRouteTables(
  ctx: MapContext,
  byId: Map<string, Mutable<Resource>>,
  subnet: Mutable<Subnet>,
  properties: unknown,
  id: string,
): void {
  // Aside, and quietly: what reading them meets was told reading the association.
  const { value: unseen } = ctx.resolver.aside(() =>
    ctx.resolver.quietly(() => unseenRouteTables(ctx, byId, properties, subnet.routeTable, id)),
  );
  if (unseen.length > 0) subnet.routeTablesUnseen = [...(subnet.routeTablesUnseen ?? []), ...unseen];
}

/** What noteUnseenRouteTables notes, `read` being the table the RouteTableId is read as. */
function unseenRouteTables(
  ctx: MapContext,
  byId: Map<string, Mutable<Resource>>,
  properties: unknown,
  read: Reference | undefined,
  id: string,
): UnseenRouteTable[] {
  const written = writtenRouteTables(properties);
  const chosenBy = [...choosingParameters(ctx, written)];
  const ownTable = (ref: Reference | undefined) => target(byId, ref, 'ec2.route-table') !== undefined;
  const options = optionsOf(ctx, properties, 'RouteTableId');
  // Not listed (a list a parameter gives: `!Select [!Ref Idx, !Ref Tables]`): any. Where the table read is not one of
  // the template's, the subnet is unknown already.
  if (options === undefined) {
    if (!ownTable(read)) return [];
    return [{ association: id, parameters: [...ctx.resolver.valueParameters(written, new Set(chosenBy))] }];
  }
  // Only the conditions choose it (or no parameter does): their cases show each table.
  if (!choosesBeyondConditions(written) || chosenBy.length === 0) return [];
  return unseenOptions(ctx, options)
    .filter((table) => read === undefined || optionKey(table) !== optionKey(read))
    .map((table) => ({ association: id, table, parameters: chosenBy }));
}

/** The RouteTableId an association's Properties write: that of each branch where an `Fn::If` chooses them whole. */
function writtenRouteTables(properties: unknown): unknown {
  const record = asRecord(properties);
  const choice = record?.['Fn::If'];
  if (Array.isArray(choice)) return choice.slice(1).map(writtenRouteTables);
  return record?.RouteTableId;
}
