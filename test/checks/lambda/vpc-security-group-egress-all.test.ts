// biome-ignore-all lint/suspicious/noTemplateCurlyInString: CloudFormation `${...}` templates are written in these tests
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import check from '../../../src/checks/lambda/vpc-security-group-egress-all.js';
import { scanCdkOut } from '../../helpers/cdk-out.js';
import { defaultHeader, MAYBE_MADE_HEADER, type Nesting, scanNestings } from '../../helpers/nestings.js';
import { template } from '../../helpers/scan-template.js';
import {
  lineOf,
  NETWORK,
  networkScanner,
  PLAIN_FUNCTION,
  SAM_TRANSFORM,
  samVpcFunction,
  vpcFunction,
} from './vpc-fixture.js';

const group = (id: string, egress?: string) => `  ${id}:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: ${id}
      VpcId: !Ref Vpc
${egress === undefined ? '' : `      SecurityGroupEgress:\n${egress}`}`;

const standaloneEgress = (id: string, groupId: string, rule: string) => `  ${id}:
    Type: AWS::EC2::SecurityGroupEgress
    Properties:
      GroupId: !GetAtt ${groupId}.GroupId
${rule}`;

const HTTPS_ONLY = '        - { IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 0.0.0.0/0 }\n';

const scan = networkScanner(check);

