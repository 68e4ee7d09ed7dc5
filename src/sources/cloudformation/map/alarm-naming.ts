import { isUnknown, templateMayGive, type Unknown, type Value } from '../../../model/values.js';
import { asRecord as asAnyRecord, type Resolved, ResourceRef } from '../intrinsic-values.js';

// How what listens to an alarm (a composite alarm's rule, an EventBridge pattern) names it, in three values.

export type Heard = 'yes' | 'maybe' | 'no';

/** An alarm as what listens to it names it: by logical id (a `Ref`, `GetAtt .Arn`), or by its AlarmName. */
export interface AlarmNamed {
  readonly id: string;
  readonly name: Value<string | undefined>;
}

/**
 * Whether text (an alarm's name or ARN, as a rule or pattern writes it; `${Id}` for a reference) names the alarm.
 * `within` is the Unknown the text came from, whose `resources` tell which `${...}` are resources of the template.
 */
export function namesAlarm(written: string, alarm: AlarmNamed, within?: Unknown): Heard {
  const { id, name } = alarm;
  if (written === `\${${id}}` || written === `\${${id}.Arn}` || written.endsWith(`:alarm:\${${id}}`))
    return 'yes';
  const gaps = [...written.matchAll(/\$\{([^}]*)\}/g)].map((m) => m[1] as string);
  if (gaps.length === 0) {
    if (name === undefined) return 'no';
    if (isUnknown(name))
      return name.template !== undefined && !templateMayGive(name.template, written) ? 'no' : 'maybe';
    return written === name || written.endsWith(`:alarm:${name}`) ? 'yes' : 'no';
  }
  if (isUnknown(name) && name.template === written) return 'yes';
  // Only other resources of the template in the gaps (another alarm's `${Other}`): never this alarm.
  if (gaps.every((gap) => within?.resources?.includes(gap))) return 'no';
  if (
    typeof name === 'string' &&
    !templateMayGive(written, name) &&
    !templateMayGive(written, `:alarm:${name}`)
  )
    return 'no';
  return 'maybe';
}

/** A mapping the template wrote: not an Unknown or a reference, which are objects too. */
export function asRecord(value: Resolved): Record<string, unknown> | undefined {
  return isUnknown(value) || value instanceof ResourceRef ? undefined : asAnyRecord(value);
}

export const all = (parts: Heard[]): Heard =>
  parts.includes('no') ? 'no' : parts.every((p) => p === 'yes') ? 'yes' : 'maybe';
export const any = (parts: Heard[]): Heard =>
  parts.includes('yes') ? 'yes' : parts.includes('maybe') ? 'maybe' : 'no';
