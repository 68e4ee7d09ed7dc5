import { analyzePrincipal, describeValue } from '../../iam/index.js';
import type { Inventory } from '../../model/inventory.js';
import type { EventInvokeConfig, LambdaFunction, LambdaPermission } from '../../model/lambda.js';
import type { Pipe } from '../../model/pipes.js';
import { describeQualifier, invokedQualifier, sameQualifier } from '../../model/qualifier.js';
import type { Schedule } from '../../model/scheduler.js';
import { childSource } from '../../model/source.js';
import { certainlyNonEmpty, isUnknown, nonEmptyParameter, shapeOf } from '../../model/values.js';
import { type CheckContext, defineCheck, type Lacked, type Outcome } from '../define.js';
import {
  type AsyncCaller,
  type CallerDestination,
  destinationOf,
  destinationOfConfig,
  destinationSet,
  qualifiersWithDestination,
} from './async-destinations.js';
import { type ServiceCall, serviceCallLabel, serviceCallsOf } from './service-callers.js';
import { type InvokingTask, taskLabel, tasksInvoking } from './state-machine-callers.js';

/**
 * Service principals that invoke Lambda asynchronously through a resource-based policy statement.
 * EventBridge Scheduler and EventBridge Pipes invoke through a role instead (their schedules and pipes are linked to
 * the function in the model); CodePipeline does too and shows nowhere but in an event invoke config on the function.
 * CloudFormation is left out: it invokes a custom resource's function asynchronously (Lambda Developer Guide,
 * services-cloudformation.html), but waits for the function's response, and a function that fails without one fails
 * the stack operation when it times out (Knowledge Center, best-practices-custom-cf-lambda): no failure is lost.
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
  'scheduler',
  'lambda.alarms.cloudwatch',
]);

/** `s3.amazonaws.com`, `logs.eu-west-1.amazonaws.com`, `logs.${AWS::Region}.amazonaws.com`. */
const SERVICE_PRINCIPAL = /^(.+?)(\.[a-z]{2}(-[a-z]+)+-\d|\.\$\{[^}]+\})?\.amazonaws\.com(\.cn)?$/;

/** A principal that may be any service: one not known before deploy. */
const ANY_SERVICE = Symbol('any service');

/**
 * The service a permission's principal names (`s3` of `s3.amazonaws.com`, `logs` of a regional one); ANY_SERVICE
 * when it is not known before deploy; undefined when it names no service.
 */
function serviceNamed(
  permission: LambdaPermission,
  inventory: Inventory,
): string | typeof ANY_SERVICE | undefined {
  // A service principal written with intrinsics (`!Sub events.${AWS::URLSuffix}`) is read as IAM reads it,
  // and so is a role of the template (`!GetAtt Role.Arn`), which is no service.
  const info = analyzePrincipal(permission.principal, 'untyped', { inventory });
  if (info.kind === 'account') return undefined;
  if (info.kind === 'service') return SERVICE_PRINCIPAL.exec(info.principal)?.[1];
  const principal = shapeOf(permission.principal);
  if (principal === undefined) return ANY_SERVICE;
  const match = SERVICE_PRINCIPAL.exec(principal);
  if (!match) {
    return isUnknown(permission.principal) && /^\$\{[^}]+\}$/.test(principal) ? ANY_SERVICE : undefined;
  }
  const service = match[1] as string;
  return service.includes('${') ? ANY_SERVICE : service;
}

