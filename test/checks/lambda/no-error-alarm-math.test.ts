import { describe, expect, it } from 'vitest';
import check from '../../../src/checks/lambda/no-error-alarm.js';
import { scanTemplate, template } from '../../helpers/scan-template.js';
import { lambdaFunction } from '../../helpers/templates.js';

// A metric-math alarm watches a metric only where the query it alarms on (ReturnData true) uses the query reading it.

const query = (id: string, metric: string, returnData = 'false') => `        - Id: ${id}
          ReturnData: ${returnData}
          MetricStat:
            Stat: Sum
            Period: 60
            Metric:
              Namespace: AWS/Lambda
              MetricName: ${metric}
              Dimensions: [{ Name: FunctionName, Value: !Ref Fn }]
`;

const expression = (id: string, text: string, returnData = 'true') =>
  `        - Id: ${id}\n          Expression: ${text}\n${returnData === '' ? '' : `          ReturnData: ${returnData}\n`}`;

/** An alarm with these queries: `e` reads Errors of Fn and `inv` its Throttles, before `more`. */
const mathAlarm = (more: string) => `  Al:
    Type: AWS::CloudWatch::Alarm
    Properties:
      EvaluationPeriods: 1
      Threshold: 1
      ComparisonOperator: GreaterThanOrEqualToThreshold
      AlarmActions: [arn:aws:sns:us-east-1:123456789012:alerts]
      Metrics:
${query('e', 'Errors')}${query('inv', 'Throttles')}${more}`;

const scan = (more: string, parameters = '') =>
  scanTemplate(template(lambdaFunction('Fn') + mathAlarm(more), parameters), check, {
    settings: { options: { 'lambda.no-error-alarm': { metrics: ['Errors'] } } },
  });

const statuses = (found: ReturnType<typeof scan>) => ({
  failed: found.failed.map((f) => f.message),
  unknown: found.unknown.map((f) => f.message),
  passed: found.passed.length,
});

describe('lambda.no-error-alarm, metric-math alarms', () => {
  it('fails an alarm that reads Errors in a query its returned expression does not use, and says so', () => {
    expect(statuses(scan(expression('r', "'FILL(inv, 0)'")))).toEqual({
      failed: [
        'No CloudWatch alarm in this template watches its Errors metric. Alarm Al reads Errors in query e, but the ' +
          'query it alarms on (the one with ReturnData true) does not use query e, directly or through other ' +
          'expressions: it never goes into ALARM on Errors.',
      ],
      unknown: [],
      passed: 0,
    });
  });

  it('fails where the query returned is another metric, and an expression over Errors is not returned', () => {
    const more = `${expression('rate', 'e / inv', 'false')}${query('m3', 'Invocations', 'true')}`;
    expect(scan(more).failed.map((f) => f.evidence)).toEqual([{ missing: 'Errors' }]);
  });

  it('passes an expression that uses the query, directly or through another expression', () => {
    expect(scan(expression('r', "'FILL(e, 0)'")).passed).toHaveLength(1);
    const through = `${expression('rate', 'e / inv', 'false')}${expression('pct', 'rate * 100')}`;
    expect(scan(through).passed).toHaveLength(1);
  });

  it('passes a returned expression without ReturnData (true by default, as the CDK writes it)', () => {
    expect(scan(expression('r', 'e + inv', '')).passed).toHaveLength(1);
  });

  it('passes METRICS(), which reads every metric of the alarm', () => {
    expect(scan(expression('r', "'SUM(METRICS())'")).passed).toHaveLength(1);
  });

  it('reads METRICS("text") as the metrics whose Id holds the text: fails where none of them reads Errors', () => {
    expect(scan(expression('r', `'SUM(METRICS("in"))'`)).failed).toHaveLength(1);
    expect(scan(expression('r', `'SUM(METRICS("e"))'`)).passed).toHaveLength(1);
    expect(scan(expression('r', '"SUM(METRICS(\'in\')) + SUM(METRICS())"')).passed).toHaveLength(1);
  });

  it('passes the Errors query itself returned, and an anomaly band returned beside it', () => {
    const band = `${expression('inv2', 'inv * 2', 'false')}`;
    const returned = scanTemplate(
      template(
        lambdaFunction('Fn') +
          mathAlarm(band).replace(
            '        - Id: e\n          ReturnData: false',
            '        - Id: e\n          ReturnData: true',
          ),
      ),
      check,
      { settings: { options: { 'lambda.no-error-alarm': { metrics: ['Errors'] } } } },
    );
    expect(returned.passed).toHaveLength(1);
    // ANOMALY_DETECTION_BAND alarms return both the metric and the band (ThresholdMetricId names the band).
    const anomaly = `${query('m1', 'Invocations', 'true')}${expression('ad1', "'ANOMALY_DETECTION_BAND(e, 2)'")}`;
    expect(scan(anomaly).passed).toHaveLength(1);
  });

  it('is unknown where the ReturnData that decides it is a parameter, naming it', () => {
    const more = `${expression('r', "'FILL(inv, 0)'", '!Ref ReturnRate')}${expression('s', 'e', '!Ref ReturnSum')}`;
    const found = scan(more, 'Parameters:\n  ReturnRate: { Type: String }\n  ReturnSum: { Type: String }\n');
    expect(statuses(found)).toEqual({
      failed: [],
      unknown: [
        "An alarm may watch the function's Errors, but alarm Al reads Errors in query e, and whether it alarms on " +
          'that query is not known before deploy (the ReturnData of query s is from parameter ReturnSum, which has no default).',
      ],
      passed: 0,
    });
  });

  it('takes the one query whose ReturnData may be true for the one returned, as CloudWatch needs one', () => {
    const found = scan(
      expression('r', "'FILL(inv, 0)'", '!Ref ReturnRate'),
      'Parameters:\n  ReturnRate: { Type: String }\n',
    );
    expect(found.failed.map((f) => f.evidence)).toEqual([{ missing: 'Errors' }]);
  });

  it('is unknown where the returned expression is not known before deploy, and passes the ids it writes', () => {
    const params = 'Parameters:\n  Fill: { Type: String }\n';
    const unknown = scan(expression('r', "!Sub 'FILL(${Fill}, 0)'"), params);
    expect(statuses(unknown)).toEqual({
      failed: [],
      unknown: [
        "An alarm may watch the function's Errors, but alarm Al reads Errors in query e, and whether it alarms on " +
          'that query is not known before deploy (the Expression of query r is from parameter Fill, which has no default).',
      ],
      passed: 0,
    });
    expect(scan(expression('r', "!Sub 'FILL(e, ${Fill})'"), params).passed).toHaveLength(1);
  });
});
