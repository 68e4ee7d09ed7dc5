import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import check from '../../../src/checks/lambda/vpc-public-subnet.js';
import { scanCdkOut } from '../../helpers/cdk-out.js';
import { scanTemplateFile } from '../../helpers/scan-file.js';
import { template } from '../../helpers/scan-template.js';
import { NETWORK, networkScanner, routeTable, vpcFunction } from './vpc-fixture.js';

// A subnet whose route table association names its table by a value a deploy may change: the model reads it at the
// parameters' defaults, so another table it may use is judged too (Subnet.routeTablesUnseen).

const scan = networkScanner(check);

/** Subnet Chosen, associated (by ChosenRoutes) with the route table `routeTableId` names, and a function in it. */
function chosen(routeTableId: string): string {
  return `  Chosen:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref Vpc
      AvailabilityZone: us-east-1a
  ChosenRoutes:
    Type: AWS::EC2::SubnetRouteTableAssociation
    Properties:
      SubnetId: !Ref Chosen
      RouteTableId: ${routeTableId}
${vpcFunction(['!Ref Chosen'])}`;
}

/** A second private table (its default route to the NAT gateway). */
const PRIVATE_B = routeTable('PrivateRouteTableB', 'PrivateDefaultRouteB', 'NatGatewayId: !Ref Nat');

const messages = (findings: readonly { readonly message: string }[]) => findings.map((f) => f.message);

describe('lambda.vpc-public-subnet, a route table an association chooses by a parameter', () => {
  const select = (list: string) => chosen(`!Select [!Ref Idx, [${list}]]`);
  const idx = (value: string) => `Parameters:\n  Idx: ${value}\n`;

  it('is unknown where an Fn::Select by a parameter may pick a public table, the default picking a private one', () => {
    const { unknown, failed, errors } = scan(
      select('!Ref PublicRouteTable, !Ref PrivateRouteTable'),
      idx("{ Type: String, Default: '1' }"),
    );
    expect(errors).toEqual([]);
    expect(failed).toEqual([]);
    expect(messages(unknown)).toEqual([
      "Cannot tell whether the function's subnets are public: subnet Chosen may use route table PublicRouteTable, " +
        'chosen by parameter Idx (RouteTableId of association ChosenRoutes), which sends internet traffic to ' +
        'internet gateway Igw.',
    ]);
    // With no default, the table read is not known: the public one it may be is named still.
    const unset = scan(select('!Ref PublicRouteTable, !Ref PrivateRouteTable'), idx('{ Type: String }'));
    expect(messages(unset.unknown)).toEqual(messages(unknown));
  });

  it('fails where the default picks the public table, as where an Fn::Select picks the subnet', () => {
    const { failed, unknown } = scan(
      select('!Ref PublicRouteTable, !Ref PrivateRouteTable'),
      idx("{ Type: String, Default: '0' }"),
    );
    expect(unknown).toEqual([]);
    expect(messages(failed)).toEqual([
      'The function is in public subnet Chosen: route table PublicRouteTable sends internet traffic to internet ' +
        'gateway Igw. Lambda gives the function no public IP, so it has no internet access there.',
    ]);
  });

  it('passes where every table it may pick is private', () => {
    const { passed, unknown, failed } = scan(
      PRIVATE_B + select('!Ref PrivateRouteTable, !Ref PrivateRouteTableB'),
      idx("{ Type: String, Default: '0' }"),
    );
    expect([...unknown, ...failed]).toEqual([]);
    expect(messages(passed)).toEqual(['No subnet of the function (Chosen) routes to an internet gateway.']);
  });

  it('names why another table it may pick cannot be judged: not in the template, or a route not known', () => {
    const { unknown } = scan(
      select('!Ref PrivateRouteTable, rtb-0abc'),
      idx("{ Type: String, Default: '0' }"),
    );
    expect(messages(unknown)).toEqual([
      "Cannot tell whether the function's subnets are public: subnet Chosen may use route table rtb-0abc, chosen by " +
        'parameter Idx (RouteTableId of association ChosenRoutes), which is not in this template.',
    ]);
    const unknownGateway = routeTable('GatewayTable', 'GatewayRoute', 'GatewayId: !Ref Gateway');
    const gateway = scan(
      unknownGateway + select('!Ref PrivateRouteTable, !Ref GatewayTable'),
      `${idx("{ Type: String, Default: '0' }")}  Gateway: { Type: String }\n`,
    );
    expect(messages(gateway.unknown)).toEqual([
      "Cannot tell whether the function's subnets are public: subnet Chosen may use route table GatewayTable, " +
        'chosen by parameter Idx (RouteTableId of association ChosenRoutes): a route of GatewayTable (subnet ' +
        'Chosen): gateway not known before deploy (from parameter Gateway, which has no default).',
    ]);
  });
});