/** Whether a permission's principal is a service that invokes asynchronously. */
function invokesAsync(permission: LambdaPermission, inventory: Inventory): 'yes' | 'no' | 'maybe' {
  const service = serviceNamed(permission, inventory);
  if (service === ANY_SERVICE) return 'maybe';
  return service !== undefined && ASYNC_SERVICES.has(service) ? 'yes' : 'no';
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

const scheduleLabel = (schedule: Schedule) => `EventBridge Scheduler (schedule ${schedule.id})`;

/**
 * Nothing shows an asynchronous caller: unknown when a permission's principal, or the invocation type of a pipe or
 * a state machine's task, may.
 */
function noCaller(
  permissions: readonly LambdaPermission[],
  pipes: readonly Pipe[],
  tasks: readonly InvokingTask[],
  calls: readonly ServiceCall[],
  ctx: CheckContext,
): Outcome {
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
  const undecidedTask = tasks.find(({ task }) => isUnknown(task.invocationType));
  if (undecidedTask && isUnknown(undecidedTask.task.invocationType)) {
    return ctx.unknown(
      `The invocation type of ${taskLabel(undecidedTask)} is not known before deploy (${undecidedTask.task.invocationType.reason}); with Event it invokes the function asynchronously.`,
    );
  }
  const undecidedCall = calls.find(({ call }) => isUnknown(call.invocationType));
  if (undecidedCall && isUnknown(undecidedCall.call.invocationType)) {
    return ctx.unknown(
      `The invocation type of ${serviceCallLabel(undecidedCall)} is not known before deploy (${undecidedCall.call.invocationType.reason}); with Event it invokes the function asynchronously.`,
    );
  }
  return ctx.notApplicable('nothing in the template invokes the function asynchronously');
}

/**
 * The permissions that let a service invoke the function asynchronously. One for SES is left to the template's
 * receipt rules where it has any that invoke the function: they tell how (`RequestResponse` is synchronous).
 */
function asyncPermissions(
  permissions: readonly LambdaPermission[],
  calls: readonly ServiceCall[],
  inventory: Inventory,
): LambdaPermission[] {
  const rulesDecide = calls.some(({ caller }) => caller.service === 'ses');
  return permissions.filter(
    (p) => invokesAsync(p, inventory) === 'yes' && !(rulesDecide && serviceNamed(p, inventory) === 'ses'),
  );
}

/**
 * The asynchronous calls of service resources that no permission of the same service on the same version or alias
 * already stands for (SAM and CDK write both: a rule and its permission are one caller, named by the permission).
 */
function callsBeyond(
  asyncCalls: readonly ServiceCall[],
  permissions: readonly LambdaPermission[],
  inventory: Inventory,
): ServiceCall[] {
  return asyncCalls.filter(
    ({ caller, call }) =>
      !permissions.some(
        (p) =>
          serviceNamed(p, inventory) === caller.service &&
          sameQualifier(invokedQualifier(call), invokedQualifier(p)) === true,
      ),
  );
}

/** The callers that invoke the function asynchronously, each with the version or alias it reaches. */
function invokersOf(
  permissions: readonly LambdaPermission[],
  asyncCalls: readonly ServiceCall[],
  schedules: readonly Schedule[],
  asyncPipes: readonly Pipe[],
  asyncTasks: readonly InvokingTask[],
  inventory: Inventory,
): AsyncCaller[] {
  const callers: AsyncCaller[] = [
    ...permissions.map((p) => ({
      label: `${invokerName(p, inventory)} (${p.id})`,
      qualifier: invokedQualifier(p),
    })),
    ...callsBeyond(asyncCalls, permissions, inventory).map((c) => ({
      label: serviceCallLabel(c),
      qualifier: invokedQualifier(c.call),
    })),
    ...schedules.map((s) => ({ label: scheduleLabel(s), qualifier: invokedQualifier(s) })),
    ...asyncPipes.map((p) => ({
      label: `EventBridge Pipes (pipe ${p.id}, FIRE_AND_FORGET)`,
      qualifier: invokedQualifier(p),
    })),
    ...asyncTasks.map((t) => ({ label: taskLabel(t), qualifier: invokedQualifier(t.task) })),
  ];
  // A bucket with two notifications for the function, a rule with two targets on it: one caller, named once.
  return callers.filter(
    (caller, i) =>
      callers.findIndex(
        (other) => other.label === caller.label && sameQualifier(other.qualifier, caller.qualifier),
      ) === i,
  );
}

/** No caller shows, and some event invoke configs keep failed events: all of them passes, some is unknown. */
function configsOnly(
  configs: readonly EventInvokeConfig[],
  keeping: readonly EventInvokeConfig[],
  ctx: CheckContext,
): Outcome {
  const [first] = keeping;
  if (keeping.length === configs.length && first)
    return ctx.pass(`failed asynchronous events go to ${destinationOfConfig(first)}`);
  const without = configs
    .filter((c) => !keeping.includes(c))
    .map((c) => `${c.id} (${describeQualifier(c.qualifier)})`);
  return ctx.unknown(
    `Nothing in the template shows which version or alias is invoked asynchronously: ${keeping.map((c) => c.id).join(', ')} keeps failed events, ${without.join(', ')} does not.`,
  );
}

/**
 * What a verdict on failed events lacks: a dead-letter queue, and an on-failure destination (SAM's
 * EventInvokeConfig, a config's DestinationConfig). Its finding rests on the defaults leaving those out, not on
 * those leaving out another property (a FunctionName chosen by an Fn::If) or giving another value (a variable).
 */
function lacked(configs: readonly EventInvokeConfig[]): Lacked[] {
  return [
    'DeadLetterConfig',
    'EventInvokeConfig',
    ...configs.map((config) => ({ of: config, property: 'DestinationConfig' })),
  ];
}

/** Whether failed events are kept rests on the dead-letter queue or on configs not known before deploy. */
function undecided(
  fn: LambdaFunction,
  open: readonly CallerDestination[],
  configs: readonly EventInvokeConfig[],
  ctx: CheckContext,
): Outcome {
  const reasons = [
    ...(isUnknown(fn.deadLetterTarget) ? [`DeadLetterConfig (${fn.deadLetterTarget.reason})`] : []),
    ...new Set(open.flatMap((d) => d.open)),
  ];
  // When only destinations decide it, point at the (first) one: SAM's EventInvokeConfig...Destination.
  const config = open.find((d) => d.openConfig !== undefined)?.openConfig;
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
    `The function is invoked asynchronously; whether failed events are kept depends on ${reasons.join(' and ')}, not known before deploy.`,
    { ...atDestination, lacks: lacked(configs) },
  );
}

