import { closest } from '../../../config/names.js';
import { setOwn } from '../../../model/own.js';
import { RESOURCE_ATTRIBUTES, SAM_RESOURCE_ATTRIBUTES } from '../resource-attributes.js';
import type { SamResource } from './sam-resource.js';
import { describe, has, isIntrinsic, isObject, isSet, type JsonObject } from './shapes.js';

/** Properties SAM copies to the AWS::Lambda::Function unchanged, in the order the translator writes them. */
const PASSED_THROUGH = [
  'Handler',
  'Runtime',
  'Description',
  'MemorySize',
  'Timeout',
  'VpcConfig',
  'Role',
  'Environment',
] as const;
const PASSED_THROUGH_AFTER_CODE = [
  'KmsKeyArn',
  'ReservedConcurrentExecutions',
  'Layers',
  'FileSystemConfigs',
  'ImageConfig',
  'PackageType',
  'Architectures',
  'SnapStart',
  'EphemeralStorage',
] as const;
const PASSED_THROUGH_LAST = [
  'CodeSigningConfigArn',
  'RuntimeManagementConfig',
  'LoggingConfig',
  'TenancyConfig',
  'RecursiveLoop',
  'DurableConfig',
  'FunctionScalingConfig',
  'PublishToLatestPublished',
] as const;

/** SAM-only properties: they make other resources or other Lambda properties, never pass through as they are. */
const SAM_ONLY = new Set([
  'FunctionName',
  'CodeUri',
  'InlineCode',
  'ImageUri',
  'SourceKMSKeyArn',
  'DeadLetterQueue',
  'Tracing',
  'Tags',
  'PropagateTags',
  'Policies',
  'AssumeRolePolicyDocument',
  'RolePath',
  'PermissionsBoundary',
  'Events',
  'DeploymentPreference',
  'EventInvokeConfig',
  'AutoPublishAlias',
  'AutoPublishCodeSha256',
  'AutoPublishAliasAllProperties',
  'VersionDescription',
  'VersionDeletionPolicy',
  'ProvisionedConcurrencyConfig',
  'FunctionUrlConfig',
  'CapacityProviderConfig',
]);

/** Every property of an AWS::Serverless::Function that this expansion knows. */
export const FUNCTION_PROPERTIES: ReadonlySet<string> = new Set<string>([
  ...PASSED_THROUGH,
  ...PASSED_THROUGH_AFTER_CODE,
  ...PASSED_THROUGH_LAST,
  ...SAM_ONLY,
]);

export const DEAD_LETTER_ACTIONS: Readonly<Record<string, string>> = {
  SQS: 'sqs:SendMessage',
  SNS: 'sns:Publish',
};

/** The Properties of the AWS::Lambda::Function SAM makes from a SAM function (Role is set by the caller). */
export function functionProperties(sam: SamResource): JsonObject {
  const props = sam.properties;
  const out: JsonObject = {};
  if (isSet(props.FunctionName)) out.FunctionName = props.FunctionName;
  copyAll(out, props, PASSED_THROUGH);
  const code = codeProperty(sam);
  if (code !== undefined) out.Code = code;
  copyAll(out, props, PASSED_THROUGH_AFTER_CODE.slice(0, 2));
  out.Tags = tagList(sam, props.Tags);
  copyAll(out, props, PASSED_THROUGH_AFTER_CODE.slice(2));
  const tracing = props.Tracing;
  if (isSet(tracing) && tracing !== 'Disabled') {
    out.TracingConfig = sam.ctx.derive({ Mode: tracing }, sam.origin('Tracing'));
  }
  const deadLetter = deadLetterConfig(sam);
  if (deadLetter !== undefined) out.DeadLetterConfig = deadLetter;
  copyAll(out, props, PASSED_THROUGH_LAST);
  if (isSet(props.CapacityProviderConfig)) out.CapacityProviderConfig = capacityProviderConfig(sam);
  // Properties SAM does not know (newer Lambda properties, typos): passed through so nothing is lost.
  for (const [key, value] of Object.entries(props)) {
    if (FUNCTION_PROPERTIES.has(key) || has(out, key)) continue;
    setOwn(out, key, value);
    misspeltProperty(sam, key);
  }
  return out;
}

