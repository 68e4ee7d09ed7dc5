// biome-ignore-all lint/suspicious/noTemplateCurlyInString: CloudFormation `${...}` templates are written in these tests
import { describe, expect, it } from 'vitest';
import check from '../../../src/checks/lambda/vpc-single-az.js';
import {
  lineOf,
  networkScanner,
  PLAIN_FUNCTION,
  SAM_TRANSFORM,
  samVpcFunction,
  subnet,
  vpcFunction,
} from './vpc-fixture.js';

const scan = networkScanner(check);

describe('lambda.vpc-single-az', () => {
  it('maps to FSBP Lambda.5', () => {
    expect(check.compliance['aws-fsbp']).toEqual(['Lambda.5']);
  });

  it('fails a function with a single subnet and points at it', () => {
    const { text, failed, errors } = scan(vpcFunction(['!Ref PrivateSubnetA']));
    expect(errors).toEqual([]);
    expect(failed).toHaveLength(1);
    expect(failed[0]?.resource.id).toBe('Fn');
    expect(failed[0]?.message).toContain('single subnet (PrivateSubnetA)');
    expect(failed[0]?.location.line).toBe(lineOf(text, '- !Ref PrivateSubnetA', '  Fn:'));
  });

  it('fails a single subnet even when it is not in this template: one subnet is one zone', () => {
    const { failed } = scan(vpcFunction(['subnet-0abc']));
    expect(failed).toHaveLength(1);
  });

  it('fails the same subnet listed twice', () => {
    const { failed } = scan(vpcFunction(['!Ref PrivateSubnetA', '!Ref PrivateSubnetA']));
    expect(failed).toHaveLength(1);
    expect(failed[0]?.message).toContain('single subnet');
  });

  it('fails two subnets in the same Availability Zone', () => {
    const { failed } = scan(vpcFunction(['!Ref PrivateSubnetA', '!Ref PrivateSubnetC']));
    expect(failed).toHaveLength(1);
    expect(failed[0]?.message).toBe(
      'All 2 subnets of the function are in the same Availability Zone (us-east-1a).',
    );
    expect(failed[0]?.property).toBe('VpcConfig.SubnetIds');
  });

  it('fails subnets whose zone is the same parameter, even without a default', () => {
    const resources =
      subnet('ZoneA1', '!Ref Zone') +
      subnet('ZoneA2', '!Ref Zone') +
      vpcFunction(['!Ref ZoneA1', '!Ref ZoneA2']);
    const { failed } = scan(resources, 'Parameters:\n  Zone: { Type: String }\n');
    expect(failed).toHaveLength(1);
    expect(failed[0]?.message).toContain('(${Zone})');
  });

  it('passes subnets in two zones, even beside one it cannot see', () => {
    const { failed, passed } = scan(
      vpcFunction(['!Ref PrivateSubnetA', '!Ref PrivateSubnetB', 'subnet-0abc']),
    );
    expect(failed).toEqual([]);
    expect(passed).toHaveLength(1);
    expect(passed[0]?.message).toContain('us-east-1a, us-east-1b');
  });

  it('is unknown for two subnets that are not in this template', () => {
    const { failed, unknown } = scan(vpcFunction(['subnet-0abc', 'subnet-0def']));
    expect(failed).toEqual([]);
    expect(unknown).toHaveLength(1);
    expect(unknown[0]?.message).toBe(
      'Cannot count the Availability Zones the function spans: subnet subnet-0abc is not in this template; ' +
        'subnet subnet-0def is not in this template.',
    );
  });

  it('names an empty subnet id as "", never as nothing', () => {
    const { unknown } = scan(vpcFunction(["''", 'subnet-0def']));
    expect(unknown.map((f) => f.message)).toEqual([
      'Cannot count the Availability Zones the function spans: subnet "" is not in this template; ' +
        'subnet subnet-0def is not in this template.',
    ]);
  });

  it('names the parameter that gives a subnet, and a subnet of the template with no zone', () => {
    const resources =
      '  NoZone:\n    Type: AWS::EC2::Subnet\n    Properties:\n      VpcId: !Ref Vpc\n' +
      vpcFunction(['!Ref NoZone', '!Ref Given']);
    const { unknown } = scan(resources, 'Parameters:\n  Given: { Type: AWS::EC2::Subnet::Id }\n');
    expect(unknown.map((f) => f.message)).toEqual([
      'Cannot count the Availability Zones the function spans: the Availability Zone of subnet NoZone is not known ' +
        'before deploy; a subnet id is not known before deploy (from parameter Given, which has no default).',
    ]);
  });

  it('counts a subnet listed twice once: one id twice, a list parameter repeating one, one parameter twice', () => {
    const single = (subnets: string[], header = '') =>
      scan(vpcFunction(subnets), header).failed.map((f) => f.message);
    expect(single(['subnet-0abc', 'subnet-0abc'])).toEqual([
      'The function is connected to a single subnet (subnet-0abc), so it runs in one Availability Zone.',
    ]);
    const list = 'Parameters:\n  Subnets: { Type: CommaDelimitedList, Default: "subnet-0abc,subnet-0abc" }\n';
    const fromList = scan(
      vpcFunction(['x']).replace(/SubnetIds:\n {10}- x\n/, 'SubnetIds: !Ref Subnets\n'),
      list,
    );
    expect(fromList.failed.map((f) => f.message)).toEqual([
      'The function is connected to a single subnet (subnet-0abc), so it runs in one Availability Zone.',
    ]);
    // Whatever subnet the parameter names, it is one subnet: one zone.
    const given = 'Parameters:\n  Given: { Type: AWS::EC2::Subnet::Id }\n';
    expect(single(['!Ref Given', '!Ref Given'], given)).toEqual([
      'The function is connected to a single subnet (${Given}), so it runs in one Availability Zone.',
    ]);
  });

  it('fails a single subnet a custom resource gives, saying where its id comes from (review r11 item 5)', () => {
    const custom = `  FirstSubnet:
    Type: Custom::LambdaCallout
    Properties:
      ServiceToken: arn:aws:lambda:us-east-1:123456789012:function:lookup
`;
    const { failed } = scan(custom + vpcFunction(['!GetAtt FirstSubnet.subId', '!GetAtt FirstSubnet.subId']));
    expect(failed.map((f) => f.message)).toEqual([
      'The function is connected to a single subnet (${FirstSubnet.subId}: attribute subId of custom resource ' +
        'FirstSubnet (Custom::LambdaCallout), which its provider returns at deploy), so it runs in one Availability Zone.',
    ]);
    // Two attributes may be two subnets: which zones they are in is not known.
    const two = scan(custom + vpcFunction(['!GetAtt FirstSubnet.subId', '!GetAtt FirstSubnet.otherId']));
    expect(two.failed).toEqual([]);
    expect(two.unknown.map((f) => f.message)).toEqual([
      'Cannot count the Availability Zones the function spans: a subnet id is not known before deploy ' +
        '(attribute subId of custom resource FirstSubnet (Custom::LambdaCallout), which its provider returns at deploy); ' +
        'a subnet id is not known before deploy (attribute otherId of custom resource FirstSubnet (Custom::LambdaCallout), ' +
        'which its provider returns at deploy).',
    ]);
  });

  it('counts an unknown id that is no name (an import) as a subnet of its own, beside another', () => {
    const { failed, unknown } = scan(vpcFunction(['!ImportValue shared-subnet', 'subnet-0abc']));
    expect(failed).toEqual([]);
    expect(unknown).toHaveLength(1);
    expect(unknown[0]?.message).toMatch(
      /^Cannot count the Availability Zones the function spans: a subnet id is not known before deploy \(.*\); subnet subnet-0abc is not in this template\.$/,
    );
  });

  it('names a parameter listed twice once when it cannot count, and passes two zones beside a repeated subnet', () => {
    const given = 'Parameters:\n  Given: { Type: AWS::EC2::Subnet::Id }\n';
    const { unknown, failed } = scan(vpcFunction(['!Ref Given', '!Ref Given', 'subnet-0abc']), given);
    expect(failed).toEqual([]);
    expect(unknown.map((f) => f.message)).toEqual([
      'Cannot count the Availability Zones the function spans: a subnet id is not known before deploy (from parameter ' +
        'Given, which has no default); subnet subnet-0abc is not in this template.',
    ]);
    const two = scan(vpcFunction(['!Ref PrivateSubnetA', '!Ref PrivateSubnetA', '!Ref PrivateSubnetB']));
    expect(two.passed.map((f) => f.message)).toEqual([
      "The function's subnets span 2 Availability Zones (us-east-1a, us-east-1b).",
    ]);
  });

  it('fails subnets with the same AvailabilityZoneId, and passes two zone IDs', () => {
    const subnets =
      subnet('Id1', 'x').replace('AvailabilityZone: x', 'AvailabilityZoneId: use1-az1') +
      subnet('Id1Again', 'x').replace('AvailabilityZone: x', 'AvailabilityZoneId: use1-az1') +
      subnet('Id2', 'x').replace('AvailabilityZone: x', 'AvailabilityZoneId: use1-az2');
    const one = scan(subnets + vpcFunction(['!Ref Id1', '!Ref Id1Again']));
    expect(one.failed.map((f) => f.message)).toEqual([
      'All 2 subnets of the function are in the same Availability Zone (zone ID use1-az1).',
    ]);
    const two = scan(subnets + vpcFunction(['!Ref Id1', '!Ref Id2']));
    expect(two.passed.map((f) => f.message)).toEqual([
      "The function's subnets span 2 Availability Zones (zone IDs use1-az1, use1-az2).",
    ]);
  });

  it('is unknown for a zone ID beside a zone name: accounts map names to zones each their own way', () => {
    const subnets = subnet('Id1', 'x').replace('AvailabilityZone: x', 'AvailabilityZoneId: use1-az1');
    const { failed, passed, unknown } = scan(subnets + vpcFunction(['!Ref Id1', '!Ref PrivateSubnetA']));
    expect([failed, passed]).toEqual([[], []]);
    expect(unknown.map((f) => f.message)).toEqual([
      "Cannot count the Availability Zones the function spans: its subnets' zones (zone ID use1-az1, us-east-1a) " +
        'are given in ways that cannot be compared before deploy.',
    ]);
  });

  it('passes zones written as the region and two letters, and fails one letter, in whatever region', () => {
    const subnets =
      subnet('ZoneA', "!Sub '${AWS::Region}a'") +
      subnet('ZoneB', "!Sub '${AWS::Region}b'") +
      subnet('ZoneAAgain', '!Join ["", [!Ref AWS::Region, a]]');
    const two = scan(subnets + vpcFunction(['!Ref ZoneA', '!Ref ZoneB']));
    expect(two.passed.map((f) => f.message)).toEqual([
      "The function's subnets span 2 Availability Zones (zones a and b of the region).",
    ]);
    const one = scan(subnets + vpcFunction(['!Ref ZoneA', '!Ref ZoneAAgain']));
    expect(one.failed.map((f) => f.message)).toEqual([
      'All 2 subnets of the function are in the same Availability Zone (zone a of the region).',
    ]);
  });

  it('fails a letter of the region beside the same letter of a named Region: the stack deploys only there', () => {
    const resources =
      subnet('ZoneA', "!Sub '${AWS::Region}a'") + vpcFunction(['!Ref PrivateSubnetA', '!Ref ZoneA']);
    const { failed, passed, unknown } = scan(resources);
    expect([passed, unknown]).toEqual([[], []]);
    expect(failed.map((f) => [f.message, f.property])).toEqual([
      [
        'All 2 subnets of the function are in the same Availability Zone (us-east-1a): a stack with a subnet in ' +
          'us-east-1a deploys only in us-east-1, where zone a of the region is us-east-1a.',
        'VpcConfig.SubnetIds',
      ],
    ]);
  });

  it('passes a letter of the region beside another letter of a named Region', () => {
    const resources =
      subnet('ZoneB', "!Sub '${AWS::Region}b'") + vpcFunction(['!Ref PrivateSubnetA', '!Ref ZoneB']);
    const { failed, passed } = scan(resources);
    expect(failed).toEqual([]);
    expect(passed.map((f) => f.message)).toEqual([
      "The function's subnets span 2 Availability Zones (us-east-1a, us-east-1b).",
    ]);
  });

  it('is unknown for a letter of the region beside zone names that give no Region, or two', () => {
    const local = subnet('Lax', 'us-west-2-lax-1a') + subnet('ZoneA', "!Sub '${AWS::Region}a'");
    const beside = scan(local + vpcFunction(['!Ref Lax', '!Ref ZoneA']));
    expect([beside.failed, beside.passed]).toEqual([[], []]);
    expect(beside.unknown.map((f) => f.message)).toEqual([
      "Cannot count the Availability Zones the function spans: its subnets' zones (us-west-2-lax-1a, zone a of the " +
        'region) are given in ways that cannot be compared before deploy.',
    ]);
    const index = subnet('ZoneA', "!Sub '${AWS::Region}a'") + subnet('Az0', "!Select [0, !GetAZs '']");
    const withIndex = scan(index + vpcFunction(['!Ref PrivateSubnetA', '!Ref ZoneA', '!Ref Az0']));
    expect([withIndex.failed, withIndex.passed]).toEqual([[], []]);
    expect(withIndex.unknown.map((f) => f.message)).toEqual([
      "Cannot count the Availability Zones the function spans: its subnets' zones (us-east-1a, the first zone of " +
        'the region) are given in ways that cannot be compared before deploy.',
    ]);
  });

  it('passes zones chosen with !Select over !GetAZs at different indexes, and fails the same index', () => {
    const subnets =
      subnet('Az0', "!Select [0, !GetAZs '']") +
      subnet('Az1', "!Select [1, !GetAZs '']") +
      subnet('Az0Again', "!Select [0, !GetAZs '']");
    const two = scan(subnets + vpcFunction(['!Ref Az0', '!Ref Az1']));
    expect(two.failed).toEqual([]);
    expect(two.passed.map((f) => f.message)).toEqual([
      "The function's subnets span 2 Availability Zones (the first and second zones of the region).",
    ]);
    const one = scan(subnets + vpcFunction(['!Ref Az0', '!Ref Az0Again']));
    expect(one.failed.map((f) => f.message)).toEqual([
      'All 2 subnets of the function are in the same Availability Zone (the first zone of the region).',
    ]);
  });

  it('is unknown for a zone of the region beside one it cannot see', () => {
    const resources = subnet('Az0', "!Select [0, !GetAZs '']") + vpcFunction(['!Ref Az0', 'subnet-0abc']);
    const { failed, unknown } = scan(resources);
    expect(failed).toEqual([]);
    expect(unknown).toHaveLength(1);
  });

  it('is unknown when SubnetIds comes from a parameter without default', () => {
    const fn = vpcFunction(['x']).replace(/SubnetIds:\n {10}- x\n/, 'SubnetIds: !Ref Subnets\n');
    const { failed, unknown } = scan(fn, 'Parameters:\n  Subnets: { Type: "List<AWS::EC2::Subnet::Id>" }\n');
    expect(failed).toEqual([]);
    expect(unknown).toHaveLength(1);
    expect(unknown[0]?.message).toContain('parameter Subnets');
  });

  it('reports on the SAM function, and passes one spanning two zones', () => {
    const resources =
      samVpcFunction(['!Ref PrivateSubnetA'], ['sg-0abc'], 'OneZone') +
      samVpcFunction(['!Ref PrivateSubnetA', '!Ref PrivateSubnetB'], ['sg-0abc'], 'TwoZones');
    const { failed, passed, errors } = scan(resources, SAM_TRANSFORM);
    expect(errors).toEqual([]);
    expect(failed.map((f) => f.resource.id)).toEqual(['OneZone']);
    expect(passed.map((f) => f.resource.id)).toEqual(['TwoZones']);
  });

  it('sees a VpcConfig that SAM functions inherit from Globals', () => {
    const globals = `${SAM_TRANSFORM}Globals:\n  Function:\n    VpcConfig:\n      SubnetIds: [subnet-0abc]\n      SecurityGroupIds: [sg-0abc]\n`;
    const fn = samVpcFunction(['x']).replace(/ {6}VpcConfig:\n[\s\S]*$/, '');
    const { failed } = scan(fn, globals);
    expect(failed).toHaveLength(1);
    expect(failed[0]?.resource.id).toBe('SamFn');
    expect(failed[0]?.message).toContain('single subnet (subnet-0abc)');
  });

  it('does not concern a function outside a VPC', () => {
    expect(scan(PLAIN_FUNCTION).findings).toEqual([]);
  });
});

describe('lambda.vpc-single-az, where a subnet before the only one left is removed (AWS::NoValue)', () => {
  it('points at the subnet as written', () => {
    const line = (text: string) => lineOf(text, '- !Ref PrivateSubnetA', '  Fn:');
    const written = scan(vpcFunction(['!Ref AWS::NoValue', '!Ref PrivateSubnetA']));
    expect(written.failed.map((f) => [f.property, f.location.line])).toEqual([
      ['VpcConfig.SubnetIds.1', line(written.text)],
    ]);
    const chosen = scan(
      vpcFunction(['!If [IsProd, !Ref AWS::NoValue, !Ref PrivateSubnetB]', '!Ref PrivateSubnetA']),
      'Parameters:\n  Env: { Type: String, Default: prod }\nConditions:\n  IsProd: !Equals [!Ref Env, prod]\n',
    );
    expect(chosen.failed.map((f) => [f.property, f.location.line])).toEqual([
      ['VpcConfig.SubnetIds.1', line(chosen.text)],
    ]);
  });
});
