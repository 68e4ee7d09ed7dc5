import { own } from '../../../model/own.js';
import {
  type AccessCategory,
  CONNECTOR_PROFILES,
  type ConnectorProfile,
  categoriesOf,
  type PolicyProfile,
  RESOURCE_OUTPUTS,
  SAM_TO_CFN_TYPE,
} from './connector-profiles.js';
import type { ExpansionContext } from './context.js';
import { describe, has, isIntrinsic, isObject, type JsonObject } from './shapes.js';
import type { Origin } from './types.js';

/**
 * AWS::Serverless::Connector, written as a resource or embedded in another one (`Connectors:`), → the
 * AWS::IAM::ManagedPolicy or AWS::Lambda::Permission resources the SAM translator generates for it
 * (samtranslator/model/sam_resources.py SamConnector, model/connector/connector.py), for the profiles that bear on
 * Lambda (connector-profiles.ts). Connectors are expanded last, as SAM does, so that a reference by `Id` sees the
 * resources SAM generates (a function's role). A connector of another profile generates nothing here; one SAM
 * rejects is an issue, and the scan goes on.
 */
export interface Connector {
  /** Its logical id: the resource's, or `<Source><Name>` for one embedded in resource Source. */
  readonly id: string;
  readonly properties: JsonObject;
  /** Where the user wrote it: the resource, or its entry under Connectors. */
  readonly whole: Origin;
  /** Condition, DeletionPolicy, UpdateReplacePolicy and DependsOn, for the resources it generates. */
  readonly attributes: JsonObject;
}

const CONNECTOR_TYPE = 'AWS::Serverless::Connector';
const ATTRIBUTES = ['Condition', 'DeletionPolicy', 'UpdateReplacePolicy', 'DependsOn'];

function attributesOf(resource: JsonObject): JsonObject {
  const attributes: JsonObject = {};
  for (const name of ATTRIBUTES) if (has(resource, name)) attributes[name] = resource[name];
  return attributes;
}

/** The connectors of the template: resources of type AWS::Serverless::Connector and those embedded in resources. */
export function connectorsOf(ctx: ExpansionContext, resources: JsonObject): Connector[] {
  const connectors: Connector[] = [];
  for (const [id, resource] of Object.entries(resources)) {
    if (!isObject(resource)) continue;
    if (
      resource.Type === CONNECTOR_TYPE &&
      isObject(resource.Properties) &&
      !isIntrinsic(resource.Properties)
    ) {
      const whole = { node: resources, key: id };
      connectors.push({ id, properties: resource.Properties, whole, attributes: attributesOf(resource) });
    } else if (resource.Type === CONNECTOR_TYPE && !has(resource, 'Properties')) {
      ctx.issue(
        `${id}: ${CONNECTOR_TYPE} requires Properties with Source, Destination and Permissions`,
        resource,
      );
    }
    if (has(resource, 'Connectors')) connectors.push(...embedded(ctx, id, resource));
  }
  return connectors;
}

/** `Connectors:` of resource `sourceId`: each entry is a connector `<sourceId><Name>` whose Source is that resource. */
function embedded(ctx: ExpansionContext, sourceId: string, resource: JsonObject): Connector[] {
  const entries = resource.Connectors;
  if (!isObject(entries) || isIntrinsic(entries)) {
    ctx.issue(
      `${sourceId}: Connectors must be a map of connectors, not ${describe(entries)}`,
      resource,
      'Connectors',
    );
    return [];
  }
  const connectors: Connector[] = [];
  for (const [name, entry] of Object.entries(entries)) {
    const id = sourceId + name;
    const written = isObject(entry) ? entry.Properties : undefined;
    if (!isObject(entry) || !isObject(written) || isIntrinsic(written)) {
      ctx.issue(`${sourceId}: connector ${name} must be a map with Properties (a map)`, entries, name);
      continue;
    }
    if (ctx.isInputResource(id)) {
      ctx.issue(
        `${sourceId}: connector ${name} would be the resource ${id}, a logical id the template uses`,
        entries,
        name,
      );
      continue;
    }
    const reference = written.SourceReference;
    if (reference !== undefined && (!isObject(reference) || has(reference, 'Id'))) {
      ctx.issue(
        `${id}: SourceReference must be a map without 'Id' (the source is ${sourceId}), not ${describe(reference)}`,
        written,
        'SourceReference',
      );
      continue;
    }
    const { SourceReference: _, ...rest } = written;
    const properties = ctx.derive(
      {
        ...rest,
        Source: ctx.derive({ Id: sourceId, ...(reference ?? {}) }, { node: written, key: 'SourceReference' }),
      },
      { node: written },
    );
    connectors.push({ id, properties, whole: { node: entries, key: name }, attributes: attributesOf(entry) });
  }
  return connectors;
}

