import { parametersNamed } from '../../findings/words.js';
import type { ResourceKind, ResourceKinds } from '../../model/index.js';
import type { Inventory } from '../../model/inventory.js';
import type { LambdaFunction, Reference, VpcConfig } from '../../model/lambda.js';
import { type Subnet, vpcOfDefaultSecurityGroup } from '../../model/network.js';
import { type ResourceBase, restsOnDeployChoices } from '../../model/resource.js';
import { writtenIndex } from '../../model/source.js';
import { isUnknown, type Unknown } from '../../model/values.js';

/**
 * Shared by the Lambda network checks: where a function sits, as far as the template shows it.
 * `outside` is a function with no VpcConfig, or with an empty SubnetIds list (how a function is
 * detached from its VPC).
 */
export type Placement =
  | { readonly state: 'outside'; readonly where?: readonly string[] }
  | { readonly state: 'unknown'; readonly reason: string; readonly where: readonly string[] }
  | { readonly state: 'vpc'; readonly config: VpcConfig; readonly subnets: readonly Reference[] };

export function placementOf(fn: LambdaFunction): Placement {
  const config = fn.vpcConfig;
  if (config === undefined) return { state: 'outside' };
  if (isUnknown(config)) {
    return {
      state: 'unknown',
      reason: `VpcConfig is not known before deploy (${config.reason})`,
      where: ['VpcConfig'],
    };
  }
  const subnets = config.subnetIds;
  if (isUnknown(subnets)) {
    return {
      state: 'unknown',
      reason: `VpcConfig.SubnetIds is not known before deploy (${subnets.reason})`,
      where: ['VpcConfig', 'SubnetIds'],
    };
  }
  if (subnets.length === 0) return { state: 'outside', where: ['VpcConfig', 'SubnetIds'] };
  return { state: 'vpc', config, subnets };
}

/** How a reference reads in a message: its id, or the shape / reason of an unknown one. */
export function nameOf(ref: Reference): string {
  if (!isUnknown(ref)) {
    const vpc = vpcOfDefaultSecurityGroup(ref);
    return vpc === undefined ? ref : `the default security group of ${vpc}`;
  }
  // A resource of another stack scanned with this one (an Fn::ImportValue of its export): named with its stack,
  // not by the `${SubA}` that stands for it here.
  const other = ref.stackResource;
  if (other !== undefined && other.attribute === undefined)
    return `${other.logicalId} of stack ${other.stack}`;
  return ref.template ?? `<${ref.reason}>`;
}

/**
 * The property path of subnet `index` of the function's VpcConfig (its index in `config.subnetIds`), by its index
 * as written: a subnet an `!If` removed before it does not move the finding to another item.
 */
export function subnetPath(config: VpcConfig, index: number): readonly (string | number)[] {
  return ['VpcConfig', 'SubnetIds', writtenIndex(config.subnetPlaces, index)];
}

/**
 * The function's subnets (or security groups), each once: one listed twice (`[!Ref A, !Ref A]`, one id twice, a list
 * parameter repeating one, SAM appending the function's SubnetIds to those of Globals) is one. An unknown id is that
 * one again where it is wholly the same name (`${P}` of one parameter, `${A}` of one resource of a parent stack:
 * sameName); any other unknown counts as one of its own, as it cannot be compared.
 */
export function distinctReferences(refs: readonly Reference[]): Reference[] {
  return refs.filter((_, i) => isFirstListing(refs, i));
}

/** Whether reference `index` of the list is its first listing (see distinctReferences). */
export function isFirstListing(refs: readonly Reference[], index: number): boolean {
  const ref = refs[index] as Reference;
  return refs.findIndex((other) => sameReference(other, ref)) === index;
}

function sameReference(a: Reference, b: Reference): boolean {
  if (a === b) return true;
  if (!isUnknown(a) || !isUnknown(b)) return false;
  return sameName(a, b);
}

/**
 * Whether two unknown values are one value: each wholly one name, `${Subnets}` or `${Vpc.PublicSubnet}`, for the same
 * reason. A parameter, or a resource's id or attribute, has one value in a deploy, wherever the template uses it.
 */
function sameName(a: Unknown, b: Unknown): boolean {
  return (
    a.template !== undefined &&
    WHOLE_NAME.test(a.template) &&
    a.template === b.template &&
    a.reason === b.reason
  );
}

/** `${Name}`, `${Name.Attribute}`: not `${...}`, which stands for text that has no name. */
const WHOLE_NAME = /^\$\{[A-Za-z0-9][A-Za-z0-9:.]*\}$/;

