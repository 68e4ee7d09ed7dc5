import type { Check } from '../../../src/checks/define.js';
import { scanTemplate, template } from '../../helpers/scan-template.js';
import { lambdaFunction } from '../../helpers/templates.js';

/**
 * A VPC as templates write it, for the Lambda network checks: a public subnet (default route to the internet
 * gateway through a standalone AWS::EC2::Route), three private subnets behind a NAT gateway (A and C in
 * us-east-1a, B in us-east-1b), and a subnet with no route table association.
 */
export const NETWORK = `  Vpc:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: 10.0.0.0/16
  Igw:
    Type: AWS::EC2::InternetGateway
  IgwAttachment:
    Type: AWS::EC2::VPCGatewayAttachment
    Properties:
      VpcId: !Ref Vpc
      InternetGatewayId: !Ref Igw
${routeTable('PublicRouteTable', 'PublicDefaultRoute', 'GatewayId: !Ref Igw')}  PublicSubnet:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref Vpc
      CidrBlock: 10.0.0.0/24
      AvailabilityZone: us-east-1a
  PublicSubnetRoutes:
    Type: AWS::EC2::SubnetRouteTableAssociation
    Properties:
      SubnetId: !Ref PublicSubnet
      RouteTableId: !Ref PublicRouteTable
  Nat:
    Type: AWS::EC2::NatGateway
    Properties:
      SubnetId: !Ref PublicSubnet
      AllocationId: eipalloc-0abc
${routeTable('PrivateRouteTable', 'PrivateDefaultRoute', 'NatGatewayId: !Ref Nat')}${subnet('PrivateSubnetA', 'us-east-1a', 'PrivateRouteTable')}${subnet('PrivateSubnetB', 'us-east-1b', 'PrivateRouteTable')}${subnet('PrivateSubnetC', 'us-east-1a', 'PrivateRouteTable')}${subnet('UnassociatedSubnet', 'us-east-1b')}`;

/** A route table `id` of the VPC whose default route (0.0.0.0/0) is `route`, going to `target` (`GatewayId: !Ref Igw`). */
export function routeTable(id: string, route: string, target: string): string {
  return `  ${id}:
    Type: AWS::EC2::RouteTable
    Properties:
      VpcId: !Ref Vpc
  ${route}:
    Type: AWS::EC2::Route
    Properties:
      RouteTableId: !Ref ${id}
      DestinationCidrBlock: 0.0.0.0/0
      ${target}
`;
}

/** A subnet of the VPC, associated with `routeTable` when given. `az` is YAML: a zone name or an intrinsic. */
export function subnet(id: string, az: string, routeTable?: string): string {
  const association = routeTable
    ? `  ${id}Routes:
    Type: AWS::EC2::SubnetRouteTableAssociation
    Properties:
      SubnetId: !Ref ${id}
      RouteTableId: !Ref ${routeTable}
`
    : '';
  return `  ${id}:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref Vpc
      AvailabilityZone: ${az}
${association}`;
}

/** A function connected to `subnets` and `groups` (YAML list items: `!Ref X` or literal ids). */
export function vpcFunction(
  subnets: readonly string[],
  groups: readonly string[] = ['sg-0abc'],
  id = 'Fn',
): string {
  return lambdaFunction(
    id,
    `      VpcConfig:
        SubnetIds:
${subnets.map((s) => `          - ${s}\n`).join('')}        SecurityGroupIds:
${groups.map((g) => `          - ${g}\n`).join('')}`,
  );
}

/** The same as a SAM function (`Transform: AWS::Serverless-2016-10-31` goes in the template's header). */
export function samVpcFunction(
  subnets: readonly string[],
  groups: readonly string[] = ['sg-0abc'],
  id = 'SamFn',
): string {
  return vpcFunction(subnets, groups, id)
    .replace('AWS::Lambda::Function', 'AWS::Serverless::Function')
    .replace("      Code: { ZipFile: 'x' }\n", '      InlineCode: x\n');
}

export const SAM_TRANSFORM = 'Transform: AWS::Serverless-2016-10-31\n';

/** A function with no VpcConfig. */
export const PLAIN_FUNCTION = lambdaFunction('Plain');

/** The 1-based line of the first line of `text` that contains `needle`. */
export function lineOf(text: string, needle: string, after = ''): number {
  const lines = text.split('\n');
  const start = after ? lines.findIndex((l) => l.includes(after)) : 0;
  const index = lines.findIndex((l, i) => i >= start && l.includes(needle));
  if (index < 0) throw new Error(`"${needle}" not in template`);
  return index + 1;
}

/** A scanner for `check` over NETWORK plus `resources`; it returns the template text too, for lineOf. */
export function networkScanner(check: Check) {
  return (resources: string, extra = '') => {
    const text = template(NETWORK + resources, extra);
    return { text, ...scanTemplate(text, check) };
  };
}
