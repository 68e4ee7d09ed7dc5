import { closest } from '../../../config/names.js';
import { arnService } from '../../../model/arn.js';
import { writtenDynamicReferences } from '../../../model/dynamic-references.js';
import { isMergedMap, mergedSegment } from '../../../model/globals-merge.js';
import type {
  CodeSigningConfig,
  Cors,
  EnvironmentVariable,
  EventInvokeConfig,
  EventSourceKind,
  EventSourceMapping,
  FileSystemConfig,
  FunctionUrl,
  LambdaFunction,
  LambdaPermission,
  LayerPlace,
  LayerVersion,
  LayerVersionPermission,
  Reference,
  ValueParameter,
  VpcConfig,
} from '../../../model/lambda.js';
import { childNode } from '../../../model/locate.js';
import { own } from '../../../model/own.js';
import { isFileSource, type SourceRef } from '../../../model/source.js';
import {
  invalid,
  isUnknown,
  missingRequired,
  shapeOf,
  type Unknown,
  unknown,
  type Value,
} from '../../../model/values.js';
import { intrinsicName } from '../intrinsic-values.js';
import { outsideReferences } from '../reference-parameters.js';
import { chosenSubnets } from '../subnet-choices.js';
import type { MapContext } from './context.js';
import { eventSourceArn, fromWhat } from './event-source-arn.js';
import type { ShownPlace } from './invalid-values.js';
import {
  LAMBDA_CODE_SIGNING_CONFIG_ARN,
  LAMBDA_DEAD_LETTER_ARN,
  LAMBDA_FILE_SYSTEM_ARN,
  LAMBDA_KMS_KEY_ARN,
  LAMBDA_LAYER_ARN,
  LAMBDA_ROLE_ARN,
  LAMBDA_SECURITY_GROUP_ID,
  LAMBDA_SUBNET_ID,
} from './logical-id-text.js';
import { reservedKeyProblem } from './reserved-env-keys.js';
import { sourceAccount } from './source-account.js';
import type { BaseFields, Mapper } from './types.js';

