import { listedWithAnd, transformsNotRunWords } from '../../findings/words.js';
import type { MetricAlarm } from '../../model/monitoring.js';
import { notDeployedByDefault, restsOnDeployChoices } from '../../model/resource.js';
import { isUnknown } from '../../model/values.js';
import { defineCheck } from '../define.js';
import { all, any, namedByAttribute, watches } from './alarm-metric.js';
import { queriesWatch } from './alarm-queries.js';
import { alarmTells } from './alarm-tells.js';

export const DEFAULT_ALARM_METRICS: readonly string[] = ['Errors', 'Throttles'];

/**
 * What a transform that makes one resource may add that bears on the finding: an alarm, and where an alarm watches
 * the metric but tells no one, what may hear it (a composite alarm, an EventBridge rule).
 */
const ALARM_TYPES: readonly string[] = ['AWS::CloudWatch::Alarm'];
const LISTENER_TYPES: readonly string[] = [
  ...ALARM_TYPES,
  'AWS::CloudWatch::CompositeAlarm',
  'AWS::Events::Rule',
];

/**
 * The metrics Lambda publishes in the AWS/Lambda namespace, as the "Types of metrics for Lambda functions" page
 * lists them (invocation, deployment, performance, concurrency and asynchronous invocation metrics; the event
 * source mapping metrics are per mapping, not per function). Metric names are case-sensitive; the option
 * `metrics` takes only these, so that a misspelt name is a config error instead of an alarm never found.
 */
const LAMBDA_METRICS: readonly string[] = [
  'Invocations',
  'Errors',
  'DeadLetterErrors',
  'DestinationDeliveryFailures',
  'Throttles',
  'OversizedRecordCount',
  'ProvisionedConcurrencyInvocations',
  'ProvisionedConcurrencySpilloverInvocations',
  'RecursiveInvocationsDropped',
  'SignatureValidationErrors',
  'Duration',
  'PostRuntimeExtensionsDuration',
  'IteratorAge',
  'OffsetLag',
  'ConcurrentExecutions',
  'ProvisionedConcurrentExecutions',
  'ProvisionedConcurrencyUtilization',
  'UnreservedConcurrentExecutions',
  'ClaimedAccountConcurrency',
  'AsyncEventsReceived',
  'AsyncEventAge',
  'AsyncEventsDropped',
];

function metricsOption(value: unknown): readonly string[] {
  if (!Array.isArray(value) || value.length === 0 || !value.every((m) => typeof m === 'string' && m !== '')) {
    throw new Error(
      'option "metrics" must be a non-empty list of Lambda metric names, such as [Errors, Throttles]',
    );
  }
  return value;
}

