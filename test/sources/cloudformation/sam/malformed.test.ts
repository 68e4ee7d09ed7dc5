import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expandSam, isSamTemplate } from '../../../../src/sources/cloudformation/sam/index.js';
import { samNodeFunction } from '../../../helpers/templates.js';
import { type Json, loadYaml, props, resource } from './helpers.js';

function expandYaml(text: string) {
  const input = loadYaml(text);
  return { input, expansion: expandSam(input, { partition: 'aws' }) };
}

const messages = (expansion: ReturnType<typeof expandSam>) => expansion.issues.map((issue) => issue.message);

describe('malformed input becomes an issue, never an exception', () => {
  it('Properties: !If leaves the resource as written, with an issue on it', () => {
    const { input, expansion } = expandYaml(`
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties: !If [IsProd, {CodeUri: s3://b/k, Handler: a.b, Runtime: nodejs22.x}, {InlineCode: x}]
`);
    expect(resource(expansion.template, 'Fn')).toBe(resource(input, 'Fn'));
    expect(expansion.issues).toEqual([
      { message: expect.stringContaining('Properties'), node: resource(input, 'Fn'), key: 'Properties' },
    ]);
  });

  it('Events that are not a map, or events without a known Type, are reported and skipped', () => {
    const a = expandYaml(`
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties: {CodeUri: s3://b/k, Handler: a.b, Runtime: nodejs22.x, Events: not-a-map}
`);
    expect(resource(a.expansion.template, 'Fn').Type).toBe('AWS::Lambda::Function');
    expect(messages(a.expansion)).toEqual([expect.stringContaining('Events must be a map')]);

    const b = expandYaml(`
Resources:
${samNodeFunction()}      Events:
        Listed: [1, 2]
        Strange: {Type: Carrier-Pigeon}
        Conditional: {Type: SQS, Properties: !If [C, {Queue: a}, {Queue: b}]}
        Fine: {Type: SQS, Properties: {Queue: arn:aws:sqs:us-east-1:111122223333:q}}
`);
    expect(messages(b.expansion)).toHaveLength(3);
    const events = props(b.input, 'Fn').Events as Json;
    expect(b.expansion.issues[0]).toMatchObject({ node: events, key: 'Listed' });
    expect(b.expansion.issues[1]).toMatchObject({ node: events.Strange, key: 'Type' });
    expect(resource(b.expansion.template, 'FnFine').Type).toBe('AWS::Lambda::EventSourceMapping');
  });

  it('a property SAM does not define is an issue at it when close to one it does, or a resource attribute', () => {
    const { input, expansion } = expandYaml(`
Resources:
${samNodeFunction()}      Timeot: 3
      IgnoreGlobals: [Tracing]
      SomeNewLambdaSetting: {Enabled: true}
      Connectors:
        ToTable: {Properties: {Destination: {Id: Table}, Permissions: [Read]}}
`);
    const fn = props(input, 'Fn');
    expect(expansion.issues).toEqual([
      {
        message:
          'Fn: property Timeot not defined for resource of type AWS::Serverless::Function, SAM rejects it; did you mean Timeout?',
        node: fn,
        key: 'Timeot',
      },
      {
        message:
          'Fn: property IgnoreGlobals not defined for resource of type AWS::Serverless::Function, SAM rejects it: ' +
          'IgnoreGlobals is a resource attribute, write it beside Type',
        node: fn,
        key: 'IgnoreGlobals',
      },
      {
        // SAM would make no connector of it.
        message:
          'Fn: property Connectors not defined for resource of type AWS::Serverless::Function, SAM rejects it: ' +
          'Connectors is a resource attribute, write it beside Type',
        node: fn,
        key: 'Connectors',
      },
    ]);
    // Far from every property SAM defines: more likely one added since, passed through as written.
    expect(props(expansion.template, 'Fn').SomeNewLambdaSetting).toEqual({ Enabled: true });
    expect(props(expansion.template, 'Fn').Timeot).toBe(3);
  });

  it('odd shapes of Policies, DeadLetterQueue, Tags, FunctionUrlConfig and EventInvokeConfig', () => {
    const { expansion } = expandYaml(`
Resources:
${samNodeFunction()}      Policies: 42
      DeadLetterQueue: {Type: Kinesis, TargetArn: arn:x}
      Tags: [a, b]
      FunctionUrlConfig: !If [Public, {AuthType: NONE}, !Ref AWS::NoValue]
      EventInvokeConfig: nope
      Events:
        Stream:
          Type: Kinesis
          Properties: {Stream: arn:k, StartingPosition: LATEST, DestinationConfig: somewhere}
`);
    const found = messages(expansion).join('\n');
    for (const word of [
      'Policies',
      'DeadLetterQueue',
      'Tags',
      'FunctionUrlConfig',
      'EventInvokeConfig',
      'DestinationConfig',
    ]) {
      expect(found).toContain(word);
    }
    expect(resource(expansion.template, 'FnRole').Type).toBe('AWS::IAM::Role');
    expect(props(expansion.template, 'Fn').DeadLetterConfig).toEqual({ TargetArn: 'arn:x' });
  });

  it('a logical id SAM would generate that the template already uses: the user resource stays', () => {
    const { input, expansion } = expandYaml(`
Resources:
  FnRole: {Type: AWS::SNS::Topic}
  Fn:
    Type: AWS::Serverless::Function
    Properties: {CodeUri: s3://b/k, Handler: a.b, Runtime: nodejs22.x}
`);
    expect(resource(expansion.template, 'FnRole')).toBe(resource(input, 'FnRole'));
    expect(messages(expansion)).toEqual([expect.stringContaining("'FnRole'")]);
  });

  it('a template without Resources, or not a map at all', () => {
    const noResources = expandSam({ Transform: 'AWS::Serverless-2016-10-31', Resources: 'x' });
    expect(noResources.issues).toHaveLength(1);
    const notAMap = expandSam(null as unknown as Record<string, unknown>);
    expect(notAMap.template).toBeNull();
    expect(notAMap.issues).toHaveLength(1);
  });

  it('a SAM type Parapet does not know is left as written, with an issue', () => {
    const { input, expansion } = expandYaml(`
Resources:
  Thing: {Type: AWS::Serverless::Teleporter, Properties: {Range: 3}}
`);
    expect(resource(expansion.template, 'Thing')).toBe(resource(input, 'Thing'));
    expect(messages(expansion)).toEqual([expect.stringContaining('AWS::Serverless::Teleporter')]);
  });
});