/**
 * How the finding opens: the callers seen, or the event invoke configs that stand for callers not seen (a config
 * invokes nothing, but is written for a function invoked asynchronously).
 */
function invokedBy(lost: readonly CallerDestination[]): string {
  const labels = lost.map((d) => d.caller.label).join(', ');
  return lost.every((d) => d.caller.sign)
    ? `The function has ${labels}, so it is most likely invoked asynchronously,`
    : `The function is invoked asynchronously (by ${labels})`;
}

/** Callers whose failed events no dead-letter queue and no on-failure destination of their qualifier keep. */
function failed(
  fn: LambdaFunction,
  lost: readonly CallerDestination[],
  configs: readonly EventInvokeConfig[],
  schedules: readonly Schedule[],
  ctx: CheckContext,
): Outcome {
  const signs = lost.map((d) => d.caller.label);
  const elsewhere = qualifiersWithDestination(configs);
  const schedulerQueues = schedules.filter(
    (schedule) => certainlyNonEmpty(schedule.deadLetterTarget) && signs.includes(scheduleLabel(schedule)),
  );
  const schedulerNote =
    schedulerQueues.length > 0
      ? ` The dead-letter queue of ${schedulerQueues.map((q) => `schedule ${q.id}`).join(', ')} keeps only events Scheduler could not deliver, not the function's failures.`
      : '';
  // `TargetArn: !Ref DlqArn` whose default is "": no queue, and the finding rests on that default.
  const emptyQueue = fn.deadLetterTarget === '';
  const noQueue = `a dead-letter queue${emptyQueue ? ` (its ${fn.type === 'AWS::Serverless::Function' ? 'DeadLetterQueue' : 'DeadLetterConfig'}.TargetArn is empty)` : ''}`;
  const message =
    elsewhere.length === 0
      ? `${invokedBy(lost)} but has neither ${noQueue} nor an on-failure destination: events that fail all retries are dropped.`
      : `${lost.map((d) => `${d.caller.label} invokes ${describeQualifier(d.caller.qualifier)}`).join(', ')} asynchronously, but an on-failure destination is set only for ${elsewhere.join(', ')}, which applies to that version or alias alone, and the function has no ${noQueue.slice(2)}: events that fail all retries there are dropped.`;
  return ctx.fail(`${message}${schedulerNote}`, {
    evidence: { invokedBy: signs.join(', ') },
    ...(emptyQueue ? { where: ['DeadLetterConfig', 'TargetArn'] } : { lacks: lacked(configs) }),
  });
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
    'satisfies this check.',
  details:
    'An event invoke config applies only to its `Qualifier`: `$LATEST` (what an unqualified ' +
    'name or ARN invokes), one version or one alias. So a destination counts only for callers that invoke that ' +
    'version or alias (a permission on the alias, a schedule targeting `!Ref Alias` or `Fn.Arn:live`); SAM puts ' +
    'events and `EventInvokeConfig` on the `AutoPublishAlias` alias, while a schedule targeting `!GetAtt Fn.Arn` ' +
    'invokes `$LATEST`. A dead-letter queue is part of the function configuration that each version publishes, ' +
    'so it counts for every version and alias. A qualifier not known before deploy (a parameter, a version number ' +
    'beside an alias that may point at it) makes the check unknown. A destination counts as set when only parts of its ARN are known at deploy (the ' +
    'partition, region or account, as CDK writes the default event bus); one that may be absent or empty (a whole ' +
    'parameter without default) makes the check unknown, unless its constraints refuse an empty value (a ' +
    '`MinLength`, an `AllowedPattern` it does not match, `AllowedValues` without it) or a condition of the case ' +
    'checked keeps it from being empty. ' +
    'A function counts as invoked asynchronously when a permission lets one of those ' +
    'services invoke it, when an EventBridge Scheduler schedule (`AWS::Scheduler::Schedule`, SAM `ScheduleV2`) ' +
    'targets it, when an EventBridge pipe (`AWS::Pipes::Pipe`) targets it with `InvocationType: FIRE_AND_FORGET` ' +
    '(`REQUEST_RESPONSE`, the default, and enrichment are synchronous), when a Task state of a Step Functions state ' +
    'machine (`AWS::StepFunctions::StateMachine`, SAM `AWS::Serverless::StateMachine`, nested Parallel and Map ' +
    'states included) calls `arn:aws:states:::lambda:invoke` (also `.waitForTaskToken`, or the SDK integration ' +
    '`aws-sdk:lambda:invoke`) with `InvocationType: Event` in its `Parameters` or JSONata `Arguments`, the version ' +
    'or alias invoked read from its `FunctionName` or `Qualifier` (`RequestResponse`, the default, and a Task whose ' +
    '`Resource` is the function ARN are synchronous; an invocation type chosen at run time, `InvocationType.$` or ' +
    'JSONata, makes the check unknown where nothing else decides it; the definition is read from the template or ' +
    'from the local file a SAM `DefinitionUri` or a `DefinitionS3Location` names, as `sam package` uploads it; ' +
    'one in S3 or a file that cannot be read, and a `FunctionName` chosen at run time, show no caller), ' +
    "when an SNS subscription (`Protocol: lambda`) or a topic's `Subscription`, an EventBridge rule's `Targets`, " +
    "an S3 bucket's `NotificationConfiguration.LambdaConfigurations` or an SES receipt rule's `LambdaAction` in the " +
    'template invokes it, whether or not the permission it needs is in the template (a resource and its permission ' +
    'count as one caller, named by the permission; an SES receipt rule invokes asynchronously unless its ' +
    '`InvocationType` is `RequestResponse`, and where the template has receipt rules invoking the function they, not ' +
    'a permission for SES, decide it; an invocation type not known before deploy makes the check unknown where ' +
    'nothing else decides it), ' +
    'or when it has an event invoke config. ' +
    'A function CloudFormation invokes for a custom resource (its `ServiceToken`, or a permission for ' +
    '`cloudformation.amazonaws.com`) is not counted: the invocation is asynchronous, but CloudFormation waits for ' +
    "the function's response, and a failure fails the stack operation (at once, or when it times out), where it " +
    'shows. ' +
    "Such a config names no caller (CDK writes one on `$LATEST` for a function's retry settings, whoever invokes its " +
    'alias): it is judged only when nothing else shows who invokes the function, and then the function passes when ' +
    "every config sets an on-failure destination and is unknown when only some do; one SAM's `Globals` give every " +
    "function is no sign of this one's use. " +
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
      '    Qualifier: $LATEST  # what callers invoke: $LATEST when unqualified, else their alias or version\n' +
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
    'https://docs.aws.amazon.com/step-functions/latest/dg/connect-lambda.html',
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-ses-receiptrule-lambdaaction.html',
    'https://docs.aws.amazon.com/lambda/latest/dg/services-cloudformation.html',
  ],
  evaluate(fn, ctx) {
    const { inventory } = ctx;
    const configs = inventory.referencing('lambda.event-invoke-config', 'functionRef', fn.id);
    const permissions = inventory.referencing('lambda.permission', 'functionRef', fn.id);
    const schedules = inventory.referencing('scheduler.schedule', 'functionRef', fn.id);
    // A pipe invokes its target function asynchronously only with FIRE_AND_FORGET (REQUEST_RESPONSE is the default).
    const pipes = inventory.referencing('pipes.pipe', 'functionRef', fn.id);
    const asyncPipes = pipes.filter((pipe) => pipe.targetInvocationType === 'FIRE_AND_FORGET');
    // A state machine's task invokes it asynchronously only with InvocationType Event (RequestResponse is the default).
    const tasks = tasksInvoking(inventory, fn.id);
    const asyncTasks = tasks.filter(({ task }) => task.invocationType === 'Event');
    // SNS, EventBridge rules and S3 notifications of the template invoke it asynchronously, whether or not the
    // permission they need is in the template; an SES receipt rule only with InvocationType Event (the default).
    const calls = serviceCallsOf(inventory, fn.id);
    const asyncCalls = calls.filter(({ call }) => call.invocationType === 'Event');

    // Set is enough: an ARN whose partition or region is only known at deploy (`arn:${AWS::Partition}:sqs:...`)
    // is still a queue; only a value that may be absent or empty (a whole parameter) leaves it open. The
    // dead-letter queue is part of the function's configuration, which every version publishes with it (SAM's
    // AutoPublishAlias publishes from it too): unlike an event invoke config, it holds for each version and alias.
    if (certainlyNonEmpty(fn.deadLetterTarget)) {
      return ctx.pass(
        `failed asynchronous events go to the dead-letter queue ${String(fn.deadLetterTarget)}`,
      );
    }
    // `TargetArn: !Ref DlqArn` whose constraints refuse "" (MinLength, an ARN pattern): every deploy sets a queue.
    const givenQueue = nonEmptyParameter(fn.deadLetterTarget);
    if (givenQueue) {
      return ctx.pass(
        `failed asynchronous events go to the dead-letter queue given to parameter ${givenQueue.parameter} at deploy: ${givenQueue.why}`,
      );
    }

    const invokers = invokersOf(
      asyncPermissions(permissions, calls, inventory),
      asyncCalls,
      schedules,
      asyncPipes,
      asyncTasks,
      inventory,
    );
    // An event invoke config is a sign of asynchronous use but names no caller (CDK writes one on $LATEST for a
    // function's retry settings): it counts only where no caller shows, and then which qualifier is invoked is not
    // known (configsOnly). One from SAM's Globals is no sign of this function's use, and is judged only where it
    // keeps failed events.
    const signs = configs.filter((c) => !c.generatedBy?.fromGlobals);
    const keeping = configs.filter((c) => destinationSet(c.onFailureDestination));
    const judged = [...signs, ...keeping.filter((c) => c.generatedBy?.fromGlobals)];
    if (invokers.length === 0 && signs.length > 0 && keeping.length > 0)
      return configsOnly(judged, keeping, ctx);
    const callers =
      invokers.length > 0
        ? invokers
        : signs.map((c) => ({
            label: `event invoke config ${c.id}`,
            qualifier: c.qualifier,
            sign: true as const,
          }));
    if (callers.length === 0) return noCaller(permissions, pipes, tasks, calls, ctx);

    const destinations = callers.map((caller) => destinationOf(caller, configs));
    const lost = destinations.filter((d) => d.by === undefined && d.open.length === 0);
    const open = destinations.filter((d) => d.by === undefined && d.open.length > 0);
    if (lost.length === 0 && open.length === 0) {
      const kept = [...new Set(destinations.map((d) => d.by as EventInvokeConfig))];
      return ctx.pass(
        `failed asynchronous events ${kept.map((c) => `of ${describeQualifier(c.qualifier)} go to ${destinationOfConfig(c)}`).join('; ')}`,
      );
    }
    if (isUnknown(fn.deadLetterTarget) || lost.length === 0) {
      return undecided(fn, open, configs, ctx);
    }
    return failed(fn, lost, configs, schedules, ctx);
  },
});
