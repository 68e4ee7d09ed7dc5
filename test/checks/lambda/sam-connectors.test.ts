import { describe, expect, it } from 'vitest';
import asyncNoFailureDestination from '../../../src/checks/lambda/async-no-failure-destination.js';
import confusedDeputy from '../../../src/checks/lambda/permission-confused-deputy.js';
import { scanTemplate } from '../../helpers/scan-template.js';
import { samFunction, samTemplate } from '../../helpers/templates.js';

/** Topic, function Fn (with `properties`) and a connector Notify from the topic to Fn. */
function topicToFunction(properties = ''): string {
  return samTemplate(`  Topic: {Type: AWS::SNS::Topic}
  Dlq: {Type: AWS::SQS::Queue}
${samFunction('Fn', properties)}  Notify:
    Type: AWS::Serverless::Connector
    Properties:
      Source: {Id: Topic}
      Destination: {Id: Fn}
      Permissions: [Write]
`);
}

describe('lambda.async-no-failure-destination with an SNS topic → function connector', () => {
  it('fails a function without dead-letter queue or destination, naming the permission SAM writes', () => {
    const { failed, errors } = scanTemplate(topicToFunction(), asyncNoFailureDestination);
    expect(errors).toEqual([]);
    expect(failed.map((f) => [f.resource.id, f.evidence])).toEqual([
      ['Fn', { invokedBy: 'sns.amazonaws.com (NotifyWriteLambdaPermission)' }],
    ]);
  });

  it('passes one with a dead-letter queue', () => {
    const dlq = '      DeadLetterQueue: {Type: SQS, TargetArn: !GetAtt Dlq.Arn}\n';
    const { failed, passed } = scanTemplate(topicToFunction(dlq), asyncNoFailureDestination);
    expect(failed).toEqual([]);
    expect(passed.map((f) => f.resource.id)).toEqual(['Fn']);
  });
});

/** Function Fn and a connector from the SNS topic whose ARN is parameter TopicArn (`declaration`) to it. */
function topicArnToFunction(declaration: string): string {
  return samTemplate(
    `${samFunction()}  Notify:
    Type: AWS::Serverless::Connector
    Properties:
      Source: {Arn: !Ref TopicArn, Type: AWS::SNS::Topic}
      Destination: {Id: Fn}
      Permissions: [Write]
`,
    `Parameters:\n  TopicArn: ${declaration}\n`,
  );
}

describe('lambda.permission-confused-deputy with a connector whose source is given by Arn', () => {
  it('passes the permission SAM writes with that ARN as SourceArn, reported on the connector', () => {
    const text = topicArnToFunction('{Type: String, Default: arn:aws:sns:us-east-1:123456789012:orders}');
    const { failed, unknown, passed, errors } = scanTemplate(text, confusedDeputy);
    expect(errors).toEqual([]);
    expect([...failed, ...unknown]).toEqual([]);
    expect(passed.map((f) => [f.resource.id, f.resource.type, f.resource.generated?.id, f.location])).toEqual(
      [
        [
          'Notify',
          'AWS::Serverless::Connector',
          'NotifyWriteLambdaPermission',
          { file: 'template.yaml', line: 12, column: 3 },
        ],
      ],
    );
  });

  it('is unknown, as for a permission written so, when the parameter has no default', () => {
    const { failed, unknown } = scanTemplate(topicArnToFunction('{Type: String}'), confusedDeputy);
    expect(failed).toEqual([]);
    expect(unknown.map((f) => [f.resource.id, f.message])).toEqual([
      [
        'Notify',
        'Cannot tell whether sns.amazonaws.com is pinned to a source: SourceArn is not known before deploy (from parameter TopicArn, which has no default).',
      ],
    ]);
  });
});

describe('an invalid connector', () => {
  it('is a template error at the connector naming the property, and the scan goes on', () => {
    const text = samTemplate(`  Topic: {Type: AWS::SNS::Topic}
${samFunction()}  NoDestination:
    Type: AWS::Serverless::Connector
    Properties:
      Source: {Id: Topic}
      Permissions: [Write]
  Unsupported:
    Type: AWS::Serverless::Connector
    Properties:
      Source: {Id: Topic}
      Destination: {Type: AWS::IoT::Thing, Arn: x}
      Permissions: [Write]
  Notify:
    Type: AWS::Serverless::Connector
    Properties: {Source: {Id: Topic}, Destination: {Id: Fn}, Permissions: [Write]}
`);
    const { errors, failed } = scanTemplate(text, asyncNoFailureDestination);
    expect(errors.map((e) => [e.kind, e.message, e.line, e.column])).toEqual([
      ['template', "NoDestination: Missing required property 'Destination'", 11, 3],
      [
        'template',
        "Unsupported: Unable to create connector from AWS::SNS::Topic to AWS::IoT::Thing; it's not supported or the template is invalid",
        20,
        7,
      ],
    ]);
    expect(failed.map((f) => f.resource.id)).toEqual(['Fn']);
  });
});
