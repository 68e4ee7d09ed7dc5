import { describe, expect, it } from 'vitest';
import check from '../../../src/checks/lambda/no-error-alarm.js';
import type { MetricAlarm } from '../../../src/model/monitoring.js';
import { buildTemplateInventory } from '../../../src/sources/cloudformation/template.js';
import { parseYaml } from '../../../src/sources/cloudformation/yaml.js';
import { scanTemplate, template } from '../../helpers/scan-template.js';
import { functionAlarm, lambdaFunction } from '../../helpers/templates.js';

// What hears an alarm, read soundly: a composite's rule as boolean logic, ARNs of a fixed region or account, exports
// built with Fn::Join, and the listeners read again for an alarm mapped under its own Condition.

const TOPIC = 'arn:aws:sns:us-east-1:123456789012:alerts';
const actions = `      AlarmActions: [${TOPIC}]\n`;

/** An alarm on Errors of `fn`, named `name`, without actions unless `extra` gives them (or a Condition line). */
const errorsAlarm = (id: string, fn: string, name: string, extra = '') =>
  functionAlarm(id, {
    fn,
    name,
    ...(extra.startsWith('    Condition') ? { condition: extra } : { properties: extra }),
  });

const composite = (id: string, rule: string, props = actions) => `  ${id}:
    Type: AWS::CloudWatch::CompositeAlarm
    Properties:
      AlarmRule: ${rule}
${props}`;

const scan = (beside: string, extra = '') =>
  scanTemplate(
    template(lambdaFunction('Fn') + errorsAlarm('FnErrors', 'Fn', 'fn-errors') + beside, extra),
    check,
    {
      settings: { options: { 'lambda.no-error-alarm': { metrics: ['Errors'] } } },
    },
  );

const messages = (found: { message: string }[]) => found.map((f) => f.message);

const SILENT =
  'No CloudWatch alarm in this template tells anyone when its Errors metric rises. Alarm FnErrors watches Errors ' +
  'but has no AlarmActions and nothing in the template listens to it.';

const mayHear = (who: string, why: string) =>
  `An alarm may watch the function's Errors, but alarm FnErrors has no AlarmActions, and ${who} may hear it (${why}).`;

describe('lambda.no-error-alarm: a composite alarm rule read as boolean logic', () => {
  it('does not count a composite whose rule cannot go into ALARM as the alarm does', () => {
    for (const rule of [
      `'ALARM("fn-errors") AND FALSE'`,
      `'ALARM("fn-errors") OR TRUE'`,
      `'ALARM(fn-errors) AND ALARM(other) AND OK(other)'`,
      `'(ALARM(fn-errors) OR ALARM(other)) AND FALSE'`,
    ])
      expect(messages(scan(composite('Composite', rule)).failed), rule).toEqual([SILENT]);
  });

  it('counts one that goes into ALARM with it for some state of the other alarms it names', () => {
    for (const rule of [
      `'ALARM("fn-errors") AND ALARM(other)'`,
      `'ALARM(fn-errors) AND NOT ALARM(maintenance)'`,
      `'(ALARM(fn-errors) OR ALARM(other)) AND TRUE'`,
    ])
      expect(scan(composite('Composite', rule)).passed, rule).toHaveLength(1);
  });

  it('is unknown where AND and OR meet without parentheses and only one ranking hears it', () => {
    const { unknown } = scan(composite('Composite', `'ALARM(fn-errors) OR ALARM(other) AND FALSE'`));
    expect(messages(unknown)).toEqual([
      mayHear(
        'composite alarm Composite',
        'its AlarmRule goes into ALARM with it only as AND and OR are ranked, which is not documented',
      ),
    ]);
  });

  it('is unknown, not a pass, where text from a parameter stands beside the term that names it', () => {
    const { unknown, passed } = scan(
      composite('Composite', `!Sub 'ALARM("fn-errors") AND \${Extra}'`),
      'Parameters:\n  Extra: { Type: String }\n',
    );
    expect(passed).toEqual([]);
    expect(messages(unknown)).toEqual([
      mayHear('composite alarm Composite', 'part of its AlarmRule is not known before deploy'),
    ]);
  });

  it('is unknown where a rule Parapet does not read names it: CloudWatch may read it otherwise', () => {
    const unread = mayHear(
      'composite alarm Composite',
      'its AlarmRule is not written as the CloudWatch documentation gives the syntax, and Parapet does not read it',
    );
    for (const rule of [
      `'ALARM(fn-errors) or ALARM(other)'`,
      `'ALARM(fn-errors) AND'`,
      // Deeper than the reading goes (it recurses on each parenthesis): no stack overflow, and the file is checked.
      `'${'('.repeat(5000)}ALARM(fn-errors)${')'.repeat(5000)}'`,
    ]) {
      const { unknown, passed, errors } = scan(composite('Composite', rule));
      expect([passed, errors, messages(unknown)], rule.slice(0, 40)).toEqual([[], [], [unread]]);
    }
  });

  it('still fails where such a rule does not hold the alarm’s name', () => {
    expect(messages(scan(composite('Composite', `'ALARM(other) or ALARM(another)'`)).failed)).toEqual([
      SILENT,
    ]);
  });

  it('fails where it cannot hold a name made with Fn::Sub, as a rule it reads fails, and is unknown where it may', () => {
    const named = (rule: string) =>
      scanTemplate(
        template(
          lambdaFunction('Fn') +
            errorsAlarm('FnErrors', 'Fn', "!Sub '${AWS::StackName}-errors'") +
            composite('Composite', rule),
        ),
        check,
        { settings: { options: { 'lambda.no-error-alarm': { metrics: ['Errors'] } } } },
      );
    for (const rule of [`'ALARM(other) or ALARM(another)'`, `'ALARM(other) OR ALARM(another)'`])
      expect(messages(named(rule).failed), rule).toEqual([SILENT]);
    // `-errors` after any stack name: `app-errors` may be it.
    expect(messages(named(`'ALARM(app-errors) or ALARM(other)'`).unknown)).toEqual([
      mayHear(
        'composite alarm Composite',
        'its AlarmRule is not written as the CloudWatch documentation gives the syntax, and Parapet does not read it',
      ),
    ]);
  });
});