describe('isSamTemplate', () => {
  it('recognises the transform given alone or in a list', () => {
    expect(isSamTemplate({ Transform: 'AWS::Serverless-2016-10-31' })).toBe(true);
    expect(isSamTemplate({ Transform: ['AWS::LanguageExtensions', 'AWS::Serverless-2016-10-31'] })).toBe(
      true,
    );
    expect(isSamTemplate({ Transform: 'AWS::LanguageExtensions' })).toBe(false);
    expect(isSamTemplate({ Resources: {} })).toBe(false);
  });

  it('keeps other transforms in the output', () => {
    const expansion = expandSam({
      Transform: ['AWS::LanguageExtensions', 'AWS::Serverless-2016-10-31'],
      Resources: {},
    });
    expect(expansion.template.Transform).toEqual(['AWS::LanguageExtensions']);
  });
});

const SAM_TYPES = [
  'AWS::Serverless::Function',
  'AWS::Serverless::Api',
  'AWS::Serverless::HttpApi',
  'AWS::Serverless::LayerVersion',
  'AWS::Serverless::SimpleTable',
  'AWS::Serverless::StateMachine',
  'AWS::S3::Bucket',
];
const EVENT_TYPES = [
  'Api',
  'HttpApi',
  'S3',
  'SNS',
  'SQS',
  'Kinesis',
  'DynamoDB',
  'MSK',
  'SelfManagedKafka',
  'MQ',
  'DocumentDB',
];
const MORE_EVENT_TYPES = [
  'Schedule',
  'ScheduleV2',
  'EventBridgeRule',
  'CloudWatchEvent',
  'CloudWatchLogs',
  'IoTRule',
  'AlexaSkill',
  'Cognito',
];
const KEYS = [
  'Type',
  'Properties',
  'Policies',
  'Statement',
  'Role',
  'CodeUri',
  'InlineCode',
  'Environment',
  'Variables',
  'Tags',
  'Layers',
  'VpcConfig',
  'Tracing',
  'DeadLetterQueue',
  'TargetArn',
  'FunctionUrlConfig',
  'AuthType',
  'Cors',
  'EventInvokeConfig',
  'DestinationConfig',
  'OnSuccess',
  'OnFailure',
  'Destination',
  'AutoPublishAlias',
  'Path',
  'Method',
  'RestApiId',
  'ApiId',
  'Queue',
  'Stream',
  'Topic',
  'Bucket',
  'SqsSubscription',
  'QueueArn',
  'QueueUrl',
  'DeadLetterConfig',
  'SourceAccessConfigurations',
  'URI',
  'PrimaryKey',
  'Name',
  'ContentUri',
  'StageName',
  'DynamoDBCrudPolicy',
  'TableName',
  'Fn::If',
  'Ref',
  'IgnoreGlobals',
];

