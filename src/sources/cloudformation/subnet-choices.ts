import type { ChosenSubnet } from '../../model/lambda.js';
import { isUnknown } from '../../model/values.js';
import { choosesBeyondConditions, choosingParameters, optionsOf } from './chosen-targets.js';
import type { MapContext } from './map/context.js';

/**
 * The subnets a function's `SubnetIds` (as written) may name in a deploy that no case of the template's conditions
 * shows, besides those it is read as (VpcConfig.subnetsChosen): as noteUnseenRouteTables does for an association's
 * route table. Each other item of an `Fn::Select` whose index a parameter gives may be picked (`!Select [!Ref Idx,
 * [!Ref Public, !Ref Private]]`); an item that is a parameter's value whose default names one of the template's
 * subnets (`!Ref Subnet`, default `Private`) may be any subnet: a deploy gives that parameter a subnet id, whichever
 * ("SubnetIds: A list of VPC subnet IDs", AWS::Lambda::Function VpcConfig). Undefined where none.
 */
export function chosenSubnets(ctx: MapContext, written: unknown): ChosenSubnet[] | undefined {
  if (!Array.isArray(written)) return undefined;
  // Read within the function's mapping: what the function itself assumed, and met, is kept. Quietly: what reading
  // them meets was told reading the list.
  const { assumed, undecidedMet } = ctx.resolver;
  const kept = { assumed: [...assumed], met: [...undecidedMet] };
  const chosen = ctx.resolver.quietly(() => written.flatMap((item, index) => chosenOf(ctx, item, index)));
  ctx.resolver.resetAssumptions();
  for (const name of kept.assumed) assumed.add(name);
  for (const name of kept.met) undecidedMet.add(name);
  return chosen.length > 0 ? chosen : undefined;
}

/** What item `index` of the written list may name beyond what it is read as (see chosenSubnets). */
function chosenOf(ctx: MapContext, item: unknown, index: number): ChosenSubnet[] {
  // Read resting on no default nor undecided condition (its parameters given with -p, or by a parent stack), the
  // item names what it is read as in the deploy scanned.
  ctx.resolver.resetAssumptions();
  ctx.reference(item);
  if (ctx.resolver.assumed.size === 0 && ctx.resolver.undecidedMet.size === 0) return [];
  const options = optionsOf(ctx, { SubnetIds: item }, 'SubnetIds');
  if (options === undefined) return [];
  const beyond = choosesBeyondConditions(item);
  const chosenBy = [...choosingParameters(ctx, item)];
  const found = new Map<string, ChosenSubnet>();
  for (const option of options) {
    ctx.resolver.resetAssumptions();
    const subnet = ctx.reference(option);
    if (subnet === undefined) continue;
    const defaults = [...ctx.resolver.assumed];
    if (!isUnknown(subnet) && ownSubnet(ctx, subnet) && defaults.length > 0) {
      const any = found.get(ANY)?.parameters ?? [];
      found.set(ANY, { index, parameters: [...new Set([...any, ...defaults])] });
    } else if (beyond && chosenBy.length > 0) {
      found.set(isUnknown(subnet) ? `not known: ${subnet.reason}` : subnet, {
        index,
        subnet,
        parameters: chosenBy,
      });
    }
  }
  return [...found.values()];
}

/** The key of the entry for any subnet, which no subnet's key is: a logical id or a physical id has no space. */
const ANY = 'any subnet';

function ownSubnet(ctx: MapContext, id: string): boolean {
  return ctx.declarationsOfType('AWS::EC2::Subnet').some(([logicalId]) => logicalId === id);
}
