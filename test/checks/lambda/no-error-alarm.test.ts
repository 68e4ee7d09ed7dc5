import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import check from '../../../src/checks/lambda/no-error-alarm.js';
import { scanTemplateDir, scanTemplateFile } from '../../helpers/scan-file.js';
import { scanTemplate, template } from '../../helpers/scan-template.js';
import { lambdaFunction, samFunction, samTemplate } from '../../helpers/templates.js';

const fn = (name = '') => lambdaFunction('Fn', name ? `      FunctionName: ${name}\n` : '');

const alarm = (
  id: string,
  metric: string,
  dimensions = '        - Name: FunctionName\n          Value: !Ref Fn\n',
) => `  ${id}:
    Type: AWS::CloudWatch::Alarm
    Properties:
      Namespace: AWS/Lambda
      MetricName: ${metric}
      Dimensions:
${dimensions}      Statistic: Sum
      Period: 300
      EvaluationPeriods: 1
      Threshold: 1
      ComparisonOperator: GreaterThanOrEqualToThreshold
      AlarmActions: [arn:aws:sns:us-east-1:123456789012:alerts]
`;

const mathAlarm = `  ThrottleRate:
    Type: AWS::CloudWatch::Alarm
    Properties:
      EvaluationPeriods: 1
      Threshold: 0.1
      ComparisonOperator: GreaterThanThreshold
      AlarmActions: [arn:aws:sns:us-east-1:123456789012:alerts]
      Metrics:
        - Id: rate
          Expression: throttles / invocations
        - Id: throttles
          ReturnData: false
          MetricStat:
            Stat: Sum
            Period: 300
            Metric:
              Namespace: AWS/Lambda
              MetricName: Throttles
              Dimensions: [{ Name: FunctionName, Value: !Ref Fn }]
        - Id: invocations
          ReturnData: false
          MetricStat:
            Stat: Sum
            Period: 300
            Metric:
              Namespace: AWS/Lambda
              MetricName: Invocations
              Dimensions: [{ Name: FunctionName, Value: !Ref Fn }]
`;

