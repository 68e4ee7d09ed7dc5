import { analyzePrincipal, describeValue } from '../../iam/index.js';
import type { Inventory } from '../../model/inventory.js';
import type { LambdaPermission } from '../../model/lambda.js';
import { childSource } from '../../model/source.js';
import { certainlyNonEmpty, isUnknown, shapeOf, type Unknown } from '../../model/values.js';
import { defineCheck } from '../define.js';

/**
 * Service principals that invoke Lambda asynchronously through a resource-based policy statement.
 * EventBridge Scheduler and EventBridge Pipes invoke through a role instead (their schedules and pipes are linked to
 * the function in the model); CodePipeline does too and shows nowhere but in an event invoke config on the function.
 */
const ASYNC_SERVICES = new Set([
  's3',
  'sns',
  'ses',
  'events',
  'logs',
  'iot',
  'iotevents',
  'codecommit',
  'config',
  'cloudformation',
  'scheduler',
  'lambda.alarms.cloudwatch',
]);

/** `s3.amazonaws.com`, `logs.eu-west-1.amazonaws.com`, `logs.${AWS::Region}.amazonaws.com`. */
const SERVICE_PRINCIPAL = /^(.+?)(\.[a-z]{2}(-[a-z]+)+-\d|\.\$\{[^}]+\})?\.amazonaws\.com(\.cn)?$/;

/** Whether a permission's principal is a service that invokes asynchronously. */
function invokesAsync(permission: LambdaPermission, inventory: Inventory): 'yes' | 'no' | 'maybe' {
  // A service principal written with intrinsics (`!Sub events.${AWS::URLSuffix}`) is read as IAM reads it,
  // and so is a role of the template (`!GetAtt Role.Arn`), which is no service.
  const info = analyzePrincipal(permission.principal, 'untyped', { inventory });
  if (info.kind === 'account') return 'no';
  if (info.kind === 'service') {
    const service = SERVICE_PRINCIPAL.exec(info.principal)?.[1];
    return service !== undefined && ASYNC_SERVICES.has(service) ? 'yes' : 'no';
  }
  const principal = shapeOf(permission.principal);
  if (principal === undefined) return 'maybe';
  const match = SERVICE_PRINCIPAL.exec(principal);
  if (!match) return isUnknown(permission.principal) && /^\$\{[^}]+\}$/.test(principal) ? 'maybe' : 'no';
  const service = match[1] as string;
  if (service.includes('${')) return 'maybe';
  return ASYNC_SERVICES.has(service) ? 'yes' : 'no';
}

/**
 * A service written with intrinsics as IAM reads it (`events.amazonaws.com` for `events.${AWS::URLSuffix}`); any
 * other principal as written (one of several values names them all).
 */
function invokerName(permission: LambdaPermission, inventory: Inventory): string {
  const { principal } = permission;
  if (!isUnknown(principal) || principal.oneOf !== undefined) return describeValue(principal);
  const info = analyzePrincipal(principal, 'untyped', { inventory });
  return info.kind === 'service' ? info.principal : describeValue(principal);
}

