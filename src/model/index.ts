import type { ApiRoute } from './apigateway.js';
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
import type { InternetGateway, RouteTable, SecurityGroup, Subnet } from './network.js';

export * from './apigateway.js';
export * from './iam.js';
export * from './lambda.js';
export * from './monitoring.js';
export * from './network.js';
export * from './resource.js';
export * from './source.js';
export * from './values.js';

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
  'logs.log-group': LogGroup;
  'cloudwatch.alarm': MetricAlarm;
  'sqs.queue': SqsQueue;
  'kms.key': KmsKey;
  'apigateway.route': ApiRoute;
}

export type ResourceKind = keyof ResourceKinds;
export type Resource = ResourceKinds[ResourceKind];
