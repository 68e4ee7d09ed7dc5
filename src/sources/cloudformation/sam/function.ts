import { zipSettingsMissing } from '../lambda-requirements.js';
import { API_EVENT_TYPES, expandHttpApiEvent, expandRestApiEvent, type ImplicitApis } from './events/api.js';
import type { EventSource, InvokeTarget } from './events/common.js';
import { expandPullEvent, PULL_EVENT_TYPES } from './events/pull.js';
import { expandPushEvent, PUSH_EVENT_TYPES } from './events/push.js';
import {
  emitEventInvokeConfig,
  emitFunctionUrl,
  emitVersionAndAlias,
  noteDeploymentResources,
  type PublishedAlias,
} from './function-extras.js';
import { functionProperties } from './function-properties.js';
import { compareCodePoints } from './logical-id.js';
import { deadLetterPolicy, ExecutionRole } from './role.js';
import type { SamResource } from './sam-resource.js';
import {
  describe,
  getAtt,
  has,
  ifParts,
  isIntrinsic,
  isNoValue,
  isObject,
  type JsonObject,
  ref,
} from './shapes.js';

/** Attributes the AWS::Lambda::Function keeps from the SAM function (samtranslator Resource attributes). */
const FUNCTION_ATTRIBUTES = [
  'DependsOn',
  'Condition',
  'DeletionPolicy',
  'UpdateReplacePolicy',
  'UpdatePolicy',
  'Metadata',
];

const EVENT_TYPES: readonly string[] = [...API_EVENT_TYPES, ...PUSH_EVENT_TYPES, ...PULL_EVENT_TYPES];

/**
 * AWS::Serverless::Function → AWS::Lambda::Function (same logical id) and everything SAM generates beside it:
 * version and alias, URL, event invoke config, execution role, and the resources of each event.
 */
export function expandFunction(sam: SamResource, implicitApis: ImplicitApis): void {
  const lambda = functionProperties(sam);
  reportMissingZipSettings(sam, lambda);
  const resource: JsonObject = { Type: 'AWS::Lambda::Function' };
  for (const name of FUNCTION_ATTRIBUTES) if (has(sam.resource, name)) resource[name] = sam.resource[name];
  resource.Properties = lambda;
  sam.ctx.emit(sam.id, resource, sam.provenance());

  const alias = emitVersionAndAlias(sam, lambda);
  noteDeploymentResources(sam);
  const target = invokeTarget(sam.id, alias);
  emitFunctionUrl(sam, target);
  const destinationPolicies = emitEventInvokeConfig(sam, alias);
  const dlqPolicy = deadLetterPolicy(sam);
  const role = new ExecutionRole(
    sam,
    dlqPolicy === undefined ? destinationPolicies : [dlqPolicy, ...destinationPolicies],
  );
  attachRole(sam, lambda, role);
  for (const event of inTranslatorOrder(eventSources(sam, target, role)))
    expandEvent(event, implicitApis, sam);
  role.finish();
}

/**
 * SAM passes Runtime and Handler on as they are (from the function or Globals): without them the
 * AWS::Lambda::Function of a .zip package is refused by CloudFormation, as one written so. Said on the SAM
 * resource the user wrote, naming only what is missing (Lambda requires each of the two for a .zip package), and
 * why: not set, turned off by IgnoreGlobals, or set to `!Ref AWS::NoValue` (CloudFormation removes the property).
 * SAM merges Globals before any intrinsic is resolved, and takes an intrinsic as a plain value, the resource's own
 * winning (samtranslator/plugins/globals/globals.py, `_token_of`: "Intrinsic functions are handled *exactly* like a
 * primitive type"): a function's `Runtime: !Ref AWS::NoValue` hides the Runtime of Globals.
 */
