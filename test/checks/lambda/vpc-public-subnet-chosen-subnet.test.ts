import { describe, expect, it } from 'vitest';
import check from '../../../src/checks/lambda/vpc-public-subnet.js';
import { scanTemplate, template } from '../../helpers/scan-template.js';
import { NETWORK, networkScanner, vpcFunction } from './vpc-fixture.js';

// A function whose SubnetIds name a subnet by a value a deploy may change: the model reads it at the parameters'
// defaults, so another subnet it may name is judged too (VpcConfig.subnetsChosen).

const scan = networkScanner(check);
const messages = (findings: readonly { readonly message: string }[]) => findings.map((f) => f.message);
const assumptions = (findings: readonly { readonly assumptions?: readonly string[] }[]) =>
  findings.map((f) => f.assumptions ?? []);

describe('lambda.vpc-public-subnet, a subnet an Fn::Select by a parameter picks', () => {
  const select = (list: string) => vpcFunction([`!Select [!Ref Idx, [${list}]]`]);
  const idx = (value: string) => `Parameters:\n  Idx: ${value}\n`;

  it('is unknown where it may pick a public subnet, the default picking a private one', () => {
    const { unknown, failed, passed, errors } = scan(
      select('!Ref PublicSubnet, !Ref PrivateSubnetA'),
      idx("{ Type: String, Default: '1' }"),
    );
    expect(errors).toEqual([]);
    expect([...failed, ...passed]).toEqual([]);
    expect(messages(unknown)).toEqual([
      "Cannot tell whether the function's subnets are public: the function may be in subnet PublicSubnet, chosen " +
        'by parameter Idx (SubnetIds item 0), whose route table PublicRouteTable sends internet traffic to internet ' +
        'gateway Igw.',
    ]);
  });

  it('fails, naming the default it rests on, where the default picks the public subnet', () => {
    const { failed, unknown } = scan(
      select('!Ref PublicSubnet, !Ref PrivateSubnetA'),
      idx("{ Type: String, Default: '0' }"),
    );
    expect(unknown).toEqual([]);
    expect(messages(failed)).toEqual([
      'The function is in public subnet PublicSubnet: route table PublicRouteTable sends internet traffic to ' +
        'internet gateway Igw. Lambda gives the function no public IP, so it has no internet access there.',
    ]);
    expect(assumptions(failed)).toEqual([
      ['parameter Idx uses its default value, which a deploy may override'],
    ]);
  });

  it('passes where every subnet it may pick is private', () => {
    const { passed, unknown, failed } = scan(
      select('!Ref PrivateSubnetA, !Ref PrivateSubnetB'),
      idx("{ Type: String, Default: '0' }"),
    );
    expect([...unknown, ...failed]).toEqual([]);
    expect(messages(passed)).toEqual([
      'No subnet of the function (PrivateSubnetA) routes to an internet gateway.',
    ]);
  });

  it('names why another subnet it may pick cannot be judged', () => {
    const { unknown } = scan(
      select('!Ref PrivateSubnetA, subnet-0abc'),
      idx("{ Type: String, Default: '0' }"),
    );
    expect(messages(unknown)).toEqual([
      "Cannot tell whether the function's subnets are public: the function may be in subnet subnet-0abc, chosen by " +
        'parameter Idx (SubnetIds item 0): subnet subnet-0abc is not in this template.',
    ]);
  });

  it('judges only the subnet the index names where the scan is given it (-p Idx=1)', () => {
    const text = template(
      NETWORK + select('!Ref PublicSubnet, !Ref PrivateSubnetA'),
      idx("{ Type: String, Default: '0' }"),
    );
    const { passed, unknown, failed } = scanTemplate(text, check, { parameters: { Idx: '1' } });
    expect([...unknown, ...failed]).toEqual([]);
    expect(messages(passed)).toEqual([
      'No subnet of the function (PrivateSubnetA) routes to an internet gateway.',
    ]);
  });
});

