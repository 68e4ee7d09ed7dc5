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
  /**
   * The prefix list of the template the rule names (`!GetAtt Pl.PrefixListId`), with the ranges of its entries, which
   * the rule reaches as it would its CidrIp; absent where the rule names none of the template's (one of another
   * account, an AWS-managed one: its entries are not in the template).
   */
  readonly prefixList?: { readonly id: string; readonly entries: Value<readonly string[]> };
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
  /** The zone's AZ ID (`use1-az1`): the same physical zone in every account, where zone names are mapped per account. */
  readonly availabilityZoneId: Value<string | undefined>;
  readonly mapPublicIpOnLaunch: Value<boolean | undefined>;
  /** Route table associated with this subnet, when the inventory shows one. */
  readonly routeTable: Value<Reference | undefined>;
  /**
   * Route tables its association may name in a deploy that no case of the template's conditions shows, besides
   * `routeTable`: see UnseenRouteTable. Read for a subnet of the template itself; for one of another stack, that
   * association is in `attachedByChoice`.
   */
  readonly routeTablesUnseen?: readonly UnseenRouteTable[];
}

/**
 * A route table a subnet's association may name in another deploy: another item of an `Fn::Select` whose index a
 * parameter gives (`!Select [!Ref Idx, [!Ref Public, !Ref Private]]`), or any at all where it picks from a list a
 * parameter gives (`!Select [!Ref Idx, !Ref Tables]`).
 */
export interface UnseenRouteTable {
  /** The association's logical id. */
  readonly association: string;
  /** The table as read (one of the template's, another's id, or not known before deploy); absent: any table. */
  readonly table?: Reference;
  /** The parameters that choose it. */
  readonly parameters: readonly string[];
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
export interface Vpc extends ResourceBase<'ec2.vpc'> {
  /** The security group AWS creates with the VPC (`!GetAtt Vpc.DefaultSecurityGroup`): see DefaultSecurityGroup. */
  readonly defaultSecurityGroup: DefaultSecurityGroup;
}

/**
 * The default security group of a VPC the template creates. AWS gives it a rule allowing all outbound IPv4 traffic
 * (VPC User Guide, "Default security groups for your VPCs"), and no CloudFormation property removes it: AWS::EC2::VPC
 * has none for the group's rules, and an AWS::EC2::SecurityGroupEgress whose GroupId is the group only adds one.
 */
export interface DefaultSecurityGroup {
  /**
   * That default rule (implicitDefault) and the standalone egress rules on the group (declaredBy); Unknown when a
   * custom resource of the template is given the group, as it may change its rules (CDK's Custom::VpcRestrictDefaultSG
   * removes them).
   */
  readonly egress: Value<readonly EgressRule[]>;
}

const DEFAULT_SECURITY_GROUP = '.DefaultSecurityGroup';

/** How a reference names the default security group of VPC `vpcId` (`!GetAtt Vpc.DefaultSecurityGroup`). */
export function defaultSecurityGroupOf(vpcId: string): string {
  return vpcId + DEFAULT_SECURITY_GROUP;
}

/** The VPC whose default security group a reference names (see defaultSecurityGroupOf), or undefined. */
export function vpcOfDefaultSecurityGroup(ref: string): string | undefined {
  return ref.endsWith(DEFAULT_SECURITY_GROUP) ? ref.slice(0, -DEFAULT_SECURITY_GROUP.length) : undefined;
}
