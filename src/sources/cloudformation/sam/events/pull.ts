import { setOwn } from '../../../../model/own.js';
import { describe, has, isIntrinsic, isObject, isSet, type JsonObject } from '../shapes.js';
import { type EventSource, issue, s3PutPolicy, snsPublishPolicy, sqsSendMessagePolicy } from './common.js';

/**
 * Pull event sources (samtranslator/model/eventsources/pull.py): each becomes an AWS::Lambda::EventSourceMapping
 * `<FunctionId><EventName>`, and SAM grants the generated execution role what the poller needs.
 */
export const PULL_EVENT_TYPES = [
  'SQS',
  'Kinesis',
  'DynamoDB',
  'MSK',
  'SelfManagedKafka',
  'MQ',
  'DocumentDB',
] as const;

/** The managed policy SAM attaches per event type, if any. */
const MANAGED_POLICY: Readonly<Record<string, string>> = {
  Kinesis: 'service-role/AWSLambdaKinesisExecutionRole',
  DynamoDB: 'service-role/AWSLambdaDynamoDBExecutionRole',
  SQS: 'service-role/AWSLambdaSQSQueueExecutionRole',
  MSK: 'service-role/AWSLambdaMSKExecutionRole',
};

/** The property holding the event source ARN, per event type (SelfManagedKafka has none). */
export const SOURCE_PROPERTY: Readonly<Record<string, string>> = {
  Kinesis: 'Stream',
  DynamoDB: 'Stream',
  SQS: 'Queue',
  MSK: 'Stream',
  MQ: 'Broker',
  DocumentDB: 'Cluster',
};

/** Event properties copied to the mapping as they are, in the translator's order. */
const MAPPING_PROPERTIES = [
  'StartingPosition',
  'StartingPositionTimestamp',
  'BatchSize',
  'Enabled',
  'MaximumBatchingWindowInSeconds',
  'MaximumRetryAttempts',
  'BisectBatchOnFunctionError',
  'MaximumRecordAgeInSeconds',
  'ParallelizationFactor',
  'Topics',
  'Queues',
  'SourceAccessConfigurations',
  'TumblingWindowInSeconds',
  'FunctionResponseTypes',
  'FilterCriteria',
  'KmsKeyArn',
  'ScalingConfig',
  'ProvisionedPollerConfig',
  'MetricsConfig',
  'LoggingConfig',
];

/** Event properties SAM turns into something else (or uses only for the role's policies). */
const SAM_ONLY = new Set([
  ...Object.values(SOURCE_PROPERTY),
  'DatabaseName',
  'CollectionName',
  'FullDocument',
  'KafkaBootstrapServers',
  'ConsumerGroupId',
  'SchemaRegistryConfig',
  'SecretsManagerKmsKeyId',
  'DynamicPolicyName',
  'DestinationConfig',
]);

const VPC_ACTIONS = [
  'ec2:CreateNetworkInterface',
  'ec2:DescribeNetworkInterfaces',
  'ec2:DeleteNetworkInterface',
  'ec2:DescribeVpcs',
  'ec2:DescribeSubnets',
  'ec2:DescribeSecurityGroups',
];

export function expandPullEvent(event: EventSource): void {
  const { props } = event;
  const sourceProperty = SOURCE_PROPERTY[event.type];
  if (sourceProperty !== undefined && !isSet(props[sourceProperty]))
    issue(event, `${sourceProperty} is required`);
  const mapping = mappingProperties(event, sourceProperty === undefined ? undefined : props[sourceProperty]);
  for (const [key, value] of Object.entries(props)) {
    if (!SAM_ONLY.has(key) && !MAPPING_PROPERTIES.includes(key) && !has(mapping, key))
      setOwn(mapping, key, value);
  }
  // SAM makes a mapping for the event type's service whatever the ARN holds: the type tells the source's kind
  // when the ARN cannot (a parameter without default).
  event.sam.emit(event.id, 'AWS::Lambda::EventSourceMapping', mapping, event.origin, {}, event.type);

  const managed = MANAGED_POLICY[event.type];
  if (managed !== undefined) event.role.addManagedPolicy(event.sam.ctx.managedPolicyArn(managed));
  for (const policy of inlinePolicies(event)) event.role.addPolicy(policy);
  const destinationPolicy = destinationConfig(event, mapping);
  if (destinationPolicy !== undefined) event.role.addPolicy(destinationPolicy);
}

