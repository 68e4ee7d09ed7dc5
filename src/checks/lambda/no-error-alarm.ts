import { listedWithAnd } from '../../findings/words.js';
import type { LambdaFunction } from '../../model/lambda.js';
import type { MetricAlarm, MetricDimension } from '../../model/monitoring.js';
import { notDeployedByDefault, restsOnDeployChoices } from '../../model/resource.js';
import { isUnknown, type Value } from '../../model/values.js';
import { defineCheck } from '../define.js';

export const DEFAULT_ALARM_METRICS: readonly string[] = ['Errors', 'Throttles'];

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

type Match = 'yes' | 'no' | 'maybe';

const all = (matches: Match[]): Match =>
  matches.includes('no') ? 'no' : matches.every((m) => m === 'yes') ? 'yes' : 'maybe';
const any = (matches: Match[]): Match =>
  matches.includes('yes') ? 'yes' : matches.includes('maybe') ? 'maybe' : 'no';

/** Whether a (possibly unknown) string can equal `expected`: an Unknown's `${}` template is a pattern. */
function textMatch(value: Value<string | undefined>, expected: string): Match {
  if (value === undefined) return 'no';
  if (!isUnknown(value)) return value === expected ? 'yes' : 'no';
  if (value.template === undefined) return 'maybe';
  const pattern = value.template
    .split(/\$\{[^}]*\}/)
    .map((part) => part.replace(/[.*+?^$()|[\]\\{}]/g, '\\$&'));
  return new RegExp(`^${pattern.join('.*')}$`, 's').test(expected) ? 'maybe' : 'no';
}

/**
 * The attribute (`Fn.Arn`) a dimension value is wholly, when it is this function's or an ARN: never a function's
 * name. Lambda publishes FunctionName as the function's name and Resource as `name` or `name:alias` ("Types of
 * metrics for Lambda functions", Lambda Developer Guide): an alarm naming the function so watches a metric
 * that never has data.
 */
function attributeNamed(value: Value<string>, fn: LambdaFunction): string | undefined {
  if (!isUnknown(value) || value.stackResource !== undefined || value.template === undefined)
    return undefined;
  const whole = /^\$\{([A-Za-z0-9]+)\.([A-Za-z0-9.]+)\}(?::[^$]*)?$/.exec(value.template);
  if (whole === null) return undefined;
  const [, id, attribute] = whole as unknown as [string, string, string];
  return id === fn.id || attribute.endsWith('Arn') ? `${id}.${attribute}` : undefined;
}

/** Whether a FunctionName / Resource dimension value names the function (`name`, or `name:alias` for Resource). */
function namesFunction(value: Value<string>, fn: LambdaFunction, resourceDimension: boolean): Match {
  const strip = (text: string) => (resourceDimension ? (text.split(':')[0] as string) : text);
  if (attributeNamed(value, fn) !== undefined) return 'no';
  if (!isUnknown(value)) {
    // A dimension value that refers to the function reads as its logical id.
    if (strip(value) === fn.id) return 'yes';
    if (fn.name === undefined) return 'no';
    return isUnknown(fn.name) ? textMatch(fn.name, strip(value)) : strip(value) === fn.name ? 'yes' : 'no';
  }
  // A resource of another stack scanned with this one (given by the parent, imported): another function than
  // this template's own, whatever its name turns out to be. Before the `${Id}` test: its id may equal fn.id.
  if (value.stackResource !== undefined) return 'no';
  if (value.template === undefined) return 'maybe';
  const shape = strip(value.template);
  if (shape === `\${${fn.id}}`) return 'yes';
  if (isUnknown(fn.name) && fn.name.template === shape) return 'yes';
  return typeof fn.name === 'string' ? textMatch(value, fn.name) : 'maybe';
}

function dimensionsMatch(dimensions: Value<readonly MetricDimension[]>, fn: LambdaFunction): Match {
  if (isUnknown(dimensions)) return 'maybe';
  // No dimension: the alarm watches the metric summed over every function in the region, this one included.
  if (dimensions.length === 0) return 'yes';
  const named = dimensions.filter((d) => d.name === 'FunctionName' || d.name === 'Resource');
  // ExecutedVersion beside FunctionName narrows the metric to a version; it is still this function's.
  if (named.length > 0) return all(named.map((d) => namesFunction(d.value, fn, d.name === 'Resource')));
  return dimensions.some((d) => isUnknown(d.name)) ? 'maybe' : 'no';
}

interface MetricRef {
  readonly namespace: Value<string | undefined>;
  readonly metricName: Value<string | undefined>;
  readonly dimensions: Value<readonly MetricDimension[]>;
}

const watches = (metric: MetricRef, name: string, fn: LambdaFunction): Match =>
  all([
    textMatch(metric.namespace, 'AWS/Lambda'),
    textMatch(metric.metricName, name),
    dimensionsMatch(metric.dimensions, fn),
  ]);

