import { describe, expect, it } from 'vitest';
import check from '../../../src/checks/lambda/no-error-alarm.js';
import { scanTemplateFile } from '../../helpers/scan-file.js';
import { scanTemplate, template } from '../../helpers/scan-template.js';
import { functionAlarm, lambdaFunction } from '../../helpers/templates.js';

// Whether an alarm on the function's metric tells anyone: its actions, what listens to it, its comparison.

const TOPIC = 'arn:aws:sns:us-east-1:123456789012:alerts';

/** An alarm on Errors of Fn; `extra` are more properties (`AlarmActions`, `ActionsEnabled`), each on its line. */
const errorsAlarm = (extra: string, comparison?: string) =>
  functionAlarm('FnErrors', { properties: extra, ...(comparison ? { comparison } : {}) });

const actions = `      AlarmActions: [${TOPIC}]\n`;

/** The function, the Errors alarm, and resources beside; only Errors is asked for. */
const scan = (
  alarmProps: string,
  beside = '',
  parameters = '',
  options: { comparison?: string; parameters?: Record<string, string> } = {},
) =>
  scanTemplate(
    template(lambdaFunction('Fn') + errorsAlarm(alarmProps, options.comparison) + beside, parameters),
    check,
    {
      settings: { options: { 'lambda.no-error-alarm': { metrics: ['Errors'] } } },
      ...(options.parameters ? { parameters: options.parameters } : {}),
    },
  );

const messages = (found: { message: string }[]) => found.map((f) => f.message);

const silent = (why: string) =>
  `No CloudWatch alarm in this template tells anyone when its Errors metric rises. Alarm FnErrors watches Errors but ${why} and nothing in the template listens to it.`;

const composite = (rule: string, props = actions) => `  Composite:
    Type: AWS::CloudWatch::CompositeAlarm
    Properties:
      AlarmRule: ${rule}
${props}`;

const rule = (pattern: string, props = '') => `  AlarmToChat:
    Type: AWS::Events::Rule
    Properties:
      EventPattern:
${pattern}${props}      Targets: [{ Id: chat, Arn: ${TOPIC} }]
`;

const STATE_CHANGE =
  '        source: [aws.cloudwatch]\n        detail-type: [CloudWatch Alarm State Change]\n';

