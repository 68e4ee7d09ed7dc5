import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scanCdkOut } from '../../helpers/cdk-out.js';
import { vpcWithInternetGateway } from '../../helpers/network.js';
import { lambdaFunction } from '../../helpers/templates.js';

// A nested stack's own route table, subnet and route, whose gateway the parent gives it as a parameter (`Gw: !Ref Igw`):
// the parent is read with it, so what the gateway is, is known.

/** parent.yaml: a VPC, internet gateway Igw, NAT gateway Nat, VPN gateway Vgw; Child given the VPC and `gateway`. */
function parent(gateway: string): string {
  return `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  GatewayId: { Type: String }
  Open: { Type: String, Default: 'no', AllowedValues: ['yes', 'no'] }
Conditions:
  IsOpen: !Equals [!Ref Open, 'yes']
  Always: !Equals [a, a]
Resources:
${vpcWithInternetGateway()}  Nat:
    Type: AWS::EC2::NatGateway
    Properties: { SubnetId: subnet-0123456789abcdef0, AllocationId: eipalloc-0abc }
  Vgw:
    Type: AWS::EC2::VPNGateway
    Properties: { Type: ipsec.1 }
  Child:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: child.yaml
      Parameters: { VpcId: !Ref Vpc, Gw: ${gateway} }
`;
}

/** child.yaml: table Table with route 0.0.0.0/0 to the gateway it is given (as `property`), subnet A on it, Fn in A. */
function child(property = 'GatewayId'): string {
  return `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  VpcId: { Type: String }
  Gw: { Type: String }
Resources:
  Table:
    Type: AWS::EC2::RouteTable
    Properties: { VpcId: !Ref VpcId }
  ToGateway:
    Type: AWS::EC2::Route
    Properties: { RouteTableId: !Ref Table, DestinationCidrBlock: 0.0.0.0/0, ${property}: !Ref Gw }
  A:
    Type: AWS::EC2::Subnet
    Properties: { VpcId: !Ref VpcId, CidrBlock: 10.0.1.0/24, AvailabilityZone: us-east-1a }
  ARoutes:
    Type: AWS::EC2::SubnetRouteTableAssociation
    Properties: { SubnetId: !Ref A, RouteTableId: !Ref Table }
${lambdaFunction('Fn', '      VpcConfig: { SubnetIds: [!Ref A], SecurityGroupIds: [sg-0123456789abcdef0] }\n')}`;
}

