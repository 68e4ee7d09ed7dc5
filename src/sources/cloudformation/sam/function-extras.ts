import { closest } from '../../../config/names.js';
import {
  eventBridgePutPolicy,
  type InvokeTarget,
  lambdaInvokePolicy,
  s3PutPolicy,
  snsPublishPolicy,
  sqsSendMessagePolicy,
} from './events/common.js';
import { generateLogicalId } from './logical-id.js';
import type { SamResource } from './sam-resource.js';
import {
  describe,
  getAtt,
  has,
  ifParts,
  isIntrinsic,
  isNoValue,
  isObject,
  isSet,
  type JsonObject,
  ref,
} from './shapes.js';

/** The alias SAM publishes with AutoPublishAlias; events, URL and EventInvokeConfig then point at it. */
export interface PublishedAlias {
  readonly id: string;
  /** The alias name as the template gives it: a string, or the `Ref` of a parameter known only at deploy. */
  readonly name: unknown;
}

/**
 * AutoPublishAlias: an AWS::Lambda::Version `<Id>Version<hash>` (its id changes with the code, so each change
 * publishes a version) and an AWS::Lambda::Alias `<Id>Alias<Name>` pointing at it.
 */
export function emitVersionAndAlias(sam: SamResource, lambda: JsonObject): PublishedAlias | undefined {
  const props = sam.properties;
  if (!isSet(props.AutoPublishAlias)) {
    if (isSet(props.ProvisionedConcurrencyConfig)) {
      const origin = sam.origin('ProvisionedConcurrencyConfig');
      sam.ctx.issue(
        `${sam.id}: ProvisionedConcurrencyConfig requires AutoPublishAlias`,
        origin.node,
        origin.key,
      );
    }
    return undefined;
  }
  const origin = sam.origin('AutoPublishAlias');
  const name = aliasName(sam, props.AutoPublishAlias);
  if (name === undefined) {
    sam.ctx.issue(
      `${sam.id}: AutoPublishAlias must be a string or a Ref to a template parameter`,
      origin.node,
      origin.key,
    );
    return undefined;
  }
  const sha = codeSha256(sam);
  if (sha !== undefined) appendShaToDescription(lambda, sha);
  const versionId = generateLogicalId(`${sam.id}Version`, versionHashInput(sam, lambda), sha);
  const deletionPolicy = has(sam.attributes, 'DeletionPolicy')
    ? sam.attributes.DeletionPolicy
    : isSet(props.VersionDeletionPolicy)
      ? props.VersionDeletionPolicy
      : isSet(props.CapacityProviderConfig)
        ? 'Delete'
        : 'Retain';
  const version: JsonObject = { FunctionName: ref(sam.id) };
  if (isSet(props.VersionDescription)) version.Description = props.VersionDescription;
  sam.emit(versionId, 'AWS::Lambda::Version', version, origin, { DeletionPolicy: deletionPolicy });

  const aliasId =
    typeof name === 'string'
      ? `${sam.id}Alias${name.replaceAll('-', 'D').replaceAll('_', 'U')}`
      : unnamedAliasId(sam, name.parameter);
  const alias: JsonObject = {
    Name: typeof name === 'string' ? name : ref(name.parameter),
    FunctionName: ref(sam.id),
    FunctionVersion: getAtt(versionId, 'Version'),
  };
  if (isSet(props.ProvisionedConcurrencyConfig))
    alias.ProvisionedConcurrencyConfig = props.ProvisionedConcurrencyConfig;
  sam.emit(aliasId, 'AWS::Lambda::Alias', alias, origin);
  sam.ctx.references.property(sam.id, 'Version', { id: versionId });
  sam.ctx.references.property(sam.id, 'Alias', { id: aliasId });
  return { id: aliasId, name: alias.Name };
}

/**
 * SAM resolves a Ref to a parameter here (the alias name is part of a logical id); its Default stands in. Without
 * a Default the name is only known at deploy: CloudFormation refuses to create the stack when a parameter without
 * Default is not given, so the transform always sees a value (the SAM team in cfn-lint#582). Anything else
 * (`Fn::GetAtt`, a list, a map, a Ref to a resource) SAM cannot resolve, and rejects: undefined.
 */
function aliasName(sam: SamResource, value: unknown): string | { readonly parameter: string } | undefined {
  if (typeof value === 'string') return /^(?!\d+$)[A-Za-z0-9_-]+$/.test(value) ? value : undefined;
  if (isObject(value) && typeof value.Ref === 'string' && Object.keys(value).length === 1) {
    const parameter = value.Ref;
    // The translator also knows these two at transform time (samtranslator SamParameterValues).
    const pseudo = parameter === 'AWS::Region' || parameter === 'AWS::Partition';
    if (!sam.ctx.isParameter(parameter) && !pseudo) return undefined;
    const fallback = sam.ctx.parameterDefault(parameter);
    if (fallback === undefined) return { parameter };
    return typeof fallback === 'string' ? aliasName(sam, fallback) : undefined;
  }
  return undefined;
}