describe('lambda.no-error-alarm: an alarm that tells no one', () => {
  it('does not count an alarm without AlarmActions, or with none, and says so', () => {
    for (const props of ['', '      AlarmActions: []\n']) {
      const { failed } = scan(props);
      expect(messages(failed), props).toEqual([silent('has no AlarmActions')]);
    }
  });

  it('says which metrics no alarm tells anyone of, beside those no alarm watches at all', () => {
    const { failed } = scanTemplate(template(lambdaFunction('Fn') + errorsAlarm('')), check);
    expect(messages(failed)).toEqual([
      'No CloudWatch alarm in this template tells anyone when its Errors and Throttles metrics rise. Alarm ' +
        'FnErrors watches Errors but has no AlarmActions and nothing in the template listens to it.',
    ]);
  });

  it('names the condition whose Fn::If leaves AlarmActions empty, and passes where a deploy gives the topic', () => {
    const params =
      "Parameters:\n  AlertTopic: { Type: String, Default: '' }\nConditions:\n  HasTopic: !Not [!Equals [!Ref AlertTopic, '']]\n";
    const props = '      AlarmActions: [!If [HasTopic, !Ref AlertTopic, !Ref AWS::NoValue]]\n';
    expect(messages(scan(props, '', params).failed)).toEqual([
      silent('has no AlarmActions when condition HasTopic does not hold'),
    ]);
    const whole = '      AlarmActions: !If [HasTopic, [!Ref AlertTopic], !Ref AWS::NoValue]\n';
    expect(messages(scan(whole, '', params).failed)).toEqual([
      silent('has no AlarmActions when condition HasTopic does not hold'),
    ]);
    const given = scan(props, '', params, { parameters: { AlertTopic: TOPIC } });
    expect(given.passed).toHaveLength(1);
  });

  it('does not count one whose only actions run on OK or INSUFFICIENT_DATA, which are not told of errors', () => {
    const { failed } = scan(`      OKActions: [${TOPIC}]\n      InsufficientDataActions: [${TOPIC}]\n`);
    expect(messages(failed)).toEqual([silent('has no AlarmActions')]);
  });

  it('does not count an alarm with ActionsEnabled false, and says so', () => {
    const { failed } = scan(`${actions}      ActionsEnabled: false\n`);
    expect(messages(failed)).toEqual([silent('has ActionsEnabled: false')]);
  });

  it('counts one whose AlarmActions are written, whatever a parameter without default gives them', () => {
    const param = 'Parameters:\n  Topic: { Type: String }\n';
    expect(scan('      AlarmActions: [!Ref Topic]\n', '', param).passed).toHaveLength(1);
  });

  it('is unknown when the whole AlarmActions list comes from a parameter without default (it may be empty)', () => {
    const param = 'Parameters:\n  Topics: { Type: CommaDelimitedList }\n';
    const { unknown } = scan('      AlarmActions: !Ref Topics\n', '', param);
    expect(messages(unknown)).toEqual([
      "An alarm may watch the function's Errors, but the AlarmActions of alarm FnErrors are from parameter Topics, which has no default.",
    ]);
  });

  describe('heard by a composite alarm', () => {
    it('counts it when a composite alarm with actions names it, by reference, ARN or name', () => {
      for (const named of [`!Sub 'ALARM("\${FnErrors}")'`, `!Sub 'ALARM(\${FnErrors.Arn}) OR OK(Other)'`]) {
        expect(scan('', composite(named)).passed, named).toHaveLength(1);
      }
      const byName = scan('      AlarmName: fn-errors\n', composite(`'ALARM("fn-errors")'`));
      expect(byName.passed).toHaveLength(1);
      // Muted on purpose, as composite alarms' children often are: the composite tells.
      const muted = scan(`${actions}      ActionsEnabled: false\n`, composite(`!Sub 'ALARM(\${FnErrors})'`));
      expect(muted.passed).toHaveLength(1);
    });

    it('counts it through AT_LEAST(M, ALARM, (...)), as CDK writes AlarmRule.atLeast, but not over another state', () => {
      const named = '      AlarmName: fn-errors\n';
      for (const atLeast of [
        `'AT_LEAST(1, ALARM, ("fn-errors", "other"))'`,
        `'AT_LEAST(50%, ALARM, (other, fn-errors))'`,
        `!Sub 'AT_LEAST(2, ALARM, ("\${FnErrors.Arn}", "other"))'`,
      ])
        expect(scan(named, composite(atLeast)).passed, atLeast).toHaveLength(1);
      for (const notHeard of [`'AT_LEAST(1, OK, ("fn-errors"))'`, `'NOT AT_LEAST(1, ALARM, ("fn-errors"))'`])
        expect(messages(scan(named, composite(notHeard)).failed), notHeard).toEqual([
          silent('has no AlarmActions'),
        ]);
    });

    it('is unknown, not silent, where part of the rule comes from a parameter without default', () => {
      const param = 'Parameters:\n  Extra: { Type: String }\n';
      for (const open of ['!Ref Extra', `!Sub 'ALARM("other") OR \${Extra}'`]) {
        const found = scan('', composite(open), param);
        expect(found.failed, open).toEqual([]);
        expect(messages(found.unknown), open).toEqual([
          "An alarm may watch the function's Errors, but alarm FnErrors has no AlarmActions, and composite alarm " +
            'Composite may hear it (part of its AlarmRule is not known before deploy).',
        ]);
      }
    });

    it('reads an unclosed ALARM( of 10,000 spaces (a rule CloudFormation takes) in one pass', () => {
      const unclosed = `'ALARM(${' '.repeat(10_000)}x'`;
      expect(messages(scan('', composite(unclosed)).failed)).toEqual([silent('has no AlarmActions')]);
    });

    it('gives up, unknown, where composites that may each hear all the others are too many to follow', () => {
      const many = Array.from(
        { length: 14 },
        (_, i) => `  C${i}:
    Type: AWS::CloudWatch::CompositeAlarm
    Properties:
      AlarmName: c-${i}
      AlarmRule: !Sub 'ALARM("\${Name}")'
`,
      ).join('');
      const found = scan('      AlarmName: fn-errors\n', many, 'Parameters:\n  Name: { Type: String }\n');
      expect(found.failed).toEqual([]);
      expect(found.unknown).toHaveLength(1);
    });

    it('counts it through a composite without actions that a composite with actions names', () => {
      const inner = composite(`!Sub 'ALARM(\${FnErrors})'`, '').replace('Composite:', 'Inner:');
      expect(scan('', inner + composite(`!Sub 'ALARM(\${Inner})'`)).passed).toHaveLength(1);
    });

    it('follows a chain of 400 composites without actions to the one that tells, and fails where none does', () => {
      const link = (i: number, rule: string, props = '') => `  Link${i}:
    Type: AWS::CloudWatch::CompositeAlarm
    Properties:
      AlarmName: link-${i}
      AlarmRule: '${rule}'
${props}`;
      const chain = (lastProps: string) =>
        Array.from({ length: 400 }, (_, i) =>
          link(i, i === 0 ? 'ALARM("fn-errors")' : `ALARM("link-${i - 1}")`, i === 399 ? lastProps : ''),
        ).join('');
      expect(scan('      AlarmName: fn-errors\n', chain(actions)).passed).toHaveLength(1);
      expect(messages(scan('      AlarmName: fn-errors\n', chain('')).failed)).toEqual([
        silent('has no AlarmActions'),
      ]);
    });

    it('reads a cycle of composites once: heard where a composite outside it tells, not otherwise', () => {
      const cycle = (props: string) => `  Left:
    Type: AWS::CloudWatch::CompositeAlarm
    Properties:
      AlarmName: left
      AlarmRule: 'ALARM("fn-errors") OR ALARM(right)'
  Right:
    Type: AWS::CloudWatch::CompositeAlarm
    Properties:
      AlarmName: right
      AlarmRule: 'ALARM(left)'
  Outside:
    Type: AWS::CloudWatch::CompositeAlarm
    Properties:
      AlarmRule: 'ALARM(right)'
${props}`;
      expect(scan('      AlarmName: fn-errors\n', cycle(actions)).passed).toHaveLength(1);
      expect(messages(scan('      AlarmName: fn-errors\n', cycle('')).failed)).toEqual([
        silent('has no AlarmActions'),
      ]);
    });

    it('does not count it when the composite has no actions, or names it only in OK()', () => {
      const noActions = scan('', composite(`!Sub 'ALARM(\${FnErrors})'`, ''));
      expect(messages(noActions.failed)).toEqual([silent('has no AlarmActions')]);
      const okOnly = scan('', composite(`!Sub 'OK(\${FnErrors})'`));
      expect(messages(okOnly.failed)).toEqual([silent('has no AlarmActions')]);
      const other = scan('      AlarmName: fn-errors\n', composite(`'ALARM("other-errors")'`));
      expect(messages(other.failed)).toEqual([silent('has no AlarmActions')]);
    });

    it('counts it when the composite names it by an ARN built with Fn::Sub of the stack’s region and account', () => {
      const arn = (name: string) =>
        `arn:\${AWS::Partition}:cloudwatch:\${AWS::Region}:\${AWS::AccountId}:alarm:${name}`;
      const named = scan('      AlarmName: fn-errors\n', composite(`!Sub 'ALARM("${arn('fn-errors')}")'`));
      expect(named.passed).toHaveLength(1);
      // A name of the stack's own (`${AWS::StackName}-errors`) is matched by its pattern, in an ARN or alone.
      const stackName = "      AlarmName: !Sub '${AWS::StackName}-errors'\n";
      for (const written of [arn('${AWS::StackName}-errors'), '${AWS::StackName}-errors']) {
        expect(scan(stackName, composite(`!Sub 'ALARM("${written}")'`)).passed, written).toHaveLength(1);
      }
    });

    it('does not count an ARN built with Fn::Sub that ends with another name', () => {
      const arn = (name: string) => `arn:aws:cloudwatch:\${AWS::Region}:\${AWS::AccountId}:alarm:${name}`;
      const other = scan('      AlarmName: fn-errors\n', composite(`!Sub 'ALARM("${arn('fn-throttles')}")'`));
      expect(messages(other.failed)).toEqual([silent('has no AlarmActions')]);
      const stackName = "      AlarmName: !Sub '${AWS::StackName}-errors'\n";
      const otherOfStack = scan(
        stackName,
        composite(`!Sub 'ALARM("${arn('${AWS::StackName}-throttles')}")'`),
      );
      expect(messages(otherOfStack.failed)).toEqual([silent('has no AlarmActions')]);
    });

    it('is unknown when the ARN is of an account from a parameter: it may name an alarm of another account', () => {
      const arn = 'arn:aws:cloudwatch:${AWS::Region}:${Account}:alarm:fn-errors';
      const { unknown } = scan(
        '      AlarmName: fn-errors\n',
        composite(`!Sub 'ALARM("${arn}")'`),
        'Parameters:\n  Account: { Type: String }\n',
      );
      expect(messages(unknown)).toEqual([
        "An alarm may watch the function's Errors, but alarm FnErrors has no AlarmActions, and composite alarm " +
          'Composite may hear it (its AlarmRule names an alarm not known before deploy).',
      ]);
    });

    it('does not count it when the composite names it only under NOT, which holds while there are no errors', () => {
      for (const rule of [
        `'ALARM(Heartbeat) AND NOT ALARM("fn-errors")'`,
        `'NOT (ALARM(Heartbeat) OR ALARM(fn-errors))'`,
        `'NOT (ALARM(Heartbeat) AND NOT NOT ALARM(fn-errors))'`,
      ]) {
        const { failed } = scan('      AlarmName: fn-errors\n', composite(rule));
        expect(messages(failed), rule).toEqual([silent('has no AlarmActions')]);
      }
      // Nor unknown where the name under NOT is not known before deploy.
      const param = 'Parameters:\n  Watched: { Type: String }\n';
      const unheard = scan('', composite(`!Sub 'NOT ALARM("\${Watched}")'`), param);
      expect(messages(unheard.failed)).toEqual([silent('has no AlarmActions')]);
    });

    it('counts it where a positive ALARM term names it beside negated ones', () => {
      for (const rule of [
        `'NOT ALARM(Heartbeat) AND ALARM("fn-errors")'`,
        `'(NOT ALARM(Heartbeat)) OR ALARM(''fn-errors'')'`,
        `'NOT (NOT ALARM(fn-errors))'`,
      ]) {
        expect(scan('      AlarmName: fn-errors\n', composite(rule)).passed, rule).toHaveLength(1);
      }
    });

    it('says in which case it fails when the composite exists only under a condition not known before deploy', () => {
      const conditional = composite(`!Sub 'ALARM(\${FnErrors})'`).replace(
        '    Properties:',
        '    Condition: IsProd\n    Properties:',
      );
      const throttles = errorsAlarm(actions)
        .replace('FnErrors:', 'FnThrottles:')
        .replace('MetricName: Errors', 'MetricName: Throttles');
      const text = template(
        lambdaFunction('Fn') + errorsAlarm('') + throttles + conditional,
        'Parameters:\n  Env: { Type: String }\nConditions:\n  IsProd: !Equals [!Ref Env, prod]\n',
      );
      const found = scanTemplateFile(text, 'lambda.no-error-alarm').findings;
      expect(found.map((f) => [f.status, f.message])).toEqual([
        [
          'unknown',
          expect.stringMatching(
            /^When condition IsProd does not hold: No CloudWatch alarm .* Alarm FnErrors watches Errors but has no AlarmActions and nothing in the template listens to it\./,
          ),
        ],
      ]);
    });

    it('is unknown when the composite names an alarm from a parameter without default', () => {
      const { unknown } = scan(
        '',
        composite(`!Sub 'ALARM("\${Watched}")'`),
        'Parameters:\n  Watched: { Type: String }\n',
      );
      expect(messages(unknown)).toEqual([
        "An alarm may watch the function's Errors, but alarm FnErrors has no AlarmActions, and composite alarm " +
          'Composite may hear it (its AlarmRule names an alarm not known before deploy).',
      ]);
    });
  });

  describe('exported for another stack', () => {
    const exporting = (value: string) =>
      `Outputs:\n  ErrorsAlarmArn:\n    Value: ${value}\n    Export: { Name: app-errors-alarm-arn }\n`;

    it('is unknown, not a failure, where the template exports its ARN or name for a listener elsewhere', () => {
      for (const [value, what] of [
        ['!GetAtt FnErrors.Arn', 'ARN'],
        ['!Ref FnErrors', 'name'],
        ["!Sub '${FnErrors.Arn}'", 'ARN'],
      ]) {
        const { unknown } = scan('', exporting(value as string));
        expect(messages(unknown), value).toEqual([
          "An alarm may watch the function's Errors, but alarm FnErrors has no AlarmActions, and a stack importing " +
            `it may hear it (its ${what} is exported as app-errors-alarm-arn).`,
        ]);
      }
    });

    it('still fails where the template exports something else', () => {
      const { failed } = scan('', exporting('!GetAtt Fn.Arn'));
      expect(messages(failed)).toEqual([silent('has no AlarmActions')]);
    });
  });

  describe('heard by an EventBridge rule on its state changes', () => {
    it('counts it for a rule on every alarm state change, or on its name, with a target', () => {
      expect(scan('', rule(STATE_CHANGE)).passed).toHaveLength(1);
      const named = `${STATE_CHANGE}        detail:\n          alarmName: [!Ref FnErrors]\n          state: { value: [ALARM] }\n`;
      expect(scan('', rule(named)).passed).toHaveLength(1);
      const json = `        '{"source":["aws.cloudwatch"],"detail-type":["CloudWatch Alarm State Change"]}'\n`;
      expect(scan('', rule(json).replace('EventPattern:\n', 'EventPattern:')).passed).toHaveLength(1);
    });

    it('counts a rule whose resources name its ARN built with Fn::Sub, not one naming another alarm', () => {
      const resources = (name: string) =>
        `${STATE_CHANGE}        resources: [!Sub 'arn:aws:cloudwatch:\${AWS::Region}:\${AWS::AccountId}:alarm:${name}']\n`;
      expect(scan('      AlarmName: fn-errors\n', rule(resources('fn-errors'))).passed).toHaveLength(1);
      const other = scan('      AlarmName: fn-errors\n', rule(resources('fn-throttles')));
      expect(messages(other.failed)).toEqual([silent('has no AlarmActions')]);
    });

    it('does not count a rule on another alarm, on another event, on OK only, or disabled', () => {
      const others = [
        rule(`${STATE_CHANGE}        detail: { alarmName: [other-alarm] }\n`),
        rule('        source: [aws.ec2]\n'),
        rule(`${STATE_CHANGE}        detail: { state: { value: [OK] } }\n`),
        rule(STATE_CHANGE, '      State: DISABLED\n'),
        rule(STATE_CHANGE, '      EventBusName: custom-bus\n'),
      ];
      for (const beside of others) {
        expect(messages(scan('', beside).failed), beside).toEqual([silent('has no AlarmActions')]);
      }
    });

    it('does not count a schedule rule, which has no EventPattern and hears no event', () => {
      const schedule = `  Nightly:
    Type: AWS::Events::Rule
    Properties:
      ScheduleExpression: rate(1 day)
      Targets: [{ Id: chat, Arn: ${TOPIC} }]
`;
      expect(messages(scan('', schedule).failed)).toEqual([silent('has no AlarmActions')]);
      const samSchedule = `  Notifier:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: index.handler
      InlineCode: x
      Events:
        Nightly: { Type: Schedule, Properties: { Schedule: rate(1 day) } }
`;
      const sam = scanTemplate(
        template(
          lambdaFunction('Fn') + errorsAlarm('') + samSchedule,
          'Transform: AWS::Serverless-2016-10-31\n',
        ),
        check,
        { settings: { options: { 'lambda.no-error-alarm': { metrics: ['Errors'] } } } },
      );
      expect(sam.unknown).toEqual([]);
      expect(messages(sam.failed.filter((f) => f.resource.id === 'Fn'))).toEqual([
        silent('has no AlarmActions'),
      ]);
    });

    it('is unknown when the whole EventPattern comes from a parameter without default', () => {
      const { unknown } = scan(
        '',
        rule('        !Ref Pattern\n').replace('EventPattern:\n', 'EventPattern:'),
        'Parameters:\n  Pattern: { Type: String }\n',
      );
      expect(messages(unknown)).toEqual([
        "An alarm may watch the function's Errors, but alarm FnErrors has no AlarmActions, and EventBridge rule " +
          'AlarmToChat may hear it (its EventPattern is not known before deploy).',
      ]);
    });

    it('reads prefix, suffix, equals-ignore-case and wildcard filters on its name against the name known', () => {
      const named = '      AlarmName: fn-errors\n';
      const filtered = (filter: string) =>
        rule(`${STATE_CHANGE}        detail: { alarmName: [${filter}] }\n`);
      for (const filter of [
        '{ prefix: fn- }',
        '{ suffix: -errors }',
        '{ equals-ignore-case: FN-Errors }',
        '{ wildcard: "fn-*rs" }',
      ]) {
        expect(scan(named, filtered(filter)).passed, filter).toHaveLength(1);
      }
      for (const filter of [
        '{ prefix: billing- }',
        '{ suffix: -throttles }',
        '{ equals-ignore-case: billing }',
        '{ wildcard: "billing-*" }',
      ]) {
        expect(messages(scan(named, filtered(filter)).failed), filter).toEqual([
          silent('has no AlarmActions'),
        ]);
      }
      // The name's known part decides where it can: `${AWS::StackName}-errors` always ends with `-errors`.
      const ofStack = "      AlarmName: !Sub '${AWS::StackName}-errors'\n";
      expect(scan(ofStack, filtered('{ suffix: errors }')).passed).toHaveLength(1);
      expect(messages(scan(ofStack, filtered('{ suffix: -throttles }')).failed)).toEqual([
        silent('has no AlarmActions'),
      ]);
    });

    it('reads a wildcard filter of many stars against a long name that almost matches, at once', () => {
      // A regex of the stars joined by `.*` backtracked for minutes here.
      const long = `      AlarmName: ${'a'.repeat(255)}\n`;
      const filtered = (wildcard: string) =>
        rule(`${STATE_CHANGE}        detail: { alarmName: [{ wildcard: "${wildcard}" }] }\n`);
      expect(messages(scan(long, filtered(`${'a*'.repeat(30)}b`)).failed)).toEqual([
        silent('has no AlarmActions'),
      ]);
      expect(scan(long, filtered(`${'a*'.repeat(30)}a`)).passed).toHaveLength(1);
      // `\\*` is a star itself, not a wildcard.
      expect(messages(scan('      AlarmName: fn-errors\n', filtered('fn\\\\*')).failed)).toEqual([
        silent('has no AlarmActions'),
      ]);
    });

    it('is unknown when a prefix filter may or may not match the name, as a deploy names it', () => {
      const ofStack = "      AlarmName: !Sub '${AWS::StackName}-errors'\n";
      const { unknown } = scan(
        ofStack,
        rule(`${STATE_CHANGE}        detail: { alarmName: [{ prefix: billing- }] }\n`),
      );
      expect(messages(unknown)).toEqual([
        "An alarm may watch the function's Errors, but alarm FnErrors has no AlarmActions, and EventBridge rule " +
          "AlarmToChat may hear it (its EventPattern's detail cannot be told to match the alarm's state change).",
      ]);
    });

    it('is unknown when the rule filters on an alarm name from a parameter without default', () => {
      const { unknown } = scan(
        '',
        rule(`${STATE_CHANGE}        detail: { alarmName: [!Ref Watched] }\n`),
        'Parameters:\n  Watched: { Type: String }\n',
      );
      expect(messages(unknown)).toEqual([
        "An alarm may watch the function's Errors, but alarm FnErrors has no AlarmActions, and EventBridge rule " +
          "AlarmToChat may hear it (its EventPattern's detail cannot be told to match the alarm's state change).",
      ]);
    });
  });
});

