import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scanCdkOut } from '../../helpers/cdk-out.js';
import { lambdaFunction } from '../../helpers/templates.js';

// A parent stack gives a nested one a list as comma-separated text (a nested stack's parameters are text), which the
// nested stack splits again: its items are read, so a function's subnets are counted and named.

const SUBNETS = `  Vpc:
    Type: AWS::EC2::VPC
    Properties: { CidrBlock: 10.0.0.0/16 }
  SubnetA:
    Type: AWS::EC2::Subnet
    Properties: { VpcId: !Ref Vpc, CidrBlock: 10.0.0.0/24, AvailabilityZone: us-east-1a }
  SubnetB:
    Type: AWS::EC2::Subnet
    Properties: { VpcId: !Ref Vpc, CidrBlock: 10.0.1.0/24, AvailabilityZone: us-east-1b }
`;

/** A parent with two subnets, giving nested stack Child (`template`) parameter Subnets as `subnets`. */
function parent(subnets: string, parameters = '', template = 'child.yaml'): string {
  return `AWSTemplateFormatVersion: '2010-09-09'
${parameters}Resources:
${SUBNETS}  Child:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: ${template}
      Parameters:
        Subnets: ${subnets}
`;
}

/** A nested template whose function Fn runs in the subnets `subnets` makes of its parameter Subnets (of `type`). */
function child(type: string, subnets: string): string {
  return `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  Subnets: { Type: ${type} }
Resources:
${lambdaFunction(
  'Fn',
  `      VpcConfig:
        SubnetIds: ${subnets}
        SecurityGroupIds: [sg-0123456789abcdef0]
`,
)}`;
}

/** Scans the files together: what lambda.vpc-single-az says of Fn, as [status, message]. */
function singleAz(files: Record<string, string>): [string, string][] {
  const dir = mkdtempSync(join(tmpdir(), 'parapet-joined-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  const { result, of } = scanCdkOut(dir);
  expect(result.errors).toEqual([]);
  return of('lambda.vpc-single-az', 'Fn').map((f) => [f.status, f.message]);
}

const BOTH = `!Join [',', [!Ref SubnetA, !Ref SubnetB]]`;
// The parent's subnets are read from the parent's model: their zones are counted.
const TWO_ZONES = "The function's subnets span 2 Availability Zones (us-east-1a, us-east-1b).";

describe('a list a parent stack joins with commas for a nested stack', () => {
  it('is its items where the nested stack splits it (!Split), each a subnet of the parent', () => {
    const files = {
      'parent.yaml': parent(BOTH),
      'child.yaml': child('String', `!Split [',', !Ref Subnets]`),
    };
    expect(singleAz(files)).toEqual([['pass', TWO_ZONES]]);
  });

  it('is its items where the nested stack takes it as a CommaDelimitedList or List<> parameter', () => {
    for (const type of ['CommaDelimitedList', 'List<AWS::EC2::Subnet::Id>']) {
      const files = { 'parent.yaml': parent(BOTH), 'child.yaml': child(type, '!Ref Subnets') };
      expect(singleAz(files)).toEqual([['pass', TWO_ZONES]]);
    }
  });

  it('fails one subnet joined alone: one subnet is one zone', () => {
    const subnets = `!Join [',', [!Ref SubnetA]]`;
    const files = {
      'parent.yaml': parent(subnets),
      'child.yaml': child('CommaDelimitedList', '!Ref Subnets'),
    };
    expect(singleAz(files)).toEqual([
      [
        'fail',
        'The function is connected to a single subnet (SubnetA of stack parent.yaml), so it runs in one Availability Zone.',
      ],
    ]);
  });

  it('fails one subnet joined twice, and one subnet given twice as a String parameter: it is one subnet', () => {
    const files = {
      'parent.yaml': parent(`!Join [',', [!Ref SubnetA, !Ref SubnetA]]`),
      'child.yaml': child('CommaDelimitedList', '!Ref Subnets'),
    };
    const single = [
      'fail',
      'The function is connected to a single subnet (SubnetA of stack parent.yaml), so it runs in one Availability Zone.',
    ];
    expect(singleAz(files)).toEqual([single]);
    const twice = {
      'parent.yaml': parent('!Ref SubnetA'),
      'child.yaml': child('String', '[!Ref Subnets, !Ref Subnets]'),
    };
    expect(singleAz(twice)).toEqual([single]);
  });

  it('splits the text items too, and keeps the resources between them', () => {
    const subnets = `!Join [',', ['subnet-0aaa,subnet-0bbb', !Ref SubnetA]]`;
    const files = {
      'parent.yaml': parent(subnets),
      'child.yaml': child('String', `!Split [',', !Ref Subnets]`),
    };
    expect(singleAz(files)).toEqual([
      [
        'unknown',
        'Cannot count the Availability Zones the function spans: subnet subnet-0aaa is not in this template; subnet ' +
          'subnet-0bbb is not in this template.',
      ],
    ]);
  });

  it("is the items of the parent's own list parameter its parent gave it joined (Join of a list parameter)", () => {
    const middle = `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  Subnets: { Type: CommaDelimitedList }
Resources:
  Child:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: child.yaml
      Parameters:
        Subnets: !Join [',', !Ref Subnets]
`;
    const files = {
      'parent.yaml': parent(BOTH, '', 'middle.yaml'),
      'middle.yaml': middle,
      'child.yaml': child('String', `!Split [',', !Ref Subnets]`),
    };
    expect(singleAz(files)).toEqual([['pass', TWO_ZONES]]);
  });

  it('stays unknown as a whole where an item may hold a comma (a parameter) or it is split on another delimiter', () => {
    const withParameter = parent(
      `!Join [',', [!Ref SubnetA, !Ref More]]`,
      'Parameters:\n  More: { Type: String }\n',
    );
    const notKnown = singleAz({
      'parent.yaml': withParameter,
      'child.yaml': child('String', `!Split [',', !Ref Subnets]`),
    });
    expect(notKnown.map(([status]) => status)).toEqual(['unknown']);
    expect(notKnown[0]?.[1]).toMatch(/^VpcConfig\.SubnetIds is not known before deploy \(/);
    const otherDelimiter = singleAz({
      'parent.yaml': parent(BOTH),
      'child.yaml': child('String', `!Split [';', !Ref Subnets]`),
    });
    expect(otherDelimiter[0]?.[1]).toMatch(/^VpcConfig\.SubnetIds is not known before deploy \(/);
  });
});
