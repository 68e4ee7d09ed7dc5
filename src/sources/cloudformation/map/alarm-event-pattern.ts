import { isUnknown, templateMayGive, type Unknown } from '../../../model/values.js';
import { partsMatch } from '../../../model/wildcard-match.js';
import { type Resolved, toText } from '../intrinsic-values.js';
import { MAX_NESTING } from '../nesting-depth.js';
import { type AlarmNamed, all, any, asRecord, ends, type Heard, namesAlarm } from './alarm-naming.js';
import { readJsonText } from './json-text.js';

/**
 * Whether an EventBridge rule's EventPattern matches an alarm's going into ALARM. CloudWatch sends EventBridge an event
 * each time an alarm changes state ("Alarm events and EventBridge", CloudWatch User Guide), actions enabled or not:
 *   { "source": "aws.cloudwatch", "detail-type": "CloudWatch Alarm State Change",
 *     "resources": ["arn:aws:cloudwatch:us-east-1:123456789012:alarm:ServerCpuTooHigh"],
 *     "detail": { "alarmName": "ServerCpuTooHigh", "state": { "value": "ALARM", ... }, ... } }
 * A field the pattern leaves out matches anything; one it has must match ("Creating event patterns", EventBridge).
 */

const STATE_CHANGE = 'CloudWatch Alarm State Change';

/**
 * A rule's EventPattern, read once for every alarm it may hear: its fields, or, where none can be read, what it tells
 * of any alarm (a rule with no pattern, or text that is not JSON, hears none).
 */
export type EventPattern =
  | { readonly fields: Record<string, unknown> }
  | { readonly heard: Heard; readonly why?: string };

export function readEventPattern(raw: Resolved): EventPattern {
  // "A rule must contain at least an EventPattern or ScheduleExpression. Rules with EventPatterns are triggered when
  // a matching event is observed. Rules with ScheduleExpressions self-trigger" (AWS::Events::Rule): a schedule
  // rule, SAM's Schedule event among them, hears no event.
  if (raw === undefined || raw === null) return { heard: 'no' };
  let pattern: Resolved = raw;
  if (typeof pattern === 'string') {
    const parsed = readJsonText(pattern);
    if ('invalid' in parsed) return { heard: 'no' };
    if ('tooDeep' in parsed)
      return {
        heard: 'maybe',
        why: `its EventPattern nests deeper than ${MAX_NESTING} levels, which Parapet does not read`,
      };
    pattern = parsed.value as Resolved;
  }
  const fields = asRecord(pattern);
  if (fields === undefined) return { heard: 'maybe', why: 'its EventPattern is not known before deploy' };
  return { fields };
}

/** Whether a rule's EventPattern (read by readEventPattern) matches the alarm's going into ALARM. */
export function patternHears(pattern: EventPattern, alarm: AlarmNamed): { heard: Heard; why?: string } {
  if (!('fields' in pattern)) return pattern;
  const { fields } = pattern;
  const why: string[] = [];
  const parts = Object.entries(fields).map(([key, rule]): Heard => {
    const heard = fieldHears(key, rule, alarm);
    if (heard === 'maybe') why.push(key);
    return heard;
  });
  const heard = all(parts);
  return heard === 'maybe'
    ? { heard, why: `its EventPattern's ${why.join(', ')} cannot be told to match the alarm's state change` }
    : { heard };
}

function fieldHears(key: string, rule: Resolved, alarm: AlarmNamed): Heard {
  const name = nameShape(alarm);
  switch (key) {
    case 'source':
      return valueHears(rule, (text) => textIs(text, 'aws.cloudwatch'), 'aws.cloudwatch');
    case 'detail-type':
      return valueHears(rule, (text) => textIs(text, STATE_CHANGE), STATE_CHANGE);
    case 'resources':
      return valueHears(
        rule,
        (text, within) => namesAlarm(text, alarm, within),
        name === undefined
          ? undefined
          : `arn:\${AWS::Partition}:cloudwatch:\${AWS::Region}:\${AWS::AccountId}:alarm:${name}`,
      );
    case 'detail': {
      const detail = asRecord(rule);
      if (detail === undefined) return 'maybe';
      return all(
        Object.entries(detail).map(([field, inner]): Heard => {
          if (field === 'alarmName')
            return valueHears(inner, (text, within) => namesAlarm(text, alarm, within), name);
          if (field !== 'state') return 'maybe';
          const state = asRecord(inner);
          if (state === undefined || Object.keys(state).some((k) => k !== 'value')) return 'maybe';
          return valueHears(state.value, (text) => textIs(text, 'ALARM'), 'ALARM');
        }),
      );
    }
    default:
      // account, region and the like: what they hold is not told by the template alone.
      return 'maybe';
  }
}

