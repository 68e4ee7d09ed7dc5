import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cdkOut, scanCdkOut } from '../../helpers/cdk-out.js';
import { vpcWithInternetGateway } from '../../helpers/network.js';
import { lambdaFunction } from '../../helpers/templates.js';

// A parent gives its route table (or security group) to nested stack B, which adds to it, and its subnet (or the group)
// to nested stack A, whose function sits there. The parent's model does not hold what B adds: A's function is not
// judged from it alone.

/**
 * parent.yaml: a VPC, an internet gateway, private route table Routes with subnet A on it, and group Sg (HTTPS to the
 * VPC only); nested stack StackA (a.yaml) given A and Sg, and StackB (`bUrl`) given what `toB` says. Then `more`.
 */
function parent(toB: string, bUrl = 'b.yaml', more = ''): string {
  return `AWSTemplateFormatVersion: '2010-09-09'
Resources:
${vpcWithInternetGateway({ attached: false })}  Routes:
    Type: AWS::EC2::RouteTable
    Properties: { VpcId: !Ref Vpc }
  A:
    Type: AWS::EC2::Subnet
    Properties: { VpcId: !Ref Vpc, CidrBlock: 10.0.1.0/24, AvailabilityZone: us-east-1a }
  ARoutes:
    Type: AWS::EC2::SubnetRouteTableAssociation
    Properties: { SubnetId: !Ref A, RouteTableId: !Ref Routes }
  Sg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: fn
      VpcId: !Ref Vpc
      SecurityGroupEgress: [{ IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 10.0.0.0/16 }]
  StackA:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: a.yaml
      Parameters: { Subnet: !Ref A, Group: !Ref Sg }
  StackB:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: ${bUrl}
      Parameters: ${toB}
${more}`;
}

/** a.yaml: function Fn in the subnet and group its parent gives. */
const A = `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  Subnet: { Type: String }
  Group: { Type: String }
Resources:
${lambdaFunction('Fn', '      VpcConfig: { SubnetIds: [!Ref Subnet], SecurityGroupIds: [!Ref Group] }\n')}`;

/** b.yaml: its parameters Table, Gw and Group, then `resources`. */
function b(resources: string): string {
  return `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  Table: { Type: String }
  Gw: { Type: String }
  Group: { Type: String }
  Subnet: { Type: String, Default: none }
Resources:
${resources}`;
}

/** B's route 0.0.0.0/0 to the gateway it is given, on the table it is given (or `table`). */
const ROUTE = (table = '!Ref Table') =>
  `  R: { Type: AWS::EC2::Route, Properties: { RouteTableId: ${table}, DestinationCidrBlock: 0.0.0.0/0, GatewayId: !Ref Gw } }\n`;

/** B's egress rule opening every port to anywhere on the group it is given. */
const EGRESS =
  '  E: { Type: AWS::EC2::SecurityGroupEgress, Properties: { GroupId: !Ref Group, IpProtocol: "-1", CidrIp: 0.0.0.0/0 } }\n';

const GIVEN = '{ Table: !Ref Routes, Gw: !Ref Igw, Group: !Ref Sg }';

