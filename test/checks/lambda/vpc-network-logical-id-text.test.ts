import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import publicSubnet from '../../../src/checks/lambda/vpc-public-subnet.js';
import egressAll from '../../../src/checks/lambda/vpc-security-group-egress-all.js';
import { EMPTY_CONFIG } from '../../../src/config/config.js';
import { scan } from '../../../src/scan.js';
import { scanTemplate, template } from '../../helpers/scan-template.js';
import { lineOf, NETWORK, vpcFunction } from './vpc-fixture.js';

// A logical id written as text where EC2 takes an id (`SubnetId: PublicSubnet` for `!Ref PublicSubnet`) is passed as
// written, and EC2 refuses it: the stack fails to deploy. Not a link to that resource (see logical-id-text.ts).

/** The template error for `property` of `owner` holding the text of `id`, of `type`, where `takes` goes. */
function error(property: string, owner: string, id: string, type: string, takes: string): string {
  return (
    `${property} of ${owner} is the text ${id}, the logical id of an ${type} of this template, not ${takes}: EC2 ` +
    `refuses it and the stack fails to deploy; write !Ref ${id}`
  );
}

/** NETWORK with `from` (a line of it, after `after`) written as `to`. */
function network(from: string, to: string): string {
  expect(NETWORK).toContain(from);
  return NETWORK.replace(from, to);
}

/** Scans `resources` with a function in `subnet`, for lambda.vpc-public-subnet. */
function scanPublicSubnet(resources: string, subnet = '!Ref PublicSubnet') {
  const text = template(resources + vpcFunction([subnet]));
  return { text, ...scanTemplate(text, publicSubnet) };
}

describe('a logical id written as text where EC2 takes the id of a subnet, route table or gateway', () => {
  it("is a template error at an association's SubnetId, which then routes no subnet: the subnet is unknown", () => {
    const { text, errors, findings } = scanPublicSubnet(
      network(
        'SubnetId: !Ref PublicSubnet\n      RouteTableId',
        'SubnetId: PublicSubnet\n      RouteTableId',
      ),
    );
    expect(errors.map((e) => [e.message, e.line, e.resource])).toEqual([
      [
        error('SubnetId', 'PublicSubnetRoutes', 'PublicSubnet', 'AWS::EC2::Subnet', 'a subnet id'),
        lineOf(text, 'SubnetId: PublicSubnet'),
        'PublicSubnetRoutes',
      ],
    ]);
    expect(findings.map((f) => [f.status, f.message])).toEqual([
      [
        'unknown',
        "Cannot tell whether the function's subnets are public: the route table of subnet PublicSubnet is not a " +
          'valid value (association PublicSubnetRoutes names it by the text PublicSubnet, where a subnet id is ' +
          'expected; see the scan error).',
      ],
    ]);
  });

  it("is a template error at an association's RouteTableId: the subnet's route table is not known", () => {
    const { errors, findings } = scanPublicSubnet(
      network(
        '      SubnetId: !Ref PublicSubnet\n      RouteTableId: !Ref PublicRouteTable\n',
        '      SubnetId: !Ref PublicSubnet\n      RouteTableId: PublicRouteTable\n',
      ),
    );
    expect(errors.map((e) => e.message)).toEqual([
      error(
        'RouteTableId',
        'PublicSubnetRoutes',
        'PublicRouteTable',
        'AWS::EC2::RouteTable',
        'a route table id',
      ),
    ]);
    expect(findings.map((f) => f.status)).toEqual(['unknown']);
    expect(findings[0]?.message).toContain('the route table of subnet PublicSubnet is not a valid value');
  });

  it("is a template error at a route's RouteTableId, whose table is then not judged", () => {
    const text = network(
      '      RouteTableId: !Ref PublicRouteTable\n      DestinationCidrBlock',
      '      RouteTableId: PublicRouteTable\n      DestinationCidrBlock',
    );
    const { errors, findings } = scanPublicSubnet(text);
    expect(errors.map((e) => e.message)).toEqual([
      error(
        'RouteTableId',
        'PublicDefaultRoute',
        'PublicRouteTable',
        'AWS::EC2::RouteTable',
        'a route table id',
      ),
    ]);
    expect(findings.map((f) => [f.status, f.message])).toEqual([
      [
        'unknown',
        "Cannot tell whether the function's subnets are public: the routes of PublicRouteTable are not valid " +
          'values (route PublicDefaultRoute names it by the text PublicRouteTable, where a route table id is ' +
          'expected; see the scan error).',
      ],
    ]);
  });

  it("is a template error at a route's GatewayId, which then is not known to be the internet gateway", () => {
    const { errors, findings } = scanPublicSubnet(network(' GatewayId: !Ref Igw', ' GatewayId: Igw'));
    expect(errors.map((e) => e.message)).toEqual([
      error(
        'GatewayId',
        'PublicDefaultRoute',
        'Igw',
        'AWS::EC2::InternetGateway',
        'an internet gateway or virtual private gateway id',
      ),
    ]);
    expect(findings.map((f) => f.status)).toEqual(['unknown']);
  });

  it("is a template error at a route's NatGatewayId, which opens no subnet either way", () => {
    const { errors, findings } = scanPublicSubnet(
      network('NatGatewayId: !Ref Nat', 'NatGatewayId: Nat'),
      '!Ref PrivateSubnetA',
    );
    expect(errors.map((e) => e.message)).toEqual([
      error('NatGatewayId', 'PrivateDefaultRoute', 'Nat', 'AWS::EC2::NatGateway', 'a NAT gateway id'),
    ]);
    expect(findings.map((f) => f.status)).toEqual(['pass']);
  });

  it("is a template error at a subnet's VpcId: its VPC's main route table is then not known", () => {
    const text = NETWORK.replace(/( {2}UnassociatedSubnet:\n.*\n.*\n {6}VpcId: )!Ref Vpc/, '$1Vpc');
    expect(text).not.toBe(NETWORK);
    const { errors, findings } = scanPublicSubnet(text, '!Ref UnassociatedSubnet');
    expect(errors.map((e) => e.message)).toEqual([
      error('VpcId', 'UnassociatedSubnet', 'Vpc', 'AWS::EC2::VPC', 'a VPC id'),
    ]);
    expect(findings.map((f) => f.status)).toEqual(['unknown']);
  });

  it('is told only of the deploys that create the association, where its condition is false by default', () => {
    const resources = network(
      '  PublicSubnetRoutes:\n    Type: AWS::EC2::SubnetRouteTableAssociation\n    Properties:\n      SubnetId: !Ref PublicSubnet',
      '  PublicSubnetRoutes:\n    Type: AWS::EC2::SubnetRouteTableAssociation\n    Condition: IsProd\n    Properties:\n' +
        '      SubnetId: PublicSubnet',
    );
    const header =
      'Parameters:\n  Env: { Type: String, Default: dev }\nConditions:\n  IsProd: !Equals [!Ref Env, prod]\n';
    // The whole scan: it explores the case of the condition.
    const dir = mkdtempSync(join(tmpdir(), 'parapet-ec2-text-'));
    const file = join(dir, 'template.yaml');
    writeFileSync(file, template(resources + vpcFunction(['!Ref PublicSubnet']), header));
    const { errors, findings } = scan([file], {
      checks: [publicSubnet],
      config: EMPTY_CONFIG,
      cwd: dir,
      scanDate: new Date('2026-11-25'),
    });
    expect(errors.map((e) => e.message)).toEqual([
      `${error('SubnetId', 'PublicSubnetRoutes', 'PublicSubnet', 'AWS::EC2::Subnet', 'a subnet id')}. Only when ` +
        'condition IsProd holds (Env=prod, not its default dev).',
    ]);
    // With the defaults no association is made: the subnet uses its VPC's main route table, private (a pass, not
    // listed). The deploy that makes it fails.
    expect(findings).toEqual([]);
  });

  it('leaves !Ref as it was: the public subnet fails', () => {
    const { errors, findings } = scanPublicSubnet(NETWORK);
    expect(errors).toEqual([]);
    expect(findings.map((f) => f.status)).toEqual(['fail']);
  });

  it('leaves real ids, and text naming a resource of another type, as they were', () => {
    const { errors, findings } = scanPublicSubnet(
      network('SubnetId: !Ref PublicSubnet\n      RouteTableId', 'SubnetId: Vpc\n      RouteTableId').replace(
        ' GatewayId: !Ref Igw',
        ' GatewayId: igw-0abc',
      ),
    );
    expect(errors).toEqual([]);
    // The association is of a subnet not in this template: PublicSubnet has none, and its VPC's main table is private.
    expect(findings.map((f) => f.status)).toEqual(['pass']);
  });
});

