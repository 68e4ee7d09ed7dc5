import type { Reference } from './lambda.js';
import type { ResourceBase } from './resource.js';
import type { SourceRef } from './source.js';
import type { Value } from './values.js';

export interface EgressRule {
  /** `-1` for all protocols. */
  readonly protocol: Value<string>;
  readonly fromPort: Value<number | undefined>;
  readonly toPort: Value<number | undefined>;
  readonly cidrIp: Value<string | undefined>;
  readonly cidrIpv6: Value<string | undefined>;
  readonly destinationSecurityGroup: Value<Reference | undefined>;
  readonly destinationPrefixList: Value<string | undefined>;
  /** True for the allow-all rule AWS adds when a VPC security group declares no egress. */
  readonly implicitDefault: boolean;
  /** The logical id of the standalone `AWS::EC2::SecurityGroupEgress` that declares the rule, if one does. */
  readonly declaredBy?: string;
  readonly source: SourceRef;
}

export interface SecurityGroup extends ResourceBase<'ec2.security-group'> {
  readonly vpcId: Value<Reference | undefined>;
  /** All egress rules: inline, the implicit default, and standalone egress resources. */
  readonly egress: Value<readonly EgressRule[]>;
}

export interface Subnet extends ResourceBase<'ec2.subnet'> {
  readonly vpcId: Value<Reference>;
  readonly availabilityZone: Value<string | undefined>;
  readonly mapPublicIpOnLaunch: Value<boolean | undefined>;
  /** Route table associated with this subnet, when the inventory shows one. */
  readonly routeTable: Value<Reference | undefined>;
}

export interface Route {
  readonly destinationCidr: Value<string | undefined>;
  readonly destinationIpv6Cidr: Value<string | undefined>;
  /** Internet gateway (`igw-…`) or virtual private gateway; references an `ec2.internet-gateway` when in the inventory. */
  readonly gatewayId: Value<Reference | undefined>;
  readonly natGatewayId: Value<Reference | undefined>;
  readonly source: SourceRef;
}

export interface RouteTable extends ResourceBase<'ec2.route-table'> {
  readonly vpcId: Value<Reference>;
  readonly routes: Value<readonly Route[]>;
}

export interface InternetGateway extends ResourceBase<'ec2.internet-gateway'> {}

/**
 * A VPC the template creates. Its main route table holds only the VPC's local route: CloudFormation gives
 * no id for it (AWS::EC2::VPC has no such attribute), so no route of a template can be added to it.
 */
export interface Vpc extends ResourceBase<'ec2.vpc'> {}