describe("lambda.vpc-public-subnet, a subnet a parameter's value names", () => {
  const subnetParameter = (value: string) => `Parameters:\n  Subnet: ${value}\n`;
  const asText = (text: string, by = 'parameter Subnet by default gives') =>
    `a subnet id is not known before deploy (${by} the text "${text}", which CloudFormation passes as written, ` +
    `not as resource ${text})`;

  it("is unknown where the parameter's default is written like a private subnet's logical id: it is text", () => {
    const { unknown, passed, errors } = scan(
      vpcFunction(['!Ref Subnet']),
      subnetParameter('{ Type: String, Default: PrivateSubnetA }'),
    );
    expect(errors).toEqual([]);
    expect(passed).toEqual([]);
    expect(messages(unknown)).toEqual([
      `Cannot tell whether the function's subnets are public: ${asText('PrivateSubnetA')}.`,
    ]);
    expect(assumptions(unknown)).toEqual([
      ['parameter Subnet uses its default value, which a deploy may override'],
    ]);
  });

  it("is unknown, not failed, where that default is written like a public subnet's logical id", () => {
    const { failed, unknown } = scan(
      vpcFunction(['!Ref Subnet']),
      subnetParameter('{ Type: String, Default: PublicSubnet }'),
    );
    expect(failed).toEqual([]);
    expect(messages(unknown)).toEqual([
      `Cannot tell whether the function's subnets are public: ${asText('PublicSubnet')}.`,
    ]);
  });

  it('reads a value given with -p written like a logical id as that text, not the subnet', () => {
    const text = template(NETWORK + vpcFunction(['!Ref Subnet']), subnetParameter('{ Type: String }'));
    const { failed, unknown, passed } = scanTemplate(text, check, {
      parameters: { Subnet: 'PublicSubnet' },
    });
    expect([...failed, ...passed]).toEqual([]);
    expect(messages(unknown)).toEqual([
      `Cannot tell whether the function's subnets are public: ${asText('PublicSubnet', 'parameter Subnet gives')}.`,
    ]);
    expect(assumptions(unknown)).toEqual([[]]);
  });

  it.each(['List<AWS::EC2::Subnet::Id>', 'CommaDelimitedList'])(
    "is unknown, never passed, where a %s default is written like private subnets' logical ids",
    (type) => {
      const { unknown, passed, failed } = scan(
        vpcFunction([]).replace('        SubnetIds:\n', '        SubnetIds: !Ref Subnets\n'),
        `Parameters:\n  Subnets: { Type: '${type}', Default: 'PrivateSubnetA,PrivateSubnetB' }\n`,
      );
      expect([...passed, ...failed]).toEqual([]);
      const by = 'parameter Subnets by default gives';
      expect(messages(unknown)).toEqual([
        `Cannot tell whether the function's subnets are public: ${asText('PrivateSubnetA', by)}; ` +
          `${asText('PrivateSubnetB', by)}.`,
      ]);
    },
  );

  it('judges the subnets a list parameter is given where its items are ids (-p), as before', () => {
    const text = template(
      NETWORK + vpcFunction([]).replace('        SubnetIds:\n', '        SubnetIds: !Ref Subnets\n'),
      'Parameters:\n  Subnets: { Type: List<AWS::EC2::Subnet::Id> }\n',
    );
    const { unknown } = scanTemplate(text, check, { parameters: { Subnets: 'subnet-0abc,subnet-0def' } });
    expect(messages(unknown)).toEqual([
      "Cannot tell whether the function's subnets are public: subnet subnet-0abc is not in this template; subnet " +
        'subnet-0def is not in this template.',
    ]);
  });

  it('is unknown as before where its default is an id from elsewhere', () => {
    const { unknown } = scan(
      vpcFunction(['!Ref Subnet']),
      subnetParameter('{ Type: String, Default: subnet-0abc }'),
    );
    expect(messages(unknown)).toEqual([
      "Cannot tell whether the function's subnets are public: subnet subnet-0abc is not in this template.",
    ]);
  });

  it('passes as before where a private subnet is named outright', () => {
    expect(scan(vpcFunction(['!Ref PrivateSubnetA'])).passed).toHaveLength(1);
  });
});

describe('lambda.vpc-public-subnet, an Fn::Select whose index the template bounds', () => {
  const three = '!Ref PublicSubnet, !Ref PrivateSubnetA, !Ref PrivateSubnetB';
  const allowed = (values: string) =>
    `Parameters:\n  Idx: { Type: String, Default: '1', AllowedValues: [${values}] }\n`;
  const PUBLIC_MAY =
    "Cannot tell whether the function's subnets are public: the function may be in subnet PublicSubnet, chosen by " +
    'parameter Idx (SubnetIds item 0), whose route table PublicRouteTable sends internet traffic to internet ' +
    'gateway Igw.';

  it("passes where the index's AllowedValues pick only private subnets", () => {
    const { passed, unknown, failed } = scan(
      vpcFunction([`!Select [!Ref Idx, [${three}]]`]),
      allowed("'1', '2'"),
    );
    expect([...unknown, ...failed]).toEqual([]);
    expect(messages(passed)).toEqual([
      'No subnet of the function (PrivateSubnetA) routes to an internet gateway.',
    ]);
  });

  it('is unknown where an allowed value picks the public subnet', () => {
    const { unknown, passed } = scan(vpcFunction([`!Select [!Ref Idx, [${three}]]`]), allowed("'0', '1'"));
    expect(passed).toEqual([]);
    expect(messages(unknown)).toEqual([PUBLIC_MAY]);
  });

  it('is unknown as before where the index has no AllowedValues', () => {
    expect(
      messages(
        scan(vpcFunction([`!Select [!Ref Idx, [${three}]]`]), allowed('').replace(', AllowedValues: []', ''))
          .unknown,
      ),
    ).toEqual([PUBLIC_MAY]);
  });

  it('passes an allowed value out of the list: that deploy fails, in no subnet', () => {
    const { passed, unknown } = scan(vpcFunction([`!Select [!Ref Idx, [${three}]]`]), allowed("'1', '5'"));
    expect(unknown).toEqual([]);
    expect(passed).toHaveLength(1);
  });

  const mapped = (dev: string, prod: string) =>
    `Parameters:\n  Env: { Type: String, Default: dev }\nMappings:\n  Net:\n    dev: { Idx: '${dev}' }\n    prod: { Idx: '${prod}' }\n`;
  const byMap = vpcFunction([`!Select [!FindInMap [Net, !Ref Env, Idx], [${three}]]`]);

  it('passes where every entry of the mapping the index is read from picks a private subnet', () => {
    const { passed, unknown, failed } = scan(byMap, mapped('1', '2'));
    expect([...unknown, ...failed]).toEqual([]);
    expect(messages(passed)).toEqual([
      'No subnet of the function (PrivateSubnetA) routes to an internet gateway.',
    ]);
  });

  it('is unknown where an entry of that mapping picks the public subnet', () => {
    expect(messages(scan(byMap, mapped('1', '0')).unknown)).toEqual([
      PUBLIC_MAY.replace('parameter Idx', 'parameter Env'),
    ]);
  });

  it("reads only the entries the key's AllowedValues reach", () => {
    const { passed, unknown } = scan(
      byMap,
      mapped('1', '0').replace('Default: dev }', 'Default: dev, AllowedValues: [dev] }'),
    );
    expect(unknown).toEqual([]);
    expect(passed).toHaveLength(1);
  });
});
