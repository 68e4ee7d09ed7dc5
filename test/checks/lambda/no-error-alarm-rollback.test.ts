import { describe, expect, it } from 'vitest';
import check from '../../../src/checks/lambda/no-error-alarm.js';
import { scanTemplate, template } from '../../helpers/scan-template.js';
import { functionAlarm, lambdaFunction } from '../../helpers/templates.js';

// A rollback alarm: CodeDeploy watches it while it deploys the function (SAM's DeploymentPreference.Alarms, or a
// deployment group's AlarmConfiguration), and tells no one of errors between deployments. The check still fails
// such an alarm without actions; the message says who watches it, and when.

const TOPIC = 'arn:aws:sns:us-east-1:123456789012:alerts';
const settings = { settings: { options: { 'lambda.no-error-alarm': { metrics: ['Errors'] } } } };
const HEAD = 'No CloudWatch alarm in this template tells anyone when its Errors metric rises. ';

/** A SAM function Fn deployed through CodeDeploy with `alarms` as its DeploymentPreference.Alarms, and ErrorAlarm. */
function samTemplate(
  alarmProps: string,
  preference = '          - !Ref ErrorAlarm\n',
  parameters = '',
): string {
  return `Transform: AWS::Serverless-2016-10-31
${parameters}Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Handler: index.handler
      Runtime: nodejs22.x
      InlineCode: "exports.handler = async () => 1"
      AutoPublishAlias: live
      DeploymentPreference:
        Type: Canary10Percent5Minutes
        Alarms:
${preference}  ErrorAlarm:
    Type: AWS::CloudWatch::Alarm
    Properties:
      MetricName: Errors
      Namespace: AWS/Lambda
      Statistic: Sum
      Period: 60
      EvaluationPeriods: 1
      Threshold: 5
      ComparisonOperator: GreaterThanThreshold
      Dimensions:
        - Name: FunctionName
          Value: !Ref Fn
${alarmProps}`;
}

/** A CloudFormation deployment group whose AlarmConfiguration names FnErrors, enabled or not. */
const group = (enabled: string) => `  Group:
    Type: AWS::CodeDeploy::DeploymentGroup
    Properties:
      ApplicationName: app
      ServiceRoleArn: arn:aws:iam::123456789012:role/codedeploy
      AlarmConfiguration:
        Enabled: ${enabled}
        Alarms:
          - Name: !Ref FnErrors
`;

const cfn = (beside: string) =>
  scanTemplate(template(lambdaFunction('Fn') + functionAlarm('FnErrors') + beside), check, settings);

describe('lambda.no-error-alarm: a rollback alarm', () => {
  it('fails a SAM DeploymentPreference alarm without actions, saying CodeDeploy watches it only while deploying', () => {
    const { failed } = scanTemplate(samTemplate(''), check, settings);
    expect(failed.map((f) => f.message)).toEqual([
      `${HEAD}Alarm ErrorAlarm watches Errors but has no AlarmActions: CodeDeploy watches it only while deploying ` +
        'function Fn (its DeploymentPreference.Alarms), to roll back, and nothing else in the template listens to it.',
    ]);
  });

  it('passes one with AlarmActions, and is unknown where they come from a parameter without default', () => {
    const told = scanTemplate(samTemplate(`      AlarmActions: [${TOPIC}]\n`), check, settings);
    expect([told.failed, told.unknown]).toEqual([[], []]);
    const given = scanTemplate(
      samTemplate(
        '      AlarmActions: !Ref Topics\n',
        undefined,
        'Parameters:\n  Topics: { Type: CommaDelimitedList }\n',
      ),
      check,
      settings,
    );
    expect(given.failed).toEqual([]);
    expect(given.unknown).toHaveLength(1);
  });

  it('says nothing of CodeDeploy for an alarm the DeploymentPreference does not name', () => {
    const { failed } = scanTemplate(samTemplate('', '          - other-alarm\n'), check, settings);
    expect(failed.map((f) => f.message)).toEqual([
      `${HEAD}Alarm ErrorAlarm watches Errors but has no AlarmActions and nothing in the template listens to it.`,
    ]);
  });

  it("reads a CloudFormation deployment group's AlarmConfiguration, when enabled", () => {
    expect(cfn(group('true')).failed.map((f) => f.message)).toEqual([
      `${HEAD}Alarm FnErrors watches Errors but has no AlarmActions: CodeDeploy watches it only while deploying ` +
        'with deployment group Group (its AlarmConfiguration), to stop the deployment, and nothing else in the ' +
        'template listens to it.',
    ]);
    expect(cfn(group('false')).failed.map((f) => f.message)).toEqual([
      `${HEAD}Alarm FnErrors watches Errors but has no AlarmActions and nothing in the template listens to it.`,
    ]);
  });

  it('names each deployment group once, in template order, whether it names the alarm by Ref or by AlarmName', () => {
    const named = (id: string, entries: string) => `  ${id}:
    Type: AWS::CodeDeploy::DeploymentGroup
    Properties:
      ApplicationName: app
      ServiceRoleArn: arn:aws:iam::123456789012:role/codedeploy
      AlarmConfiguration:
        Enabled: true
        Alarms:
${entries}`;
    const { failed } = scanTemplate(
      template(
        lambdaFunction('Fn') +
          functionAlarm('FnErrors', { name: 'fn-errors' }) +
          named('Zeta', '          - Name: fn-errors\n') +
          named('Alpha', '          - Name: !Ref FnErrors\n          - Name: fn-errors\n') +
          named('Other', '          - Name: other-alarm\n'),
      ),
      check,
      settings,
    );
    expect(failed.map((f) => f.message)).toEqual([
      `${HEAD}Alarm FnErrors watches Errors but has no AlarmActions: CodeDeploy watches it only while deploying ` +
        'with deployment group Zeta, Alpha (its AlarmConfiguration), to stop the deployment, and nothing else in ' +
        'the template listens to it.',
    ]);
  });
});