export default defineCheck({
  id: 'lambda.async-no-failure-destination',
  title: 'Asynchronously invoked Lambda function keeps no record of failed events',
  severity: 'medium',
  resource: 'lambda.function',
  description:
    'A function that AWS services invoke asynchronously (S3, SNS, EventBridge, CloudWatch Logs, SES, IoT, Config, ' +
    'CodeCommit, ...) should send the events it fails to process to a dead-letter queue (`DeadLetterConfig`) or ' +
    'an on-failure destination (`AWS::Lambda::EventInvokeConfig` with `DestinationConfig.OnFailure`); either ' +
    'satisfies this check. A destination counts as set when only parts of its ARN are known at deploy (the ' +
    'partition, region or account, as CDK writes the default event bus); one that may be absent or empty (a whole ' +
    'parameter without default) makes the check unknown. A function counts as invoked asynchronously when a permission lets one of those ' +
    'services invoke it, when an EventBridge Scheduler schedule (`AWS::Scheduler::Schedule`, SAM `ScheduleV2`) ' +
    'targets it, when an EventBridge pipe (`AWS::Pipes::Pipe`) targets it with `InvocationType: FIRE_AND_FORGET` ' +
    '(`REQUEST_RESPONSE`, the default, and enrichment are synchronous), or when it has an event invoke config. ' +
    "A schedule's own `DeadLetterConfig` and `RetryPolicy` do " +
    'not satisfy it: they cover only events Scheduler could not hand to Lambda (a missing function, a role without ' +
    "permission); once Lambda accepts the event, the function's failures go to its own destination or are " +
    'dropped. Functions with no such sign in the template are not evaluated: Parapet does not guess how a ' +
    'function is called.',
  risk:
    'After the retries (two by default) Lambda discards the event. The failure leaves no trace but a log line: ' +
    'uploads that are never processed, notifications that are never delivered, and no way to replay them or to ' +
    'notice an attack that makes the function fail.',
  remediation: {
    text: 'Give the function an on-failure destination (Lambda console → the function → Configuration → Destinations → Add destination, condition "On failure", an SQS queue, SNS topic, S3 bucket or EventBridge bus) or a dead-letter queue (Configuration → Asynchronous invocation → Dead-letter queue).',
    cloudformation:
      'FnInvokeConfig:\n' +
      '  Type: AWS::Lambda::EventInvokeConfig\n' +
      '  Properties:\n' +
      '    FunctionName: !Ref Fn\n' +
      '    Qualifier: $LATEST\n' +
      '    DestinationConfig:\n' +
      '      OnFailure:\n' +
      '        Destination: !GetAtt FailedEvents.Arn\n' +
      '# SAM: on the AWS::Serverless::Function\n' +
      '#   EventInvokeConfig:\n' +
      '#     DestinationConfig:\n' +
      '#       OnFailure: { Type: SQS, Destination: !GetAtt FailedEvents.Arn }\n',
    cdk:
      "import * as destinations from 'aws-cdk-lib/aws-lambda-destinations';\n" +
      "import * as sqs from 'aws-cdk-lib/aws-sqs';\n" +
      '\n' +
      "const failedEvents = new sqs.Queue(this, 'FailedEvents');\n" +
      'fn.configureAsyncInvoke({ onFailure: new destinations.SqsDestination(failedEvents) });\n' +
      '// or in the lambda.Function props: onFailure (the same), or deadLetterQueue: failedEvents\n',
    cli: 'aws lambda put-function-event-invoke-config --function-name <name> --destination-config \'{"OnFailure":{"Destination":"arn:aws:sqs:<region>:<account>:<queue>"}}\'',
    terraform:
      'resource "aws_lambda_function_event_invoke_config" "this" {\n' +
      '  function_name = aws_lambda_function.this.function_name\n' +
      '  destination_config {\n' +
      '    on_failure {\n' +
      '      destination = aws_sqs_queue.failed_events.arn\n' +
      '    }\n' +
      '  }\n' +
      '}\n',
  },
  compliance: {
    'nist-800-53-r5': ['CP-10'],
  },
  references: [
    'https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html',
    'https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-error-handling.html',
    'https://docs.aws.amazon.com/lambda/latest/dg/lambda-services.html',
    'https://docs.aws.amazon.com/lambda/latest/dg/with-eventbridge-scheduler.html',
    'https://docs.aws.amazon.com/scheduler/latest/UserGuide/configuring-schedule-dlq.html',
    'https://docs.aws.amazon.com/eventbridge/latest/pipes-reference/API_PipeTargetLambdaFunctionParameters.html',
  ],
  evaluate(fn, ctx) {
    const { inventory } = ctx;
    const configs = inventory.referencing('lambda.event-invoke-config', 'functionRef', fn.id);
    const permissions = inventory.referencing('lambda.permission', 'functionRef', fn.id);
    const schedules = inventory.referencing('scheduler.schedule', 'functionRef', fn.id);
    // A pipe invokes its target function asynchronously only with FIRE_AND_FORGET (REQUEST_RESPONSE is the default).
    const pipes = inventory.referencing('pipes.pipe', 'functionRef', fn.id);
    const asyncPipes = pipes.filter((pipe) => pipe.targetInvocationType === 'FIRE_AND_FORGET');

    // Set is enough: an ARN whose partition or region is only known at deploy (`arn:${AWS::Partition}:sqs:...`)
    // is still a queue; only a value that may be absent or empty (a whole parameter) leaves it open.
    if (certainlyNonEmpty(fn.deadLetterTarget)) {
      return ctx.pass(
        `failed asynchronous events go to the dead-letter queue ${String(fn.deadLetterTarget)}`,
      );
    }
    const withDestination = configs.find((c) => certainlyNonEmpty(c.onFailureDestination));
    if (withDestination) {
      return ctx.pass(
        `failed asynchronous events go to ${String(withDestination.onFailureDestination)} (${withDestination.id})`,
      );
    }

    const invokers = permissions
      .filter((p) => invokesAsync(p, ctx.inventory) === 'yes')
      .map((p) => `${invokerName(p, ctx.inventory)} (${p.id})`);
    const signs = [
      ...invokers,
      ...schedules.map((schedule) => `EventBridge Scheduler (schedule ${schedule.id})`),
      ...asyncPipes.map((pipe) => `EventBridge Pipes (pipe ${pipe.id}, FIRE_AND_FORGET)`),
      ...configs.map((c) => `event invoke config ${c.id}`),
    ];
    const undecidedConfigs = configs.filter((c) => isUnknown(c.onFailureDestination));
    const undecided = [
      ...(isUnknown(fn.deadLetterTarget) ? [`DeadLetterConfig (${fn.deadLetterTarget.reason})`] : []),
      ...undecidedConfigs.map(
        (c) => `the on-failure destination of ${c.id} (${(c.onFailureDestination as Unknown).reason})`,
      ),
    ];
    if (signs.length === 0) {
      const maybe = permissions.find((p) => invokesAsync(p, ctx.inventory) === 'maybe');
      if (maybe) {
        return ctx.unknown(
          `The principal of permission ${maybe.id} is not known before deploy; it may invoke the function asynchronously.`,
        );
      }
      const undecidedPipe = pipes.find((pipe) => isUnknown(pipe.targetInvocationType));
      if (undecidedPipe && isUnknown(undecidedPipe.targetInvocationType)) {
        return ctx.unknown(
          `The invocation type of pipe ${undecidedPipe.id} is not known before deploy (${undecidedPipe.targetInvocationType.reason}); with FIRE_AND_FORGET it invokes the function asynchronously.`,
        );
      }
      return ctx.notApplicable('nothing in the template invokes the function asynchronously');
    }
    if (undecided.length > 0) {
      // When only destinations decide it, point at the (first) one: SAM's EventInvokeConfig...Destination.
      const config = undecidedConfigs[0];
      const atDestination =
        !isUnknown(fn.deadLetterTarget) && config !== undefined
          ? {
              where: childSource(
                config.properties ?? config.source,
                'DestinationConfig',
                'OnFailure',
                'Destination',
              ),
            }
          : {};
      return ctx.unknown(
        `The function is invoked asynchronously; whether failed events are kept depends on ${undecided.join(' and ')}, not known before deploy.`,
        atDestination,
      );
    }
    const schedulerQueues = schedules.filter((schedule) => certainlyNonEmpty(schedule.deadLetterTarget));
    const schedulerNote =
      schedulerQueues.length > 0
        ? ` The dead-letter queue of ${schedulerQueues.map((q) => `schedule ${q.id}`).join(', ')} keeps only events Scheduler could not deliver, not the function's failures.`
        : '';
    // `TargetArn: !Ref DlqArn` whose default is "": no queue, and the finding rests on that default.
    const emptyQueue = fn.deadLetterTarget === '';
    return ctx.fail(
      `The function is invoked asynchronously (by ${signs.join(', ')}) but has neither a dead-letter queue${emptyQueue ? ` (its ${fn.type === 'AWS::Serverless::Function' ? 'DeadLetterQueue' : 'DeadLetterConfig'}.TargetArn is empty)` : ''} nor an on-failure destination: events that fail all retries are dropped.${schedulerNote}`,
      {
        evidence: { invokedBy: signs.join(', ') },
        // It rests on the defaults that leave out a dead-letter queue or an on-failure destination (SAM's
        // EventInvokeConfig, a config's DestinationConfig), not on those leaving out another property (a
        // FunctionName chosen by an Fn::If).
        ...(emptyQueue
          ? { where: ['DeadLetterConfig', 'TargetArn'] }
          : {
              lacks: [
                'DeadLetterConfig',
                'EventInvokeConfig',
                ...configs.map((config) => ({ of: config, property: 'DestinationConfig' })),
              ],
            }),
      },
    );
  },
});
