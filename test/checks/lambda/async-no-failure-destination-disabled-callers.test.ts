import { describe, expect, it } from 'vitest';
import check from '../../../src/checks/lambda/async-no-failure-destination.js';
import { scanTemplateFile } from '../../helpers/scan-file.js';
import { scanTemplate, template } from '../../helpers/scan-template.js';
import { lambdaFunction, lambdaPermission, samFunction, samTemplate } from '../../helpers/templates.js';

const fn = lambdaFunction('Fn');

/** An EventBridge rule on Fn, with `state` as its State line when given. */
const rule = (state?: string, id = 'Rule') => `  ${id}:
    Type: AWS::Events::Rule
    Properties:
      ScheduleExpression: rate(1 hour)
${state === undefined ? '' : `      State: ${state}\n`}      Targets: [{ Id: fn, Arn: !GetAtt Fn.Arn }]
`;

/** An SES receipt rule invoking Fn, with `enabled` as its Rule.Enabled line when given. */
const receiptRule = (enabled?: string) => `  Mail:
    Type: AWS::SES::ReceiptRule
    Properties:
      RuleSetName: rules
      Rule:
${enabled === undefined ? '' : `        Enabled: ${enabled}\n`}        Actions:
          - LambdaAction: { FunctionArn: !GetAtt Fn.Arn }
`;

const sesPermission = lambdaPermission('SesPerm', 'ses.amazonaws.com');

const ONLY_RULE_OFF =
  ', and nothing else in the template invokes the function asynchronously: it invokes nothing until enabled, and ' +
  'then events that fail all retries are dropped unless the function has a dead-letter queue or an on-failure destination';

const dropped = (by: string) =>
  `The function is invoked asynchronously (by ${by}) but has neither a dead-letter queue nor an on-failure destination: events that fail all retries are dropped.`;

