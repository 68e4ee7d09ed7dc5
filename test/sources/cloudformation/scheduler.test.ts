import { describe, expect, it } from 'vitest';
import type { Schedule } from '../../../src/model/scheduler.js';
import { isUnknown } from '../../../src/model/values.js';
import { scanTemplate, template } from '../../helpers/scan-template.js';
import { lambdaAlias, lambdaFunction, samFunction, samTemplate } from '../../helpers/templates.js';

const schedule = (id: string, target: string, extra = '') => `  ${id}:
    Type: AWS::Scheduler::Schedule
    Properties:
      ScheduleExpression: rate(5 minutes)
      FlexibleTimeWindow: { Mode: 'OFF' }
      Target:
        Arn: ${target}
        RoleArn: arn:aws:iam::123456789012:role/scheduler
${extra}`;

function schedules(text: string): Record<string, Schedule> {
  const { inventory, errors } = scanTemplate(text, []);
  expect(errors).toEqual([]);
  return Object.fromEntries(inventory.list('scheduler.schedule').map((s) => [s.id, s]));
}

const plain = (value: unknown) => (isUnknown(value) ? (value.template ?? `<${value.reason}>`) : value);

describe('AWS::Scheduler::Schedule', () => {
  it('links a schedule to the function it invokes: by GetAtt, through an alias, a qualified !Sub, or an ARN', () => {
    const alias = `${lambdaAlias()}  Queue:
    Type: AWS::SQS::Queue
`;
    const found = schedules(
      template(
        lambdaFunction('Fn') +
          alias +
          schedule('ByGetAtt', '!GetAtt Fn.Arn') +
          schedule('ByAlias', '!Ref FnAlias') +
          schedule('BySub', "!Sub '${Fn.Arn}:live'") +
          schedule('ByArn', 'arn:aws:lambda:us-east-1:123456789012:function:other') +
          schedule('ToQueue', '!GetAtt Queue.Arn') +
          schedule('Universal', 'arn:aws:scheduler:::aws-sdk:sqs:sendMessage'),
      ),
    );
    expect(Object.fromEntries(Object.entries(found).map(([id, s]) => [id, plain(s.functionRef)]))).toEqual({
      ByGetAtt: 'Fn',
      ByAlias: 'Fn',
      BySub: 'Fn',
      ByArn: 'arn:aws:lambda:us-east-1:123456789012:function:other',
      ToQueue: undefined,
      Universal: undefined,
    });
    expect(plain(found.ToQueue?.targetArn)).toBe('Queue');
    // The version or alias each invokes: absent for the function itself ($LATEST).
    expect(Object.fromEntries(Object.entries(found).map(([id, s]) => [id, plain(s.qualifier)]))).toEqual({
      ByGetAtt: undefined,
      ByAlias: 'live',
      BySub: 'live',
      ByArn: undefined,
      ToQueue: undefined,
      Universal: undefined,
    });
  });

  it("reads the target's dead-letter queue, retry policy and the schedule's state", () => {
    const own = `        DeadLetterConfig:
          Arn: arn:aws:sqs:us-east-1:123456789012:undelivered
        RetryPolicy:
          MaximumRetryAttempts: 3
      State: DISABLED
`;
    const found = schedules(template(lambdaFunction('Fn') + schedule('Nightly', '!GetAtt Fn.Arn', own)));
    const nightly = found.Nightly;
    expect([
      nightly?.deadLetterTarget,
      nightly?.maximumRetryAttempts,
      nightly?.enabled,
      nightly?.switchedBy,
      nightly?.roleArn,
    ]).toEqual([
      'arn:aws:sqs:us-east-1:123456789012:undelivered',
      3,
      false,
      { property: 'State', value: 'DISABLED', defaults: [] },
      'arn:aws:iam::123456789012:role/scheduler',
    ]);
  });

  it("maps SAM's ScheduleV2 event, with the role SAM creates and its dead-letter queue", () => {
    const events = `      Events:
        Nightly:
          Type: ScheduleV2
          Properties:
            ScheduleExpression: rate(1 day)
            DeadLetterConfig:
              Type: SQS
`;
    const found = schedules(samTemplate(samFunction('Fn', events)));
    const nightly = found.FnNightly;
    expect(plain(nightly?.functionRef)).toBe('Fn');
    expect(plain(nightly?.roleArn)).toBe('FnNightlyRole');
    expect(plain(nightly?.deadLetterTarget)).toBe('FnNightlyQueue');
    expect(nightly?.generatedBy?.id).toBe('Fn');
  });
});
