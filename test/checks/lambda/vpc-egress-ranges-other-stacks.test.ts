import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scanCdkOut } from '../../helpers/cdk-out.js';
import { lambdaFunction } from '../../helpers/templates.js';
import { lineOf } from './vpc-fixture.js';

// Security group rules add up, whichever template declares them: a range one template gives the group and the rest of
// the internet another adds (an AWS::EC2::SecurityGroupEgress on an imported group) open it as 0.0.0.0/0 does.

const CHECK = 'lambda.vpc-security-group-egress-all';
const EGRESS_UNKNOWN = "Cannot tell whether the function's egress is open: ";

/** An egress rule as a flow mapping: every protocol to `cidr` (YAML: a literal or an intrinsic). */
const ALL_TO = (cidr: string) => `{ IpProtocol: "-1", CidrIp: ${cidr} }`;

/** net.yaml: group Sg with `egress` (a flow sequence), exported as net-Sg. */
const net = (egress: string) => `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Sg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: fn
      VpcId: vpc-0123456789abcdef0
      SecurityGroupEgress: ${egress}
Outputs:
  Sg: { Value: !GetAtt Sg.GroupId, Export: { Name: net-Sg } }
`;

/** app.yaml: function Fn on the imported group, then `more` resources (and `header` before Resources). */
const app = (more = '', header = '') => `AWSTemplateFormatVersion: '2010-09-09'
${header}Resources:
${lambdaFunction('Fn', '      VpcConfig: { SubnetIds: [subnet-0abc], SecurityGroupIds: [!ImportValue net-Sg] }\n')}${more}`;

/** An AWS::EC2::SecurityGroupEgress `id` on `group` opening every protocol to `cidr`, with `extra` fields. */
const added = (id: string, cidr: string, group = '!ImportValue net-Sg', extra = '') =>
  `  ${id}: { Type: AWS::EC2::SecurityGroupEgress,${extra} Properties: { GroupId: ${group}, IpProtocol: "-1", CidrIp: ${cidr} } }\n`;

/** rules.yaml: a third template adding `resources` (after `header`). */
const rules = (resources: string, header = '') =>
  `AWSTemplateFormatVersion: '2010-09-09'\n${header}Resources:\n${resources}`;