/**
 * The alias of a name known only at deploy: SAM would call it `<Id>Alias<name>`. Parapet writes it under an id no
 * template can use (`FnAlias<Stage>`, the parameter in angle brackets), so that `Fn.Alias`, events and the URL
 * still point at it, and lets a template name any `<Id>Alias<letters and digits>`, which may be the one deployed.
 */
function unnamedAliasId(sam: SamResource, parameter: string): string {
  sam.ctx.references.anyEnding(`${sam.id}Alias`);
  return `${sam.id}Alias<${parameter}>`;
}

function codeSha256(sam: SamResource): string | undefined {
  const sha = sam.properties.AutoPublishCodeSha256;
  return typeof sha === 'string' ? sha : undefined;
}

/** SAM appends AutoPublishCodeSha256 to the Description, so that a new version is published when only it changes. */
function appendShaToDescription(lambda: JsonObject, sha: string): void {
  const description = lambda.Description;
  if (!isSet(description)) lambda.Description = sha;
  else if (typeof description === 'string') lambda.Description = `${description} ${sha}`;
  else lambda.Description = { 'Fn::Join': [' ', [description, sha]] };
}

/** What the version's logical id hashes: the code, the environment, the memory size and SnapStart. */
function versionHashInput(sam: SamResource, lambda: JsonObject): unknown {
  if (sam.properties.AutoPublishAliasAllProperties === true) return lambda;
  const code = lambda.Code;
  const input: JsonObject = isObject(code) ? { ...code } : {};
  if (isObject(lambda.Environment)) Object.assign(input, lambda.Environment);
  if (isSet(lambda.MemorySize)) input.MemorySize = lambda.MemorySize;
  const snapStart = lambda.SnapStart;
  if (isObject(snapStart) && (snapStart.ApplyOn ?? 'None') !== 'None') input.SnapStart = snapStart;
  return input;
}

/**
 * FunctionUrlConfig: an AWS::Lambda::Url `<Id>Url`; with AuthType NONE SAM also writes the two permissions that
 * make it public: `<Id>UrlPublicPermissions` (lambda:InvokeFunctionUrl for `*`) and
 * `<Id>URLInvokeAllowPublicAccess` (lambda:InvokeFunction for `*` when invoked through the URL).
 */
export function emitFunctionUrl(sam: SamResource, target: InvokeTarget): void {
  const config = sam.properties.FunctionUrlConfig;
  if (!isSet(config)) return;
  const origin = sam.origin('FunctionUrlConfig');
  if (!isObject(config) || isIntrinsic(config)) {
    sam.ctx.issue(
      `${sam.id}: FunctionUrlConfig must be a map, not ${describe(config)}; no URL was generated`,
      origin.node,
      origin.key,
    );
    return;
  }
  const authType = config.AuthType;
  for (const key of Object.keys(config).filter((key) => !URL_CONFIG_PROPERTIES.includes(key))) {
    // `AuthorizationType`, `CorsConfig`: too far for `closest`, yet they start as what they mean.
    const meant =
      closest(key, URL_CONFIG_PROPERTIES) ??
      URL_CONFIG_PROPERTIES.find((name) => key.startsWith(name.slice(0, 4)));
    const hint = meant === undefined ? '' : `; did you mean ${meant}?`;
    // SAM rejects only a missing or invalid AuthType (and unknown keys inside Cors): others it drops.
    // Once for a key Globals give every function (the first function meets it where Globals write it).
    sam.ctx.warnOnce(
      `FunctionUrlConfig.${key} is not a property of FunctionUrlConfig (${URL_CONFIG_PROPERTIES.join(', ')}): SAM ignores it${hint}`,
      config,
      key,
    );
  }
  if (authType === undefined || authType === null) {
    sam.ctx.issue(
      `${sam.id}: FunctionUrlConfig has no AuthType, which SAM requires (AWS_IAM or NONE)`,
      origin.node,
      origin.key,
    );
  } else if (!isIntrinsic(authType) && authType !== 'AWS_IAM' && authType !== 'NONE') {
    sam.ctx.issue(`${sam.id}: FunctionUrlConfig.AuthType must be AWS_IAM or NONE`, config, 'AuthType');
  }
  const url: JsonObject = {};
  if (isSet(config.Cors)) url.Cors = config.Cors;
  // Left out when not written: the URL's AuthType is then missing, not removed by AWS::NoValue.
  if (authType !== undefined && authType !== null) url.AuthType = authType;
  url.TargetFunctionArn = target.name;
  if (config.InvokeMode !== undefined && config.InvokeMode !== null) url.InvokeMode = config.InvokeMode;
  // Each property located where its FunctionUrlConfig key is written: a map merged with Globals' holds keys
  // of both (AuthType in Globals, Cors in the function).
  sam.emit(`${sam.id}Url`, 'AWS::Lambda::Url', sam.ctx.derive(url, { node: config, copy: true }), origin);
  if (authType !== 'NONE') return;
  const functionName = target.name;
  sam.emit(
    `${sam.id}UrlPublicPermissions`,
    'AWS::Lambda::Permission',
    {
      Action: 'lambda:InvokeFunctionUrl',
      FunctionName: functionName,
      Principal: '*',
      FunctionUrlAuthType: 'NONE',
    },
    { node: config, key: 'AuthType' },
  );
  sam.emit(
    `${sam.id}URLInvokeAllowPublicAccess`,
    'AWS::Lambda::Permission',
    {
      Action: 'lambda:InvokeFunction',
      Principal: '*',
      FunctionName: functionName,
      InvokedViaFunctionUrl: true,
    },
    { node: config, key: 'AuthType' },
  );
}