/** What a connector's Source or Destination names (connector.py ConnectorResourceReference). */
interface Endpoint {
  readonly logicalId?: string;
  readonly type: string;
  readonly Arn?: unknown;
  readonly RoleName?: unknown;
  readonly QueueUrl?: unknown;
  readonly ResourceId?: unknown;
  readonly Name?: unknown;
  readonly Qualifier?: unknown;
}

/** An endpoint, an error SAM would report, or nothing: `Id` names a resource SAM generates Parapet does not model. */
type Resolved = { readonly endpoint: Endpoint } | { readonly error: string } | undefined;

export function expandConnector(ctx: ExpansionContext, connector: Connector): void {
  const { id, properties: props } = connector;
  // At the property when the user wrote it, else at the connector.
  const issue = (message: string, key: string) =>
    has(props, key)
      ? ctx.issue(`${id}: ${message}`, props, key)
      : ctx.issue(`${id}: ${message}`, connector.whole.node, connector.whole.key);
  for (const key of ['Source', 'Destination', 'Permissions']) {
    if (props[key] === undefined || props[key] === null) {
      issue(`Missing required property '${key}'`, key);
      return;
    }
  }
  if (!isObject(props.Source) || isIntrinsic(props.Source)) {
    issue(`Source must be a map, not ${describe(props.Source)}`, 'Source');
    return;
  }
  const permissions = props.Permissions;
  if (!Array.isArray(permissions) || !permissions.every((p) => typeof p === 'string')) {
    issue(`Permissions must be a list of Read and Write, not ${describe(permissions)}`, 'Permissions');
    return;
  }
  const destinations = Array.isArray(props.Destination) ? props.Destination : [props.Destination];
  if (destinations.length === 0) issue(`'Destination' is an empty list`, 'Destination');
  destinations.forEach((destination, index) => {
    const where: Origin = Array.isArray(props.Destination)
      ? { node: props.Destination, key: index }
      : { node: props, key: 'Destination' };
    const fail = (message: string) => ctx.issue(`${id}: ${message}`, where.node, where.key);
    if (!isObject(destination) || isIntrinsic(destination)) {
      fail(`Destination must be a map, not ${describe(destination)}`);
      return;
    }
    const source = props.Source as JsonObject;
    const target = resolve(ctx, destination);
    const origin = resolve(ctx, source);
    for (const [resolved, key] of [
      [target, 'Destination'],
      [origin, 'Source'],
    ] as const) {
      if (resolved !== undefined && 'error' in resolved) {
        if (key === 'Destination') fail(resolved.error);
        else issue(resolved.error, 'Source');
      }
    }
    if (target === undefined || origin === undefined || 'error' in target || 'error' in origin) return;
    const from = origin.endpoint;
    const to = target.endpoint;
    const profile = own(CONNECTOR_PROFILES, from.type)?.[to.type];
    if (profile === undefined) {
      fail(
        `Unable to create connector from ${from.type} to ${to.type}; it's not supported or the template is invalid`,
      );
      return;
    }
    const chosen = [...new Set(permissions as string[])];
    const invalid = permissionProblem(profile, chosen, from.type, to.type);
    if (invalid !== undefined) {
      issue(invalid, 'Permissions');
      return;
    }
    const generation = { ctx, connector, from, to, index, multi: Array.isArray(props.Destination), fail };
    if (profile.kind === 'policy') emitPolicy(generation, profile, chosen as AccessCategory[]);
    else if (profile.kind === 'permission') emitPermission(generation, profile);
  });
}

