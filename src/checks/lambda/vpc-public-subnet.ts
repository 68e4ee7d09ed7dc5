import { describeValue } from '../../iam/templates.js';
import type { Derivation, Inventory } from '../../model/inventory.js';
import type { Reference, VpcConfig } from '../../model/lambda.js';
import type { RouteTable, Subnet } from '../../model/network.js';
import { restsOnDeployChoices } from '../../model/resource.js';
import { isUnknown } from '../../model/values.js';
import { defineCheck, type Outcome } from '../define.js';
import { attachedByOthers, attachedFromHere, type Opening } from './attached-from-here.js';
import {
  chosenBy,
  inScope,
  isFirstListing,
  leftToItsStack,
  mayOpen,
  nameOf,
  otherStackSubnet,
  placementOf,
  type SubnetScope,
  subnetOf,
  subnetPath,
} from './vpc.js';
import { routesAddedElsewhere } from './vpc-added-routes.js';
import { gatewayName, routeOpens, routesVerdict, type Verdict } from './vpc-routes.js';
import { unseenAttachments } from './vpc-unseen-routing.js';

/**
 * What of a subnet itself decides whether it is public: its VPC, whose main route table routes it when no association
 * does. Its associations, their route tables and the gateways they route to decide too (routingChoices).
 */
const ROUTING = ['VpcId'];

/**
 * For a subnet of another stack, the declarations there that decide its routing only by that stack's parameter
 * defaults or conditions, or by an `Fn::If` (or `Fn::Select`, `Fn::FindInMap`) choosing a target: its route table
 * associations, the route table and its routes, the internet gateways they name, the VPC whose main route table routes a
 * subnet with no association. That stack's model is built with its defaults, so a route or association another deploy
 * creates (or leaves out) is not in it.
 */
function routingChoices(subnet: Subnet, scope: SubnetScope, table: RouteTable | undefined): string[] {
  const by = [...(subnet.attachedByChoice ?? [])];
  if (subnet.routeTable === undefined) {
    const vpc = isUnknown(subnet.vpcId) ? undefined : scope.resolve(subnet.vpcId, 'ec2.vpc');
    if (vpc && restsOnDeployChoices(vpc)) by.push(vpc.id);
    return by;
  }
  if (table === undefined) return by;
  // A route a deploy may add or leave out that cannot open the table (to a NAT gateway) changes nothing.
  const opens = (id: string) => mayOpen(table, id, (added) => routeOpens(added, scope));
  if (restsOnDeployChoices(table, undefined, (id) => !opens(id))) {
    const doubtful = (table.attachedByChoice ?? []).filter(opens);
    by.push(...(doubtful.length > 0 ? doubtful : [table.id]));
  }
  for (const route of isUnknown(table.routes) ? [] : table.routes) {
    const gateway = route.gatewayId;
    const igw =
      gateway === undefined || isUnknown(gateway)
        ? undefined
        : scope.resolve(gateway, 'ec2.internet-gateway');
    if (igw && restsOnDeployChoices(igw)) by.push(igw.id);
  }
  return [...new Set(by)];
}

/** The route table a subnet's association names, in its scope; undefined where none, or not known. */
function routeTableOf(subnet: Subnet, scope: SubnetScope): RouteTable | undefined {
  const ref = subnet.routeTable;
  return ref === undefined || isUnknown(ref) ? undefined : scope.resolve(ref, 'ec2.route-table');
}

/**
 * The verdict of each subnet a function names, by its reference (a subnet's id; an unknown value, the object itself),
 * worked out once per inventory: every function in a subnet reads the same verdict, which rests on the subnet alone.
 */
const SUBNET_VERDICTS: Derivation<Inventory, Map<Reference, Verdict>> = { compute: () => new Map() };

function subnetVerdict(inventory: Inventory, ref: Reference): Verdict {
  const verdicts = inventory.derived(SUBNET_VERDICTS, inventory);
  const known = verdicts.get(ref);
  if (known !== undefined) return known;
  const verdict = judgeSubnet(inventory, ref);
  verdicts.set(ref, verdict);
  return verdict;
}

