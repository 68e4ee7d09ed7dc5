import { type KmsKey, type LogGroup, RETENTION_DAYS, type SqsQueue } from '../../../model/monitoring.js';
import { invalid, isUnknown, type Unknown, unknown, type Value } from '../../../model/values.js';
import { asRecord } from '../intrinsic-values.js';
import { alarm } from './alarm.js';
import type { MapContext } from './context.js';
import { subJsonText } from './json-text.js';
import type { Mapper } from './types.js';

/**
 * RetentionInDays: a number of days CloudWatch Logs offers; any other (`0`, Terraform's "never expire", or `45`) is
 * a scan error at the value, and invalid to the checks. One that a parameter without default gives is one of its
 * AllowedValues, when it has them.
 */
function retentionInDays(ctx: MapContext, p: Record<string, unknown>): Value<number | undefined> {
  const raw = p.RetentionInDays;
  const days = ctx.number(raw);
  if (isUnknown(days)) return ctx.oneOfAllowed(raw, days);
  if (days === undefined || RETENTION_DAYS.includes(days)) return days;
  const parameters = [...ctx.resolver.valueParameters(raw)];
  const from = parameters.length === 0 ? '' : ` (from parameter ${parameters.join(', ')})`;
  ctx.reject(
    p,
    'RetentionInDays',
    ['RetentionInDays'],
    `is ${days}${from}, not a retention CloudWatch Logs offers (${RETENTION_DAYS.join(', ')}): ` +
      'CloudFormation rejects the template',
  );
  return invalid(`${days} days, not a retention CloudWatch Logs offers`);
}

const logGroup: Mapper = (ctx, base, p): LogGroup => ({
  kind: 'logs.log-group',
  name: ctx.string(p.LogGroupName),
  retentionInDays: retentionInDays(ctx, p),
  kmsKeyId: ctx.reference(p.KmsKeyId),
  ...base,
});

const queue: Mapper = (ctx, base, p): SqsQueue => {
  // RedrivePolicy is an object in templates, sometimes a JSON string, written with `!Sub` to name the queue.
  const fromSub = subJsonObject(ctx, p);
  let redrive: unknown = isUnknown(fromSub) ? fromSub : ctx.resolver.shallow(fromSub ?? p.RedrivePolicy);
  if (typeof redrive === 'string')
    redrive = ctx.jsonText(p, 'RedrivePolicy', redrive) ?? unknown('RedrivePolicy is not valid JSON');
  // A whole policy not known before deploy names no queue: the text `Fn::Sub` would make of it (its template) is not
  // one, though it holds the queue's ARN somewhere.
  if (isUnknown(redrive)) redrive = unknown(redrive.reason);
  // JSON to CloudFormation: SQS, not the template, judges what is in it. The parts of `!Sub` text are read quietly:
  // what is wrong in it is told once, at the text (subJsonObject).
  const readTarget = () => ctx.withinJson(() => ctx.reference(ctx.dig(redrive, 'deadLetterTargetArn')));
  const deadLetterTarget = fromSub === undefined ? readTarget() : ctx.resolver.quietly(readTarget);
  // A policy the template writes, not one wholly from a parameter (which may be '' or `{}`).
  const written = deadLetterTarget !== undefined && !isUnknown(redrive) && asRecord(redrive) !== undefined;
  return {
    kind: 'sqs.queue',
    name: ctx.string(p.QueueName),
    deadLetterTarget,
    ...(written ? { deadLetterTargetWritten: true as const } : {}),
    kmsMasterKeyId: ctx.reference(p.KmsMasterKeyId),
    ...base,
  };
};

/**
 * A `!Sub` of JSON text (`'{"deadLetterTargetArn":"${DLQ.Arn}","maxReceiveCount":5}'`) as the object it makes
 * (subJsonText, as a policy document's): each string that holds a `${...}` becomes a `!Sub` of its own, with the same
 * variables, so that it resolves to what it names. A placeholder outside a string (`"maxReceiveCount": ${Count}`)
 * is put in the text as `Fn::Sub` puts it, where its value is known (a parameter's default, a variable of the Sub);
 * where it is not, what the text gives is not known (Unknown), as where the text is not JSON or nests deeper than
 * Parapet reads (a scan error then). Undefined for anything else (then the value is read as written). What the text
 * names that CloudFormation refuses (`${Nope}`) is told at the text.
 */
function subJsonObject(
  ctx: MapContext,
  p: Record<string, unknown>,
): Record<string, unknown> | Unknown | undefined {
  const sub = asRecord(p.RedrivePolicy)?.['Fn::Sub'];
  const [text, variables] = Array.isArray(sub) ? sub : [sub, undefined];
  if (typeof text !== 'string' || !text.trimStart().startsWith('{')) return undefined;
  const subOf = (template: string) => ({
    'Fn::Sub': variables === undefined ? template : [template, variables],
  });
  const asSub = (value: string) => {
    // `${DLQ.Arn}` alone is the attribute, `${DLQ}` the Ref (unless a variable of the Sub has that name).
    const whole = /^\$\{([A-Za-z0-9]+)(?:\.([A-Za-z0-9.]+))?\}$/.exec(value);
    const id = whole?.[1];
    if (id !== undefined && !Object.hasOwn(asRecord(variables) ?? {}, id))
      return whole?.[2] === undefined ? { Ref: id } : { 'Fn::GetAtt': [id, whole[2]] };
    return subOf(value);
  };
  // Each name the text holds that CloudFormation refuses is told here, at the text as written; its parts, made of it,
  // are written nowhere, and resolved quietly.
  ctx.resolver.value(p.RedrivePolicy);
  const outside = (placeholder: string) => {
    const value = ctx.resolver.quietly(() => ctx.resolver.value(subOf(placeholder)));
    if (typeof value === 'string') return value;
    const why = isUnknown(value) ? value.reason : 'not text Parapet can put there';
    return unknown(`its JSON text holds ${placeholder} outside a string: ${why}`);
  };
  const read = subJsonText(
    text,
    (masked) => ctx.jsonText(p, 'RedrivePolicy', masked) ?? unknown('RedrivePolicy is not valid JSON'),
    asSub,
    { placeholderKeys: 'as written', outside },
  );
  return isUnknown(read) ? read : asRecord(read);
}

const kmsKey: Mapper = (ctx, base, p): KmsKey => ({
  kind: 'kms.key',
  enableKeyRotation: ctx.boolean(p.EnableKeyRotation),
  ...base,
});

export const monitoringMappers: Record<string, Mapper> = {
  'AWS::Logs::LogGroup': logGroup,
  'AWS::CloudWatch::Alarm': alarm,
  'AWS::SQS::Queue': queue,
  'AWS::KMS::Key': kmsKey,
};
