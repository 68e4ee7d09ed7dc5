import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import check from '../../../src/checks/lambda/vpc-public-subnet.js';
import { scanCdkOut } from '../../helpers/cdk-out.js';
import { lambdaFunction } from '../../helpers/templates.js';

// A subnet of another scanned stack that an `Fn::Select` picks by an index a stack's parameter gives: read at its
// default, another deploy may pick the public one. The function's stack sees it through a nested stack's output or
// as a parameter its parent gives.

/** A VPC with public subnet PubSub (its table routed to the internet gateway) and private PrivSub, then `more`. */
function network(header: string, more = ''): string {
  return `AWSTemplateFormatVersion: '2010-09-09'
${header}Resources:
  Vpc: { Type: AWS::EC2::VPC, Properties: { CidrBlock: 10.0.0.0/16 } }
  Igw: { Type: AWS::EC2::InternetGateway }
  Attach: { Type: AWS::EC2::VPCGatewayAttachment, Properties: { VpcId: !Ref Vpc, InternetGatewayId: !Ref Igw } }
  PubTable: { Type: AWS::EC2::RouteTable, Properties: { VpcId: !Ref Vpc } }
  PubRoute:
    Type: AWS::EC2::Route
    Properties: { RouteTableId: !Ref PubTable, DestinationCidrBlock: 0.0.0.0/0, GatewayId: !Ref Igw }
  PubSub: { Type: AWS::EC2::Subnet, Properties: { VpcId: !Ref Vpc, CidrBlock: 10.0.0.0/24 } }
  PubAssoc:
    Type: AWS::EC2::SubnetRouteTableAssociation
    Properties: { SubnetId: !Ref PubSub, RouteTableId: !Ref PubTable }
  PrivSub: { Type: AWS::EC2::Subnet, Properties: { VpcId: !Ref Vpc, CidrBlock: 10.0.1.0/24 } }
${more}`;
}

const IDX = "Parameters:\n  Idx: { Type: String, Default: '1' }\n";
const PICK = '!Select [!Ref Idx, [!Ref PubSub, !Ref PrivSub]]';

function fn(subnet: string): string {
  return lambdaFunction(
    'Fn',
    `      VpcConfig:\n        SubnetIds: [${subnet}]\n        SecurityGroupIds: [sg-0abc]\n`,
  );
}

function judged(files: Record<string, string>): [string, string][] {
  const dir = mkdtempSync(join(tmpdir(), 'parapet-chosen-subnet-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  const { result, of } = scanCdkOut(dir);
  expect(result.errors).toEqual([]);
  return of(check.id, 'Fn').map((f) => [f.status, f.message]);
}

describe('lambda.vpc-public-subnet, a subnet a nested stack outputs, picked by its parameter', () => {
  const parent = (given: string) => `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Child:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: child.yaml
${given}${fn('!GetAtt Child.Outputs.Subnet')}`;
  const child = `${network(IDX)}Outputs:\n  Subnet: { Value: ${PICK} }\n`;

  it('is unknown where the index is its default: a deploy may pick the public subnet', () => {
    expect(judged({ 'parent.yaml': parent(''), 'child.yaml': child })).toEqual([
      [
        'unknown',
        "Cannot tell whether the function's subnets are public: a subnet id is not known before deploy (output " +
          'Subnet of nested stack Child: output Subnet of stack child.yaml, picked in that stack by parameter Idx, ' +
          'read at its default).',
      ],
    ]);
  });

  it('judges the subnet picked where the parent gives the index: private passes, public fails', () => {
    const given = (idx: string) => `      Parameters: { Idx: '${idx}' }\n`;
    expect(judged({ 'parent.yaml': parent(given('1')), 'child.yaml': child })).toEqual([
      ['pass', 'No subnet of the function (PrivSub of stack child.yaml) routes to an internet gateway.'],
    ]);
    expect(
      judged({ 'parent.yaml': parent(given('0')), 'child.yaml': child }).map(([status]) => status),
    ).toEqual(['fail']);
  });
});

describe('lambda.vpc-public-subnet, a subnet a parent gives a nested stack, picked by its parameter', () => {
  const parent = (header: string) =>
    network(
      header,
      `  Child:\n    Type: AWS::CloudFormation::Stack\n    Properties:\n      TemplateURL: child.yaml\n      Parameters: { Subnet: ${PICK} }\n`,
    );
  const child = `AWSTemplateFormatVersion: '2010-09-09'\nParameters:\n  Subnet: { Type: String }\nResources:\n${fn('!Ref Subnet')}`;

  it('is unknown where the index is its default: a deploy may give the public subnet', () => {
    expect(judged({ 'parent.yaml': parent(IDX), 'child.yaml': child })).toEqual([
      [
        'unknown',
        "Cannot tell whether the function's subnets are public: a subnet id is not known before deploy (picked in " +
          'the parent stack parent.yaml by parameter Idx, read at its default).',
      ],
    ]);
  });

  it('judges the subnet picked where the index is written out', () => {
    const written = parent('').replace('!Ref Idx', "'1'");
    expect(judged({ 'parent.yaml': written, 'child.yaml': child })).toEqual([
      ['pass', 'No subnet of the function (PrivSub of stack parent.yaml) routes to an internet gateway.'],
    ]);
  });
});

describe('lambda.vpc-public-subnet, a subnet another stack exports, picked by its parameter', () => {
  it('is unknown where the index is its default: a deploy may export the public subnet', () => {
    const net = `${network(IDX)}Outputs:\n  Subnet:\n    Value: ${PICK}\n    Export: { Name: net-subnet }\n`;
    const app = `AWSTemplateFormatVersion: '2010-09-09'\nResources:\n${fn("!ImportValue 'net-subnet'")}`;
    const [[status, message] = []] = judged({ 'net.yaml': net, 'app.yaml': app });
    expect(status).toBe('unknown');
    expect(message).toContain('picked in that stack by parameter Idx, read at its default');
  });
});

describe('lambda.vpc-public-subnet, subnets a parent passes down, picked by the nested stack', () => {
  it("is unknown where the nested stack picks the parent's public subnet by its default index", () => {
    const parent = `${network('', '  Child:\n    Type: AWS::CloudFormation::Stack\n    Properties:\n      TemplateURL: child.yaml\n      Parameters: { A: !Ref PubSub, B: !Ref PrivSub }\n')}${fn('!GetAtt Child.Outputs.Sub')}`;
    const child = `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  Idx: { Type: String, Default: '1' }
  A: { Type: String }
  B: { Type: String }
Resources:
  Topic: { Type: AWS::SNS::Topic }
Outputs:
  Sub: { Value: !Select [!Ref Idx, [!Ref A, !Ref B]] }
`;
    const [[status, message] = []] = judged({ 'parent.yaml': parent, 'child.yaml': child });
    expect(status).toBe('unknown');
    expect(message).toContain('read at its default');
  });
});