/**
 * SAM rejects a property it does not define ("property Timeot not defined for resource of type
 * AWS::Serverless::Function"). Reported only for one close to a property SAM defines (`Timeot`), or for a resource
 * attribute written under Properties (`IgnoreGlobals`, `Connectors`, whose connectors SAM then never makes): a name far from all is more likely one SAM added after
 * this list was written, and is passed through unjudged.
 */
function misspeltProperty(sam: SamResource, key: string): void {
  const where = sam.origin(key);
  const rejected = `property ${key} not defined for resource of type ${sam.type}, SAM rejects it`;
  // Description is a property of a SAM function too (FUNCTION_PROPERTIES has it): never met here.
  if (RESOURCE_ATTRIBUTES.has(key) || SAM_RESOURCE_ATTRIBUTES.has(key)) {
    sam.ctx.issue(
      `${sam.id}: ${rejected}: ${key} is a resource attribute, write it beside Type`,
      where.node,
      where.key,
    );
    return;
  }
  const meant = closest(key, [...FUNCTION_PROPERTIES]);
  if (meant !== undefined)
    sam.ctx.issue(`${sam.id}: ${rejected}; did you mean ${meant}?`, where.node, where.key);
}

function copyAll(out: JsonObject, props: JsonObject, keys: readonly string[]): void {
  for (const key of keys) {
    const value = props[key];
    if (value !== undefined && value !== null) out[key] = value;
  }
}

/** `lambda:createdBy: SAM` first, then the user's tags, as a CloudFormation tag list. */
export function tagList(sam: SamResource, tags: unknown): JsonObject[] {
  const list: JsonObject[] = [{ Key: 'lambda:createdBy', Value: 'SAM' }];
  if (tags === undefined || tags === null) return sam.ctx.derive(list, sam.whole);
  if (!isObject(tags) || isIntrinsic(tags)) {
    sam.ctx.issue(
      `${sam.id}: Tags must be a map, not ${describe(tags)}`,
      sam.origin('Tags').node,
      sam.origin('Tags').key,
    );
    return list;
  }
  for (const [key, value] of Object.entries(tags)) {
    if (key === 'lambda:createdBy') {
      sam.ctx.issue(`${sam.id}: lambda:createdBy is a reserved tag key`, tags, key);
      continue;
    }
    list.push({ Key: key, Value: value ?? '' });
  }
  return sam.ctx.derive(list, { node: tags });
}

/** `Code` from InlineCode, CodeUri or ImageUri, with SAM's precedence. */
function codeProperty(sam: SamResource): unknown {
  const props = sam.properties;
  if (props.PackageType === 'Image') {
    return isSet(props.ImageUri)
      ? sam.ctx.derive({ ImageUri: props.ImageUri }, sam.origin('ImageUri'))
      : undefined;
  }
  let code: unknown;
  if (props.InlineCode !== undefined && props.InlineCode !== null) {
    code = sam.ctx.derive({ ZipFile: props.InlineCode }, sam.origin('InlineCode'));
  } else if (props.CodeUri !== undefined && props.CodeUri !== null) {
    code = s3Location(sam, 'CodeUri', props.CodeUri, ['S3Bucket', 'S3Key', 'S3ObjectVersion']);
  } else if (isSet(props.ImageUri)) {
    code = sam.ctx.derive({ ImageUri: props.ImageUri }, sam.origin('ImageUri'));
  }
  if (isObject(code) && !isIntrinsic(code) && isSet(props.SourceKMSKeyArn))
    code.SourceKMSKeyArn = props.SourceKMSKeyArn;
  return code;
}

/**
 * An S3 location from `s3://bucket/key?versionId=v` or `{ Bucket, Key, Version }`. A local path (a template
 * before `sam package`) stays a string, the form `aws cloudformation package` takes for Code and Content.
 */