describe('lambda.vpc-security-group-egress-all', () => {
  it('fails a group that declares no egress: AWS adds its allow-all rule, and says so', () => {
    const { text, failed, errors } = scan(
      group('FnSg') + vpcFunction(['!Ref PrivateSubnetA'], ['!Ref FnSg']),
    );
    expect(errors).toEqual([]);
    expect(failed).toHaveLength(1);
    expect(failed[0]?.resource.id).toBe('Fn');
    expect(failed[0]?.message).toContain('declares no egress rules');
    expect(failed[0]?.message).toContain('default rule');
    expect(failed[0]?.message).not.toContain('standalone');
    expect(failed[0]?.location.line).toBe(lineOf(text, '  FnSg:'));
  });

  it('fails the implicit rule even when standalone egress resources add rules of their own', () => {
    const resources =
      group('FnSg') +
      standaloneEgress(
        'FnSgHttps',
        'FnSg',
        '      IpProtocol: tcp\n      FromPort: 443\n      ToPort: 443\n      CidrIp: 10.0.0.0/16\n',
      ) +
      vpcFunction(['!Ref PrivateSubnetA'], ['!GetAtt FnSg.GroupId']);
    const { failed } = scan(resources);
    expect(failed).toHaveLength(1);
    expect(failed[0]?.message).toContain(
      'standalone AWS::EC2::SecurityGroupEgress resources do not remove it',
    );
  });

  it('fails an explicit all-protocols rule to 0.0.0.0/0 and points at the rule', () => {
    const { text, failed } = scan(
      group('FnSg', '        - IpProtocol: "-1"\n          CidrIp: 0.0.0.0/0\n') +
        vpcFunction(['!Ref PrivateSubnetA'], ['!Ref FnSg']),
    );
    expect(failed).toHaveLength(1);
    expect(failed[0]?.message).toBe('Security group FnSg allows all traffic to 0.0.0.0/0.');
    expect(failed[0]?.location.line).toBe(lineOf(text, 'IpProtocol: "-1"'));
  });

  it('names each open rule of the group, IPv4 and IPv6, so that both are removed', () => {
    const { failed } = scan(
      group(
        'FnSg',
        '        - IpProtocol: "-1"\n          CidrIp: 0.0.0.0/0\n        - IpProtocol: "-1"\n          CidrIpv6: ::/0\n',
      ) + vpcFunction(['!Ref PrivateSubnetA'], ['!Ref FnSg']),
    );
    expect(failed.map((f) => f.message)).toEqual([
      'Security group FnSg allows all traffic to 0.0.0.0/0. It also allows all traffic to ::/0.',
    ]);
  });

  it('fails a standalone egress rule opening every TCP port to ::/0, on that resource', () => {
    const resources =
      group('FnSg', HTTPS_ONLY) +
      standaloneEgress(
        'FnSgAll',
        'FnSg',
        '      IpProtocol: tcp\n      FromPort: 0\n      ToPort: 65535\n      CidrIpv6: ::/0\n',
      ) +
      vpcFunction(['!Ref PrivateSubnetA'], ['!Ref FnSg']);
    const { text, failed } = scan(resources);
    expect(failed).toHaveLength(1);
    expect(failed[0]?.message).toContain('TCP ports 0-65535 to ::/0');
    expect(failed[0]?.location.line).toBe(lineOf(text, '  FnSgAll:'));
  });

  it('words TCP ports -1 to -1 as AWS may read them (every port), not as a range "-1--1"', () => {
    const resources =
      group('FnSg', HTTPS_ONLY) +
      standaloneEgress(
        'FnSgAll',
        'FnSg',
        '      IpProtocol: tcp\n      FromPort: -1\n      ToPort: -1\n      CidrIp: 0.0.0.0/0\n',
      ) +
      vpcFunction(['!Ref PrivateSubnetA'], ['!Ref FnSg']);
    const { failed } = scan(resources);
    expect(failed.map((f) => f.message)).toEqual([
      'Security group FnSg allows every TCP port (FromPort and ToPort -1, which AWS documents for ICMP only: ' +
        'for TCP it takes them as every port or refuses the rule) to 0.0.0.0/0 through AWS::EC2::SecurityGroupEgress FnSgAll.',
    ]);
  });

  it('names a standalone rule to 0.0.0.0/0 on a group with no egress of its own, and says the default stays', () => {
    const resources =
      group('FnSg') +
      standaloneEgress('FnSgAll', 'FnSg', '      IpProtocol: -1\n      CidrIp: 0.0.0.0/0\n') +
      vpcFunction(['!Ref PrivateSubnetA'], ['!GetAtt FnSg.GroupId']);
    const { text, failed, errors } = scan(resources);
    expect(errors).toEqual([]);
    expect(failed.map((f) => f.message)).toEqual([
      'Security group FnSg allows all traffic to 0.0.0.0/0 through AWS::EC2::SecurityGroupEgress FnSgAll. ' +
        'Removing it is not enough: the group declares no egress rules in SecurityGroupEgress, so AWS also ' +
        'keeps its default rule allowing all outbound traffic to anywhere.',
    ]);
    expect(failed[0]?.location.line).toBe(lineOf(text, '  FnSgAll:'));
    expect(failed[0]?.evidence?.rule).toBe('all traffic to 0.0.0.0/0');
  });

  it('is still unknown, not failed, when the standalone rule’s destination comes from a parameter and the group has egress', () => {
    const resources =
      group('FnSg', HTTPS_ONLY.replace('0.0.0.0/0', '10.0.0.0/16')) +
      standaloneEgress('FnSgAny', 'FnSg', '      IpProtocol: -1\n      CidrIp: !Ref Destination\n') +
      vpcFunction(['!Ref PrivateSubnetA'], ['!Ref FnSg']);
    const { failed, unknown } = scan(resources, 'Parameters:\n  Destination: { Type: String }\n');
    expect(failed).toEqual([]);
    expect(unknown[0]?.message).toContain('from parameter Destination, which has no default');
  });

  it("is unknown where a standalone rule's GroupId is other text made from the group's id: most likely on it", () => {
    const onGroup = (groupId: string, rule: string) =>
      standaloneEgress('FnSgAll', 'FnSg', rule).replace('!GetAtt FnSg.GroupId', groupId);
    const limited = group('FnSg', HTTPS_ONLY.replace('0.0.0.0/0', '10.0.0.0/16'));
    const all = '      IpProtocol: -1\n      CidrIp: 0.0.0.0/0\n';
    for (const groupId of ["!Join ['', [!Ref FnSg, '']]", "!Join ['', [!GetAtt FnSg.GroupId, '']]"]) {
      const { failed, unknown } = scan(
        limited + onGroup(groupId, all) + vpcFunction(['!Ref PrivateSubnetA'], ['!Ref FnSg']),
      );
      expect(failed, groupId).toEqual([]);
      expect(
        unknown.map((f) => f.message),
        groupId,
      ).toEqual([
        "Cannot tell whether the function's egress is open: egress rule FnSgAll may be on security group FnSg: its " +
          'GroupId may name that group, which cannot be told before deploy.',
      ]);
    }
    // `!Sub '${G.GroupId}'` is `!GetAtt G.GroupId` (Fn::Sub): the rule is on that group.
    const bySub = scan(
      limited + onGroup("!Sub '${FnSg.GroupId}'", all) + vpcFunction(['!Ref PrivateSubnetA'], ['!Ref FnSg']),
    );
    expect(bySub.failed.map((f) => f.resource.id)).toEqual(['Fn']);
    // One that cannot open the group (one port) leaves it as it is.
    const onePort =
      '      IpProtocol: tcp\n      FromPort: 443\n      ToPort: 443\n      CidrIp: 0.0.0.0/0\n';
    const { passed, unknown } = scan(
      limited +
        onGroup("!Sub '${FnSg.GroupId}'", onePort) +
        vpcFunction(['!Ref PrivateSubnetA'], ['!Ref FnSg']),
    );
    expect(unknown).toEqual([]);
    expect(passed).toHaveLength(1);
  });

  it('names a protocol given by its number, and the number', () => {
    const rules =
      '        - { IpProtocol: "6", FromPort: 0, ToPort: 65535, CidrIpv6: ::/0 }\n' +
      '        - { IpProtocol: "17", FromPort: 0, ToPort: 65535, CidrIp: 0.0.0.0/0 }\n';
    const { failed } = scan(group('FnSg', rules) + vpcFunction(['!Ref PrivateSubnetA'], ['!Ref FnSg']));
    expect(failed.map((f) => f.message)).toEqual([
      'Security group FnSg allows TCP (protocol 6) ports 0-65535 to ::/0. It also allows UDP (protocol 17) ports ' +
        '0-65535 to 0.0.0.0/0.',
    ]);
  });

  it('names every open group in one finding', () => {
    const resources =
      group('FnSg') + group('OtherSg') + vpcFunction(['!Ref PrivateSubnetA'], ['!Ref FnSg', '!Ref OtherSg']);
    const { failed } = scan(resources);
    expect(failed).toHaveLength(1);
    expect(failed[0]?.message).toContain('Security group FnSg declares no egress rules');
    expect(failed[0]?.message).toContain('So does OtherSg.');
    expect(failed[0]?.evidence).toEqual({
      securityGroup: 'FnSg',
      rule: 'AWS default rule: all outbound traffic',
    });
  });

  it('passes groups whose egress is limited by port or destination', () => {
    const resources =
      group('FnSg', HTTPS_ONLY) +
      group('DbSg', '        - { IpProtocol: "-1", CidrIp: 10.0.0.0/16 }\n') +
      vpcFunction(['!Ref PrivateSubnetA'], ['!Ref FnSg', '!Ref DbSg']);
    const { failed, unknown, passed } = scan(resources);
    expect(failed).toEqual([]);
    expect(unknown).toEqual([]);
    expect(passed).toHaveLength(1);
  });

  it('passes the rule CDK writes to switch the default egress off', () => {
    const cdk = '        - { IpProtocol: icmp, FromPort: 252, ToPort: 86, CidrIp: 255.255.255.255/32 }\n';
    const { failed, passed } = scan(group('FnSg', cdk) + vpcFunction(['!Ref PrivateSubnetA'], ['!Ref FnSg']));
    expect(failed).toEqual([]);
    expect(passed).toHaveLength(1);
  });

  it('is unknown for a security group given as a literal id', () => {
    const { failed, unknown } = scan(vpcFunction(['!Ref PrivateSubnetA'], ['sg-0abc']));
    expect(failed).toEqual([]);
    expect(unknown).toHaveLength(1);
    expect(unknown[0]?.message).toContain('security group sg-0abc is not in this template');
  });

  it('names an empty security group id as "", never as nothing', () => {
    const { unknown } = scan(vpcFunction(['!Ref PrivateSubnetA'], ["''"]));
    expect(unknown.map((f) => f.message)).toEqual([
      'Cannot tell whether the function\'s egress is open: security group "" is not in this template.',
    ]);
  });

  it('names a security group parameter listed twice once: it is one group', () => {
    const header = 'Parameters:\n  Given: { Type: AWS::EC2::SecurityGroup::Id }\n';
    const { unknown } = scan(vpcFunction(['!Ref PrivateSubnetA'], ['!Ref Given', '!Ref Given']), header);
    expect(unknown.map((f) => f.message)).toEqual([
      "Cannot tell whether the function's egress is open: a security group id is not known before deploy (from " +
        'parameter Given, which has no default).',
    ]);
  });

  it('is unknown for a security group imported from another stack', () => {
    const { failed, unknown } = scan(vpcFunction(['!Ref PrivateSubnetA'], ['!ImportValue shared-lambda-sg']));
    expect(failed).toEqual([]);
    expect(unknown).toHaveLength(1);
    expect(unknown[0]?.message).toContain('imported from another stack');
  });

  it('is unknown when the destination of an all-protocols rule comes from a parameter without default', () => {
    const { failed, unknown } = scan(
      group('FnSg', '        - { IpProtocol: "-1", CidrIp: !Ref EgressCidr }\n') +
        vpcFunction(['!Ref PrivateSubnetA'], ['!Ref FnSg']),
      'Parameters:\n  EgressCidr: { Type: String }\n',
    );
    expect(failed).toEqual([]);
    expect(unknown).toHaveLength(1);
    expect(unknown[0]?.message).toContain('parameter EgressCidr');
  });

  it('fails an open group even when another group cannot be seen (rules add up)', () => {
    const { failed } = scan(group('FnSg') + vpcFunction(['!Ref PrivateSubnetA'], ['sg-0abc', '!Ref FnSg']));
    expect(failed).toHaveLength(1);
  });

  it('judges the groups when only the subnets are unknown', () => {
    const fn = vpcFunction(['x'], ['!Ref FnSg']).replace(
      /SubnetIds:\n {10}- x\n/,
      'SubnetIds: !Ref Subnets\n',
    );
    const { failed } = scan(
      group('FnSg') + fn,
      'Parameters:\n  Subnets: { Type: "List<AWS::EC2::Subnet::Id>" }\n',
    );
    expect(failed).toHaveLength(1);
  });

  it('names each group once when Globals and the SAM function both list it', () => {
    const globals = `${SAM_TRANSFORM}Globals:\n  Function:\n    VpcConfig:\n      SubnetIds: [!Ref PrivateSubnetA]\n      SecurityGroupIds: [!Ref FnSg]\n`;
    const { passed } = scan(
      group('FnSg', HTTPS_ONLY) + samVpcFunction(['!Ref PrivateSubnetB'], ['!Ref FnSg']),
      globals,
    );
    expect(passed.map((f) => f.message)).toEqual([
      'No security group of the function (FnSg) allows all outbound traffic to the internet.',
    ]);
  });

  it('reports on the SAM function whose group is open', () => {
    const { failed, errors } = scan(
      group('FnSg') + samVpcFunction(['!Ref PrivateSubnetA'], ['!Ref FnSg']),
      SAM_TRANSFORM,
    );
    expect(errors).toEqual([]);
    expect(failed).toHaveLength(1);
    expect(failed[0]?.resource.id).toBe('SamFn');
  });

  it('does not concern a function outside a VPC', () => {
    expect(scan(PLAIN_FUNCTION).findings).toEqual([]);
  });
});