describe('lambda.async-no-failure-destination: an EventBridge rule that is disabled', () => {
  it('passes a function only a disabled rule invokes, saying it needs a destination once the rule is enabled', () => {
    const { findings, errors } = scanTemplate(template(fn + rule('DISABLED')), check);
    expect(errors).toEqual([]);
    expect(findings.map((f) => [f.status, f.message])).toEqual([
      ['pass', `EventBridge rule Rule is disabled (State: DISABLED)${ONLY_RULE_OFF}`],
    ]);
  });

  it('fails one an enabled rule invokes: ENABLED, ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS, or no State', () => {
    for (const state of ['ENABLED', 'ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS', undefined]) {
      const { failed } = scanTemplate(template(fn + rule(state)), check);
      expect(failed.map((f) => f.message)).toEqual([dropped('EventBridge rule Rule')]);
    }
  });

  it('fails on the callers that are enabled, leaving the disabled rule out', () => {
    const { failed } = scanTemplate(template(fn + rule('DISABLED', 'Off') + rule(undefined, 'On')), check);
    expect(failed.map((f) => f.message)).toEqual([dropped('EventBridge rule On')]);
  });

  it('passes with a DISABLED its parameter defaults to, saying a deploy may override it; fails with -p State=ENABLED', () => {
    const parameters = 'Parameters:\n  RuleState: { Type: String, Default: DISABLED }\n';
    const text = template(fn + rule('!Ref RuleState'), parameters);
    expect(scanTemplate(text, check).findings.map((f) => [f.status, f.message])).toEqual([
      [
        'pass',
        'EventBridge rule Rule is disabled (State: DISABLED, the default of parameter RuleState, which a deploy may ' +
          `override)${ONLY_RULE_OFF}`,
      ],
    ]);
    const enabled = scanTemplate(text, check, { parameters: { RuleState: 'ENABLED' } });
    expect(enabled.failed.map((f) => f.message)).toEqual([dropped('EventBridge rule Rule')]);
  });

  it('is unknown when a condition the defaults decide disables the rule: the other way it invokes', () => {
    const parameters = `Parameters:
  Env: { Type: String, Default: dev, AllowedValues: [dev, prod] }
Conditions:
  IsProd: !Equals [!Ref Env, prod]
`;
    const text = template(fn + rule('!If [IsProd, ENABLED, DISABLED]'), parameters);
    const { findings } = scanTemplateFile(text, check.id);
    expect(findings.map((f) => [f.status, f.message])).toEqual([
      [
        'unknown',
        `When condition IsProd holds (Env=prod, not its default dev): ${dropped('EventBridge rule Rule')} With the ` +
          "parameters' defaults condition IsProd does not hold; a deploy may override them.",
      ],
    ]);
  });

  it('is unknown when a parameter without default gives State, unless its AllowedValues leave DISABLED out', () => {
    const parameters = 'Parameters:\n  RuleState: { Type: String }\n';
    const { findings } = scanTemplate(template(fn + rule('!Ref RuleState'), parameters), check);
    expect(findings.map((f) => [f.status, f.message])).toEqual([
      [
        'unknown',
        'Whether EventBridge rule Rule is enabled is not known before deploy (State from parameter RuleState, which ' +
          'has no default); enabled, it invokes the function asynchronously.',
      ],
    ]);
    const allowed =
      'Parameters:\n  RuleState: { Type: String, AllowedValues: [ENABLED, ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS] }\n';
    const { failed } = scanTemplate(template(fn + rule('!Ref RuleState'), allowed), check);
    expect(failed.map((f) => f.message)).toEqual([dropped('EventBridge rule Rule')]);
  });

  it('leaves out the permission whose SourceArn is the disabled rule: the two are one caller', () => {
    const permission = lambdaPermission(
      'RulePerm',
      'events.amazonaws.com',
      '      SourceArn: !GetAtt Rule.Arn\n',
    );
    const off = scanTemplate(template(fn + rule('DISABLED') + permission), check);
    expect(off.findings.map((f) => [f.status, f.message])).toEqual([
      ['pass', `EventBridge rule Rule is disabled (State: DISABLED)${ONLY_RULE_OFF}`],
    ]);
    const on = scanTemplate(template(fn + rule('ENABLED') + permission), check);
    expect(on.failed.map((f) => f.message)).toEqual([dropped('events.amazonaws.com (RulePerm)')]);
    // A permission without SourceArn may be for any rule: it still invokes.
    const anyRule = lambdaPermission('AnyRule', 'events.amazonaws.com');
    const open = scanTemplate(template(fn + rule('DISABLED') + anyRule), check);
    expect(open.failed.map((f) => f.message)).toEqual([dropped('events.amazonaws.com (AnyRule)')]);
  });

  it('passes a SAM function whose only event is a Schedule with Enabled: false or State: DISABLED', () => {
    for (const off of ['Enabled: false', 'State: DISABLED']) {
      const events = `      Events:
        Nightly:
          Type: Schedule
          Properties: { Schedule: rate(1 day), ${off} }
`;
      const { findings, errors } = scanTemplate(samTemplate(samFunction('Fn', events)), check);
      expect(errors).toEqual([]);
      expect(findings.map((f) => [f.status, f.message])).toEqual([
        ['pass', `EventBridge rule FnNightly is disabled (State: DISABLED)${ONLY_RULE_OFF}`],
      ]);
    }
  });

  it('adds a note to a finding an event invoke config makes when the disabled rule is the only caller', () => {
    const config = `  FnConfig:
    Type: AWS::Lambda::EventInvokeConfig
    Properties:
      FunctionName: !Ref Fn
      Qualifier: $LATEST
      MaximumRetryAttempts: 1
`;
    const { failed } = scanTemplate(template(fn + config + rule('DISABLED')), check);
    expect(failed.map((f) => f.message)).toEqual([
      'The function has event invoke config FnConfig, so it is most likely invoked asynchronously, but has neither ' +
        'a dead-letter queue nor an on-failure destination: events that fail all retries are dropped. EventBridge ' +
        'rule Rule is disabled (State: DISABLED): it invokes nothing until enabled.',
    ]);
  });
});

