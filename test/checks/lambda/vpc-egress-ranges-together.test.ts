import { describe, expect, it } from 'vitest';
import check from '../../../src/checks/lambda/vpc-security-group-egress-all.js';
import { lineOf, networkScanner, vpcFunction } from './vpc-fixture.js';

const group = (id: string, egress: string) => `  ${id}:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: ${id}
      VpcId: !Ref Vpc
      SecurityGroupEgress:
${egress}`;

const rule = (fields: string) => `        - { ${fields} }\n`;
const HALVES = rule('IpProtocol: "-1", CidrIp: 0.0.0.0/1') + rule('IpProtocol: "-1", CidrIp: 128.0.0.0/1');

const scan = networkScanner(check);

describe('lambda.vpc-security-group-egress-all reads ranges that add up to every address', () => {
  it('fails 0.0.0.0/1 and 128.0.0.0/1 on every protocol: every IPv4 address, as 0.0.0.0/0', () => {
    const { text, failed } = scan(
      group('FnSg', HALVES) + vpcFunction(['!Ref PrivateSubnetA'], ['!Ref FnSg']),
    );
    expect(failed.map((f) => f.message)).toEqual([
      'Security group FnSg allows all traffic to 0.0.0.0/1 and 128.0.0.0/1, which together hold every IPv4 address.',
    ]);
    expect(failed[0]?.location.line).toBe(lineOf(text, 'CidrIp: 0.0.0.0/1'));
    expect(failed[0]?.evidence).toEqual({
      securityGroup: 'FnSg',
      rule: 'all traffic to 0.0.0.0/1 and 128.0.0.0/1, which together hold every IPv4 address',
    });
  });

  it('fails one range AWS reads as every address (10.0.0.0/0: its network address is 0.0.0.0), naming it', () => {
    const { failed } = scan(
      group('FnSg', rule('IpProtocol: "-1", CidrIp: 10.0.0.0/0')) +
        vpcFunction(['!Ref PrivateSubnetA'], ['!Ref FnSg']),
    );
    expect(failed.map((f) => f.message)).toEqual([expect.stringContaining('all traffic to 10.0.0.0/0')]);
  });

  it('adds up the IPv6 halves across groups, and every TCP port with all traffic', () => {
    const { failed } = scan(
      group('FnSg', rule('IpProtocol: tcp, FromPort: 0, ToPort: 65535, CidrIpv6: "::/1"')) +
        group('OtherSg', rule('IpProtocol: "-1", CidrIpv6: "8000::/1"')) +
        vpcFunction(['!Ref PrivateSubnetA'], ['!Ref FnSg', '!Ref OtherSg']),
    );
    expect(failed.map((f) => f.message)).toEqual([
      'Security group FnSg and security group OtherSg allow every TCP port to ::/1 and 8000::/1, which together hold every IPv6 address.',
    ]);
  });

  it('passes halves that leave a range out, or that are open on different protocols or ports', () => {
    const cases = [
      rule('IpProtocol: "-1", CidrIp: 0.0.0.0/1') + rule('IpProtocol: "-1", CidrIp: 128.0.0.0/2'),
      rule('IpProtocol: tcp, FromPort: 0, ToPort: 65535, CidrIp: 0.0.0.0/1') +
        rule('IpProtocol: udp, FromPort: 0, ToPort: 65535, CidrIp: 128.0.0.0/1'),
      rule('IpProtocol: "-1", CidrIp: 0.0.0.0/1') +
        rule('IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 128.0.0.0/1'),
      rule('IpProtocol: "-1", CidrIp: 0.0.0.0/1') + rule('IpProtocol: "-1", CidrIpv6: "8000::/1"'),
    ];
    for (const egress of cases) {
      const { failed, unknown, passed } = scan(
        group('FnSg', egress) + vpcFunction(['!Ref PrivateSubnetA'], ['!Ref FnSg']),
      );
      expect([failed, unknown]).toEqual([[], []]);
      expect(passed).toHaveLength(1);
    }
  });

  it('is unknown when the halves add up only if a rule whose protocol a parameter gives covers every port', () => {
    const { failed, unknown } = scan(
      group(
        'FnSg',
        rule('IpProtocol: "-1", CidrIp: 0.0.0.0/1') + rule('IpProtocol: !Ref Proto, CidrIp: 128.0.0.0/1'),
      ) + vpcFunction(['!Ref PrivateSubnetA'], ['!Ref FnSg']),
      'Parameters:\n  Proto: { Type: String }\n',
    );
    expect(failed).toEqual([]);
    expect(unknown.map((f) => f.message)).toEqual([
      "Cannot tell whether the function's egress is open: its rules may together allow every address on every port: " +
        'the protocol or ports of the rule to 128.0.0.0/1 are not known before deploy.',
    ]);
  });

  it('fails port ranges that add up to every TCP (or UDP) port to 0.0.0.0/0, as one rule on 0-65535 does', () => {
    const cases = [
      rule('IpProtocol: tcp, FromPort: 0, ToPort: 1000, CidrIp: 0.0.0.0/0') +
        rule('IpProtocol: tcp, FromPort: 1001, ToPort: 65535, CidrIp: 0.0.0.0/0'),
      rule('IpProtocol: udp, FromPort: 0, ToPort: 32767, CidrIp: 0.0.0.0/0') +
        rule('IpProtocol: "17", FromPort: 32768, ToPort: 65535, CidrIp: 0.0.0.0/0'),
    ];
    const messages = cases.map(
      (egress) =>
        scan(group('FnSg', egress) + vpcFunction(['!Ref PrivateSubnetA'], ['!Ref FnSg'])).failed.map(
          (f) => f.message,
        )[0],
    );
    expect(messages).toEqual([
      'Security group FnSg allows every TCP port to 0.0.0.0/0 (ports 0-1000 and 1001-65535 together).',
      'Security group FnSg allows every UDP port to 0.0.0.0/0 (ports 0-32767 and 32768-65535 together).',
    ]);
  });

  it('fails ports and ranges that add up only together: each port of TCP reaches every address', () => {
    const { failed } = scan(
      group(
        'FnSg',
        rule('IpProtocol: tcp, FromPort: 0, ToPort: 65535, CidrIp: 0.0.0.0/1') +
          rule('IpProtocol: tcp, FromPort: 0, ToPort: 999, CidrIp: 128.0.0.0/1') +
          rule('IpProtocol: "-1", CidrIp: 128.0.0.0/1') +
          rule('IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 10.0.0.0/8'),
      ) + vpcFunction(['!Ref PrivateSubnetA'], ['!Ref FnSg']),
    );
    expect(failed.map((f) => f.message)).toEqual([
      'Security group FnSg allows every TCP port to 0.0.0.0/1 and 128.0.0.0/1, which together hold every IPv4 address.',
    ]);
  });

  it('passes rules whose ranges and ports each cover all only where the other does not: ports do not cross ranges', () => {
    const cases = [
      // 0.0.0.0/1 on low ports, 128.0.0.0/1 on high ones: no port reaches every address.
      rule('IpProtocol: tcp, FromPort: 0, ToPort: 1000, CidrIp: 0.0.0.0/1') +
        rule('IpProtocol: tcp, FromPort: 1001, ToPort: 65535, CidrIp: 128.0.0.0/1'),
      // The ranges are whole, but port 1001 is left out.
      rule('IpProtocol: tcp, FromPort: 0, ToPort: 1000, CidrIp: 0.0.0.0/0') +
        rule('IpProtocol: tcp, FromPort: 1002, ToPort: 65535, CidrIp: 0.0.0.0/0'),
      // TCP low ports and UDP high ones do not make every port of either.
      rule('IpProtocol: tcp, FromPort: 0, ToPort: 1000, CidrIp: 0.0.0.0/0') +
        rule('IpProtocol: udp, FromPort: 1001, ToPort: 65535, CidrIp: 0.0.0.0/0'),
    ];
    for (const egress of cases) {
      const { failed, unknown, passed } = scan(
        group('FnSg', egress) + vpcFunction(['!Ref PrivateSubnetA'], ['!Ref FnSg']),
      );
      expect([failed, unknown]).toEqual([[], []]);
      expect(passed).toHaveLength(1);
    }
  });

  it('is unknown when the port ranges add up only if ports a parameter gives cover the rest', () => {
    const { failed, unknown } = scan(
      group(
        'FnSg',
        rule('IpProtocol: tcp, FromPort: 0, ToPort: 1000, CidrIp: 0.0.0.0/0') +
          rule('IpProtocol: tcp, FromPort: !Ref Low, ToPort: 65535, CidrIp: 0.0.0.0/1') +
          rule('IpProtocol: tcp, FromPort: 1001, ToPort: 65535, CidrIp: 128.0.0.0/1'),
      ) + vpcFunction(['!Ref PrivateSubnetA'], ['!Ref FnSg']),
      'Parameters:\n  Low: { Type: Number }\n',
    );
    expect(failed).toEqual([]);
    expect(unknown.map((f) => f.message)).toEqual([
      "Cannot tell whether the function's egress is open: its rules may together allow every address on every port: " +
        'the protocol or ports of the rule to 0.0.0.0/1 are not known before deploy.',
    ]);
  });
});
