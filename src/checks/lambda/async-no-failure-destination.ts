import { deployedByDefault } from '../../model/resource.js';
import { certainlyNonEmpty, isUnknown, nonEmptyParameter } from '../../model/values.js';
import { defineCheck } from '../define.js';
import { invocationsOf } from './async-callers.js';
import { destinationOf, destinationSet } from './async-destinations.js';
import { configsOnly, failed, kept, noCaller, undecided } from './async-failure-wording.js';
import { invokedSynchronously } from './sync-callers.js';

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
    'count as one caller, named by the permission, and a rule whose targets are the function and its alias is named ' +
    'once, with both where it matters: `invokes $LATEST (unqualified) and alias live`; an SES receipt rule invokes asynchronously unless its ' +
    '`InvocationType` is `RequestResponse`, and where the template has receipt rules invoking the function they, not ' +
    'a permission for SES, decide it; an invocation type not known before deploy makes the check unknown where ' +
    'nothing else decides it), ' +
    'or when it has an event invoke config. ' +
    "A caller or event invoke config whose `Condition` the parameters' defaults make false counts only in the " +
    'deploys that create it: with the defaults it invokes nothing and keeps nothing, so a function only it invokes ' +
    'is unknown, saying when it fails (`When condition IsProd holds (Stage=PROD, not its default CODE): ...`), and ' +
    'a failure names such a config with an on-failure destination. ' +
    'An EventBridge rule or Scheduler schedule with `State: DISABLED` and an SES receipt rule whose `Rule.Enabled` is not true (SES ' +
    "defaults it to false) invoke nothing, nor does a permission whose `SourceArn` is such a rule or schedule (SAM's " +
    '`Enabled: false` schedule): they are not counted, and a function only they invoke passes, saying it needs a ' +
    'dead-letter queue or destination once they are enabled (a `State` its parameter defaults to is used, and the ' +
    'pass says a deploy may override it); a `State` or `Enabled` not known before deploy makes the check unknown ' +
    'where nothing else decides it. ' +
    'A function CloudFormation invokes for a custom resource (its `ServiceToken`, or a permission for ' +
    '`cloudformation.amazonaws.com`) is not counted: the invocation is asynchronous, but CloudFormation waits for ' +
    "the function's response, and a failure fails the stack operation (at once, or when it times out), where it " +
    'shows. ' +
    "Such a config names no caller (CDK writes one on `$LATEST` for a function's retry settings, whoever invokes its " +
    'alias): it is judged only when nothing else shows who invokes the function (an event source mapping, an SQS ' +
    "queue's included, a CloudFront distribution running a version of it as Lambda@Edge, an SES receipt rule, pipe " +
    'or Task with `RequestResponse` shows a caller that invokes it synchronously: the function is then not ' +
    'evaluated), and then the function passes when ' +
    "every config sets an on-failure destination and is unknown when only some do; one SAM's `Globals` give every " +
    "function is no sign of this one's use. " +
    "A schedule's own `DeadLetterConfig` and `RetryPolicy` do " +
    'not satisfy it: they cover only events Scheduler could not hand to Lambda (a missing function, a role without ' +
    "permission); once Lambda accepts the event, the function's failures go to its own destination or are " +
    'dropped. Functions with no such sign in the template are not evaluated: Parapet does not guess how a ' +
    'function is called. ' +
    'A function that would fail for want of an on-failure destination is unknown instead, naming the transform, ' +
    'where a transform Parapet does not run may add an `AWS::Lambda::EventInvokeConfig`: a macro or `AWS::Include` ' +
    'in the `Transform` section, an `Fn::Transform` in `Resources`, or one that makes a resource whose `Type` is not ' +
    "written or is an event invoke config (AWS's other transforms, such as `AWS::SecretsManager-2020-07-23`, add " +
    'none); the dead-letter queue is read from the function as written.',
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

    // A config, like a caller (invocationsOf), counts in the deploys that create it: one whose Condition the defaults
    // make false keeps nothing there, and the deploy that creates it is checked as a case of its own.
    const configs = ctx.inventory
      .referencing('lambda.event-invoke-config', 'functionRef', fn.id)
      .filter(deployedByDefault);
    const invocations = invocationsOf(fn.id, ctx.inventory);
    const { invokers } = invocations;
    // An event invoke config is a sign of asynchronous use but names no caller (CDK writes one on $LATEST for a
    // function's retry settings): it counts only where no caller shows, and then which qualifier is invoked is not
    // known (configsOnly). One from SAM's Globals is no sign of this function's use, and is judged only where it
    // keeps failed events.
    // And where the template shows the function's callers and they invoke it synchronously (an SQS event source
    // mapping), a config is no sign of asynchronous use: retry settings meant for the queue, or a caller not shown.
    const shownSynchronous = invokers.length === 0 && invokedSynchronously(fn.id, invocations, ctx.inventory);
    const signs = shownSynchronous ? [] : configs.filter((c) => !c.generatedBy?.fromGlobals);
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
    if (callers.length === 0) return noCaller(invocations, ctx);

    const destinations = callers.map((caller) => destinationOf(caller, configs));
    const lost = destinations.filter((d) => d.by === undefined && d.open.length === 0);
    const open = destinations.filter((d) => d.by === undefined && d.open.length > 0);
    if (lost.length === 0 && open.length === 0) return kept(destinations, ctx);
    if (isUnknown(fn.deadLetterTarget) || lost.length === 0) {
      return undecided(fn, open, configs, ctx, [...lost, ...open]);
    }
    return failed(fn, lost, configs, invocations, ctx);
  },
});
