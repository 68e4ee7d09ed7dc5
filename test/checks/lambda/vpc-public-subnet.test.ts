import { describe, expect, it } from 'vitest';
import check from '../../../src/checks/lambda/vpc-public-subnet.js';
import { scanTemplateFile } from '../../helpers/scan-file.js';
import { template } from '../../helpers/scan-template.js';
import {
  lineOf,
  NETWORK,
  networkScanner,
  PLAIN_FUNCTION,
  routeTable,
  SAM_TRANSFORM,
  samVpcFunction,
  subnet,
  vpcFunction,
} from './vpc-fixture.js';

const scan = networkScanner(check);

describe('lambda.vpc-public-subnet', () => {
  it('fails a function in a subnet whose route table sends 0.0.0.0/0 to the internet gateway', () => {
    const { text, failed, errors } = scan(vpcFunction(['!Ref PrivateSubnetA', '!Ref PublicSubnet']));
    expect(errors).toEqual([]);
    expect(failed).toHaveLength(1);
    expect(failed[0]?.resource.id).toBe('Fn');
    expect(failed[0]?.message).toContain('public subnet PublicSubnet');
    expect(failed[0]?.message).toContain('route table PublicRouteTable');
    expect(failed[0]?.message).toContain('internet gateway Igw');
    expect(failed[0]?.property).toBe('VpcConfig.SubnetIds.1');
    expect(failed[0]?.location.line).toBe(lineOf(text, '- !Ref PublicSubnet', '  Fn:'));
  });

  it('names every public subnet of the function, pointing at the first', () => {
    const second = subnet('PublicSubnetB', 'us-east-1b', 'PublicRouteTable');
    const { failed } = scan(
      second + vpcFunction(['!Ref PublicSubnet', '!Ref PrivateSubnetA', '!Ref PublicSubnetB']),
    );
    expect(failed).toHaveLength(1);
    expect(failed[0]?.message).toMatch(
      /^The function is in public subnet PublicSubnet: .* PublicSubnetB is public too\.$/,
    );
    expect(failed[0]?.property).toBe('VpcConfig.SubnetIds.0');
  });

  it('fails a route to the internet gateway whose table is written !Sub "${Table}" or !Join [d, [!Ref Table]]', () => {
    const writtenForms = [
      "!Sub '${PrivateRouteTable}'",
      "!Join ['', [!Ref PrivateRouteTable]]",
      // A delimiter goes only between items: one item is itself.
      "!Join ['-', [!Ref PrivateRouteTable]]",
      "!Sub ['${T}', { T: !Ref PrivateRouteTable }]",
    ];
    for (const written of writtenForms) {
      const route = `  PrivateToInternet:
    Type: AWS::EC2::Route
    Properties:
      RouteTableId: ${written}
      DestinationCidrBlock: 0.0.0.0/0
      GatewayId: !Ref Igw
`;
      const { failed, errors } = scan(route + vpcFunction(['!Ref PrivateSubnetA']));
      expect(errors, written).toEqual([]);
      expect(failed.map((f) => f.message)[0], written).toContain('route table PrivateRouteTable');
    }
  });

  it("is unknown where a route's table is other text made from the table's id: most likely on it", () => {
    const route = (table: string, target = 'GatewayId: !Ref Igw') => `  PrivateToInternet:
    Type: AWS::EC2::Route
    Properties: { RouteTableId: ${table}, DestinationCidrBlock: 0.0.0.0/0, ${target} }
`;
    const writtenForms = [
      "!Join ['', [!Ref PrivateRouteTable, '']]",
      "!Join ['', [!GetAtt PrivateRouteTable.RouteTableId, '']]",
    ];
    for (const written of writtenForms) {
      const { unknown, errors } = scan(route(written) + vpcFunction(['!Ref PrivateSubnetA']));
      expect(errors, written).toEqual([]);
      expect(
        unknown.map((f) => f.message),
        written,
      ).toEqual([
        "Cannot tell whether the function's subnets are public: route PrivateToInternet may be on route table " +
          'PrivateRouteTable of subnet PrivateSubnetA: its RouteTableId may name that table, which cannot be told ' +
          'before deploy.',
      ]);
    }
    // `!Sub '${T.RouteTableId}'` is `!GetAtt T.RouteTableId` (Fn::Sub): the route is on that table.
    const bySub = scan(
      route("!Sub '${PrivateRouteTable.RouteTableId}'") + vpcFunction(['!Ref PrivateSubnetA']),
    );
    expect(bySub.failed.map((f) => f.resource.id)).toEqual(['Fn']);
    // A route that cannot open the table (to the NAT gateway), or text made from no table of the template: no doubt.
    for (const resources of [
      route("!Sub '${PrivateRouteTable.RouteTableId}'", 'NatGatewayId: !Ref Nat'),
      route("!Join ['', [!ImportValue shared-table, '']]"),
    ]) {
      const { passed, unknown } = scan(resources + vpcFunction(['!Ref PrivateSubnetA']));
      expect(
        unknown.map((f) => f.message),
        resources,
      ).toEqual([]);
      expect(passed, resources).toHaveLength(1);
    }
  });

  it('is unknown where an Fn::Select by a parameter may put a route to the internet gateway on its table', () => {
    const route = (index: string) => `  Chosen:
    Type: AWS::EC2::Route
    Properties:
      RouteTableId: !Select [${index}, [!Ref PublicRouteTable, !Ref PrivateRouteTable]]
      DestinationCidrBlock: 0.0.0.0/0
      GatewayId: !Ref Igw
`;
    // No default, or one that picks the public table: another deploy may pick PrivateRouteTable.
    for (const idx of ['{ Type: String }', "{ Type: String, Default: '0', AllowedValues: ['0', '1'] }"]) {
      const { unknown, errors } = scan(
        route('!Ref Idx') + vpcFunction(['!Ref PrivateSubnetA']),
        `Parameters:\n  Idx: ${idx}\n`,
      );
      expect(errors, idx).toEqual([]);
      expect(
        unknown.map((f) => f.message),
        idx,
      ).toEqual([
        "Cannot tell whether the function's subnets are public: route Chosen may be on route table PrivateRouteTable " +
          'of subnet PrivateSubnetA: its RouteTableId may name that table, which cannot be told before deploy.',
      ]);
    }
    // A written index picks one table in every deploy.
    const { passed, unknown } = scan(route("'0'") + vpcFunction(['!Ref PrivateSubnetA']));
    expect(unknown).toEqual([]);
    expect(passed).toHaveLength(1);
  });

  it("is unknown where an association's subnet is other text made from the subnet's id, on a public table", () => {
    const association = (subnet: string) => `  Rerouted:
    Type: AWS::EC2::SubnetRouteTableAssociation
    Properties: { SubnetId: ${subnet}, RouteTableId: !Ref PublicRouteTable }
`;
    const { unknown, errors } = scan(
      association("!Join ['', [!Ref PrivateSubnetA, '']]") + vpcFunction(['!Ref PrivateSubnetA']),
    );
    expect(errors).toEqual([]);
    expect(unknown.map((f) => f.message)).toEqual([
      "Cannot tell whether the function's subnets are public: association Rerouted may be of subnet PrivateSubnetA: " +
        'its SubnetId may name that subnet, which cannot be told before deploy.',
    ]);
    // `!Sub '${S.SubnetId}'` is `!GetAtt S.SubnetId` (Fn::Sub): the association is of that subnet.
    const bySub = scan(
      association("!Sub '${PrivateSubnetA.SubnetId}'") + vpcFunction(['!Ref PrivateSubnetA']),
    );
    expect(bySub.failed.map((f) => f.resource.id)).toEqual(['Fn']);
  });

  it('reads a route whose table an Fn::If wrapped in !Join or !Sub chooses as the bare Fn::If: each branch', () => {
    const head =
      'Parameters:\n  Env: { Type: String, Default: dev }\nConditions:\n  IsProd: !Equals [!Ref Env, prod]\n';
    const judged = (table: string) => {
      const route = `  ProdToInternet:
    Type: AWS::EC2::Route
    Properties: { RouteTableId: ${table}, DestinationCidrBlock: 0.0.0.0/0, GatewayId: !Ref Igw }
`;
      // As `parapet scan` reads it: the cases of its conditions merged.
      const text = template(NETWORK + route + vpcFunction(['!Ref PrivateSubnetA']), head);
      return scanTemplateFile(text, check.id).findings.map((f) => [f.status, f.message]);
    };
    const choice = '!If [IsProd, !Ref PrivateRouteTable, !Ref PublicRouteTable]';
    const bare = judged(choice);
    expect(bare).toEqual([
      [
        'unknown',
        "When condition IsProd holds (Env=prod, not its default dev): The function is in public subnet PrivateSubnetA: route table PrivateRouteTable sends internet traffic to internet gateway Igw. Lambda gives the function no public IP, so it has no internet access there. With the parameters' defaults condition IsProd does not hold; a deploy may override them.",
      ],
    ]);
    for (const wrapped of [`!Join ['', [${choice}]]`, `!Sub ['\${T}', { T: ${choice} }]`])
      expect(judged(wrapped), wrapped).toEqual(bare);
  });

  it('passes private subnets whose default route goes to a NAT gateway', () => {
    const { failed, unknown, passed } = scan(vpcFunction(['!Ref PrivateSubnetA', '!Ref PrivateSubnetB']));
    expect(failed).toEqual([]);
    expect(unknown).toEqual([]);
    expect(passed).toHaveLength(1);
  });

  it('fails a route to a literal igw- id, written inline in a table the template declares', () => {
    const resources = `  LiteralTable:
    Type: AWS::EC2::RouteTable
    Properties:
      VpcId: !Ref Vpc
  LiteralRoute:
    Type: AWS::EC2::Route
    Properties:
      RouteTableId: !Ref LiteralTable
      DestinationIpv6CidrBlock: ::/0
      GatewayId: igw-0123456789abcdef0
${subnet('Ipv6Public', 'us-east-1b', 'LiteralTable')}${vpcFunction(['!Ref Ipv6Public'])}`;
    const { failed } = scan(resources);
    expect(failed).toHaveLength(1);
    expect(failed[0]?.message).toContain('igw-0123456789abcdef0');
  });

  it('passes a default route to a virtual private gateway (not an internet gateway)', () => {
    const resources = `  Vgw:
    Type: AWS::EC2::VPNGateway
    Properties:
      Type: ipsec.1
${routeTable('VpnTable', 'VpnRoute', 'GatewayId: !Ref Vgw')}${subnet('VpnSubnet', 'us-east-1b', 'VpnTable')}${vpcFunction(['!Ref VpnSubnet'])}`;
    const { failed, passed } = scan(resources);
    expect(failed).toEqual([]);
    expect(passed).toHaveLength(1);
  });

  it('is unknown for a subnet that is not in this template', () => {
    const { failed, unknown } = scan(vpcFunction(['!Ref PrivateSubnetA', 'subnet-0abc']));
    expect(failed).toEqual([]);
    expect(unknown).toHaveLength(1);
    expect(unknown[0]?.message).toContain('subnet subnet-0abc is not in this template');
  });

  it('is unknown for a subnet id from a custom resource, saying so: it is no subnet of the template (review r11 item 5)', () => {
    const custom = (type: string) => `  FirstSubnet:
    Type: ${type}
    Properties:
      ServiceToken: arn:aws:lambda:us-east-1:123456789012:function:lookup
`;
    for (const type of ['Custom::LambdaCallout', 'AWS::CloudFormation::CustomResource']) {
      const { failed, unknown } = scan(custom(type) + vpcFunction(['!GetAtt FirstSubnet.subId']));
      expect(failed).toEqual([]);
      expect(unknown.map((f) => f.message)).toEqual([
        "Cannot tell whether the function's subnets are public: a subnet id is not known before deploy " +
          `(attribute subId of custom resource FirstSubnet (${type}), which its provider returns at deploy).`,
      ]);
    }
  });

  it('names an empty subnet id as "", never as nothing', () => {
    const { unknown } = scan(vpcFunction(["''"]));
    expect(unknown.map((f) => f.message)).toEqual([
      'Cannot tell whether the function\'s subnets are public: subnet "" is not in this template.',
    ]);
  });

  it('passes a subnet with no route table association in a VPC the template creates: its main table has only the local route', () => {
    const { failed, unknown, passed } = scan(vpcFunction(['!Ref UnassociatedSubnet']));
    expect(failed).toEqual([]);
    expect(unknown).toEqual([]);
    expect(passed).toHaveLength(1);
  });

  it("is unknown for a subnet with no route table association in a VPC from elsewhere: that VPC's main table decides", () => {
    const outside = `  OutsideSubnet:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: vpc-0123456789abcdef0
      CidrBlock: 10.1.0.0/24
`;
    const { failed, unknown } = scan(outside + vpcFunction(['!Ref OutsideSubnet']));
    expect(failed).toEqual([]);
    expect(unknown).toHaveLength(1);
    expect(unknown[0]?.message).toContain(
      "subnet OutsideSubnet has no route table association in this template, so it uses its VPC's main route table, which the template does not show",
    );
  });

  it('is unknown when the gateway of a default route comes from a parameter without default', () => {
    const resources = `${routeTable('ParamTable', 'ParamRoute', 'GatewayId: !Ref Gateway')}${subnet('ParamSubnet', 'us-east-1b', 'ParamTable')}${vpcFunction(['!Ref ParamSubnet'])}`;
    const { failed, unknown } = scan(resources, 'Parameters:\n  Gateway: { Type: String }\n');
    expect(failed).toEqual([]);
    expect(unknown).toHaveLength(1);
    expect(unknown[0]?.message).toContain('parameter Gateway');
  });

  it('fails when one subnet is public even if another cannot be seen', () => {
    const { failed } = scan(vpcFunction(['subnet-0abc', '!Ref PublicSubnet']));
    expect(failed).toHaveLength(1);
    expect(failed[0]?.property).toBe('VpcConfig.SubnetIds.1');
  });

  describe('with subnets both Globals and the SAM function list (SAM appends the lists)', () => {
    const globals = (subnets: string) =>
      `${SAM_TRANSFORM}Globals:\n  Function:\n    VpcConfig:\n      SubnetIds: [${subnets}]\n      SecurityGroupIds: [sg-0abc]\n`;

    it('names each public subnet once', () => {
      const second = subnet('PublicSubnetB', 'us-east-1b', 'PublicRouteTable');
      const both = '!Ref PublicSubnet, !Ref PublicSubnetB';
      const fn = second + samVpcFunction(['!Ref PublicSubnetB', '!Ref PublicSubnet']);
      const { failed } = scan(fn, globals(both));
      expect(failed.map((f) => f.message)).toEqual([
        'The function is in public subnet PublicSubnet: route table PublicRouteTable sends internet traffic to ' +
          'internet gateway Igw. Lambda gives the function no public IP, so it has no internet access there. ' +
          'PublicSubnetB is public too.',
      ]);
    });

    it('lists each private subnet once when it passes, and each doubt once when unknown', () => {
      const fn = samVpcFunction(['!Ref PrivateSubnetA', '!Ref PrivateSubnetB']);
      const { passed } = scan(fn, globals('!Ref PrivateSubnetA, !Ref PrivateSubnetB'));
      expect(passed.map((f) => f.message)).toEqual([
        'No subnet of the function (PrivateSubnetA, PrivateSubnetB) routes to an internet gateway.',
      ]);
      const { unknown } = scan(samVpcFunction(['subnet-0abc']), globals('subnet-0abc'));
      expect(unknown.map((f) => f.message)).toEqual([
        "Cannot tell whether the function's subnets are public: subnet subnet-0abc is not in this template.",
      ]);
    });
  });

  it('reports on the SAM function, at its SubnetIds entry', () => {
    const { text, failed, errors } = scan(samVpcFunction(['!Ref PublicSubnet']), SAM_TRANSFORM);
    expect(errors).toEqual([]);
    expect(failed).toHaveLength(1);
    expect(failed[0]?.resource.id).toBe('SamFn');
    expect(failed[0]?.location.line).toBe(lineOf(text, '- !Ref PublicSubnet', '  SamFn:'));
  });

  it('does not concern a function outside a VPC', () => {
    const { findings } = scan(PLAIN_FUNCTION);
    expect(findings).toEqual([]);
  });
});

