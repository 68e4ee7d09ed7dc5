// biome-ignore-all lint/suspicious/noTemplateCurlyInString: CloudFormation `${...}` templates are written in these tests
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scanCdkOut } from '../../helpers/cdk-out.js';
import { vpcWithInternetGateway } from '../../helpers/network.js';
import { lambdaFunction } from '../../helpers/templates.js';

// A nested stack's function in subnets its parent creates and gives it (`!Ref Subnet`): the parent's subnets are read
// from the parent's model, their zones and route tables as the parent's template writes them.

/**
 * The parent's VPC, internet gateway and a public route table (0.0.0.0/0 to the gateway, by route ToInternet, under
 * `routeCondition` when given), then `resources`.
 */
function parent(resources: string, given: string, header = '', routeCondition?: string): string {
  const condition = routeCondition === undefined ? '' : `    Condition: ${routeCondition}\n`;
  return `AWSTemplateFormatVersion: '2010-09-09'
${header}Resources:
${vpcWithInternetGateway()}  PublicRoutes:
    Type: AWS::EC2::RouteTable
    Properties: { VpcId: !Ref Vpc }
  ToInternet:
    Type: AWS::EC2::Route
${condition}    Properties: { RouteTableId: !Ref PublicRoutes, DestinationCidrBlock: 0.0.0.0/0, GatewayId: !Ref Igw }
${resources}  Child:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: child.yaml
      Parameters: ${given}
`;
}

/** A subnet of the parent's VPC in zone `az`, routed by PublicRoutes when `isPublic`. */
function subnet(id: string, az: string, isPublic = false): string {
  const routes = isPublic
    ? `  ${id}Routes:\n    Type: AWS::EC2::SubnetRouteTableAssociation\n    Properties: { SubnetId: !Ref ${id}, RouteTableId: !Ref PublicRoutes }\n`
    : '';
  return `  ${id}:\n    Type: AWS::EC2::Subnet\n    Properties: { VpcId: !Ref Vpc, CidrBlock: 10.0.${id.length}.0/24, AvailabilityZone: ${az} }\n${routes}`;
}

/** The nested template: function Fn in its parameters First and Second, and `resources`. */
function child(subnets = '[!Ref First, !Ref Second]', resources = '', parameters = ''): string {
  return `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  First: { Type: String }
  Second: { Type: String }
${parameters}Resources:
${resources}${lambdaFunction(
  'Fn',
  `      VpcConfig:
        SubnetIds: ${subnets}
        SecurityGroupIds: [sg-0123456789abcdef0]
`,
)}`;
}

