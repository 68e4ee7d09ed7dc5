import { generateLogicalId } from '../logical-id.js';
import { serviceTrustPolicy } from '../role.js';
import { describe, getAtt, has, isObject, isSet, type JsonObject, ref, refTarget } from '../shapes.js';
import {
  type EventSource,
  emitPermission,
  issue,
  lambdaInvokePolicy,
  sqsSendMessagePolicy,
} from './common.js';
import { emitSqsMapping } from './pull.js';

/**
 * Push event sources (samtranslator/model/eventsources/push.py, cloudwatchlogs.py, scheduler.py): a service
 * invokes the function, so SAM writes a Lambda permission for its principal, plus the rule, subscription or
 * filter that sends the events.
 */
export const PUSH_EVENT_TYPES = [
  'S3',
  'SNS',
  'Schedule',
  'ScheduleV2',
  'CloudWatchEvent',
  'EventBridgeRule',
  'CloudWatchLogs',
  'IoTRule',
  'AlexaSkill',
  'Cognito',
] as const;

export function expandPushEvent(event: EventSource): void {
  const expanders: Readonly<Record<string, (event: EventSource) => void>> = {
    S3: s3,
    SNS: sns,
    Schedule: eventsRule,
    CloudWatchEvent: eventsRule,
    EventBridgeRule: eventsRule,
    ScheduleV2: schedulerSchedule,
    CloudWatchLogs: cloudWatchLogs,
    IoTRule: iotRule,
    AlexaSkill: alexaSkill,
    Cognito: cognito,
  };
  expanders[event.type]?.(event);
}

/** Alexa: a permission for the Alexa Skills Kit, limited to the skill when SkillId is given. */
function alexaSkill(event: EventSource): void {
  emitPermission(event, { principal: 'alexa-appkit.amazon.com', eventSourceToken: event.props.SkillId });
}

/**
 * S3: a permission for s3.amazonaws.com limited to the account. SAM also adds the notification to the bucket's
 * NotificationConfiguration; the bucket is left as the user wrote it here.
 */
function s3(event: EventSource): void {
  const bucketId = refTarget(event.props.Bucket);
  if (!isObject(event.props.Bucket) || bucketId === undefined || !event.sam.ctx.isInputResource(bucketId)) {
    issue(event, 'S3 events must reference an S3 bucket in the same template', 'Bucket');
  }
  emitPermission(event, { principal: 's3.amazonaws.com', sourceAccount: ref('AWS::AccountId') });
}

function sns(event: EventSource): void {
  const { props } = event;
  if (!isSet(props.Topic)) issue(event, 'Topic is required');
  const subscription = props.SqsSubscription;
  if (!isSet(subscription)) {
    emitPermission(event, { principal: 'sns.amazonaws.com', sourceArn: props.Topic });
    emitSubscription(event, 'lambda', event.target.arn);
    return;
  }
  if (subscription === true) {
    const queueId = `${event.id}Queue`;
    const queueArn = getAtt(queueId, 'Arn');
    emitSqsMapping(event, `${event.id}EventSourceMapping`, queueArn, undefined);
    event.sam.emit(queueId, 'AWS::SQS::Queue', fifoQueueProperties(event), event.origin);
    emitQueuePolicy(event, `${event.id}QueuePolicy`, queueArn, ref(queueId));
    emitSubscription(event, 'sqs', queueArn);
    return;
  }
  if (!isObject(subscription) || !isSet(subscription.QueueArn) || !isSet(subscription.QueueUrl)) {
    issue(
      event,
      `SqsSubscription must be true or a map with QueueArn and QueueUrl, not ${describe(subscription)}`,
      'SqsSubscription',
    );
    return;
  }
  emitSqsMapping(event, `${event.id}EventSourceMapping`, subscription.QueueArn, subscription.BatchSize);
  const policyId =
    typeof subscription.QueuePolicyLogicalId === 'string'
      ? subscription.QueuePolicyLogicalId
      : `${event.id}QueuePolicy`;
  emitQueuePolicy(event, policyId, subscription.QueueArn, subscription.QueueUrl);
  emitSubscription(event, 'sqs', subscription.QueueArn);
}