describe('lambda.no-error-alarm: an alarm named by an ARN of a region or account written out', () => {
  it('is unknown where the ARN gives a region or account of its own, which may not be the stack’s', () => {
    for (const [arn, fixed] of [
      [
        'arn:aws:cloudwatch:eu-west-1:111111111111:alarm:fn-errors',
        'region eu-west-1 and account 111111111111',
      ],
      ['arn:aws:cloudwatch:${AWS::Region}:111111111111:alarm:fn-errors', 'account 111111111111'],
    ] as const) {
      const { unknown } = scan(composite('Composite', `!Sub 'ALARM("${arn}")'`));
      expect(messages(unknown), arn).toEqual([
        mayHear(
          'composite alarm Composite',
          `its AlarmRule names it by an ARN of ${fixed}, and the stack's own are not known before deploy`,
        ),
      ]);
    }
  });

  it('is unknown where another alarm is named by its name and by an ARN of a region written out, which may be another', () => {
    const elsewhere = 'arn:aws:cloudwatch:eu-west-1:111111111111:alarm:other';
    const { unknown } = scan(
      composite('Composite', `'ALARM(other) AND NOT ALARM("${elsewhere}") AND ALARM(fn-errors)'`),
    );
    expect(messages(unknown)).toEqual([
      mayHear(
        'composite alarm Composite',
        `its AlarmRule names other and ${elsewhere}, which may be one alarm, and goes into ALARM with it only where they are two`,
      ),
    ]);
  });

  it('says which cause made a rule too large to weigh: alarms named more than once', () => {
    const repeated = Array.from({ length: 7 }, (_, i) => `(ALARM(a${i}) OR OK(a${i}))`).join(' AND ');
    const { unknown } = scan(composite('Composite', `'ALARM(fn-errors) AND ${repeated}'`));
    expect(messages(unknown)).toEqual([
      mayHear(
        'composite alarm Composite',
        'its AlarmRule names too many alarms more than once for Parapet to weigh',
      ),
    ]);
  });

  it('still counts one of the stack’s own region and account, and fails one naming another alarm', () => {
    const own = 'arn:${AWS::Partition}:cloudwatch:${AWS::Region}:${AWS::AccountId}:alarm:fn-errors';
    expect(scan(composite('Composite', `!Sub 'ALARM("${own}")'`)).passed).toHaveLength(1);
    const other = 'arn:aws:cloudwatch:eu-west-1:111111111111:alarm:fn-throttles';
    expect(messages(scan(composite('Composite', `'ALARM("${other}")'`)).failed)).toEqual([SILENT]);
  });

  it('is unknown for an EventBridge rule whose resources give such an ARN', () => {
    const rule = `  AlarmToChat:
    Type: AWS::Events::Rule
    Properties:
      EventPattern:
        source: [aws.cloudwatch]
        resources: ['arn:aws:cloudwatch:eu-west-1:111111111111:alarm:fn-errors']
      Targets: [{ Id: chat, Arn: ${TOPIC} }]
`;
    const { unknown } = scan(rule);
    expect(messages(unknown)).toEqual([
      mayHear(
        'EventBridge rule AlarmToChat',
        "its EventPattern's resources cannot be told to match the alarm's state change",
      ),
    ]);
  });
});