/** What `checkId` says of `fn` (StackA's Fn by default), scanned with the files, as [status, message]. */
function judged(checkId: string, files: Record<string, string>, fn = 'Fn'): [string, string][] {
  const dir = mkdtempSync(join(tmpdir(), 'parapet-sibling-stacks-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  const { result, of } = scanCdkOut(dir);
  expect(result.errors).toEqual([]);
  return of(checkId, fn).map((f) => [f.status, f.message]);
}

const SUBNETS_UNKNOWN = "Cannot tell whether the function's subnets are public: ";
const EGRESS_UNKNOWN = "Cannot tell whether the function's egress is open: ";

describe("a nested stack's function on a parent's route table or group that a sibling nested stack adds to", () => {
  it("fails, naming the sibling and its route, where the sibling routes the table to the parent's internet gateway", () => {
    const files = { 'parent.yaml': parent(GIVEN), 'a.yaml': A, 'b.yaml': b(ROUTE()) };
    expect(judged('lambda.vpc-public-subnet', files)).toEqual([
      [
        'fail',
        'The function is in public subnet A of stack parent.yaml: route table Routes of stack parent.yaml sends ' +
          'internet traffic to internet gateway Igw of stack parent.yaml through route R of stack b.yaml. Lambda gives ' +
          'the function no public IP, so it has no internet access there.',
      ],
    ]);
  });

  it('is unknown, naming the sibling and its route, where the gateway the parent gives it is not known', () => {
    const unknownGateway = GIVEN.replace('Gw: !Ref Igw', 'Gw: !Ref GatewayId');
    const files = {
      'parent.yaml': parent(unknownGateway).replace(
        'Resources:\n',
        'Parameters:\n  GatewayId: { Type: String }\nResources:\n',
      ),
      'a.yaml': A,
      'b.yaml': b(ROUTE()),
    };
    expect(judged('lambda.vpc-public-subnet', files)).toEqual([
      [
        'unknown',
        `${SUBNETS_UNKNOWN}subnet A of stack parent.yaml: stack b.yaml adds a route to its route table Routes of stack ` +
          'parent.yaml (R).',
      ],
    ]);
  });

  it('fails, naming the sibling and its rule, where the sibling opens the group to anywhere on every port', () => {
    const files = { 'parent.yaml': parent(GIVEN), 'a.yaml': A, 'b.yaml': b(EGRESS) };
    expect(judged('lambda.vpc-security-group-egress-all', files)).toEqual([
      [
        'fail',
        'Security group Sg of stack parent.yaml allows all traffic to 0.0.0.0/0 through AWS::EC2::SecurityGroupEgress E ' +
          'of stack b.yaml.',
      ],
    ]);
  });

  it('fails, naming the sibling and its route, where it routes the table to a literal internet gateway', () => {
    const files = {
      'parent.yaml': parent(GIVEN),
      'a.yaml': A,
      'b.yaml': b(ROUTE().replace('!Ref Gw', 'igw-0123456789abcdef0')),
    };
    expect(judged('lambda.vpc-public-subnet', files)).toEqual([
      [
        'fail',
        'The function is in public subnet A of stack parent.yaml: route table Routes of stack parent.yaml sends ' +
          'internet traffic to internet gateway igw-0123456789abcdef0 of stack b.yaml through route R of stack ' +
          'b.yaml. Lambda gives the function no public IP, so it has no internet access there.',
      ],
    ]);
  });

  it('passes where the sibling adds only what cannot open: a route to a NAT gateway, a rule to one port of the VPC', () => {
    const narrow =
      '  R: { Type: AWS::EC2::Route, Properties: { RouteTableId: !Ref Table, DestinationCidrBlock: 0.0.0.0/0, NatGatewayId: nat-0123456789abcdef0 } }\n' +
      '  E: { Type: AWS::EC2::SecurityGroupEgress, Properties: { GroupId: !Ref Group, IpProtocol: tcp, FromPort: 5432, ToPort: 5432, CidrIp: 10.0.0.0/16 } }\n';
    const fn = lambdaFunction(
      'Own',
      '      VpcConfig: { SubnetIds: [!Ref A], SecurityGroupIds: [!Ref Sg] }\n',
    );
    const files = { 'parent.yaml': parent(GIVEN, 'b.yaml', fn), 'a.yaml': A, 'b.yaml': b(narrow) };
    for (const [fnId, where] of [
      ['Fn', ' of stack parent.yaml'],
      ['Own', ''],
    ] as const) {
      expect(judged('lambda.vpc-public-subnet', files, fnId)).toEqual([
        ['pass', `No subnet of the function (A${where}) routes to an internet gateway.`],
      ]);
      expect(judged('lambda.vpc-security-group-egress-all', files, fnId)).toEqual([
        [
          'pass',
          `No security group of the function (Sg${where}) allows all outbound traffic to the internet.`,
        ],
      ]);
    }
  });

  it('passes where what cannot open has a condition or an Fn::If choosing its table or group; what can stays unknown', () => {
    const conditions =
      'Conditions:\n  C: !Equals [!Ref Subnet, b]\n  Undecided: !Equals [!Ref Gw, igw-0123456789abcdef0]\n';
    const route = (head: string, table: string, gateway: string) =>
      `  R:\n    Type: AWS::EC2::Route\n${head}    Properties: { RouteTableId: ${table}, DestinationCidrBlock: 0.0.0.0/0, ${gateway} }\n`;
    const rule = (head: string, group: string) =>
      `  E:\n    Type: AWS::EC2::SecurityGroupEgress\n${head}    Properties: { GroupId: ${group}, IpProtocol: tcp, FromPort: 5432, ToPort: 5432, CidrIp: 10.0.0.0/16 }\n`;
    const NAT = 'NatGatewayId: nat-0123456789abcdef0';
    const shapes: [string, string, string][] = [
      ['    Condition: C\n', '!Ref Table', '!Ref Group'],
      ['    Condition: Undecided\n', '!Ref Table', '!Ref Group'],
      ['', "!If [C, !Ref Table, !Ref 'AWS::NoValue']", "!If [C, !Ref Group, !Ref 'AWS::NoValue']"],
      ['', '!If [C, !Ref Table, rtb-0123456789abcdef0]', '!If [C, !Ref Group, sg-0123456789abcdef0]'],
    ];
    for (const [head, table, group] of shapes) {
      const narrow = route(head, table, NAT) + rule(head, group) + conditions;
      const files = { 'parent.yaml': parent(GIVEN), 'a.yaml': A, 'b.yaml': b(narrow) };
      expect(judged('lambda.vpc-public-subnet', files), `${head}${table}`).toEqual([
        ['pass', 'No subnet of the function (A of stack parent.yaml) routes to an internet gateway.'],
      ]);
      expect(judged('lambda.vpc-security-group-egress-all', files), `${head}${group}`).toEqual([
        [
          'pass',
          'No security group of the function (Sg of stack parent.yaml) allows all outbound traffic to the internet.',
        ],
      ]);
      // The same route to the internet gateway: a deploy may have it, or not.
      const open = { ...files, 'b.yaml': b(route(head, table, 'GatewayId: !Ref Gw') + conditions) };
      expect(judged('lambda.vpc-public-subnet', open), `${head}${table}`).toEqual([
        [
          'unknown',
          `${SUBNETS_UNKNOWN}subnet A of stack parent.yaml: stack b.yaml adds a route to its route table Routes of ` +
            'stack parent.yaml (R).',
        ],
      ]);
    }
    // A gateway a condition chooses may be either: unknown, though the table is surely the parent's.
    const chosenGateway = route(
      '',
      '!Ref Table',
      "NatGatewayId: !If [C, nat-0123456789abcdef0, !Ref 'AWS::NoValue']",
    );
    const gatewayChoice = {
      'parent.yaml': parent(GIVEN),
      'a.yaml': A,
      'b.yaml': b(`${chosenGateway}${conditions}`),
    };
    expect(judged('lambda.vpc-public-subnet', gatewayChoice).map(([status]) => status)).toEqual(['unknown']);
  });

  it('is unknown where the sibling names the table through a !Sub of what the parent gives it; a !Join of it is it', () => {
    // A `!Sub` of a parameter is text Parapet does not follow (what may be the table); `!Join ['', [x]]` is x itself.
    const bySub = { 'parent.yaml': parent(GIVEN), 'a.yaml': A, 'b.yaml': b(ROUTE("!Sub '${Table}'")) };
    expect(judged('lambda.vpc-public-subnet', bySub)).toEqual([
      [
        'unknown',
        `${SUBNETS_UNKNOWN}subnet A of stack parent.yaml: stack b.yaml adds a route to what may be its route ` +
          'table Routes of stack parent.yaml (R).',
      ],
    ]);
    const byJoin = { ...bySub, 'b.yaml': b(ROUTE("!Join ['', [!Ref Table]]")) };
    expect(judged('lambda.vpc-public-subnet', byJoin).map(([status]) => status)).toEqual(['fail']);
    // A route there that cannot open the table leaves it judged.
    const toNat = ROUTE("!Sub '${Table}'").replace(
      'GatewayId: !Ref Gw',
      'NatGatewayId: nat-0123456789abcdef0',
    );
    const files = { 'parent.yaml': parent(GIVEN), 'a.yaml': A, 'b.yaml': b(toNat) };
    expect(judged('lambda.vpc-public-subnet', files).map(([status]) => status)).toEqual(['pass']);
  });

  it('is unknown where an Fn::If the defaults leave on AWS::NoValue names the table in another deploy', () => {
    const route = ROUTE("!If [C, !Ref Table, !Ref 'AWS::NoValue']");
    const conditions = 'Conditions:\n  C: !Equals [!Ref Subnet, b]\n';
    const files = { 'parent.yaml': parent(GIVEN), 'a.yaml': A, 'b.yaml': b(route + conditions) };
    expect(judged('lambda.vpc-public-subnet', files)).toEqual([
      [
        'unknown',
        `${SUBNETS_UNKNOWN}subnet A of stack parent.yaml: stack b.yaml adds a route to its route table Routes of ` +
          'stack parent.yaml (R).',
      ],
    ]);
  });

  it("is unknown where the sibling puts the parent's subnet on a route table of its own", () => {
    const own =
      '  T: { Type: AWS::EC2::RouteTable, Properties: { VpcId: vpc-0123456789abcdef0 } }\n' +
      '  As: { Type: AWS::EC2::SubnetRouteTableAssociation, Properties: { SubnetId: !Ref Subnet, RouteTableId: !Ref T } }\n';
    const files = {
      'parent.yaml': parent('{ Subnet: !Ref A, Table: x, Gw: x, Group: x }'),
      'a.yaml': A,
      'b.yaml': b(own),
    };
    expect(judged('lambda.vpc-public-subnet', files)).toEqual([
      [
        'unknown',
        `${SUBNETS_UNKNOWN}subnet A of stack parent.yaml: stack b.yaml attaches a route table to it (As).`,
      ],
    ]);
  });

  it('still passes where the sibling adds to a table or group of its own, or is given none of them', () => {
    const own =
      '  Mine: { Type: AWS::EC2::RouteTable, Properties: { VpcId: vpc-0123456789abcdef0 } }\n' +
      '  MineSg: { Type: AWS::EC2::SecurityGroup, Properties: { GroupDescription: b, VpcId: vpc-0123456789abcdef0 } }\n' +
      ROUTE('!Ref Mine') +
      EGRESS.replace('!Ref Group', '!Ref MineSg');
    for (const files of [
      { 'parent.yaml': parent(GIVEN), 'a.yaml': A, 'b.yaml': b(own) },
      { 'parent.yaml': parent('{ Table: x, Gw: x, Group: x }'), 'a.yaml': A, 'b.yaml': b(ROUTE() + EGRESS) },
    ]) {
      expect(judged('lambda.vpc-public-subnet', files)).toEqual([
        ['pass', 'No subnet of the function (A of stack parent.yaml) routes to an internet gateway.'],
      ]);
      expect(judged('lambda.vpc-security-group-egress-all', files)).toEqual([
        [
          'pass',
          'No security group of the function (Sg of stack parent.yaml) allows all outbound traffic to the internet.',
        ],
      ]);
    }
  });

  it('still fails a table or group public in the parent, whatever the sibling adds', () => {
    const publicRoute =
      '  ToInternet:\n    Type: AWS::EC2::Route\n    Properties: { RouteTableId: !Ref Routes, DestinationCidrBlock: 0.0.0.0/0, GatewayId: !Ref Igw }\n';
    const files = { 'parent.yaml': parent(GIVEN, 'b.yaml', publicRoute), 'a.yaml': A, 'b.yaml': b(ROUTE()) };
    expect(judged('lambda.vpc-public-subnet', files).map(([status]) => status)).toEqual(['fail']);
  });

  it('is unknown, naming the sibling, where its template is not read: a URL, or a file not there', () => {
    for (const url of ['https://example.com/b.yaml', 'gone.yaml']) {
      const files = { 'parent.yaml': parent(GIVEN, url), 'a.yaml': A };
      const unread =
        'nested stack StackB of stack parent.yaml is given it, and the scan does not read its template';
      const { status, message } = judgedOne('lambda.vpc-security-group-egress-all', files);
      expect([status, message]).toEqual([
        'unknown',
        `${EGRESS_UNKNOWN}security group Sg of stack parent.yaml: ${unread}.`,
      ]);
      expect(judgedOne('lambda.vpc-public-subnet', files).message).toBe(
        `${SUBNETS_UNKNOWN}subnet A of stack parent.yaml: ${unread.replace('given it', 'given its route table Routes of stack parent.yaml')}.`,
      );
    }
  });

  it("fails (the route to the parent's gateway, the rule) for the parent's own function in that subnet too", () => {
    const fn = lambdaFunction(
      'Own',
      '      VpcConfig: { SubnetIds: [!Ref A], SecurityGroupIds: [!Ref Sg] }\n',
    );
    const files = { 'parent.yaml': parent(GIVEN, 'b.yaml', fn), 'a.yaml': A, 'b.yaml': b(ROUTE() + EGRESS) };
    expect(judged('lambda.vpc-public-subnet', files, 'Own')).toEqual([
      [
        'fail',
        'The function is in public subnet A: route table Routes sends internet traffic to internet gateway Igw of ' +
          'stack parent.yaml through route R of stack b.yaml. Lambda gives the function no public IP, so it has no ' +
          'internet access there.',
      ],
    ]);
    expect(judged('lambda.vpc-security-group-egress-all', files, 'Own')).toEqual([
      [
        'fail',
        'Security group Sg allows all traffic to 0.0.0.0/0 through AWS::EC2::SecurityGroupEgress E of stack b.yaml.',
      ],
    ]);
  });
});

describe('a function in a subnet imported from a stack whose route table a third stack imports and routes', () => {
  // net.yaml: the parent's network alone, exporting subnet A and table Routes.
  const net = parent(GIVEN)
    .replace(/ {2}StackA:[\s\S]*$/, '')
    .concat(
      'Outputs:\n  SubA: { Value: !Ref A, Export: { Name: net-SubA } }\n' +
        '  Table: { Value: !Ref Routes, Export: { Name: net-Routes } }\n',
    );
  const app = A.replace(/Parameters:\n(?: {2}\w+: .*\n)+/, '').replace(
    '[!Ref Subnet]',
    '[!ImportValue net-SubA]',
  );
  const routes = (table: string) =>
    `AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  R: { Type: AWS::EC2::Route, Properties: { RouteTableId: ${table}, DestinationCidrBlock: 0.0.0.0/0, GatewayId: igw-0123456789abcdef0 } }\n`;

  it('fails, naming the third stack and its route; passes where it routes another table', () => {
    const files = { 'net.yaml': net, 'app.yaml': app.replace('[!Ref Group]', '[sg-0123456789abcdef0]') };
    expect(
      judged('lambda.vpc-public-subnet', { ...files, 'routes.yaml': routes('!ImportValue net-Routes') }),
    ).toEqual([
      [
        'fail',
        'The function is in public subnet A of stack net.yaml: route table Routes of stack net.yaml sends internet ' +
          'traffic to internet gateway igw-0123456789abcdef0 of stack routes.yaml through route R of stack ' +
          'routes.yaml. Lambda gives the function no public IP, so it has no internet access there.',
      ],
    ]);
    expect(
      judged('lambda.vpc-public-subnet', { ...files, 'routes.yaml': routes('!ImportValue other-Routes') }),
    ).toEqual([['pass', 'No subnet of the function (A of stack net.yaml) routes to an internet gateway.']]);
  });
});

/** The one finding of `checkId` on Fn, scanned with the files; the scan's errors (a file not there) allowed. */
function judgedOne(checkId: string, files: Record<string, string>) {
  const dir = mkdtempSync(join(tmpdir(), 'parapet-sibling-stacks-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  const found = scanCdkOut(dir).of(checkId, 'Fn');
  expect(found).toHaveLength(1);
  return found[0] as { status: string; message: string };
}

describe('CDK output: nested stacks in cdk.out given the parent stack’s route table', () => {
  const nested = (name: string) => ({
    Type: 'AWS::CloudFormation::Stack',
    Properties: {
      TemplateURL: { 'Fn::Join': ['', ['https://s3.', { Ref: 'AWS::Region' }, '/assets/', `${name}.json`]] },
      Parameters: {
        referencetoAppSubnetARef: { Ref: 'SubnetA' },
        referencetoAppRoutesRef: { Ref: 'Routes' },
        referencetoAppIgwRef: { Ref: 'Igw' },
      },
    },
    Metadata: {
      'aws:cdk:path': `App/${name}.NestedStack/${name}.NestedStackResource`,
      'aws:asset:path': `App${name}.nested.template.json`,
    },
  });
  const parameters = {
    referencetoAppSubnetARef: { Type: 'String' },
    referencetoAppRoutesRef: { Type: 'String' },
    referencetoAppIgwRef: { Type: 'String' },
  };
  const app = {
    Resources: {
      Vpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.0.0.0/16' } },
      Igw: { Type: 'AWS::EC2::InternetGateway' },
      Routes: { Type: 'AWS::EC2::RouteTable', Properties: { VpcId: { Ref: 'Vpc' } } },
      SubnetA: { Type: 'AWS::EC2::Subnet', Properties: { VpcId: { Ref: 'Vpc' }, CidrBlock: '10.0.1.0/24' } },
      SubnetARoutes: {
        Type: 'AWS::EC2::SubnetRouteTableAssociation',
        Properties: { SubnetId: { Ref: 'SubnetA' }, RouteTableId: { Ref: 'Routes' } },
      },
      Workers: nested('Workers'),
      Network: nested('Network'),
    },
  };
  const workers = {
    Parameters: parameters,
    Resources: {
      Fn: {
        Type: 'AWS::Lambda::Function',
        Properties: {
          Runtime: 'nodejs20.x',
          Handler: 'index.handler',
          Role: 'arn:aws:iam::123456789012:role/fn',
          Code: { ZipFile: 'exports.handler = async () => {};' },
          VpcConfig: {
            SubnetIds: [{ Ref: 'referencetoAppSubnetARef' }],
            SecurityGroupIds: ['sg-0123456789abcdef0'],
          },
        },
      },
    },
  };
  const route = {
    Type: 'AWS::EC2::Route',
    Properties: {
      RouteTableId: { Ref: 'referencetoAppRoutesRef' },
      DestinationCidrBlock: '0.0.0.0/0',
      GatewayId: { Ref: 'referencetoAppIgwRef' },
    },
  };

  it("fails where the sibling's route goes on the parent's table to the parent's gateway; passes without it", () => {
    const scanOf = (network: Record<string, unknown>) => {
      const dir = cdkOut({
        'App.template.json': app,
        'AppWorkers.nested.template.json': workers,
        'AppNetwork.nested.template.json': { Parameters: parameters, Resources: network },
      });
      const { result, of } = scanCdkOut(dir);
      expect(result.errors).toEqual([]);
      return of('lambda.vpc-public-subnet', 'Fn').map((f) => [f.status, f.message]);
    };
    expect(scanOf({ InternetRoute: route })).toEqual([
      [
        'fail',
        'The function is in public subnet SubnetA of stack App.template.json: route table Routes of stack ' +
          'App.template.json sends internet traffic to internet gateway Igw of stack App.template.json through route ' +
          'InternetRoute of stack AppNetwork.nested.template.json. Lambda gives the function no public IP, so it has ' +
          'no internet access there.',
      ],
    ]);
    const elsewhere = {
      ...route,
      Properties: { ...route.Properties, RouteTableId: 'rtb-0123456789abcdef0' },
    };
    expect(scanOf({ InternetRoute: elsewhere })).toEqual([
      [
        'pass',
        'No subnet of the function (SubnetA of stack App.template.json) routes to an internet gateway.',
      ],
    ]);
  });
});
