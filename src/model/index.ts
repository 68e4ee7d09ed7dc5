import type { ApiRoute } from './apigateway.js';
import type {
  DaxCluster,
  DocDbCluster,
  EfsAccessPoint,
  EfsFileSystem,
  ElastiCacheCacheCluster,
  ElastiCacheReplicationGroup,
  ElastiCacheServerlessCache,
  MemoryDbCluster,
  MskCluster,
  NeptuneCluster,
  NeptuneDbInstance,
  OpenSearchDomain,
  RdsDbCluster,
  RdsDbInstance,
  RdsDbProxy,
  RedshiftCluster,
} from './data-stores.js';
import type { IamPolicy, IamRole } from './iam.js';
import type {
  CodeSigningConfig,
  EventInvokeConfig,
  EventSourceMapping,
  FunctionUrl,
  LambdaFunction,
  LambdaPermission,
  LayerVersion,
  LayerVersionPermission,
} from './lambda.js';
import type { KmsKey, LogGroup, MetricAlarm, SqsQueue } from './monitoring.js';
import type { InternetGateway, RouteTable, SecurityGroup, Subnet, Vpc } from './network.js';
import type { Pipe } from './pipes.js';
import type { Schedule } from './scheduler.js';
import type { ServiceCaller } from './service-callers.js';
import type { StateMachine } from './stepfunctions.js';

export * from './apigateway.js';
export * from './data-stores.js';
export * from './iam.js';
export * from './lambda.js';
export * from './monitoring.js';
export * from './neighbours.js';
export * from './network.js';
export * from './pipes.js';
export * from './qualifier.js';
export * from './resource.js';
export * from './scheduler.js';
export * from './service-callers.js';
export * from './source.js';
export * from './stepfunctions.js';
export * from './values.js';
export * from './waf.js';

/** Every model kind, by its kind string. Add a kind here and the registry and inventory know it. */
export interface ResourceKinds {
  'lambda.function': LambdaFunction;
  'lambda.permission': LambdaPermission;
  'lambda.function-url': FunctionUrl;
  'lambda.layer-version': LayerVersion;
  'lambda.layer-permission': LayerVersionPermission;
  'lambda.event-source-mapping': EventSourceMapping;
  'lambda.event-invoke-config': EventInvokeConfig;
  'lambda.code-signing-config': CodeSigningConfig;
  'iam.role': IamRole;
  'iam.policy': IamPolicy;
  'ec2.security-group': SecurityGroup;
  'ec2.subnet': Subnet;
  'ec2.route-table': RouteTable;
  'ec2.internet-gateway': InternetGateway;
  'ec2.vpc': Vpc;
  'logs.log-group': LogGroup;
  'cloudwatch.alarm': MetricAlarm;
  'sqs.queue': SqsQueue;
  'kms.key': KmsKey;
  'apigateway.route': ApiRoute;
  'scheduler.schedule': Schedule;
  'pipes.pipe': Pipe;
  'service.lambda-caller': ServiceCaller;
  'stepfunctions.state-machine': StateMachine;
  'rds.db-instance': RdsDbInstance;
  'rds.db-cluster': RdsDbCluster;
  'rds.db-proxy': RdsDbProxy;
  'elasticache.cache-cluster': ElastiCacheCacheCluster;
  'elasticache.replication-group': ElastiCacheReplicationGroup;
  'elasticache.serverless-cache': ElastiCacheServerlessCache;
  'memorydb.cluster': MemoryDbCluster;
  'dax.cluster': DaxCluster;
  'efs.file-system': EfsFileSystem;
  'efs.access-point': EfsAccessPoint;
  'redshift.cluster': RedshiftCluster;
  'opensearch.domain': OpenSearchDomain;
  'docdb.cluster': DocDbCluster;
  'neptune.cluster': NeptuneCluster;
  'neptune.db-instance': NeptuneDbInstance;
  'msk.cluster': MskCluster;
}

export type ResourceKind = keyof ResourceKinds;
export type Resource = ResourceKinds[ResourceKind];