describe('lambda.vpc-security-group-egress-all on the default security group of a VPC of the template', () => {
  const DEFAULT = '!GetAtt Vpc.DefaultSecurityGroup';
  const onDefault = (id: string, rule: string) =>
    standaloneEgress(id, 'Vpc', rule).replace('Vpc.GroupId', 'Vpc.DefaultSecurityGroup');
  const HTTPS_IN_VPC =
    '      IpProtocol: tcp\n      FromPort: 443\n      ToPort: 443\n      CidrIp: 10.0.0.0/16\n';

  it('fails: AWS gives the group an allow-all egress rule that no CloudFormation property removes', () => {
    const { failed, unknown, errors } = scan(vpcFunction(['!Ref PrivateSubnetA'], [DEFAULT]));
    expect(errors).toEqual([]);
    expect(unknown).toEqual([]);
    expect(failed.map((f) => [f.message, f.property])).toEqual([
      [
        "The function uses the default security group of Vpc, which keeps AWS's default rule allowing all outbound " +
          'traffic to anywhere: no CloudFormation property removes it.',
        'VpcConfig.SecurityGroupIds',
      ],
    ]);
    expect(failed[0]?.evidence).toEqual({
      securityGroup: 'the default security group of Vpc',
      rule: 'AWS default rule: all outbound traffic',
    });
  });

  it('still fails when an AWS::EC2::SecurityGroupEgress adds a narrow rule to it: that only adds', () => {
    const { failed } = scan(
      onDefault('DefaultHttps', HTTPS_IN_VPC) + vpcFunction(['!Ref PrivateSubnetA'], [DEFAULT]),
    );
    expect(failed.map((f) => f.message)).toEqual([
      "The function uses the default security group of Vpc, which keeps AWS's default rule allowing all outbound " +
        'traffic to anywhere: no CloudFormation property removes it, and AWS::EC2::SecurityGroupEgress resources on ' +
        'it only add rules.',
    ]);
  });

  it('names an open rule an AWS::EC2::SecurityGroupEgress adds to it, and says the default stays', () => {
    const { text, failed } = scan(
      onDefault('DefaultAll', '      IpProtocol: -1\n      CidrIpv6: ::/0\n') +
        vpcFunction(['!Ref PrivateSubnetA'], [DEFAULT]),
    );
    expect(failed.map((f) => f.message)).toEqual([
      'The default security group of Vpc allows all traffic to ::/0 through AWS::EC2::SecurityGroupEgress ' +
        "DefaultAll. Removing it is not enough: the default security group of Vpc also keeps AWS's default rule " +
        'allowing all outbound traffic to anywhere.',
    ]);
    expect(failed[0]?.location.line).toBe(lineOf(text, '  DefaultAll:'));
  });

  it('names it beside another open group', () => {
    const { failed } = scan(group('FnSg') + vpcFunction(['!Ref PrivateSubnetA'], ['!Ref FnSg', DEFAULT]));
    expect(failed[0]?.message).toContain('So does the default security group of Vpc.');
  });

  it('is unknown when a custom resource is given the group: it may change its rules (CDK revokes them)', () => {
    const restrict = `  RestrictDefault:
    Type: Custom::VpcRestrictDefaultSG
    Properties:
      ServiceToken: arn:aws:lambda:us-east-1:123456789012:function:restrict
      DefaultSecurityGroupId: !GetAtt Vpc.DefaultSecurityGroup
`;
    const { failed, unknown } = scan(restrict + vpcFunction(['!Ref PrivateSubnetA'], [DEFAULT]));
    expect(failed).toEqual([]);
    expect(unknown.map((f) => f.message)).toEqual([
      "Cannot tell whether the function's egress is open: the egress rules of the default security group of Vpc " +
        'are not known before deploy (custom resource RestrictDefault (Custom::VpcRestrictDefaultSG) is given the ' +
        'default security group of Vpc and may change its rules).',
    ]);
    const bySub = restrict.replace('!GetAtt Vpc.DefaultSecurityGroup', "!Sub '${Vpc.DefaultSecurityGroup}'");
    expect(scan(bySub + vpcFunction(['!Ref PrivateSubnetA'], [DEFAULT])).unknown).toHaveLength(1);
  });

  it('still fails when a custom resource is given only the VPC, not its default group', () => {
    const other = `  Other:
    Type: AWS::CloudFormation::CustomResource
    Properties:
      ServiceToken: arn:aws:lambda:us-east-1:123456789012:function:other
      VpcId: !Ref Vpc
`;
    expect(scan(other + vpcFunction(['!Ref PrivateSubnetA'], [DEFAULT])).failed).toHaveLength(1);
  });
});