describe('lambda.vpc-public-subnet, a route to the internet that may be on a table the Fn::Select may pick', () => {
  const select = chosen('!Select [!Ref Idx, [!Ref PrivateRouteTable, !Ref PrivateRouteTableB]]');
  const idx = "Parameters:\n  Idx: { Type: String, Default: '0' }\n";

  it("is unknown where the template's route is text made from that table's id", () => {
    const route = `  MaybeOnB:
    Type: AWS::EC2::Route
    Properties: { RouteTableId: !Join ['', [!Ref PrivateRouteTableB, '']], DestinationCidrBlock: 0.0.0.0/0, GatewayId: !Ref Igw }
`;
    expect(messages(scan(PRIVATE_B + route + select, idx).unknown)).toEqual([
      "Cannot tell whether the function's subnets are public: subnet Chosen may use route table PrivateRouteTableB, " +
        'chosen by parameter Idx (RouteTableId of association ChosenRoutes), on which route MaybeOnB may be.',
    ]);
  });

  it('is unknown, naming the route, where a nested stack routes that table to the internet gateway', () => {
    // The parent gives nested stack B that table and its gateway; B adds 0.0.0.0/0 to the gateway on it.
    const nested = `  B:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: b.yaml
      Parameters: { Table: !Ref PrivateRouteTableB, Gw: !Ref Igw }
`;
    const b = `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  Table: { Type: String }
  Gw: { Type: String }
Resources:
  R: { Type: AWS::EC2::Route, Properties: { RouteTableId: !Ref Table, DestinationCidrBlock: 0.0.0.0/0, GatewayId: !Ref Gw } }
`;
    const dir = mkdtempSync(join(tmpdir(), 'parapet-chosen-table-'));
    writeFileSync(join(dir, 'parent.yaml'), template(NETWORK + PRIVATE_B + nested + select, idx));
    writeFileSync(join(dir, 'b.yaml'), b);
    const { result, of } = scanCdkOut(dir);
    expect(result.errors).toEqual([]);
    expect(of(check.id, 'Fn').map((f) => [f.status, f.message])).toEqual([
      [
        'unknown',
        "Cannot tell whether the function's subnets are public: subnet Chosen may use route table " +
          'PrivateRouteTableB, chosen by parameter Idx (RouteTableId of association ChosenRoutes), which route R ' +
          'of stack b.yaml opens to an internet gateway.',
      ],
    ]);
  });
});

describe('lambda.vpc-public-subnet, a route table an association takes from a parameter', () => {
  const table = (value: string) => `Parameters:\n  Table: ${value}\n`;

  it("is unknown where the parameter's default is written like a private table's logical id: it is text", () => {
    const { unknown, passed, errors } = scan(
      chosen('!Ref Table'),
      table('{ Type: String, Default: PrivateRouteTable }'),
    );
    expect(errors).toEqual([]);
    expect(passed).toEqual([]);
    expect(messages(unknown)).toEqual([
      "Cannot tell whether the function's subnets are public: the route table of subnet Chosen is not known before " +
        'deploy (parameter Table by default gives the text "PrivateRouteTable", which CloudFormation passes as ' +
        'written, not as resource PrivateRouteTable).',
    ]);
  });

  it('is unknown as before where its default is an id from elsewhere', () => {
    const { unknown } = scan(chosen('!Ref Table'), table('{ Type: String, Default: rtb-0abc }'));
    expect(messages(unknown)).toEqual([
      "Cannot tell whether the function's subnets are public: route table rtb-0abc of subnet Chosen is not in this " +
        'template.',
    ]);
  });
});

describe('lambda.vpc-public-subnet, a route table an association names outright or by a condition', () => {
  it('judges the table a !Ref names, as before', () => {
    expect(messages(scan(chosen('!Ref PublicRouteTable')).failed)).toEqual([
      'The function is in public subnet Chosen: route table PublicRouteTable sends internet traffic to internet ' +
        'gateway Igw. Lambda gives the function no public IP, so it has no internet access there.',
    ]);
    expect(scan(chosen('!Ref PrivateRouteTable')).passed).toHaveLength(1);
  });

  // The scan explores each case of the conditions (engine/condition-cases.ts): the branch the defaults leave is judged.
  const head =
    'Parameters:\n  Env: { Type: String, Default: dev }\nConditions:\n  IsProd: !Equals [!Ref Env, prod]\n';
  const scanned = (resources: string) => scanTemplateFile(template(NETWORK + resources, head), check.id);
  const judged = (resources: string) => scanned(resources).findings.map((f) => [f.status, f.message]);

  it('is unknown, saying when, where an Fn::If on a condition of a parameter may pick a public table', () => {
    expect(judged(chosen('!If [IsProd, !Ref PublicRouteTable, !Ref PrivateRouteTable]'))).toEqual([
      [
        'unknown',
        'When condition IsProd holds (Env=prod, not its default dev): The function is in public subnet Chosen: route ' +
          'table PublicRouteTable sends internet traffic to internet gateway Igw. Lambda gives the function no ' +
          "public IP, so it has no internet access there. With the parameters' defaults condition IsProd does not " +
          'hold; a deploy may override them.',
      ],
    ]);
  });

  it('judges an Fn::Select whose index an Fn::If chooses by its cases alone, as an Fn::If of the tables', () => {
    const select = '!Select [!If [IsProd, 0, 1], [!Ref PublicRouteTable, !Ref PrivateRouteTable]]';
    expect(judged(chosen(select)).map(([status, message]) => [status, message?.slice(0, 35)])).toEqual([
      ['unknown', 'When condition IsProd holds (Env=pr'],
    ]);
  });

  it('passes where both branches of the Fn::If are private', () => {
    const { findings, passed } = scanned(
      PRIVATE_B + chosen('!If [IsProd, !Ref PrivateRouteTableB, !Ref PrivateRouteTable]'),
    );
    expect(findings).toEqual([]);
    expect(passed).toBe(1);
  });
});
