import { describe, expect, it } from 'vitest';
import { scanTemplate } from '../../../helpers/scan-template.js';

/** The scan errors of a template, each as `line:column: message`. */
function errorsOf(text: string): string[] {
  return scanTemplate(text, []).errors.map((error) => `${error.line}:${error.column}: ${error.message}`);
}

/** A SAM template with an API whose Auth.UsagePlan is `usagePlan` (lines at 10 spaces), and `rest` after it. */
const withUsagePlan = (usagePlan: string, rest = '') => `Transform: AWS::Serverless-2016-10-31
Resources:
  MyApiTwo:
    Type: AWS::Serverless::Api
    Properties:
      StageName: Prod
      Auth:
        ApiKeyRequired: true
        UsagePlan:
${usagePlan}${rest}`;

const KEYS = 'CreateUsagePlan, Description, Quota, Tags, Throttle, UsagePlanName';

describe('SAM Auth.UsagePlan of an AWS::Serverless::Api', () => {
  it('is one error at a key SAM does not take, and nothing (no cycle) is read from that key', () => {
    // SAM examples usage_plan, written for a preview of SAM that took UsagePlanId.
    const text = withUsagePlan(
      '          CreateUsagePlan: NONE\n          UsagePlanId: !Ref MyApiTwoUsagePlan\n',
      `  MyApiTwoUsagePlan:
    Type: AWS::ApiGateway::UsagePlan
    DependsOn: [MyApiTwo]
    Properties:
      ApiStages:
        - ApiId: !Ref MyApiTwo
          Stage: !Ref MyApiTwo.Stage
`,
    );
    expect(errorsOf(text)).toEqual([
      `11:11: MyApiTwo: UsagePlanId is not a property of Auth.UsagePlan (${KEYS}): the SAM transform fails ` +
        `on it ("Invalid property for 'UsagePlan'"); Parapet read the usage plan without it`,
    ]);
  });

  it('suggests the property meant by a misspelt key', () => {
    const text = withUsagePlan('          CreateUsagePlan: PER_API\n          UsagePlanNmae: plan\n');
    expect(errorsOf(text)).toEqual([
      `11:11: MyApiTwo: UsagePlanNmae is not a property of Auth.UsagePlan (${KEYS}): the SAM transform fails ` +
        `on it ("Invalid property for 'UsagePlan'"); Parapet read the usage plan without it; did you mean UsagePlanName?`,
    ]);
  });

  it('keeps the ids the keys SAM takes make it generate, so that an Output naming one is no second error', () => {
    const text = withUsagePlan(
      '          CreateUsagePlan: PER_API\n          UsagePlanId: x\n',
      'Outputs:\n  Key:\n    Value: !Ref MyApiTwoApiKey\n',
    );
    expect(errorsOf(text)).toEqual([
      expect.stringMatching(/^11:11: MyApiTwo: UsagePlanId is not a property/),
    ]);
  });

  it('is no error with the keys SAM takes, and builds the usage plan they ask for', () => {
    const text = withUsagePlan(
      '          CreateUsagePlan: PER_API\n          UsagePlanName: plan\n          Quota: { Limit: 100, Period: DAY }\n',
      'Outputs:\n  Plan:\n    Value: !Ref MyApiTwoUsagePlan\n  Key:\n    Value: !Ref MyApiTwoApiKey\n',
    );
    expect(errorsOf(text)).toEqual([]);
  });

  it('is not judged when given by an intrinsic function, whose keys SAM may resolve', () => {
    const text = withUsagePlan(
      '          !If [IsProd, { CreateUsagePlan: PER_API }, { CreateUsagePlan: NONE }]\n',
      'Conditions:\n  IsProd: !Equals [!Ref AWS::Region, us-east-1]\n',
    );
    expect(errorsOf(text)).toEqual([]);
  });

  it('is an error at a key Globals give every API', () => {
    const text = `Transform: AWS::Serverless-2016-10-31
Globals:
  Api:
    Auth:
      UsagePlan:
        CreateUsagePlan: SHARED
        UsagePlanId: plan
Resources:
  MyApiTwo:
    Type: AWS::Serverless::Api
    Properties:
      StageName: Prod
`;
    expect(errorsOf(text)).toEqual([expect.stringMatching(/^7:9: MyApiTwo: UsagePlanId is not a property/)]);
  });
});
