import { describe, expect, it } from 'vitest';
import { expandSam } from '../../../../src/sources/cloudformation/sam/index.js';
import { samNodeFunction } from '../../../helpers/templates.js';
import { type Json, loadYaml, plain, props, resource } from './helpers.js';

const TEMPLATE = `
Transform: AWS::Serverless-2016-10-31
Resources:
  Bucket: {Type: AWS::S3::Bucket}
  Topic: {Type: AWS::SNS::Topic}
  Pool: {Type: AWS::Cognito::UserPool}
  Orders:
    Type: AWS::Serverless::Api
    Properties: {StageName: v1}
${samNodeFunction()}      Events:
        GetItem: {Type: Api, Properties: {Path: '/items/{id}/', Method: get}}
        Explicit: {Type: Api, Properties: {Path: '/{proxy+}', Method: ANY, RestApiId: !Ref Orders}}
        Http: {Type: HttpApi, Properties: {Path: /things, Method: post}}
        Upload: {Type: S3, Properties: {Bucket: !Ref Bucket, Events: 's3:ObjectCreated:*'}}
        Notify: {Type: SNS, Properties: {Topic: !Ref Topic, FilterPolicy: {kind: [order]}}}
        Buffered: {Type: SNS, Properties: {Topic: !Ref Topic, SqsSubscription: true}}
        Tick: {Type: Schedule, Properties: {Schedule: rate(5 minutes), Enabled: false, DeadLetterConfig: {Type: SQS}}}
        Bus: {Type: EventBridgeRule, Properties: {Pattern: {source: [app]}, Target: {Id: custom}}}
        Logs: {Type: CloudWatchLogs, Properties: {LogGroupName: /app/logs, FilterPattern: ERROR}}
        Iot: {Type: IoTRule, Properties: {Sql: "SELECT * FROM 'topic'"}}
        Alexa: {Type: AlexaSkill}
        SignUp: {Type: Cognito, Properties: {UserPool: !Ref Pool, Trigger: PreSignUp}}
        Nightly: {Type: ScheduleV2, Properties: {ScheduleExpression: cron(0 3 * * ? *)}}
        Stream:
          Type: Kinesis
          Properties:
            Stream: !GetAtt Kinesis.Arn
            StartingPosition: LATEST
            BisectBatchOnFunctionError: true
            MaximumRetryAttempts: 2
            FunctionResponseTypes: [ReportBatchItemFailures]
            DestinationConfig:
              OnFailure: {Type: SQS, Destination: !GetAtt Failed.Arn}
        Changes: {Type: DynamoDB, Properties: {Stream: !GetAtt Table.StreamArn, StartingPosition: TRIM_HORIZON}}
        Jobs:
          Type: SQS
          Properties:
            Queue: !GetAtt Jobs.Arn
            Enabled: false
            FilterCriteria: {Filters: [{Pattern: '{"a": [1]}'}]}
            ScalingConfig: {MaximumConcurrency: 5}
        Broker:
          Type: MQ
          Properties:
            Broker: !Ref MqBroker
            Queues: [orders]
            SourceAccessConfigurations: [{Type: BASIC_AUTH, URI: !Ref MqSecret}]
        Docs:
          Type: DocumentDB
          Properties:
            Cluster: !Ref DocCluster
            DatabaseName: app
            SourceAccessConfigurations: [{Type: BASIC_AUTH, URI: !Ref DocSecret}]
        Kafka:
          Type: SelfManagedKafka
          Properties:
            KafkaBootstrapServers: ['broker:9092']
            Topics: [orders]
            SourceAccessConfigurations:
              - {Type: SASL_SCRAM_512_AUTH, URI: !Ref KafkaSecret}
              - {Type: VPC_SUBNET, URI: subnet:subnet-1}
              - {Type: VPC_SECURITY_GROUP, URI: security_group:sg-1}
        Msk:
          Type: MSK
          Properties:
            Stream: !Ref MskCluster
            StartingPosition: LATEST
            Topics: [orders]
            ConsumerGroupId: group
`;

function expand() {
  const input = loadYaml(TEMPLATE);
  return { input, expansion: expandSam(input, { partition: 'aws' }) };
}

const eventsOf = (input: Json) => props(input, 'Fn').Events as Json;

