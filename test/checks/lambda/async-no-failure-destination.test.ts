// biome-ignore-all lint/suspicious/noTemplateCurlyInString: CloudFormation `${...}` templates are written in these tests
import { describe, expect, it } from 'vitest';
import check from '../../../src/checks/lambda/async-no-failure-destination.js';
import { scanTemplate, template } from '../../helpers/scan-template.js';
import {
  edgeDistribution,
  lambdaAlias,
  lambdaFunction,
  samFunction,
  samTemplate,
} from '../../helpers/templates.js';

const fn = (extraProps = '') => lambdaFunction('Fn', extraProps);

/** FnInvokeConfig on Fn (qualifier `$LATEST`, or an alias) whose on-failure destination is `destination`. */
const invokeConfig = (destination: string, qualifier = '$LATEST') => `  FnInvokeConfig:
    Type: AWS::Lambda::EventInvokeConfig
    Properties:
      FunctionName: !Ref Fn
      Qualifier: ${qualifier}
      DestinationConfig:
        OnFailure:
          Destination: ${destination}
`;

/** Alias `live` of Fn with an event invoke config whose on-failure destination is the queue Dlq. */
const ALIAS_WITH_DESTINATION = lambdaAlias() + invokeConfig('!GetAtt Dlq.Arn', 'live');
const permission = (principal: string, target = 'Fn') => `  FnPermission:
    Type: AWS::Lambda::Permission
    Properties:
      Action: lambda:InvokeFunction
      FunctionName: !GetAtt ${target}.Arn
      Principal: ${principal}
      SourceAccount: !Ref AWS::AccountId
`;

const dlq = `  Dlq:
    Type: AWS::SQS::Queue
`;