/** SAM makes the generated queue FIFO when the topic is a FIFO topic in the same template. */
function fifoQueueProperties(event: EventSource): JsonObject {
  const topicId = refTarget(event.props.Topic);
  const topic = topicId === undefined ? undefined : event.sam.ctx.inputResource(topicId);
  const fifo = isObject(topic?.Properties) ? topic.Properties.FifoTopic : undefined;
  return fifo === undefined || fifo === false ? {} : { FifoQueue: fifo };
}

/** The queue policy SAM writes so the topic may send to the queue: any principal, limited by aws:SourceArn. */
function emitQueuePolicy(event: EventSource, id: string, queueArn: unknown, queueUrl: unknown): void {
  const document = {
    Version: '2012-10-17',
    Statement: [
      {
        Action: 'sqs:SendMessage',
        Effect: 'Allow',
        Principal: '*',
        Resource: queueArn,
        Condition: { ArnEquals: { 'aws:SourceArn': event.props.Topic } },
      },
    ],
  };
  event.sam.emit(id, 'AWS::SQS::QueuePolicy', { PolicyDocument: document, Queues: [queueUrl] }, event.origin);
}

function emitSubscription(event: EventSource, protocol: string, endpoint: unknown): void {
  const { props } = event;
  const subscription: JsonObject = { Protocol: protocol, Endpoint: endpoint, TopicArn: props.Topic };
  for (const key of ['Region', 'FilterPolicy', 'FilterPolicyScope', 'RedrivePolicy']) {
    if (props[key] !== undefined && props[key] !== null) subscription[key] = props[key];
  }
  event.sam.emit(event.id, 'AWS::SNS::Subscription', subscription, event.origin);
}

/** Schedule, CloudWatchEvent and EventBridgeRule: an AWS::Events::Rule targeting the function. */
function eventsRule(event: EventSource): void {
  const { props } = event;
  const rule: JsonObject = {};
  if (event.type === 'Schedule') {
    if (!isSet(props.Schedule)) issue(event, 'Schedule is required');
    rule.ScheduleExpression = props.Schedule;
  } else {
    copy(rule, props, [['EventBusName'], ['Pattern', 'EventPattern'], ['RuleName', 'Name']]);
  }
  if (isSet(props.State) && props.Enabled !== undefined && props.Enabled !== null) {
    issue(event, 'State and Enabled Properties cannot both be specified');
  }
  if (isSet(props.State)) rule.State = props.State;
  if (props.Enabled !== undefined && props.Enabled !== null)
    rule.State = props.Enabled ? 'ENABLED' : 'DISABLED';
  if (event.type === 'Schedule') copy(rule, props, [['Name'], ['Description']]);

  const ruleArn = getAtt(event.id, 'Arn');
  const deadLetterArn = ruleDeadLetterQueue(event, ruleArn);
  rule.Targets = [ruleTarget(event, deadLetterArn)];
  event.sam.emit(event.id, 'AWS::Events::Rule', rule, event.origin);
  emitPermission(event, { principal: 'events.amazonaws.com', sourceArn: ruleArn });
}

function ruleTarget(event: EventSource, deadLetterArn: unknown): JsonObject {
  const { props } = event;
  const userTarget = props.Target;
  const id =
    isObject(userTarget) && has(userTarget, 'Id') ? userTarget.Id : targetId(event.id, 'LambdaTarget');
  const target: JsonObject = { Arn: event.target.arn, Id: id };
  const keys = event.type === 'Schedule' ? ['Input'] : ['Input', 'InputPath'];
  copy(
    target,
    props,
    keys.map((key) => [key]),
  );
  if (deadLetterArn !== undefined) target.DeadLetterConfig = { Arn: deadLetterArn };
  copy(target, props, [['RetryPolicy']]);
  if (event.type !== 'Schedule') copy(target, props, [['InputTransformer']]);
  return target;
}

