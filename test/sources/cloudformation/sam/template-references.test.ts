import { describe, expect, it } from 'vitest';
import { scanTemplate } from '../../../helpers/scan-template.js';
import { samTemplate } from '../../../helpers/templates.js';

/** The scan errors of a template, as `line: message`. */
function errorsOf(text: string): string[] {
  return scanTemplate(text, []).errors.map((error) => `${error.line}: ${error.message}`);
}

const FUNCTION = `    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.13
      Handler: app.handler
      CodeUri: src/
`;

describe('an undefined name in a Sub where a list goes', () => {
  it('is reported once, in a policy statement SAM writes into the role', () => {
    const text = samTemplate(`  Fn:
${FUNCTION}      Policies:
        - Statement:
            - Effect: Allow
              Action: sqs:SendMessage
              Resource: !Sub 'arn:aws:sqs:us-east-1:111122223333:\${Tpyo}'
`);
    expect(errorsOf(text)).toEqual([
      '14: ${Tpyo} in Fn::Sub names "Tpyo", which is neither a parameter, a resource nor a variable of the Sub',
    ]);
  });

  it('is reported once in a plain CloudFormation policy, a Join too', () => {
    const text = `Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: { Statement: [{ Effect: Allow, Principal: { Service: lambda.amazonaws.com }, Action: sts:AssumeRole }] }
      Policies:
        - PolicyName: p
          PolicyDocument:
            Statement:
              - Effect: Allow
                Action: !Join ['', ['sqs:', !Ref Missing]]
                Resource: '*'
`;
    expect(errorsOf(text)).toEqual([
      '11: Ref to "Missing", which is neither a parameter nor a resource of this template',
    ]);
  });
});