/** What SAM's FunctionUrlConfig takes (AWS SAM reference, AWS::Serverless::Function FunctionUrlConfig). */
const URL_CONFIG_PROPERTIES = ['AuthType', 'Cors', 'InvokeMode'];

const DESTINATION_TYPES = ['SQS', 'SNS', 'EventBridge', 'Lambda', 'S3Bucket'];

/**
 * EventInvokeConfig: an AWS::Lambda::EventInvokeConfig `<Id>EventInvokeConfig`. A destination of Type SQS or SNS
 * without a Destination makes SAM create the queue or topic. Returns the policies SAM adds to the execution role
 * for the destinations.
 */
export function emitEventInvokeConfig(sam: SamResource, alias: PublishedAlias | undefined): JsonObject[] {
  const config = sam.properties.EventInvokeConfig;
  if (!isSet(config)) return [];
  const origin = sam.origin('EventInvokeConfig');
  if (!isObject(config) || isIntrinsic(config)) {
    sam.ctx.issue(
      `${sam.id}: EventInvokeConfig must be a map, not ${describe(config)}`,
      origin.node,
      origin.key,
    );
    return [];
  }
  const id = `${sam.id}EventInvokeConfig`;
  const policies: JsonObject[] = [];
  const destinations: JsonObject = {};
  const input = config.DestinationConfig;
  if (isSet(input) && (!isObject(input) || isIntrinsic(input))) {
    sam.ctx.issue(
      `${sam.id}: EventInvokeConfig.DestinationConfig must be a map, not ${describe(input)}`,
      config,
      'DestinationConfig',
    );
  } else if (isObject(input)) {
    for (const which of ['OnSuccess', 'OnFailure']) {
      const destination = input[which];
      if (destination === undefined || destination === null) continue;
      const result = destinationOf(sam, id, { node: input, key: which }, destination);
      if (result === undefined) continue;
      destinations[which] = sam.ctx.derive({ Destination: result.arn }, { node: destination as object });
      if (result.policy !== undefined) policies.push(result.policy);
    }
  }
  const properties: JsonObject = {
    FunctionName: ref(sam.id),
    Qualifier: alias?.name ?? '$LATEST',
    DestinationConfig: sam.ctx.derive(destinations, isObject(input) ? { node: input } : origin),
  };
  if (config.MaximumEventAgeInSeconds !== undefined && config.MaximumEventAgeInSeconds !== null) {
    properties.MaximumEventAgeInSeconds = config.MaximumEventAgeInSeconds;
  }
  if (config.MaximumRetryAttempts !== undefined && config.MaximumRetryAttempts !== null) {
    properties.MaximumRetryAttempts = config.MaximumRetryAttempts;
  }
  sam.emit(
    id,
    'AWS::Lambda::EventInvokeConfig',
    properties,
    origin,
    alias === undefined ? {} : { DependsOn: [alias.id] },
  );
  return policies;
}

interface Destination {
  readonly arn: unknown;
  readonly policy?: JsonObject;
}