describe('lambda.async-no-failure-destination: an SES receipt rule that is disabled', () => {
  it('passes a function only a receipt rule with Enabled false, or none (SES defaults to false), invokes', () => {
    for (const [enabled, words] of [
      ['false', 'Rule.Enabled: false'],
      [undefined, 'no Rule.Enabled: false by default'],
    ] as const) {
      const { findings } = scanTemplate(template(fn + sesPermission + receiptRule(enabled)), check);
      expect(findings.map((f) => [f.status, f.message])).toEqual([
        ['pass', `SES receipt rule Mail is disabled (${words})${ONLY_RULE_OFF}`],
      ]);
    }
  });

  it('fails one an enabled receipt rule invokes, and is unknown when a parameter without default enables it', () => {
    const { failed } = scanTemplate(template(fn + sesPermission + receiptRule('true')), check);
    expect(failed.map((f) => f.message)).toEqual([dropped('SES receipt rule Mail')]);
    const parameters = 'Parameters:\n  Receive: { Type: String, AllowedValues: [true, false] }\n';
    const { findings } = scanTemplate(template(fn + receiptRule('!Ref Receive'), parameters), check);
    expect(findings.map((f) => [f.status, f.message])).toEqual([
      [
        'unknown',
        'Whether SES receipt rule Mail is enabled is not known before deploy (Rule.Enabled from parameter Receive, ' +
          'which has no default); enabled, it invokes the function asynchronously.',
      ],
    ]);
  });
});

/** An EventBridge Scheduler schedule on Fn, with `state` as its State line when given. */
const schedule = (state?: string) => `  Nightly:
    Type: AWS::Scheduler::Schedule
    Properties:
      ScheduleExpression: rate(1 day)
      FlexibleTimeWindow: { Mode: 'OFF' }
${state === undefined ? '' : `      State: ${state}\n`}      Target:
        Arn: !GetAtt Fn.Arn
        RoleArn: arn:aws:iam::123456789012:role/scheduler
`;

const SCHEDULE_OFF = 'EventBridge Scheduler schedule Nightly is disabled';