describe('lambda.vpc-security-group-egress-all on a template nested more than once', () => {
  /** child.yaml: function Fn in group FnSg, whose one rule lets all traffic out to parameter Cidr. */
  const CHILD = template(
    NETWORK +
      group('FnSg', '        - { IpProtocol: -1, CidrIp: !Ref Cidr }\n') +
      vpcFunction(['!Ref PrivateSubnetA'], ['!Ref FnSg']),
    'Parameters:\n  Cidr:\n    Type: String\n',
  );
  const cidrs = (...texts: string[]) => texts.map((text) => ({ parameters: { Cidr: text } }));
  const found = (scan: ReturnType<typeof scanNestings>) =>
    scan.of('lambda.vpc-security-group-egress-all', 'Fn');

  it('fails when one nesting gives 0.0.0.0/0: that copy of the group is deployed so, and the finding says which', () => {
    const result = found(scanNestings(CHILD, cidrs('10.0.0.0/16', '0.0.0.0/0')));
    expect(result.map((f) => f.status)).toEqual(['fail']);
    expect(result[0]?.message).toBe(
      'Security group FnSg allows all traffic to 0.0.0.0/0 where ${Cidr} is one of 10.0.0.0/16, 0.0.0.0/0 (from ' +
        'parameter Cidr, which the stacks nesting this template give different values (Copy1 in parent.yaml, Copy2 ' +
        'in parent.yaml)), each deployed by its own copy.',
    );
  });

  it('passes when every nesting gives a range inside the VPC', () => {
    expect(found(scanNestings(CHILD, cidrs('10.0.0.0/16', '10.1.0.0/16'))).map((f) => f.status)).toEqual([
      'pass',
    ]);
  });

  it('is unknown when the nesting giving 0.0.0.0/0 may not be made, or gives it by default', () => {
    const maybe: Nesting = { parameters: { Cidr: '0.0.0.0/0' }, condition: 'IsOld' };
    const conditional = scanNestings(CHILD, [...cidrs('10.0.0.0/16'), maybe], MAYBE_MADE_HEADER);
    expect(found(conditional).map((f) => f.status)).toEqual(['unknown']);
    const byDefault = scanNestings(CHILD, cidrs('10.0.0.0/16', '!Ref Given'), defaultHeader('0.0.0.0/0'));
    expect(found(byDefault).map((f) => f.status)).toEqual(['unknown']);
  });
});