describe('lambda.no-error-alarm', () => {
  it('fails a function with no alarm, listing the metrics missing, at info severity', () => {
    const { failed } = scanTemplate(template(fn()), check);
    expect(failed).toHaveLength(1);
    expect(failed[0]?.resource.id).toBe('Fn');
    expect(failed[0]?.severity).toBe('info');
    expect(failed[0]?.evidence).toEqual({ missing: 'Errors, Throttles' });
  });

  it('fails when only Errors is watched, naming Throttles', () => {
    const { failed } = scanTemplate(template(fn() + alarm('FnErrors', 'Errors')), check);
    expect(failed).toHaveLength(1);
    expect(failed[0]?.evidence).toEqual({ missing: 'Throttles' });
  });

  it('passes an Errors alarm and a metric-math alarm that reads Throttles', () => {
    const { failed, passed } = scanTemplate(template(fn() + alarm('FnErrors', 'Errors') + mathAlarm), check);
    expect(failed).toEqual([]);
    expect(passed).toHaveLength(1);
  });

  it('matches a function name written literally, and an alias through the Resource dimension', () => {
    const resource = '        - Name: Resource\n          Value: orders-fn:live\n';
    const literal = '        - Name: FunctionName\n          Value: orders-fn\n';
    const { failed, passed } = scanTemplate(
      template(
        fn('orders-fn') + alarm('FnErrors', 'Errors', literal) + alarm('FnThrottles', 'Throttles', resource),
      ),
      check,
    );
    expect(failed).toEqual([]);
    expect(passed).toHaveLength(1);
  });

  it('counts an alarm without dimensions, which watches every function', () => {
    const { passed } = scanTemplate(
      template(fn() + alarm('AllErrors', 'Errors', '        []\n') + mathAlarm),
      check,
    );
    expect(passed).toHaveLength(1);
  });

  it('does not count an alarm on another function', () => {
    const other = '        - Name: FunctionName\n          Value: other-fn\n';
    const { failed } = scanTemplate(
      template(fn('orders-fn') + alarm('OtherErrors', 'Errors', other) + mathAlarm),
      check,
    );
    expect(failed).toHaveLength(1);
    expect(failed[0]?.evidence).toEqual({ missing: 'Errors' });
  });

  it('takes the metrics from the option', () => {
    const settings = { options: { 'lambda.no-error-alarm': { metrics: ['Errors'] } } };
    const { failed, passed } = scanTemplate(template(fn() + alarm('FnErrors', 'Errors')), check, {
      settings,
    });
    expect(failed).toEqual([]);
    expect(passed).toHaveLength(1);
  });

  it('reports a malformed option as a scan error, not a silent default', () => {
    const settings = { options: { 'lambda.no-error-alarm': { metrics: 'Errors' } } };
    const { errors, findings } = scanTemplate(template(fn()), check, { settings });
    expect(findings).toEqual([]);
    expect(errors[0]?.message).toContain('option "metrics"');
  });

  it('is unknown when the only candidate alarm names its function through a parameter without default', () => {
    const fromParam = '        - Name: FunctionName\n          Value: !Ref Target\n';
    const { failed, unknown } = scanTemplate(
      template(
        fn('orders-fn') + alarm('FnErrors', 'Errors', fromParam) + mathAlarm,
        'Parameters:\n  Target: { Type: String }\n',
      ),
      check,
    );
    expect(failed).toEqual([]);
    expect(unknown).toHaveLength(1);
    expect(unknown[0]?.message).toContain('Errors');
  });

  it('reads the name CDK writes as field 6 of the function’s ARN (Fn::Select over Fn::Split)', () => {
    const byArn = (arn: string) =>
      `        - Name: FunctionName\n          Value: !Select [6, !Split [':', ${arn}]]\n`;
    const both = (arn: string) =>
      template(
        fn() + alarm('FnErrors', 'Errors', byArn(arn)) + alarm('FnThrottles', 'Throttles', byArn(arn)),
      );
    expect(scanTemplate(both('!GetAtt Fn.Arn'), check).passed).toHaveLength(1);
    // Another field (the region) is not this function's name, only text it cannot tell from one: Errors is
    // undecided, not watched. Another resource's ARN splits to nothing known.
    const region = template(
      fn() + alarm('FnErrors', 'Errors', byArn('!GetAtt Fn.Arn').replace('[6,', '[3,')),
    );
    expect(scanTemplate(region, check).failed.map((f) => f.evidence)).toEqual([{ missing: 'Throttles' }]);
    const queue = both('!GetAtt Queue.Arn').replace(
      'Resources:\n',
      'Resources:\n  Queue:\n    Type: AWS::SQS::Queue\n',
    );
    expect(scanTemplate(queue, check).unknown.map((f) => f.status)).toEqual(['unknown']);
  });

  describe('an alarm that names the function by its ARN', () => {
    const dimension = (name: string, value: string) => `        - Name: ${name}\n          Value: ${value}\n`;
    const both = (value: string, name = 'FunctionName') =>
      template(
        fn() +
          alarm('FnErrors', 'Errors', dimension(name, value)) +
          alarm('FnThrottles', 'Throttles', dimension(name, value)),
      );
    const why = (id: string, name = 'FunctionName') =>
      `Alarm ${id} gives dimension ${name} the function's ARN (Fn.Arn), not its name (!Ref Fn): ` +
      'Lambda publishes the metric under the name, so the alarm never has data.';

    it('does not count it, written with !GetAtt or !Sub, and says why', () => {
      for (const value of ['!GetAtt Fn.Arn', '!Sub "${Fn.Arn}"', "!Sub ['${A}', { A: !GetAtt Fn.Arn }]"]) {
        const { failed, passed } = scanTemplate(both(value), check);
        expect(passed, value).toEqual([]);
        expect(failed.map((f) => f.message)).toEqual([
          `No CloudWatch alarm in this template watches its Errors and Throttles metrics. ${why('FnErrors')} ${why('FnThrottles')}`,
        ]);
      }
    });

    it('says so only of a metric no other alarm watches', () => {
      const arn = dimension('FunctionName', '!GetAtt Fn.Arn');
      const { failed } = scanTemplate(
        template(fn() + alarm('FnErrors', 'Errors') + alarm('FnErrorsByArn', 'Errors', arn)),
        check,
      );
      expect(failed.map((f) => f.message)).toEqual([
        'No CloudWatch alarm in this template watches its Throttles metric.',
      ]);
    });

    it('does not count an alias of the ARN in the Resource dimension either', () => {
      const { failed } = scanTemplate(both('!Sub "${Fn.Arn}:live"', 'Resource'), check);
      expect(failed.map((f) => f.evidence)).toEqual([{ missing: 'Errors, Throttles' }]);
      expect(failed[0]?.message).toContain(why('FnErrors', 'Resource'));
    });

    it("does not count another resource's ARN, which is no function's name, and gives no reason of this function's", () => {
      const queue = both('!GetAtt Queue.Arn').replace(
        'Resources:\n',
        'Resources:\n  Queue:\n    Type: AWS::SQS::Queue\n',
      );
      const { failed } = scanTemplate(queue, check);
      expect(failed.map((f) => f.message)).toEqual([
        'No CloudWatch alarm in this template watches its Errors and Throttles metrics.',
      ]);
    });

    it('still counts the name, and is unknown for an attribute of a resource it cannot read', () => {
      expect(scanTemplate(both('!Ref Fn'), check).passed).toHaveLength(1);
      const custom = both('!GetAtt Lookup.FunctionName').replace(
        'Resources:\n',
        'Resources:\n  Lookup:\n    Type: Custom::FunctionLookup\n    Properties:\n      ServiceToken: arn:aws:lambda:us-east-1:123456789012:function:lookup\n',
      );
      expect(scanTemplate(custom, check).unknown.map((f) => f.status)).toEqual(['unknown']);
    });
  });

  describe('an alarm that exists only when a condition holds', () => {
    const conditional = (env: string) =>
      template(
        fn() +
          alarm('FnErrors', 'Errors').replace('    Properties:', '    Condition: IsProd\n    Properties:') +
          mathAlarm,
        `Parameters:\n  Env:\n    Type: String\n${env}Conditions:\n  IsProd: !Equals [!Ref Env, prod]\n`,
      );

    it('does not count it where the defaults leave it out, and says so', () => {
      const { failed } = scanTemplate(conditional('    Default: dev\n'), check);
      expect(failed.map((f) => f.message)).toEqual([
        'No CloudWatch alarm in this template watches its Errors metric. Alarm ' +
          "FnErrors is deployed only when condition IsProd holds, which is false with the parameters' defaults (Env=dev).",
      ]);
    });

    it('counts it where the defaults deploy it', () => {
      const { failed, passed } = scanTemplate(conditional('    Default: prod\n'), check);
      expect(failed).toEqual([]);
      expect(passed).toHaveLength(1);
    });

    it('says in which case the function fails where the condition cannot be decided (a whole scan)', () => {
      const found = scanTemplateFile(conditional(''), 'lambda.no-error-alarm').findings;
      expect(found.map((f) => [f.status, f.message])).toEqual([
        [
          'unknown',
          expect.stringMatching(
            /^When condition IsProd does not hold: No CloudWatch alarm .* its Errors metric/,
          ),
        ],
      ]);
    });
  });

  describe('with a transform Parapet does not run, which may add alarms', () => {
    const withTransforms = (transforms: string, resources = samFunction()) =>
      `AWSTemplateFormatVersion: '2010-09-09'\nTransform: ${transforms}\nResources:\n${resources}`;

    it('is unknown where it would fail, naming the macro (SlicWatch adds alarms to every function)', () => {
      const { failed, unknown, errors } = scanTemplate(
        withTransforms('[AWS::Serverless-2016-10-31, SlicWatch-v2]'),
        check,
      );
      expect(errors).toEqual([]);
      expect(failed).toEqual([]);
      expect(unknown.map((f) => [f.resource.id, f.message])).toEqual([
        [
          'Fn',
          'No CloudWatch alarm in this template watches its Errors and Throttles metrics, but transform ' +
            'SlicWatch-v2, which Parapet does not run, may add one.',
        ],
      ]);
      const two = scanTemplate(withTransforms('[MacroA, MacroB]', fn()), check);
      expect(two.unknown[0]?.message).toContain(
        'but transforms MacroA and MacroB, which Parapet does not run,',
      );
    });

    it('still passes what the template watches', () => {
      const watched = withTransforms('SlicWatch-v2', fn() + alarm('FnErrors', 'Errors') + mathAlarm);
      const { passed, unknown } = scanTemplate(watched, check);
      expect(unknown).toEqual([]);
      expect(passed.map((f) => f.resource.id)).toEqual(['Fn']);
    });

    it('is unknown under AWS::Include, whose snippet may hold an alarm', () => {
      const included = withTransforms(
        '[AWS::Serverless-2016-10-31, {Name: AWS::Include, Parameters: {Location: s3://b/alarms.yaml}}]',
      );
      const { failed, unknown } = scanTemplate(included, check);
      expect(failed).toEqual([]);
      expect(unknown.map((f) => f.message)).toEqual([
        'No CloudWatch alarm in this template watches its Errors and Throttles metrics, but transform ' +
          'AWS::Include, which Parapet does not run, may add one.',
      ]);
    });

    it('is unknown under an Fn::Transform in Resources (AWS::Include of resources), naming it', () => {
      const include = (location: string) =>
        `  Fn::Transform:\n    Name: AWS::Include\n    Parameters: { Location: ${location} }\n`;
      const text = `Resources:\n${fn()}${include('s3://b/alarms.yaml')}`;
      const message =
        'No CloudWatch alarm in this template watches its Errors and Throttles metrics, but transform ' +
        'AWS::Include of s3://b/alarms.yaml in Resources, which Parapet does not run, may add one.';
      const { failed, unknown } = scanTemplate(text, check);
      expect(failed).toEqual([]);
      expect(unknown.map((f) => f.message)).toEqual([message]);
      // As parapet scan reads it: the key is taken out of the template once, and each build still knows of it.
      const scanned = scanTemplateFile(text, 'lambda.no-error-alarm').findings;
      expect(scanned.map((f) => [f.status, f.message])).toEqual([['unknown', message]]);
      // A macro's name, or Fn::Transform where the name is not text.
      const macro = `Resources:\n${fn()}  Fn::Transform: { Name: AlarmsMacro }\n`;
      expect(scanTemplate(macro, check).unknown[0]?.message).toContain(
        'but transform AlarmsMacro in Resources, which Parapet does not run, may add one.',
      );
      const unnamed = `Resources:\n${fn()}  Fn::Transform: { Name: !Ref Macro }\n`;
      expect(scanTemplate(unnamed, check).unknown[0]?.message).toContain(
        'but transform Fn::Transform in Resources, which Parapet does not run, may add one.',
      );
    });

    it('judges an AWS::Include in Resources of a local file whose resources are no alarm nor listener', () => {
      // pipeline-atlantis includes ./template-dashboard.yml, whose one resource is a dashboard.
      const scanWith = (snippet: string | undefined) => {
        const dir = mkdtempSync(join(tmpdir(), 'parapet-included-resources-'));
        const include =
          '  Fn::Transform:\n    Name: AWS::Include\n    Parameters: { Location: ./dashboard.yml }\n';
        writeFileSync(join(dir, 'template.yaml'), `Resources:\n${fn()}${include}`);
        if (snippet !== undefined) writeFileSync(join(dir, 'dashboard.yml'), snippet);
        return scanTemplateDir(dir, 'lambda.no-error-alarm').findings.map((f) => [f.status, f.message]);
      };
      const dashboard =
        'Dashboard:\n  Type: AWS::CloudWatch::Dashboard\n  Properties: { DashboardBody: "{}" }\n';
      expect(scanWith(dashboard)).toEqual([
        ['fail', 'No CloudWatch alarm in this template watches its Errors and Throttles metrics.'],
      ]);
      const mayAdd = [
        [
          'unknown',
          'No CloudWatch alarm in this template watches its Errors and Throttles metrics, but transform ' +
            'AWS::Include of ./dashboard.yml in Resources, which Parapet does not run, may add one.',
        ],
      ];
      // An alarm among its resources; a resource without Type, a file that is not there: any. (One that does not
      // parse is a scan error too: see included-resources.test.ts.)
      const alarm = 'FnErrors:\n  Type: AWS::CloudWatch::Alarm\n  Properties: {}\n';
      for (const snippet of [dashboard + alarm, `${dashboard}Other:\n  Properties: {}\n`, undefined])
        expect(scanWith(snippet), snippet).toEqual(mayAdd);
    });

    it('is unknown where an Fn::Transform makes an alarm, or a resource of a type not written', () => {
      const made = (decl: string) => `Resources:\n${fn()}  FnErrors:\n${decl}`;
      const include = 'Fn::Transform: { Name: AWS::Include, Parameters: { Location: s3://b/alarm.yaml } }';
      const expectUnknown = (decl: string) => {
        const { failed, unknown } = scanTemplate(made(decl), check);
        expect(failed).toEqual([]);
        expect(unknown.map((f) => f.message)).toEqual([
          'No CloudWatch alarm in this template watches its Errors and Throttles metrics, but transform ' +
            'AWS::Include of s3://b/alarm.yaml in resource FnErrors, which Parapet does not run, may add one.',
        ]);
      };
      // The whole resource, its properties beside its Type, and Properties that are the transform alone.
      expectUnknown(`    ${include}\n`);
      expectUnknown(`    Type: AWS::CloudWatch::Alarm\n    ${include}\n`);
      expectUnknown(`    Type: AWS::CloudWatch::Alarm\n    Properties:\n      ${include}\n`);
    });

    it('counts a transform making a composite alarm or a rule only where an alarm watches the metric silently', () => {
      const include = 'Fn::Transform: { Name: AWS::Include, Parameters: { Location: s3://b/hear.yaml } }';
      const listeners = [
        `  Hears:\n    Type: AWS::CloudWatch::CompositeAlarm\n    ${include}\n`,
        `  Hears:\n    Type: AWS::Events::Rule\n    Properties:\n      ${include}\n`,
      ];
      const silent = (id: string, metric: string) =>
        alarm(id, metric).replace('      AlarmActions: [arn:aws:sns:us-east-1:123456789012:alerts]\n', '');
      for (const listener of listeners) {
        // No alarm at all: what hears alarms adds none.
        const none = scanTemplate(`Resources:\n${fn()}${listener}`, check);
        expect(none.unknown).toEqual([]);
        expect(none.failed.map((f) => f.message)).toEqual([
          'No CloudWatch alarm in this template watches its Errors and Throttles metrics.',
        ]);
        // Alarms that tell no one: it may hear them.
        const quiet = `Resources:\n${fn()}${silent('FnErrors', 'Errors')}${silent('FnThrottles', 'Throttles')}${listener}`;
        const { failed, unknown } = scanTemplate(quiet, check);
        expect(failed).toEqual([]);
        expect(unknown.map((f) => f.message.split('.')[0])).toEqual([
          'No CloudWatch alarm in this template tells anyone when its Errors and Throttles metrics rise, but ' +
            'transform AWS::Include of s3://b/hear',
        ]);
        // Throttles watched by none: hearing the Errors alarm would not answer it.
        const half = scanTemplate(`Resources:\n${fn()}${silent('FnErrors', 'Errors')}${listener}`, check);
        expect(half.unknown).toEqual([]);
        expect(half.failed.map((f) => f.message.split('.')[0])).toEqual([
          'No CloudWatch alarm in this template tells anyone when its Errors and Throttles metrics rise',
        ]);
      }
    });

    it('fails where an Fn::Transform makes a resource of a type that is no alarm, or adds to one read as written', () => {
      const include = 'Fn::Transform: { Name: AWS::Include, Parameters: { Location: s3://b/x.yaml } }';
      for (const resources of [
        `  Bucket:\n    Type: AWS::S3::Bucket\n    ${include}\n`,
        `  Topic:\n    Type: AWS::SNS::Topic\n    Properties:\n      ${include}\n`,
        `  Queue:\n    Type: AWS::SQS::Queue\n    Properties:\n      DelaySeconds: 0\n      ${include}\n`,
      ]) {
        const { failed, unknown } = scanTemplate(`Resources:\n${fn()}${resources}`, check);
        expect(unknown).toEqual([]);
        expect(failed.map((f) => f.message)).toEqual([
          'No CloudWatch alarm in this template watches its Errors and Throttles metrics.',
        ]);
      }
    });

    it("fails under AWS's transforms that add no alarm (SecretsManager, CodeDeployBlueGreen)", () => {
      for (const transforms of [
        '[AWS::Serverless-2016-10-31, AWS::SecretsManager-2020-07-23]',
        '[AWS::CodeDeployBlueGreen, AWS::Serverless-2016-10-31]',
      ]) {
        const { failed, unknown } = scanTemplate(withTransforms(transforms), check);
        expect(unknown).toEqual([]);
        expect(failed.map((f) => f.message)).toEqual([
          'No CloudWatch alarm in this template watches its Errors and Throttles metrics.',
        ]);
      }
    });

    it('fails as before under the transforms Parapet runs (SAM, AWS::LanguageExtensions)', () => {
      const { failed, unknown } = scanTemplate(
        withTransforms('[AWS::LanguageExtensions, AWS::Serverless-2016-10-31]'),
        check,
      );
      expect(unknown).toEqual([]);
      expect(failed.map((f) => f.message)).toEqual([
        'No CloudWatch alarm in this template watches its Errors and Throttles metrics.',
      ]);
    });
  });

  it('matches alarms on a SAM function', () => {
    const sam = samTemplate(samFunction() + alarm('FnErrors', 'Errors') + mathAlarm);
    const { failed, passed } = scanTemplate(sam, check);
    expect(failed).toEqual([]);
    expect(passed[0]?.resource.id).toBe('Fn');
  });
});