/** What `checkId` says of the nested stack's Fn, scanned with its parent, as [status, message]. */
function judged(checkId: string, files: Record<string, string>): [string, string][] {
  const dir = mkdtempSync(join(tmpdir(), 'parapet-parent-subnets-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  const { result, of } = scanCdkOut(dir);
  expect(result.errors).toEqual([]);
  return of(checkId, 'Fn').map((f) => [f.status, f.message]);
}

const BOTH = '{ First: !Ref A, Second: !Ref B }';

describe("a nested stack's function in subnets of its parent", () => {
  it("counts the zones of the parent's subnets: two pass, one fails", () => {
    const two = {
      'parent.yaml': parent(subnet('A', 'us-east-1a') + subnet('B', 'us-east-1b'), BOTH),
      'child.yaml': child(),
    };
    expect(judged('lambda.vpc-single-az', two)).toEqual([
      ['pass', "The function's subnets span 2 Availability Zones (us-east-1a, us-east-1b)."],
    ]);
    const one = {
      'parent.yaml': parent(subnet('A', 'us-east-1a') + subnet('B', 'us-east-1a'), BOTH),
      'child.yaml': child(),
    };
    expect(judged('lambda.vpc-single-az', one)).toEqual([
      ['fail', 'All 2 subnets of the function are in the same Availability Zone (us-east-1a).'],
    ]);
  });

  it("is unknown where the parent's zone is its parameter: never the nested stack's parameter of that name", () => {
    // Each stack's Zone is its own parameter: the parent gives the nested stack's another value (its Other).
    const header = 'Parameters:\n  Zone: { Type: String }\n  Other: { Type: String }\n';
    const own = `  Mine:\n    Type: AWS::EC2::Subnet\n    Properties: { VpcId: vpc-0abc, CidrBlock: 10.1.0.0/24, AvailabilityZone: !Ref Zone }\n`;
    const files = {
      'parent.yaml': parent(
        subnet('A', '!Ref Zone'),
        '{ First: !Ref A, Second: x, Zone: !Ref Other }',
        header,
      ),
      'child.yaml': child('[!Ref First, !Ref Mine]', own, '  Zone: { Type: String }\n'),
    };
    expect(judged('lambda.vpc-single-az', files)).toEqual([
      [
        'unknown',
        "Cannot count the Availability Zones the function spans: its subnets' zones (${Zone} of stack parent.yaml, " +
          '${Zone}) are given in ways that cannot be compared before deploy.',
      ],
    ]);
  });

  it("leaves a parent's subnet whose zone rests on the parent's default or condition to the parent's own scan", () => {
    const header = 'Parameters:\n  Zone: { Type: String, Default: us-east-1a }\n';
    const files = {
      'parent.yaml': parent(subnet('A', '!Ref Zone') + subnet('B', 'us-east-1b'), BOTH, header),
      'child.yaml': child(),
    };
    expect(judged('lambda.vpc-single-az', files)).toEqual([
      [
        'unknown',
        'Cannot count the Availability Zones the function spans: the Availability Zone of subnet A of stack ' +
          "parent.yaml rests on that stack's parameter defaults or conditions, which a deploy may change: left to " +
          "that stack's own scan.",
      ],
    ]);
  });

  it("fails a parent's public subnet, naming its route table and gateway in the parent; passes a private one", () => {
    const files = {
      'parent.yaml': parent(subnet('A', 'us-east-1a', true) + subnet('B', 'us-east-1b'), BOTH),
      'child.yaml': child(),
    };
    expect(judged('lambda.vpc-public-subnet', files)).toEqual([
      [
        'fail',
        'The function is in public subnet A of stack parent.yaml: route table PublicRoutes of stack parent.yaml sends ' +
          'internet traffic to internet gateway Igw of stack parent.yaml. Lambda gives the function no public IP, so ' +
          'it has no internet access there.',
      ],
    ]);
    // Given twice (one parameter listed twice, and the same subnet given as both), it is one subnet, named once.
    const twice = { 'parent.yaml': files['parent.yaml'], 'child.yaml': child('[!Ref First, !Ref First]') };
    const again = {
      'parent.yaml': parent(subnet('A', 'us-east-1a', true), '{ First: !Ref A, Second: !Ref A }'),
      'child.yaml': child(),
    };
    for (const same of [twice, again])
      expect(judged('lambda.vpc-public-subnet', same)).toEqual(judged('lambda.vpc-public-subnet', files));
    const private_ = { ...files, 'child.yaml': child('[!Ref Second]') };
    expect(judged('lambda.vpc-public-subnet', private_)).toEqual([
      ['pass', 'No subnet of the function (B of stack parent.yaml) routes to an internet gateway.'],
    ]);
  });
});

/** The parent's Env parameter (default `dev` unless told) and condition IsProd (Env is prod). */
function isProd(defaultEnv: string | undefined = 'dev'): string {
  const env = defaultEnv === undefined ? '{ Type: String }' : `{ Type: String, Default: ${defaultEnv} }`;
  return `Parameters:\n  Env: ${env}\nConditions:\n  IsProd: !Equals [!Ref Env, prod]\n`;
}

/** Subnet A's association with a route table (`table`), under `condition` when given. */
function association(
  condition: string | undefined,
  table = '!Ref PublicRoutes',
  subnetId = '!Ref A',
): string {
  const under = condition === undefined ? '' : `    Condition: ${condition}\n`;
  return `  ARoutes:\n    Type: AWS::EC2::SubnetRouteTableAssociation\n${under}    Properties: { SubnetId: ${subnetId}, RouteTableId: ${table} }\n`;
}

/** The parent's Idx parameter (0 by default, or 1), and a mapping giving an index for each Env (0 for dev). */
const CHOOSER =
  "Parameters:\n  Env: { Type: String, Default: dev }\n  Idx: { Type: String, Default: '0', AllowedValues: ['0', '1'] }\n" +
  "Mappings:\n  Pick:\n    dev: { Index: '0' }\n    prod: { Index: '1' }\n";

const PRIVATE_ROUTES =
  '  PrivateRoutes:\n    Type: AWS::EC2::RouteTable\n    Properties: { VpcId: !Ref Vpc }\n';

/** The unknown vpc-public-subnet gives where subnet A's (or `subnetId`'s) routing rests on the parent's choices (`by`). */
function leftToParent(by: string, stack = 'parent.yaml', subnetId = 'A'): [string, string][] {
  return [
    [
      'unknown',
      `Cannot tell whether the function's subnets are public: the routing of subnet ${subnetId} of stack ${stack} rests on ` +
        `that stack's parameter defaults or conditions (${by}), which a deploy may change: left to that stack's own scan.`,
    ],
  ];
}

// The parent's model is built with its parameters' defaults: a route or association a condition decides is in it (or
// not) as the defaults have it, and another deploy routes otherwise. The parent's own scan explores those cases.
describe("a nested stack's function in a parent's subnet whose routing rests on the parent's choices", () => {
  const subnets = (assoc: string) => `${subnet('A', 'us-east-1a')}${subnet('B', 'us-east-1b')}${assoc}`;

  it('is unknown, not passed, where the internet route has a condition the defaults make false', () => {
    const files = {
      'parent.yaml': parent(subnets(association(undefined)), BOTH, isProd(), 'IsProd'),
      'child.yaml': child(),
    };
    expect(judged('lambda.vpc-public-subnet', files)).toEqual(leftToParent('ToInternet'));
  });

  it('passes where that route, or one on a table an Fn::If chooses, cannot open: it goes to a NAT gateway', () => {
    const toNat = (text: string) =>
      text.replace('0.0.0.0/0, GatewayId: !Ref Igw }', '0.0.0.0/0, NatGatewayId: nat-0123456789abcdef0 }');
    const passes: [string, string][] = [
      [
        'pass',
        'No subnet of the function (A of stack parent.yaml, B of stack parent.yaml) routes to an internet gateway.',
      ],
    ];
    for (const defaultEnv of ['dev', undefined]) {
      const files = {
        'parent.yaml': toNat(parent(subnets(association(undefined)), BOTH, isProd(defaultEnv), 'IsProd')),
        'child.yaml': child(),
      };
      expect(judged('lambda.vpc-public-subnet', files), defaultEnv).toEqual(passes);
    }
    const chosenTable = toNat(
      parent(subnets(PRIVATE_ROUTES + association(undefined)), BOTH, isProd()),
    ).replace(
      'RouteTableId: !Ref PublicRoutes, DestinationCidrBlock',
      'RouteTableId: !If [IsProd, !Ref PublicRoutes, !Ref PrivateRoutes], DestinationCidrBlock',
    );
    expect(chosenTable).toContain('!If [IsProd, !Ref PublicRoutes');
    expect(judged('lambda.vpc-public-subnet', { 'parent.yaml': chosenTable, 'child.yaml': child() })).toEqual(
      passes,
    );
    // A gateway the condition chooses may be the internet gateway: unknown.
    const chosenGateway = parent(subnets(association(undefined)), BOTH, isProd()).replace(
      '0.0.0.0/0, GatewayId: !Ref Igw }',
      "0.0.0.0/0, GatewayId: !If [IsProd, !Ref Igw, !Ref 'AWS::NoValue'], NatGatewayId: !If [IsProd, !Ref 'AWS::NoValue', nat-0123456789abcdef0] }",
    );
    expect(
      judged('lambda.vpc-public-subnet', { 'parent.yaml': chosenGateway, 'child.yaml': child() }),
    ).toEqual(leftToParent('ToInternet'));
  });

  it('is unknown, not failed, where that condition cannot be decided before deploy', () => {
    const files = {
      'parent.yaml': parent(subnets(association(undefined)), BOTH, isProd(undefined), 'IsProd'),
      'child.yaml': child(),
    };
    expect(judged('lambda.vpc-public-subnet', files)).toEqual(leftToParent('ToInternet'));
  });

  it('is unknown where the association has a condition, decided by the defaults or not at all', () => {
    for (const defaultEnv of ['dev', undefined]) {
      const files = {
        'parent.yaml': parent(subnets(association('IsProd')), BOTH, isProd(defaultEnv)),
        'child.yaml': child(),
      };
      expect(judged('lambda.vpc-public-subnet', files)).toEqual(leftToParent('ARoutes'));
    }
  });

  it('is unknown where an Fn::If chooses the route table, or the subnet, of the association', () => {
    const table = association(undefined, '!If [IsProd, !Ref PublicRoutes, !Ref PrivateRoutes]');
    const files = {
      'parent.yaml': parent(subnets(PRIVATE_ROUTES + table), BOTH, isProd()),
      'child.yaml': child(),
    };
    expect(judged('lambda.vpc-public-subnet', files)).toEqual(leftToParent('ARoutes'));
    // B, which the defaults leave unassociated (private), is public where IsProd holds.
    const chosen = association(undefined, '!Ref PublicRoutes', '!If [IsProd, !Ref B, !Ref A]');
    const onB = {
      'parent.yaml': parent(subnets(chosen), BOTH, isProd()),
      'child.yaml': child('[!Ref Second]'),
    };
    expect(judged('lambda.vpc-public-subnet', onB)).toEqual([
      [
        'unknown',
        "Cannot tell whether the function's subnets are public: the routing of subnet B of stack parent.yaml rests " +
          "on that stack's parameter defaults or conditions (ARoutes), which a deploy may change: left to that " +
          "stack's own scan.",
      ],
    ]);
  });

  it('is unknown where an Fn::Select over a parameter chooses the subnet of the association, or the route table of the route', () => {
    // Idx is 0 by default: the model routes A; with Idx 1 the association puts B on PublicRoutes.
    const onB = (assoc: string, routeTable = '!Ref PublicRoutes') => ({
      'parent.yaml': parent(subnets(PRIVATE_ROUTES + assoc), BOTH, CHOOSER).replace(
        'RouteTableId: !Ref PublicRoutes, DestinationCidrBlock',
        `RouteTableId: ${routeTable}, DestinationCidrBlock`,
      ),
      'child.yaml': child('[!Ref Second]'),
    });
    const selected = association(undefined, '!Ref PublicRoutes', '!Select [!Ref Idx, [!Ref A, !Ref B]]');
    expect(judged('lambda.vpc-public-subnet', onB(selected))).toEqual(
      leftToParent('ARoutes', 'parent.yaml', 'B'),
    );
    // By the index a mapping gives for Env.
    const mapped = association(
      undefined,
      '!Ref PublicRoutes',
      '!Select [!FindInMap [Pick, !Ref Env, Index], [!Ref A, !Ref B]]',
    );
    expect(judged('lambda.vpc-public-subnet', onB(mapped))).toEqual(
      leftToParent('ARoutes', 'parent.yaml', 'B'),
    );
    // B is on PublicRoutes, whose internet route goes to PrivateRoutes by default and to PublicRoutes with Idx 1.
    const bOnPublic = association(undefined, '!Ref PublicRoutes', '!Ref B');
    const route = '!Select [!Ref Idx, [!Ref PrivateRoutes, !Ref PublicRoutes]]';
    expect(judged('lambda.vpc-public-subnet', onB(bOnPublic, route))).toEqual(
      leftToParent('ToInternet', 'parent.yaml', 'B'),
    );
  });

  it("is unknown where the parent's route is on text made from its table's id (no case of its own shows it)", () => {
    const files = {
      'parent.yaml': parent(
        subnets(PRIVATE_ROUTES + association(undefined, '!Ref PrivateRoutes', '!Ref B')),
        BOTH,
      ).replace(
        'RouteTableId: !Ref PublicRoutes, DestinationCidrBlock',
        "RouteTableId: !Join ['', [!Ref PrivateRoutes, '']], DestinationCidrBlock",
      ),
      'child.yaml': child('[!Ref Second]'),
    };
    expect(judged('lambda.vpc-public-subnet', files)).toEqual(leftToParent('ToInternet', 'parent.yaml', 'B'));
  });

  it('still passes a subnet an Fn::Select with a written index does not choose', () => {
    const files = {
      'parent.yaml': parent(
        subnets(association(undefined, '!Ref PublicRoutes', "!Select ['0', [!Ref A, !Ref B]]")),
        BOTH,
        CHOOSER,
      ),
      'child.yaml': child('[!Ref Second]'),
    };
    expect(judged('lambda.vpc-public-subnet', files)).toEqual([
      ['pass', 'No subnet of the function (B of stack parent.yaml) routes to an internet gateway.'],
    ]);
  });

  it('names the internet gateway too where it has the condition, which the defaults make true', () => {
    const gateway = '  Igw:\n    Type: AWS::EC2::InternetGateway\n    Condition: IsProd\n';
    const files = {
      'parent.yaml': parent(subnets(association(undefined)), BOTH, isProd('prod'), 'IsProd').replace(
        '  Igw:\n    Type: AWS::EC2::InternetGateway\n',
        gateway,
      ),
      'child.yaml': child(),
    };
    expect(judged('lambda.vpc-public-subnet', files)).toEqual(leftToParent('ToInternet, Igw'));
  });

  it("still passes a subnet the parent's choices do not route: one with no association in the parent's VPC", () => {
    const files = {
      'parent.yaml': parent(subnets(association(undefined)), BOTH, isProd(), 'IsProd'),
      'child.yaml': child('[!Ref Second]'),
    };
    expect(judged('lambda.vpc-public-subnet', files)).toEqual([
      ['pass', 'No subnet of the function (B of stack parent.yaml) routes to an internet gateway.'],
    ]);
  });

  it('is unknown for a subnet imported from another stack that an Fn::Select there may put on its public table', () => {
    const selected = association(undefined, '!Ref PublicRoutes', '!Select [!Ref Idx, [!Ref A, !Ref B]]');
    const net = parent(subnets(selected), '{}', CHOOSER)
      .replace(/ {2}Child:[\s\S]*$/, '')
      .concat('Outputs:\n  SubB: { Value: !Ref B, Export: { Name: net-SubB } }\n');
    const files = {
      'net.yaml': net,
      'app.yaml': child('[!ImportValue net-SubB]').replace(/Parameters:\n(?: {2}\w+: .*\n)+/, ''),
    };
    expect(judged('lambda.vpc-public-subnet', files)).toEqual(leftToParent('ARoutes', 'net.yaml', 'B'));
  });

  it('is unknown for a subnet imported from another stack whose internet route has such a condition', () => {
    const net = parent(subnets(association(undefined)), '{}', isProd(), 'IsProd')
      .replace(/ {2}Child:[\s\S]*$/, '')
      .concat('Outputs:\n  SubA: { Value: !Ref A, Export: { Name: net-SubA } }\n');
    const files = {
      'net.yaml': net,
      'app.yaml': child('[!ImportValue net-SubA]').replace(/Parameters:\n(?: {2}\w+: .*\n)+/, ''),
    };
    expect(judged('lambda.vpc-public-subnet', files)).toEqual(leftToParent('ToInternet', 'net.yaml'));
  });
});

// The function's own template may route another stack's subnet: an association or route it declares on a subnet or
// table it does not declare (a parameter, an import, a literal id) is not in that stack's model.
describe("a nested stack's function in a parent's subnet that its own template may route", () => {
  const PARENT_PRIVATE = `${subnet('A', 'us-east-1a')}${subnet('B', 'us-east-1b')}${PRIVATE_ROUTES}${association(undefined, '!Ref PrivateRoutes', '!Ref B')}`;
  /** The child's own public route table T (0.0.0.0/0 to an internet gateway) and its association As with `subnetId`. */
  const ownPublicTable = (subnetId: string) =>
    '  T: { Type: AWS::EC2::RouteTable, Properties: { VpcId: vpc-0123456789abcdef0 } }\n' +
    '  R: { Type: AWS::EC2::Route, Properties: { RouteTableId: !Ref T, DestinationCidrBlock: 0.0.0.0/0, GatewayId: igw-0123456789abcdef0 } }\n' +
    `  As: { Type: AWS::EC2::SubnetRouteTableAssociation, Properties: { SubnetId: ${subnetId}, RouteTableId: !Ref T } }\n`;
  const attachesTo = (subnetId: string) =>
    `subnet ${subnetId} of stack parent.yaml: this template attaches a route table to a subnet it does not declare (As), which may be it`;

  it('is unknown for the parent subnet its own association puts on its public table, naming it; judges the other', () => {
    const files = {
      'parent.yaml': parent(PARENT_PRIVATE, BOTH),
      'child.yaml': child(undefined, ownPublicTable('!Ref First')),
    };
    expect(judged('lambda.vpc-public-subnet', files)).toEqual([
      ['unknown', `Cannot tell whether the function's subnets are public: ${attachesTo('A')}.`],
    ]);
  });

  it('is unknown for every parent subnet where the association names a literal id', () => {
    const files = {
      'parent.yaml': parent(PARENT_PRIVATE, BOTH),
      'child.yaml': child(undefined, ownPublicTable('subnet-0123456789abcdef0')),
    };
    expect(judged('lambda.vpc-public-subnet', files)).toEqual([
      [
        'unknown',
        `Cannot tell whether the function's subnets are public: ${attachesTo('A')}; ${attachesTo('B')}.`,
      ],
    ]);
  });

  it("fails a parent subnet whose route table its own route puts on the parent's gateway; a literal table is a doubt", () => {
    const route = (table: string) =>
      `  R: { Type: AWS::EC2::Route, Properties: { RouteTableId: ${table}, DestinationCidrBlock: 0.0.0.0/0, GatewayId: !Ref Gw } }\n`;
    const parameters = '  Table: { Type: String }\n  Gw: { Type: String }\n';
    const given = '{ First: !Ref A, Second: !Ref B, Table: !Ref PrivateRoutes, Gw: !Ref Igw }';
    const onB = `subnet B of stack parent.yaml: this template adds a route to a route table it does not declare (R), which may be its route table PrivateRoutes of stack parent.yaml`;
    // The parent's PrivateRoutes, given as a parameter: B's table; A (no association) uses its VPC's main table.
    const files = {
      'parent.yaml': parent(PARENT_PRIVATE, given),
      'child.yaml': child(undefined, route('!Ref Table'), parameters),
    };
    expect(judged('lambda.vpc-public-subnet', files)).toEqual([
      [
        'fail',
        'The function is in public subnet B of stack parent.yaml: route table PrivateRoutes of stack parent.yaml ' +
          'sends internet traffic to internet gateway Igw of stack parent.yaml through route R of this template. ' +
          'Lambda gives the function no public IP, so it has no internet access there.',
      ],
    ]);
    // A literal id may name any table, the main one too.
    const literal = { ...files, 'child.yaml': child(undefined, route('rtb-0123456789abcdef0'), parameters) };
    expect(judged('lambda.vpc-public-subnet', literal)).toEqual([
      [
        'unknown',
        "Cannot tell whether the function's subnets are public: subnet A of stack parent.yaml: this template adds a " +
          "route to a route table it does not declare (R), which may be its VPC's main route table; " +
          `${onB}.`,
      ],
    ]);
  });

  it('is unknown for the parent subnet an Fn::If may choose for the association instead of its own (by default)', () => {
    const own = `${ownPublicTable('!If [UseLocal, !Ref Mine, !Ref First]')}  Mine: { Type: AWS::EC2::Subnet, Properties: { VpcId: vpc-0123456789abcdef0, CidrBlock: 10.1.0.0/24 } }\n`;
    const parameters = '  Mode: { Type: String, Default: local, AllowedValues: [local, parent] }\n';
    const conditions = 'Conditions:\n  UseLocal: !Equals [!Ref Mode, local]\n';
    const files = {
      'parent.yaml': parent(PARENT_PRIVATE, BOTH),
      'child.yaml': child(undefined, own, parameters).replace('Resources:\n', `${conditions}Resources:\n`),
    };
    // Its branches name Mine and First (the parent's A): never B.
    expect(judged('lambda.vpc-public-subnet', files)).toEqual([
      ['unknown', `Cannot tell whether the function's subnets are public: ${attachesTo('A')}.`],
    ]);
  });

  it('is unknown for the parent subnet any branch may name, not only the one the defaults take', () => {
    // By default the association names First (the parent's A); where UseFirst does not hold, Second (B).
    const own = ownPublicTable('!If [UseFirst, !Ref First, !Ref Second]');
    const withCondition = (condition: string) =>
      child('[!Ref Second]', own, '  Mode: { Type: String, Default: first }\n').replace(
        'Resources:\n',
        `Conditions:\n  UseFirst: ${condition}\nResources:\n`,
      );
    const files = {
      'parent.yaml': parent(PARENT_PRIVATE, BOTH),
      'child.yaml': withCondition('!Equals [!Ref Mode, first]'),
    };
    expect(judged('lambda.vpc-public-subnet', files)).toEqual([
      ['unknown', `Cannot tell whether the function's subnets are public: ${attachesTo('B')}.`],
    ]);
    // A condition decided whatever the parameters: only First, never B.
    const always = { ...files, 'child.yaml': withCondition('!Equals [a, a]') };
    expect(judged('lambda.vpc-public-subnet', always)).toEqual([
      ['pass', 'No subnet of the function (B of stack parent.yaml) routes to an internet gateway.'],
    ]);
  });

  it('still passes private parent subnets where its own association and route are on what it declares', () => {
    const own = `${ownPublicTable('!Ref Mine')}  Mine: { Type: AWS::EC2::Subnet, Properties: { VpcId: vpc-0123456789abcdef0, CidrBlock: 10.1.0.0/24 } }\n`;
    const files = { 'parent.yaml': parent(PARENT_PRIVATE, BOTH), 'child.yaml': child(undefined, own) };
    expect(judged('lambda.vpc-public-subnet', files)).toEqual([
      [
        'pass',
        'No subnet of the function (A of stack parent.yaml, B of stack parent.yaml) routes to an internet gateway.',
      ],
    ]);
  });

  it('still fails a public parent subnet, whatever its own template adds', () => {
    const files = {
      'parent.yaml': parent(subnet('A', 'us-east-1a', true) + subnet('B', 'us-east-1b'), BOTH),
      'child.yaml': child(
        undefined,
        '  R: { Type: AWS::EC2::Route, Properties: { RouteTableId: rtb-0123456789abcdef0, DestinationCidrBlock: 0.0.0.0/0, GatewayId: igw-0123456789abcdef0 } }\n',
      ),
    };
    expect(judged('lambda.vpc-public-subnet', files).map(([status]) => status)).toEqual(['fail']);
  });
});
