import { describe, expect, it } from 'vitest';
import check from '../../../src/checks/lambda/event-source-failures-lost.js';
import { scanTemplate, template } from '../../helpers/scan-template.js';
import { lambdaFunction, samFunction, samTemplate } from '../../helpers/templates.js';

const fn = lambdaFunction();
const mapping = (source: string, extra = '') => `  FnMapping:
    Type: AWS::Lambda::EventSourceMapping
    Properties:
      FunctionName: !Ref Fn
${source}${extra}`;
const stream = `  Stream:
    Type: AWS::Kinesis::Stream
    Properties:
      ShardCount: 1
`;
const queue = (props = '') => `  Queue:
    Type: AWS::SQS::Queue
${props ? `    Properties:\n${props}` : ''}`;
const onFailure =
  '      DestinationConfig:\n        OnFailure:\n          Destination: arn:aws:sqs:us-east-1:123456789012:failed\n';

describe('lambda.event-source-failures-lost', () => {
  it('fails a Kinesis mapping without an on-failure destination', () => {
    const { failed, errors } = scanTemplate(
      template(
        fn + stream + mapping('      EventSourceArn: !GetAtt Stream.Arn\n      StartingPosition: LATEST\n'),
      ),
      check,
    );
    expect(errors).toEqual([]);
    expect(failed).toHaveLength(1);
    expect(failed[0]?.resource.id).toBe('FnMapping');
    expect(failed[0]?.message).toContain('from a Kinesis stream');
  });

  it('fails an Amazon MSK mapping without an on-failure destination, and words it right', () => {
    const { failed } = scanTemplate(
      template(
        fn +
          mapping(
            '      EventSourceArn: arn:aws:kafka:us-east-1:123456789012:cluster/orders/abc\n' +
              '      Topics: [orders]\n      StartingPosition: LATEST\n',
          ),
      ),
      check,
    );
    expect(failed).toHaveLength(1);
    expect(failed[0]?.message).toContain('from an Amazon MSK topic');
    expect(failed[0]?.evidence).toEqual({ source: 'Amazon MSK topic' });
  });

  it('passes a DynamoDB stream mapping with an on-failure destination, pointing at it', () => {
    const { failed, passed } = scanTemplate(
      template(
        fn +
          mapping(
            '      EventSourceArn: arn:aws:dynamodb:us-east-1:123456789012:table/t/stream/2024-01-01T00:00:00.000\n      StartingPosition: LATEST\n',
            onFailure,
          ),
      ),
      check,
    );
    expect(failed).toEqual([]);
    expect(passed).toHaveLength(1);
    expect(passed[0]?.property).toBe('DestinationConfig.OnFailure.Destination');
  });

  it('fails a self-managed Kafka mapping without an on-failure destination', () => {
    const kafka = `      Topics: [orders]
      SelfManagedEventSource:
        Endpoints:
          KafkaBootstrapServers: [broker1.example.com:9092]
`;
    const { failed } = scanTemplate(template(fn + mapping(kafka)), check);
    expect(failed).toHaveLength(1);
    expect(failed[0]?.message).toContain('self-managed Kafka');
  });

  it('fails an SQS mapping whose queue has no redrive policy, pointing at the queue', () => {
    const { failed } = scanTemplate(
      template(fn + mapping('      EventSourceArn: !GetAtt Queue.Arn\n') + queue()),
      check,
    );
    expect(failed).toHaveLength(1);
    expect(failed[0]?.resource.id).toBe('FnMapping');
    expect(failed[0]?.message).toBe(
      'The source queue Queue has no redrive policy (dead-letter queue): messages that keep failing are deleted ' +
        'when their retention period ends. The location is queue Queue, where the redrive policy goes.',
    );
    expect(failed[0]?.location).toEqual({
      file: 'template.yaml',
      line: 15,
      column: 3,
      declaration: { id: 'Queue' },
    });
  });

  it('is unknown, at the queue, when the redrive policy comes from a parameter without default', () => {
    const { failed, unknown } = scanTemplate(
      template(
        fn +
          mapping('      EventSourceArn: !GetAtt Queue.Arn\n') +
          queue('      RedrivePolicy: !Ref Redrive\n'),
        'Parameters:\n  Redrive: { Type: String }\n',
      ),
      check,
    );
    expect(failed).toEqual([]);
    expect(unknown.map((f) => f.message)).toEqual([
      'The redrive policy (dead-letter queue) of the source queue Queue is not known before deploy ' +
        '(from parameter Redrive, which has no default).',
    ]);
    expect(unknown[0]?.location?.line).toBe(17);
  });

  it('passes an SQS mapping whose queue has a dead-letter queue', () => {
    const redrive =
      '      RedrivePolicy:\n        deadLetterTargetArn: !GetAtt Dlq.Arn\n        maxReceiveCount: 5\n';
    const dlq = '  Dlq:\n    Type: AWS::SQS::Queue\n';
    const { failed, passed } = scanTemplate(
      template(fn + mapping('      EventSourceArn: !GetAtt Queue.Arn\n') + queue(redrive) + dlq),
      check,
    );
    expect(failed).toEqual([]);
    expect(passed).toHaveLength(1);
  });

  it('reads a redrive policy written as JSON text with !Sub: the queue it names, or one given at deploy', () => {
    const dlq = '  Dlq:\n    Type: AWS::SQS::Queue\n';
    const scanWith = (redrive: string, parameters?: string) =>
      scanTemplate(
        template(
          fn + mapping('      EventSourceArn: !GetAtt Queue.Arn\n') + queue(redrive) + dlq,
          parameters,
        ),
        check,
      );
    const named = scanWith(
      `      RedrivePolicy: !Sub '{"deadLetterTargetArn":"\${Dlq.Arn}","maxReceiveCount":5}'\n`,
    );
    expect(named.passed.map((f) => f.message)).toEqual(['queue Queue sends failed messages to Dlq']);
    const fromParameter = scanWith(
      `      RedrivePolicy: !Sub '{"deadLetterTargetArn":"\${DlqArn}","maxReceiveCount":5}'\n`,
      'Parameters:\n  DlqArn: { Type: String }\n',
    );
    expect(fromParameter.passed.map((f) => f.message)).toEqual([
      'queue Queue sends failed messages to the queue its redrive policy names (from parameter DlqArn, which has ' +
        'no default), which SQS requires to exist: no deploy leaves it empty',
    ]);
    // A placeholder in a key (as a policy document's is not) leaves the key as written: the queue is still read.
    const keyed = scanWith(
      `      RedrivePolicy: !Sub '{"deadLetterTargetArn":"\${Dlq.Arn}","\${Count}":5,"x":{"\${Count}":"\${Dlq}"}}'\n`,
      'Parameters:\n  Count: { Type: String }\n',
    );
    expect(keyed.passed.map((f) => f.message)).toEqual(['queue Queue sends failed messages to Dlq']);
  });

  describe('a redrive policy of JSON text built of values: !Sub with a placeholder outside a string, !Join', () => {
    const dlq = '  Dlq:\n    Type: AWS::SQS::Queue\n';
    const scanWith = (redrive: string, parameters?: string) =>
      scanTemplate(
        template(
          fn +
            mapping('      EventSourceArn: !GetAtt Queue.Arn\n') +
            queue(`      RedrivePolicy: ${redrive}\n`) +
            dlq,
          parameters,
        ),
        check,
      );
    const text = (count: string) => `'{"deadLetterTargetArn": "\${Dlq.Arn}", "maxReceiveCount": ${count}}'`;

    // It named the whole text as the queue: `sends failed messages to {"deadLetterTargetArn": "${Dlq.Arn}", ...}`.
    it('reads the queue where the placeholder is known: a parameter default, a variable of the Sub', () => {
      for (const [redrive, parameters] of [
        [`!Sub ${text('${Count}')}`, 'Parameters:\n  Count: { Type: Number, Default: 5 }\n'],
        [`!Sub [${text('${N}')}, {N: 3}]`, undefined],
      ] as const) {
        const { passed, unknown, failed, errors } = scanWith(redrive, parameters);
        expect([unknown, failed, errors]).toEqual([[], [], []]);
        expect(passed.map((f) => f.message)).toEqual(['queue Queue sends failed messages to Dlq']);
      }
    });

    it('reads what a known placeholder outside a string puts in the text, a key and its queue too', () => {
      const { passed } = scanWith(
        '!Sub [\'{${Target} "maxReceiveCount": 4}\', ' +
          '{Target: \'"deadLetterTargetArn": "arn:aws:sqs:us-east-1:123456789012:jobs-dlq",\'}]',
      );
      expect(passed.map((f) => f.message)).toEqual([
        'queue Queue sends failed messages to arn:aws:sqs:us-east-1:123456789012:jobs-dlq',
      ]);
    });

    it('is unknown where the placeholder is not known before deploy, never naming the text as the queue', () => {
      for (const [redrive, parameters, why] of [
        [
          `!Sub ${text('${Count}')}`,
          'Parameters:\n  Count: { Type: Number }\n',
          'its JSON text holds ${Count} outside a string: from parameter Count, which has no default',
        ],
        [
          `!Sub [${text('${N}')}, {N: !Ref Count}]`,
          'Parameters:\n  Count: { Type: Number }\n',
          'its JSON text holds ${N} outside a string: from parameter Count, which has no default',
        ],
        [
          `!Sub ${text('${Dlq}')}`,
          undefined,
          'its JSON text holds ${Dlq} outside a string: reference to resource Dlq',
        ],
      ] as const) {
        const { passed, unknown, failed } = scanWith(redrive, parameters);
        expect([passed, failed]).toEqual([[], []]);
        expect(unknown.map((f) => f.message)).toEqual([
          `The redrive policy (dead-letter queue) of the source queue Queue is not known before deploy (${why}).`,
        ]);
      }
    });

    it('is unknown where the text the placeholder makes is not JSON', () => {
      const { unknown } = scanWith(`!Sub [${text('${N}')}, {N: five}]`);
      expect(unknown.map((f) => f.message)).toEqual([
        'The redrive policy (dead-letter queue) of the source queue Queue is not known before deploy ' +
          '(RedrivePolicy is not valid JSON).',
      ]);
    });

    it('is unknown for JSON text a !Join builds of a value not known, never naming the text as the queue', () => {
      const { unknown, passed } = scanWith(
        `!Join ['', ['{"deadLetterTargetArn": "', !GetAtt Dlq.Arn, '", "maxReceiveCount": 5}']]`,
      );
      expect(passed).toEqual([]);
      expect(unknown.map((f) => f.message)).toEqual([
        'The redrive policy (dead-letter queue) of the source queue Queue is not known before deploy ' +
          '(attribute Arn of resource Dlq).',
      ]);
    });

    it('tells a name the text holds that is neither a parameter nor a resource once, at the text', () => {
      const { unknown, errors } = scanWith(`!Sub ${text('${Nope}')}`);
      expect(unknown).toHaveLength(1);
      expect(errors.map((e) => [e.message, e.line, e.column, e.resource])).toEqual([
        [
          'Queue: ${Nope} in Fn::Sub names "Nope", which is neither a parameter, a resource nor a variable of the Sub ' +
            '(CloudFormation refuses the template: Unresolved resource dependencies [Nope] in the Resources block)',
          18,
          22,
          'Queue',
        ],
      ]);
    });
  });

  describe('a dead-letter queue ARN not known before deploy, in a redrive policy the template writes', () => {
    const scanWith = (deadLetterTargetArn: string, parameters?: string) =>
      scanTemplate(
        template(
          fn +
            mapping('      EventSourceArn: !GetAtt Queue.Arn\n') +
            queue(
              `      RedrivePolicy:\n        deadLetterTargetArn: ${deadLetterTargetArn}\n        maxReceiveCount: 5\n`,
            ),
          parameters,
        ),
        check,
      );

    // SQS refuses a redrive policy whose deadLetterTargetArn is not an existing queue, '' included: whatever a
    // deploy gives the parameter or the export, the queue that deploys has a dead-letter queue.
    it('passes a parameter without default, constrained or not, and an import, saying SQS requires the queue', () => {
      for (const [arn, parameters, reason] of [
        [
          '!Ref DlqArn',
          'Parameters:\n  DlqArn: { Type: String }\n',
          'from parameter DlqArn, which has no default',
        ],
        [
          '!Ref DlqArn',
          'Parameters:\n  DlqArn: { Type: String, MinLength: 20 }\n',
          'from parameter DlqArn, which has no default',
        ],
        ['!ImportValue shared-dlq-arn', undefined, 'imported from another stack (shared-dlq-arn)'],
      ] as const) {
        const { passed, unknown, failed } = scanWith(arn, parameters);
        expect([unknown, failed]).toEqual([[], []]);
        expect(passed.map((f) => f.message)).toEqual([
          `queue Queue sends failed messages to the queue its redrive policy names (${reason}), which SQS requires to exist: no deploy leaves it empty`,
        ]);
      }
    });

    it('still fails a redrive policy whose deadLetterTargetArn is written empty', () => {
      const { failed } = scanWith("''");
      expect(failed.map((f) => f.evidence)).toEqual([{ queue: 'Queue' }]);
    });

    it('judges the queue a scan is given with -p as that queue', () => {
      const { passed } = scanTemplate(
        template(
          fn +
            mapping('      EventSourceArn: !GetAtt Queue.Arn\n') +
            queue(
              '      RedrivePolicy:\n        deadLetterTargetArn: !Ref DlqArn\n        maxReceiveCount: 5\n',
            ),
          'Parameters:\n  DlqArn: { Type: String }\n',
        ),
        check,
        { parameters: { DlqArn: 'arn:aws:sqs:us-east-1:123456789012:jobs-dlq' } },
      );
      expect(passed.map((f) => f.message)).toEqual([
        'queue Queue sends failed messages to arn:aws:sqs:us-east-1:123456789012:jobs-dlq',
      ]);
    });
  });

  it('says so when the source queue is itself the dead-letter queue of another', () => {
    const redrive =
      '      RedrivePolicy:\n        deadLetterTargetArn: !GetAtt Dlq.Arn\n        maxReceiveCount: 5\n';
    const dlq = '  Dlq:\n    Type: AWS::SQS::Queue\n';
    const { failed } = scanTemplate(
      template(fn + mapping('      EventSourceArn: !GetAtt Dlq.Arn\n') + queue(redrive) + dlq),
      check,
    );
    expect(failed.map((f) => f.message)).toEqual([
      'The source queue Dlq has no redrive policy (dead-letter queue): messages that keep failing are deleted ' +
        'when their retention period ends. It is itself the dead-letter queue of Queue: messages that failed there ' +
        'are lost for good if they fail here too. The location is queue Dlq, where the redrive policy goes.',
    ]);
  });

  it('is unknown for a queue that is not in this template', () => {
    const { failed, unknown } = scanTemplate(
      template(fn + mapping('      EventSourceArn: arn:aws:sqs:us-east-1:123456789012:orders\n')),
      check,
    );
    expect(failed).toEqual([]);
    expect(unknown).toHaveLength(1);
    expect(unknown[0]?.message).toContain('not in this template');
  });

  it('is unknown when the source comes from a parameter without default', () => {
    const { failed, unknown } = scanTemplate(
      template(
        fn + mapping('      EventSourceArn: !Ref Source\n'),
        'Parameters:\n  Source: { Type: String }\n',
      ),
      check,
    );
    expect(failed).toEqual([]);
    expect(unknown).toHaveLength(1);
    expect(unknown[0]?.message).toContain('parameter Source');
  });

  it('reads the service of an ARN built with ${AWS::Partition}, whose colons are not the ARN’s', () => {
    const arn = (service: string, rest: string) =>
      `      EventSourceArn: !Sub 'arn:\${AWS::Partition}:${service}:\${AWS::Region}:\${AWS::AccountId}:${rest}'\n`;
    const parameters = 'Parameters:\n  Name: { Type: String }\n';
    const kinesis = scanTemplate(
      template(
        fn + mapping(arn('kinesis', 'stream/${Name}'), '      StartingPosition: LATEST\n'),
        parameters,
      ),
      check,
    );
    expect(kinesis.failed.map((f) => f.message)).toEqual([
      'The mapping from a Kinesis stream has no on-failure destination: records that keep failing are lost.',
    ]);
    const sqs = scanTemplate(template(fn + mapping(arn('sqs', '${Name}')), parameters), check);
    expect(sqs.unknown.map((f) => f.message)).toEqual([
      'The source queue is not known before deploy (from parameter Name, which has no default).',
    ]);
  });

  it('judges a mapping with an unknown ARN by properties only Kafka has (Topics)', () => {
    const { failed } = scanTemplate(
      template(
        fn +
          mapping(
            '      EventSourceArn: !Ref Source\n      Topics: [orders]\n      StartingPosition: LATEST\n',
          ),
        'Parameters:\n  Source: { Type: String }\n',
      ),
      check,
    );
    expect(failed[0]?.message).toContain('from an Amazon MSK topic');
  });

  it('is unknown when the on-failure destination comes from a parameter without default', () => {
    const destination =
      '      DestinationConfig:\n        OnFailure:\n          Destination: !Ref FailedArn\n';
    const { failed, unknown } = scanTemplate(
      template(
        fn +
          stream +
          mapping('      EventSourceArn: !GetAtt Stream.Arn\n      StartingPosition: LATEST\n', destination),
        'Parameters:\n  FailedArn: { Type: String }\n',
      ),
      check,
    );
    expect(failed).toEqual([]);
    expect(unknown).toHaveLength(1);
  });

  it('passes an on-failure destination whose ARN is built with pseudo parameters: it is set, whatever the partition', () => {
    const joined = `      DestinationConfig:
        OnFailure:
          Destination: !Join ['', ['arn:', !Ref AWS::Partition, ':sqs:', !Ref AWS::Region, ':', !Ref AWS::AccountId, ':failed']]
`;
    const { passed, unknown } = scanTemplate(
      template(
        fn +
          stream +
          mapping('      EventSourceArn: !GetAtt Stream.Arn\n      StartingPosition: LATEST\n', joined),
      ),
      check,
    );
    expect(unknown).toEqual([]);
    expect(passed[0]?.message).toBe(
      'failed batches go to arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:failed',
    );
  });

  it('passes an SQS source whose dead-letter queue ARN is built with !Sub of pseudo parameters', () => {
    const redrive = `      RedrivePolicy:
        deadLetterTargetArn: !Sub 'arn:\${AWS::Partition}:sqs:\${AWS::Region}:\${AWS::AccountId}:jobs-dlq'
        maxReceiveCount: 5
`;
    const { passed, unknown } = scanTemplate(
      template(fn + queue(redrive) + mapping('      EventSourceArn: !GetAtt Queue.Arn\n')),
      check,
    );
    expect(unknown).toEqual([]);
    expect(passed).toHaveLength(1);
  });

  it('does not evaluate Amazon MQ mappings', () => {
    const mq =
      '      EventSourceArn: arn:aws:mq:us-east-1:123456789012:broker:b:b-0abc\n      Queues: [orders]\n';
    expect(scanTemplate(template(fn + mapping(mq)), check).findings).toEqual([]);
  });

  it('is unknown, not silent, for a source ARN of no kind Parapet knows', () => {
    const odd =
      '      EventSourceArn: arn:aws:lambda:eu-west-3:123456789012:event-source-mapping:0abc\n      Topics: [orders]\n';
    const { findings, unknown } = scanTemplate(template(fn + mapping(odd)), check);
    expect(findings).toHaveLength(1);
    expect(unknown[0]?.message).toBe(
      'Parapet cannot tell what kind of event source arn:aws:lambda:eu-west-3:123456789012:event-source-mapping:0abc is, so not whether failed records are kept.',
    );
    expect(unknown[0]?.property).toBe('EventSourceArn');
  });

  describe('SAM', () => {
    const samFn = (events: string) =>
      samTemplate(`  Queue:
    Type: AWS::SQS::Queue
  Stream:
    Type: AWS::Kinesis::Stream
    Properties:
      ShardCount: 1
${samFunction('Fn', `      Events:\n${events}`)}`);

    it('fails an SQS event whose queue has no redrive policy, on the SAM function, pointing at the queue', () => {
      const { failed, errors } = scanTemplate(
        samFn(
          '        Jobs:\n          Type: SQS\n          Properties:\n            Queue: !GetAtt Queue.Arn\n',
        ),
        check,
      );
      expect(errors).toEqual([]);
      expect(failed).toHaveLength(1);
      expect(failed[0]?.resource.id).toBe('Fn');
      expect(failed[0]?.resource.generated?.type).toBe('AWS::Lambda::EventSourceMapping');
      expect(failed[0]?.location).toEqual({
        file: 'template.yaml',
        line: 4,
        column: 3,
        declaration: { id: 'Queue' },
      });
    });

    it('judges an MSK, Kinesis or DynamoDB event by its type when the ARN is a parameter without default', () => {
      const event = (type: string, extra = '') => `        Source:
          Type: ${type}
          Properties:
            Stream: !Ref SourceArn
            StartingPosition: LATEST
${extra}`;
      const parameter = 'Parameters:\n  SourceArn: { Type: String }\n';
      const cases: [string, string, string][] = [
        ['MSK', '            Topics: [orders]\n', 'from an Amazon MSK topic'],
        ['Kinesis', '', 'from a Kinesis stream'],
        ['DynamoDB', '', 'from a DynamoDB stream'],
      ];
      for (const [type, extra, words] of cases) {
        const { failed, unknown } = scanTemplate(
          samTemplate(samFunction('Fn', `      Events:\n${event(type, extra)}`), parameter),
          check,
        );
        expect(unknown).toEqual([]);
        expect(failed.map((f) => f.message)).toEqual([
          `The mapping ${words} has no on-failure destination: records that keep failing are lost.`,
        ]);
      }
      const withDestination = scanTemplate(
        samTemplate(
          samFunction(
            'Fn',
            `      Events:\n${event('MSK', '            Topics: [orders]\n            DestinationConfig:\n              OnFailure:\n                Type: SQS\n                Destination: arn:aws:sqs:us-east-1:123456789012:failed\n')}`,
          ),
          parameter,
        ),
        check,
      );
      expect(withDestination.passed).toHaveLength(1);
    });

    it('is still unknown for an SQS event whose queue is a parameter: the queue is needed, not only its kind', () => {
      const jobs =
        '        Jobs:\n          Type: SQS\n          Properties:\n            Queue: !Ref QueueArn\n';
      const { unknown, failed } = scanTemplate(
        samTemplate(
          samFunction('Fn', `      Events:\n${jobs}`),
          'Parameters:\n  QueueArn: { Type: String }\n',
        ),
        check,
      );
      expect(failed).toEqual([]);
      expect(unknown[0]?.message).toContain('The source queue is not known before deploy');
    });

    it('takes the kind from the event type when the source parameter\'s default is "", and says Lambda refuses it', () => {
      const event = (type: string, property: string) =>
        `        Source:\n          Type: ${type}\n          Properties:\n            ${property}: !Ref SourceArn\n` +
        `${type === 'SQS' ? '' : '            StartingPosition: LATEST\n'}`;
      const scan = (type: string, property: string) =>
        scanTemplate(
          samTemplate(
            samFunction('Fn', `      Events:\n${event(type, property)}`),
            "Parameters:\n  SourceArn:\n    Type: String\n    Default: ''\n",
          ),
          check,
        );
      const refused = (property: string, type: string) =>
        `Fn: ${property} of the ${type} event that makes FnSource is "" (the default of parameter SourceArn), not an ` +
        'ARN: Lambda takes only the ARN of an event source, so a deploy that keeps that default fails';

      // As with no default at all: a Kinesis source without an on-failure destination fails.
      const kinesis = scan('Kinesis', 'Stream');
      expect(kinesis.unknown).toEqual([]);
      expect(kinesis.failed.map((f) => [f.message, f.assumptions])).toEqual([
        [
          'The mapping from a Kinesis stream has no on-failure destination: records that keep failing are lost.',
          undefined,
        ],
      ]);
      expect(kinesis.errors.map((e) => [e.line, e.column, e.message])).toEqual([
        [18, 21, refused('Stream', 'Kinesis')],
      ]);

      // An SQS source: the queue the deploy gives is not known, and no message names an empty queue.
      const sqs = scan('SQS', 'Queue');
      expect(sqs.failed).toEqual([]);
      expect(sqs.unknown.map((f) => f.message)).toEqual([
        'The source queue is not a valid value ("", not an ARN; see the scan error).',
      ]);
      expect(sqs.errors.map((e) => e.message)).toEqual([refused('Queue', 'SQS')]);
    });

    it('says so of an EventSourceArn written "" and names no empty source', () => {
      const { unknown, errors } = scanTemplate(
        template(`${fn}${mapping("      EventSourceArn: ''\n      StartingPosition: LATEST\n")}`),
        check,
      );
      expect(errors.map((e) => e.message)).toEqual([
        'EventSourceArn of FnMapping is "", not an ARN: Lambda takes only the ARN of an event source, so ' +
          'CloudFormation fails the deploy',
      ]);
      expect(unknown.map((f) => f.message)).toEqual([
        'The event source is not a valid value ("", not an ARN; see the scan error).',
      ]);
    });

    it('passes a Kinesis event with an on-failure destination', () => {
      const kinesis = `        Ticks:
          Type: Kinesis
          Properties:
            Stream: !GetAtt Stream.Arn
            StartingPosition: LATEST
            DestinationConfig:
              OnFailure:
                Destination: !GetAtt Queue.Arn
`;
      const { failed, passed } = scanTemplate(samFn(kinesis), check);
      expect(failed).toEqual([]);
      expect(passed).toHaveLength(1);
      expect(passed[0]?.resource.id).toBe('Fn');
    });
  });
});