/** What lambda.vpc-public-subnet says of the child's Fn, scanned with its parent, as [status, message]. */
function judged(files: Record<string, string>, parameters?: Record<string, string>): [string, string][] {
  const dir = mkdtempSync(join(tmpdir(), 'parapet-parent-gateway-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  const { result, of } = scanCdkOut(dir, [dir], parameters);
  expect(result.errors).toEqual([]);
  return of('lambda.vpc-public-subnet', 'Fn').map((f) => [f.status, f.message]);
}

const PASSES = 'No subnet of the function (A) routes to an internet gateway.';

describe("a nested stack's route to the gateway its parent gives it", () => {
  it("fails where the parent gives its own internet gateway, naming it in the parent's stack", () => {
    // Its Ref and its InternetGatewayId attribute are both its id: named alike.
    for (const gateway of ['!Ref Igw', '!GetAtt Igw.InternetGatewayId'])
      expect(judged({ 'parent.yaml': parent(gateway), 'child.yaml': child() }), gateway).toEqual([
        [
          'fail',
          'The function is in public subnet A: route table Table sends internet traffic to internet gateway Igw of stack ' +
            'parent.yaml. Lambda gives the function no public IP, so it has no internet access there.',
        ],
      ]);
  });

  it('passes where the parent gives a NAT or VPN gateway, as GatewayId or NatGatewayId', () => {
    for (const gateway of ['!Ref Nat', '!Ref Vgw'])
      expect(judged({ 'parent.yaml': parent(gateway), 'child.yaml': child() }), gateway).toEqual([
        ['pass', PASSES],
      ]);
    expect(judged({ 'parent.yaml': parent('!Ref Nat'), 'child.yaml': child('NatGatewayId') })).toEqual([
      ['pass', PASSES],
    ]);
  });

  it("is unknown where the parent gives its own parameter: the gateway's id is not known before deploy", () => {
    const [[status, message] = []] = judged({
      'parent.yaml': parent('!Ref GatewayId'),
      'child.yaml': child(),
    });
    expect(status).toBe('unknown');
    expect(message).toMatch(
      /^Cannot tell whether the function's subnets are public: a route of Table \(subnet A\): gateway not known before deploy/,
    );
  });

  it('is unknown where the parent chooses the gateway by a condition its defaults decide: a deploy may take the other', () => {
    // Open defaults to 'no', so the defaults take the NAT gateway; a deploy with Open=yes routes to Igw.
    expect(
      judged({ 'parent.yaml': parent('!If [IsOpen, !Ref Igw, !Ref Nat]'), 'child.yaml': child() }),
    ).toEqual([
      [
        'unknown',
        "Cannot tell whether the function's subnets are public: a route of Table (subnet A): gateway not known " +
          "before deploy (chosen in the parent stack parent.yaml by condition IsOpen, which its parameters' defaults " +
          'decide).',
      ],
    ]);
  });

  it('judges the branch a condition takes whatever the defaults, or with the value given (-p)', () => {
    expect(
      judged({ 'parent.yaml': parent('!If [Always, !Ref Nat, !Ref Igw]'), 'child.yaml': child() }),
    ).toEqual([['pass', PASSES]]);
    const [[status] = []] = judged(
      { 'parent.yaml': parent('!If [IsOpen, !Ref Igw, !Ref Nat]'), 'child.yaml': child() },
      { Open: 'yes' },
    );
    expect(status).toBe('fail');
  });
});

describe("a stack's route to the gateway another scanned stack exports, or a nested stack's output gives", () => {
  /** net.yaml: Igw and Nat, exporting (as net-gw) and giving as output Gw `gateway`, under Open (default no). */
  const net = (gateway: string) => `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  Open: { Type: String, Default: 'no', AllowedValues: ['yes', 'no'] }
Conditions:
  IsOpen: !Equals [!Ref Open, 'yes']
Resources:
  Igw: { Type: AWS::EC2::InternetGateway }
  Nat:
    Type: AWS::EC2::NatGateway
    Properties: { SubnetId: subnet-0123456789abcdef0, AllocationId: eipalloc-0abc }
Outputs:
  Gw:
    Value: ${gateway}
    Export: { Name: net-gw }
`;
  /** A stack of its own route to `gateway` (with a VPC), or child() nested in it given `gateway`. */
  const importing = (gateway: string) =>
    child()
      .replace(
        'Parameters:\n  VpcId: { Type: String }\n  Gw: { Type: String }\n',
        'Parameters:\n  VpcId: { Type: String, Default: vpc-1 }\n',
      )
      .replace('!Ref Gw', gateway);
  const nesting = `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Net:
    Type: AWS::CloudFormation::Stack
    Properties: { TemplateURL: net.yaml }
  Child:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: child.yaml
      Parameters: { VpcId: vpc-1, Gw: !GetAtt Net.Outputs.Gw }
`;
  const CHOSEN = '!If [IsOpen, !Ref Igw, !Ref Nat]';

  it('is unknown where the exporting stack chooses it by a condition its defaults decide; judged by type otherwise', () => {
    expect(judged({ 'net.yaml': net(CHOSEN), 'app.yaml': importing('!ImportValue net-gw') })).toEqual([
      [
        'unknown',
        "Cannot tell whether the function's subnets are public: a route of Table (subnet A): gateway not known " +
          "before deploy (exported by stack net.yaml, chosen in that stack by condition IsOpen, which its parameters' " +
          'defaults decide).',
      ],
    ]);
    expect(judged({ 'net.yaml': net('!Ref Nat'), 'app.yaml': importing('!ImportValue net-gw') })).toEqual([
      ['pass', PASSES],
    ]);
  });

  it("is unknown where a sibling nested stack's output chooses it so; judged by type otherwise", () => {
    const [[status, message] = []] = judged({
      'parent.yaml': nesting,
      'net.yaml': net(CHOSEN),
      'child.yaml': child(),
    });
    expect(status).toBe('unknown');
    expect(message).toContain(
      "(output Gw of stack net.yaml, chosen in that stack by condition IsOpen, which its parameters' defaults decide)",
    );
    expect(judged({ 'parent.yaml': nesting, 'net.yaml': net('!Ref Nat'), 'child.yaml': child() })).toEqual([
      ['pass', PASSES],
    ]);
  });
});
