// biome-ignore-all lint/suspicious/noTemplateCurlyInString: CloudFormation `${...}` templates are written in these tests
import { describe, expect, it } from 'vitest';
import { isUnknown, type Value } from '../../../src/model/values.js';
import { scanTemplate, template } from '../../helpers/scan-template.js';
import {
  lambdaAlias,
  lambdaFunction,
  lambdaPermission,
  samFunction,
  samTemplate,
} from '../../helpers/templates.js';

const plain = (value: Value<string> | undefined) =>
  isUnknown(value) ? (value.template ?? `<${value.reason}>`) : value;

/** Each permission's function and the version or alias it names. */
function permissions(text: string): Record<string, [unknown, unknown]> {
  const { inventory, errors } = scanTemplate(text, []);
  expect(errors).toEqual([]);
  return Object.fromEntries(
    inventory.list('lambda.permission').map((p) => [p.id, [plain(p.functionRef), plain(p.qualifier)]]),
  );
}

const VERSION = `  FnVersion:
    Type: AWS::Lambda::Version
    Properties:
      FunctionName: !Ref Fn
`;

describe('the version or alias a reference to a function names', () => {
  it('keeps it on permissions: an alias or version Ref, a qualified name or ARN, a qualifier from a parameter', () => {
    const found = permissions(
      template(
        lambdaFunction('Fn', '      FunctionName: cleanup-fn\n') +
          lambdaAlias() +
          VERSION +
          lambdaPermission('Plain', 's3.amazonaws.com') +
          lambdaPermission('ByAlias', 's3.amazonaws.com', '', '!Ref FnAlias') +
          lambdaPermission('ByVersion', 's3.amazonaws.com', '', '!Ref FnVersion') +
          lambdaPermission('ByName', 's3.amazonaws.com', '', 'cleanup-fn:live') +
          lambdaPermission('ByLatest', 's3.amazonaws.com', '', 'cleanup-fn:$LATEST') +
          lambdaPermission('ByRefName', 's3.amazonaws.com', '', "!Sub '${Fn}:${Stage}'"),
        'Parameters:\n  Stage: { Type: String }\n',
      ),
    );
    expect(found).toEqual({
      Plain: ['Fn', undefined],
      ByAlias: ['Fn', 'live'],
      ByVersion: ['Fn', '${FnVersion.Version}'],
      ByName: ['Fn', 'live'],
      ByLatest: ['Fn', '$LATEST'],
      ByRefName: ['Fn', '${Stage}'],
    });
  });

  it('keeps the alias SAM wires events to with AutoPublishAlias, and the qualifier of its EventInvokeConfig', () => {
    const props = `      AutoPublishAlias: live
      EventInvokeConfig:
        DestinationConfig:
          OnFailure: { Type: SQS, Destination: arn:aws:sqs:us-east-1:123456789012:failed }
      Events:
        Topic:
          Type: SNS
          Properties: { Topic: arn:aws:sns:us-east-1:123456789012:orders }
        Nightly:
          Type: ScheduleV2
          Properties: { ScheduleExpression: rate(1 day) }
`;
    const { inventory, errors } = scanTemplate(samTemplate(samFunction('Fn', props)), []);
    expect(errors).toEqual([]);
    expect(inventory.list('lambda.permission').map((p) => [p.functionRef, plain(p.qualifier)])).toEqual([
      ['Fn', 'live'],
    ]);
    expect(inventory.list('scheduler.schedule').map((s) => [s.functionRef, plain(s.qualifier)])).toEqual([
      ['Fn', 'live'],
    ]);
    expect(
      inventory.list('lambda.event-invoke-config').map((c) => [c.functionRef, plain(c.qualifier)]),
    ).toEqual([['Fn', 'live']]);
  });
});