/** The alarm's name as text with `${...}` for what is not known before deploy; undefined when not told at all. */
function nameShape({ name }: AlarmNamed): string | undefined {
  if (name === undefined) return undefined;
  return isUnknown(name) ? name.template : name;
}

function textIs(written: string, expected: string): Heard {
  if (!written.includes('${')) return written === expected ? 'yes' : 'no';
  return templateMayGive(written, expected) ? 'maybe' : 'no';
}

/**
 * A pattern's list of values for one field: whether one matches, as `matches` tells of each text. Content filters
 * the value can be told by (prefix, suffix, anything-but, equals-ignore-case, wildcard, exists) are read against
 * `shape`, the text the field holds in the alarm's event (`${...}` where it is not known before deploy).
 */
function valueHears(
  rule: Resolved,
  matches: (text: string, within?: Unknown) => Heard,
  shape: string | undefined,
): Heard {
  if (!Array.isArray(rule)) return 'maybe';
  return any(
    rule.map((item): Heard => {
      const filter = asRecord(item);
      if (filter === undefined) {
        const shown = toText(item);
        if (shown === undefined) return 'no';
        if (!isUnknown(shown)) return matches(shown);
        return shown.template === undefined ? 'maybe' : matches(shown.template, shown);
      }
      return filterHears(filter, matches, shape);
    }),
  );
}

function filterHears(
  filter: Record<string, unknown>,
  matches: (text: string) => Heard,
  shape: string | undefined,
): Heard {
  const [kind, operand] = Object.entries(filter)[0] ?? [];
  if (kind === 'exists') return operand === true ? 'yes' : operand === false ? 'no' : 'maybe';
  const texts = (Array.isArray(operand) ? operand : [operand]).filter((t) => typeof t === 'string');
  if (texts.length === 0) return 'maybe';
  if (kind === 'anything-but') {
    const excluded = any(texts.map((t) => matches(t)));
    return excluded === 'yes' ? 'no' : excluded === 'no' ? 'yes' : 'maybe';
  }
  const text = texts[0] as string;
  if (shape === undefined || texts.length > 1) return 'maybe';
  const known = !shape.includes('${');
  const { head, tail } = ends(shape);
  switch (kind) {
    case 'prefix':
      return head.startsWith(text) ? 'yes' : !known && text.startsWith(head) ? 'maybe' : 'no';
    case 'suffix':
      return tail.endsWith(text) ? 'yes' : !known && text.endsWith(tail) ? 'maybe' : 'no';
    case 'equals-ignore-case':
      if (known) return shape.toLowerCase() === text.toLowerCase() ? 'yes' : 'no';
      return templateMayGive(shape.toLowerCase(), text.toLowerCase()) ? 'maybe' : 'no';
    case 'wildcard':
      return known ? (eventWildcardMatches(text, shape) ? 'yes' : 'no') : 'maybe';
    default:
      return 'maybe';
  }
}

/**
 * EventBridge's wildcard filter: `*` stands for any text, `\\*` for a star ("Content filtering in event patterns").
 * Matched part by part: a regex of the parts joined by `.*` backtracked without bound on a pattern of many stars.
 */
function eventWildcardMatches(pattern: string, text: string): boolean {
  return partsMatch(
    pattern.split(/(?<!\\)\*/).map((part) => part.replace(/\\\*/g, '*')),
    text,
  );
}
