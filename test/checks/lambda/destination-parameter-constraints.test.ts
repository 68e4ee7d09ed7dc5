import { describe, expect, it } from 'vitest';
import asyncCheck from '../../../src/checks/lambda/async-no-failure-destination.js';
import mappingCheck from '../../../src/checks/lambda/event-source-failures-lost.js';
import { scanTemplate, template } from '../../helpers/scan-template.js';
import { lambdaFunction } from '../../helpers/templates.js';

const SQS_ARN_PATTERN = '^arn:aws[a-z-]*:sqs:[a-z0-9-]+:\\d{12}:[A-Za-z0-9_-]+$';

/**
 * A function S3 invokes, whose dead-letter queue is parameter Target, and a Kinesis mapping whose on-failure
 * destination is the same parameter, declared with these lines (after `Type: String`).
 */
const targeted = (declaration: string) =>
  template(
    `${lambdaFunction('Fn', '      DeadLetterConfig:\n        TargetArn: !Ref Target\n')}  S3Permission:
    Type: AWS::Lambda::Permission
    Properties:
      Action: lambda:InvokeFunction
      FunctionName: !Ref Fn
      Principal: s3.amazonaws.com
      SourceAccount: !Ref AWS::AccountId
  StreamMapping:
    Type: AWS::Lambda::EventSourceMapping
    Properties:
      FunctionName: !Ref Fn
      EventSourceArn: arn:aws:kinesis:us-east-1:123456789012:stream/orders
      StartingPosition: LATEST
      DestinationConfig:
        OnFailure:
          Destination: !Ref Target
`,
    `Parameters:\n  Target:\n    Type: String\n${declaration}`,
  );

const outcomes = (declaration: string, parameters?: Record<string, string>) => {
  const scan = scanTemplate(
    targeted(declaration),
    [asyncCheck, mappingCheck],
    parameters ? { parameters } : {},
  );
  expect(scan.errors).toEqual([]);
  return scan.findings.map((f) => [f.checkId, f.status, f.message]);
};

const PASSED = [
  [
    'lambda.async-no-failure-destination',
    'pass',
    'failed asynchronous events go to the dead-letter queue given to parameter Target at deploy: its constraints keep out an empty value',
  ],
  [
    'lambda.event-source-failures-lost',
    'pass',
    'failed batches go to the destination given to parameter Target at deploy: its constraints keep out an empty value',
  ],
];

describe('a dead-letter queue or on-failure destination from a parameter whose constraints refuse ""', () => {
  it('passes both checks with an ARN AllowedPattern, a MinLength or AllowedValues without ""', () => {
    for (const declaration of [
      `    AllowedPattern: '${SQS_ARN_PATTERN}'\n`,
      '    MinLength: 20\n',
      "    AllowedValues: ['arn:aws:sqs:us-east-1:123456789012:failed-a', 'arn:aws:sqs:us-east-1:123456789012:failed-b']\n",
    ]) {
      expect(outcomes(declaration), declaration).toEqual(PASSED);
    }
  });

  it('points the mapping’s pass at its Destination', () => {
    const { passed } = scanTemplate(targeted('    MinLength: 20\n'), mappingCheck);
    expect(passed.map((f) => f.property)).toEqual(['DestinationConfig.OnFailure.Destination']);
  });

  it('stays unknown when the constraints let "" in: a pattern that matches it, or none at all', () => {
    for (const declaration of ["    AllowedPattern: '^(arn:aws:sqs:.*)?$'\n", '    MinLength: 0\n', '']) {
      expect(outcomes(declaration), declaration).toEqual([
        [
          'lambda.async-no-failure-destination',
          'unknown',
          'The function is invoked asynchronously; whether failed events are kept depends on DeadLetterConfig (from parameter Target, which has no default), not known before deploy.',
        ],
        [
          'lambda.event-source-failures-lost',
          'unknown',
          'The on-failure destination is not known before deploy (from parameter Target, which has no default)',
        ],
      ]);
    }
  });

  it('fails an empty default the constraints let in: the scan judges the value a deploy gives by default', () => {
    const found = outcomes("    AllowedPattern: '^(arn:aws:sqs:.*)?$'\n    Default: ''\n");
    expect(found.map(([id, status]) => [id, status])).toEqual([
      ['lambda.async-no-failure-destination', 'fail'],
      ['lambda.event-source-failures-lost', 'fail'],
    ]);
  });

  it('judges the queue a scan is given with -p as that queue, whatever the constraints', () => {
    const queue = 'arn:aws:sqs:us-east-1:123456789012:failed';
    expect(outcomes('    MinLength: 20\n', { Target: queue })).toEqual([
      [
        'lambda.async-no-failure-destination',
        'pass',
        `failed asynchronous events go to the dead-letter queue ${queue}`,
      ],
      ['lambda.event-source-failures-lost', 'pass', `failed batches go to ${queue}`],
    ]);
  });
});

describe('an event invoke config whose on-failure destination is a parameter that refuses ""', () => {
  /** A function S3 invokes, with an event invoke config on $LATEST sending failures to parameter Target. */
  const configured = (declaration: string) =>
    template(
      `${lambdaFunction('Fn')}  S3Permission:
    Type: AWS::Lambda::Permission
    Properties:
      Action: lambda:InvokeFunction
      FunctionName: !Ref Fn
      Principal: s3.amazonaws.com
      SourceAccount: !Ref AWS::AccountId
  FnInvokeConfig:
    Type: AWS::Lambda::EventInvokeConfig
    Properties:
      FunctionName: !Ref Fn
      Qualifier: $LATEST
      DestinationConfig:
        OnFailure:
          Destination: !Ref Target
`,
      `Parameters:\n  Target:\n    Type: String\n${declaration}`,
    );
  const outcome = (declaration: string) =>
    scanTemplate(configured(declaration), asyncCheck).findings.map((f) => [f.status, f.message]);

  it('passes, naming the parameter, the config and why it is never empty', () => {
    expect(outcome(`    AllowedPattern: '${SQS_ARN_PATTERN}'\n`)).toEqual([
      [
        'pass',
        'failed asynchronous events of $LATEST (unqualified) go to the destination given to parameter Target at deploy (FnInvokeConfig; its constraints keep out an empty value)',
      ],
    ]);
  });

  it('passes a config that stands for callers not seen the same way', () => {
    const text = configured('    MinLength: 20\n').replace(
      / {2}S3Permission:[\s\S]*?(?= {2}FnInvokeConfig:)/,
      '',
    );
    expect(scanTemplate(text, asyncCheck).findings.map((f) => [f.status, f.message])).toEqual([
      [
        'pass',
        'failed asynchronous events go to the destination given to parameter Target at deploy (FnInvokeConfig; its constraints keep out an empty value)',
      ],
    ]);
  });

  it('stays unknown, at the Destination, when the parameter may be given ""', () => {
    expect(outcome("    AllowedPattern: '^(arn:aws:sqs:.*)?$'\n")).toEqual([
      [
        'unknown',
        'The function is invoked asynchronously; whether failed events are kept depends on the on-failure destination of FnInvokeConfig (from parameter Target, which has no default), not known before deploy.',
      ],
    ]);
  });
});
