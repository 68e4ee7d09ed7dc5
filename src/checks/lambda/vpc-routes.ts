import type { Reference } from '../../model/lambda.js';
import type { Route, RouteTable } from '../../model/network.js';
import { isUnknown, type StackResource } from '../../model/values.js';
import { inScope, nameOf, type SubnetScope } from './vpc.js';

// What a route table's routes do: whether they make the subnets using it public (lambda.vpc-public-subnet).

/** A subnet's verdict: public (with the route that makes it so), private, or why it cannot be told. */
export type Verdict =
  | {
      readonly public: true;
      readonly table: string;
      readonly route: Route;
      readonly scope: SubnetScope;
      /** The route's declaration, where another template adds it to the table: `R of stack b.yaml`. */
      readonly addedBy?: string;
    }
  | { readonly public: false }
  | string;

/**
 * An internet gateway: one the subnet's scope holds, one of another scanned stack (a parent's `!Ref Igw` given as a
 * parameter, an import), or a literal `igw-` id. True, false, or why it cannot be told.
 */
function isInternetGateway(scope: SubnetScope, gateway: Route['gatewayId']): boolean | string {
  if (gateway === undefined) return false;
  if (isUnknown(gateway))
    return otherStackGateway(gateway.stackResource) ?? `gateway not known before deploy (${gateway.reason})`;
  return scope.resolve(gateway, 'ec2.internet-gateway') !== undefined || gateway.startsWith('igw-');
}

/**
 * Whether the gateway of another scanned stack a route names is an internet gateway, by its type there: its `Ref` (or
 * `InternetGatewayId`) is the gateway's id. GatewayId is "the ID of an internet gateway or virtual private gateway"
 * (AWS::EC2::Route; EC2 accepts a NAT gateway's id there too): a NAT, virtual private or transit gateway opens no
 * subnet to the internet. Undefined for any other type (an egress-only gateway, IPv6 only), or an attribute not its id.
 */
function otherStackGateway(gateway: StackResource | undefined): boolean | undefined {
  if (gateway?.type === undefined) return undefined;
  if (gateway.attribute !== undefined && gateway.attribute !== 'InternetGatewayId') return undefined;
  if (gateway.type === 'AWS::EC2::InternetGateway') return true;
  return NOT_INTERNET_GATEWAYS.has(gateway.type) ? false : undefined;
}

/**
 * How a message names a route's internet gateway: in its scope's stack, or (another stack's, `!Ref Igw` or `!GetAtt
 * Igw.InternetGatewayId`, both its id) as `Igw of stack parent.yaml`.
 */
export function gatewayName(gateway: Reference, scope: SubnetScope): string {
  if (!isUnknown(gateway)) return inScope(nameOf(gateway), scope);
  const other = gateway.stackResource;
  return other === undefined ? nameOf(gateway) : `${other.logicalId} of stack ${other.stack}`;
}

const NOT_INTERNET_GATEWAYS = new Set([
  'AWS::EC2::NatGateway',
  'AWS::EC2::VPNGateway',
  'AWS::EC2::TransitGateway',
]);

/** Whether a route another template adds to a table opens it to the internet (see Opens). */
export function routeOpens({ route }: { readonly route?: Route }, scope: SubnetScope): boolean | undefined {
  if (route === undefined) return undefined;
  const toInternet = isDefaultRoute(route);
  const viaGateway = isInternetGateway(scope, route.gatewayId);
  if (toInternet === false || viaGateway === false) return false;
  return toInternet === true && viaGateway === true ? true : undefined;
}

function isDefaultRoute(route: Route): boolean | string {
  if (route.destinationCidr === '0.0.0.0/0' || route.destinationIpv6Cidr === '::/0') return true;
  const open = [route.destinationCidr, route.destinationIpv6Cidr].find(isUnknown);
  return open ? `destination not known before deploy (${open.reason})` : false;
}

/**
 * Whether `table`'s routes make a subnet using it (`name`, as messages name it) public: a route 0.0.0.0/0 (or ::/0) to
 * an internet gateway; read in `scope`, where the table is.
 */
export function routesVerdict(table: RouteTable, scope: SubnetScope, name: string): Verdict {
  const tableName = inScope(table.id, scope);
  if (isUnknown(table.routes)) {
    return `the routes of ${tableName} are not known before deploy (${table.routes.reason})`;
  }
  let doubt: string | undefined;
  for (const route of table.routes) {
    const toInternet = isDefaultRoute(route);
    const viaGateway = isInternetGateway(scope, route.gatewayId);
    if (toInternet === true && viaGateway === true) return { public: true, table: tableName, route, scope };
    if (toInternet !== false && viaGateway !== false) {
      doubt ??= `a route of ${tableName} (subnet ${name}): ${[toInternet, viaGateway].filter((x) => typeof x === 'string').join(', ')}`;
    }
  }
  return doubt ?? { public: false };
}