describe('push events', () => {
  it('Api: a permission for API Gateway on the method and path, on the implicit API by default', () => {
    const { input, expansion } = expand();
    const permission = resource(expansion.template, 'FnGetItemPermissionProd');
    expect(permission.Type).toBe('AWS::Lambda::Permission');
    expect(plain(permission.Properties)).toEqual({
      Action: 'lambda:InvokeFunction',
      FunctionName: { Ref: 'Fn' },
      Principal: 'apigateway.amazonaws.com',
      SourceArn: {
        'Fn::Sub': [
          'arn:aws:execute-api:${AWS::Region}:${AWS::AccountId}:${__ApiId__}/${__Stage__}/GET/items/*',
          { __ApiId__: { Ref: 'ServerlessRestApi' }, __Stage__: '*' },
        ],
      },
    });
    expect(resource(expansion.template, 'ServerlessRestApi')).toMatchObject({
      Type: 'AWS::Serverless::Api',
      Properties: { StageName: 'Prod' },
    });
    expect(expansion.provenance.get('FnGetItemPermissionProd')).toMatchObject({
      node: eventsOf(input),
      key: 'GetItem',
    });
  });

  it('Api on an explicit API: the stage name ends the logical id, the API id is the one written', () => {
    const { input, expansion } = expand();
    const permission = props(expansion.template, 'FnExplicitPermissionv1');
    const written = (eventsOf(input).Explicit as Json).Properties as Json;
    const [arn, variables] = (permission.SourceArn as Json)['Fn::Sub'] as [string, Json];
    expect(arn).toBe('arn:aws:execute-api:${AWS::Region}:${AWS::AccountId}:${__ApiId__}/${__Stage__}/*/*');
    expect(variables.__ApiId__).toBe(written.RestApiId);
  });

  it('HttpApi: a permission for any stage, with the partition left to CloudFormation', () => {
    const { expansion } = expand();
    expect(plain(props(expansion.template, 'FnHttpPermission').SourceArn)).toEqual({
      'Fn::Sub': [
        'arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${__ApiId__}/${__Stage__}/POST/things',
        { __ApiId__: { Ref: 'ServerlessHttpApi' }, __Stage__: '*' },
      ],
    });
    expect(resource(expansion.template, 'ServerlessHttpApi').Type).toBe('AWS::Serverless::HttpApi');
  });

  it('S3: a permission for s3.amazonaws.com limited to the account', () => {
    const { expansion } = expand();
    expect(plain(props(expansion.template, 'FnUploadPermission'))).toMatchObject({
      Principal: 's3.amazonaws.com',
      SourceAccount: { Ref: 'AWS::AccountId' },
    });
    expect(props(expansion.template, 'FnUploadPermission')).not.toHaveProperty('SourceArn');
  });

  it('SNS: a permission for the topic and a subscription; with SqsSubscription a queue open to the topic only', () => {
    const { input, expansion } = expand();
    expect(plain(props(expansion.template, 'FnNotifyPermission'))).toMatchObject({
      Principal: 'sns.amazonaws.com',
      SourceArn: { Ref: 'Topic' },
    });
    const subscription = props(expansion.template, 'FnNotify');
    expect(plain(subscription)).toMatchObject({
      Protocol: 'lambda',
      Endpoint: { 'Fn::GetAtt': ['Fn', 'Arn'] },
    });
    expect(subscription.FilterPolicy).toBe(
      ((eventsOf(input).Notify as Json).Properties as Json).FilterPolicy,
    );

    expect(resource(expansion.template, 'FnBufferedQueue').Type).toBe('AWS::SQS::Queue');
    expect(plain(props(expansion.template, 'FnBufferedQueuePolicy').PolicyDocument)).toMatchObject({
      Statement: [{ Principal: '*', Condition: { ArnEquals: { 'aws:SourceArn': { Ref: 'Topic' } } } }],
    });
    expect(plain(props(expansion.template, 'FnBufferedEventSourceMapping'))).toEqual({
      FunctionName: { Ref: 'Fn' },
      EventSourceArn: { 'Fn::GetAtt': ['FnBufferedQueue', 'Arn'] },
      BatchSize: 10,
      Enabled: true,
    });
  });

  it('Schedule and EventBridgeRule: a rule targeting the function and a permission for that rule', () => {
    const { expansion } = expand();
    const rule = plain(props(expansion.template, 'FnTick'));
    expect(rule).toMatchObject({ ScheduleExpression: 'rate(5 minutes)', State: 'DISABLED' });
    expect(rule.Targets).toEqual([
      {
        Arn: { 'Fn::GetAtt': ['Fn', 'Arn'] },
        Id: 'FnTickLambdaTarget',
        DeadLetterConfig: { Arn: { 'Fn::GetAtt': ['FnTickQueue', 'Arn'] } },
      },
    ]);
    expect(plain(props(expansion.template, 'FnTickPermission'))).toMatchObject({
      Principal: 'events.amazonaws.com',
      SourceArn: { 'Fn::GetAtt': ['FnTick', 'Arn'] },
    });
    expect(resource(expansion.template, 'FnTickQueuePolicy').Type).toBe('AWS::SQS::QueuePolicy');
    expect((plain(props(expansion.template, 'FnBus').Targets) as Json[])[0]?.Id).toBe('custom');
  });

  it('CloudWatchLogs, IoTRule, AlexaSkill and Cognito: permissions as the translator writes them', () => {
    const { expansion } = expand();
    const template = expansion.template;
    expect(plain(props(template, 'FnLogsPermission').SourceArn)).toEqual({
      'Fn::Sub': [
        'arn:aws:logs:${AWS::Region}:${AWS::AccountId}:log-group:${__LogGroupName__}:*',
        { __LogGroupName__: '/app/logs' },
      ],
    });
    expect(resource(template, 'FnLogs')).toMatchObject({
      Type: 'AWS::Logs::SubscriptionFilter',
      DependsOn: ['FnLogsPermission'],
    });
    expect(plain(props(template, 'FnIotPermission'))).toMatchObject({
      Principal: 'iot.amazonaws.com',
      SourceAccount: { 'Fn::Sub': '${AWS::AccountId}' },
    });
    expect(resource(template, 'FnIot').Type).toBe('AWS::IoT::TopicRule');
    const alexa = props(template, 'FnAlexaPermission');
    expect(alexa.Principal).toBe('alexa-appkit.amazon.com');
    expect(alexa).not.toHaveProperty('EventSourceToken');
    expect(plain(props(template, 'FnCognitoPermission'))).toMatchObject({
      Principal: 'cognito-idp.amazonaws.com',
      SourceArn: { 'Fn::GetAtt': ['Pool', 'Arn'] },
    });
  });

  it('ScheduleV2: a schedule invoking the function through a role SAM creates, and no permission', () => {
    const { expansion } = expand();
    const schedule = plain(props(expansion.template, 'FnNightly'));
    expect(schedule).toMatchObject({ Name: 'FnNightly', FlexibleTimeWindow: { Mode: 'OFF' } });
    expect(schedule.Target).toEqual({
      Arn: { 'Fn::GetAtt': ['Fn', 'Arn'] },
      RoleArn: { 'Fn::GetAtt': ['FnNightlyRole', 'Arn'] },
    });
    const role = plain(props(expansion.template, 'FnNightlyRole'));
    expect(role.AssumeRolePolicyDocument).toMatchObject({
      Statement: [{ Principal: { Service: ['scheduler.amazonaws.com'] } }],
    });
    expect(role.Policies).toEqual([
      {
        PolicyName: 'FnNightlyLambdaPolicy',
        PolicyDocument: {
          Statement: [
            { Action: 'lambda:InvokeFunction', Effect: 'Allow', Resource: { 'Fn::GetAtt': ['Fn', 'Arn'] } },
          ],
        },
      },
    ]);
    expect(expansion.template.Resources).not.toHaveProperty('FnNightlyPermission');
  });
});