describe('lambda.no-error-alarm: exported for another stack', () => {
  const exporting = (value: string) =>
    `Outputs:\n  AlarmArns:\n    Value: ${value}\n    Export: { Name: app-alarm-arns }\n`;

  it('is unknown where its ARN or name is exported within an Fn::Join, or an Fn::Sub with variables', () => {
    for (const [value, what] of [
      ["!Join [',', [!GetAtt FnErrors.Arn, !GetAtt Other.Arn]]", 'ARN'],
      ["!Join ['', ['name=', !Ref FnErrors]]", 'name'],
      ["!Sub ['${A}', { A: !GetAtt FnErrors.Arn }]", 'ARN'],
    ] as const) {
      const { unknown } = scan('', exporting(value));
      expect(messages(unknown), value).toEqual([
        mayHear('a stack importing it', `its ${what} is exported as app-alarm-arns`),
      ]);
    }
  });

  it('still fails where a Join gives only literal text that looks like a reference', () => {
    const { failed } = scan('', exporting("!Join ['', ['${FnErrors}', !GetAtt Fn.Arn]]"));
    expect(messages(failed)).toEqual([SILENT]);
  });

  it('is unknown where a composite without actions that hears it is exported', () => {
    const found = scan(
      composite('Composite', `'ALARM(fn-errors)'`, ''),
      exporting("!Join [',', [!GetAtt Composite.Arn]]"),
    );
    expect(messages(found.unknown)).toEqual([
      mayHear(
        'composite alarm Composite',
        'a stack importing it may hear it: its ARN is exported as app-alarm-arns',
      ),
    ]);
  });
});

describe('lambda.no-error-alarm: listeners read for an alarm mapped under its own Condition', () => {
  // ProdErrors exists only where IsProd holds, false with the defaults: it is mapped taking IsProd to hold, where the
  // composite has actions. FnErrors, mapped after it, is judged with the defaults, where the composite has none.
  const text = template(
    errorsAlarm('ProdErrors', 'Fn', 'prod-errors', '    Condition: IsProd\n') +
      lambdaFunction('Fn') +
      errorsAlarm('FnErrors', 'Fn', 'fn-errors') +
      composite(
        'Composite',
        `'ALARM("fn-errors") OR ALARM("prod-errors")'`,
        `      AlarmActions: !If [IsProd, [${TOPIC}], !Ref AWS::NoValue]\n`,
      ),
    'Parameters:\n  Env: { Type: String, Default: dev }\nConditions:\n  IsProd: !Equals [!Ref Env, prod]\n',
  );

  it('does not hear an alarm of the defaults through actions only the held case gives', () => {
    const { inventory } = scanTemplate(text, check);
    const heard = Object.fromEntries(
      inventory.list('cloudwatch.alarm').map((alarm: MetricAlarm) => [alarm.id, alarm.heardBy]),
    );
    expect(heard).toEqual({ ProdErrors: 'composite alarm Composite', FnErrors: undefined });
  });

  it('tells each alarm the conditions its listeners met, though another alarm worked them out first', () => {
    const chain = template(
      lambdaFunction('Fn') +
        errorsAlarm('OtherErrors', 'Fn', 'other-errors') +
        errorsAlarm('FnErrors', 'Fn', 'fn-errors') +
        composite('Inner', `'ALARM("fn-errors") OR ALARM("other-errors")'`, '      AlarmName: inner\n') +
        composite('Outer', `'ALARM(inner)'`).replace(
          '    Properties:',
          '    Condition: IsProd\n    Properties:',
        ),
      'Parameters:\n  Env: { Type: String }\nConditions:\n  IsProd: !Equals [!Ref Env, prod]\n',
    );
    const parsed = parseYaml(chain, 'template.yaml');
    const built = buildTemplateInventory(parsed.value as Record<string, unknown>, parsed.locator, {
      parseErrors: parsed.errors,
    });
    expect(built.conditionsMet.get('OtherErrors')).toEqual(['IsProd']);
    expect(built.conditionsMet.get('FnErrors')).toEqual(['IsProd']);
  });
});
