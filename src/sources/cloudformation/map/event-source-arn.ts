import { invalid, type Value } from '../../../model/values.js';
import { SOURCE_PROPERTY } from '../sam/events/pull.js';
import type { MapContext } from './context.js';
import type { BaseFields } from './types.js';

/**
 * Lambda takes as EventSourceArn only an ARN (the pattern `arn:(aws[a-zA-Z0-9-]*):([a-zA-Z0-9\-])+:…` of the
 * Lambda API reference, CreateEventSourceMapping): an empty one, written or a parameter's default `''`, fails the
 * deploy. A scan error says so, and the checks see an invalid value, which names no source: the kind comes from
 * the SAM event's type or the mapping's properties then, as for an ARN not known before deploy.
 */
export function eventSourceArn(
  ctx: MapContext,
  base: BaseFields,
  p: Record<string, unknown>,
): Value<string | undefined> {
  const raw = p.EventSourceArn;
  const arn = ctx.reference(raw);
  if (arn !== '') return arn;
  const { from, byDefault } = fromWhat(ctx, raw);
  const fails = byDefault ? 'a deploy that keeps that default fails' : 'CloudFormation fails the deploy';
  const problem = `is ""${from}, not an ARN: Lambda takes only the ARN of an event source, so ${fails}`;
  const event = base.generatedBy?.eventType;
  if (event === undefined) ctx.reject(p, 'EventSourceArn', ['EventSourceArn'], problem);
  // SAM's own error ("Stream is required") tells a '' written in the event; one a parameter gives is said here,
  // at the value the user wrote, in the event's words.
  else if (raw !== null && typeof raw === 'object') {
    const property = SOURCE_PROPERTY[event] ?? 'The event source';
    ctx.writtenError(raw, undefined, `${property} of the ${event} event that makes ${base.id} ${problem}`);
  }
  return invalid('"", not an ARN');
}

/** ` (the default of parameter P)`, ` (from parameter P, Q)`, or nothing for a value written as it is. */
export function fromWhat(
  ctx: MapContext,
  raw: unknown,
): { readonly from: string; readonly byDefault: boolean } {
  const parameters = [...ctx.resolver.valueParameters(raw)];
  const only = parameters.length === 1 ? parameters[0] : undefined;
  if (only !== undefined && ctx.resolver.parameterSource(only)?.origin === 'default')
    return { from: ` (the default of parameter ${only})`, byDefault: true };
  return {
    from: parameters.length === 0 ? '' : ` (from parameter ${parameters.join(', ')})`,
    byDefault: false,
  };
}