describe('pull events', () => {
  it('Kinesis: a mapping with the user properties, OnFailure without its Type, and the role policies', () => {
    const { input, expansion } = expand();
    const written = (eventsOf(input).Stream as Json).Properties as Json;
    const mapping = props(expansion.template, 'FnStream');
    expect(resource(expansion.template, 'FnStream').Type).toBe('AWS::Lambda::EventSourceMapping');
    expect(mapping.EventSourceArn).toBe(written.Stream);
    expect(mapping.BisectBatchOnFunctionError).toBe(true);
    expect(mapping.MaximumRetryAttempts).toBe(2);
    expect(mapping.FunctionResponseTypes).toBe(written.FunctionResponseTypes);
    const onFailure = ((written.DestinationConfig as Json).OnFailure as Json).Destination;
    expect(plain(mapping.DestinationConfig)).toEqual({
      OnFailure: { Destination: { 'Fn::GetAtt': ['Failed', 'Arn'] } },
    });
    expect(((mapping.DestinationConfig as Json).OnFailure as Json).Destination).toBe(onFailure);
    const role = plain(props(expansion.template, 'FnRole'));
    expect(role.Policies).toContainEqual({
      PolicyName: 'FnStreamSQSPolicy',
      PolicyDocument: {
        Statement: [
          { Action: 'sqs:SendMessage', Effect: 'Allow', Resource: { 'Fn::GetAtt': ['Failed', 'Arn'] } },
        ],
      },
    });
  });

  it('adds the managed policies SAM adds for Kinesis, DynamoDB, SQS and MSK', () => {
    const { expansion } = expand();
    expect(props(expansion.template, 'FnRole').ManagedPolicyArns).toEqual(
      expect.arrayContaining([
        'arn:aws:iam::aws:policy/service-role/AWSLambdaKinesisExecutionRole',
        'arn:aws:iam::aws:policy/service-role/AWSLambdaDynamoDBExecutionRole',
        'arn:aws:iam::aws:policy/service-role/AWSLambdaSQSQueueExecutionRole',
        'arn:aws:iam::aws:policy/service-role/AWSLambdaMSKExecutionRole',
      ]),
    );
  });

  it('SQS: Enabled, FilterCriteria and ScalingConfig reach the mapping', () => {
    const { input, expansion } = expand();
    const written = (eventsOf(input).Jobs as Json).Properties as Json;
    const mapping = props(expansion.template, 'FnJobs');
    expect(mapping.Enabled).toBe(false);
    expect(mapping.FilterCriteria).toBe(written.FilterCriteria);
    expect(mapping.ScalingConfig).toBe(written.ScalingConfig);
  });

  it('MQ, DocumentDB and self-managed Kafka: the inline policies SAM writes for their secrets', () => {
    const { expansion } = expand();
    const policies = plain(props(expansion.template, 'FnRole').Policies) as Json[];
    const byName = (name: string) =>
      policies.find((policy) => policy.PolicyName === name)?.PolicyDocument as Json;
    expect(byName('SamAutoGeneratedAMQPolicy').Statement).toEqual([
      { Action: ['secretsmanager:GetSecretValue'], Effect: 'Allow', Resource: { Ref: 'MqSecret' } },
      { Action: ['mq:DescribeBroker'], Effect: 'Allow', Resource: { Ref: 'MqBroker' } },
    ]);
    expect(byName('SamAutoGeneratedDocumentDBPolicy').Statement).toContainEqual({
      Action: ['rds:DescribeDBClusters'],
      Effect: 'Allow',
      Resource: { Ref: 'DocCluster' },
    });
    const kafka = byName('SelfManagedKafkaExecutionRolePolicy').Statement as Json[];
    expect(kafka[0]).toEqual({
      Action: ['secretsmanager:GetSecretValue'],
      Effect: 'Allow',
      Resource: { Ref: 'KafkaSecret' },
    });
    expect(kafka[1]).toMatchObject({
      Resource: '*',
      Action: expect.arrayContaining(['ec2:CreateNetworkInterface']),
    });
    expect(plain(props(expansion.template, 'FnKafka'))).toMatchObject({
      SelfManagedEventSource: { Endpoints: { KafkaBootstrapServers: ['broker:9092'] } },
    });
    expect(props(expansion.template, 'FnKafka')).not.toHaveProperty('EventSourceArn');
    expect(plain(props(expansion.template, 'FnMsk').AmazonManagedKafkaEventSourceConfig)).toEqual({
      ConsumerGroupId: 'group',
    });
    expect(plain(props(expansion.template, 'FnDocs').DocumentDBEventSourceConfig)).toEqual({
      DatabaseName: 'app',
    });
  });

  it('traces every generated resource to its event', () => {
    const { input, expansion } = expand();
    for (const [id, name] of [
      ['FnStream', 'Stream'],
      ['FnBufferedQueue', 'Buffered'],
      ['FnTickQueuePolicy', 'Tick'],
      ['FnNightlyRole', 'Nightly'],
    ] as const) {
      const origin = expansion.provenance.get(id);
      expect(origin?.samId, id).toBe('Fn');
      if (id === 'FnTickQueuePolicy')
        expect(origin?.node).toBe(((eventsOf(input).Tick as Json).Properties as Json).DeadLetterConfig);
      else expect(origin).toMatchObject({ node: eventsOf(input), key: name });
    }
    expect(expansion.issues).toEqual([]);
  });
});

describe('default partition', () => {
  it('leaves the partition of execute-api ARNs to CloudFormation', () => {
    const expansion = expandSam(loadYaml(TEMPLATE));
    const [arn] = (props(expansion.template, 'FnGetItemPermissionProd').SourceArn as Json)['Fn::Sub'] as [
      string,
    ];
    expect(arn.startsWith('arn:${AWS::Partition}:execute-api:')).toBe(true);
  });
});