const DYNAMIC_REFERENCE = /\{\{resolve:(ssm|ssm-secure|secretsmanager):/;

const SSM_SECURE = /\{\{resolve:ssm-secure:/;
/**
 * CloudFormation resolves `ssm-secure` dynamic references only in the resource properties its user guide
 * lists ("Get a secure string value from Systems Manager Parameter Store", "Resources that support dynamic
 * parameter patterns for secure strings": passwords of RDS, Redshift, Directory Service, ElastiCache
 * AuthToken, IAM user LoginProfile, ...). A Lambda function's environment is not among them.
 */
const SSM_SECURE_REFUSED =
  'is an {{resolve:ssm-secure:…}} dynamic reference, which CloudFormation resolves only in the properties ' +
  'its user guide lists for secure strings (Lambda environment variables are not among them): it rejects ' +
  'the template. Pass the parameter name and have the function read it at run time.';

type Environment = Pick<LambdaFunction, 'environment' | 'environmentRemoved'>;

function environment(ctx: MapContext, raw: unknown): Environment {
  const env = ctx.object(raw);
  if (isUnknown(env)) return { environment: env };
  const vars = ctx.object(env?.Variables);
  if (isUnknown(vars)) return { environment: vars };
  const removed: string[] = [];
  const variables: EnvironmentVariable[] = [];
  for (const [name, value] of Object.entries(vars ?? {})) {
    const isIntrinsic = intrinsicName(value) !== undefined;
    const present = isIntrinsic ? presence(ctx, value) : 'kept';
    // `AWS::NoValue` removes the variable, as it removes a property: Lambda never sees it.
    if (present === 'removed') {
      removed.push(name);
      continue;
    }
    const reserved = reservedKeyProblem(name);
    if (reserved !== undefined)
      ctx.reject(vars as object, name, ['Environment', 'Variables', name], reserved);
    const resolved = ctx.string(value);
    // A dynamic reference is not known before deploy (model/dynamic-references.ts): read as the template writes it.
    const written = writtenDynamicReferences(shapeOf(resolved ?? '') ?? '');
    const { parameters, referenceParameters } = isIntrinsic
      ? variableParameters(ctx, value, DYNAMIC_REFERENCE.test(written))
      : {};
    const refused = SSM_SECURE.test(written);
    if (refused) ctx.reject(vars as object, name, ['Environment', 'Variables', name], SSM_SECURE_REFUSED);
    variables.push({
      name,
      // Checks see what CloudFormation would do with it: nothing, for it rejects the template.
      value: refused
        ? invalid('an ssm-secure dynamic reference, which Lambda does not take')
        : (resolved ?? ''),
      // Known text is no reference: a parameter's default is the value itself, written in the template.
      isReference: typeof resolved === 'string' ? false : isIntrinsic || DYNAMIC_REFERENCE.test(written),
      ...(parameters ? { parameters } : {}),
      ...(referenceParameters ? { referenceParameters } : {}),
      ...(present === 'kept' ? {} : { mayBeRemoved: present.reason }),
      source: ctx.source(vars as object, name),
    });
  }
  return { environment: variables, ...(removed.length > 0 ? { environmentRemoved: removed } : {}) };
}

/**
 * Whether a value written as an intrinsic leaves its key in place: 'removed' when it gives `AWS::NoValue` in
 * this scan, an Unknown (why) when an `Fn::If` on a condition not known before deploy may give it.
 */
function presence(ctx: MapContext, raw: unknown): 'kept' | 'removed' | Unknown {
  const top = ctx.resolver.shallow(raw);
  if (top === undefined) return 'removed';
  return isUnknown(top) && mayGiveNoValue(ctx, raw) ? top : 'kept';
}

/** Whether an `Fn::If` (nested ones too) may give `AWS::NoValue`: the branches its condition may take. */
function mayGiveNoValue(ctx: MapContext, raw: unknown): boolean {
  const fn = intrinsicName(raw);
  const body = fn === undefined ? undefined : (raw as Record<string, unknown>)[fn];
  if (fn === 'Ref') return body === 'AWS::NoValue';
  if (fn !== 'Fn::If' || !Array.isArray(body) || body.length !== 3 || typeof body[0] !== 'string')
    return false;
  const holds = ctx.resolver.conditionNamed(body[0]);
  if (isUnknown(holds)) return mayGiveNoValue(ctx, body[1]) || mayGiveNoValue(ctx, body[2]);
  return mayGiveNoValue(ctx, holds ? body[1] : body[2]);
}

/**
 * The template parameters a value is made from, with where their values come from: a check must not
 * print a NoEcho parameter's value, and says which parameter a secret came from. Only intrinsics are
 * walked (a plain string has no parameter in it), after `ctx.string` resolved the value.
 */
function valueParameters(ctx: MapContext, names: Iterable<string>): ValueParameter[] | undefined {
  const parameters: ValueParameter[] = [];
  for (const name of names) {
    const source = ctx.resolver.parameterSource(name);
    if (source) parameters.push({ name, ...source });
  }
  return parameters.length === 0 ? undefined : parameters;
}

/**
 * The parameters a variable's value is made from, and apart those that only pick what a dynamic reference in it
 * reads (`{{resolve:secretsmanager:${SaltSecret}:SecretString:salt}}`: the secret's name, not the value).
 */
function variableParameters(
  ctx: MapContext,
  raw: unknown,
  holdsReference: boolean,
): { parameters?: ValueParameter[]; referenceParameters?: ValueParameter[] } {
  const names = ctx.resolver.valueParameters(raw);
  if (names.size === 0) return {};
  if (!holdsReference) return { parameters: valueParameters(ctx, names) };
  const inValue = ctx.resolver.valueParameters(outsideReferences(raw));
  const picking = [...names].filter((name) => !inValue.has(name));
  const parameters = valueParameters(
    ctx,
    [...names].filter((name) => inValue.has(name)),
  );
  const referenceParameters = valueParameters(ctx, picking);
  return { ...(parameters ? { parameters } : {}), ...(referenceParameters ? { referenceParameters } : {}) };
}

function vpcConfig(ctx: MapContext, base: BaseFields, raw: unknown): Value<VpcConfig | undefined> {
  const vpc = ctx.object(raw);
  if (vpc === undefined || isUnknown(vpc)) return vpc;
  const subnetPath = ['VpcConfig', 'SubnetIds'];
  const subnetIds = ctx.idReferences(
    vpc.SubnetIds,
    LAMBDA_SUBNET_ID,
    subnetPath,
    mergedItemShown(base, subnetPath),
  );
  const subnetPlaces = ctx.placesOf(vpc.SubnetIds, subnetIds);
  const subnetsChosen = isUnknown(subnetIds) ? undefined : chosenSubnets(ctx, vpc.SubnetIds);
  const groupPath = ['VpcConfig', 'SecurityGroupIds'];
  return {
    subnetIds,
    ...(subnetPlaces ? { subnetPlaces } : {}),
    ...(subnetsChosen ? { subnetsChosen } : {}),
    securityGroupIds: ctx.idReferences(
      vpc.SecurityGroupIds,
      LAMBDA_SECURITY_GROUP_ID,
      groupPath,
      mergedItemShown(base, groupPath),
    ),
    source: ctx.source(vpc),
  };
}

function fileSystemConfigs(
  ctx: MapContext,
  base: BaseFields,
  raw: unknown,
): Value<Value<FileSystemConfig>[]> {
  const shownItem = mergedItemShown(base, ['FileSystemConfigs']);
  return ctx.list(raw, (entry, index, list) => {
    const config = ctx.object(entry);
    if (config === undefined || isUnknown(config)) return config ?? unknown('empty FileSystemConfigs entry');
    // An item of a list SAM merged with Globals' is named where the user wrote it.
    const item = shownItem(index);
    const shown = item && { ...item, path: [...item.path, 'Arn'] };
    const path = ['FileSystemConfigs', index, 'Arn'];
    return {
      arn:
        ctx.idReference(config.Arn, LAMBDA_FILE_SYSTEM_ARN, config, 'Arn', path, shown) ?? unknown('no Arn'),
      localMountPath: ctx.string(config.LocalMountPath),
      source: ctx.source(list, index),
    };
  });
}

/** A list whose entries must all be known: an entry not known before deploy makes the whole list so. */
function knownEntries<T>(list: Value<Value<T>[]>): Value<T[]> {
  if (isUnknown(list)) return list;
  return list.find(isUnknown) ?? (list as T[]);
}

/** Where a function's failed asynchronous events go: DeadLetterConfig.TargetArn, a queue's or a topic's ARN. */
function deadLetterTarget(ctx: MapContext, base: BaseFields, raw: unknown): Value<Reference | undefined> {
  const config = ctx.object(raw);
  if (config === undefined || isUnknown(config)) return config;
  const path = ['DeadLetterConfig', 'TargetArn'];
  return ctx.idReference(
    config.TargetArn,
    LAMBDA_DEAD_LETTER_ARN,
    config,
    'TargetArn',
    path,
    samDeadLetter(base),
  );
}

/**
 * How an error names the DeadLetterConfig.TargetArn SAM made of a SAM function's DeadLetterQueue.TargetArn: as the
 * user wrote it, in the function or in Globals (SAM merges the two maps key by key). Undefined for any other function.
 */
function samDeadLetter(base: BaseFields): ShownPlace | undefined {
  if (!base.writtenAs?.DeadLetterConfig?.includes('DeadLetterQueue')) return undefined;
  const path = ['DeadLetterQueue', 'TargetArn'];
  const { own, inherited } = writtenSides(base, path);
  if (own !== undefined) return { path, inGlobals: false };
  return inherited === undefined ? undefined : { path, inGlobals: true };
}

/** A function's layers, and where each is written (see LayerPlace). */
function layers(
  ctx: MapContext,
  base: BaseFields,
  raw: unknown,
): Pick<LambdaFunction, 'layers' | 'layerPlaces'> {
  // A SAM function whose Layers and Globals' are both lists gets both, Globals' first (model/globals-merge.ts);
  // else the list is its own, or Globals' when it writes none.
  const { own, inherited } = writtenSides(base, ['Layers']);
  const read = ctx.idReferences(raw, LAMBDA_LAYER_ARN, ['Layers'], mergedItemShown(base, ['Layers']));
  const items = isUnknown(read) || read.length === 0 ? undefined : ctx.writtenItems(raw, read.length);
  if (items === undefined) return { layers: read };
  const layerPlaces = items.map(({ index, fixed }): LayerPlace => {
    const segment = mergedSegment(own, inherited, index);
    const merged = segment?.merge === 'list' ? segment : undefined;
    const fromGlobals = merged ? merged.from === 'inherited' : own === undefined && inherited !== undefined;
    return {
      list: fromGlobals ? 'Globals.Function.Layers' : 'Layers',
      index: merged ? merged.index : index,
      fixed,
      path: index,
    };
  });
  return { layers: read, layerPlaces };
}

/**
 * How an error names item `index` of the list at `path` (`Layers`, `VpcConfig.SubnetIds`) of a SAM function whose
 * list SAM merged with Globals' (model/globals-merge.ts): where it is written (`Layers[1]` read is `Layers[0]` of
 * the function after one Globals layer). Undefined where nothing merged: the path read is the one written.
 */
function mergedItemShown(
  base: BaseFields,
  path: readonly string[],
): (index: number) => ShownPlace | undefined {
  const { own, inherited } = writtenSides(base, path);
  return (index) => {
    const segment = mergedSegment(own, inherited, index);
    return segment?.merge === 'list'
      ? { path: [...path, segment.index], inGlobals: segment.from === 'inherited' }
      : undefined;
  };
}

/** The value at `path` of a resource's own properties and of what it inherits (SAM Globals), as parsed. */
function writtenSides(base: BaseFields, path: readonly string[]): { own: unknown; inherited: unknown } {
  const inherits = !base.notInherited?.includes(path[0] as string);
  return {
    own: writtenAt(base.properties, path),
    inherited: inherits ? writtenAt(base.inheritedProperties, path) : undefined,
  };
}

/** The value at `path` under a resource's (or Globals') properties, as parsed; undefined when none is written. */
function writtenAt(properties: SourceRef | undefined, path: readonly string[]): unknown {
  if (properties === undefined || !isFileSource(properties)) return undefined;
  let node = childNode(properties.node, properties.key);
  // Only into maps SAM merges key by key: the keys of an intrinsic (`!If`) are not properties.
  for (const key of path) node = isMergedMap(node) ? own(node, key) : undefined;
  return node;
}

/**
 * Runtime: a parameter without default gives one of its AllowedValues (CloudFormation refuses any other), so the
 * runtime checks judge each of them rather than call it not known.
 */
function runtime(ctx: MapContext, raw: unknown): Value<string | undefined> {
  const value = ctx.string(raw);
  return isUnknown(value) ? ctx.oneOfAllowed(raw, value) : value;
}

const lambdaFunction: Mapper = (ctx, base, p): LambdaFunction => {
  const packageType = ctx.string(p.PackageType) ?? 'Zip';
  return {
    kind: 'lambda.function',
    name: ctx.string(p.FunctionName),
    packageType:
      packageType === 'Image' || packageType === 'Zip' || isUnknown(packageType)
        ? packageType
        : unknown(`invalid PackageType ${packageType}`),
    // CloudFormation requires both of a .zip package (see lambda-requirements.ts).
    runtime: runtime(ctx, p.Runtime) ?? (packageType === 'Zip' ? requiredButMissing('Runtime') : undefined),
    handler: ctx.string(p.Handler) ?? (packageType === 'Zip' ? requiredButMissing('Handler') : undefined),
    // CloudFormation requires a Role: no role any check should suppose.
    role: ctx.idReference(p.Role, LAMBDA_ROLE_ARN, p, 'Role', ['Role']) ?? requiredButMissing('Role'),
    ...environment(ctx, p.Environment),
    kmsKeyArn: ctx.idReference(p.KmsKeyArn, LAMBDA_KMS_KEY_ARN, p, 'KmsKeyArn', ['KmsKeyArn']),
    vpcConfig: vpcConfig(ctx, base, p.VpcConfig),
    tracingMode: ctx.string(ctx.dig(p.TracingConfig, 'Mode')),
    reservedConcurrency: ctx.number(p.ReservedConcurrentExecutions),
    deadLetterTarget: deadLetterTarget(ctx, base, p.DeadLetterConfig),
    ...layers(ctx, base, p.Layers),
    codeSigningConfig: ctx.idReference(
      p.CodeSigningConfigArn,
      LAMBDA_CODE_SIGNING_CONFIG_ARN,
      p,
      'CodeSigningConfigArn',
      ['CodeSigningConfigArn'],
    ),
    logGroupName: ctx.string(ctx.dig(p.LoggingConfig, 'LogGroup')),
    architectures: ctx.list(p.Architectures, (a) => String(ctx.string(a))),
    timeout: ctx.number(p.Timeout),
    memorySize: ctx.number(p.MemorySize),
    fileSystemConfigs: knownEntries(fileSystemConfigs(ctx, base, p.FileSystemConfigs)),
    ...base,
  };
};

/**
 * A property CloudFormation requires that has no value: not written or written as `!Ref AWS::NoValue` (a scan
 * error says so: see missingRequiredProperties), or left out by an `Fn::If` giving AWS::NoValue in this case
 * of the template's conditions (see requiredLeftOut). CloudFormation rejects the resource either way.
 */
function requiredButMissing(name: string): Unknown {
  return missingRequired(name);
}

/** What Lambda takes as the Action of a permission, and how an error says so. */
interface ActionRule {
  readonly accepts: (action: string) => boolean;
  readonly takes: string;
  /** The one action Lambda takes, when there is one: what every deploy that works gives (see permissionAction). */
  readonly only?: string;
}

/**
 * What AddPermission takes as Action: one action named in letters, `lambda:*` or `*` (its pattern
 * `(lambda:[*]|lambda:[a-zA-Z]+|[*])`, Lambda API Reference, AddPermission, as AWS::Lambda::Permission's Action).
 */
const PERMISSION_ACTION: ActionRule = {
  accepts: (action) => /^(lambda:[*]|lambda:[a-zA-Z]+|[*])$/.test(action),
  takes: 'one action named in full (lambda:InvokeFunction), lambda:* or *',
};

/**
 * What AddLayerVersionPermission takes as Action: lambda:GetLayerVersion alone (Lambda API Reference,
 * AddLayerVersionPermission: "Pattern: lambda:GetLayerVersion", at most 22 characters), as
 * AWS::Lambda::LayerVersionPermission's Action.
 */
const LAYER_PERMISSION_ACTION: ActionRule = {
  accepts: (action) => action === 'lambda:GetLayerVersion',
  takes: 'of a layer permission only lambda:GetLayerVersion',
  only: 'lambda:GetLayerVersion',
};

/**
 * A permission's Action; one Lambda refuses (`lambda:Invoke?unction`, `lambda:Invoke*`: a wildcard inside a name;
 * anything but lambda:GetLayerVersion for a layer) fails the deploy and grants nothing: a template error at it, and
 * an invalid value, which no check reads as a grant. A refused parameter default is overridden by a deploy that
 * works: of a layer permission, with the one action Lambda takes (lambda:GetLayerVersion); of a function's, with
 * an Action not known before deploy (see overriddenDefault).
 */
function permissionAction(ctx: MapContext, p: Record<string, unknown>, rule: ActionRule): Value<string> {
  const action = ctx.string(p.Action) ?? requiredButMissing('Action');
  if (typeof action !== 'string' || rule.accepts(action)) return action;
  const { from, byDefault } = fromWhat(ctx, p.Action);
  const fails = byDefault ? 'a deploy that keeps that default fails' : 'CloudFormation fails the deploy';
  ctx.reject(
    p,
    'Action',
    ['Action'],
    `is ${JSON.stringify(action)}${from}: Lambda takes as Action ${rule.takes}, so ${fails}`,
  );
  const refused = invalid(`${JSON.stringify(action)}, an Action Lambda refuses`);
  // A refused default is overridden by every deploy that works: with one action Lambda takes, it is that one (a
  // layer shared with `*` is then shared with everyone), not a permission that grants nothing.
  if (!byDefault) return refused;
  if (rule.only !== undefined) return rule.only;
  return overriddenDefault(ctx, p.Action, action, rule) ?? refused;
}

/**
 * The Action of a permission whose parameter default Lambda refuses, as a deploy that works gives it: another text,
 * not known before deploy (one of the parameter's AllowedValues Lambda takes, where it lists them), so the checks
 * judge the rest of the permission. Undefined when no deploy works: every AllowedValue is refused too.
 */
function overriddenDefault(
  ctx: MapContext,
  raw: unknown,
  action: string,
  rule: ActionRule,
): Unknown | undefined {
  const [name] = ctx.resolver.valueParameters(raw);
  if (name === undefined) return undefined;
  const reason = `from parameter ${name}, whose default ${JSON.stringify(action)} Lambda refuses: a deploy that works gives another`;
  // Only a lone `!Ref` is the parameter's text, to be shown as such and to be one of its AllowedValues.
  if (intrinsicName(raw) !== 'Ref') return unknown(reason);
  const allowed = ctx.resolver.declaredAllowedTexts(name);
  const taken = allowed?.filter(rule.accepts);
  if (taken?.length === 0) return undefined;
  return taken === undefined
    ? unknown(reason, `\${${name}}`)
    : unknown(`${reason}, one of its AllowedValues`, `\${${name}}`, { oneOf: taken });
}

const permission: Mapper = (ctx, base, p): LambdaPermission => ({
  kind: 'lambda.permission',
  functionRef: ctx.reference(p.FunctionName) ?? requiredButMissing('FunctionName'),
  action: permissionAction(ctx, p, PERMISSION_ACTION),
  principal: ctx.string(p.Principal) ?? requiredButMissing('Principal'),
  sourceArn: ctx.reference(p.SourceArn),
  sourceAccount: sourceAccount(ctx, p),
  principalOrgId: ctx.string(p.PrincipalOrgID),
  functionUrlAuthType: ctx.string(p.FunctionUrlAuthType),
  invokedViaFunctionUrl: ctx.boolean(p.InvokedViaFunctionUrl),
  eventSourceToken: ctx.string(p.EventSourceToken),
  ...base,
});

/** What a function URL's Cors takes (AWS::Lambda::Url Cors): CloudFormation rejects any other key. */
const CORS_SETTINGS = [
  'AllowCredentials',
  'AllowHeaders',
  'AllowMethods',
  'AllowOrigins',
  'ExposeHeaders',
  'MaxAge',
];

const functionUrl: Mapper = (ctx, base, p): FunctionUrl => {
  const qualifier = ctx.string(p.Qualifier);
  const cors = ctx.object(p.Cors);
  if (cors !== undefined && !isUnknown(cors)) {
    // A misspelt setting (`AllowOrigin`) would leave the CORS check nothing to read.
    for (const key of Object.keys(cors).filter((k) => !CORS_SETTINGS.includes(k))) {
      const guess = closest(key, CORS_SETTINGS);
      const hint = guess === undefined ? '' : ` (did you mean ${guess}?)`;
      ctx.reject(
        cors,
        key,
        ['Cors', key],
        `is not a CORS setting of a function URL${hint}: CloudFormation rejects the template`,
      );
    }
  }
  return {
    kind: 'lambda.function-url',
    functionRef: ctx.reference(p.TargetFunctionArn) ?? unknown('no TargetFunctionArn'),
    authType: ctx.string(p.AuthType) ?? requiredButMissing('AuthType'),
    ...(qualifier === undefined ? {} : { qualifier }),
    cors:
      cors === undefined || isUnknown(cors)
        ? cors
        : {
            ...allowOrigins(ctx, cors.AllowOrigins),
            allowCredentials: ctx.boolean(cors.AllowCredentials),
            source: ctx.source(cors),
          },
    ...base,
  };
};

/** A function URL's allowed origins, and where each is written. */
function allowOrigins(ctx: MapContext, raw: unknown): Pick<Cors, 'allowOrigins' | 'allowOriginPlaces'> {
  const origins = ctx.strings(raw);
  const allowOriginPlaces = ctx.placesOf(raw, origins);
  return allowOriginPlaces ? { allowOrigins: origins, allowOriginPlaces } : { allowOrigins: origins };
}

const layerVersion: Mapper = (ctx, base, p): LayerVersion => ({
  kind: 'lambda.layer-version',
  name: ctx.string(p.LayerName),
  compatibleRuntimes: ctx.strings(p.CompatibleRuntimes),
  ...base,
});

const layerPermission: Mapper = (ctx, base, p): LayerVersionPermission => ({
  kind: 'lambda.layer-permission',
  layerRef: ctx.reference(p.LayerVersionArn) ?? requiredButMissing('LayerVersionArn'),
  action: permissionAction(ctx, p, LAYER_PERMISSION_ACTION),
  principal: ctx.string(p.Principal) ?? requiredButMissing('Principal'),
  organizationId: ctx.string(p.OrganizationId),
  ...base,
});

/** The kind of an event source from its ARN (`arn:aws:sqs:...`). */
function eventSourceKindOfArn(arn: string): EventSourceKind {
  const service = arnService(arn);
  if (service === 'sqs') return 'sqs';
  if (service === 'kinesis') return 'kinesis';
  if (service === 'dynamodb') return 'dynamodb-stream';
  if (service === 'kafka') return 'msk';
  if (service === 'mq') return 'mq';
  if (service === 'rds') return 'documentdb';
  return 'other';
}

const SOURCE_KIND_BY_TYPE: Record<string, EventSourceKind> = {
  'AWS::SQS::Queue': 'sqs',
  'AWS::Kinesis::Stream': 'kinesis',
  'AWS::Kinesis::StreamConsumer': 'kinesis',
  'AWS::DynamoDB::Table': 'dynamodb-stream',
  'AWS::DynamoDB::GlobalTable': 'dynamodb-stream',
  'AWS::MSK::Cluster': 'msk',
  'AWS::MSK::ServerlessCluster': 'msk',
  'AWS::AmazonMQ::Broker': 'mq',
  'AWS::DocDB::DBCluster': 'documentdb',
};

/** The source kind of each SAM pull event type: SAM makes a mapping for that service whatever the ARN holds. */
const SOURCE_KIND_BY_SAM_EVENT: Readonly<Record<string, EventSourceKind>> = {
  SQS: 'sqs',
  Kinesis: 'kinesis',
  DynamoDB: 'dynamodb-stream',
  MSK: 'msk',
  SelfManagedKafka: 'kafka',
  MQ: 'mq',
  DocumentDB: 'documentdb',
};

/**
 * What the ARN says of the source's kind: undefined when it does not tell (absent, text not known before deploy
 * whose shape names no service, a template resource of a type Parapet does not place). A known ARN of a service
 * Parapet does not know is `other`.
 */
function kindOfArn(
  arn: Value<string | undefined>,
  typeOf: (id: string) => string | undefined,
): EventSourceKind | undefined {
  if (arn === undefined) return undefined;
  if (isUnknown(arn)) {
    // A resource of another scanned stack (an import, a nested stack's output): its type tells.
    const otherStack = arn.stackResource?.type;
    if (otherStack !== undefined) return own(SOURCE_KIND_BY_TYPE, otherStack);
    const kind = arn.template === undefined ? 'other' : eventSourceKindOfArn(arn.template);
    return kind === 'other' ? undefined : kind;
  }
  const targetType = typeOf(arn);
  return targetType === undefined ? eventSourceKindOfArn(arn) : own(SOURCE_KIND_BY_TYPE, targetType);
}

/**
 * The kind that properties of one kind of source decide, for a mapping whose ARN does not tell (CloudFormation
 * reference, AWS::Lambda::EventSourceMapping): `SelfManagedEventSource` and `SelfManagedKafkaEventSourceConfig`
 * only for self-managed Kafka, `AmazonManagedKafkaEventSourceConfig` only for MSK, `Topics` only for Kafka (with an
 * ARN, MSK), `Queues` only for Amazon MQ, `DocumentDBEventSourceConfig` only for DocumentDB, `ScalingConfig` only
 * for SQS. Those of streams (`ParallelizationFactor`, `BisectBatchOnFunctionError`, ...) fit Kinesis and DynamoDB
 * alike and decide nothing; nor do `StartingPosition` and `SourceAccessConfigurations`, shared by several kinds.
 */
function kindOfProperties(p: Record<string, unknown>): EventSourceKind | undefined {
  if (p.SelfManagedEventSource !== undefined || p.SelfManagedKafkaEventSourceConfig !== undefined)
    return 'kafka';
  if (p.AmazonManagedKafkaEventSourceConfig !== undefined || p.Topics !== undefined) return 'msk';
  if (p.Queues !== undefined) return 'mq';
  if (p.DocumentDBEventSourceConfig !== undefined) return 'documentdb';
  if (p.ScalingConfig !== undefined) return 'sqs';
  return undefined;
}

function eventSourceMapping(typeOf: (id: string) => string | undefined): Mapper {
  return (ctx, base, p): EventSourceMapping => {
    const arn = eventSourceArn(ctx, base, p);
    // The ARN decides when it tells; else the SAM event that made the mapping, else properties of one kind only.
    const eventType = base.generatedBy?.eventType;
    const sourceKind: Value<EventSourceKind> =
      kindOfArn(arn, typeOf) ??
      (eventType === undefined ? undefined : own(SOURCE_KIND_BY_SAM_EVENT, eventType)) ??
      kindOfProperties(p) ??
      (isUnknown(arn) ? arn : 'other');
    return {
      kind: 'lambda.event-source-mapping',
      functionRef: ctx.reference(p.FunctionName) ?? requiredButMissing('FunctionName'),
      sourceKind,
      eventSourceArn: arn,
      onFailureDestination: ctx.reference(ctx.dig(p.DestinationConfig, 'OnFailure', 'Destination')),
      enabled: ctx.boolean(p.Enabled) ?? true,
      ...base,
    };
  };
}

const eventInvokeConfig: Mapper = (ctx, base, p): EventInvokeConfig => {
  // Read once: a DestinationConfig CloudFormation refuses (text from a dynamic reference) is one error, at its line.
  const destinations = ctx.object(p.DestinationConfig);
  return {
    kind: 'lambda.event-invoke-config',
    functionRef: ctx.reference(p.FunctionName) ?? requiredButMissing('FunctionName'),
    qualifier: ctx.string(p.Qualifier) ?? '$LATEST',
    onFailureDestination: ctx.reference(ctx.dig(destinations, 'OnFailure', 'Destination')),
    onSuccessDestination: ctx.reference(ctx.dig(destinations, 'OnSuccess', 'Destination')),
    maximumRetryAttempts: ctx.number(p.MaximumRetryAttempts),
    ...base,
  };
};

const codeSigningConfig: Mapper = (ctx, base, p): CodeSigningConfig => {
  const policies = ctx.object(p.CodeSigningPolicies);
  const policy = ctx.string(ctx.dig(policies, 'UntrustedArtifactOnDeployment'));
  // Warn is the default (CloudFormation Template Reference, AWS::Lambda::CodeSigningConfig CodeSigningPolicies).
  const leftOut =
    policy !== undefined
      ? undefined
      : policies === undefined
        ? 'CodeSigningPolicies'
        : 'UntrustedArtifactOnDeployment';
  return {
    kind: 'lambda.code-signing-config',
    untrustedArtifactOnDeployment: policy ?? 'Warn',
    ...(leftOut === undefined ? {} : { policyLeftOut: leftOut }),
    signingProfileVersionArns: ctx.strings(ctx.dig(p.AllowedPublishers, 'SigningProfileVersionArns')),
    ...base,
  };
};

export function lambdaMappers(typeOf: (id: string) => string | undefined): Record<string, Mapper> {
  return {
    'AWS::Lambda::Function': lambdaFunction,
    'AWS::Lambda::Permission': permission,
    'AWS::Lambda::Url': functionUrl,
    'AWS::Lambda::LayerVersion': layerVersion,
    'AWS::Lambda::LayerVersionPermission': layerPermission,
    'AWS::Lambda::EventSourceMapping': eventSourceMapping(typeOf),
    'AWS::Lambda::EventInvokeConfig': eventInvokeConfig,
    'AWS::Lambda::CodeSigningConfig': codeSigningConfig,
  };
}