/**
 * Why an alarm on metric `name` that does not watch the function was likely meant to: a FunctionName or Resource
 * dimension that gives it the function's ARN (`!GetAtt Fn.Arn`) where Lambda publishes its name.
 */
function namedByAttribute(metric: MetricRef, name: string, fn: LambdaFunction): string | undefined {
  const metricMatch = all([textMatch(metric.namespace, 'AWS/Lambda'), textMatch(metric.metricName, name)]);
  if (metricMatch === 'no' || isUnknown(metric.dimensions)) return undefined;
  for (const { name: dimension, value } of metric.dimensions) {
    if (dimension !== 'FunctionName' && dimension !== 'Resource') continue;
    const attribute = attributeNamed(value, fn);
    if (attribute === undefined || !attribute.startsWith(`${fn.id}.`)) continue;
    const what = attribute === `${fn.id}.Arn` ? 'ARN' : `attribute ${attribute.slice(fn.id.length + 1)}`;
    return (
      `gives dimension ${dimension} the function's ${what} (${attribute}), not its name (!Ref ${fn.id}): ` +
      'Lambda publishes the metric under the name, so the alarm never has data'
    );
  }
  return undefined;
}

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
    'A metric-math alarm counts when one of its queries reads the metric, and an alarm without dimensions counts ' +
    'because it watches the sum over every function. The dimension must name the function by its name, as Lambda ' +
    'publishes the metric: `!Ref Fn`, not its ARN `!GetAtt Fn.Arn`, under which no data ever comes (the finding ' +
    'says so). An alarm with `ActionsEnabled: false` notifies no one and does not count (unknown beside a ' +
    'composite alarm, which may act on its state); one without `AlarmActions` counts, as an EventBridge rule on ' +
    'its state changes or a CodeDeploy rollback may act on it from elsewhere.',
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
    // Alarms that watch it but whose actions may be disabled (ActionsEnabled not known before deploy).
    const mayBeMuted = new Set<string>();
    for (const name of metrics) {
      // Told only of a metric no alarm watches: another alarm on it makes these notes beside the point.
      const unheardOfMetric = new Set<string>();
      const watching = alarms.map(({ alarm, stack }) => {
        const queries = isUnknown(alarm.metrics) ? [] : alarm.metrics;
        const match = any([
          watches(alarm, name, fn),
          ...(isUnknown(alarm.metrics) ? ['maybe' as const] : queries.map((q) => watches(q, name, fn))),
        ]);
        const named = stack === undefined ? `alarm ${alarm.id}` : `alarm ${alarm.id} of stack ${stack}`;
        if (match === 'no') {
          const why = [alarm, ...queries]
            .map((q) => namedByAttribute(q, name, fn))
            .find((w) => w !== undefined);
          if (why !== undefined) unheardOfMetric.add(`A${named.slice(1)} ${why}.`);
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
        // ActionsEnabled: false runs none of its actions ("whether actions should be executed during any changes
        // to the alarm's state", AWS::CloudWatch::Alarm): the alarm notifies no one (the remediation asks for one
        // that does). Without AlarmActions it still counts: an EventBridge rule on its state changes, or a
        // CodeDeploy rollback, may act on it from where a template scan does not look.
        if (alarm.actionsEnabled === false) {
          unheardOfMetric.add(
            `A${named.slice(1)} watches it but has ActionsEnabled: false: it notifies no one.`,
          );
          return 'no';
        }
        if (!isUnknown(alarm.actionsEnabled)) return match;
        mayBeMuted.add(`${named} has ActionsEnabled ${alarm.actionsEnabled.reason}`);
        return 'maybe';
      });
      const found = any(watching);
      if (found === 'no') {
        missing.push(name);
        for (const note of unheardOfMetric) unheard.add(note);
      } else if (found === 'maybe') undecided.push(name);
    }
    const where = neighbours.linked
      ? 'in this template, or in a scanned stack linked to it,'
      : 'in this template';
    if (missing.length > 0) {
      return ctx.fail(
        `No CloudWatch alarm ${where} watches its ${listedWithAnd(missing)} metric${missing.length > 1 ? 's' : ''}.${[...leftOut, ...unheard].map((note) => ` ${note}`).join('')}`,
        // No property of the function's decides it: the alarms of the template do.
        { evidence: { missing: missing.join(', ') }, restsOn: 'other-resources' },
      );
    }
    if (undecided.length > 0) {
      const why =
        otherStackChoices.size > 0
          ? `${listedWithAnd([...otherStackChoices])} watch${otherStackChoices.size === 1 ? 'es' : ''} it only as that stack's parameter defaults or conditions decide, which a deploy may change`
          : mayBeMuted.size > 0
            ? `whether it notifies anyone cannot be told from the template (${[...mayBeMuted].join('; ')})`
            : 'its metric or dimensions are not known before deploy';
      return ctx.unknown(`An alarm may watch the function's ${listedWithAnd(undecided)}, but ${why}.`, {
        restsOn: 'other-resources',
      });
    }
    return ctx.pass(`alarms watch ${metrics.join(', ')}`);
  },
});
