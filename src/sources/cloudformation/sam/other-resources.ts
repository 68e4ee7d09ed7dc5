import { own } from '../../../model/own.js';
import { s3Location } from './function-properties.js';
import type { SamResource } from './sam-resource.js';
import { describe, has, isIntrinsic, isObject, isSet, type JsonObject } from './shapes.js';

/**
 * AWS::Serverless::LayerVersion → AWS::Lambda::LayerVersion.
 *
 * The translator renames the layer to `<Id><hash of its properties>` (so that each change publishes a new version
 * while `DeletionPolicy: Retain` keeps the old one) and rewrites every `!Ref <Id>` to the new id. Parapet keeps the
 * SAM logical id instead: references in the user's template keep pointing at the layer without rewriting them, and
 * findings land on the id the user wrote. LayerName defaults to that id, as in SAM.
 */
export function expandLayerVersion(sam: SamResource): void {
  const props = sam.properties;
  const layer: JsonObject = { LayerName: isSet(props.LayerName) ? props.LayerName : sam.id };
  if (isSet(props.Description)) layer.Description = props.Description;
  if (!isSet(props.ContentUri)) {
    const origin = sam.origin('ContentUri');
    sam.ctx.issue(`${sam.id}: ContentUri is required`, origin.node, origin.key);
  } else {
    const content = s3Location(sam, 'ContentUri', props.ContentUri, ['S3Bucket', 'S3Key', 'S3ObjectVersion']);
    if (content !== undefined) layer.Content = content;
  }
  for (const key of ['CompatibleArchitectures', 'CompatibleRuntimes', 'LicenseInfo']) {
    if (props[key] !== undefined && props[key] !== null) layer[key] = props[key];
  }
  const extra: JsonObject = { DeletionPolicy: retentionPolicy(sam) };
  for (const name of ['DependsOn', 'UpdatePolicy', 'Metadata'])
    if (has(sam.resource, name)) extra[name] = sam.resource[name];
  sam.emit(sam.id, 'AWS::Lambda::LayerVersion', layer, sam.whole, extra);
}

/** RetentionPolicy (Retain or Delete, any case) sets DeletionPolicy; the default is Retain. */
function retentionPolicy(sam: SamResource): unknown {
  const retention = sam.properties.RetentionPolicy;
  if (retention === undefined || retention === null) return sam.attributes.DeletionPolicy ?? 'Retain';
  if (typeof retention === 'string') {
    const known = ['Retain', 'Delete'].find((option) => option.toLowerCase() === retention.toLowerCase());
    if (known !== undefined) return known;
  }
  // The translator resolves a Ref to a parameter before it reads RetentionPolicy (resolve_string_parameter_in_resource):
  // the value deployed decides, and the default (or Retain) stands in. A Ref to a name that is no parameter is an
  // error of its own, where references are resolved.
  if (isObject(retention) && Object.keys(retention).length === 1 && typeof retention.Ref === 'string') {
    const fallback = sam.ctx.parameterDefault(retention.Ref);
    const known = typeof fallback === 'string' ? fallback.toLowerCase() : undefined;
    if (known !== undefined && known !== 'retain' && known !== 'delete') {
      const origin = sam.origin('RetentionPolicy');
      sam.ctx.issue(
        `${sam.id}: RetentionPolicy takes parameter ${retention.Ref}, with the value ${fallback}, which is neither Retain nor Delete: the SAM transform fails on it`,
        origin.node,
        origin.key,
      );
    }
    return known === 'delete' ? 'Delete' : (sam.attributes.DeletionPolicy ?? 'Retain');
  }
  const origin = sam.origin('RetentionPolicy');
  sam.ctx.issue(
    `${sam.id}: RetentionPolicy must be Retain or Delete, not ${describe(retention)}`,
    origin.node,
    origin.key,
  );
  return sam.attributes.DeletionPolicy ?? 'Retain';
}

const ATTRIBUTE_TYPES: Readonly<Record<string, string>> = { String: 'S', Number: 'N', Binary: 'B' };

/** AWS::Serverless::SimpleTable → AWS::DynamoDB::Table with one hash key (`id` of type S by default). */
export function expandSimpleTable(sam: SamResource): void {
  const props = sam.properties;
  const key = primaryKey(sam);
  const table: JsonObject = {
    AttributeDefinitions: [key],
    KeySchema: [{ AttributeName: key.AttributeName, KeyType: 'HASH' }],
  };
  if (isSet(props.ProvisionedThroughput)) table.ProvisionedThroughput = props.ProvisionedThroughput;
  else table.BillingMode = 'PAY_PER_REQUEST';
  if (isSet(props.SSESpecification)) table.SSESpecification = props.SSESpecification;
  if (isSet(props.TableName)) table.TableName = props.TableName;
  if (isObject(props.Tags) && !isIntrinsic(props.Tags) && Object.keys(props.Tags).length > 0) {
    table.Tags = sam.ctx.derive(
      Object.entries(props.Tags).map(([tagKey, value]) => ({ Key: tagKey, Value: value ?? '' })),
      { node: props.Tags },
    );
  }
  const extra: JsonObject = {};
  for (const name of ['DependsOn', 'UpdatePolicy', 'Metadata'])
    if (has(sam.resource, name)) extra[name] = sam.resource[name];
  sam.emit(sam.id, 'AWS::DynamoDB::Table', table, sam.whole, extra);
}

function primaryKey(sam: SamResource): { AttributeName: unknown; AttributeType: unknown } {
  const key = sam.properties.PrimaryKey;
  if (key === undefined || key === null) return { AttributeName: 'id', AttributeType: 'S' };
  const origin = sam.origin('PrimaryKey');
  if (!isObject(key) || isIntrinsic(key)) {
    sam.ctx.issue(
      `${sam.id}: PrimaryKey must be a map with Name and Type, not ${describe(key)}`,
      origin.node,
      origin.key,
    );
    return { AttributeName: 'id', AttributeType: 'S' };
  }
  const type = typeof key.Type === 'string' ? own(ATTRIBUTE_TYPES, key.Type) : undefined;
  if (!isSet(key.Name) || type === undefined) {
    sam.ctx.issue(`${sam.id}: PrimaryKey needs a Name and a Type of String, Number or Binary`, key);
  }
  return { AttributeName: key.Name ?? 'id', AttributeType: type ?? key.Type ?? 'S' };
}