/**
 * Where a subnet's own references (its VPC, route table, their routes' gateways) resolve: the function's template, or
 * the other scanned stack that holds the subnet (`stack`, as findings name it).
 */
export interface SubnetScope {
  resolve<K extends ResourceKind>(ref: Reference | undefined, kind: K): ResourceKinds[K] | undefined;
  readonly stack?: string;
}

/**
 * The subnet a function names, and where its references resolve: one of this template, or one of another stack
 * scanned with it that the value stands for (`Unknown.stackResource`: a parent's `!Ref Subnet` given to a nested
 * stack, a nested stack's output, an import of an export), read from that stack's model (Neighbours). Undefined for
 * any other; also for one whose stack makes it, or decides `properties` of it, by its parameters or conditions, which
 * a deploy may change: that stack's own scan explores them, not this one.
 */
export function subnetOf(
  inventory: Inventory,
  ref: Reference,
  properties: readonly string[],
): { readonly subnet: Subnet; readonly scope: SubnetScope } | undefined {
  const here = inventory.resolve(ref, 'ec2.subnet');
  if (here) return { subnet: here, scope: inventory };
  const other = otherStackSubnet(inventory, ref);
  if (other === undefined || restsOnDeployChoices(other.subnet, properties)) return undefined;
  return { subnet: other.subnet, scope: stackScope(inventory, other.stack) };
}

/** Where the references of another scanned stack (`stack`, as findings name it) resolve: that stack's model. */
export function stackScope(inventory: Inventory, stack: string): SubnetScope {
  return {
    stack,
    resolve: <K extends ResourceKind>(id: Reference | undefined, kind: K) => {
      if (id === undefined || isUnknown(id)) return undefined;
      const resource = inventory.neighbours.resourceOf({ stack, logicalId: id, type: undefined });
      return resource?.kind === kind ? (resource as ResourceKinds[K]) : undefined;
    },
  };
}

/**
 * The subnet of another stack scanned with this one that the value stands for (see subnetOf), whatever rests on that
 * stack's choices; undefined for any other value.
 */
export function otherStackSubnet(
  inventory: Inventory,
  ref: Reference,
): { readonly subnet: Subnet; readonly stack: string } | undefined {
  const other = isUnknown(ref) ? ref.stackResource : undefined;
  // Ref and Fn::GetAtt SubnetId both give the subnet's id (AWS::EC2::Subnet return values).
  if (other === undefined || (other.attribute ?? 'SubnetId') !== 'SubnetId') return undefined;
  const found = inventory.neighbours.resourceOf(other);
  return found?.kind === 'ec2.subnet' ? { subnet: found, stack: other.stack } : undefined;
}

/**
 * Why a subnet of another stack (`subnet`, named with its stack) is not judged here: `what` of it (`the Availability
 * Zone`) rests on that stack's parameter defaults or conditions (`by`: the declarations that do, where told), which a
 * deploy may change.
 */
export function leftToItsStack(subnet: string, what: string, by: readonly string[] = []): string {
  const which = by.length === 0 ? '' : ` (${by.join(', ')})`;
  return `${what} of subnet ${subnet} rests on that stack's parameter defaults or conditions${which}, which a deploy may change: left to that stack's own scan`;
}

/** How a message names a resource of a subnet's scope: `PublicRoutes`, `PublicRoutes of stack network.yaml`. */
export function inScope(id: string, scope: SubnetScope): string {
  return scope.stack === undefined ? id : `${id} of stack ${scope.stack}`;
}

/** What a route or egress rule a deploy may add to a resource adds (ResourceBase.addedByChoice), as `opens` reads it. */
type AddedByChoice = NonNullable<ResourceBase['addedByChoice']>[string];

/**
 * Whether declaration `id`, a route or egress rule a deploy may add to `resource` or leave out (ResourceBase
 * attachedByChoice, attachedUnseen), may open it: all but one `opens` finds cannot (a route to a NAT gateway, a rule
 * to one port of the VPC), whichever deploy. One whose addition rests on a choice is not read: it may.
 */
export function mayOpen(
  resource: ResourceBase,
  id: string,
  opens: (added: AddedByChoice) => boolean | undefined,
): boolean {
  return opens(resource.addedByChoice?.[id] ?? {}) !== false;
}

/**
 * `chosen by parameter Idx (SubnetIds item 0)`: what may give a subnet or route table (`where`, the property) another
 * value in another deploy: its parameters, or a value a deploy gives where none is named.
 */
export function chosenBy(parameters: readonly string[], where: string): string {
  return `chosen by ${parameters.length === 0 ? 'a value a deploy gives' : parametersNamed(parameters)} (${where})`;
}