describe('lambda.vpc-public-subnet, where a subnet before the public one is removed (AWS::NoValue)', () => {
  const conditions =
    'Parameters:\n  Env: { Type: String, Default: prod }\nConditions:\n  IsProd: !Equals [!Ref Env, prod]\n';

  it('points at the public subnet as written, with one identity in every case of the condition', () => {
    const text = template(
      NETWORK + vpcFunction(['!If [IsProd, !Ref AWS::NoValue, !Ref PrivateSubnetA]', '!Ref PublicSubnet']),
      conditions,
    );
    const prod = scanTemplateFile(text, check.id).findings;
    const line = lineOf(text, '- !Ref PublicSubnet', '  Fn:');
    expect(prod.map((f) => [f.status, f.property, f.location.line])).toEqual([
      ['fail', 'VpcConfig.SubnetIds.1', line],
    ]);
    const dev = scanTemplateFile(text, check.id, { Env: 'dev' }).findings;
    expect(dev.map((f) => [f.status, f.location.line, f.fingerprint])).toEqual([
      ['fail', line, prod[0]?.fingerprint],
    ]);
  });

  it('points at the public subnet after an item written !Ref AWS::NoValue', () => {
    const { text, failed } = scan(vpcFunction(['!Ref AWS::NoValue', '!Ref PublicSubnet']));
    expect(failed.map((f) => [f.property, f.location.line])).toEqual([
      ['VpcConfig.SubnetIds.1', lineOf(text, '- !Ref PublicSubnet', '  Fn:')],
    ]);
  });
});