function reportMissingZipSettings(sam: SamResource, lambda: JsonObject): void {
  // Properties an Fn::If chooses as a whole: which keys they hold is decided at deploy.
  if (Object.keys(sam.properties).some((key) => key.startsWith('Fn::'))) return;
  const missing = zipSettingsMissing(lambda);
  if (missing.length === 0) return;
  const condition = sam.resource.Condition;
  const when = typeof condition === 'string' ? ` when condition ${condition} creates it` : '';
  const own = sam.resource.Properties;
  const written = missing.filter((name) => isObject(own) && isNoValue(own[name]));
  const setter =
    written.length === 0
      ? unsetBy(sam, missing)
      : written.length === missing.length
        ? `which it sets to ${removedBy(sam, written)}`
        : `which it does not set or sets to ${removedBy(sam, written)} (${written.join(', ')})`;
  // Where the value that removes it is written (the function, or Globals); else at its Properties, as before.
  const noValue = written[0] ?? missing.find((name) => isNoValue(sam.fromGlobals(name)));
  const at = noValue === undefined ? undefined : sam.origin(noValue);
  sam.ctx.issue(
    `${sam.id}: ${sam.type} requires ${missing.join(', ')}, ${setter}; Lambda refuses ` +
      `the .zip function it makes${when} without ${missing.join(' and ')}`,
    at?.node ?? sam.resource,
    at?.key ?? (has(sam.resource, 'Properties') ? 'Properties' : 'Type'),
  );
}

/**
 * `!Ref AWS::NoValue (CloudFormation removes the property; SAM keeps it over Runtime python3.12 of Globals)`: the
 * function's own value that removes the properties `names`.
 */
function removedBy(sam: SamResource, names: readonly string[]): string {
  const hidden = names.flatMap((name) => {
    const global = sam.fromGlobals(name);
    if (global === undefined || global === null || isNoValue(global)) return [];
    const shown =
      typeof global === 'string' || typeof global === 'number' ? String(global) : describe(global);
    return [`${name} ${shown}`];
  });
  const globals = hidden.length === 0 ? '' : `; SAM keeps it over ${hidden.join(' and ')} of Globals`;
  return `!Ref AWS::NoValue (CloudFormation removes the property${globals})`;
}

/** `which neither it nor Globals set`, or why Globals did not: turned off by IgnoreGlobals, or AWS::NoValue there. */
function unsetBy(sam: SamResource, missing: readonly string[]): string {
  // `IgnoreGlobals: [Runtime]` (or "*") with Globals setting it: the resource turned the Globals' value off.
  const ignored = sam.resource.IgnoreGlobals;
  const turnedOff = (name: string) => ignored === '*' || (Array.isArray(ignored) && ignored.includes(name));
  if (missing.some(turnedOff)) return 'which it does not set and its IgnoreGlobals takes from Globals';
  if (missing.some((name) => isNoValue(sam.fromGlobals(name))))
    return 'which it does not set and Globals set to !Ref AWS::NoValue (CloudFormation removes the property)';
  return 'which neither it nor Globals set';
}

function invokeTarget(functionId: string, alias: PublishedAlias | undefined): InvokeTarget {
  const logicalId = alias?.id ?? functionId;
  return {
    functionId,
    logicalId,
    get name() {
      return ref(logicalId);
    },
    get arn() {
      return alias === undefined ? getAtt(functionId, 'Arn') : ref(logicalId);
    },
  };
}

/**
 * Without Role, SAM generates `<Id>Role` and points the function at it. With `Role: !If [C, !Ref AWS::NoValue, X]`
 * it generates the role under the condition where Role has no value (`NOT<C>` for the else branch).
 */
