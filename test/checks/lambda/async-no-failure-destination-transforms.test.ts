import { describe, expect, it } from 'vitest';
import check from '../../../src/checks/lambda/async-no-failure-destination.js';
import { scanTemplate, template } from '../../helpers/scan-template.js';
import { lambdaAlias, lambdaFunction } from '../../helpers/templates.js';

// A transform Parapet does not run may add an AWS::Lambda::EventInvokeConfig with an on-failure destination, as it
// may add an alarm (lambda.no-error-alarm): a function that fails for want of one is unknown under it instead.

const s3Permission = `  FnPermission:
    Type: AWS::Lambda::Permission
    Properties:
      Action: lambda:InvokeFunction
      FunctionName: !GetAtt Fn.Arn
      Principal: s3.amazonaws.com
      SourceAccount: !Ref AWS::AccountId
`;
const invoked = (more = '', fnProps = '') => lambdaFunction('Fn', fnProps) + s3Permission + more;
const include = 'Fn::Transform: { Name: AWS::Include, Parameters: { Location: s3://b/async.yaml } }';
const NO_DESTINATION =
  'The function is invoked asynchronously (by s3.amazonaws.com (FnPermission)) and has neither a dead-letter queue ' +
  'nor an on-failure destination in this template, but';

describe('lambda.async-no-failure-destination under a transform Parapet does not run', () => {
  it('is unknown under a macro, naming it, where it would fail for want of a destination', () => {
    const { failed, unknown, errors } = scanTemplate(
      template(invoked(), 'Transform: AsyncDefaults\n'),
      check,
    );
    expect(errors).toEqual([]);
    expect(failed).toEqual([]);
    expect(unknown.map((f) => [f.resource.id, f.message])).toEqual([
      ['Fn', `${NO_DESTINATION} transform AsyncDefaults, which Parapet does not run, may add a destination.`],
    ]);
  });

  it('is unknown under an Fn::Transform in Resources or one that makes an event invoke config', () => {
    for (const [resources, where] of [
      [invoked(`  ${include}\n`), 'in Resources'],
      [invoked(`  FnConfig:\n    ${include}\n`), 'in resource FnConfig'],
      [
        invoked(`  FnConfig:\n    Type: AWS::Lambda::EventInvokeConfig\n    ${include}\n`),
        'in resource FnConfig',
      ],
    ] as const) {
      const { failed, unknown } = scanTemplate(template(resources), check);
      expect(failed).toEqual([]);
      expect(unknown.map((f) => f.message)).toEqual([
        `${NO_DESTINATION} transform AWS::Include of s3://b/async.yaml ${where}, which Parapet does not run, may add a destination.`,
      ]);
    }
  });

  it("still fails where the transform makes no event invoke config, or is one of AWS's that adds none", () => {
    const failure =
      'The function is invoked asynchronously (by s3.amazonaws.com (FnPermission)) but has neither a dead-letter ' +
      'queue nor an on-failure destination: events that fail all retries are dropped.';
    for (const text of [
      template(invoked(`  Bucket:\n    Type: AWS::S3::Bucket\n    ${include}\n`)),
      template(invoked(), 'Transform: AWS::SecretsManager-2020-07-23\n'),
    ]) {
      const { failed, unknown } = scanTemplate(text, check);
      expect(unknown).toEqual([]);
      expect(failed.map((f) => f.message)).toEqual([failure]);
    }
  });

  it('is unknown where a destination is set for another alias only, naming what the callers invoke', () => {
    const aliasConfig = `  FnInvokeConfig:
    Type: AWS::Lambda::EventInvokeConfig
    Properties:
      FunctionName: !Ref Fn
      Qualifier: live
      DestinationConfig:
        OnFailure:
          Destination: arn:aws:sqs:us-east-1:123456789012:failed
`;
    const { failed, unknown } = scanTemplate(
      template(invoked(lambdaAlias() + aliasConfig), 'Transform: AsyncDefaults\n'),
      check,
    );
    expect(failed).toEqual([]);
    expect(unknown.map((f) => f.message)).toEqual([
      's3.amazonaws.com (FnPermission) invokes $LATEST (unqualified) asynchronously, but an on-failure destination ' +
        'is set only for alias live (FnInvokeConfig), which applies to that version or alias alone, and the function ' +
        'has no dead-letter queue; transform AsyncDefaults, which Parapet does not run, may add one for $LATEST (unqualified).',
    ]);
  });

  it('passes a function whose dead-letter queue the template sets, whatever the transform', () => {
    const withQueue = invoked(
      '',
      '      DeadLetterConfig:\n        TargetArn: arn:aws:sqs:us-east-1:123456789012:dlq\n',
    );
    const { passed, unknown } = scanTemplate(template(withQueue, 'Transform: AsyncDefaults\n'), check);
    expect(unknown).toEqual([]);
    expect(passed.map((f) => f.resource.id)).toEqual(['Fn']);
  });
});