/** SAM's checks of Permissions against the profile, in its words. */
function permissionProblem(
  profile: ConnectorProfile,
  chosen: readonly string[],
  from: string,
  to: string,
): string | undefined {
  const categories = categoriesOf(profile);
  const valid = categories.join(', ');
  if (chosen.length === 0) return `'Permissions' cannot be empty; valid values are: ${valid}`;
  if (chosen.some((permission) => !(categories as readonly string[]).includes(permission)))
    return `Unsupported 'Permissions' provided for connector from ${from} to ${to}; valid values are: ${valid}`;
  const combinations = profile.kind === 'permission' ? undefined : profile.combinations;
  if (combinations === undefined) return undefined;
  const sorted = (list: readonly string[]) => [...list].sort().join(' + ');
  if (combinations.some((combination) => sorted(combination) === sorted(chosen))) return undefined;
  return `Unsupported 'Permissions' provided for connector from ${from} to ${to}; valid combinations are: ${combinations.map(sorted).join(', ')}`;
}

/**
 * Source or Destination → what it names (connector.py get_resource_reference). SAM also reads the other end, for an
 * EventBridge rule's target role; no profile bearing on Lambda needs it.
 */
function resolve(ctx: ExpansionContext, reference: JsonObject): Resolved {
  const hasId = has(reference, 'Id');
  const others = Object.keys(reference).some((key) => key !== 'Id' && key !== 'Qualifier');
  if (hasId === others)
    return {
      error: "Must provide 'Id' (with optional 'Qualifier') or a supported combination of other properties",
    };
  if (!hasId) {
    const type = reference.Type;
    if (typeof type !== 'string' || type === '') return { error: "'Type' is missing or not a string" };
    const endpoint: Endpoint = { type: own(SAM_TO_CFN_TYPE, type) ?? type };
    const given: JsonObject = {};
    for (const key of ['Arn', 'RoleName', 'QueueUrl', 'ResourceId', 'Name', 'Qualifier'])
      if (reference[key] !== undefined && reference[key] !== null) given[key] = reference[key];
    return { endpoint: { ...endpoint, ...given } };
  }
  const logicalId = reference.Id;
  if (typeof logicalId !== 'string' || logicalId === '') return { error: "'Id' is missing or not a string" };
  const resource = own(ctx.resources, logicalId);
  if (!isObject(resource)) {
    // A resource SAM generates that the expansion does not write (a state machine's role): not Parapet's to judge.
    if (ctx.references.ids.has(logicalId)) return undefined;
    return { error: `Unable to find resource with logical ID '${logicalId}'` };
  }
  const written = resource.Type;
  if (typeof written !== 'string' || written === '') return { error: "'Type' is missing or not a string" };
  // A SAM resource the expansion passes over (an Api, a StateMachine) stands for the resource SAM makes of it.
  const type = written.startsWith('AWS::Serverless::') ? own(SAM_TO_CFN_TYPE, written) : written;
  if (type === undefined) return undefined;
  const outputs = own(RESOURCE_OUTPUTS, type) ?? {};
  const properties = isObject(resource.Properties) ? resource.Properties : {};
  const endpoint: Endpoint = { logicalId, type };
  const filled: JsonObject = {};
  for (const key of ['Arn', 'Url', 'Id', 'Name', 'Qualifier'] as const) {
    if (outputs[key] !== undefined) filled[key] = withLogicalId(outputs[key], logicalId);
  }
  const roleName = roleOf(written, logicalId, properties, outputs.roleProperty);
  return {
    endpoint: {
      ...endpoint,
      ...(filled.Arn === undefined ? {} : { Arn: filled.Arn }),
      ...(filled.Url === undefined ? {} : { QueueUrl: filled.Url }),
      ...(filled.Id === undefined ? {} : { ResourceId: filled.Id }),
      ...(filled.Name === undefined ? {} : { Name: filled.Name }),
      ...(has(reference, 'Qualifier')
        ? { Qualifier: reference.Qualifier }
        : filled.Qualifier === undefined
          ? {}
          : { Qualifier: filled.Qualifier }),
      ...(roleName === undefined ? {} : { RoleName: roleName }),
    },
  };
}

