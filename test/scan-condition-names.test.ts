import { describe, expect, it } from 'vitest';
import { scanTemplateFile } from './helpers/scan-file.js';

// Which conditions an unknown finding names: the fewest that tell its cases from the others, those read where it
// points first.

const HEAD = `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Parameters:
  DeployEnvironment:
    Type: String
    Default: PROD
    AllowedValues: [DEV, TEST, PROD]
Conditions:
  IsProduction: !Equals [!Ref DeployEnvironment, PROD]
  IsNotDevelopment: !Not [!Equals [!Ref DeployEnvironment, DEV]]
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.13
      Handler: app.handler
      InlineCode: "def handler(e, c): pass"
`;

const tracing = (text: string) => {
  const result = scanTemplateFile(text, 'lambda.tracing-not-active');
  expect(result.findings.map((f) => f.status)).toEqual(['unknown']);
  return result.findings[0]?.message;
};

const SAMPLED = 'X-Ray only traces requests that arrive already sampled.';

describe('the conditions an unknown finding names', () => {
  it('leave out one another property reads, which the case named already implies', () => {
    const text = `${HEAD}      Tracing: !If [IsNotDevelopment, Active, Disabled]
      Environment:
        Variables:
          detailedLogs: !If [IsProduction, "0", "2"]
`;
    // Was: "When condition IsProduction does not hold (DeployEnvironment other than its default PROD) and condition
    // IsNotDevelopment does not hold (...)": IsNotDevelopment alone picks out DEV.
    expect(tracing(text)).toBe(
      `When condition IsNotDevelopment does not hold (DeployEnvironment=DEV, not its default PROD): Tracing is Disabled, not Active: ${SAMPLED} ` +
        "With the parameters' defaults condition IsNotDevelopment holds; a deploy may override them.",
    );
  });

  it('are, of two that each tell the cases apart, the one the finding’s property reads', () => {
    const text = `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Parameters:
  Env: { Type: String, Default: prod, AllowedValues: [dev, prod] }
Conditions:
  IsProd: !Equals [!Ref Env, prod]
  NotProd: !Not [!Condition IsProd]
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Environment:
        Variables:
          LEVEL: !If [IsProd, "0", "2"]
      Runtime: python3.13
      Handler: app.handler
      InlineCode: "def handler(e, c): pass"
      Tracing: !If [NotProd, PassThrough, Active]
`;
    // Was "When condition IsProd does not hold": the condition the environment variable, read first, names.
    expect(tracing(text)).toBe(
      `When condition NotProd holds (Env=dev, not its default prod): Tracing is PassThrough, not Active: ${SAMPLED} ` +
        "With the parameters' defaults condition NotProd does not hold; a deploy may override them.",
    );
  });

  it('are both, as before, when only both together pick out the case that fails', () => {
    // Fails with TEST only: IsProduction false is TEST or DEV, IsNotDevelopment true is TEST or PROD.
    const text = `${HEAD}      Tracing: !If [IsNotDevelopment, !If [IsProduction, Active, PassThrough], Active]
`;
    expect(tracing(text)).toBe(
      `When condition IsNotDevelopment holds and condition IsProduction does not hold (DeployEnvironment other than its default PROD): Tracing is PassThrough, not Active: ${SAMPLED} ` +
        "With the parameters' defaults condition IsNotDevelopment holds and condition IsProduction holds; a deploy may override them.",
    );
  });
});