export default defineCheck({
  id: 'lambda.no-error-alarm',
  title: 'Lambda function has no CloudWatch alarm on some of its key metrics (errors, throttles)',
  severity: 'info',
  resource: 'lambda.function',
  description:
    "Looks in the same template for an `AWS::CloudWatch::Alarm` on the function's `Errors` and `Throttles` " +
    'metrics (namespace `AWS/Lambda`, dimension `FunctionName` or `Resource` naming the function), and in the ' +
    'other stacks scanned with it for alarms that name the function through `Fn::ImportValue` of its export ' +
    "(a CDK app's monitoring stack) or as a nested stack's output. Informational: many " +
    'teams alarm from a stack that is not scanned or from another tool, which a template scan cannot see. ' +
    'The metrics are configurable with the option `metrics` ' +
    '(parapet.yaml: `checks.options.lambda.no-error-alarm.metrics: [Errors]`); the finding lists those missing.',
  details:
    'A metric-math alarm counts when one of its queries reads the metric and the query it alarms on (the one ' +
    'with `ReturnData` true, or without `ReturnData`) uses that query, by its `Id`, directly or through other ' +
    'expressions (`METRICS()` uses them all, `METRICS("err")` those whose Id holds err): a query no such expression uses is fetched and never weighed (the ' +
    'finding says so), and a `ReturnData`, `Expression` or `Id` not known before deploy makes it unknown. An alarm ' +
    'without dimensions counts because it watches the sum over every function. The dimension must name the function by its name, as Lambda ' +
    'publishes the metric: `!Ref Fn`, not its ARN `!GetAtt Fn.Arn`, under which no data ever comes (the finding ' +
    'says so). The alarm must go into ALARM when the metric rises: `LessThanThreshold` or ' +
    '`LessThanOrEqualToThreshold` on the metric itself, or `LessThanLowerThreshold` of an anomaly band, fires when ' +
    'there are few errors and does not count; a metric-math expression over the metric compared with `LessThan…` ' +
    'is unknown, as Parapet does not weigh expressions (a success rate is low when errors are many). And it must ' +
    'tell someone: an alarm without `AlarmActions` (or `[]`; `OKActions` and ' +
    '`InsufficientDataActions` are not told of errors), or with `ActionsEnabled: false`, counts only when ' +
    'something in its template listens to it: an `AWS::CloudWatch::CompositeAlarm` whose `AlarmRule` names it (by ' +
    "name or ARN, one built with `Fn::Sub` of the stack's own `${AWS::Region}` and `${AWS::AccountId}` included; an " +
    "ARN that writes out a region or account may be another deploy's, and is unknown, as is a rule that names another " +
    'alarm by name and by such an ARN, which may be two alarms or one) and goes into ALARM as it ' +
    'does, for some state of the other alarms it names (the rule is weighed as boolean logic: `ALARM(x) AND ' +
    'ALARM(y)` hears x; `ALARM(x) AND FALSE`, `ALARM(x) OR TRUE`, `NOT ALARM(x)` and `OK(x)` do not; AND and OR ' +
    'mixed without parentheses are weighed both ways; a rule not written as CloudWatch documents the syntax, as ' +
    '`ALARM(x) or ALARM(y)` in lower case, is unknown where it may hold the name, one made with `Fn::Sub` too, ' +
    'since CloudWatch may read it), and ' +
    'that has actions (or is heard in turn; a rule part of ' +
    'which is not known before deploy makes it unknown), or an enabled `AWS::Events::Rule` ' +
    'with targets on the default bus whose `EventPattern` matches its state change (`source: [aws.cloudwatch]`, ' +
    '`detail-type: [CloudWatch Alarm State Change]`, no `alarmName` filter or one naming it; `prefix`, `suffix`, ' +
    '`equals-ignore-case` and `wildcard` filters are read against the name as far as it is known); a schedule ' +
    'rule, without `EventPattern`, hears no alarm. One whose name or ARN the template exports (an `Outputs` ' +
    '`Export`, within an `Fn::Join` too), or that a composite alarm the template exports hears, is unknown instead ' +
    'of failing: a composite alarm or rule of the stack that imports it may listen. An alarm CodeDeploy watches ' +
    "(a SAM function's `DeploymentPreference.Alarms`, an enabled `AlarmConfiguration` of an " +
    '`AWS::CodeDeploy::DeploymentGroup`) tells no one: CodeDeploy reads it only while deploying, to stop or roll ' +
    'back; the finding says so. ' +
    'AlarmActions written as items count whatever ' +
    'their values (`[!Ref Topic]`); a whole list from a parameter without default may be empty and is unknown. ' +
    '`ActionsEnabled: !Ref Notify` is unknown, saying "when parameter Notify is false", where a deploy may give ' +
    'false: a parameter without default (unless its AllowedValues are all true), or one true only by its default. ' +
    "A template whose `Transform` lists one Parapet does not run (a macro such as SlicWatch's, which adds alarms to " +
    'every function) or `AWS::Include`, or whose `Resources` hold an `Fn::Transform` (an `AWS::Include` of resources, ' +
    'a macro), is unknown where it would fail, naming the transform: it may add the alarm; so is one with a resource ' +
    'an `Fn::Transform` makes (the whole declaration, or all its `Properties`) whose `Type` is not written or is an ' +
    'alarm (or, where each metric missing has an alarm that tells no one, a composite alarm or an EventBridge rule); ' +
    'an `AWS::Include` in `Resources` of a local file Parapet reads counts only where a resource it declares is such. ' +
    "SAM and `AWS::LanguageExtensions`, which Parapet runs, do not count, nor AWS's other transforms " +
    '(`AWS::SecretsManager-2020-07-23` adds a rotation function, `AWS::CodeDeployBlueGreen` an ECS deployment): ' +
    'they add no alarm.',
  risk: 'Failures and throttling go unnoticed: a function that errors on every call, or one driven into errors by an attacker, raises no alert.',
  remediation: {
    text: "Create a CloudWatch alarm on the function's Errors metric (and Throttles) that notifies an SNS topic your team watches (CloudWatch console → Alarms → Create alarm → Lambda → By function name).",
    cloudformation:
      'FnErrorsAlarm:\n' +
      '  Type: AWS::CloudWatch::Alarm\n' +
      '  Properties:\n' +
      '    Namespace: AWS/Lambda\n' +
      '    MetricName: Errors\n' +
      '    Dimensions:\n' +
      '      - Name: FunctionName\n' +
      '        Value: !Ref Fn\n' +
      '    Statistic: Sum\n' +
      '    Period: 300\n' +
      '    EvaluationPeriods: 1\n' +
      '    Threshold: 1\n' +
      '    ComparisonOperator: GreaterThanOrEqualToThreshold\n' +
      '    TreatMissingData: notBreaching\n' +
      '    AlarmActions: [!Ref AlertsTopic]\n',
    cdk:
      "import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';\n" +
      "import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';\n" +
      '\n' +
      '// fn.metricErrors() is the Sum over 5 minutes; fn.metricThrottles() the same for Throttles\n' +
      "const errorsAlarm = fn.metricErrors().createAlarm(this, 'FnErrors', {\n" +
      '  threshold: 1,\n' +
      '  evaluationPeriods: 1,\n' +
      '  comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,\n' +
      '  treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,\n' +
      '});\n' +
      'errorsAlarm.addAlarmAction(new actions.SnsAction(alertsTopic));\n',
    cli: 'aws cloudwatch put-metric-alarm --alarm-name <name>-errors --namespace AWS/Lambda --metric-name Errors --dimensions Name=FunctionName,Value=<name> --statistic Sum --period 300 --evaluation-periods 1 --threshold 1 --comparison-operator GreaterThanOrEqualToThreshold --alarm-actions <sns-topic-arn>',
    terraform:
      'resource "aws_cloudwatch_metric_alarm" "errors" {\n' +
      '  namespace           = "AWS/Lambda"\n' +
      '  metric_name         = "Errors"\n' +
      '  dimensions          = { FunctionName = aws_lambda_function.this.function_name }\n' +
      '  statistic           = "Sum"\n' +
      '  period              = 300\n' +
      '  evaluation_periods  = 1\n' +
      '  threshold           = 1\n' +
      '  comparison_operator = "GreaterThanOrEqualToThreshold"\n' +
      '  alarm_actions       = [aws_sns_topic.alerts.arn]\n' +
      '}\n',
  },
  compliance: {
    'nist-800-53-r5': ['CA-7', 'SI-4'],
    soc2: ['CC7.2'],
  },
  references: [
    'https://docs.aws.amazon.com/lambda/latest/dg/monitoring-metrics-types.html',
    'https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/AlarmThatSendsEmail.html',
  ],
  options: {
    metrics: {
      type: 'string-list',
      values: LAMBDA_METRICS,
      default: DEFAULT_ALARM_METRICS,
      description:
        'The AWS/Lambda metrics each function needs an alarm on, such as [Errors, Throttles, DeadLetterErrors]; ' +
        'the finding lists those without one.',
    },
  },
  evaluate(fn, ctx) {
    const metrics = metricsOption(ctx.option<unknown>('metrics', DEFAULT_ALARM_METRICS));
    const { neighbours } = ctx.inventory;
    // Alarms another scanned stack sets on the function (imported, given by a parent) count as this template's.
    const alarms: { alarm: MetricAlarm; stack?: string }[] = [
      ...ctx.inventory.list('cloudwatch.alarm').map((alarm) => ({ alarm })),
      ...neighbours.alarmsOnThis(),
    ];
    const missing: string[] = [];
    const undecided: string[] = [];
    // An alarm the parameters' defaults leave out watches nothing in the deploy the verdict is about.
    const leftOut = new Set<string>();
    // Another stack's alarm that its defaults or undecided conditions make: its cases are not explored from here.
    const otherStackChoices = new Set<string>();
    // Alarms on a metric that cannot tell anyone of the function's failures, each with why.
    const unheard = new Set<string>();
    // Alarms that watch it but may tell no one, each with why (ActionsEnabled from a parameter, a listener unknown).
    const mayBeUnheard = new Set<string>();
    // Whether an alarm watches a metric without telling anyone of its rising: the finding then says so, not that none watches.
    let watchedSilently = false;
    // Whether some metric missing has no alarm on it at all: only a new alarm, not a listener, would answer it.
    let unwatched = false;
    for (const name of metrics) {
      // Told only of a metric no alarm watches: another alarm on it makes these notes beside the point.
      const unheardOfMetric = new Set<string>();
      const doubtsOfMetric = new Set<string>();
      let silentOfMetric = false;
      const watching = alarms.map(({ alarm, stack }) => {
        // Queries the alarm does not go by (none of its expressions uses them) tell nothing of it.
        const queries = isUnknown(alarm.metrics) ? [] : alarm.metrics.filter((q) => q.watched !== false);
        const named = stack === undefined ? `alarm ${alarm.id}` : `alarm ${alarm.id} of stack ${stack}`;
        const own = watches(alarm, name, fn);
        const math = queriesWatch(alarm, named, name, fn);
        const match = any([own, math.match]);
        if (match === 'no') {
          const why = [alarm, ...queries]
            .map((q) => namedByAttribute(q, name, fn))
            .find((w) => w !== undefined);
          if (why !== undefined) unheardOfMetric.add(`A${named.slice(1)} ${why}.`);
          else if (math.unread !== undefined) unheardOfMetric.add(math.unread);
          return 'no';
        }
        if (stack !== undefined && restsOnDeployChoices(alarm)) {
          otherStackChoices.add(named);
          return 'maybe';
        }
        if (alarm.absentByDefault) {
          leftOut.add(`A${named.slice(1)} is ${notDeployedByDefault(alarm)}.`);
          return 'no';
        }
        if (own === 'no' && math.doubt !== undefined) doubtsOfMetric.add(math.doubt);
        const where = stack === undefined ? 'the template' : `stack ${stack}`;
        const { told, why } = alarmTells(alarm, named, name, own !== 'no', where);
        if (told === 'no' && why !== undefined) {
          unheardOfMetric.add(why);
          silentOfMetric = true;
        }
        if (told === 'maybe' && why !== undefined) doubtsOfMetric.add(why);
        return all([match, told]);
      });
      const found = any(watching);
      if (found === 'no') {
        missing.push(name);
        for (const note of unheardOfMetric) unheard.add(note);
        watchedSilently ||= silentOfMetric;
        unwatched ||= !silentOfMetric;
      } else if (found === 'maybe') {
        undecided.push(name);
        for (const doubt of doubtsOfMetric) mayBeUnheard.add(doubt);
      }
    }
    const where = neighbours.linked
      ? 'in this template, or in a scanned stack linked to it,'
      : 'in this template';
    const why =
      otherStackChoices.size > 0
        ? `${listedWithAnd([...otherStackChoices])} watch${otherStackChoices.size === 1 ? 'es' : ''} it only as that stack's parameter defaults or conditions decide, which a deploy may change`
        : mayBeUnheard.size > 0
          ? [...mayBeUnheard].join('; ')
          : 'its metric or dimensions are not known before deploy';
    const mayWatch = (subject: string) =>
      `An alarm may watch ${subject} ${listedWithAnd(undecided)}, but ${why}.`;
    if (missing.length > 0) {
      // Metrics an alarm may watch, told beside those none does: a deploy may leave them unwatched too.
      const alsoUndecided = undecided.length > 0 ? [mayWatch('its')] : [];
      const notes = [...leftOut, ...unheard, ...alsoUndecided].map((note) => ` ${note}`).join('');
      const metricsMissing = `${listedWithAnd(missing)} metric${missing.length > 1 ? 's' : ''}`;
      const none = watchedSilently
        ? `No CloudWatch alarm ${where} tells anyone when its ${metricsMissing} rise${missing.length > 1 ? '' : 's'}.`
        : `No CloudWatch alarm ${where} watches its ${metricsMissing}.`;
      // A macro or AWS::Include, which Parapet does not run, may add alarms (SlicWatch adds them for every function),
      // as it may add the resources an output names (README, "Template errors"): what this template lacks, it may not.
      // AWS's other transforms add no alarm (transforms.ts). An Fn::Transform in Resources may too, as may one that
      // makes an alarm, or, where every metric missing has an alarm that tells no one, what may hear it.
      const adding = ctx.inventory.transformsThatMayAdd(unwatched ? ALARM_TYPES : LISTENER_TYPES);
      if (adding.length > 0)
        return ctx.unknown(
          `${none.slice(0, -1)}, but ${transformsNotRunWords(adding)} may add one.${notes}`,
          { restsOn: 'other-resources' },
        );
      return ctx.fail(
        `${none}${notes}`,
        // No property of the function's decides it: the alarms of the template do.
        { evidence: { missing: missing.join(', ') }, restsOn: 'other-resources' },
      );
    }
    if (undecided.length > 0) {
      return ctx.unknown(mayWatch("the function's"), { restsOn: 'other-resources' });
    }
    return ctx.pass(`alarms watch ${metrics.join(', ')}`);
  },
});