/** EventBridge target ids are at most 64 characters: SAM cuts the logical id, keeping the suffix. */
function targetId(logicalId: string, suffix: string): string {
  return logicalId.length + suffix.length <= 64
    ? logicalId + suffix
    : logicalId.slice(0, 64 - suffix.length) + suffix;
}

/** DeadLetterConfig of a rule: the given Arn, or (Type: SQS) a queue SAM creates with a policy for the rule. */
function ruleDeadLetterQueue(event: EventSource, ruleArn: unknown): unknown {
  const config = event.props.DeadLetterConfig;
  if (config === undefined || config === null) return undefined;
  if (!validDeadLetterConfig(event, config)) return undefined;
  if (has(config, 'Arn')) return config.Arn;
  const queueId = typeof config.QueueLogicalId === 'string' ? config.QueueLogicalId : `${event.id}Queue`;
  const queueArn = getAtt(queueId, 'Arn');
  event.sam.emit(queueId, 'AWS::SQS::Queue', {}, { node: config, key: 'Type' });
  const document = {
    Version: '2012-10-17',
    Statement: [
      {
        Action: 'sqs:SendMessage',
        Effect: 'Allow',
        Principal: { Service: 'events.amazonaws.com' },
        Resource: queueArn,
        Condition: { ArnEquals: { 'aws:SourceArn': ruleArn } },
      },
    ],
  };
  event.sam.emit(
    `${event.id}QueuePolicy`,
    'AWS::SQS::QueuePolicy',
    { PolicyDocument: document, Queues: [ref(queueId)] },
    {
      node: config,
      key: 'Type',
    },
  );
  return queueArn;
}

function validDeadLetterConfig(event: EventSource, config: unknown): config is JsonObject {
  if (!isObject(config)) {
    issue(event, `DeadLetterConfig must be a map, not ${describe(config)}`, 'DeadLetterConfig');
    return false;
  }
  if (has(config, 'Arn') === has(config, 'Type')) {
    issue(event, "DeadLetterConfig needs either 'Arn' or 'Type' (not both)", 'DeadLetterConfig');
    return has(config, 'Arn');
  }
  if (has(config, 'Type') && config.Type !== 'SQS') {
    issue(event, "the only valid value for 'Type' property of DeadLetterConfig is 'SQS'", 'DeadLetterConfig');
    return false;
  }
  return true;
}

/** ScheduleV2: an AWS::Scheduler::Schedule that invokes the function through a role SAM creates (no permission). */
function schedulerSchedule(event: EventSource): void {
  const { props } = event;
  const { sam } = event;
  if (!isSet(props.ScheduleExpression)) issue(event, 'ScheduleExpression is required');
  const schedule: JsonObject = { ScheduleExpression: props.ScheduleExpression };
  if (isSet(props.State)) schedule.State = props.State;
  if (props.OmitName === true) {
    if (isSet(props.Name)) issue(event, 'Name cannot be set when OmitName is True', 'Name');
  } else {
    schedule.Name = isSet(props.Name) ? props.Name : event.id;
  }
  copy(schedule, props, [['Description']]);
  schedule.FlexibleTimeWindow = isSet(props.FlexibleTimeWindow) ? props.FlexibleTimeWindow : { Mode: 'OFF' };
  copy(schedule, props, [
    ['StartDate'],
    ['EndDate'],
    ['ScheduleExpressionTimezone'],
    ['GroupName'],
    ['KmsKeyArn'],
  ]);
  sam.emit(event.id, 'AWS::Scheduler::Schedule', schedule, event.origin);

  let deadLetterArn: unknown;
  const config = props.DeadLetterConfig;
  if (config !== undefined && config !== null && validDeadLetterConfig(event, config)) {
    if (has(config, 'Arn')) deadLetterArn = config.Arn;
    else {
      const queueId = typeof config.QueueLogicalId === 'string' ? config.QueueLogicalId : `${event.id}Queue`;
      sam.emit(queueId, 'AWS::SQS::Queue', {}, { node: config, key: 'Type' });
      deadLetterArn = getAtt(queueId, 'Arn');
    }
  }
  let roleArn = props.RoleArn;
  if (!isSet(roleArn)) {
    const roleId = generateLogicalId(`${event.id}Role`);
    const policies = [lambdaInvokePolicy(event.target.arn, event.id)];
    if (deadLetterArn !== undefined) policies.push(sqsSendMessagePolicy(deadLetterArn, event.id));
    const role: JsonObject = {
      AssumeRolePolicyDocument: serviceTrustPolicy('scheduler.amazonaws.com'),
      Policies: policies,
    };
    if (isSet(props.PermissionsBoundary)) role.PermissionsBoundary = props.PermissionsBoundary;
    sam.emit(roleId, 'AWS::IAM::Role', role, event.origin);
    roleArn = getAtt(roleId, 'Arn');
  }
  const target: JsonObject = { Arn: event.target.arn, RoleArn: roleArn };
  copy(target, props, [['Input']]);
  if (deadLetterArn !== undefined) target.DeadLetterConfig = { Arn: deadLetterArn };
  copy(target, props, [['RetryPolicy']]);
  schedule.Target = target;
}