/**
 * `Ref` of the role a resource names in its role property, when a `Ref` or `Fn::GetAtt` names it; a state machine
 * SAM expands later (the expansion passes over it) gets the `<Id>Role` SAM generates without a Role.
 */
function roleOf(written: string, logicalId: string, properties: JsonObject, roleProperty?: string): unknown {
  if (written === 'AWS::Serverless::StateMachine') {
    const role = properties.Role;
    if (role === undefined || role === null) return { Ref: `${logicalId}Role` };
    const named = logicalIdIn(role);
    return named === undefined ? undefined : { Ref: named };
  }
  if (roleProperty === undefined) return undefined;
  const named = logicalIdIn(properties[roleProperty]);
  return named === undefined ? undefined : { Ref: named };
}

/** The logical id a `Ref` or `Fn::GetAtt` names (samtranslator get_logical_id_from_intrinsic). */
function logicalIdIn(value: unknown): string | undefined {
  if (!isIntrinsic(value) || !isObject(value)) return undefined;
  if (typeof value.Ref === 'string') return value.Ref;
  const getAtt = value['Fn::GetAtt'];
  if (Array.isArray(getAtt) && getAtt.length === 2 && typeof getAtt[0] === 'string') return getAtt[0];
  if (typeof getAtt === 'string' && getAtt.split('.').length === 2) return getAtt.split('.')[0];
  return undefined;
}

function withLogicalId(value: unknown, logicalId: string): unknown {
  if (typeof value === 'string') return value === '%{logicalId}' ? logicalId : value;
  if (Array.isArray(value)) return value.map((item) => withLogicalId(item, logicalId));
  if (isObject(value))
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, withLogicalId(item, logicalId)]),
    );
  return value;
}

interface Generation {
  readonly ctx: ExpansionContext;
  readonly connector: Connector;
  readonly from: Endpoint;
  readonly to: Endpoint;
  readonly index: number;
  readonly multi: boolean;
  /** An issue at the destination being expanded. */
  readonly fail: (message: string) => void;
}

/** The profile variables SAM replaces, in its order (SamConnector.generate_resources). */
function variables(from: Endpoint, to: Endpoint): [string, unknown][] {
  return [
    ['Source.Arn', from.Arn],
    ['Destination.Arn', to.Arn],
    ['Source.ResourceId', from.ResourceId],
    ['Destination.ResourceId', to.ResourceId],
    ['Source.Name', from.Name],
    ['Destination.Name', to.Name],
    ['Source.Qualifier', from.Qualifier],
    ['Destination.Qualifier', to.Qualifier],
  ];
}

class MissingVariable extends Error {}

/**
 * A profile string with its variables replaced, as SAM's profile_replace does: the value itself when the string is
 * just `%{Source.Arn}`, else an `Fn::Sub` with a variable per value (`${SourceArn}`) or, for `${AWS::Region}` and
 * its kin alone, an `Fn::Sub` of the string.
 */