describe('lambda.no-error-alarm: an alarm that fires on few errors', () => {
  it('does not count LessThan… on Errors, and says so', () => {
    for (const comparison of ['LessThanThreshold', 'LessThanOrEqualToThreshold']) {
      const { failed } = scan(actions, '', '', { comparison });
      expect(messages(failed)).toEqual([
        'No CloudWatch alarm in this template tells anyone when its Errors metric rises. Alarm FnErrors watches Errors with ' +
          `ComparisonOperator ${comparison}: it goes into ALARM when there are few, not when there are many.`,
      ]);
    }
  });

  it('counts GreaterThan… and the upper band of anomaly detection', () => {
    for (const comparison of ['GreaterThanThreshold', 'GreaterThanUpperThreshold']) {
      expect(scan(actions, '', '', { comparison }).passed, comparison).toHaveLength(1);
    }
  });

  it('does not count below an anomaly band, even of a metric-math alarm', () => {
    const band = `  FnErrorsBand:
    Type: AWS::CloudWatch::Alarm
    Properties:
      EvaluationPeriods: 1
      ComparisonOperator: LessThanLowerThreshold
      ThresholdMetricId: band
      AlarmActions: [${TOPIC}]
      Metrics:
        - Id: errors
          MetricStat:
            Stat: Sum
            Period: 300
            Metric: { Namespace: AWS/Lambda, MetricName: Errors, Dimensions: [{ Name: FunctionName, Value: !Ref Fn }] }
        - Id: band
          Expression: ANOMALY_DETECTION_BAND(errors, 2)
`;
    const { failed } = scanTemplate(template(lambdaFunction('Fn') + band), check, {
      settings: { options: { 'lambda.no-error-alarm': { metrics: ['Errors'] } } },
    });
    expect(failed[0]?.message).toContain(
      'Alarm FnErrorsBand watches Errors with ComparisonOperator LessThanLowerThreshold',
    );
  });

  describe('a metric-math alarm whose expression reads Errors', () => {
    /** A success rate over Errors and Invocations, compared as `comparison` says; `extra` more properties. */
    const rate = (comparison: string, extra = actions) => `  FnSuccess:
    Type: AWS::CloudWatch::Alarm
    Properties:
      EvaluationPeriods: 1
      Threshold: 0.99
      ComparisonOperator: ${comparison}
${extra}      Metrics:
        - Id: success
          Expression: 1 - errors / invocations
        - Id: errors
          ReturnData: false
          MetricStat:
            Stat: Sum
            Period: 300
            Metric: { Namespace: AWS/Lambda, MetricName: Errors, Dimensions: [{ Name: FunctionName, Value: !Ref Fn }] }
        - Id: invocations
          ReturnData: false
          MetricStat:
            Stat: Sum
            Period: 300
            Metric: { Namespace: AWS/Lambda, MetricName: Invocations, Dimensions: [{ Name: FunctionName, Value: !Ref Fn }] }
`;
    const scanRate = (alarm: string, parameters = '') =>
      scanTemplate(template(lambdaFunction('Fn') + alarm, parameters), check, {
        settings: { options: { 'lambda.no-error-alarm': { metrics: ['Errors'] } } },
      });

    it('is unknown compared with LessThan…: it fires on few errors unless the expression inverts them', () => {
      for (const comparison of ['LessThanThreshold', 'LessThanOrEqualToThreshold']) {
        const { unknown } = scanRate(rate(comparison));
        expect(messages(unknown), comparison).toEqual([
          "An alarm may watch the function's Errors, but alarm FnSuccess compares a metric-math expression over " +
            `Errors with ComparisonOperator ${comparison}: it goes into ALARM when the expression is low, which is ` +
            'when Errors is low unless the expression inverts it.',
        ]);
      }
    });

    it('is unknown where its comparison is a parameter without default', () => {
      const { unknown } = scanRate(rate('!Ref Op'), 'Parameters:\n  Op: { Type: String }\n');
      expect(messages(unknown)).toEqual([
        "An alarm may watch the function's Errors, but the ComparisonOperator of alarm FnSuccess, which compares a " +
          'metric-math expression over Errors, is from parameter Op, which has no default.',
      ]);
    });

    it('counts it compared with GreaterThan…, and fails it where it tells no one, whatever its comparison', () => {
      expect(scanRate(rate('GreaterThanThreshold')).passed).toHaveLength(1);
      const { failed } = scanRate(rate('LessThanThreshold', ''));
      expect(messages(failed)).toEqual([
        'No CloudWatch alarm in this template tells anyone when its Errors metric rises. Alarm FnSuccess watches ' +
          'Errors but has no AlarmActions and nothing in the template listens to it.',
      ]);
    });
  });

  it('is unknown when the comparison is a parameter without default', () => {
    const { unknown } = scan(actions, '', 'Parameters:\n  Op: { Type: String }\n', { comparison: '!Ref Op' });
    expect(messages(unknown)).toEqual([
      "An alarm may watch the function's Errors, but the ComparisonOperator of alarm FnErrors is from parameter Op, which has no default.",
    ]);
  });
});