describe('a logical id written as text where EC2 takes a security group id', () => {
  const group =
    '  Sg:\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n      GroupDescription: x\n      VpcId: !Ref Vpc\n' +
    '      SecurityGroupEgress: [{ IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 10.0.0.0/16 }]\n';
  const rule = (groupId: string, target = 'CidrIp: 0.0.0.0/0') =>
    `  SgAll:\n    Type: AWS::EC2::SecurityGroupEgress\n    Properties:\n      GroupId: ${groupId}\n` +
    `      IpProtocol: '-1'\n      ${target}\n`;
  const scanEgress = (resources: string) => {
    const text = template(NETWORK + group + resources + vpcFunction(['!Ref PrivateSubnetA'], ['!Ref Sg']));
    return { text, ...scanTemplate(text, egressAll) };
  };

  it("is a template error at a standalone rule's GroupId: the group's rules are then not judged", () => {
    const { text, errors, findings } = scanEgress(rule('Sg'));
    expect(errors.map((e) => [e.message, e.line])).toEqual([
      [
        error('GroupId', 'SgAll', 'Sg', 'AWS::EC2::SecurityGroup', 'a security group id'),
        lineOf(text, 'GroupId: Sg'),
      ],
    ]);
    expect(findings.map((f) => f.status)).toEqual(['unknown']);
  });

  it("is a template error at a rule's DestinationSecurityGroupId", () => {
    const { errors } = scanEgress(rule('!Ref Sg', 'DestinationSecurityGroupId: Sg'));
    expect(errors.map((e) => e.message)).toEqual([
      error('DestinationSecurityGroupId', 'SgAll', 'Sg', 'AWS::EC2::SecurityGroup', 'a security group id'),
    ]);
  });

  it('leaves !Ref as it was: the rule opening every address fails', () => {
    const { errors, findings } = scanEgress(rule('!Ref Sg'));
    expect(errors).toEqual([]);
    expect(findings.map((f) => f.status)).toEqual(['fail']);
  });
});