function mappingProperties(event: EventSource, sourceArn: unknown): JsonObject {
  const { props } = event;
  const mapping: JsonObject = { FunctionName: event.target.name };
  if (sourceArn !== undefined && sourceArn !== null) mapping.EventSourceArn = sourceArn;
  for (const key of MAPPING_PROPERTIES) {
    if (props[key] !== undefined && props[key] !== null) mapping[key] = props[key];
  }
  if (isSet(props.KafkaBootstrapServers)) {
    mapping.SelfManagedEventSource = { Endpoints: { KafkaBootstrapServers: props.KafkaBootstrapServers } };
  }
  const kafkaConfig = kafkaSourceConfig(event);
  if (kafkaConfig !== undefined) {
    mapping[
      event.type === 'MSK' ? 'AmazonManagedKafkaEventSourceConfig' : 'SelfManagedKafkaEventSourceConfig'
    ] = kafkaConfig;
  }
  if (event.type === 'DocumentDB') {
    const config: JsonObject = { DatabaseName: props.DatabaseName };
    if (isSet(props.CollectionName)) config.CollectionName = props.CollectionName;
    if (isSet(props.FullDocument)) config.FullDocument = props.FullDocument;
    mapping.DocumentDBEventSourceConfig = config;
  }
  return mapping;
}

function kafkaSourceConfig(event: EventSource): JsonObject | undefined {
  const { props } = event;
  const config: JsonObject = {};
  if (isSet(props.ConsumerGroupId)) {
    if (event.type === 'MSK' || event.type === 'SelfManagedKafka')
      config.ConsumerGroupId = props.ConsumerGroupId;
    else issue(event, `ConsumerGroupId is not a property of ${event.type} events`, 'ConsumerGroupId');
  }
  if (isSet(props.SchemaRegistryConfig) && (event.type === 'MSK' || event.type === 'SelfManagedKafka')) {
    config.SchemaRegistryConfig = props.SchemaRegistryConfig;
  }
  return Object.keys(config).length > 0 ? config : undefined;
}

/**
 * SAM strips the `Type` it reads from DestinationConfig.OnFailure (it only picks the policy); the rest, the
 * Destination included, goes to the mapping as the user wrote it.
 */
function destinationConfig(event: EventSource, mapping: JsonObject): JsonObject | undefined {
  const config = event.props.DestinationConfig;
  if (config === undefined || config === null) return undefined;
  if (!isObject(config) || isIntrinsic(config) || !isObject(config.OnFailure)) {
    if (isObject(config) && !isIntrinsic(config))
      issue(event, 'DestinationConfig.OnFailure must be a map', 'DestinationConfig');
    else issue(event, `DestinationConfig must be a map, not ${describe(config)}`, 'DestinationConfig');
    mapping.DestinationConfig = config;
    return undefined;
  }
  const onFailure = config.OnFailure;
  const type = onFailure.Type;
  if (!has(onFailure, 'Type')) {
    mapping.DestinationConfig = config;
    return undefined;
  }
  const { Type: _type, ...rest } = onFailure;
  const ctx = event.sam.ctx;
  mapping.DestinationConfig = ctx.derive(
    { ...config, OnFailure: ctx.derive(rest, { node: onFailure }) },
    { node: config },
  );
  const destination = onFailure.Destination;
  if (type === 'SQS') return sqsSendMessagePolicy(destination, event.id);
  if (type === 'SNS') return snsPublishPolicy(destination, event.id);
  if (type === 'S3') return s3PutPolicy(destination, event.id);
  if (type !== 'Kafka')
    issue(
      event,
      "the only valid values for DestinationConfig.OnFailure.Type are 'SQS', 'SNS', 'S3', and 'Kafka'",
    );
  return undefined;
}

