import type { Pipe } from '../../../model/pipes.js';
import { unknown } from '../../../model/values.js';
import { targetFunction } from './function-target.js';
import type { Mapper } from './types.js';

export function pipesMappers(typeOf: (id: string) => string | undefined): Record<string, Mapper> {
  const pipe: Mapper = (ctx, base, p): Pipe => {
    const targetArn = ctx.reference(p.Target);
    const invoked = targetFunction(targetArn, typeOf);
    return {
      kind: 'pipes.pipe',
      targetArn: targetArn ?? unknown('no Target'),
      ...invoked,
      targetInvocationType:
        ctx.string(ctx.dig(p.TargetParameters, 'LambdaFunctionParameters', 'InvocationType')) ??
        'REQUEST_RESPONSE',
      ...base,
    };
  };
  return { 'AWS::Pipes::Pipe': pipe };
}