function cloudWatchLogs(event: EventSource): void {
  const { props, sam } = event;
  if (!isSet(props.LogGroupName)) issue(event, 'LogGroupName is required');
  const sourceArn = sam.ctx.subArn('logs', `log-group:\${__LogGroupName__}:*`, {
    __LogGroupName__: props.LogGroupName ?? null,
  });
  const permissionId = emitPermission(event, { principal: 'logs.amazonaws.com', sourceArn });
  const filter = {
    LogGroupName: props.LogGroupName,
    FilterPattern: props.FilterPattern,
    DestinationArn: event.target.arn,
  };
  sam.emit(event.id, 'AWS::Logs::SubscriptionFilter', filter, event.origin, { DependsOn: [permissionId] });
}

function iotRule(event: EventSource): void {
  const { props, sam } = event;
  const sourceArn = sam.ctx.subArn('iot', `rule/\${RuleName}`, { RuleName: ref(event.id) });
  emitPermission(event, {
    principal: 'iot.amazonaws.com',
    sourceArn,
    sourceAccount: { 'Fn::Sub': `\${AWS::AccountId}` },
  });
  const payload: JsonObject = {
    Sql: props.Sql,
    RuleDisabled: false,
    Actions: [{ Lambda: { FunctionArn: event.target.arn } }],
  };
  if (isSet(props.AwsIotSqlVersion)) payload.AwsIotSqlVersion = props.AwsIotSqlVersion;
  sam.emit(event.id, 'AWS::IoT::TopicRule', { TopicRulePayload: payload }, event.origin);
}

/**
 * Cognito: a permission `<FunctionOrAlias>CognitoPermission` for the user pool. SAM also writes the function into
 * the pool's LambdaConfig; the pool is left as the user wrote it here.
 */
function cognito(event: EventSource): void {
  const poolId = refTarget(event.props.UserPool);
  if (!isObject(event.props.UserPool) || poolId === undefined || !event.sam.ctx.isInputResource(poolId)) {
    issue(event, 'Cognito events must reference a Cognito UserPool in the same template', 'UserPool');
  }
  const sourceArn = poolId === undefined ? undefined : getAtt(poolId, 'Arn');
  emitPermission(event, {
    principal: 'cognito-idp.amazonaws.com',
    sourceArn,
    prefix: `${event.target.logicalId}Cognito`,
  });
}

/** Copies `[from, to?]` pairs that are set. */
function copy(target: JsonObject, source: JsonObject, pairs: readonly (readonly string[])[]): void {
  for (const [from, to] of pairs) {
    if (from === undefined) continue;
    const value = source[from];
    if (value !== undefined && value !== null) target[to ?? from] = value;
  }
}
