import { describe, expect, it } from 'vitest';
import publicSubnet from '../../../src/checks/lambda/vpc-public-subnet.js';
import egressAll from '../../../src/checks/lambda/vpc-security-group-egress-all.js';
import singleAz from '../../../src/checks/lambda/vpc-single-az.js';
import { scanTemplate, template } from '../../helpers/scan-template.js';
import { lineOf, NETWORK, SAM_TRANSFORM, samVpcFunction, vpcFunction } from './vpc-fixture.js';

const CHECKS = [publicSubnet, singleAz];
const SUBNET_A_TEXT =
  'VpcConfig.SubnetIds[0] of Fn is the text PrivateSubnetA, the logical id of an AWS::EC2::Subnet of this ' +
  'template, not a subnet id: Lambda refuses it and the stack fails to deploy; write !Ref PrivateSubnetA';

/** Why a check cannot judge the subnet `id` written as text. */
function refused(id: string): string {
  return `a subnet id is not a valid value (the text ${id}, a logical id of this template, where a subnet id is expected; see the scan error)`;
}

/** Each check's verdict and message, by check id. */
function verdicts(findings: readonly { checkId: string; status: string; message: string }[]): string[][] {
  return findings.map((f) => [f.checkId, f.status, f.message]);
}

describe('a logical id written as text where Lambda takes a subnet or security group id', () => {
  it('is a template error at the item, and the subnet checks do not judge that subnet', () => {
    const text = template(NETWORK + vpcFunction(['PrivateSubnetA', 'PrivateSubnetB']));
    const { errors, findings } = scanTemplate(text, CHECKS);
    expect(errors.map((e) => [e.kind, e.message, e.line, e.resource])).toEqual([
      ['template', SUBNET_A_TEXT, lineOf(text, '- PrivateSubnetA', '  Fn:'), 'Fn'],
      [
        'template',
        SUBNET_A_TEXT.replaceAll('PrivateSubnetA', 'PrivateSubnetB').replace('[0]', '[1]'),
        lineOf(text, '- PrivateSubnetB', '  Fn:'),
        'Fn',
      ],
    ]);
    expect(verdicts(findings)).toEqual([
      [
        'lambda.vpc-public-subnet',
        'unknown',
        `Cannot tell whether the function's subnets are public: ${refused('PrivateSubnetA')}; ${refused('PrivateSubnetB')}.`,
      ],
      [
        'lambda.vpc-single-az',
        'unknown',
        `Cannot count the Availability Zones the function spans: ${refused('PrivateSubnetA')}; ${refused('PrivateSubnetB')}.`,
      ],
    ]);
  });

  it('is told of a SAM function too, where its user wrote the item', () => {
    const text = template(NETWORK + samVpcFunction(['PrivateSubnetA']), SAM_TRANSFORM);
    const { errors } = scanTemplate(text, CHECKS);
    expect(errors.map((e) => [e.message, e.line])).toEqual([
      [SUBNET_A_TEXT.replace(' of Fn ', ' of SamFn '), lineOf(text, '- PrivateSubnetA', '  SamFn:')],
    ]);
  });

  it('names an item of lists SAM merged with Globals where the user wrote it (review rv2 item 2)', () => {
    const group =
      '  Sg:\n    Type: AWS::EC2::SecurityGroup\n    Properties: { GroupDescription: x, VpcId: !Ref Vpc }\n';
    const globals =
      'Globals:\n  Function:\n    VpcConfig:\n      SubnetIds: [PrivateSubnetB]\n      SecurityGroupIds: [!Ref Sg]\n';
    const text = template(
      NETWORK + group + samVpcFunction(['PrivateSubnetA'], ['Sg']),
      SAM_TRANSFORM + globals,
    );
    const { errors } = scanTemplate(text, [...CHECKS, egressAll]);
    expect(errors.map((e) => [e.message, e.line])).toEqual([
      [
        SUBNET_A_TEXT.replaceAll('PrivateSubnetA', 'PrivateSubnetB').replace(' of Fn ', ' in Globals '),
        lineOf(text, 'SubnetIds: [PrivateSubnetB]'),
      ],
      [SUBNET_A_TEXT.replace(' of Fn ', ' of SamFn '), lineOf(text, '- PrivateSubnetA', '  SamFn:')],
      [
        'VpcConfig.SecurityGroupIds[0] of SamFn is the text Sg, the logical id of an AWS::EC2::SecurityGroup of ' +
          'this template, not a security group id: Lambda refuses it and the stack fails to deploy; write !Ref Sg',
        lineOf(text, '- Sg', '  SamFn:'),
      ],
    ]);
  });

  it('is a template error for a security group, whose rules are then not judged', () => {
    const group =
      '  Sg:\n    Type: AWS::EC2::SecurityGroup\n    Properties: { GroupDescription: x, VpcId: !Ref Vpc }\n';
    const text = template(NETWORK + group + vpcFunction(['!Ref PrivateSubnetA'], ['Sg']));
    const { errors, findings } = scanTemplate(text, egressAll);
    expect(errors.map((e) => e.message)).toEqual([
      'VpcConfig.SecurityGroupIds[0] of Fn is the text Sg, the logical id of an AWS::EC2::SecurityGroup of this ' +
        'template, not a security group id: Lambda refuses it and the stack fails to deploy; write !Ref Sg',
    ]);
    expect(findings.map((f) => f.status)).not.toContain('fail');
    // With !Ref, the group is the template's, whose default egress rule fails.
    const linked = scanTemplate(
      template(NETWORK + group + vpcFunction(['!Ref PrivateSubnetA'], ['!Ref Sg'])),
      egressAll,
    );
    expect(linked.errors).toEqual([]);
    expect(linked.failed).toHaveLength(1);
  });

  it('is text built by an intrinsic too (`!Sub PrivateSubnetA`)', () => {
    const text = template(NETWORK + vpcFunction(['!Sub PrivateSubnetA', '!Ref PrivateSubnetB']));
    const { errors } = scanTemplate(text, CHECKS);
    expect(errors.map((e) => e.message)).toEqual([SUBNET_A_TEXT]);
  });

  it('leaves !Ref of the subnets as it was: linked, and judged', () => {
    const { errors, findings } = scanTemplate(
      template(NETWORK + vpcFunction(['!Ref PrivateSubnetA', '!Ref PrivateSubnetB'])),
      CHECKS,
    );
    expect(errors).toEqual([]);
    expect(verdicts(findings)).toEqual([
      [
        'lambda.vpc-public-subnet',
        'pass',
        'No subnet of the function (PrivateSubnetA, PrivateSubnetB) routes to an internet gateway.',
      ],
      [
        'lambda.vpc-single-az',
        'pass',
        "The function's subnets span 2 Availability Zones (us-east-1a, us-east-1b).",
      ],
    ]);
  });

  it('leaves a real subnet id as it was: a subnet not in this template', () => {
    const { errors, findings } = scanTemplate(template(NETWORK + vpcFunction(['subnet-0abc1234'])), CHECKS);
    expect(errors).toEqual([]);
    expect(verdicts(findings)).toEqual([
      [
        'lambda.vpc-public-subnet',
        'unknown',
        "Cannot tell whether the function's subnets are public: subnet subnet-0abc1234 is not in this template.",
      ],
      [
        'lambda.vpc-single-az',
        'fail',
        'The function is connected to a single subnet (subnet-0abc1234), so it runs in one Availability Zone.',
      ],
    ]);
  });

  it('leaves a parameter giving that text as it was: not known before deploy, no template error', () => {
    const list = 'Parameters:\n  Subnets: { Type: CommaDelimitedList, Default: PrivateSubnetA }\n';
    const resources = vpcFunction(['x']).replace(/SubnetIds:\n {10}- x\n/, 'SubnetIds: !Ref Subnets\n');
    const { errors, findings } = scanTemplate(template(NETWORK + resources, list), CHECKS);
    expect(errors).toEqual([]);
    expect(findings.map((f) => [f.checkId, f.status])).toEqual([
      ['lambda.vpc-public-subnet', 'unknown'],
      ['lambda.vpc-single-az', 'fail'],
    ]);
    expect(findings[0]?.message).toContain('parameter Subnets by default gives the text "PrivateSubnetA"');
  });

  it('leaves text naming a resource of another type as it was', () => {
    // Vpc is a VPC, not a subnet: that text is not the mistake of a subnet's logical id written as text.
    const { errors, findings } = scanTemplate(
      template(NETWORK + vpcFunction(['Vpc', '!Ref PrivateSubnetB'])),
      CHECKS,
    );
    expect(errors).toEqual([]);
    expect(verdicts(findings)).toEqual([
      [
        'lambda.vpc-public-subnet',
        'unknown',
        "Cannot tell whether the function's subnets are public: subnet Vpc is not in this template.",
      ],
      [
        'lambda.vpc-single-az',
        'unknown',
        'Cannot count the Availability Zones the function spans: subnet Vpc is not in this template.',
      ],
    ]);
  });
});
