import {
  isUnknown,
  placeholderMatches,
  templateMayGive,
  type Unknown,
  type Value,
} from '../../../model/values.js';
import { asRecord as asAnyRecord, type Resolved, ResourceRef } from '../intrinsic-values.js';

// How what listens to an alarm (a composite alarm's rule, an EventBridge pattern) names it, in three values.

export type Heard = 'yes' | 'maybe' | 'no';

/** An alarm as what listens to it names it: by logical id (a `Ref`, `GetAtt .Arn`), or by its AlarmName. */
export interface AlarmNamed {
  readonly id: string;
  readonly name: Value<string | undefined>;
}

/** A field of an ARN: text without colons, or `${...}` (whose name may hold `::`, as `${AWS::Region}` does). */
const GAP_OR_TEXT = '(?:\\$\\{[^}]*\\}|[^:$])*';
/**
 * An alarm's ARN, `arn:<partition>:cloudwatch:<region>:<account>:alarm:<name>` ("Resource types defined by Amazon
 * CloudWatch", Service Authorization Reference), its fields possibly `${...}`: the name is what follows `:alarm:`.
 */
const ALARM_ARN = new RegExp(
  `^arn:(${GAP_OR_TEXT}):cloudwatch:(${GAP_OR_TEXT}):(${GAP_OR_TEXT}):alarm:(.+)$`,
  's',
);
/**
 * The region and account fields of an ARN of this stack's own deploy: `${AWS::Region}`, `${AWS::AccountId}`. A region or
 * account written out (`eu-west-1`, `111111111111`) may be another's, and neither the stack's region nor its account is
 * known before deploy; the partition is not weighed (`arn:aws:` is how most templates write the stack's own).
 */
const OWN_FIELDS = ['${AWS::Region}', '${AWS::AccountId}'];

const gapsOf = (text: string) => [...placeholderMatches(text)].map((m) => m[1] as string);

/** The name part of what a listener writes (the text after `:alarm:` of an ARN), and whether its ARN is of this deploy. */
export function writtenName(written: string): { name: string; sameDeploy: boolean } {
  const arn = ALARM_ARN.exec(written);
  if (arn === null) return { name: written, sameDeploy: true };
  return { name: arn[4] as string, sameDeploy: arn[2] === OWN_FIELDS[0] && arn[3] === OWN_FIELDS[1] };
}

/** Between the fields of an alarm's key (alarmKey): no name or ARN holds it. */
const KEY_SEPARATOR = '\u0000';

/**
 * Which alarm an operand names, as text: its name where it is of the stack's own deploy (a name, or an ARN of
 * `${AWS::Region}` and `${AWS::AccountId}`), and its region, account and name where an ARN writes either out, as
 * `arn:aws:cloudwatch:eu-west-1:111111111111:alarm:a` does: an alarm named `a` in another region or account is another
 * alarm (unless the stack is deployed there: see alarmFields). A name is unique within an account's Region, and a rule
 * names an alarm by name or ARN (PutCompositeAlarm, AlarmRule and AlarmName).
 */
export function alarmKey(written: string): string {
  const arn = ALARM_ARN.exec(written);
  if (arn === null) return written;
  const [region, account, name] = [arn[2] as string, arn[3] as string, arn[4] as string];
  return region === OWN_FIELDS[0] && account === OWN_FIELDS[1]
    ? name
    : [region, account, name].join(KEY_SEPARATOR);
}

/** An alarm's key (alarmKey) read back: its region and account where an ARN wrote them, and its name. */
export function alarmFields(key: string): { region?: string; account?: string; name: string } {
  const fields = key.split(KEY_SEPARATOR);
  if (fields.length !== 3) return { name: key };
  const [region, account, name] = fields as [string, string, string];
  return { region, account, name };
}

/**
 * `region eu-west-1 and account 111111111111`: the fields of an alarm ARN written out, where they are; undefined when
 * the text is not an ARN or names them only through `${...}`.
 */
export function fixedDeploy(written: string): string | undefined {
  const arn = ALARM_ARN.exec(written);
  if (arn === null) return undefined;
  const fixed = [
    ...(arn[2]?.includes('${') ? [] : [`region ${arn[2]}`]),
    ...(arn[3]?.includes('${') ? [] : [`account ${arn[3]}`]),
  ];
  return fixed.length === 0 ? undefined : fixed.join(' and ');
}

/** The literal text before a template's first `${...}` and after its last. */
export function ends(template: string): { head: string; tail: string } {
  const parts = template.split(/\$\{[^}]*\}/);
  return { head: parts[0] as string, tail: parts[parts.length - 1] as string };
}

/**
 * Whether two texts with `${...}` gaps may give the same text: each starts as the other does, up to the shorter
 * literal head, and ends alike. A sound test for `no`; `true` only means they may.
 */
function mayMeet(a: string, b: string): boolean {
  const [x, y] = [ends(a), ends(b)];
  const headsAgree = x.head.startsWith(y.head) || y.head.startsWith(x.head);
  const tailsAgree = x.tail.endsWith(y.tail) || y.tail.endsWith(x.tail);
  return headsAgree && tailsAgree;
}

/**
 * Whether text (an alarm's name or ARN, as a rule or pattern writes it; `${Id}` for a reference) names the alarm.
 * `within` is the Unknown the text came from, whose `resources` tell which `${...}` are resources of the template.
 * An ARN is read for its name: `!Sub 'arn:aws:cloudwatch:${AWS::Region}:${AWS::AccountId}:alarm:fn-errors'` names
 * the alarm `fn-errors` of the stack's own account and region.
 */
export function namesAlarm(written: string, alarm: AlarmNamed, within?: Unknown): Heard {
  const { id, name } = alarm;
  if (written === `\${${id}}` || written === `\${${id}.Arn}`) return 'yes';
  const { name: shown, sameDeploy } = writtenName(written);
  const same = (): Heard => (sameDeploy ? 'yes' : 'maybe');
  if (shown === `\${${id}}`) return same();
  const gaps = gapsOf(shown);
  // Only other resources of the template in the name's gaps (another alarm's `${Other}`): never this alarm.
  if (gaps.length > 0 && gaps.every((gap) => within?.resources?.includes(gap))) return 'no';
  if (name === undefined) return gaps.length === 0 ? 'no' : 'maybe';
  if (isUnknown(name)) {
    if (name.template === undefined) return 'maybe';
    if (name.template === shown) return same();
    if (gaps.length === 0) return templateMayGive(name.template, shown) ? 'maybe' : 'no';
    return mayMeet(name.template, shown) ? 'maybe' : 'no';
  }
  if (gaps.length === 0) return shown === name ? same() : 'no';
  return templateMayGive(shown, name) ? 'maybe' : 'no';
}

/** A mapping the template wrote: not an Unknown or a reference, which are objects too. */
export function asRecord(value: Resolved): Record<string, unknown> | undefined {
  return isUnknown(value) || value instanceof ResourceRef ? undefined : asAnyRecord(value);
}

export const all = (parts: Heard[]): Heard =>
  parts.includes('no') ? 'no' : parts.every((p) => p === 'yes') ? 'yes' : 'maybe';
export const any = (parts: Heard[]): Heard =>
  parts.includes('yes') ? 'yes' : parts.includes('maybe') ? 'maybe' : 'no';
