import { describe, expect, it } from 'vitest';
import check from '../../../src/checks/lambda/async-no-failure-destination.js';
import { scanTemplate, template } from '../../helpers/scan-template.js';
import {
  lambdaAlias,
  lambdaFunction,
  lambdaPermission,
  samFunction,
  samTemplate,
} from '../../helpers/templates.js';

const fn = (extraProps = '') => lambdaFunction('Fn', extraProps);
const dlq = `  Dlq:
    Type: AWS::SQS::Queue
`;
const withDlq = `      DeadLetterConfig:
        TargetArn: !GetAtt Dlq.Arn
`;

const subscription = (endpoint = '!GetAtt Fn.Arn', protocol = 'lambda') => `  Sub:
    Type: AWS::SNS::Subscription
    Properties:
      Protocol: ${protocol}
      TopicArn: !ImportValue shared-topic-arn
      Endpoint: ${endpoint}
`;
const rule = (arn = '!GetAtt Fn.Arn') => `  Rule:
    Type: AWS::Events::Rule
    Properties:
      EventPattern: { source: [aws.ec2] }
      Targets: [{ Arn: ${arn}, Id: fn }]
`;
const bucket = `  Bucket:
    Type: AWS::S3::Bucket
    Properties:
      NotificationConfiguration:
        LambdaConfigurations:
          - Event: s3:ObjectCreated:*
            Function: !GetAtt Fn.Arn
`;
const topic = `  Topic:
    Type: AWS::SNS::Topic
    Properties:
      Subscription:
        - Protocol: lambda
          Endpoint: !GetAtt Fn.Arn
`;

