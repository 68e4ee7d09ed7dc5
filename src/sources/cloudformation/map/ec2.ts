import type { Reference } from '../../../model/lambda.js';
import type {
  EgressRule,
  InternetGateway,
  Route,
  RouteTable,
  SecurityGroup,
  Subnet,
  Vpc,
} from '../../../model/network.js';
import type { SourceRef } from '../../../model/source.js';
import { isUnknown, unknown, type Value } from '../../../model/values.js';
import type { MapContext } from './context.js';
import {
  EC2_GATEWAY_ID,
  EC2_NAT_GATEWAY_ID,
  EC2_SECURITY_GROUP_ID,
  EC2_VPC_ID,
  type FixedForm,
} from './logical-id-text.js';
import type { BaseFields, Mapper } from './types.js';

/**
 * The id property `key` of `props` (a resource's properties, or a rule of its SecurityGroupEgress) names: text that is
 * the logical id of a resource of the type it takes is refused (see MapContext.idReference).
 */
function idOf(
  ctx: MapContext,
  props: Record<string, unknown>,
  key: string,
  form: FixedForm,
  at: readonly (string | number)[] = [],
): Value<Reference | undefined> {
  return ctx.idReference(props[key], form, props, key, [...at, key]);
}

/** An egress rule: a standalone AWS::EC2::SecurityGroupEgress's properties, or the item at `at` of a group's. */
export function readEgressRule(
  ctx: MapContext,
  rule: Record<string, unknown>,
  at: readonly (string | number)[] = [],
): EgressRule {
  return {
    protocol: ctx.string(rule.IpProtocol) ?? unknown('no IpProtocol'),
    fromPort: ctx.number(rule.FromPort),
    toPort: ctx.number(rule.ToPort),
    cidrIp: ctx.string(rule.CidrIp),
    cidrIpv6: ctx.string(rule.CidrIpv6),
    destinationSecurityGroup: idOf(ctx, rule, 'DestinationSecurityGroupId', EC2_SECURITY_GROUP_ID, at),
    destinationPrefixList: ctx.string(rule.DestinationPrefixListId),
    ...withPrefixList(ctx, rule.DestinationPrefixListId),
    implicitDefault: false,
    source: ctx.source(rule),
  };
}

/**
 * The prefix list of the template a rule names (`!GetAtt Pl.PrefixListId`, or `!Ref Pl`, which gives its id too) with
 * the CIDRs of its Entries (AWS::EC2::PrefixList): what the rule reaches. Nothing where it names none of the template's.
 */
function withPrefixList(ctx: MapContext, raw: unknown): Pick<EgressRule, 'prefixList'> {
  if (raw === null || typeof raw !== 'object') return {};
  const id = ctx.reference(raw);
  if (typeof id !== 'string') return {};
  const declaration = ctx.declarationOf(id);
  if (declaration?.Type !== 'AWS::EC2::PrefixList') return {};
  const props = ctx.object(declaration.Properties);
  if (isUnknown(props)) return { prefixList: { id, entries: props } };
  const cidrs = ctx.list(props?.Entries, (item) => {
    const entry = ctx.object(item);
    return isUnknown(entry) ? entry : ctx.string(entry?.Cidr);
  });
  if (isUnknown(cidrs)) return { prefixList: { id, entries: cidrs } };
  const unread = cidrs.find(isUnknown);
  if (unread !== undefined) return { prefixList: { id, entries: unread } };
  return { prefixList: { id, entries: cidrs.filter((cidr): cidr is string => typeof cidr === 'string') } };
}

/** AWS's rule allowing all outbound IPv4 traffic, which a security group gets unless its egress rules are declared. */
function allowAllDefault(source: SourceRef): EgressRule {
  return {
    protocol: '-1',
    fromPort: undefined,
    toPort: undefined,
    cidrIp: '0.0.0.0/0',
    cidrIpv6: undefined,
    destinationSecurityGroup: undefined,
    destinationPrefixList: undefined,
    implicitDefault: true,
    source,
  };
}

/**
 * A security group that declares no egress gets AWS's allow-all egress rule; CloudFormation
 * removes it only when the template lists egress rules of its own.
 */
function egressRules(ctx: MapContext, base: BaseFields, raw: unknown): Value<EgressRule[]> {
  const rules = ctx.list(raw, (entry, index) => {
    const rule = ctx.object(entry);
    return isUnknown(rule) || rule === undefined
      ? rule
      : readEgressRule(ctx, rule, ['SecurityGroupEgress', index]);
  });
  if (isUnknown(rules)) return rules;
  if (rules.length === 0) return [allowAllDefault(base.properties ?? base.source)];
  const unknownRule = rules.find(isUnknown);
  if (unknownRule) return unknownRule;
  return rules.filter((r): r is EgressRule => r !== undefined && !isUnknown(r));
}

const securityGroup: Mapper = (ctx, base, p): SecurityGroup => ({
  kind: 'ec2.security-group',
  vpcId: idOf(ctx, p, 'VpcId', EC2_VPC_ID),
  egress: egressRules(ctx, base, p.SecurityGroupEgress),
  ...base,
});

const subnet: Mapper = (ctx, base, p): Subnet => ({
  kind: 'ec2.subnet',
  vpcId: idOf(ctx, p, 'VpcId', EC2_VPC_ID) ?? unknown('no VpcId'),
  availabilityZone: ctx.string(p.AvailabilityZone),
  availabilityZoneId: ctx.string(p.AvailabilityZoneId),
  mapPublicIpOnLaunch: ctx.boolean(p.MapPublicIpOnLaunch),
  routeTable: undefined,
  ...base,
});

const routeTable: Mapper = (ctx, base, p): RouteTable => ({
  kind: 'ec2.route-table',
  vpcId: idOf(ctx, p, 'VpcId', EC2_VPC_ID) ?? unknown('no VpcId'),
  routes: [],
  ...base,
});

const internetGateway: Mapper = (_ctx, base): InternetGateway => ({ kind: 'ec2.internet-gateway', ...base });

const vpc: Mapper = (_ctx, base): Vpc => ({
  kind: 'ec2.vpc',
  // Standalone egress rules on it, and custom resources given it, are linked in later (link.ts).
  defaultSecurityGroup: { egress: [allowAllDefault(base.source)] },
  ...base,
});

export function readRoute(ctx: MapContext, p: Record<string, unknown>): Route {
  return {
    destinationCidr: ctx.string(p.DestinationCidrBlock),
    destinationIpv6Cidr: ctx.string(p.DestinationIpv6CidrBlock),
    gatewayId: idOf(ctx, p, 'GatewayId', EC2_GATEWAY_ID),
    natGatewayId: idOf(ctx, p, 'NatGatewayId', EC2_NAT_GATEWAY_ID),
    source: ctx.source(p),
  };
}

export const ec2Mappers: Record<string, Mapper> = {
  'AWS::EC2::SecurityGroup': securityGroup,
  'AWS::EC2::Subnet': subnet,
  'AWS::EC2::RouteTable': routeTable,
  'AWS::EC2::InternetGateway': internetGateway,
  'AWS::EC2::VPC': vpc,
};