describe('lambda.async-no-failure-destination', () => {
  it('fails a function S3 invokes with neither a DLQ nor an on-failure destination', () => {
    const { failed, errors } = scanTemplate(template(fn() + permission('s3.amazonaws.com')), check);
    expect(errors).toEqual([]);
    expect(failed).toHaveLength(1);
    expect(failed[0]?.resource.id).toBe('Fn');
    expect(failed[0]?.message).toContain('s3.amazonaws.com (FnPermission)');
    expect(failed[0]?.location).toEqual({ file: 'template.yaml', line: 3, column: 3 });
  });

  it('recognises the services of the isolated partitions by their DNS suffix, regional ones included', () => {
    for (const principal of [
      's3.c2s.ic.gov',
      'logs.us-isob-east-1.sc2s.sgov.gov',
      'logs.eusc-de-east-1.amazonaws.eu',
    ]) {
      const { failed, unknown } = scanTemplate(template(fn() + permission(principal)), check);
      expect(unknown, principal).toEqual([]);
      expect(failed.map((f) => f.message)).toEqual([expect.stringContaining(`${principal} (FnPermission)`)]);
    }
    // Not a service that invokes asynchronously, in any partition.
    const sync = scanTemplate(template(fn() + permission('apigateway.c2s.ic.gov')), check);
    expect([sync.failed, sync.unknown]).toEqual([[], []]);
  });

  it('recognises regional CloudWatch Logs principals and permissions given to an alias', () => {
    const alias = lambdaAlias();
    const { failed } = scanTemplate(
      template(
        fn() + alias + permission('logs.eu-west-1.amazonaws.com').replace('!GetAtt Fn.Arn', '!Ref FnAlias'),
      ),
      check,
    );
    expect(failed).toHaveLength(1);
    expect(failed[0]?.resource.id).toBe('Fn');
  });

  it('reads a service principal written with the URL suffix pseudo parameter, as IAM does', () => {
    for (const [principal, read] of [
      ['!Sub events.${AWS::URLSuffix}', 'events.amazonaws.com'],
      ["!Join ['.', [s3, !Ref AWS::URLSuffix]]", 's3.amazonaws.com'],
    ]) {
      const { failed } = scanTemplate(template(fn() + permission(principal as string)), check);
      expect(failed.map((f) => f.resource.id)).toEqual(['Fn']);
      // Named as IAM reads it, not as written.
      expect(failed[0]?.message).toContain(`(by ${read} (FnPermission))`);
    }
    // A service that invokes synchronously stays out, however it is written.
    const apigateway = scanTemplate(template(fn() + permission('!Sub apigateway.${AWS::URLSuffix}')), check);
    expect(apigateway.findings).toEqual([]);
  });

  describe('a permission that names the function by name or ARN instead of !Ref', () => {
    const named = (functionName: string, fnName = 'cleanup-fn', extra = '') =>
      template(
        fn(`      FunctionName: ${fnName}\n`) +
          permission('events.amazonaws.com').replace(
            'FunctionName: !GetAtt Fn.Arn',
            `FunctionName: ${functionName}`,
          ),
        extra,
      );
    const SUFFIX = 'Parameters:\n  Suffix: { Type: String }\n';

    it('fails the function its name, partial ARN or full ARN of the deploy’s account names', () => {
      for (const functionName of [
        'cleanup-fn',
        'cleanup-fn:live',
        "!Sub '${AWS::AccountId}:function:cleanup-fn'",
        "!Sub 'arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:cleanup-fn'",
      ]) {
        expect(
          scanTemplate(named(functionName), check).failed.map((f) => f.resource.id),
          functionName,
        ).toEqual(['Fn']);
      }
    });

    it('fails the function the same expression of the same parameter names', () => {
      const sub = "!Sub 'cleanup-${Suffix}'";
      const arn =
        "!Sub 'arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:cleanup-${Suffix}'";
      expect(scanTemplate(named(sub, sub, SUFFIX), check).failed.map((f) => f.resource.id)).toEqual(['Fn']);
      expect(scanTemplate(named(arn, sub, SUFFIX), check).failed.map((f) => f.resource.id)).toEqual(['Fn']);
    });

    it('does not tie it to a function of the same name in a literal account or region, or another name', () => {
      for (const functionName of [
        'arn:aws:lambda:us-east-1:123456789012:function:cleanup-fn',
        "!Sub 'arn:${AWS::Partition}:lambda:eu-west-1:${AWS::AccountId}:function:cleanup-fn'",
        'cleanup-other',
      ]) {
        expect(scanTemplate(named(functionName), check).failed, functionName).toEqual([]);
      }
    });
  });

  it('passes a function with a dead-letter queue', () => {
    const props = '      DeadLetterConfig:\n        TargetArn: !GetAtt Dlq.Arn\n';
    const { failed, passed } = scanTemplate(
      template(fn(props) + permission('sns.amazonaws.com') + dlq),
      check,
    );
    expect(failed).toEqual([]);
    expect(passed).toHaveLength(1);
    expect(passed[0]?.message).toContain('Dlq');
  });

  it('passes an on-failure destination without a DLQ (checkov#1795)', () => {
    const config = invokeConfig('!GetAtt Dlq.Arn');
    const { failed, passed } = scanTemplate(
      template(fn() + permission('events.amazonaws.com') + config + dlq),
      check,
    );
    expect(failed).toEqual([]);
    expect(passed).toHaveLength(1);
  });

  it('fails a function whose event invoke config has only an on-success destination', () => {
    const config = `  FnInvokeConfig:
    Type: AWS::Lambda::EventInvokeConfig
    Properties:
      FunctionName: !Ref Fn
      Qualifier: $LATEST
      MaximumRetryAttempts: 0
      DestinationConfig:
        OnSuccess:
          Destination: !GetAtt Dlq.Arn
`;
    const { failed } = scanTemplate(template(fn() + config + dlq), check);
    expect(failed).toHaveLength(1);
    expect(failed[0]?.message).toContain('event invoke config FnInvokeConfig');
  });

  it('says nothing about functions with no sign of asynchronous invocation', () => {
    expect(scanTemplate(template(fn()), check).findings).toEqual([]);
    expect(scanTemplate(template(fn() + permission('apigateway.amazonaws.com')), check).findings).toEqual([]);
  });

  it('is unknown when the invoking principal comes from a parameter without default', () => {
    const { failed, unknown } = scanTemplate(
      template(fn() + permission('!Ref Invoker'), 'Parameters:\n  Invoker: { Type: String }\n'),
      check,
    );
    expect(failed).toEqual([]);
    expect(unknown).toHaveLength(1);
    expect(unknown[0]?.message).toContain('FnPermission');
  });

  it('is unknown when the dead-letter queue depends on a condition that cannot be decided', () => {
    const props = `      DeadLetterConfig: !If
        - WantDlq
        - TargetArn: !GetAtt Dlq.Arn
        - !Ref AWS::NoValue
`;
    const extra = 'Parameters:\n  Env: { Type: String }\nConditions:\n  WantDlq: !Equals [!Ref Env, prod]\n';
    const { failed, unknown } = scanTemplate(
      template(fn(props) + permission('s3.amazonaws.com') + dlq, extra),
      check,
    );
    expect(failed).toEqual([]);
    expect(unknown).toHaveLength(1);
    expect(unknown[0]?.message).toContain('DeadLetterConfig');
  });

  describe('a destination whose ARN is written with pseudo parameters (CDK writes the default bus so)', () => {
    const pseudoArn = (service: string, resource: string) => `!Join
          - ''
          - - 'arn:'
            - !Ref AWS::Partition
            - ':${service}:'
            - !Ref AWS::Region
            - ':'
            - !Ref AWS::AccountId
            - ':${resource}'`;

    it('passes an on-failure destination that is the default event bus, whatever the partition', () => {
      const { passed, unknown, failed } = scanTemplate(
        template(
          fn() + permission('s3.amazonaws.com') + invokeConfig(pseudoArn('events', 'event-bus/default')),
        ),
        check,
      );
      expect([failed, unknown]).toEqual([[], []]);
      expect(passed[0]?.message).toContain(
        'arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:event-bus/default',
      );
    });

    it('passes a dead-letter queue written with !Join or !Sub of pseudo parameters', () => {
      for (const arn of [
        pseudoArn('sqs', 'failed-events'),
        "!Sub 'arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:failed-events'",
      ]) {
        const props = `      DeadLetterConfig:\n        TargetArn: ${arn}\n`;
        const { passed, unknown } = scanTemplate(template(fn(props) + permission('s3.amazonaws.com')), check);
        expect(unknown).toEqual([]);
        expect(passed[0]?.message).toContain('dead-letter queue arn:${AWS::Partition}:sqs:');
      }
    });

    it('passes a destination that only names a queue from a parameter inside literal text', () => {
      const { passed } = scanTemplate(
        template(
          fn() +
            permission('s3.amazonaws.com') +
            invokeConfig("!Sub 'arn:aws:sqs:${AWS::Region}:${AWS::AccountId}:${QueueName}'"),
          'Parameters:\n  QueueName: { Type: String }\n',
        ),
        check,
      );
      expect(passed).toHaveLength(1);
    });

    it('is unknown when the destination or dead-letter queue is a whole parameter without default (it may be "")', () => {
      const extra = 'Parameters:\n  FailedArn: { Type: String }\n';
      for (const arn of ['!Ref FailedArn', "!Sub '${FailedArn}'"]) {
        const viaConfig = scanTemplate(
          template(fn() + permission('s3.amazonaws.com') + invokeConfig(arn), extra),
          check,
        );
        expect(viaConfig.unknown.map((f) => f.message)).toEqual([
          'The function is invoked asynchronously; whether failed events are kept depends on the on-failure destination of FnInvokeConfig (from parameter FailedArn, which has no default), not known before deploy.',
        ]);
        // It points at the Destination that decides it, not at the function.
        const text = template(fn() + permission('s3.amazonaws.com') + invokeConfig(arn), extra);
        const line = text.split('\n').findIndex((l) => l.includes('Destination: ')) + 1;
        expect(viaConfig.unknown[0]?.location?.line).toBe(line);
        const props = `      DeadLetterConfig:\n        TargetArn: ${arn}\n`;
        const viaDlq = scanTemplate(template(fn(props) + permission('s3.amazonaws.com'), extra), check);
        expect(viaDlq.unknown).toHaveLength(1);
        expect(viaDlq.passed).toEqual([]);
      }
    });

    it('fails a dead-letter queue given as empty text: Lambda reads "" as no dead-letter queue', () => {
      const props = "      DeadLetterConfig:\n        TargetArn: ''\n";
      const { failed } = scanTemplate(template(fn(props) + permission('s3.amazonaws.com')), check);
      expect(failed).toHaveLength(1);
      expect(failed[0]?.message).toContain('(its DeadLetterConfig.TargetArn is empty)');
      expect(failed[0]?.property).toBe('DeadLetterConfig.TargetArn');
    });

    it('says the failure rests on a parameter whose default is empty (an optional queue)', () => {
      const props = '      DeadLetterConfig:\n        TargetArn: !Ref DlqArn\n';
      const extra = "Parameters:\n  DlqArn: { Type: String, Default: '' }\n";
      const { failed } = scanTemplate(template(fn(props) + permission('s3.amazonaws.com'), extra), check);
      expect(failed.map((f) => f.assumptions)).toEqual([
        ['parameter DlqArn uses its default value, which a deploy may override'],
      ]);
    });
  });

  describe('the parameter defaults a failure lists (review U)', () => {
    const PARAMS = `Parameters:
  Name: { Type: String, Default: '' }
  DlqArn: { Type: String, Default: '' }
  OnFail: { Type: String, Default: '' }
Conditions:
  HasName: !Not [!Equals [!Ref Name, '']]
  HasDlq: !Not [!Equals [!Ref DlqArn, '']]
  HasOnFail: !Not [!Equals [!Ref OnFail, '']]
`;
    const NAME = '      FunctionName: !If [HasName, !Ref Name, !Ref AWS::NoValue]\n';
    const scan = (props: string, extra = '', parameters: Record<string, string> = {}) =>
      scanTemplate(template(fn(props) + permission('s3.amazonaws.com') + extra, PARAMS), check, {
        parameters,
      });
    const assumed = (findings: { assumptions?: readonly string[] }[]) =>
      findings.map((f) => (f.assumptions ?? []).map((a) => a.split(' ')[1]));
    const queue = 'arn:aws:sqs:us-east-1:123456789012:failed';

    it('lists no default that leaves out a property unrelated to failed events (a FunctionName)', () => {
      const { failed } = scan(NAME);
      expect(assumed(failed)).toEqual([[]]);
    });

    it('lists the default that leaves out the dead-letter queue, whole or its TargetArn', () => {
      for (const dlq of [
        '      DeadLetterConfig: !If [HasDlq, { TargetArn: !Ref DlqArn }, !Ref AWS::NoValue]\n',
        '      DeadLetterConfig: { TargetArn: !If [HasDlq, !Ref DlqArn, !Ref AWS::NoValue] }\n',
      ]) {
        expect(assumed(scan(NAME + dlq).failed)).toEqual([['DlqArn']]);
        expect(scan(NAME + dlq, '', { DlqArn: queue }).passed).toHaveLength(1);
      }
    });

    it("lists the default that leaves out an event invoke config's destination", () => {
      const config = `  FnInvokeConfig:
    Type: AWS::Lambda::EventInvokeConfig
    Properties:
      FunctionName: !Ref Fn
      Qualifier: $LATEST
      DestinationConfig: !If [HasOnFail, { OnFailure: { Destination: !Ref OnFail } }, !Ref AWS::NoValue]
`;
      expect(assumed(scan(NAME, config).failed)).toEqual([['OnFail']]);
      expect(scan(NAME, config, { OnFail: queue }).passed).toHaveLength(1);
    });
  });

  describe('the parameter defaults an unknown lists', () => {
    /** A SAM function invoked by EventBridge, LOG_LEVEL from a default, with SAM's EventInvokeConfig to `destination`. */
    const sam = (destination: string, parameters: string) =>
      samTemplate(
        `  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.13
      Handler: index.handler
      InlineCode: x
      Environment:
        Variables:
          LOG_LEVEL: !Ref LogLevel
      Events:
        Rule:
          Type: EventBridgeRule
          Properties:
            Pattern:
              source: [x]
      EventInvokeConfig:
        DestinationConfig:
          OnFailure:
            Type: SQS
            Destination: ${destination}
`,
        `Parameters:\n  LogLevel: { Type: String, Default: INFO }\n  FailureQueueArn: { Type: String }\n${parameters}`,
      );

    it('lists no default of a value the verdict does not rest on (an environment variable)', () => {
      const { unknown } = scanTemplate(sam('!Ref FailureQueueArn', ''), check);
      expect(unknown.map((f) => [f.message, f.assumptions])).toEqual([
        [
          'The function is invoked asynchronously; whether failed events are kept depends on the on-failure destination of FnEventInvokeConfig (from parameter FailureQueueArn, which has no default), not known before deploy.',
          undefined,
        ],
      ]);
    });

    it('lists the defaults the undecided destination is made of', () => {
      const { unknown } = scanTemplate(
        sam("!Sub '${QueuePrefix}${FailureQueueArn}'", "  QueuePrefix: { Type: String, Default: '' }\n"),
        check,
      );
      expect(unknown.map((f) => f.assumptions)).toEqual([
        ['parameter QueuePrefix uses its default value, which a deploy may override'],
      ]);
    });
  });

  describe('EventBridge Scheduler (invokes through a role, without a permission)', () => {
    const schedule = (target: string, extra = '') => `  Nightly:
    Type: AWS::Scheduler::Schedule
    Properties:
      ScheduleExpression: rate(1 day)
      FlexibleTimeWindow: { Mode: 'OFF' }
      Target:
        Arn: ${target}
        RoleArn: arn:aws:iam::123456789012:role/scheduler
${extra}`;

    it('fails a function a schedule invokes with no destination', () => {
      const { failed, errors } = scanTemplate(template(fn() + schedule('!GetAtt Fn.Arn')), check);
      expect(errors).toEqual([]);
      expect(failed).toHaveLength(1);
      expect(failed[0]?.resource.id).toBe('Fn');
      expect(failed[0]?.message).toContain('EventBridge Scheduler (schedule Nightly)');
    });

    it("is not satisfied by the schedule's own dead-letter queue and retry policy, and says why", () => {
      const own = `        DeadLetterConfig:
          Arn: !GetAtt Dlq.Arn
        RetryPolicy:
          MaximumRetryAttempts: 3
`;
      const { failed } = scanTemplate(template(fn() + schedule('!GetAtt Fn.Arn', own) + dlq), check);
      expect(failed).toHaveLength(1);
      expect(failed[0]?.message).toContain(
        "dead-letter queue of schedule Nightly keeps only events Scheduler could not deliver, not the function's failures",
      );
    });

    it('passes a scheduled function with an on-failure destination, also when the schedule targets an alias', () => {
      const alias = ALIAS_WITH_DESTINATION;
      const { failed, passed } = scanTemplate(template(fn() + schedule('!Ref FnAlias') + alias + dlq), check);
      expect(failed).toEqual([]);
      expect(passed).toHaveLength(1);
    });

    it('ignores schedules that target something else', () => {
      const queue = scanTemplate(template(fn() + schedule('!GetAtt Dlq.Arn') + dlq), check);
      expect(queue.findings).toEqual([]);
    });

    it('fails a SAM function with a ScheduleV2 event, on the SAM function', () => {
      const events = `      Events:
        Nightly:
          Type: ScheduleV2
          Properties:
            ScheduleExpression: rate(1 day)
`;
      const { failed, errors } = scanTemplate(samTemplate(samFunction('Fn', events)), check);
      expect(errors).toEqual([]);
      expect(failed.map((f) => f.resource.id)).toEqual(['Fn']);
      expect(failed[0]?.message).toContain('EventBridge Scheduler (schedule FnNightly)');
    });

    it('passes a SAM function with a ScheduleV2 event and a DeadLetterQueue', () => {
      const props = `      DeadLetterQueue:
        Type: SQS
        TargetArn: arn:aws:sqs:us-east-1:123456789012:failed
      Events:
        Nightly:
          Type: ScheduleV2
          Properties:
            ScheduleExpression: rate(1 day)
`;
      const { failed, passed } = scanTemplate(samTemplate(samFunction('Fn', props)), check);
      expect(failed).toEqual([]);
      expect(passed).toHaveLength(1);
    });
  });

  describe('EventBridge Pipes (invokes its target through a role, without a permission)', () => {
    const pipe = (invocationType?: string, target = 'Target: !GetAtt Fn.Arn') => `  Source:
    Type: AWS::SQS::Queue
  Pipe:
    Type: AWS::Pipes::Pipe
    Properties:
      RoleArn: arn:aws:iam::123456789012:role/pipe
      Source: !GetAtt Source.Arn
      ${target}
${invocationType === undefined ? '' : `      TargetParameters:\n        LambdaFunctionParameters:\n          InvocationType: ${invocationType}\n`}`;

    it('reads a target written as the function ARN around its name, with pseudo parameters', () => {
      const target =
        "Target: !Sub 'arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:${Fn}'";
      const { failed } = scanTemplate(template(fn() + pipe('FIRE_AND_FORGET', target)), check);
      expect(failed.map((f) => f.resource.id)).toEqual(['Fn']);
    });

    it('reads a target whose qualifier is not known before deploy', () => {
      const target =
        "Target: !Sub 'arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:${Fn}:${AliasName}'";
      const extra = 'Parameters:\n  AliasName: { Type: String }\n';
      const { failed } = scanTemplate(template(fn() + pipe('FIRE_AND_FORGET', target), extra), check);
      expect(failed.map((f) => f.resource.id)).toEqual(['Fn']);
    });

    it('fails a function a pipe invokes with FIRE_AND_FORGET and no destination', () => {
      const { failed, errors } = scanTemplate(template(fn() + pipe('FIRE_AND_FORGET')), check);
      expect(errors).toEqual([]);
      expect(failed.map((f) => f.resource.id)).toEqual(['Fn']);
      expect(failed[0]?.message).toContain('EventBridge Pipes (pipe Pipe, FIRE_AND_FORGET)');
    });

    it('passes it with an on-failure destination, also when the pipe targets an alias', () => {
      const config = ALIAS_WITH_DESTINATION;
      const { failed, passed } = scanTemplate(
        template(fn() + pipe('FIRE_AND_FORGET', 'Target: !Ref FnAlias') + config + dlq),
        check,
      );
      expect(failed).toEqual([]);
      expect(passed).toHaveLength(1);
    });

    it('says nothing of a pipe that invokes synchronously (REQUEST_RESPONSE, the default) or enriches with the function', () => {
      expect(scanTemplate(template(fn() + pipe()), check).findings).toEqual([]);
      expect(scanTemplate(template(fn() + pipe('REQUEST_RESPONSE')), check).findings).toEqual([]);
      const enrichment = pipe(undefined, 'Enrichment: !GetAtt Fn.Arn\n      Target: !GetAtt Dlq.Arn') + dlq;
      expect(scanTemplate(template(fn() + enrichment), check).findings).toEqual([]);
    });

    it('takes no event invoke config as a sign of asynchronous use where the pipe invokes synchronously', () => {
      const retries =
        '  FnRetries:\n    Type: AWS::Lambda::EventInvokeConfig\n' +
        '    Properties: { FunctionName: !Ref Fn, Qualifier: $LATEST, MaximumRetryAttempts: 0 }\n';
      expect(scanTemplate(template(fn() + pipe() + retries), check).findings).toEqual([]);
      const async = scanTemplate(template(fn() + pipe('FIRE_AND_FORGET') + retries), check);
      expect(async.failed.map((f) => f.resource.id)).toEqual(['Fn']);
    });

    it('is unknown when the invocation type is not known before deploy', () => {
      const { unknown, failed } = scanTemplate(
        template(fn() + pipe('!Ref Mode'), 'Parameters:\n  Mode: { Type: String }\n'),
        check,
      );
      expect(failed).toEqual([]);
      expect(unknown[0]?.message).toContain('The invocation type of pipe Pipe is not known before deploy');
    });
  });

  describe('SAM', () => {
    const upload = `      Events:
        Upload:
          Type: S3
          Properties:
            Bucket: !Ref Bucket
            Events: s3:ObjectCreated:*
`;
    const samFn = (extra: string) =>
      samTemplate(
        `  Bucket:
    Type: AWS::S3::Bucket
  Failed:
    Type: AWS::SQS::Queue
${samFunction('Fn', upload + extra)}`,
      );

    it('fails a function with an S3 event and no destination, on the SAM function', () => {
      const { failed, errors } = scanTemplate(samFn(''), check);
      expect(errors).toEqual([]);
      expect(failed).toHaveLength(1);
      expect(failed[0]?.resource.id).toBe('Fn');
      expect(failed[0]?.message).toContain('s3.amazonaws.com');
    });

    it('passes EventInvokeConfig.DestinationConfig.OnFailure', () => {
      const config = `      EventInvokeConfig:
        DestinationConfig:
          OnFailure:
            Type: SQS
            Destination: !GetAtt Failed.Arn
`;
      const { failed, passed } = scanTemplate(samFn(config), check);
      expect(failed).toEqual([]);
      expect(passed).toHaveLength(1);
    });
  });
});