describe('lambda.async-no-failure-destination: service resources that invoke the function, with no permission in the template', () => {
  it('names a bucket with two notifications for the function once', () => {
    const twice = `${bucket}          - Event: s3:ObjectRemoved:*
            Function: !GetAtt Fn.Arn
`;
    const { failed } = scanTemplate(template(fn() + twice), check);
    expect(failed.map((f) => f.message)).toEqual([
      expect.stringMatching(/^The function is invoked asynchronously \(by S3 bucket Bucket\) but/),
    ]);
  });

  it('names a rule with two targets on the function once, and says which versions or aliases they invoke', () => {
    const twoTargets = `  Rule:
    Type: AWS::Events::Rule
    Properties:
      EventPattern: { source: [aws.ec2] }
      Targets:
        - { Arn: !GetAtt Fn.Arn, Id: latest }
        - { Arn: !Join ['', [!GetAtt Fn.Arn, ':live']], Id: live }
`;
    const { failed } = scanTemplate(template(fn() + twoTargets), check);
    expect(failed.map((f) => f.message)).toEqual([
      'The function is invoked asynchronously (by EventBridge rule Rule) but has neither a dead-letter queue nor an on-failure destination: events that fail all retries are dropped.',
    ]);
    expect(failed[0]?.evidence).toMatchObject({ invokedBy: 'EventBridge rule Rule' });
    // Where another alias keeps failed events, which of the rule's targets keep none matters: both, in one sentence.
    const onProd = `  FnInvokeConfig:
    Type: AWS::Lambda::EventInvokeConfig
    Properties:
      FunctionName: !Ref Fn
      Qualifier: prod
      DestinationConfig:
        OnFailure:
          Destination: !GetAtt Dlq.Arn
`;
    const elsewhere = scanTemplate(template(fn() + twoTargets + onProd + dlq), check);
    expect(elsewhere.failed.map((f) => f.message)).toEqual([
      'EventBridge rule Rule invokes $LATEST (unqualified) and alias live asynchronously, but an on-failure ' +
        'destination is set only for alias prod (FnInvokeConfig), which applies to that version or alias alone, and ' +
        'the function has no dead-letter queue: events that fail all retries there are dropped.',
    ]);
  });

  it('fails a function an SNS subscription, a topic, an EventBridge rule or an S3 bucket invokes, naming that resource', () => {
    for (const [caller, label] of [
      [subscription(), 'SNS subscription Sub'],
      [topic, 'SNS topic Topic'],
      [rule(), 'EventBridge rule Rule'],
      [bucket, 'S3 bucket Bucket'],
    ] as const) {
      const { failed, errors } = scanTemplate(template(fn() + caller), check);
      expect(errors).toEqual([]);
      expect(failed.map((f) => f.resource.id)).toEqual(['Fn']);
      expect(failed[0]?.message).toBe(
        `The function is invoked asynchronously (by ${label}) but has neither a dead-letter queue nor an on-failure destination: events that fail all retries are dropped.`,
      );
      expect(failed[0]?.location).toEqual({ file: 'template.yaml', line: 3, column: 3 });
    }
  });

  it('passes them with a dead-letter queue, or an on-failure destination on the alias they invoke', () => {
    const aliasConfig = `  FnInvokeConfig:
    Type: AWS::Lambda::EventInvokeConfig
    Properties:
      FunctionName: !Ref Fn
      Qualifier: live
      DestinationConfig:
        OnFailure:
          Destination: !GetAtt Dlq.Arn
`;
    expect(scanTemplate(template(fn(withDlq) + dlq + rule()), check).passed).toHaveLength(1);
    const onAlias = scanTemplate(
      template(fn() + lambdaAlias() + aliasConfig + dlq + subscription('!Ref FnAlias')),
      check,
    );
    expect(onAlias.failed).toEqual([]);
    expect(onAlias.passed).toHaveLength(1);
    // The same config does not keep the failed events of $LATEST, which the rule invokes.
    const onLatest = scanTemplate(template(fn() + lambdaAlias() + aliasConfig + dlq + rule()), check);
    expect(onLatest.failed[0]?.message).toContain('EventBridge rule Rule invokes $LATEST (unqualified)');
  });

  it('makes one caller of a rule and its permission, named by the permission', () => {
    const permission = lambdaPermission(
      'RulePermission',
      'events.amazonaws.com',
      '      SourceArn: !GetAtt Rule.Arn\n',
    );
    const { failed } = scanTemplate(template(fn() + rule() + permission), check);
    expect(failed).toHaveLength(1);
    expect(failed[0]?.message).toContain('(by events.amazonaws.com (RulePermission))');
    expect(failed[0]?.message).not.toContain('EventBridge rule');
  });

  it('names a SAM SNS event by the permission SAM writes beside its subscription, once', () => {
    const events = `      Events:
        Notify:
          Type: SNS
          Properties:
            Topic: !Ref Topic
`;
    const { failed } = scanTemplate(
      samTemplate(`  Topic:\n    Type: AWS::SNS::Topic\n${samFunction('Fn', events)}`),
      check,
    );
    expect(failed).toHaveLength(1);
    expect(failed[0]?.message).toContain('(by sns.amazonaws.com (FnNotifyPermission))');
    expect(failed[0]?.message).not.toContain('SNS subscription');
  });

  it('says nothing of what invokes no function of the template, or a target list not known before deploy', () => {
    const queue = '  Queue:\n    Type: AWS::SQS::Queue\n';
    expect(scanTemplate(template(fn() + queue + rule('!GetAtt Queue.Arn')), check).findings).toEqual([]);
    expect(
      scanTemplate(template(fn() + queue + subscription('!GetAtt Queue.Arn', 'sqs')), check).findings,
    ).toEqual([]);
    const targets = `  Rule:
    Type: AWS::Events::Rule
    Properties:
      EventPattern: { source: [aws.ec2] }
      Targets: !Ref Targets
`;
    const parameters = 'Parameters:\n  Targets: { Type: CommaDelimitedList }\n';
    expect(scanTemplate(template(fn() + targets, parameters), check).findings).toEqual([]);
  });

  it('takes a subscription whose protocol is not known before deploy for a lambda one: its endpoint is a function', () => {
    const parameters = 'Parameters:\n  Protocol: { Type: String }\n';
    const { failed } = scanTemplate(
      template(fn() + subscription('!GetAtt Fn.Arn', '!Ref Protocol'), parameters),
      check,
    );
    expect(failed[0]?.message).toContain('(by SNS subscription Sub)');
  });
});