function inlinePolicies(event: EventSource): JsonObject[] {
  switch (event.type) {
    case 'MSK':
      return named('MSKExecutionRolePolicy', [
        ...schemaRegistryStatements(event),
        ...clientCertificateStatements(event),
      ]);
    case 'SelfManagedKafka':
      return selfManagedKafkaPolicy(event);
    case 'MQ':
      return mqPolicy(event);
    case 'DocumentDB':
      return documentDbPolicy(event);
    default:
      return [];
  }
}

function named(name: string, statements: JsonObject[]): JsonObject[] {
  return statements.length === 0 ? [] : [{ PolicyName: name, PolicyDocument: { Statement: statements } }];
}

function accessConfigurations(event: EventSource): JsonObject[] {
  const configs = event.props.SourceAccessConfigurations;
  if (configs === undefined || configs === null) return [];
  if (!Array.isArray(configs)) {
    issue(
      event,
      `SourceAccessConfigurations must be a list, not ${describe(configs)}`,
      'SourceAccessConfigurations',
    );
    return [];
  }
  return configs.filter(isObject);
}

/** The URI of the configuration of `type`; an issue when it is required and missing. */
function uriOf(event: EventSource, types: readonly string[], required: boolean): unknown {
  const found = accessConfigurations(event).find(
    (config) => typeof config.Type === 'string' && types.includes(config.Type),
  );
  if (found === undefined || !isSet(found.URI)) {
    if (required)
      issue(
        event,
        `no ${types.join(' or ')} URI in SourceAccessConfigurations`,
        'SourceAccessConfigurations',
      );
    return undefined;
  }
  return found.URI;
}

function secretStatement(uri: unknown): JsonObject {
  return { Action: ['secretsmanager:GetSecretValue'], Effect: 'Allow', Resource: uri };
}

function kmsDecryptStatement(keyId: unknown, action: unknown = ['kms:Decrypt']): JsonObject {
  const resource =
    typeof keyId === 'string'
      ? { 'Fn::Sub': `arn:\${AWS::Partition}:kms:\${AWS::Region}:\${AWS::AccountId}:key/${keyId}` }
      : keyId;
  return { Action: action, Effect: 'Allow', Resource: resource };
}

function clientCertificateStatements(event: EventSource): JsonObject[] {
  return accessConfigurations(event)
    .filter((config) => config.Type === 'CLIENT_CERTIFICATE_TLS_AUTH' && isSet(config.URI))
    .map((config) => secretStatement(config.URI));
}

function schemaRegistryStatements(event: EventSource): JsonObject[] {
  const registry = event.props.SchemaRegistryConfig;
  if (!isObject(registry)) return [];
  const statements: JsonObject[] = [];
  const accessConfigs = Array.isArray(registry.AccessConfigs) ? registry.AccessConfigs : [];
  for (const config of accessConfigs)
    if (isObject(config) && has(config, 'URI')) statements.push(secretStatement(config.URI));
  const uri = registry.SchemaRegistryURI;
  const registryName =
    typeof uri === 'string' ? /^arn:[^:]*:[^:]*:[^:]*:[^:]*:registry\/(.+)$/.exec(uri)?.[1] : undefined;
  if (registryName !== undefined) {
    statements.push({ Action: ['glue:GetRegistry'], Effect: 'Allow', Resource: uri });
    statements.push({
      Action: ['glue:GetSchemaVersion'],
      Effect: 'Allow',
      Resource: [
        {
          'Fn::Sub': `arn:\${AWS::Partition}:glue:\${AWS::Region}:\${AWS::AccountId}:schema/${registryName}/*`,
        },
      ],
    });
  }
  return statements;
}