describe('lambda.async-no-failure-destination on an Fn::If of a condition not known before deploy', () => {
  const conditions = 'Conditions:\n  IsChina: !Equals [!Ref AWS::Partition, aws-cn]\n';

  it('fails when every branch is a service that invokes asynchronously, naming them', () => {
    const text = template(
      fn() + permission('!If [IsChina, events.amazonaws.com.cn, events.amazonaws.com]'),
      conditions,
    );
    const { failed } = scanTemplate(text, check);
    expect(failed.map((f) => f.message)).toEqual([
      expect.stringContaining('(by events.amazonaws.com.cn or events.amazonaws.com (FnPermission))'),
    ]);
  });

  it('is unknown when one branch may be another kind of principal', () => {
    const text = template(
      fn() + permission("!If [IsChina, '111122223333', events.amazonaws.com]"),
      conditions,
    );
    const { failed, unknown } = scanTemplate(text, check);
    expect([failed, unknown.length]).toEqual([[], 1]);
  });
});

describe('lambda.async-no-failure-destination per version or alias (an event invoke config holds for one qualifier)', () => {
  const SCHEDULER_ROLE = 'arn:aws:iam::123456789012:role/scheduler';
  const schedule = (target: string) => `  Schedule:
    Type: AWS::Scheduler::Schedule
    Properties:
      ScheduleExpression: rate(5 minutes)
      FlexibleTimeWindow: { Mode: 'OFF' }
      Target:
        Arn: ${target}
        RoleArn: ${SCHEDULER_ROLE}
`;
  const samInvokeConfig = `      EventInvokeConfig:
        DestinationConfig:
          OnFailure: { Type: SQS, Destination: !GetAtt Dlq.Arn }
`;
  const snsEvent = `      Events:
        Sns:
          Type: SNS
          Properties: { Topic: arn:aws:sns:us-east-1:123456789012:orders }
`;
  const samFn = (props: string) => samFunction('Fn', `      AutoPublishAlias: live\n${props}`);

  it('fails a schedule invoking $LATEST when SAM put the destination on the AutoPublishAlias alias only', () => {
    const { failed, errors } = scanTemplate(
      samTemplate(dlq + samFn(samInvokeConfig) + schedule('!GetAtt Fn.Arn')),
      check,
    );
    expect(errors).toEqual([]);
    expect(failed.map((f) => f.message)).toEqual([
      'EventBridge Scheduler (schedule Schedule) invokes $LATEST (unqualified) asynchronously, but an on-failure destination is set only for alias live (FnEventInvokeConfig), which applies to that version or alias alone, and the function has no dead-letter queue: events that fail all retries there are dropped.',
    ]);
    expect(failed[0]?.resource.id).toBe('Fn');
  });

  it("passes a schedule invoking the alias as !Sub '${Fn.Alias}' names it, which SAM rewrites to the alias", () => {
    const { passed, failed, unknown } = scanTemplate(
      samTemplate(dlq + samFn(samInvokeConfig) + schedule("!Sub '${Fn.Alias}'")),
      check,
    );
    expect([failed, unknown]).toEqual([[], []]);
    expect(passed.map((f) => f.message)).toEqual([
      'failed asynchronous events go to Dlq (FnEventInvokeConfig)',
    ]);
  });

  it('fails SAM events wired to the alias when the destination is on $LATEST only', () => {
    const config = invokeConfig('!GetAtt Dlq.Arn');
    const { failed } = scanTemplate(samTemplate(dlq + samFn(snsEvent) + config), check);
    expect(failed.map((f) => f.message)).toEqual([
      'sns.amazonaws.com (FnSnsPermission) invokes alias live asynchronously, but an on-failure destination is set only for $LATEST (unqualified) (FnInvokeConfig), which applies to that version or alias alone, and the function has no dead-letter queue: events that fail all retries there are dropped.',
    ]);
  });

  it('passes SAM events, a ScheduleV2 event and EventInvokeConfig, which SAM all puts on the alias', () => {
    const scheduleV2 = `        Nightly:
          Type: ScheduleV2
          Properties: { ScheduleExpression: rate(1 day) }
`;
    const { passed, failed, unknown } = scanTemplate(
      samTemplate(dlq + samFn(samInvokeConfig + snsEvent + scheduleV2)),
      check,
    );
    expect([failed, unknown]).toEqual([[], []]);
    expect(passed.map((f) => f.message)).toEqual([
      'failed asynchronous events of alias live go to Dlq (FnEventInvokeConfig)',
    ]);
  });

  it('passes plain CloudFormation whose config is on $LATEST and whose callers are unqualified', () => {
    const { passed, failed } = scanTemplate(
      template(
        fn() +
          permission('s3.amazonaws.com') +
          schedule('!GetAtt Fn.Arn') +
          invokeConfig('!GetAtt Dlq.Arn') +
          dlq,
      ),
      check,
    );
    expect(failed).toEqual([]);
    expect(passed).toHaveLength(1);
  });

  it('passes a dead-letter queue whatever the qualifier: each version publishes it with the function', () => {
    const props = `      DeadLetterQueue: { Type: SQS, TargetArn: !GetAtt Dlq.Arn }\n${snsEvent}`;
    const { passed, failed } = scanTemplate(
      samTemplate(dlq + samFn(props) + schedule('!GetAtt Fn.Arn') + invokeConfig("''")),
      check,
    );
    expect(failed).toEqual([]);
    expect(passed[0]?.message).toContain('dead-letter queue');
  });

  it('reads the qualifier of a name, a partial ARN or a !Sub ARN, and fails or passes by it', () => {
    const named = (functionName: string) =>
      permission('events.amazonaws.com').replace(
        'FunctionName: !GetAtt Fn.Arn',
        `FunctionName: ${functionName}`,
      );
    for (const caller of [
      named('cleanup-fn:live'),
      named("!Sub '${AWS::AccountId}:function:cleanup-fn:live'"),
      named('!Ref FnAlias'),
      schedule("!Sub '${Fn.Arn}:live'"),
    ]) {
      const base = fn('      FunctionName: cleanup-fn\n') + lambdaAlias() + caller + dlq;
      const onLatest = scanTemplate(template(base + invokeConfig('!GetAtt Dlq.Arn')), check);
      expect(onLatest.failed[0]?.message, caller).toContain('invokes alias live asynchronously');
      const onAlias = scanTemplate(template(base + invokeConfig('!GetAtt Dlq.Arn', 'live')), check);
      expect([onAlias.failed, onAlias.passed.length], caller).toEqual([[], 1]);
    }
  });

  it('reads the alias CDK names as field 7 of its ARN, and a config alone is on its own qualifier', () => {
    // alias.configureAsyncInvoke: `Qualifier: !Select [7, !Split [':', !Ref Alias]]` is the alias's Name.
    const cdkQualifier = "!Select [7, !Split [':', !Ref FnAlias]]";
    const onAlias = lambdaAlias() + invokeConfig('!GetAtt Dlq.Arn', cdkQualifier);
    const viaAlias = scanTemplate(
      template(fn() + permission('sns.amazonaws.com', 'FnAlias') + onAlias + dlq),
      check,
    );
    expect([viaAlias.failed, viaAlias.unknown, viaAlias.passed.length]).toEqual([[], [], 1]);
    const viaLatest = scanTemplate(template(fn() + permission('sns.amazonaws.com') + onAlias + dlq), check);
    expect(viaLatest.failed.map((f) => f.message)).toEqual([
      expect.stringContaining(
        'invokes $LATEST (unqualified) asynchronously, but an on-failure destination is set only for alias live',
      ),
    ]);
    // No other caller: the config is the sign of asynchronous invocation, and its own destination keeps failures.
    const alone = scanTemplate(template(fn() + onAlias + dlq), check);
    expect([alone.failed, alone.unknown, alone.passed.length]).toEqual([[], [], 1]);
  });

  it("judges the callers alone: a config of retry settings on $LATEST (CDK's retryAttempts) invokes nothing", () => {
    const retries = `  FnRetries:
    Type: AWS::Lambda::EventInvokeConfig
    Properties: { FunctionName: !Ref Fn, Qualifier: $LATEST, MaximumRetryAttempts: 0 }
`;
    const onAlias = lambdaAlias() + invokeConfig('!GetAtt Dlq.Arn', 'live');
    const viaAlias = scanTemplate(
      template(fn() + permission('s3.amazonaws.com', 'FnAlias') + onAlias + retries + dlq),
      check,
    );
    expect([viaAlias.failed, viaAlias.unknown, viaAlias.passed.length]).toEqual([[], [], 1]);
    // With no caller, the configs are the only sign: all keeping failed events pass, some is unknown, none fails.
    expect(scanTemplate(template(fn() + onAlias + dlq), check).passed).toHaveLength(1);
    const some = scanTemplate(template(fn() + onAlias + retries + dlq), check);
    expect([some.failed, some.passed]).toEqual([[], []]);
    expect(some.unknown.map((f) => f.message)).toEqual([
      expect.stringContaining(
        'FnInvokeConfig keeps failed events, FnRetries ($LATEST (unqualified)) does not',
      ),
    ]);
    const retriesOnly = scanTemplate(template(fn() + retries), check);
    expect(retriesOnly.failed.map((f) => f.message)).toEqual([
      'The function has event invoke config FnRetries, so it is most likely invoked asynchronously, but has neither a dead-letter queue nor an on-failure destination: events that fail all retries are dropped.',
    ]);
  });

  describe('an event invoke config on a function the template shows invoked synchronously', () => {
    const retries = `  FnRetries:
    Type: AWS::Lambda::EventInvokeConfig
    Properties: { FunctionName: !Ref Fn, Qualifier: $LATEST, MaximumRetryAttempts: 0 }
`;
    const queue = `  Queue:
    Type: AWS::SQS::Queue
  Mapping:
    Type: AWS::Lambda::EventSourceMapping
    Properties: { FunctionName: !Ref Fn, EventSourceArn: !GetAtt Queue.Arn }
`;

    it('is no sign of asynchronous use: an SQS event source mapping invokes synchronously', () => {
      const { findings, errors } = scanTemplate(template(fn() + retries + queue), check);
      expect(errors).toEqual([]);
      expect(findings).toEqual([]);
      // Nor is one that keeps failed events judged: nothing shows a caller it would keep them for.
      expect(
        scanTemplate(template(fn() + invokeConfig('!GetAtt Dlq.Arn') + dlq + queue), check).findings,
      ).toEqual([]);
    });

    it('is a sign again where the mapping is created only under a condition the defaults make false: that deploy has no such caller', () => {
      const conditioned = queue.replace(
        '    Type: AWS::Lambda::EventSourceMapping\n',
        '    Type: AWS::Lambda::EventSourceMapping\n    Condition: IsProd\n',
      );
      const conditions =
        'Parameters:\n  Env: { Type: String, Default: dev }\nConditions:\n  IsProd: !Equals [!Ref Env, prod]\n';
      const { failed } = scanTemplate(template(fn() + retries + conditioned, conditions), check);
      expect(failed.map((f) => f.message)).toEqual([
        'The function has event invoke config FnRetries, so it is most likely invoked asynchronously, but has neither a dead-letter queue nor an on-failure destination: events that fail all retries are dropped.',
      ]);
    });

    it("is no sign in SAM either, an SQS event beside the function's EventInvokeConfig", () => {
      const own = `      EventInvokeConfig:
        MaximumRetryAttempts: 0
      Events:
        FromQueue:
          Type: SQS
          Properties:
            Queue: !GetAtt Queue.Arn
`;
      const text = samTemplate(`${samFunction('Fn', own)}  Queue:\n    Type: AWS::SQS::Queue\n`);
      expect(scanTemplate(text, check).findings).toEqual([]);
    });

    it('is no sign where a CloudFront distribution runs a version of it as Lambda@Edge', () => {
      const edge = edgeDistribution();
      expect(scanTemplate(template(fn() + retries + edge), check).findings).toEqual([]);
    });

    it('leaves the callers that invoke it asynchronously judged as before', () => {
      const { failed } = scanTemplate(
        template(fn() + retries + queue + permission('s3.amazonaws.com')),
        check,
      );
      expect(failed.map((f) => f.message)).toEqual([
        'The function is invoked asynchronously (by s3.amazonaws.com (FnPermission)) but has neither a dead-letter queue nor an on-failure destination: events that fail all retries are dropped.',
      ]);
    });
  });

  it("takes no event invoke config SAM's Globals give every function as a sign of asynchronous use", () => {
    const globals = 'Globals:\n  Function:\n    EventInvokeConfig:\n      MaximumRetryAttempts: 1\n';
    const own = '      EventInvokeConfig:\n        MaximumRetryAttempts: 0\n';
    const { failed, unknown } = scanTemplate(
      samTemplate(samFunction('ApiOnly') + samFunction('Own', own), globals),
      check,
    );
    expect(unknown).toEqual([]);
    // Its own config (merged with Globals') is a sign: the function without a destination fails; the other says nothing.
    expect(failed.map((f) => f.resource.id)).toEqual(['Own']);
    // Where another config is the sign, the one Globals give is judged with it: only some keep failed events.
    const keepingGlobals =
      'Globals:\n  Function:\n    AutoPublishAlias: live\n    EventInvokeConfig:\n      DestinationConfig:\n' +
      '        OnFailure: { Type: SQS, Destination: arn:aws:sqs:us-east-1:123456789012:dlq }\n';
    const latest = `  LatestRetries:
    Type: AWS::Lambda::EventInvokeConfig
    Properties: { FunctionName: !Ref Fn, Qualifier: $LATEST, MaximumRetryAttempts: 0 }
`;
    // And one from Globals that keeps none is no sign against a config of the function's own that does.
    const retriesGlobals =
      'Globals:\n  Function:\n    AutoPublishAlias: live\n    EventInvokeConfig:\n      MaximumRetryAttempts: 1\n';
    const latestKeeping = latest.replace(
      'MaximumRetryAttempts: 0 }',
      'DestinationConfig: { OnFailure: { Destination: arn:aws:sqs:us-east-1:123456789012:dlq } } }',
    );
    const ownKeeping = scanTemplate(samTemplate(samFunction('Fn') + latestKeeping, retriesGlobals), check);
    expect([ownKeeping.failed, ownKeeping.unknown, ownKeeping.passed.length]).toEqual([[], [], 1]);
    const both = scanTemplate(samTemplate(samFunction('Fn') + latest, keepingGlobals), check);
    expect([both.failed, both.passed]).toEqual([[], []]);
    expect(both.unknown.map((f) => f.message)).toEqual([
      expect.stringContaining(
        'FnEventInvokeConfig keeps failed events, LatestRetries ($LATEST (unqualified)) does not',
      ),
    ]);
  });

  it('is unknown when the config’s Qualifier is a parameter without default', () => {
    const { unknown, failed } = scanTemplate(
      template(
        fn() + permission('s3.amazonaws.com') + invokeConfig('!GetAtt Dlq.Arn', '!Ref AliasName') + dlq,
        'Parameters:\n  AliasName: { Type: String }\n',
      ),
      check,
    );
    expect(failed).toEqual([]);
    expect(unknown.map((f) => f.message)).toEqual([
      expect.stringContaining(
        'whether FnInvokeConfig (on version or alias ${AliasName} (not known before deploy)) applies to $LATEST (unqualified)',
      ),
    ]);
  });

  it('is unknown when the caller’s qualifier comes from a parameter, and passes the same parameter on both', () => {
    const target =
      "!Sub 'arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:${Fn}:${AliasName}'";
    const extra = 'Parameters:\n  AliasName: { Type: String }\n';
    const onLatest = scanTemplate(
      template(fn() + schedule(target) + invokeConfig('!GetAtt Dlq.Arn') + dlq, extra),
      check,
    );
    expect([onLatest.failed, onLatest.unknown.length]).toEqual([[], 1]);
    expect(onLatest.unknown[0]?.message).toContain('applies to version or alias ${AliasName}');
    const same = invokeConfig('!GetAtt Dlq.Arn', '!Ref AliasName');
    expect(scanTemplate(template(fn() + schedule(target) + same + dlq, extra), check).passed).toHaveLength(1);
  });

  it('passes AutoPublishAlias named by a parameter without default: SAM puts events and config on that alias', () => {
    const props = samInvokeConfig + snsEvent;
    const text = samTemplate(
      dlq + samFunction('Fn', `      AutoPublishAlias: !Ref Stage\n${props}`),
      'Parameters:\n  Stage: { Type: String }\n',
    );
    const { passed, failed, unknown } = scanTemplate(text, check);
    expect([failed, unknown]).toEqual([[], []]);
    expect(passed).toHaveLength(1);
  });

  it('is unknown for a config on a version number beside an alias (the alias may point at it), and fails it for $LATEST', () => {
    const version = `  FnVersion:
    Type: AWS::Lambda::Version
    Properties:
      FunctionName: !Ref Fn
`;
    const viaAlias = scanTemplate(
      template(
        fn() +
          lambdaAlias() +
          permission('sns.amazonaws.com', 'FnAlias').replace('!GetAtt FnAlias.Arn', '!Ref FnAlias') +
          invokeConfig('!GetAtt Dlq.Arn', "'1'") +
          dlq,
      ),
      check,
    );
    expect([viaAlias.failed, viaAlias.unknown.length]).toEqual([[], 1]);
    expect(viaAlias.unknown[0]?.message).toContain(
      'whether FnInvokeConfig (on version 1) applies to alias live',
    );
    // A version the template publishes is never $LATEST, whatever its number.
    const unqualified = scanTemplate(
      template(
        fn() +
          version +
          permission('sns.amazonaws.com') +
          invokeConfig('!GetAtt Dlq.Arn', '!GetAtt FnVersion.Version') +
          dlq,
      ),
      check,
    );
    expect(unqualified.failed[0]?.message).toContain(
      'set only for the version FnVersion publishes (FnInvokeConfig)',
    );
  });
});
