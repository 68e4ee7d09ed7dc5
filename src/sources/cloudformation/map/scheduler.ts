import type { Schedule } from '../../../model/scheduler.js';
import { unknown } from '../../../model/values.js';
import { targetFunction } from './function-target.js';
import { stateSwitch } from './switches.js';
import type { Mapper } from './types.js';

export function schedulerMappers(typeOf: (id: string) => string | undefined): Record<string, Mapper> {
  const schedule: Mapper = (ctx, base, p): Schedule => {
    const targetArn = ctx.reference(ctx.dig(p.Target, 'Arn'));
    const invoked = targetFunction(targetArn, typeOf);
    return {
      kind: 'scheduler.schedule',
      targetArn: targetArn ?? unknown('no Target.Arn'),
      ...invoked,
      roleArn: ctx.reference(ctx.dig(p.Target, 'RoleArn')) ?? unknown('no Target.RoleArn'),
      deadLetterTarget: ctx.reference(ctx.dig(p.Target, 'DeadLetterConfig', 'Arn')),
      maximumRetryAttempts: ctx.number(ctx.dig(p.Target, 'RetryPolicy', 'MaximumRetryAttempts')),
      ...stateSwitch(ctx, p.State),
      ...base,
    };
  };
  return { 'AWS::Scheduler::Schedule': schedule };
}
