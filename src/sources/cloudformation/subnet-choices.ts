import type { ChosenSubnet } from '../../model/lambda.js';
import { choosesBeyondConditions, choosingParameters, optionsOf, unseenOptions } from './chosen-targets.js';
import type { MapContext } from './map/context.js';

/**
 * The subnets a function's `SubnetIds` (as written) may name in a deploy that no case of the template's conditions
 * shows, besides those it is read as (VpcConfig.subnetsChosen): as noteUnseenRouteTables does for an association's
 * route table. Each other item of an `Fn::Select` whose index a parameter gives may be picked (`!Select [!Ref Idx,
 * [!Ref Public, !Ref Private]]`). An item that is wholly a parameter's value is not listed here: its value is a
 * subnet id, never one of the template's subnets (see textNamingResource, map/parameter-text.ts), so where a deploy gives it, it is not known.
 * Undefined where none.
 */
export function chosenSubnets(ctx: MapContext, written: unknown): ChosenSubnet[] | undefined {
  if (!Array.isArray(written)) return undefined;
  // Read aside, within the function's mapping: what the function itself assumed, and met, is kept. Quietly: what
  // reading them meets was told reading the list.
  const { value: chosen } = ctx.resolver.aside(() =>
    ctx.resolver.quietly(() => written.flatMap((item, index) => chosenOf(ctx, item, index))),
  );
  return chosen.length > 0 ? chosen : undefined;
}

/** What item `index` of the written list may name beyond what it is read as (see chosenSubnets). */
function chosenOf(ctx: MapContext, item: unknown, index: number): ChosenSubnet[] {
  // The cheap test first: an item only the template's conditions choose (most) names nothing no case shows.
  if (!choosesBeyondConditions(item)) return [];
  // Read resting on no default nor undecided condition (its parameters given with -p, or by a parent stack), the
  // item names what it is read as in the deploy scanned.
  ctx.resolver.resetAssumptions();
  ctx.reference(item);
  if (ctx.resolver.assumed.size === 0 && ctx.resolver.undecidedMet.size === 0) return [];
  const chosenBy = [...choosingParameters(ctx, item)];
  if (chosenBy.length === 0) return [];
  const options = optionsOf(ctx, { SubnetIds: item }, 'SubnetIds');
  if (options === undefined) return [];
  return unseenOptions(ctx, options).map((subnet) => ({
    index,
    subnet,
    parameters: chosenBy,
  }));
}
