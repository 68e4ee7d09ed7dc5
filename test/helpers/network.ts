/**
 * YAML builders of the network the VPC tests route subnets through, byte-identical to the blocks the tests wrote
 * inline (see templates.ts).
 */

const VPC_AND_GATEWAY = `  Vpc:
    Type: AWS::EC2::VPC
    Properties: { CidrBlock: 10.0.0.0/16 }
  Igw:
    Type: AWS::EC2::InternetGateway
`;

const ATTACH = `  Attach:
    Type: AWS::EC2::VPCGatewayAttachment
    Properties: { VpcId: !Ref Vpc, InternetGatewayId: !Ref Igw }
`;

/**
 * Resource entries (under `Resources:`) of VPC `Vpc` (10.0.0.0/16) and internet gateway `Igw`, attached to it by
 * `Attach` unless `attached` is false: a route 0.0.0.0/0 to `!Ref Igw` makes a subnet public.
 */
export function vpcWithInternetGateway({ attached = true }: { readonly attached?: boolean } = {}): string {
  return attached ? VPC_AND_GATEWAY + ATTACH : VPC_AND_GATEWAY;
}