describe('lambda.async-no-failure-destination: an EventBridge Scheduler schedule that is disabled', () => {
  it('passes a function only a schedule with State: DISABLED invokes, worded as for a disabled rule', () => {
    const { findings, errors } = scanTemplate(template(fn + schedule('DISABLED')), check);
    expect(errors).toEqual([]);
    expect(findings.map((f) => [f.status, f.message])).toEqual([
      ['pass', `${SCHEDULE_OFF} (State: DISABLED)${ONLY_RULE_OFF}`],
    ]);
  });

  it('fails one a schedule with State: ENABLED or no State (the default is ENABLED) invokes', () => {
    for (const state of ['ENABLED', undefined]) {
      const { failed } = scanTemplate(template(fn + schedule(state)), check);
      expect(failed.map((f) => f.message)).toEqual([dropped('EventBridge Scheduler (schedule Nightly)')]);
    }
  });

  it('passes with a DISABLED its parameter defaults to, and is unknown when a parameter without default gives State', () => {
    const byDefault = 'Parameters:\n  Switch: { Type: String, Default: DISABLED }\n';
    const off = scanTemplate(template(fn + schedule('!Ref Switch'), byDefault), check);
    expect(off.findings.map((f) => [f.status, f.message])).toEqual([
      [
        'pass',
        `${SCHEDULE_OFF} (State: DISABLED, the default of parameter Switch, which a deploy may override)${ONLY_RULE_OFF}`,
      ],
    ]);
    const open = 'Parameters:\n  Switch: { Type: String, AllowedValues: [ENABLED, DISABLED] }\n';
    const { findings } = scanTemplate(template(fn + schedule('!Ref Switch'), open), check);
    expect(findings.map((f) => [f.status, f.message])).toEqual([
      [
        'unknown',
        'Whether EventBridge Scheduler schedule Nightly is enabled is not known before deploy (State from parameter ' +
          'Switch, which has no default); enabled, it invokes the function asynchronously.',
      ],
    ]);
    const on = 'Parameters:\n  Switch: { Type: String, AllowedValues: [ENABLED] }\n';
    expect(scanTemplate(template(fn + schedule('!Ref Switch'), on), check).failed).toHaveLength(1);
  });

  it('leaves out a scheduler.amazonaws.com permission whose SourceArn is the disabled schedule: the two are one caller', () => {
    const permission = lambdaPermission(
      'SchedulePerm',
      'scheduler.amazonaws.com',
      '      SourceArn: !GetAtt Nightly.Arn\n',
    );
    const off = scanTemplate(template(fn + schedule('DISABLED') + permission), check);
    expect(off.errors).toEqual([]);
    expect(off.findings.map((f) => [f.status, f.message])).toEqual([
      ['pass', `${SCHEDULE_OFF} (State: DISABLED)${ONLY_RULE_OFF}`],
    ]);
    // Enabled, the schedule and its permission are named once, by the permission (as a rule and its permission are).
    const on = scanTemplate(template(fn + schedule('ENABLED') + permission), check);
    expect(on.failed.map((f) => f.message)).toEqual([dropped('scheduler.amazonaws.com (SchedulePerm)')]);
    // A permission without SourceArn may be for any schedule: it still invokes.
    const anySchedule = lambdaPermission('AnySchedule', 'scheduler.amazonaws.com');
    const open = scanTemplate(template(fn + schedule('DISABLED') + anySchedule), check);
    expect(open.failed.map((f) => f.message)).toEqual([dropped('scheduler.amazonaws.com (AnySchedule)')]);
  });

  it('follows the switch of a schedule the permission names even when the schedule targets something else', () => {
    const elsewhere = schedule('DISABLED').replace(
      'Arn: !GetAtt Fn.Arn',
      'Arn: arn:aws:sqs:us-east-1:123456789012:q',
    );
    const permission = lambdaPermission(
      'SchedulePerm',
      'scheduler.amazonaws.com',
      '      SourceArn: !GetAtt Nightly.Arn\n',
    );
    const { findings } = scanTemplate(template(fn + elsewhere + permission), check);
    expect(findings.map((f) => [f.status, f.message])).toEqual([
      ['pass', `${SCHEDULE_OFF} (State: DISABLED)${ONLY_RULE_OFF}`],
    ]);
  });

  it('is unknown for a permission whose schedule takes State from a parameter without default', () => {
    const permission = lambdaPermission(
      'SchedulePerm',
      'scheduler.amazonaws.com',
      '      SourceArn: !GetAtt Nightly.Arn\n',
    );
    const open = 'Parameters:\n  Switch: { Type: String, AllowedValues: [ENABLED, DISABLED] }\n';
    const { findings } = scanTemplate(template(fn + schedule('!Ref Switch') + permission, open), check);
    expect(findings.map((f) => [f.status, f.message])).toEqual([
      [
        'unknown',
        'Whether EventBridge Scheduler schedule Nightly is enabled is not known before deploy (State from parameter ' +
          'Switch, which has no default); enabled, it invokes the function asynchronously.',
      ],
    ]);
    const byDefault = 'Parameters:\n  Switch: { Type: String, Default: DISABLED }\n';
    const on = scanTemplate(template(fn + schedule('!Ref Switch') + permission, byDefault), check, {
      parameters: { Switch: 'ENABLED' },
    });
    expect(on.failed.map((f) => f.message)).toEqual([dropped('scheduler.amazonaws.com (SchedulePerm)')]);
  });

  it('passes a SAM function whose only event is a ScheduleV2 with State: DISABLED', () => {
    const events = `      Events:
        Nightly:
          Type: ScheduleV2
          Properties: { ScheduleExpression: rate(1 day), State: DISABLED }
`;
    const { findings, errors } = scanTemplate(samTemplate(samFunction('Fn', events)), check);
    expect(errors).toEqual([]);
    expect(findings.map((f) => [f.status, f.message])).toEqual([
      ['pass', `EventBridge Scheduler schedule FnNightly is disabled (State: DISABLED)${ONLY_RULE_OFF}`],
    ]);
  });
});