describe('lambda.no-error-alarm: ActionsEnabled from a parameter', () => {
  const notify = (declaration: string) => `Parameters:\n  Notify: { Type: String${declaration} }\n`;
  const fromNotify = `${actions}      ActionsEnabled: !Ref Notify\n`;

  it('is unknown, saying when it fails, for a parameter without default that may be false', () => {
    for (const declaration of [', AllowedValues: ["true", "false"]', '']) {
      const { unknown } = scan(fromNotify, '', notify(declaration));
      expect(messages(unknown), declaration).toEqual([
        "An alarm may watch the function's Errors, but alarm FnErrors notifies no one when parameter Notify is " +
          'false (its ActionsEnabled is from parameter Notify, which has no default).',
      ]);
    }
  });

  it('is unknown, not a pass, where only a default makes it true', () => {
    const { unknown, passed } = scan(
      fromNotify,
      '',
      notify(', Default: "true", AllowedValues: ["true", "false"]'),
    );
    expect(passed).toEqual([]);
    expect(messages(unknown)).toEqual([
      "An alarm may watch the function's Errors, but alarm FnErrors notifies no one when parameter Notify is " +
        'false, not its default true (its ActionsEnabled is from parameter Notify, true by its default, which a ' +
        'deploy may override).',
    ]);
  });

  it('passes where no value a deploy may give is false, or the scan is given true', () => {
    expect(scan(fromNotify, '', notify(', AllowedValues: ["true"]')).passed).toHaveLength(1);
    expect(scan(fromNotify, '', notify(', Default: "true", AllowedValues: ["True"]')).passed).toHaveLength(1);
    const given = scan(fromNotify, '', notify(', Default: "true"'), { parameters: { Notify: 'true' } });
    expect(given.passed).toHaveLength(1);
  });

  it('fails where every value is false, or the default is', () => {
    expect(messages(scan(fromNotify, '', notify(', AllowedValues: ["false"]')).failed)).toEqual([
      silent('has ActionsEnabled: false'),
    ]);
    expect(messages(scan(fromNotify, '', notify(', Default: "false"')).failed)).toEqual([
      silent("has ActionsEnabled: false (parameter Notify's default)"),
    ]);
    // Given false on the command line, it is the deploy's value, not a default to name.
    const given = scan(fromNotify, '', notify(', Default: "true"'), { parameters: { Notify: 'false' } });
    expect(messages(given.failed)).toEqual([silent('has ActionsEnabled: false')]);
  });

  it('tells the doubt beside the metrics no alarm watches', () => {
    const { failed } = scanTemplate(
      template(lambdaFunction('Fn') + errorsAlarm(fromNotify), notify(', AllowedValues: ["true", "false"]')),
      check,
    );
    expect(messages(failed)).toEqual([
      'No CloudWatch alarm in this template watches its Throttles metric. An alarm may watch its Errors, but ' +
        'alarm FnErrors notifies no one when parameter Notify is false (its ActionsEnabled is from parameter ' +
        'Notify, which has no default).',
    ]);
  });
});
