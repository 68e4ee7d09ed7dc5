import type { LambdaFunction } from '../../model/lambda.js';
import type { MetricDimension } from '../../model/monitoring.js';
import { isUnknown, templateMayGive, type Value } from '../../model/values.js';

// Whether an alarm's metric (or one of its metric-math queries) is a function's: namespace, metric name and the
// dimensions that name the function.

export type Match = 'yes' | 'no' | 'maybe';

export const all = (matches: Match[]): Match =>
  matches.includes('no') ? 'no' : matches.every((m) => m === 'yes') ? 'yes' : 'maybe';
export const any = (matches: Match[]): Match =>
  matches.includes('yes') ? 'yes' : matches.includes('maybe') ? 'maybe' : 'no';

/** Whether a (possibly unknown) string can equal `expected`: an Unknown's `${}` template is a pattern. */
function textMatch(value: Value<string | undefined>, expected: string): Match {
  if (value === undefined) return 'no';
  if (!isUnknown(value)) return value === expected ? 'yes' : 'no';
  if (value.template === undefined) return 'maybe';
  return templateMayGive(value.template, expected) ? 'maybe' : 'no';
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

export interface MetricRef {
  readonly namespace: Value<string | undefined>;
  readonly metricName: Value<string | undefined>;
  readonly dimensions: Value<readonly MetricDimension[]>;
}

export const watches = (metric: MetricRef, name: string, fn: LambdaFunction): Match =>
  all([
    textMatch(metric.namespace, 'AWS/Lambda'),
    textMatch(metric.metricName, name),
    dimensionsMatch(metric.dimensions, fn),
  ]);

/**
 * Why an alarm on metric `name` that does not watch the function was likely meant to: a FunctionName or Resource
 * dimension that gives it the function's ARN (`!GetAtt Fn.Arn`) where Lambda publishes its name.
 */
export function namedByAttribute(metric: MetricRef, name: string, fn: LambdaFunction): string | undefined {
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