export function s3Location(
  sam: SamResource,
  property: string,
  value: unknown,
  names: readonly [string, string, string],
): unknown {
  const origin = sam.origin(property);
  const [bucketKey, keyKey, versionKey] = names;
  if (typeof value === 'string') {
    const parsed = parseS3Uri(value);
    if (parsed === undefined) return value;
    const out: JsonObject = { [bucketKey]: parsed.bucket, [keyKey]: parsed.key };
    if (parsed.version !== undefined) out[versionKey] = parsed.version;
    return sam.ctx.derive(out, origin);
  }
  if (isIntrinsic(value)) return value;
  if (isObject(value) && isSet(value.Bucket) && isSet(value.Key)) {
    const out: JsonObject = { [bucketKey]: value.Bucket, [keyKey]: value.Key };
    if (has(value, 'Version')) out[versionKey] = value.Version;
    return sam.ctx.derive(out, { node: value });
  }
  sam.ctx.issue(
    `${sam.id}: ${property} must be an S3 URI, a local path or a map with Bucket and Key, not ${describe(value)}`,
    origin.node,
    origin.key,
  );
  return undefined;
}

function parseS3Uri(uri: string): { bucket: string; key: string; version?: string } | undefined {
  const match = /^s3:\/\/([^/?#]+)\/([^?#]+)(?:\?([^#]*))?/.exec(uri);
  if (match === null) return undefined;
  const [, bucket, key, query] = match;
  if (bucket === undefined || key === undefined) return undefined;
  const versions = new URLSearchParams(query ?? '').getAll('versionId');
  return versions.length === 1 ? { bucket, key, version: versions[0] as string } : { bucket, key };
}

function deadLetterConfig(sam: SamResource): JsonObject | undefined {
  const dlq = sam.properties.DeadLetterQueue;
  if (!isSet(dlq)) return undefined;
  const origin = sam.origin('DeadLetterQueue');
  if (!isObject(dlq) || isIntrinsic(dlq)) {
    sam.ctx.issue(
      `${sam.id}: DeadLetterQueue must be a map with Type and TargetArn, not ${describe(dlq)}`,
      origin.node,
      origin.key,
    );
    return undefined;
  }
  if (!isSet(dlq.Type) || !isSet(dlq.TargetArn)) {
    sam.ctx.issue(`${sam.id}: 'DeadLetterQueue' requires Type and TargetArn properties to be specified`, dlq);
  } else if (typeof dlq.Type !== 'string' || !has(DEAD_LETTER_ACTIONS, dlq.Type)) {
    sam.ctx.issue(`${sam.id}: 'DeadLetterQueue' requires Type of SQS or SNS`, dlq, 'Type');
  }
  if (!isSet(dlq.TargetArn)) return undefined;
  return sam.ctx.derive({ TargetArn: dlq.TargetArn }, { node: dlq });
}

/** `{ Arn, PerExecutionEnvironmentMaxConcurrency, ExecutionEnvironmentMemoryGiBPerVCpu }` in Lambda's shape. */
function capacityProviderConfig(sam: SamResource): unknown {
  const config = sam.properties.CapacityProviderConfig;
  if (!isObject(config) || isIntrinsic(config)) return config;
  const inner: JsonObject = { CapacityProviderArn: config.Arn };
  if (has(config, 'PerExecutionEnvironmentMaxConcurrency')) {
    inner.PerExecutionEnvironmentMaxConcurrency = config.PerExecutionEnvironmentMaxConcurrency;
  }
  if (has(config, 'ExecutionEnvironmentMemoryGiBPerVCpu')) {
    inner.ExecutionEnvironmentMemoryGiBPerVCpu = config.ExecutionEnvironmentMemoryGiBPerVCpu;
  }
  return sam.ctx.derive({ LambdaManagedInstancesCapacityProviderConfig: inner }, { node: config });
}
