import { describe, expect, it } from 'vitest';
import check from '../../../src/checks/lambda/vpc-security-group-egress-all.js';
import { lineOf, networkScanner, vpcFunction } from './vpc-fixture.js';

const group = (egress: string) => `  FnSg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: fn
      VpcId: !Ref Vpc
      SecurityGroupEgress:
${egress}`;

const rule = (fields: string) => `        - { ${fields} }\n`;

const prefixList = (entries: string) => `  Pl:
    Type: AWS::EC2::PrefixList
    Properties:
      PrefixListName: pl
      AddressFamily: IPv4
      MaxEntries: 4
      Entries: [${entries}]
`;

const scan = networkScanner(check);
const fn = vpcFunction(['!Ref PrivateSubnetA'], ['!Ref FnSg']);

describe('lambda.vpc-security-group-egress-all reads the prefix lists its rules name', () => {
  it('fails a rule to a prefix list of the template whose entries hold every address, at the rule', () => {
    for (const target of ['!GetAtt Pl.PrefixListId', '!Ref Pl']) {
      const { text, failed } = scan(
        group(rule(`IpProtocol: "-1", DestinationPrefixListId: ${target}`)) +
          prefixList('{ Cidr: 0.0.0.0/0 }') +
          fn,
      );
      expect(failed.map((f) => f.message)).toEqual([
        'Security group FnSg allows all traffic to prefix list Pl (0.0.0.0/0).',
      ]);
      expect(failed[0]?.location.line).toBe(lineOf(text, 'DestinationPrefixListId'));
    }
  });

  it("fails a prefix list's entries that add up with another rule's range to every address", () => {
    const { failed } = scan(
      group(
        rule('IpProtocol: "-1", DestinationPrefixListId: !GetAtt Pl.PrefixListId') +
          rule('IpProtocol: "-1", CidrIp: 128.0.0.0/1'),
      ) +
        prefixList('{ Cidr: 0.0.0.0/1 }') +
        fn,
    );
    expect(failed.map((f) => f.message)).toEqual([
      'Security group FnSg allows all traffic to 0.0.0.0/1 and 128.0.0.0/1, which together hold every IPv4 address.',
    ]);
  });

  it('passes a prefix list of the template with some ranges only, and one it cannot see on one port', () => {
    const cases = [
      group(rule('IpProtocol: "-1", DestinationPrefixListId: !GetAtt Pl.PrefixListId')) +
        prefixList('{ Cidr: 10.0.0.0/8 }, { Cidr: 192.168.0.0/16 }'),
      group(rule('IpProtocol: tcp, FromPort: 443, ToPort: 443, DestinationPrefixListId: pl-63a5400a')),
      group(rule('IpProtocol: tcp, FromPort: 443, ToPort: 443, DestinationPrefixListId: !Ref Given')),
    ];
    for (const resources of cases) {
      const { failed, unknown, passed } = scan(resources + fn, 'Parameters:\n  Given: { Type: String }\n');
      expect([failed, unknown]).toEqual([[], []]);
      expect(passed).toHaveLength(1);
    }
  });

  it('is unknown where a rule open on every port names a prefix list whose entries it cannot see', () => {
    const messages = [
      group(rule('IpProtocol: "-1", DestinationPrefixListId: pl-0123456789abcdef0')),
      group(rule('IpProtocol: "-1", DestinationPrefixListId: !Ref Given')),
      group(rule('IpProtocol: "-1", DestinationPrefixListId: !GetAtt Pl.PrefixListId')) +
        prefixList('{ Cidr: !Ref Given }'),
    ].map((resources) => {
      const { failed, unknown } = scan(resources + fn, 'Parameters:\n  Given: { Type: String }\n');
      expect(failed).toEqual([]);
      return unknown.map((f) => f.message);
    });
    expect(messages).toEqual([
      [
        "Cannot tell whether the function's egress is open: an egress rule of security group FnSg: its destination " +
          'is prefix list pl-0123456789abcdef0, whose entries are not in the template (it may hold any address).',
      ],
      [expect.stringContaining('its destination prefix list is not known before deploy (')],
      [expect.stringContaining('the entries of its prefix list Pl are not known before deploy (')],
    ]);
  });
});