function replaced(text: string, values: readonly [string, unknown][]): unknown {
  let result = text;
  const substitutions: JsonObject = {};
  for (const [name, value] of values) {
    const pattern = `%{${name}}`;
    if (!result.includes(pattern)) continue;
    if (value === undefined || value === null) throw new MissingVariable(`${name} is missing`);
    if (result === pattern) return value;
    const variable = name.replace(/[^A-Za-z0-9]/g, '');
    result = result.split(pattern).join(`\${${variable}}`);
    substitutions[variable] = value;
  }
  if (!/\$\{.+\}/.test(result)) return result;
  return Object.keys(substitutions).length > 0
    ? { 'Fn::Sub': [result, substitutions] }
    : { 'Fn::Sub': result };
}

/** Every string of `value` replaced (strings outside the chosen categories too: SAM replaces the whole profile). */
function replacedAll(value: unknown, values: readonly [string, unknown][]): unknown {
  if (typeof value === 'string') return replaced(value, values);
  if (Array.isArray(value)) return value.map((item) => replacedAll(item, values));
  if (isObject(value))
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, replacedAll(item, values)]));
  return value;
}

function emitPolicy(generation: Generation, profile: PolicyProfile, chosen: readonly AccessCategory[]): void {
  const { ctx, connector, from, to, index, multi, fail } = generation;
  const values = variables(from, to);
  let categories: [AccessCategory, JsonObject[]][];
  try {
    categories = profile.categories.map(([category, statements]) => [
      category,
      statements.map((statement) => replacedAll(statement, values) as JsonObject),
    ]);
  } catch (error) {
    if (!(error instanceof MissingVariable)) throw error;
    fail(error.message);
    return;
  }
  const holder = profile.roleOf === 'Source' ? from : to;
  if (holder.RoleName === undefined || holder.RoleName === null) {
    fail(`Unable to get IAM role name from '${profile.roleOf}' resource`);
    return;
  }
  const permissionsAt: Origin = { node: connector.properties, key: 'Permissions' };
  const statements = categories
    .filter(([category]) => chosen.includes(category))
    .flatMap(([, list]) => list.map((statement) => ctx.derive(statement, permissionsAt)));
  const document = ctx.derive({ Version: '2012-10-17', Statement: statements }, permissionsAt);
  const id = multi ? `${connector.id}PolicyDestination${index}` : `${connector.id}Policy`;
  emit(generation, id, 'AWS::IAM::ManagedPolicy', { PolicyDocument: document, Roles: [holder.RoleName] });
}

function emitPermission(generation: Generation, profile: ConnectorProfile & { kind: 'permission' }): void {
  const { connector, from, to, index, multi, fail } = generation;
  const values = variables(from, to);
  let sourceArn: unknown;
  let sourceAccount: unknown;
  try {
    sourceArn = replaced(profile.sourceArn, values);
    sourceAccount = profile.sourceAccount === undefined ? undefined : replaced(profile.sourceAccount, values);
  } catch (error) {
    if (!(error instanceof MissingVariable)) throw error;
    fail(error.message);
    return;
  }
  // After the variables, as SAM checks them: a rule given by Type alone lacks its ARN first.
  if (to.Arn === undefined || to.Arn === null) {
    fail(`Unable to get Lambda function ARN from 'Destination' resource`);
    return;
  }
  const properties: JsonObject = {
    Action: 'lambda:InvokeFunction',
    FunctionName: to.Arn,
    Principal: profile.principal,
    SourceArn: sourceArn,
  };
  if (sourceAccount !== undefined) properties.SourceAccount = sourceAccount;
  const id = multi
    ? `${connector.id}WriteLambdaPermissionDestination${index}`
    : `${connector.id}WriteLambdaPermission`;
  emit(generation, id, 'AWS::Lambda::Permission', properties);
}

function emit(generation: Generation, id: string, type: string, properties: JsonObject): void {
  const { ctx, connector } = generation;
  const resource: JsonObject = { Type: type, ...connector.attributes, Properties: properties };
  ctx.emit(id, resource, { samId: connector.id, samType: CONNECTOR_TYPE, ...connector.whole });
}