function judgeSubnet(inventory: Inventory, ref: Reference): Verdict {
  const found = subnetOf(inventory, ref, ROUTING);
  if (found === undefined) {
    if (otherStackSubnet(inventory, ref) !== undefined) return leftToItsStack(nameOf(ref), 'the routing');
    if (isUnknown(ref)) return `a subnet id is not known before deploy (${ref.reason})`;
    return `subnet ${describeValue(ref)} is not in this template`;
  }
  const { subnet, scope } = found;
  const name = nameOf(ref);
  const table = routeTableOf(subnet, scope);
  if (scope.stack !== undefined) {
    const by = routingChoices(subnet, scope, table);
    if (by.length > 0) return leftToItsStack(name, 'the routing', by);
  }
  // The model of the subnet's stack holds no association, nor route, that the function's own template (for a subnet
  // of another stack) or another scanned stack (a sibling nested stack given it by their parent) adds.
  const associated = [
    scope.stack === undefined ? undefined : attachedFromHere(inventory, 'ec2.subnet', subnet).doubt,
    attachedByOthers(inventory, 'ec2.subnet', subnet, scope.stack).doubt,
  ].filter((why) => why !== undefined);
  if (associated.length > 0) return `subnet ${name}: ${associated.join('; ')}`;
  const verdict = routedVerdict(subnet, scope, name, table);
  if (typeof verdict === 'object' && verdict.public) return verdict;
  const unseen = scope.stack === undefined ? unseenAttachments(inventory, subnet, name, table) : undefined;
  if (unseen !== undefined) return unseen;
  const its =
    table === undefined ? "its VPC's main route table" : `its route table ${inScope(table.id, scope)}`;
  const { opening, doubts } = routesAddedElsewhere(inventory, table, scope, its);
  // A route another template adds that opens the table makes the subnet public, as one of its own would.
  if (opening?.route !== undefined && table !== undefined)
    return {
      public: true,
      table: inScope(table.id, scope),
      route: opening.route,
      scope: opening.scope,
      addedBy: addedBy(opening),
    };
  if (typeof verdict === 'string') return verdict;
  return doubts.length === 0 ? verdict : `subnet ${name}: ${doubts.join('; ')}`;
}

/** `R of stack b.yaml`, `R of this template`: where a route another template adds is declared. */
function addedBy(opening: Opening): string {
  return `${opening.declaredBy} of ${opening.stack === undefined ? 'this template' : `stack ${opening.stack}`}`;
}

/** A subnet's verdict from the routing its scope (its template, or the other stack holding it) shows. */
function routedVerdict(
  subnet: Subnet,
  scope: SubnetScope,
  name: string,
  table: RouteTable | undefined,
): Verdict {
  const where = scope.stack === undefined ? 'this template' : `stack ${scope.stack}`;
  const tableRef = subnet.routeTable;
  if (tableRef === undefined) {
    // A VPC the template creates keeps only its local route in the main route table (see model Vpc).
    if (!isUnknown(subnet.vpcId) && scope.resolve(subnet.vpcId, 'ec2.vpc')) return { public: false };
    const shows = scope.stack === undefined ? 'the template' : `stack ${scope.stack}`;
    return `subnet ${name} has no route table association in ${where}, so it uses its VPC's main route table, which ${shows} does not show`;
  }
  if (isUnknown(tableRef)) {
    return `the route table of subnet ${name} is not known before deploy (${tableRef.reason})`;
  }
  if (!table) return `route table ${tableRef} of subnet ${name} is not in ${where}`;
  return routesVerdict(table, scope, name);
}

/**
 * Why a subnet a parameter may give the function in another deploy (VpcConfig.subnetsChosen) leaves the verdict open:
 * one public, or one not known. Those the list is read as are judged already; a private one adds nothing.
 */
function chosenSubnetDoubts(inventory: Inventory, config: VpcConfig, read: readonly Reference[]): string[] {
  return (config.subnetsChosen ?? []).flatMap((choice) => {
    const chosen = chosenBy(choice.parameters, `SubnetIds item ${choice.index}`);
    const ref = choice.subnet;
    if (!isUnknown(ref) && read.includes(ref)) return [];
    const verdict = subnetVerdict(inventory, ref);
    const uses = `the function may be in subnet ${nameOf(ref)}, ${chosen}`;
    if (typeof verdict === 'string') return [`${uses}: ${verdict}`];
    if (!verdict.public) return [];
    const gateway = gatewayName(verdict.route.gatewayId as Reference, verdict.scope);
    return [
      `${uses}, whose route table ${verdict.table} sends internet traffic to internet gateway ${gateway}`,
    ];
  });
}