function destinationOf(
  sam: SamResource,
  configId: string,
  where: { readonly node: JsonObject; readonly key: string },
  destination: unknown,
): Destination | undefined {
  const which = where.key;
  if (!isObject(destination) || isIntrinsic(destination)) {
    const message = `${sam.id}: EventInvokeConfig.DestinationConfig.${which} must be a map, not ${describe(destination)}`;
    sam.ctx.issue(message, where.node, which);
    return undefined;
  }
  const type = destination.Type;
  if (typeof type !== 'string' || !DESTINATION_TYPES.includes(type)) {
    sam.ctx.issue(
      `${sam.id}: 'Type: ${typeof type === 'string' ? type : describe(type)}' must be one of ${DESTINATION_TYPES.join(', ')}`,
      destination,
      'Type',
    );
    return undefined;
  }
  const logicalId = configId + which;
  const given = destination.Destination;
  const conditional = noValueCondition(sam, given, configId);
  if (given !== undefined && given !== null && conditional === undefined) {
    return { arn: given, policy: destinationPolicy(type, given, logicalId) };
  }
  if (type !== 'SQS' && type !== 'SNS') {
    sam.ctx.issue(`${sam.id}: Destination is required if Type is not SQS or SNS`, destination, 'Type');
    return undefined;
  }
  const createdId = logicalId + (type === 'SQS' ? 'Queue' : 'Topic');
  const condition = combinedCondition(sam, conditional?.condition);
  sam.emit(
    createdId,
    type === 'SQS' ? 'AWS::SQS::Queue' : 'AWS::SNS::Topic',
    {},
    { node: destination, key: 'Type' },
    condition === undefined ? {} : { Condition: condition },
  );
  sam.ctx.references.property(sam.id, type === 'SQS' ? 'DestinationQueue' : 'DestinationTopic', {
    id: createdId,
  });
  const createdArn = type === 'SQS' ? getAtt(createdId, 'Arn') : ref(createdId);
  const arn =
    conditional === undefined
      ? createdArn
      : { 'Fn::If': [conditional.condition, createdArn, conditional.otherwise] };
  return { arn, policy: destinationPolicy(type, arn, logicalId) };
}

function destinationPolicy(type: string, arn: unknown, logicalId: string): JsonObject | undefined {
  if (type === 'SQS') return sqsSendMessagePolicy(arn, logicalId);
  if (type === 'SNS') return snsPublishPolicy(arn, logicalId);
  if (type === 'EventBridge') return eventBridgePutPolicy(arn, logicalId);
  if (type === 'Lambda') return lambdaInvokePolicy(arn, logicalId);
  if (type === 'S3Bucket') return s3PutPolicy(arn, logicalId);
  return undefined;
}

/**
 * `Destination: !If [C, !Ref AWS::NoValue, arn]` makes SAM create the queue or topic only when C holds (and
 * `!If [C, arn, NoValue]` only when it does not, under a condition `NOT<C><hash>` it adds to the template).
 */
function noValueCondition(
  sam: SamResource,
  destination: unknown,
  configId: string,
): { condition: string; otherwise: unknown } | undefined {
  const parts = ifParts(destination);
  if (parts === undefined) return undefined;
  const [condition, then, otherwise] = parts;
  if (isNoValue(then) && isNoValue(otherwise)) return undefined;
  if (isNoValue(then)) return { condition, otherwise };
  if (isNoValue(otherwise)) {
    const negated = generateLogicalId(`NOT${condition}`, configId).slice(0, 255);
    sam.ctx.conditions[negated] = { 'Fn::Not': [{ Condition: condition }] };
    return { condition: negated, otherwise: then };
  }
  return undefined;
}

/** The resource's own Condition and a destination's condition, joined under a new `...AND...` condition. */
function combinedCondition(sam: SamResource, propertyCondition: string | undefined): unknown {
  const resourceCondition = sam.attributes.Condition;
  if (propertyCondition === undefined) return resourceCondition;
  if (typeof resourceCondition !== 'string') return propertyCondition;
  const name = generateLogicalId(`${resourceCondition}AND${propertyCondition}`, sam.id).slice(0, 255);
  sam.ctx.conditions[name] = {
    'Fn::And': [{ Condition: resourceCondition }, { Condition: propertyCondition }],
  };
  return name;
}

/**
 * DeploymentPreference: SAM generates the CodeDeploy application `ServerlessDeploymentApplication` (one for the
 * template), a deployment group `<Id>DeploymentGroup` and, without a Role, the service role `CodeDeployServiceRole`;
 * the hooks go into the alias's UpdatePolicy. Parapet does not model these, but a template may name them.
 * `Enabled: false` generates none of them.
 */
export function noteDeploymentResources(sam: SamResource): void {
  const preference = sam.properties.DeploymentPreference;
  if (!isObject(preference) || isIntrinsic(preference) || preference.Enabled === false) return;
  const references = sam.ctx.references;
  references.generated('ServerlessDeploymentApplication');
  references.generated(`${sam.id}DeploymentGroup`);
  if (!isSet(preference.Role)) references.generated('CodeDeployServiceRole');
  // The alarms CodeDeploy watches while deploying (not when `Enabled` comes from a parameter: it may be false).
  if (isSet(preference.Alarms) && (preference.Enabled === undefined || preference.Enabled === true))
    sam.ctx.rollbackAlarms.set(sam.id, preference.Alarms);
}
