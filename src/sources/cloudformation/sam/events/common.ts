import { generateLogicalId } from '../logical-id.js';
import type { ExecutionRole } from '../role.js';
import type { SamResource } from '../sam-resource.js';
import type { JsonObject } from '../shapes.js';
import type { Origin } from '../types.js';

/** What events invoke: the function, or its alias when AutoPublishAlias is set (SAM wires events to the alias). */
export interface InvokeTarget {
  readonly functionId: string;
  /** The alias's logical id with AutoPublishAlias, else the function's. */
  readonly logicalId: string;
  /** For FunctionName: `Ref` of the alias or the function. */
  readonly name: JsonObject;
  /** For ARNs: `Ref` of the alias (its ARN) or `GetAtt` of the function's Arn. */
  readonly arn: JsonObject;
}

/** One entry of a function's `Events`, being expanded. */
export interface EventSource {
  readonly sam: SamResource;
  readonly target: InvokeTarget;
  /** The execution role SAM generates (present even when the user gave Role; then it is not emitted). */
  readonly role: ExecutionRole;
  /** The event's name (its key under Events). */
  readonly name: string;
  /** `<FunctionId><EventName>`, the prefix of every logical id the event generates. */
  readonly id: string;
  readonly type: string;
  /** The event's Properties (an empty map when absent). */
  readonly props: JsonObject;
  /** The event's entry under Events: where its generated resources come from. */
  readonly origin: Origin;
}

/** An issue on the event's property `key` when the user wrote it, else on the event itself. */
export function issue(event: EventSource, message: string, key?: string): void {
  const text = `${event.sam.id}: event ${event.name} (${event.type}): ${message}`;
  if (key !== undefined && Object.hasOwn(event.props, key)) event.sam.ctx.issue(text, event.props, key);
  else event.sam.ctx.issue(text, event.origin.node, event.origin.key);
}

interface PermissionOptions {
  readonly principal: string;
  readonly sourceArn?: unknown;
  readonly sourceAccount?: unknown;
  readonly eventSourceToken?: unknown;
  readonly suffix?: string;
  /** Logical id prefix; default the event's id. */
  readonly prefix?: string;
}

/** The AWS::Lambda::Permission a push event source gets (samtranslator PushEventSource._construct_permission). */
export function emitPermission(event: EventSource, options: PermissionOptions): string {
  const prefix = options.prefix ?? event.id;
  const suffix = options.suffix ?? '';
  const id = /^[A-Za-z0-9]*$/.test(suffix)
    ? `${prefix}Permission${suffix}`
    : generateLogicalId(`${prefix}Permission`, suffix);
  const properties: JsonObject = {
    Action: 'lambda:InvokeFunction',
    FunctionName: event.target.name,
    Principal: options.principal,
  };
  if (options.sourceArn !== undefined && options.sourceArn !== null) properties.SourceArn = options.sourceArn;
  if (options.sourceAccount !== undefined && options.sourceAccount !== null)
    properties.SourceAccount = options.sourceAccount;
  if (options.eventSourceToken !== undefined && options.eventSourceToken !== null) {
    properties.EventSourceToken = options.eventSourceToken;
  }
  event.sam.emit(id, 'AWS::Lambda::Permission', properties, event.origin);
  return id;
}

/** An SQS policy the role gets for a destination or dead-letter queue. */
export function sqsSendMessagePolicy(queueArn: unknown, logicalId: string): JsonObject {
  return oneActionPolicy(`${logicalId}SQSPolicy`, 'sqs:SendMessage', queueArn);
}

export function snsPublishPolicy(topicArn: unknown, logicalId: string): JsonObject {
  return oneActionPolicy(`${logicalId}SNSPolicy`, 'sns:publish', topicArn);
}

export function s3PutPolicy(bucketArn: unknown, logicalId: string): JsonObject {
  return {
    PolicyName: `${logicalId}S3Policy`,
    PolicyDocument: {
      Statement: [
        { Action: 's3:PutObject', Effect: 'Allow', Resource: { 'Fn::Join': ['/', [bucketArn, '*']] } },
        { Action: 's3:ListBucket', Effect: 'Allow', Resource: bucketArn },
      ],
    },
  };
}

export function eventBridgePutPolicy(busArn: unknown, logicalId: string): JsonObject {
  return oneActionPolicy(`${logicalId}EventBridgePolicy`, 'events:PutEvents', busArn);
}

export function lambdaInvokePolicy(functionArn: unknown, logicalId: string): JsonObject {
  return oneActionPolicy(`${logicalId}LambdaPolicy`, 'lambda:InvokeFunction', functionArn);
}

/** An inline policy of one Allow statement, in the key order SAM writes it. */
function oneActionPolicy(name: string, action: string, resource: unknown): JsonObject {
  return {
    PolicyName: name,
    PolicyDocument: { Statement: [{ Action: action, Effect: 'Allow', Resource: resource }] },
  };
}
