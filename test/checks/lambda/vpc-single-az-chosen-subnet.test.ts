import { describe, expect, it } from 'vitest';
import check from '../../../src/checks/lambda/vpc-single-az.js';
import { networkScanner, vpcFunction } from './vpc-fixture.js';

// A subnet an `Fn::Select` picks by a parameter's default may be another in a deploy that overrides it, maybe in the
// zone of the function's other subnets (VpcConfig.subnetsChosen).

const scan = networkScanner(check);
const messages = (findings: readonly { readonly message: string }[]) => findings.map((f) => f.message);
const IDX = "Parameters:\n  Idx: { Type: String, Default: '0' }\n";
// PrivateSubnetB is in us-east-1b; PrivateSubnetA and PrivateSubnetC in us-east-1a.
const PICK = '!Select [!Ref Idx, [!Ref PrivateSubnetB, !Ref PrivateSubnetC]]';

describe('lambda.vpc-single-az, a subnet an Fn::Select by a parameter picks', () => {
  it('is unknown where the zones span two only by the subnet the default picks', () => {
    const { unknown, passed, failed } = scan(vpcFunction([PICK, '!Ref PrivateSubnetA']), IDX);
    expect([...passed, ...failed]).toEqual([]);
    expect(messages(unknown)).toEqual([
      'Cannot count the Availability Zones the function spans: its subnets span 2 Availability Zones (us-east-1a, ' +
        'us-east-1b) as parameter Idx picks them by default, but SubnetIds item 0 may name another subnet in a ' +
        'deploy that overrides it.',
    ]);
  });

  it('passes where the other subnets span two zones whatever it picks', () => {
    const { passed, unknown } = scan(vpcFunction([PICK, '!Ref PrivateSubnetA', '!Ref PrivateSubnetB']), IDX);
    expect(unknown).toEqual([]);
    expect(messages(passed)).toEqual([
      "The function's subnets span 2 Availability Zones (us-east-1a, us-east-1b).",
    ]);
  });

  it('passes as before where the index is written out', () => {
    const written = vpcFunction([
      "!Select ['0', [!Ref PrivateSubnetB, !Ref PrivateSubnetC]]",
      '!Ref PrivateSubnetA',
    ]);
    expect(scan(written, IDX).passed).toHaveLength(1);
  });
});

describe('lambda.vpc-single-az, a subnet an Fn::If chooses the index of', () => {
  it('passes where each case spans two zones: the conditions choose it, no parameter beyond them', () => {
    const conditions =
      "Parameters:\n  Open: { Type: String, Default: 'no' }\nConditions:\n  IsOpen: !Equals [!Ref Open, 'yes']\n";
    const pick = '!Select [!If [IsOpen, 0, 1], [!Ref PrivateSubnetB, !Ref PrivateSubnetC]]';
    const { unknown, failed } = scan(vpcFunction([pick, '!Ref PrivateSubnetB']), conditions);
    expect(messages(unknown).filter((m) => m.includes('pick them by default'))).toEqual([]);
    expect(failed.filter((f) => !f.message.startsWith('When'))).toEqual([]);
  });
});

describe("lambda.vpc-single-az, a list parameter's default written like the template's subnets' logical ids", () => {
  it('is unknown, not passed: CloudFormation passes the text as written, a deploy gives subnet ids', () => {
    const { unknown, passed, failed } = scan(
      vpcFunction([]).replace('        SubnetIds:\n', '        SubnetIds: !Ref Subnets\n'),
      "Parameters:\n  Subnets: { Type: 'List<AWS::EC2::Subnet::Id>', Default: 'PrivateSubnetA,PrivateSubnetB' }\n",
    );
    expect([...passed, ...failed]).toEqual([]);
    const asText = (text: string) =>
      `a subnet id is not known before deploy (parameter Subnets by default gives the text "${text}", which ` +
      `CloudFormation passes as written, not as resource ${text})`;
    expect(messages(unknown)).toEqual([
      `Cannot count the Availability Zones the function spans: ${asText('PrivateSubnetA')}; ${asText('PrivateSubnetB')}.`,
    ]);
  });
});