describe('lambda.vpc-security-group-egress-all on a security group of a nested stack scanned with it', () => {
  /** parent.yaml nests net.yaml, whose output FnSg is its group Sg (with `egress` and `parameters`), and gives it to Fn. */
  /** Also `own`, resources of parent.yaml (the function's template); net.yaml gives a group Other as output OtherSg. */
  const scanNested = (egress: string, parameters = '', resources = '', own = '') => {
    const dir = mkdtempSync(join(tmpdir(), 'parapet-nested-sg-'));
    const net = template(NETWORK + group('Sg', egress || undefined) + resources, parameters).replace(
      /$/,
      'Outputs:\n  FnSg:\n    Value: !GetAtt Sg.GroupId\n' +
        (resources.includes('  Other:\n') ? '  OtherSg:\n    Value: !GetAtt Other.GroupId\n' : ''),
    );
    const parent = template(
      '  Net:\n    Type: AWS::CloudFormation::Stack\n    Properties:\n      TemplateURL: ./net.yaml\n' +
        own +
        vpcFunction(['subnet-0abc', 'subnet-0def'], ['!GetAtt Net.Outputs.FnSg']),
    );
    writeFileSync(join(dir, 'net.yaml'), net);
    writeFileSync(join(dir, 'parent.yaml'), parent);
    return { parent, found: scanCdkOut(dir).of('lambda.vpc-security-group-egress-all', 'Fn') };
  };

  it('fails a group with no egress rules, on the function that uses it, naming the stack', () => {
    const { parent, found } = scanNested('');
    expect(found.map((f) => [f.status, f.message])).toEqual([
      [
        'fail',
        'Security group Sg of stack net.yaml declares no egress rules in SecurityGroupEgress, so AWS keeps its ' +
          'default rule allowing all outbound traffic to anywhere.',
      ],
    ]);
    expect(found[0]?.location.file).toContain('parent.yaml');
    expect(found[0]?.location.line).toBe(lineOf(parent, 'SecurityGroupIds:', '  Fn:'));
  });

  it('passes a group whose egress is limited', () => {
    const { found } = scanNested(HTTPS_ONLY.replace('0.0.0.0/0', '10.0.0.0/16'));
    expect(found.map((f) => [f.status, f.message])).toEqual([
      [
        'pass',
        'No security group of the function (Sg of stack net.yaml) allows all outbound traffic to the internet.',
      ],
    ]);
  });

  it("is unknown when that stack's parameter defaults decide its rules", () => {
    const { found } = scanNested(
      '        - { IpProtocol: "-1", CidrIp: !Ref Cidr }\n',
      'Parameters:\n  Cidr: { Type: String, Default: 10.0.0.0/16 }\n',
    );
    expect(found.map((f) => [f.status, f.message])).toEqual([
      [
        'unknown',
        "Cannot tell whether the function's egress is open: the egress rules of security group Sg of stack net.yaml " +
          'are not known before deploy (stack net.yaml decides them by its parameters or conditions, which a deploy ' +
          'may change).',
      ],
    ]);
  });

  it('is unknown, not passed, when a standalone rule of it has a condition, whether the defaults make it false or not', () => {
    // That stack's model is built with its defaults: the allow-all rule IsProd adds is not in it where Env is dev.
    const allOut = standaloneEgress(
      'AllOut',
      'Sg',
      '      IpProtocol: -1\n      CidrIp: 0.0.0.0/0\n',
    ).replace(
      'Type: AWS::EC2::SecurityGroupEgress\n',
      'Type: AWS::EC2::SecurityGroupEgress\n    Condition: IsProd\n',
    );
    const limited = HTTPS_ONLY.replace('0.0.0.0/0', '10.0.0.0/16');
    for (const env of ['{ Type: String, Default: dev }', '{ Type: String }']) {
      const header = `Parameters:\n  Env: ${env}\nConditions:\n  IsProd: !Equals [!Ref Env, prod]\n`;
      const { found } = scanNested(limited, header, allOut);
      expect(found.map((f) => [f.status, f.message])).toEqual([
        [
          'unknown',
          "Cannot tell whether the function's egress is open: the egress rules of security group Sg of stack " +
            'net.yaml are not known before deploy (stack net.yaml decides them by its parameters or conditions, ' +
            'which a deploy may change).',
        ],
      ]);
    }
  });
  it('passes when the standalone rule a condition adds cannot open the group: one port, to the VPC', () => {
    const narrow = standaloneEgress(
      'Db',
      'Sg',
      '      IpProtocol: tcp\n      FromPort: 5432\n      ToPort: 5432\n      CidrIp: 10.0.0.0/16\n',
    ).replace(
      'Type: AWS::EC2::SecurityGroupEgress\n',
      'Type: AWS::EC2::SecurityGroupEgress\n    Condition: IsProd\n',
    );
    const limited = HTTPS_ONLY.replace('0.0.0.0/0', '10.0.0.0/16');
    for (const env of ['{ Type: String, Default: dev }', '{ Type: String }']) {
      const header = `Parameters:\n  Env: ${env}\nConditions:\n  IsProd: !Equals [!Ref Env, prod]\n`;
      const { found } = scanNested(limited, header, narrow);
      expect(
        found.map((f) => [f.status, f.message]),
        env,
      ).toEqual([
        [
          'pass',
          'No security group of the function (Sg of stack net.yaml) allows all outbound traffic to the internet.',
        ],
      ]);
      // Its port chosen by the condition: what it adds rests on the choice, and may be anything.
      const chosenPort = narrow.replace('FromPort: 5432', 'FromPort: !If [IsProd, 5432, 0]');
      expect(
        scanNested(limited, header, chosenPort).found.map((f) => f.status),
        env,
      ).toEqual(['unknown']);
    }
  });

  it("fails, or is unknown, when the function's template adds an allow-all egress rule to a group it does not declare", () => {
    const limited = HTTPS_ONLY.replace('0.0.0.0/0', '10.0.0.0/16');
    const allOut = (groupId: string) =>
      standaloneEgress('AllOut', 'X', '      IpProtocol: -1\n      CidrIp: 0.0.0.0/0\n').replace(
        'GroupId: !GetAtt X.GroupId',
        `GroupId: ${groupId}`,
      );
    const other = group('Other', limited);
    // That stack's model holds the group without the rule parent.yaml adds to it: known to be it, the rule opens it.
    const { found: onIt } = scanNested(limited, '', other, allOut('!GetAtt Net.Outputs.FnSg'));
    expect(onIt.map((f) => [f.status, f.message])).toEqual([
      [
        'fail',
        'Security group Sg of stack net.yaml allows all traffic to 0.0.0.0/0 through AWS::EC2::SecurityGroupEgress AllOut.',
      ],
    ]);
    // On a group id it is given, it may be it.
    const { found } = scanNested(limited, '', other, allOut('sg-0123456789abcdef0'));
    expect(found.map((f) => [f.status, f.message])).toEqual([
      [
        'unknown',
        "Cannot tell whether the function's egress is open: security group Sg of stack net.yaml: this template " +
          'adds an egress rule to a security group it does not declare (AllOut), which may be it.',
      ],
    ]);
    // A rule that cannot open anything (one port, to the VPC) leaves the group as that stack's model shows it.
    const narrow = standaloneEgress(
      'ToDb',
      'X',
      '      IpProtocol: tcp\n      FromPort: 5432\n      ToPort: 5432\n      CidrIp: 10.0.0.0/16\n',
    ).replace('GroupId: !GetAtt X.GroupId', 'GroupId: sg-0123456789abcdef0');
    expect(scanNested(limited, '', other, narrow).found.map((f) => f.status)).toEqual(['pass']);
    // One whose destination is not known may open it.
    const unread = standaloneEgress(
      'Any',
      'X',
      '      IpProtocol: -1\n      CidrIp: !Ref AWS::StackName\n',
    ).replace('GroupId: !GetAtt X.GroupId', 'GroupId: !GetAtt Net.Outputs.FnSg');
    expect(scanNested(limited, '', other, unread).found.map((f) => f.status)).toEqual(['unknown']);
    // Known to be another group of that stack, it leaves Sg to be judged from that stack's model.
    const { found: onOther } = scanNested(limited, '', other, allOut('!GetAtt Net.Outputs.OtherSg'));
    expect(onOther.map((f) => f.status)).toEqual(['pass']);
    // A rule only adds: a group that stack's model shows open still fails.
    const { found: open } = scanNested('', '', other, allOut('!GetAtt Net.Outputs.FnSg'));
    expect(open.map((f) => f.status)).toEqual(['fail']);
  });

  it('is unknown, not passed, when an Fn::Select over a parameter may put an allow-all rule on it', () => {
    // Idx is 0 by default: the rule goes on Other; with Idx 1 it goes on Sg, the function's group.
    const limited = HTTPS_ONLY.replace('0.0.0.0/0', '10.0.0.0/16');
    const allOut = standaloneEgress(
      'AllOut',
      'Sg',
      '      IpProtocol: -1\n      CidrIp: 0.0.0.0/0\n',
    ).replace(
      'GroupId: !GetAtt Sg.GroupId',
      'GroupId: !Select [!Ref Idx, [!GetAtt Other.GroupId, !GetAtt Sg.GroupId]]',
    );
    const header = "Parameters:\n  Idx: { Type: String, Default: '0', AllowedValues: ['0', '1'] }\n";
    const { found } = scanNested(limited, header, group('Other', limited) + allOut);
    expect(found.map((f) => [f.status, f.message])).toEqual([
      [
        'unknown',
        "Cannot tell whether the function's egress is open: the egress rules of security group Sg of stack " +
          'net.yaml are not known before deploy (stack net.yaml decides them by its parameters or conditions, ' +
          'which a deploy may change).',
      ],
    ]);
  });
});

