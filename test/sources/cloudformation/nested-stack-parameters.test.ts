import { describe, expect, it } from 'vitest';
import { ALL_CHECKS } from '../../../src/checks/index.js';
import { scanTemplate } from '../../helpers/scan-template.js';

/** A parent stack giving its nested stack's parameter `SubnetIds` the value `given`. */
const parent = (given: string, type = 'AWS::CloudFormation::Stack') => `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Parameters:
  Subnets:
    Type: CommaDelimitedList
    Default: subnet-1,subnet-2
  SubnetList:
    Type: List<AWS::EC2::Subnet::Id>
  Name:
    Type: String
    Default: app
Conditions:
  Prod: !Equals [!Ref Name, prod]
Resources:
  Child:
    Type: ${type}
    Properties:
      ${type === 'AWS::CloudFormation::Stack' ? 'TemplateURL' : 'Location'}: ./child.yaml
      Parameters:
        SubnetIds: ${given}
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Code: { ZipFile: x }
      Handler: a.b
      Runtime: python3.8
      Role: arn:aws:iam::123456789012:role/r
`;

const errorsOf = (given: string, type?: string) =>
  scanTemplate(parent(given, type), ALL_CHECKS).errors.map((e) => `${e.line}: ${e.message}`);

describe('a list given to a nested stack parameter', () => {
  it('is an error at the value, naming the stack, the parameter and how it is a list', () => {
    const cases = [
      ['!Ref Subnets', 'the CommaDelimitedList parameter Subnets'],
      ['!Ref SubnetList', 'the List<AWS::EC2::Subnet::Id> parameter SubnetList'],
      ['[subnet-1, subnet-2]', 'a list'],
      ["!Split [',', !Ref Name]", 'a list (Fn::Split)'],
      ["!GetAZs ''", 'a list (Fn::GetAZs)'],
      ['!If [Prod, !Ref Subnets, subnet-1]', 'the CommaDelimitedList parameter Subnets'],
      ['!Ref AWS::NotificationARNs', 'the list pseudo parameter AWS::NotificationARNs'],
    ];
    for (const [given, how] of cases) {
      expect(errorsOf(given as string)).toEqual([
        `20: Child: parameter SubnetIds of the nested stack is given ${how}; CloudFormation takes only text for ` +
          'a nested stack\'s parameters and fails to create it: join the list (`!Join [",", ...]`) and split it in ' +
          'the nested stack',
      ]);
    }
    expect(errorsOf('!Ref Subnets', 'AWS::Serverless::Application')).toHaveLength(1);
  });

  it('is no error when the value is text: joined, a String parameter, a literal', () => {
    for (const given of [
      "!Join [',', !Ref Subnets]",
      '!Ref Name',
      'subnet-1',
      '!If [Prod, subnet-1, subnet-2]',
    ])
      expect(errorsOf(given)).toEqual([]);
  });

  it('leaves the rest of the template checked', () => {
    const scan = scanTemplate(parent('!Ref Subnets'), ALL_CHECKS);
    expect(scan.failed.map((f) => f.checkId)).toContain('lambda.runtime-deprecated');
  });
});
