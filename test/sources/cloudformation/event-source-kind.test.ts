import { describe, expect, it } from 'vitest';
import type { EventSourceKind } from '../../../src/model/lambda.js';
import { isUnknown } from '../../../src/model/values.js';
import { scanTemplate, template } from '../../helpers/scan-template.js';
import { lambdaFunction, samFunction, samTemplate } from '../../helpers/templates.js';

/** Each mapping's source kind (`?` when unknown) and whether its ARN stayed unknown. */
function kinds(text: string): Record<string, { kind: EventSourceKind | '?'; arnUnknown: boolean }> {
  const { inventory, errors } = scanTemplate(text, []);
  expect(errors).toEqual([]);
  return Object.fromEntries(
    inventory
      .list('lambda.event-source-mapping')
      .map((m) => [
        m.id,
        { kind: isUnknown(m.sourceKind) ? '?' : m.sourceKind, arnUnknown: isUnknown(m.eventSourceArn) },
      ]),
  );
}

const parameters = (...names: string[]) =>
  `Parameters:\n${names.map((name) => `  ${name}: { Type: String }\n`).join('')}`;

describe('the source kind of an event source mapping', () => {
  it('comes from the SAM event type when the ARN is a parameter without default; the ARN stays unknown', () => {
    const event = (name: string, type: string, source: string, extra = '') => `        ${name}:
          Type: ${type}
          Properties:
            ${source}: !Ref ${name}Arn
            StartingPosition: LATEST
${extra}`;
    const events =
      event('Orders', 'MSK', 'Stream', '            Topics: [orders]\n') +
      event('Ticks', 'Kinesis', 'Stream') +
      event('Changes', 'DynamoDB', 'Stream') +
      event('Jobs', 'SQS', 'Queue').replace('            StartingPosition: LATEST\n', '') +
      event(
        'Broker',
        'MQ',
        'Broker',
        '            Queues: [q]\n            SourceAccessConfigurations:\n' +
          '              - { Type: BASIC_AUTH, URI: arn:aws:secretsmanager:us-east-1:123456789012:secret:mq }\n',
      ).replace('            StartingPosition: LATEST\n', '');
    const found = kinds(
      samTemplate(
        samFunction('Fn', `      Events:\n${events}`),
        parameters('OrdersArn', 'TicksArn', 'ChangesArn', 'JobsArn', 'BrokerArn'),
      ),
    );
    expect(found).toEqual({
      FnOrders: { kind: 'msk', arnUnknown: true },
      FnTicks: { kind: 'kinesis', arnUnknown: true },
      FnChanges: { kind: 'dynamodb-stream', arnUnknown: true },
      FnJobs: { kind: 'sqs', arnUnknown: true },
      FnBroker: { kind: 'mq', arnUnknown: true },
    });
  });

  it('comes from the ARN when the ARN tells, whatever the SAM event type', () => {
    const events = `        Changes:
          Type: Kinesis
          Properties:
            Stream: arn:aws:dynamodb:us-east-1:123456789012:table/t/stream/2024-01-01T00:00:00.000
            StartingPosition: LATEST
`;
    expect(kinds(samTemplate(samFunction('Fn', `      Events:\n${events}`)))).toEqual({
      FnChanges: { kind: 'dynamodb-stream', arnUnknown: false },
    });
  });

  it('is SQS for the queue SAM subscribes to an SNS topic', () => {
    const events = `        Topic:
          Type: SNS
          Properties:
            Topic: arn:aws:sns:us-east-1:123456789012:t
            SqsSubscription:
              QueueArn: !Ref QueueArn
              QueueUrl: !Ref QueueUrl
`;
    const found = kinds(
      samTemplate(samFunction('Fn', `      Events:\n${events}`), parameters('QueueArn', 'QueueUrl')),
    );
    expect(found).toEqual({ FnTopicEventSourceMapping: { kind: 'sqs', arnUnknown: true } });
  });

  describe('in plain CloudFormation with an ARN not known before deploy', () => {
    const mapping = (id: string, extra = '') => `  ${id}:
    Type: AWS::Lambda::EventSourceMapping
    Properties:
      FunctionName: !Ref Fn
      EventSourceArn: !Ref SourceArn
${extra}`;

    it('comes from properties only one kind of source has', () => {
      const found = kinds(
        template(
          lambdaFunction('Fn') +
            mapping('Kafka', '      Topics: [orders]\n      StartingPosition: LATEST\n') +
            mapping('Managed', '      AmazonManagedKafkaEventSourceConfig: { ConsumerGroupId: g }\n') +
            mapping('Broker', '      Queues: [orders]\n') +
            mapping('Docs', '      DocumentDBEventSourceConfig: { DatabaseName: d }\n') +
            mapping('Queue', '      ScalingConfig: { MaximumConcurrency: 5 }\n'),
          parameters('SourceArn'),
        ),
      );
      expect(found).toEqual({
        Kafka: { kind: 'msk', arnUnknown: true },
        Managed: { kind: 'msk', arnUnknown: true },
        Broker: { kind: 'mq', arnUnknown: true },
        Docs: { kind: 'documentdb', arnUnknown: true },
        Queue: { kind: 'sqs', arnUnknown: true },
      });
    });

    it('stays unknown when only properties several kinds share are set (streams: Kinesis or DynamoDB)', () => {
      const stream =
        '      StartingPosition: LATEST\n      ParallelizationFactor: 2\n      BisectBatchOnFunctionError: true\n';
      expect(
        kinds(template(lambdaFunction('Fn') + mapping('Stream', stream), parameters('SourceArn'))),
      ).toEqual({
        Stream: { kind: '?', arnUnknown: true },
      });
    });
  });
});