describe('lambda.async-no-failure-destination: SES receipt rules', () => {
  const sesPermission = lambdaPermission('SesPerm', 'ses.amazonaws.com', '', '!Ref Fn');
  const receiptRule = (invocationType?: string, id = 'Rule') => `  ${id}:
    Type: AWS::SES::ReceiptRule
    Properties:
      RuleSetName: rules
      Rule:
        Enabled: true
        Actions:
          - LambdaAction:
              FunctionArn: !GetAtt Fn.Arn
${invocationType === undefined ? '' : `              InvocationType: ${invocationType}\n`}`;

  it('says nothing when every rule invoking the function does so with RequestResponse (synchronous)', () => {
    const { findings } = scanTemplate(template(fn() + sesPermission + receiptRule('RequestResponse')), check);
    expect(findings).toEqual([]);
    // Also through an alias, with the permission on the alias.
    const onAlias = template(
      fn() +
        lambdaAlias() +
        sesPermission.replace('!Ref Fn', '!Ref FnAlias') +
        receiptRule('RequestResponse').replace('!GetAtt Fn.Arn', '!Ref FnAlias'),
    );
    expect(scanTemplate(onAlias, check).findings).toEqual([]);
    // An Event rule through the alias is a caller of the alias.
    const eventOnAlias = scanTemplate(onAlias.replace('RequestResponse', 'Event'), check);
    expect(eventOnAlias.failed[0]?.message).toContain('(by SES receipt rule Rule)');
  });

  it('fails a rule with Event, or with no InvocationType (Event is the default), naming the rule', () => {
    for (const invocationType of ['Event', undefined]) {
      const { failed } = scanTemplate(template(fn() + sesPermission + receiptRule(invocationType)), check);
      expect(failed).toHaveLength(1);
      expect(failed[0]?.message).toContain('(by SES receipt rule Rule)');
    }
    const both = scanTemplate(
      template(fn() + sesPermission + receiptRule('RequestResponse', 'Sync') + receiptRule('Event', 'Async')),
      check,
    );
    expect(both.failed[0]?.message).toContain('(by SES receipt rule Async)');
  });

  it('fails an SES permission with no receipt rule in the template, as SES invokes with Event by default', () => {
    const { failed } = scanTemplate(template(fn() + sesPermission), check);
    expect(failed[0]?.message).toContain('(by ses.amazonaws.com (SesPerm))');
  });

  it('is unknown when the invocation type is not known before deploy', () => {
    const parameters = 'Parameters:\n  Mode: { Type: String }\n';
    const { unknown, failed } = scanTemplate(
      template(fn() + sesPermission + receiptRule('!Ref Mode'), parameters),
      check,
    );
    expect(failed).toEqual([]);
    expect(unknown).toHaveLength(1);
    expect(unknown[0]?.message).toBe(
      'The invocation type of SES receipt rule Rule is not known before deploy (from parameter Mode, which has no default); with Event it invokes the function asynchronously.',
    );
  });
});

describe('lambda.async-no-failure-destination: CloudFormation custom resources', () => {
  const customResource = `  Thing:
    Type: Custom::Thing
    Properties:
      ServiceToken: !GetAtt Fn.Arn
`;

  it('says nothing of a function only CloudFormation invokes: a failure fails the stack operation', () => {
    expect(scanTemplate(template(fn() + customResource), check).findings).toEqual([]);
    const permission = lambdaPermission('CfnPerm', 'cloudformation.amazonaws.com');
    expect(scanTemplate(template(fn() + customResource + permission), check).findings).toEqual([]);
  });

  it('still fails the function when another service invokes it asynchronously too', () => {
    const { failed } = scanTemplate(template(fn() + customResource + rule()), check);
    expect(failed[0]?.message).toContain('(by EventBridge rule Rule)');
  });
});