/** What the check says of Fn, scanned with the files, as [status, message]; and the findings. */
function judged(files: Record<string, string>) {
  const dir = mkdtempSync(join(tmpdir(), 'parapet-egress-other-stacks-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  const { result, of } = scanCdkOut(dir);
  expect(result.errors).toEqual([]);
  const found = of(CHECK, 'Fn');
  return { found, said: found.map((f) => [f.status, f.message]) };
}

describe('lambda.vpc-security-group-egress-all adds up the ranges other templates add to the group', () => {
  it('fails 0.0.0.0/1 on the imported group and 128.0.0.0/1 a third template adds to it, naming that rule', () => {
    const files = {
      'net.yaml': net(`[${ALL_TO('0.0.0.0/1')}]`),
      'app.yaml': app(),
      'rules.yaml': rules(added('Rest', '128.0.0.0/1')),
    };
    const { found, said } = judged(files);
    expect(said).toEqual([
      [
        'fail',
        'Security group Sg of stack net.yaml allows all traffic to 0.0.0.0/1 and 128.0.0.0/1, which together hold ' +
          'every IPv4 address (128.0.0.0/1 through AWS::EC2::SecurityGroupEgress Rest of stack rules.yaml).',
      ],
    ]);
    // On the function's list: the rules are in other files.
    expect(found[0]?.location.file).toContain('app.yaml');
    expect(found[0]?.location.line).toBe(lineOf(files['app.yaml'], 'SecurityGroupIds'));
  });

  it("fails the half the function's own template adds to the imported group beside the other half there", () => {
    const { said } = judged({
      'net.yaml': net(`[${ALL_TO('128.0.0.0/1')}]`),
      'app.yaml': app(added('Low', '0.0.0.0/1')),
    });
    expect(said).toEqual([
      [
        'fail',
        'Security group Sg of stack net.yaml allows all traffic to 128.0.0.0/1 and 0.0.0.0/1, which together hold ' +
          'every IPv4 address (0.0.0.0/1 through AWS::EC2::SecurityGroupEgress Low).',
      ],
    ]);
  });

  it('fails the group of the function’s own template that another template imports and adds the rest to', () => {
    const own = app(
      '  Sg:\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n      GroupDescription: fn\n' +
        `      VpcId: vpc-0123456789abcdef0\n      SecurityGroupEgress: [${ALL_TO('0.0.0.0/1')}]\n` +
        'Outputs:\n  Sg: { Value: !GetAtt Sg.GroupId, Export: { Name: app-Sg } }\n',
    ).replace('[!ImportValue net-Sg]', '[!GetAtt Sg.GroupId]');
    const files = {
      'app.yaml': own,
      'rules.yaml': rules(added('Rest', '128.0.0.0/1', '!ImportValue app-Sg')),
    };
    const { found, said } = judged(files);
    expect(said).toEqual([
      [
        'fail',
        'Security group Sg allows all traffic to 0.0.0.0/1 and 128.0.0.0/1, which together hold every IPv4 address ' +
          '(128.0.0.0/1 through AWS::EC2::SecurityGroupEgress Rest of stack rules.yaml).',
      ],
    ]);
    // At the rule of its own file.
    expect(found[0]?.location.file).toContain('app.yaml');
    expect(found[0]?.location.line).toBe(lineOf(own, 'CidrIp: 0.0.0.0/1'));
  });

  it('passes where the other template adds only what leaves a range out, or adds to another group', () => {
    for (const more of [added('Vpc', '10.0.0.0/16'), added('Quarter', '128.0.0.0/2')]) {
      const { said } = judged({
        'net.yaml': net(`[${ALL_TO('0.0.0.0/1')}]`),
        'app.yaml': app(),
        'rules.yaml': rules(more),
      });
      expect(said).toEqual([
        [
          'pass',
          'No security group of the function (Sg of stack net.yaml) allows all outbound traffic to the internet.',
        ],
      ]);
    }
    const { said } = judged({
      'net.yaml': net(`[${ALL_TO('0.0.0.0/1')}]`),
      'app.yaml': app(),
      'rules.yaml': rules(added('Rest', '128.0.0.0/1', '!ImportValue other-Sg')),
    });
    expect(said.map(([status]) => status)).toEqual(['pass']);
  });

  it('is unknown where the CIDR of the added rule is a parameter without default, or an import not read', () => {
    const cases = [
      {
        rule: rules(added('Rest', '!Ref Cidr'), 'Parameters:\n  Cidr: { Type: String }\n'),
        reason: 'stack rules.yaml adds an egress rule to it (Rest)',
      },
      {
        rule: rules(added('Rest', '!ImportValue some-cidr')),
        reason: 'stack rules.yaml adds an egress rule to it (Rest)',
      },
    ];
    for (const { rule, reason } of cases) {
      const { said } = judged({
        'net.yaml': net(`[${ALL_TO('0.0.0.0/1')}]`),
        'app.yaml': app(),
        'rules.yaml': rule,
      });
      expect(said).toEqual([['unknown', `${EGRESS_UNKNOWN}security group Sg of stack net.yaml: ${reason}.`]]);
    }
  });

  it('is unknown, not passed, where the rest is added under a Condition of the other template', () => {
    const { said } = judged({
      'net.yaml': net(`[${ALL_TO('0.0.0.0/1')}]`),
      'app.yaml': app(),
      'rules.yaml': rules(
        added('Rest', '128.0.0.0/1', '!ImportValue net-Sg', ' Condition: Open,'),
        "Parameters:\n  Flag: { Type: String, Default: 'no' }\nConditions:\n  Open: !Equals [!Ref Flag, 'yes']\n",
      ),
    });
    expect(said).toEqual([
      [
        'unknown',
        `${EGRESS_UNKNOWN}egress rule Rest of stack rules.yaml may be on security group Sg of stack net.yaml; with ` +
          "it, the rules of the function's groups would allow all traffic to 0.0.0.0/1 and 128.0.0.0/1, which " +
          'together hold every IPv4 address.',
      ],
    ]);
  });
});

describe("lambda.vpc-security-group-egress-all adds up what the group's own stack may add to it", () => {
  /** net.yaml, with Rest (every protocol to `cidr`) on Sg under a condition false by default. */
  const netWithRest = (cidr: string) =>
    net(`[${ALL_TO('0.0.0.0/1')}]`)
      .replace(
        'Resources:\n',
        "Parameters:\n  Flag: { Type: String, Default: 'no' }\nConditions:\n  Open: !Equals [!Ref Flag, 'yes']\nResources:\n",
      )
      .replace('Outputs:\n', `${added('Rest', cidr, '!GetAtt Sg.GroupId', ' Condition: Open,')}Outputs:\n`);

  it('is unknown, not passed, where that stack adds the rest under a Condition its defaults leave false', () => {
    const { said } = judged({ 'net.yaml': netWithRest('128.0.0.0/1'), 'app.yaml': app() });
    expect(said).toEqual([
      [
        'unknown',
        `${EGRESS_UNKNOWN}egress rule Rest of stack net.yaml may be on security group Sg of stack net.yaml; with ` +
          "it, the rules of the function's groups would allow all traffic to 0.0.0.0/1 and 128.0.0.0/1, which " +
          'together hold every IPv4 address.',
      ],
    ]);
  });

  it('passes where what it adds under the Condition leaves a range out', () => {
    const { said } = judged({ 'net.yaml': netWithRest('128.0.0.0/2'), 'app.yaml': app() });
    expect(said.map(([status]) => status)).toEqual(['pass']);
  });
});

describe('lambda.vpc-security-group-egress-all adds up what a sibling nested stack adds to the group the parent gives', () => {
  /** parent.yaml: group Sg (every protocol to 0.0.0.0/1), given to StackA (function Fn) and StackB (b.yaml). */
  const parent = `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Sg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: fn
      VpcId: vpc-0123456789abcdef0
      SecurityGroupEgress: [${ALL_TO('0.0.0.0/1')}]
  StackA: { Type: AWS::CloudFormation::Stack, Properties: { TemplateURL: a.yaml, Parameters: { Group: !Ref Sg } } }
  StackB: { Type: AWS::CloudFormation::Stack, Properties: { TemplateURL: b.yaml, Parameters: { Group: !Ref Sg } } }
`;
  const a = `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  Group: { Type: String }
Resources:
${lambdaFunction('Fn', '      VpcConfig: { SubnetIds: [subnet-0abc], SecurityGroupIds: [!Ref Group] }\n')}`;
  const b = (group: string) =>
    rules(added('Rest', '128.0.0.0/1', group), 'Parameters:\n  Group: { Type: String }\n');

  it('fails where the sibling adds the rest to it; is unknown where it names the group through a !Sub', () => {
    const sure = judged({ 'parent.yaml': parent, 'a.yaml': a, 'b.yaml': b('!Ref Group') });
    expect(sure.said).toEqual([
      [
        'fail',
        'Security group Sg of stack parent.yaml allows all traffic to 0.0.0.0/1 and 128.0.0.0/1, which together ' +
          'hold every IPv4 address (128.0.0.0/1 through AWS::EC2::SecurityGroupEgress Rest of stack b.yaml).',
      ],
    ]);
    const maybe = judged({ 'parent.yaml': parent, 'a.yaml': a, 'b.yaml': b('!Sub "${Group}"') });
    expect(maybe.said).toEqual([
      [
        'unknown',
        `${EGRESS_UNKNOWN}egress rule Rest of stack b.yaml may be on security group Sg of stack parent.yaml; with ` +
          "it, the rules of the function's groups would allow all traffic to 0.0.0.0/1 and 128.0.0.0/1, which " +
          'together hold every IPv4 address.',
      ],
    ]);
  });
});

describe('lambda.vpc-security-group-egress-all adds up a rule of the template whose GroupId is made from the group', () => {
  it("is unknown, not passed, where the rest is on text made from the group's id (most likely it)", () => {
    const own = app(
      '  Sg:\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n      GroupDescription: fn\n' +
        `      VpcId: vpc-0123456789abcdef0\n      SecurityGroupEgress: [${ALL_TO('0.0.0.0/1')}]\n`,
    ).replace('[!ImportValue net-Sg]', '[!Ref Sg]');
    const { said } = judged({ 'app.yaml': own + added('Rest', '128.0.0.0/1', "!Join ['', [!Ref Sg, '']]") });
    expect(said).toEqual([
      [
        'unknown',
        `${EGRESS_UNKNOWN}egress rule Rest may be on security group Sg; with it, the rules of the function's groups ` +
          'would allow all traffic to 0.0.0.0/1 and 128.0.0.0/1, which together hold every IPv4 address.',
      ],
    ]);
    const narrow = judged({ 'app.yaml': own + added('Rest', '128.0.0.0/2', "!Join ['', [!Ref Sg, '']]") });
    expect(narrow.said.map(([status]) => status)).toEqual(['pass']);
  });
});