describe('lambda.vpc-security-group-egress-all on the default security group of a VPC of another stack', () => {
  const RESTRICT = (id: string, groupId: string) => `  ${id}:
    Type: Custom::VpcRestrictDefaultSG
    Properties:
      ServiceToken: arn:aws:lambda:us-east-1:123456789012:function:restrict
      DefaultSecurityGroupId: ${groupId}
`;
  /**
   * parent.yaml nests net.yaml (the VPC, and `child` more resources), whose outputs are the VPC's default security
   * group (DefSg) and id (VpcId), and gives Fn `groupId`; `parent` more resources of its own.
   */
  const scanNested = (groupId: string, child = '', parent = '') => {
    const dir = mkdtempSync(join(tmpdir(), 'parapet-nested-default-sg-'));
    const net = template(NETWORK + child).replace(
      /$/,
      'Outputs:\n  DefSg:\n    Value: !GetAtt Vpc.DefaultSecurityGroup\n  VpcId:\n    Value: !Ref Vpc\n',
    );
    const parentText = template(
      '  Net:\n    Type: AWS::CloudFormation::Stack\n    Properties:\n      TemplateURL: ./net.yaml\n' +
        parent +
        vpcFunction(['subnet-0abc', 'subnet-0def'], [groupId]),
    );
    writeFileSync(join(dir, 'net.yaml'), net);
    writeFileSync(join(dir, 'parent.yaml'), parentText);
    return {
      parent: parentText,
      found: scanCdkOut(dir).of('lambda.vpc-security-group-egress-all', 'Fn'),
    };
  };

  it("fails it when a nested stack's output gives it, on the function's list: it keeps AWS's allow-all rule", () => {
    const { parent, found } = scanNested('!GetAtt Net.Outputs.DefSg');
    expect(found.map((f) => [f.status, f.message])).toEqual([
      [
        'fail',
        "The function uses the default security group of Vpc of stack net.yaml, which keeps AWS's default rule " +
          'allowing all outbound traffic to anywhere: no CloudFormation property removes it.',
      ],
    ]);
    expect(found[0]?.location.file).toContain('parent.yaml');
    expect(found[0]?.location.line).toBe(lineOf(parent, 'SecurityGroupIds:', '  Fn:'));
    expect(found[0]?.evidence).toEqual({
      securityGroup: 'the default security group of Vpc of stack net.yaml',
      rule: 'AWS default rule: all outbound traffic',
    });
  });

  it('fails it however a custom resource of the parent is given another output, the VPC', () => {
    const { found } = scanNested(
      '!GetAtt Net.Outputs.DefSg',
      '',
      RESTRICT('Other', '!GetAtt Net.Outputs.VpcId'),
    );
    expect(found.map((f) => f.status)).toEqual(['fail']);
  });

  it('fails it when an import of another scanned stack gives it, and is unknown when a custom resource is given it', () => {
    const scanImport = (more: string) => {
      const dir = mkdtempSync(join(tmpdir(), 'parapet-imported-default-sg-'));
      const net = template(NETWORK).replace(
        /$/,
        'Outputs:\n  DefSg:\n    Value: !GetAtt Vpc.DefaultSecurityGroup\n    Export: { Name: net-default-sg }\n',
      );
      writeFileSync(join(dir, 'net.yaml'), net);
      writeFileSync(
        join(dir, 'app.yaml'),
        template(more + vpcFunction(['subnet-0abc', 'subnet-0def'], ['!ImportValue net-default-sg'])),
      );
      return scanCdkOut(dir).of('lambda.vpc-security-group-egress-all', 'Fn');
    };
    expect(scanImport('').map((f) => [f.status, f.message])).toEqual([
      [
        'fail',
        "The function uses the default security group of Vpc of stack net.yaml, which keeps AWS's default rule " +
          'allowing all outbound traffic to anywhere: no CloudFormation property removes it.',
      ],
    ]);
    const restricted = scanImport(RESTRICT('Restrict', '!ImportValue net-default-sg'));
    expect(restricted.map((f) => f.status)).toEqual(['unknown']);
    expect(restricted[0]?.message).toContain(
      'and custom resource Restrict (Custom::VpcRestrictDefaultSG) is given it and may change its rules',
    );
  });

  it('is unknown when a custom resource of that stack is given the group: it may change its rules', () => {
    const { found } = scanNested(
      '!GetAtt Net.Outputs.DefSg',
      RESTRICT('Restrict', '!GetAtt Vpc.DefaultSecurityGroup'),
    );
    expect(found.map((f) => [f.status, f.message])).toEqual([
      [
        'unknown',
        "Cannot tell whether the function's egress is open: the egress rules of the default security group of Vpc of " +
          'stack net.yaml are not known before deploy (custom resource Restrict (Custom::VpcRestrictDefaultSG) is ' +
          'given the default security group of Vpc and may change its rules).',
      ],
    ]);
  });

  it('is unknown when a custom resource of the parent is given the output, by GetAtt or Sub', () => {
    const { found } = scanNested(
      '!GetAtt Net.Outputs.DefSg',
      '',
      RESTRICT('Restrict', '!GetAtt Net.Outputs.DefSg'),
    );
    expect(found.map((f) => [f.status, f.message])).toEqual([
      [
        'unknown',
        "Cannot tell whether the function's egress is open: a security group id is not known before deploy (output " +
          'DefSg of nested stack Net: attribute DefaultSecurityGroup of resource Vpc of stack net.yaml, and custom ' +
          'resource Restrict (Custom::VpcRestrictDefaultSG) is given it and may change its rules).',
      ],
    ]);
    const bySub = scanNested(
      '!GetAtt Net.Outputs.DefSg',
      '',
      RESTRICT('Restrict', "!Sub '${Net.Outputs.DefSg}'"),
    );
    expect(bySub.found.map((f) => f.status)).toEqual(['unknown']);
  });
});