const EVENT_KEYS = [
  'Queue',
  'Stream',
  'Topic',
  'Bucket',
  'Path',
  'Method',
  'RestApiId',
  'ApiId',
  'DestinationConfig',
  'OnFailure',
  'Type',
  'Destination',
  'SqsSubscription',
  'QueueArn',
  'QueueUrl',
  'DeadLetterConfig',
  'SourceAccessConfigurations',
  'URI',
  'Schedule',
  'ScheduleExpression',
  'UserPool',
  'Broker',
  'Cluster',
  'KafkaBootstrapServers',
  'Topics',
  'LogGroupName',
  'SkillId',
  'Enabled',
  'Target',
  'Pattern',
  'SchemaRegistryConfig',
];

const junk = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.string({ maxLength: 6 }),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.constantFrom('NONE', 'SQS', 'SNS', 'Active', 'Lambda', 'Disabled', 'arn:aws:sqs:us-east-1:1:q', '*'),
    fc.record({ Ref: fc.constantFrom('AWS::NoValue', 'Thing', 'ServerlessRestApi') }),
    fc.record({ 'Fn::If': fc.tuple(fc.constantFrom('C'), tie('value'), tie('value')) }),
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(fc.constantFrom(...KEYS), tie('value'), { maxKeys: 4 }),
  ),
})).value;

const event = fc.record(
  {
    Type: fc.constantFrom(...EVENT_TYPES, ...MORE_EVENT_TYPES),
    Properties: fc.oneof(
      {
        arbitrary: fc.dictionary(fc.constantFrom(...EVENT_KEYS), junk, { minKeys: 1, maxKeys: 6 }),
        weight: 4,
      },
      { arbitrary: junk, weight: 1 },
    ),
  },
  { requiredKeys: ['Type'] },
);
const events = fc.dictionary(
  fc.string({ minLength: 1, maxLength: 4 }),
  fc.oneof({ arbitrary: event, weight: 5 }, junk),
  {
    minKeys: 1,
    maxKeys: 4,
  },
);
const properties = fc
  .dictionary(fc.constantFrom(...KEYS), junk, { maxKeys: 8 })
  .chain((base) =>
    fc.option(events, { freq: 4 }).map((found) => (found === null ? base : { ...base, Events: found })),
  );
const samResource = fc.record(
  {
    Type: fc.oneof(
      { arbitrary: fc.constant('AWS::Serverless::Function'), weight: 4 },
      fc.constantFrom(...SAM_TYPES),
    ),
    Properties: fc.oneof({ arbitrary: properties, weight: 6 }, junk),
    Condition: fc.constant('C'),
    IgnoreGlobals: junk,
  },
  { requiredKeys: ['Type'] },
);
const template = fc.record(
  {
    Transform: fc.constant('AWS::Serverless-2016-10-31'),
    Globals: fc.oneof(junk, fc.record({ Function: properties, Api: junk })),
    Resources: fc.oneof(
      {
        arbitrary: fc.dictionary(
          fc.string({ minLength: 1, maxLength: 5 }),
          fc.oneof({ arbitrary: samResource, weight: 6 }, junk),
          {
            minKeys: 1,
            maxKeys: 5,
          },
        ),
        weight: 9,
      },
      junk,
    ),
  },
  { requiredKeys: ['Resources'] },
);

describe('expandSam on random junk', () => {
  it('never throws, never falls back to its safety net, and never changes its input', () => {
    fc.assert(
      fc.property(template, (input) => {
        const before = structuredClone(input);
        const expansion = expandSam(input as Record<string, unknown>);
        expect(input).toEqual(before);
        expect(messages(expansion).filter((message) => message.includes('failed unexpectedly'))).toEqual([]);
        expect(JSON.parse(JSON.stringify(expansion.template))).toBeDefined();
      }),
      { numRuns: 1500 },
    );
    // 1,500 random templates take ~15 s alone and took 38 s beside other suites on a busy 2-core machine.
  }, 120_000);
});