function attachRole(sam: SamResource, lambda: JsonObject, role: ExecutionRole): void {
  const given = sam.properties.Role;
  const origin = has(sam.properties, 'Policies') ? sam.origin('Policies') : sam.whole;
  if (given === undefined || given === null) {
    lambda.Role = role.arn;
    sam.emit(role.id, 'AWS::IAM::Role', role.properties, origin);
    return;
  }
  if (!isObject(given) || !isIntrinsic(given) || !has(given, 'Fn::If')) return;
  const parts = ifParts(given);
  if (parts === undefined) {
    const where = sam.origin('Role');
    sam.ctx.issue(`${sam.id}: malformed Fn::If in Role`, where.node, where.key);
    return;
  }
  const [condition, then, otherwise] = parts;
  if (isNoValue(then) && isNoValue(otherwise)) {
    lambda.Role = role.arn;
    sam.emit(role.id, 'AWS::IAM::Role', role.properties, origin);
  } else if (isNoValue(then)) {
    lambda.Role = sam.ctx.derive({ 'Fn::If': [condition, role.arn, otherwise] }, sam.origin('Role'));
    sam.emit(role.id, 'AWS::IAM::Role', role.properties, origin, { Condition: condition });
  } else if (isNoValue(otherwise)) {
    const negated = `NOT${condition}`;
    sam.ctx.conditions[negated] = { 'Fn::Not': [{ Condition: condition }] };
    lambda.Role = sam.ctx.derive({ 'Fn::If': [condition, then, role.arn] }, sam.origin('Role'));
    sam.emit(role.id, 'AWS::IAM::Role', role.properties, origin, { Condition: negated });
  }
}

function eventSources(sam: SamResource, target: InvokeTarget, role: ExecutionRole): EventSource[] {
  const events = sam.properties.Events;
  if (events === undefined || events === null) return [];
  const where = sam.origin('Events');
  if (!isObject(events) || isIntrinsic(events)) {
    sam.ctx.issue(
      `${sam.id}: Events must be a map of events, not ${describe(events)}; ignored`,
      where.node,
      where.key,
    );
    return [];
  }
  const sources: EventSource[] = [];
  for (const [name, event] of Object.entries(events)) {
    if (!isObject(event) || isIntrinsic(event)) {
      sam.ctx.issue(
        `${sam.id}: event ${name} must be a map with Type and Properties, not ${describe(event)}; ignored`,
        events,
        name,
      );
      continue;
    }
    const type = event.Type;
    if (typeof type !== 'string' || !EVENT_TYPES.includes(type)) {
      sam.ctx.issue(
        `${sam.id}: event ${name} has a Type SAM does not know (${typeof type === 'string' ? type : describe(type)}); ignored`,
        event,
        'Type',
      );
      continue;
    }
    const props = event.Properties ?? {};
    if (!isObject(props) || isIntrinsic(props)) {
      sam.ctx.issue(
        `${sam.id}: Properties of event ${name} must be a map, not ${describe(props)}; ignored`,
        event,
        'Properties',
      );
      continue;
    }
    sources.push({
      sam,
      target,
      role,
      name,
      id: `${sam.id}${name}`,
      type,
      props,
      origin: { node: events, key: name },
    });
  }
  return sources;
}

/**
 * SAM handles events sorted by their Path, or their name when they have none (so that an HttpApi `$default` route
 * comes first); the order decides the order of the policies events add to the role.
 */
function inTranslatorOrder(events: EventSource[]): EventSource[] {
  const key = (event: EventSource) => (typeof event.props.Path === 'string' ? event.props.Path : event.name);
  return [...events].sort((a, b) => compareCodePoints(key(a), key(b)));
}

function expandEvent(event: EventSource, implicitApis: ImplicitApis, sam: SamResource): void {
  if (event.type === 'Api') expandRestApiEvent(event, implicitApis);
  else if (event.type === 'HttpApi') expandHttpApiEvent(event, implicitApis, siblingsOf(sam, event));
  else if ((PULL_EVENT_TYPES as readonly string[]).includes(event.type)) expandPullEvent(event);
  else expandPushEvent(event);
}

/** The function's other HttpApi events, for SAM's rule that a `$default` route covers the others. */
function siblingsOf(sam: SamResource, event: EventSource): EventSource[] {
  const events = sam.properties.Events;
  if (!isObject(events)) return [];
  const siblings: EventSource[] = [];
  for (const [name, other] of Object.entries(events)) {
    if (name === event.name || !isObject(other) || other.Type !== 'HttpApi') continue;
    const props = isObject(other.Properties) ? other.Properties : {};
    siblings.push({ ...event, name, id: `${sam.id}${name}`, props, origin: { node: events, key: name } });
  }
  return siblings;
}