function selfManagedKafkaPolicy(event: EventSource): JsonObject[] {
  const { props } = event;
  if (!isSet(props.KafkaBootstrapServers)) issue(event, 'KafkaBootstrapServers is required');
  if (!Array.isArray(props.Topics) || props.Topics.length !== 1)
    issue(event, 'Topics must be a list of one topic');
  const configs = accessConfigurations(event);
  if (configs.length === 0) issue(event, 'SourceAccessConfigurations is required');
  const statements: JsonObject[] = [];
  const auth = configs.find((config) =>
    ['SASL_SCRAM_256_AUTH', 'SASL_SCRAM_512_AUTH', 'BASIC_AUTH', 'CLIENT_CERTIFICATE_TLS_AUTH'].includes(
      config.Type as string,
    ),
  );
  if (auth !== undefined && isSet(auth.URI)) statements.push(secretStatement(auth.URI));
  // The translator grants the authentication secret a second time when a root CA certificate is configured.
  if (configs.some((config) => config.Type === 'SERVER_ROOT_CA_CERTIFICATE' && isSet(config.URI))) {
    statements.push(secretStatement(auth?.URI ?? null));
  }
  const hasSubnet = configs.some((config) => config.Type === 'VPC_SUBNET');
  const hasGroup = configs.some((config) => config.Type === 'VPC_SECURITY_GROUP');
  if (hasSubnet !== hasGroup)
    issue(event, 'VPC_SUBNET and VPC_SECURITY_GROUP must be given together', 'SourceAccessConfigurations');
  if (hasSubnet && hasGroup) statements.push({ Action: VPC_ACTIONS, Effect: 'Allow', Resource: '*' });
  if (isSet(props.SecretsManagerKmsKeyId)) statements.push(kmsDecryptStatement(props.SecretsManagerKmsKeyId));
  statements.push(...schemaRegistryStatements(event));
  return [
    {
      PolicyDocument: { Statement: statements, Version: '2012-10-17' },
      PolicyName: 'SelfManagedKafkaExecutionRolePolicy',
    },
  ];
}

function mqPolicy(event: EventSource): JsonObject[] {
  const { props } = event;
  const statements: JsonObject[] = [
    secretStatement(uriOf(event, ['BASIC_AUTH'], true) ?? null),
    { Action: ['mq:DescribeBroker'], Effect: 'Allow', Resource: props.Broker ?? null },
  ];
  if (isSet(props.SecretsManagerKmsKeyId))
    statements.push(kmsDecryptStatement(props.SecretsManagerKmsKeyId, 'kms:Decrypt'));
  const name = props.DynamicPolicyName === true ? `${event.id}AMQPolicy` : 'SamAutoGeneratedAMQPolicy';
  return [{ PolicyName: name, PolicyDocument: { Statement: statements } }];
}

function documentDbPolicy(event: EventSource): JsonObject[] {
  const { props } = event;
  if (!isSet(props.DatabaseName)) issue(event, 'DatabaseName is required');
  const rds = (resource: string) => ({
    'Fn::Sub': `arn:\${AWS::Partition}:rds:\${AWS::Region}:\${AWS::AccountId}:${resource}`,
  });
  const statements: JsonObject[] = [
    secretStatement(uriOf(event, ['BASIC_AUTH'], true) ?? null),
    { Action: ['rds:DescribeDBClusterParameters'], Effect: 'Allow', Resource: rds('cluster-pg:*') },
    { Action: ['rds:DescribeDBSubnetGroups'], Effect: 'Allow', Resource: rds('subgrp:*') },
    { Action: ['rds:DescribeDBClusters'], Effect: 'Allow', Resource: props.Cluster ?? null },
    { Action: VPC_ACTIONS, Effect: 'Allow', Resource: '*' },
  ];
  if (isSet(props.SecretsManagerKmsKeyId)) statements.push(kmsDecryptStatement(props.SecretsManagerKmsKeyId));
  return [{ PolicyName: 'SamAutoGeneratedDocumentDBPolicy', PolicyDocument: { Statement: statements } }];
}

/** The SQS mapping SAM adds for an SNS event with SqsSubscription (always enabled, batch size 10 by default). */
export function emitSqsMapping(event: EventSource, id: string, queueArn: unknown, batchSize: unknown): void {
  const mapping: JsonObject = {
    FunctionName: event.target.name,
    EventSourceArn: queueArn,
    BatchSize: isSet(batchSize) ? batchSize : 10,
    Enabled: true,
  };
  event.sam.emit(id, 'AWS::Lambda::EventSourceMapping', mapping, event.origin, {}, 'SQS');
  event.role.addManagedPolicy(event.sam.ctx.managedPolicyArn(MANAGED_POLICY.SQS as string));
}