export default defineCheck({
  id: 'lambda.vpc-public-subnet',
  title: 'VPC Lambda function is placed in a public subnet',
  severity: 'medium',
  resource: 'lambda.function',
  description:
    'A subnet of the function routes 0.0.0.0/0 (or ::/0) to an internet gateway: a public subnet. Lambda never gives a ' +
    "function's network interfaces a public IP address, so in a public subnet the function has no internet access at " +
    'all, and cannot reach AWS APIs without VPC endpoints. A subnet without a route table association in the template ' +
    "uses the VPC's main route table. For a VPC the template creates, that table holds only the VPC's local route " +
    '(CloudFormation gives no id for it, so no template can add a route to it): such a subnet is private. For a VPC ' +
    'from elsewhere the template does not show the table: that subnet is reported as unknown. A subnet of a parent ' +
    'stack scanned with this one (given as `!Ref Subnet`) is read in that stack, with its route tables and gateways, ' +
    "unless an association, route or gateway routing it rests on that stack's parameter defaults or conditions " +
    "(or an `Fn::If`, `Fn::Select`, `Fn::FindInMap` choosing it): unknown, left to that stack's own scan.",
  details:
    "A subnet of another stack is not judged from that stack's model alone where the function's own template " +
    'declares a route table association, or a route, on a subnet or route table it does not declare (a parameter, an ' +
    "import, a literal id): that stack's model does not hold it, so the subnet is unknown, naming the declaration. One " +
    "known to name another of that stack's subnets or tables (`!Ref` of a parameter the parent gives its `!Ref B`) " +
    'leaves this one judged; a subnet public in that model stays public, as a route only adds. A subnet (of this ' +
    'template or another) is unknown too where another scanned stack declares such an association or route on it or ' +
    'its route table (a sibling nested stack the parent gives its table; one naming it through a `!Sub` or `!Join` ' +
    'Parapet does not read counts where the parent gives the stack it), naming that stack and declaration, or where ' +
    'the parent gives either to a nested stack whose template the scan does not read. A route (of either) that cannot ' +
    'make the subnet public (to a NAT gateway, or not to 0.0.0.0/0 or ::/0) leaves it judged, also under a Condition ' +
    'or on a table an `Fn::If` chooses (it cannot open whichever it goes on); one known to be on its ' +
    'table, to 0.0.0.0/0 through an internet gateway, fails as a route of its own stack would, naming the route and ' +
    'its stack, where neither it nor its target rests on parameter defaults or conditions. Where ' +
    'an `Fn::If`, `Fn::Select` ' +
    "or `Fn::FindInMap` chooses an association's or route's target, only what it may pick is in doubt: the branches " +
    "its conditions allow, the items of a written list (those its index may pick, where a parameter's AllowedValues " +
    "or the entries of a mapping bound it; a mapping holds only text, never the template's own). " +
    "A route's gateway of another scanned stack (a parent's `!Ref Igw` given as a parameter, an import) is read by its " +
    'type there: an internet gateway opens the subnet, a NAT, VPN or transit gateway does not. A route of the ' +
    "subnet's own stack resting on its choices that cannot open the table whatever the deploy (to a NAT gateway, " +
    'its own values resting on no choice) is no doubt either. An association or route whose target is text not ' +
    "known before deploy made from the template's own subnet or table (`!Join ['', [!Ref Table, '']]`), or that an " +
    '`Fn::Select` by a parameter picks among them, is taken to be on each it may name: unknown, naming it, unless it ' +
    "cannot open the table (`!Sub '${Table}'`, `!Sub '${Table.RouteTableId}'` and `!Join [d, [!Ref Table]]` are the " +
    "table itself). A subnet whose association's RouteTableId an `Fn::Select` by a parameter picks (`!Select [!Ref " +
    'Idx, [!Ref Public, !Ref Private]]`) may use each table of its list: unknown, naming the table and the ' +
    'parameter, unless each table it may use is private (one the default picks that is public fails). So is a ' +
    'function whose SubnetIds item an `Fn::Select` by a parameter picks (each subnet of its list it may be): unknown, ' +
    "naming the subnet and the parameter, unless each it may be is private. A parameter's value is text, never a " +
    'resource of the template: a subnet or table id that a parameter gives (`!Ref Subnet`, each item of a ' +
    '`List<AWS::EC2::Subnet::Id>`), written like a logical id of the template (`Default: PrivateSubnet`, `-p ' +
    'Subnet=PrivateSubnet`), is not that resource (CloudFormation passes it as written): unknown, naming the ' +
    'parameter. A subnet of another scanned stack that ' +
    "such an `Fn::Select` picks there by that stack's parameter defaults (a nested stack's output, a parent's " +
    'parameter value) is not known to be that subnet: unknown, naming the parameter. An ' +
    '`Fn::If` on a condition is judged in each case of the condition.',
  risk:
    'Calls to the internet and to AWS APIs time out. The usual "fixes" are the dangerous ones: taking the function out ' +
    'of the VPC, or opening security groups and network ACLs while debugging. Public subnets also hold the resources ' +
    'meant to face the internet, which the function then shares a network segment with.',
  remediation: {
    text:
      'Connect the function to private subnets: subnets whose route table sends 0.0.0.0/0 to a NAT gateway (when it ' +
      'needs the internet) or has no default route at all, with VPC endpoints for the AWS services it calls.',
    cloudformation:
      'VpcConfig:\n  SubnetIds: [!Ref PrivateSubnetA, !Ref PrivateSubnetB]   # route 0.0.0.0/0 to a NAT gateway, not the IGW\n  SecurityGroupIds: [!Ref FunctionSecurityGroup]\n',
    cdk:
      "import * as ec2 from 'aws-cdk-lib/aws-ec2';\n" +
      "import * as lambda from 'aws-cdk-lib/aws-lambda';\n" +
      '\n' +
      "const fn = new lambda.Function(this, 'Fn', {\n" +
      '  // ...runtime, handler, code\n' +
      '  vpc,\n' +
      '  // private subnets (NAT gateway for the internet) or PRIVATE_ISOLATED; drop allowPublicSubnet: true\n' +
      '  vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },\n' +
      '});\n',
    cli: 'aws lambda update-function-configuration --function-name <name> --vpc-config SubnetIds=<private-a>,<private-b>,SecurityGroupIds=<sg>',
    terraform:
      'resource "aws_lambda_function" "this" {\n  vpc_config {\n    subnet_ids         = aws_subnet.private[*].id\n    security_group_ids = [aws_security_group.fn.id]\n  }\n}\n',
  },
  compliance: {
    'nist-800-53-r5': ['SC-7'],
  },
  references: [
    'https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc-internet.html',
    'https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc.html',
  ],
  evaluate(fn, ctx): Outcome {
    const placement = placementOf(fn);
    if (placement.state === 'outside') return ctx.notApplicable('the function is not in a VPC');
    if (placement.state === 'unknown') return ctx.unknown(placement.reason, { where: placement.where });
    const verdicts = placement.subnets.map((ref) => subnetVerdict(ctx.inventory, ref));
    // A subnet listed twice (SAM appends the function's SubnetIds to those of Globals) is named once.
    const firstListing = (i: number) => isFirstListing(placement.subnets, i);
    const publicOnes = verdicts.flatMap((v, i) =>
      typeof v === 'object' && v.public && firstListing(i) ? [i] : [],
    );
    const index = publicOnes[0];
    const found = index === undefined ? undefined : verdicts[index];
    if (index !== undefined && typeof found === 'object' && found.public) {
      const subnet = nameOf(placement.subnets[index] as Reference);
      // One of another stack (a parent's, given as a parameter) is named with its stack already.
      const gateway = gatewayName(found.route.gatewayId as Reference, found.scope);
      const others = publicOnes.slice(1).map((i) => nameOf(placement.subnets[i] as Reference));
      const also =
        others.length === 0 ? '' : ` ${others.join(', ')} ${others.length === 1 ? 'is' : 'are'} public too.`;
      return ctx.fail(
        `The function is in public subnet ${subnet}: route table ${found.table} sends internet traffic to internet gateway ${gateway}` +
          `${found.addedBy === undefined ? '' : ` through route ${found.addedBy}`}. ` +
          `Lambda gives the function no public IP, so it has no internet access there.${also}`,
        {
          where: subnetPath(placement.config, index),
          evidence: { subnet, routeTable: found.table, gateway },
        },
      );
    }
    const doubts = [
      ...new Set([
        ...verdicts.filter((v): v is string => typeof v === 'string'),
        ...chosenSubnetDoubts(ctx.inventory, placement.config, placement.subnets),
      ]),
    ];
    if (doubts.length > 0) {
      return ctx.unknown(`Cannot tell whether the function's subnets are public: ${doubts.join('; ')}.`, {
        where: ['VpcConfig', 'SubnetIds'],
      });
    }
    return ctx.pass(
      `No subnet of the function (${[...new Set(placement.subnets.map(nameOf))].join(', ')}) routes to an internet gateway.`,
    );
  },
});
