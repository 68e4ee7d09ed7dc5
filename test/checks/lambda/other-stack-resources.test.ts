import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scanCdkOut } from '../../helpers/cdk-out.js';
import { functionAlarm, lambdaFunction } from '../../helpers/templates.js';

/**
 * Values a template takes from another stack scanned with it (a sibling nested stack's output its parent passes
 * down, an `Fn::ImportValue` of a scanned stack's export): when that value is a resource of the other stack, the
 * checks know the resource's kind and that it is not one of this template's.
 */
function scanProject(files: Record<string, string>) {
  const dir = mkdtempSync(join(tmpdir(), 'parapet-other-stack-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return scanCdkOut(dir);
}

const HEAD = "AWSTemplateFormatVersion: '2010-09-09'\nTransform: AWS::Serverless-2016-10-31\n";

/** A function whose one layer is parameter LayerArn. */
const LAYER_USER = `${HEAD}Parameters:
  LayerArn:
    Type: String
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      CodeUri: ./src
      Layers:
        - !Ref LayerArn
`;

/** A parent nesting `layer.yaml` and `fn.yaml`, passing the first one's LayerArn output to the second. */
const LAYER_PARENT = `${HEAD}Resources:
  Layer:
    Type: AWS::Serverless::Application
    Properties:
      Location: ./layer.yaml
  Fn:
    Type: AWS::Serverless::Application
    Properties:
      Location: ./fn.yaml
      Parameters:
        LayerArn: !GetAtt Layer.Outputs.LayerArn
`;

/** A template with `resources` whose output LayerArn is `value`. */
function layerStack(resources: string, value: string): string {
  return `${HEAD}Resources:\n${resources}Outputs:\n  LayerArn:\n    Value: ${value}\n`;
}

const SAM_LAYER =
  '  Shared:\n    Type: AWS::Serverless::LayerVersion\n    Properties:\n      ContentUri: ./l\n';

describe('lambda.layer-untrusted-account on a layer of another scanned stack', () => {
  const layerFinding = (files: Record<string, string>) => {
    const found = scanProject(files).of('lambda.layer-untrusted-account', 'Fn');
    expect(found).toHaveLength(1);
    return found[0];
  };

  it('passes a layer a sibling nested stack publishes: nested stacks deploy to the parent’s account', () => {
    const finding = layerFinding({
      'parent.yaml': LAYER_PARENT,
      'layer.yaml': layerStack(SAM_LAYER, '!Ref Shared'),
      'fn.yaml': LAYER_USER,
    });
    expect(finding?.status).toBe('pass');
    expect(finding?.message).toContain('published by stack layer.yaml (Shared), in the same account');
  });

  it('passes a layer imported from a scanned stack that publishes it (imports are of the same account)', () => {
    const finding = layerFinding({
      'layers.yaml': `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Shared:
    Type: AWS::Lambda::LayerVersion
    Properties:
      Content: { S3Bucket: b, S3Key: l.zip }
Outputs:
  LayerArn:
    Value: !GetAtt Shared.LayerVersionArn
    Export: { Name: shared-LayerArn }
`,
      'app.yaml': LAYER_USER.replace('!Ref LayerArn', '!ImportValue shared-LayerArn').replace(
        /Parameters:\n {2}LayerArn:\n {4}Type: String\n/,
        '',
      ),
    });
    expect(finding?.status).toBe('pass');
  });

  it('judges a layer ARN a sibling nested stack outputs as text by its account, not as the sibling’s layer', () => {
    const finding = layerFinding({
      'parent.yaml': LAYER_PARENT,
      'layer.yaml': layerStack(SAM_LAYER, 'arn:aws:lambda:us-east-1:999999999999:layer:x:1'),
      'fn.yaml': LAYER_USER,
    });
    // Unknown, not trusted: nothing says which account the stacks deploy to, and 999999999999 may be it.
    expect(finding?.status).toBe('unknown');
    expect(finding?.message).toContain(
      'published by account 999999999999, which is neither AWS, a known vendor, nor in trustedAccounts',
    );
  });

  it('is unknown for another kind of resource of the sibling (a custom resource may return any account’s layer)', () => {
    const lookup =
      '  Lookup:\n    Type: Custom::LayerLookup\n    Properties:\n      ServiceToken: arn:aws:lambda:us-east-1:123456789012:function:f\n';
    const finding = layerFinding({
      'parent.yaml': LAYER_PARENT,
      'layer.yaml': layerStack(lookup, '!GetAtt Lookup.Arn'),
      'fn.yaml': LAYER_USER,
    });
    expect(finding?.status).toBe('unknown');
    expect(finding?.message).toContain('attribute Arn of resource Lookup of stack layer.yaml');
  });
});

/** A nested template with its own function Other and alarms on Errors and Throttles of parameter Watched. */
const ALARMS = `${HEAD}Parameters:
  Watched:
    Type: String
Resources:
  Other:
    Type: AWS::Serverless::Function
    Properties:
      FunctionName: other-fn
      Runtime: python3.12
      Handler: app.handler
      CodeUri: ./src
${['Errors', 'Throttles']
  .map(
    (metric) => `  ${metric}Alarm:
    Type: AWS::CloudWatch::Alarm
    Properties:
      Namespace: AWS/Lambda
      MetricName: ${metric}
      Dimensions: [{ Name: FunctionName, Value: !Ref Watched }]
      Statistic: Sum
      Period: 60
      EvaluationPeriods: 1
      Threshold: 1
      ComparisonOperator: GreaterThanThreshold
      AlarmActions: [arn:aws:sns:us-east-1:123456789012:alerts]
`,
  )
  .join('')}`;

const FUNCTIONS = `${HEAD}Resources:
  Worker:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      CodeUri: ./src
Outputs:
  WorkerName:
    Value: !Ref Worker
`;

/** A parent nesting `functions.yaml` and `alarms.yaml`, giving the alarms' Watched as `watched`. */
function alarmParent(watched: string, parameters = ''): string {
  return `${HEAD}${parameters}Resources:
  Functions:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: ./functions.yaml
  Alarms:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: ./alarms.yaml
      Parameters:
        Watched: ${watched}
`;
}

describe('lambda.no-error-alarm on an alarm whose function a parent gives', () => {
  const otherFinding = (parent: string) => {
    const files = { 'parent.yaml': parent, 'functions.yaml': FUNCTIONS, 'alarms.yaml': ALARMS };
    const found = scanProject(files).of('lambda.no-error-alarm', 'Other');
    expect(found).toHaveLength(1);
    return found[0];
  };

  it('fails when the alarmed function is a resource of another stack: not this template’s function', () => {
    const finding = otherFinding(alarmParent('!GetAtt Functions.Outputs.WorkerName'));
    expect(finding?.status).toBe('fail');
    expect(finding?.message).toContain('Errors and Throttles metrics');
  });

  it('counts those alarms for the function of the sibling stack they name (as its parent gives it)', () => {
    const files = {
      'parent.yaml': alarmParent('!GetAtt Functions.Outputs.WorkerName'),
      'functions.yaml': FUNCTIONS,
      'alarms.yaml': ALARMS,
    };
    const worker = scanProject(files).of('lambda.no-error-alarm', 'Worker');
    expect(worker.map((f) => f.status)).toEqual(['pass']);
    const unnamed = { ...files, 'parent.yaml': alarmParent('other-fn') };
    expect(
      scanProject(unnamed)
        .of('lambda.no-error-alarm', 'Worker')
        .map((f) => f.status),
    ).toEqual(['fail']);
  });

  it('passes when the parent names this template’s function', () => {
    expect(otherFinding(alarmParent('other-fn'))?.status).toBe('pass');
  });

  it('is unknown when the parent gives a parameter of its own without default: it may name any function', () => {
    const finding = otherFinding(alarmParent('!Ref Name', 'Parameters:\n  Name:\n    Type: String\n'));
    expect(finding?.status).toBe('unknown');
  });
});

/** A SAM function an EventBridge rule invokes (asynchronously), whose on-failure destination is `destination`. */
const ASYNC_PARENT = (destination: string) => `${HEAD}Resources:
  Dlq:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: ./dlq.yaml
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      CodeUri: ./src
      Events:
        Bus:
          Type: EventBridgeRule
          Properties:
            Pattern: { source: [my.app] }
      EventInvokeConfig:
        DestinationConfig:
          OnFailure:
            Type: SQS
            Destination: ${destination}
`;

/** The nested template: a queue, and output QueueArn `value`. */
const DLQ = (value: string) => `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  External:
    Type: String
Resources:
  Queue:
    Type: AWS::SQS::Queue
Outputs:
  QueueArn:
    Value: ${value}
`;

describe('lambda.async-no-failure-destination on a destination a nested stack outputs', () => {
  const asyncFinding = (destination: string, output: string) => {
    const files = { 'template.yaml': ASYNC_PARENT(destination), 'dlq.yaml': DLQ(output) };
    const found = scanProject(files).of('lambda.async-no-failure-destination', 'Fn');
    expect(found).toHaveLength(1);
    return found[0];
  };

  it('passes when the output is a resource of the nested stack: a queue’s ARN is never empty', () => {
    const finding = asyncFinding('!GetAtt Dlq.Outputs.QueueArn', '!GetAtt Queue.Arn');
    expect(finding?.status).toBe('pass');
    expect(finding?.message).toContain('${Dlq.Outputs.QueueArn}');
  });

  it('is unknown, saying why and pointing at Destination, when the output is a parameter of the nested stack', () => {
    const finding = asyncFinding('!GetAtt Dlq.Outputs.QueueArn', '!Ref External');
    expect(finding?.status).toBe('unknown');
    expect(finding?.message).toContain(
      'the on-failure destination of FnEventInvokeConfig (output QueueArn of nested stack or application Dlq)',
    );
    const line =
      ASYNC_PARENT('x')
        .split('\n')
        .findIndex((text) => text.includes('Destination: ')) + 1;
    expect(finding?.location?.line).toBe(line);
  });

  it('fails when the destination is an empty text, whatever the nested stack outputs', () => {
    expect(asyncFinding("''", '!GetAtt Queue.Arn')?.status).toBe('fail');
  });
});

describe('lambda.event-source-failures-lost on a source another scanned stack exports', () => {
  const producer = `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Table:
    Type: AWS::DynamoDB::Table
    Properties:
      KeySchema: [{ AttributeName: pk, KeyType: HASH }]
      AttributeDefinitions: [{ AttributeName: pk, AttributeType: S }]
      StreamSpecification: { StreamViewType: NEW_IMAGE }
Outputs:
  StreamArn:
    Value: !GetAtt Table.StreamArn
    Export: { Name: 'producer:StreamArn' }
`;
  const consumer = `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: python3.13
      Handler: index.handler
      Role: arn:aws:iam::123456789012:role/r
      Code: { ZipFile: x }
  Esm:
    Type: AWS::Lambda::EventSourceMapping
    Properties:
      EventSourceArn: !ImportValue 'producer:StreamArn'
      FunctionName: !Ref Fn
      StartingPosition: LATEST
`;

  it('fails a mapping from a DynamoDB stream of that stack with no on-failure destination, as in one stack', () => {
    const { result, of } = scanProject({ 'producer.yaml': producer, 'consumer.yaml': consumer });
    expect(result.errors).toEqual([]);
    expect(of('lambda.event-source-failures-lost', 'Esm').map((f) => [f.status, f.message])).toEqual([
      [
        'fail',
        'The mapping from a DynamoDB stream has no on-failure destination: records that keep failing are lost.',
      ],
    ]);
  });
});

describe('lambda.event-source-failures-lost on a queue another scanned stack exports', () => {
  /** A stack exporting queue Jobs (written with `queue`'s extra lines) and holding `more` resources. */
  const producer = (queue: string, more = '', head = '') => `AWSTemplateFormatVersion: '2010-09-09'
${head}Resources:
  Jobs:
    Type: AWS::SQS::Queue
${queue}${more}Outputs:
  JobsArn:
    Value: !GetAtt Jobs.Arn
    Export: { Name: shared-JobsArn }
`;
  const consumer = `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties: { Runtime: python3.13, Handler: index.handler, Role: arn:aws:iam::123456789012:role/r, Code: { ZipFile: x } }
  Esm:
    Type: AWS::Lambda::EventSourceMapping
    Properties: { FunctionName: !Ref Fn, EventSourceArn: !ImportValue shared-JobsArn }
`;
  const DLQ = '  Dlq:\n    Type: AWS::SQS::Queue\n';
  const mappingOf = (files: Record<string, string>) => {
    const { result, of } = scanProject(files);
    expect(result.errors).toEqual([]);
    const found = of('lambda.event-source-failures-lost', 'Esm');
    expect(found).toHaveLength(1);
    return found[0];
  };

  it('fails when the queue has no redrive policy in that stack, on the mapping, naming where the fix goes', () => {
    const finding = mappingOf({ 'producer.yaml': producer(''), 'consumer.yaml': consumer });
    expect(finding?.status).toBe('fail');
    expect(finding?.message).toBe(
      'The source queue Jobs of stack producer.yaml has no redrive policy (dead-letter queue): messages that keep ' +
        'failing are deleted when their retention period ends. Add the redrive policy to queue Jobs in stack producer.yaml.',
    );
    expect(finding?.location.file).toBe('consumer.yaml');
    expect(finding?.location.line).toBe(8);
  });

  it('passes when that stack gives the queue a dead-letter queue', () => {
    const redrive =
      '    Properties:\n      RedrivePolicy: { deadLetterTargetArn: !GetAtt Dlq.Arn, maxReceiveCount: 5 }\n';
    const finding = mappingOf({ 'producer.yaml': producer(redrive, DLQ), 'consumer.yaml': consumer });
    expect(finding?.status).toBe('pass');
  });

  it('passes when the dead-letter queue is a parameter of that stack without default: SQS requires the queue', () => {
    const redrive =
      '    Properties:\n      RedrivePolicy: { deadLetterTargetArn: !Ref DlqArn, maxReceiveCount: 5 }\n';
    const head = 'Parameters:\n  DlqArn:\n    Type: String\n';
    const finding = mappingOf({ 'producer.yaml': producer(redrive, '', head), 'consumer.yaml': consumer });
    expect(finding?.status).toBe('pass');
    expect(finding?.message).toBe(
      'queue Jobs of stack producer.yaml sends failed messages to the queue its redrive policy names ' +
        '(from parameter DlqArn, which has no default), which SQS requires to exist: no deploy leaves it empty',
    );
  });

  it('is unknown when the whole redrive policy is a parameter of that stack without default', () => {
    const redrive = '    Properties:\n      RedrivePolicy: !Ref Policy\n';
    const head = 'Parameters:\n  Policy:\n    Type: String\n';
    const finding = mappingOf({ 'producer.yaml': producer(redrive, '', head), 'consumer.yaml': consumer });
    expect(finding?.status).toBe('unknown');
    expect(finding?.message).toBe(
      'The redrive policy (dead-letter queue) of the source queue Jobs of stack producer.yaml is not known ' +
        'before deploy (from parameter Policy, which has no default).',
    );
  });

  it('is unknown, not failed, when only that stack’s parameter defaults leave the redrive policy out', () => {
    const redrive =
      '    Properties:\n      RedrivePolicy: !If [WithDlq, { deadLetterTargetArn: !GetAtt Dlq.Arn, maxReceiveCount: 5 }, !Ref AWS::NoValue]\n';
    const head =
      "Parameters:\n  Dlq:\n    Type: String\n    Default: 'no'\nConditions:\n  WithDlq: !Equals [!Ref Dlq, 'yes']\n";
    const files = {
      'producer.yaml': producer(redrive, DLQ.replace('Dlq:', 'DlqQueue:'), head),
      'consumer.yaml': consumer,
    };
    const finding = mappingOf({
      ...files,
      'producer.yaml': files['producer.yaml'].replace('Dlq.Arn', 'DlqQueue.Arn'),
    });
    expect(finding?.status).toBe('unknown');
    expect(finding?.message).toBe(
      "The source queue Jobs of stack producer.yaml has no redrive policy (dead-letter queue) with that stack's " +
        'parameter defaults, but its parameters or conditions decide it and a deploy may change them.',
    );
  });

  it('is unknown, not passed, when that stack’s defaults give the dead-letter queue a deploy may leave out', () => {
    const redrive =
      '    Properties:\n      RedrivePolicy: !If [WithDlq, { deadLetterTargetArn: !GetAtt DlqQueue.Arn, maxReceiveCount: 5 }, !Ref AWS::NoValue]\n';
    const head =
      "Parameters:\n  Dlq:\n    Type: String\n    Default: 'yes'\nConditions:\n  WithDlq: !Equals [!Ref Dlq, 'yes']\n";
    const text = producer(redrive, '  DlqQueue:\n    Type: AWS::SQS::Queue\n', head);
    const finding = mappingOf({ 'producer.yaml': text, 'consumer.yaml': consumer });
    expect(finding?.status).toBe('unknown');
    expect(finding?.message).toBe(
      "The source queue Jobs of stack producer.yaml sends failed messages to DlqQueue with that stack's parameter " +
        'defaults, but its parameters or conditions decide it and a deploy may change them.',
    );
  });

  it('is unknown, naming the queue and its stack, when that stack is not scanned', () => {
    const { of } = scanProject({ 'producer.yaml': producer(''), 'consumer.yaml': consumer });
    const alone = scanProject({ 'consumer.yaml': consumer }).of('lambda.event-source-failures-lost', 'Esm');
    expect(of('lambda.event-source-failures-lost', 'Esm')[0]?.status).toBe('fail');
    expect(alone.map((f) => f.status)).toEqual(['unknown']);
  });
});

describe('lambda.no-error-alarm on alarms a monitoring stack sets through imports', () => {
  /** A stack with function Worker (and Other), exporting Worker's name. */
  const app = `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Worker:
    Type: AWS::Lambda::Function
    Properties: { Runtime: python3.13, Handler: index.handler, Role: arn:aws:iam::123456789012:role/r, Code: { ZipFile: x } }
  Other:
    Type: AWS::Lambda::Function
    Properties: { Runtime: python3.13, Handler: index.handler, Role: arn:aws:iam::123456789012:role/r, Code: { ZipFile: x } }
Outputs:
  WorkerName:
    Value: !Ref Worker
    Export: { Name: 'App:WorkerName' }
  WorkerArn:
    Value: !GetAtt Worker.Arn
    Export: { Name: 'App:WorkerArn' }
`;
  /** A monitoring stack with an alarm on `metric` whose FunctionName dimension is `value`. */
  const monitoring = (metrics: string[], value: string) => `AWSTemplateFormatVersion: '2010-09-09'
Resources:
${metrics
  .map(
    (metric) => `  ${metric}Alarm:
    Type: AWS::CloudWatch::Alarm
    Properties:
      Namespace: AWS/Lambda
      MetricName: ${metric}
      Dimensions: [{ Name: FunctionName, Value: ${value} }]
      Statistic: Sum
      Period: 60
      EvaluationPeriods: 1
      Threshold: 1
      ComparisonOperator: GreaterThanOrEqualToThreshold
      AlarmActions: [arn:aws:sns:us-east-1:123456789012:alerts]
`,
  )
  .join('')}`;
  const alarmOf = (files: Record<string, string>, fn = 'Worker') => {
    const { result, of } = scanProject(files);
    expect(result.errors).toEqual([]);
    const found = of('lambda.no-error-alarm', fn);
    expect(found).toHaveLength(1);
    return found[0];
  };

  it('passes a function whose Errors and Throttles alarms are in a scanned stack that imports its name', () => {
    const files = {
      'app.yaml': app,
      'monitoring.yaml': monitoring(['Errors', 'Throttles'], "!ImportValue 'App:WorkerName'"),
    };
    expect(alarmOf(files)?.status).toBe('pass');
  });

  it('fails for the metric no stack alarms on, and for the function no alarm imports', () => {
    const files = {
      'app.yaml': app,
      'monitoring.yaml': monitoring(['Errors'], "!ImportValue 'App:WorkerName'"),
    };
    const worker = alarmOf(files);
    expect(worker?.status).toBe('fail');
    expect(worker?.message).toBe(
      'No CloudWatch alarm in this template, or in a scanned stack linked to it, watches its Throttles metric.',
    );
    expect(alarmOf(files, 'Other')?.message).toContain('watches its Errors and Throttles metrics');
  });

  it('passes when the alarm takes the name out of the imported ARN, as CDK writes it (Select 6 of Split)', () => {
    const split = monitoring(
      ['Errors', 'Throttles'],
      "!Select [6, !Split [':', !ImportValue 'App:WorkerArn']]",
    );
    expect(alarmOf({ 'app.yaml': app, 'monitoring.yaml': split })?.status).toBe('pass');
    expect(alarmOf({ 'app.yaml': app, 'monitoring.yaml': split }, 'Other')?.status).toBe('fail');
  });

  it('fails when the imported value is the function’s ARN: the FunctionName dimension takes its name', () => {
    const files = {
      'app.yaml': app,
      'monitoring.yaml': monitoring(['Errors', 'Throttles'], "!ImportValue 'App:WorkerArn'"),
    };
    expect(alarmOf(files)?.status).toBe('fail');
  });

  it('is unknown when that alarm’s metric is a parameter of the monitoring stack without default', () => {
    const withParameter = monitoring(['Errors', 'Throttles'], "!ImportValue 'App:WorkerName'")
      .replace('Resources:', 'Parameters:\n  Metric:\n    Type: String\nResources:')
      .replace('MetricName: Throttles', 'MetricName: !Ref Metric');
    const finding = alarmOf({ 'app.yaml': app, 'monitoring.yaml': withParameter });
    expect(finding?.status).toBe('unknown');
    expect(finding?.message).toContain("An alarm may watch the function's Throttles");
  });

  it('does not count an alarm of another stack on a function it names only by its own parameter', () => {
    const byParameter = monitoring(['Errors', 'Throttles'], '!Ref Watched').replace(
      'Resources:',
      "Parameters:\n  Watched:\n    Type: String\nResources:\n  Unrelated:\n    Type: AWS::SQS::Queue\n    Properties: { QueueName: !ImportValue 'App:WorkerName' }",
    );
    expect(alarmOf({ 'app.yaml': app, 'monitoring.yaml': byParameter })?.status).toBe('fail');
  });
});

describe('lambda.event-source-failures-lost on a queue the parent stack gives its nested stack', () => {
  const child = `${HEAD}Parameters:
  QueueArn:
    Type: String
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      CodeUri: ./src
      Events:
        Jobs:
          Type: SQS
          Properties: { Queue: !Ref QueueArn }
`;
  const parent = (queue: string) => `${HEAD}Resources:
  Jobs:
    Type: AWS::SQS::Queue
${queue}  Dlq:
    Type: AWS::SQS::Queue
  Workers:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: ./child.yaml
      Parameters:
        QueueArn: !GetAtt Jobs.Arn
`;
  const statusOf = (queue: string) =>
    scanProject({ 'parent.yaml': parent(queue), 'child.yaml': child })
      .of('lambda.event-source-failures-lost', 'Fn')
      .map((f) => [f.status, f.message]);

  it('fails when the parent’s queue has no redrive policy, naming the queue and the parent', () => {
    expect(statusOf('')).toEqual([
      [
        'fail',
        'The source queue Jobs of stack parent.yaml has no redrive policy (dead-letter queue): messages that keep ' +
          'failing are deleted when their retention period ends. Add the redrive policy to queue Jobs in stack parent.yaml.',
      ],
    ]);
  });

  it('passes when the parent gives its queue a dead-letter queue', () => {
    const redrive =
      '    Properties:\n      RedrivePolicy: { deadLetterTargetArn: !GetAtt Dlq.Arn, maxReceiveCount: 5 }\n';
    expect(statusOf(redrive).map(([status]) => status)).toEqual(['pass']);
  });
});

describe('apigateway.route-no-auth on a route whose function another scanned stack exports', () => {
  const producer = `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties: { Runtime: python3.13, Handler: index.handler, Role: arn:aws:iam::123456789012:role/r, Code: { ZipFile: x } }
Outputs:
  FnArn:
    Value: !GetAtt Fn.Arn
    Export: { Name: 'Producer:FnArn' }
`;
  /** A REST API, deployed to stage prod, whose GET /books has no authorization and invokes what `uri` names. */
  const consumer = (uri: string) => `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Api:
    Type: AWS::ApiGateway::RestApi
    Properties: { Name: api }
  Books:
    Type: AWS::ApiGateway::Resource
    Properties: { RestApiId: !Ref Api, ParentId: !GetAtt Api.RootResourceId, PathPart: books }
  Get:
    Type: AWS::ApiGateway::Method
    Properties:
      RestApiId: !Ref Api
      ResourceId: !Ref Books
      HttpMethod: GET
      AuthorizationType: NONE
      Integration:
        Type: AWS_PROXY
        IntegrationHttpMethod: POST
        Uri: ${uri}
  Deploy:
    Type: AWS::ApiGateway::Deployment
    DependsOn: Get
    Properties: { RestApiId: !Ref Api, StageName: prod }
`;
  const messageOf = (uri: string) =>
    scanProject({ 'producer.yaml': producer, 'consumer.yaml': consumer(uri) })
      .of('apigateway.route-no-auth', 'Get')
      .map((f) => [f.status, f.message]);
  const PUBLIC =
    'GET /books on API Api invokes function Fn of stack producer.yaml with no authorization and no API key: ' +
    'anyone on the internet can call it.';

  it('names the function of the other stack, through a Fn::Sub variable', () => {
    const sub =
      "!Sub ['arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${Arn}/invocations', " +
      "{ Arn: !ImportValue 'Producer:FnArn' }]";
    expect(messageOf(sub)).toEqual([['fail', PUBLIC]]);
  });

  it('names it through a Fn::Join, as CDK writes the URI', () => {
    const join =
      "!Join ['', ['arn:', !Ref AWS::Partition, ':apigateway:', !Ref AWS::Region, ':lambda:path/2015-03-31/functions/', " +
      "!ImportValue 'Producer:FnArn', '/invocations']]";
    expect(messageOf(join)).toEqual([['fail', PUBLIC]]);
  });

  it('still says a function it cannot name is not known before deploy (an export no scanned stack makes)', () => {
    const other =
      "!Join ['', ['arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/', !ImportValue 'Other:FnArn', '/invocations']]";
    expect(
      messageOf(other).map(([status, message]) => [status, message?.includes('not known before deploy')]),
    ).toEqual([['fail', true]]);
  });
});

/** A plain function Fn (a role by ARN, inline code). */
const PLAIN_FN = `  Fn:
    Type: AWS::Lambda::Function
    Properties: { Runtime: python3.13, Handler: index.handler, Role: arn:aws:iam::123456789012:role/r, Code: { ZipFile: x } }
`;

/** A stack with PLAIN_FN that exports its name as `app-fn-name` and its ARN as `app-fn-arn`. */
const EXPORTS_FN = `AWSTemplateFormatVersion: '2010-09-09'
Resources:
${PLAIN_FN}Outputs:
  FnName:
    Value: !Ref Fn
    Export: { Name: app-fn-name }
  FnArn:
    Value: !GetAtt Fn.Arn
    Export: { Name: app-fn-arn }
`;

describe('a function another scanned stack exports is not this template’s function of the same logical id', () => {
  const producer = EXPORTS_FN;
  /** A template with its own Fn and a permission for S3 on the function `name` names. */
  const consumer = (name: string) => `AWSTemplateFormatVersion: '2010-09-09'
Resources:
${PLAIN_FN}  S3Invoke:
    Type: AWS::Lambda::Permission
    Properties:
      Action: lambda:InvokeFunction
      FunctionName: ${name}
      Principal: s3.amazonaws.com
      SourceAccount: !Ref AWS::AccountId
`;
  const asyncFindings = (name: string) =>
    scanProject({ 'producer.yaml': producer, 'consumer.yaml': consumer(name) })
      .result.findings.filter(
        (f) => f.checkId === 'lambda.async-no-failure-destination' && f.status !== 'pass',
      )
      .map((f) => `${f.location.file} ${f.resource.id}`);

  it('does not tie a permission on the imported name (whole, or in an ARN) to the local Fn', () => {
    expect(asyncFindings('!ImportValue app-fn-name')).toEqual([]);
    const inArn =
      "!Sub ['arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:${N}', { N: !ImportValue app-fn-name }]";
    expect(asyncFindings(inArn)).toEqual([]);
  });

  it('does not tie a schedule whose target is the imported ARN to the local Fn', () => {
    const consumer = `AWSTemplateFormatVersion: '2010-09-09'
Resources:
${PLAIN_FN}  Nightly:
    Type: AWS::Scheduler::Schedule
    Properties:
      ScheduleExpression: rate(1 day)
      FlexibleTimeWindow: { Mode: 'OFF' }
      Target: { Arn: !ImportValue app-fn-arn, RoleArn: arn:aws:iam::123456789012:role/scheduler }
`;
    const { of } = scanProject({ 'producer.yaml': producer, 'consumer.yaml': consumer });
    expect(of('lambda.async-no-failure-destination', 'Fn').filter((f) => f.status !== 'pass')).toEqual([]);
  });

  it('still ties a permission on the local Fn named by its Ref inside an ARN', () => {
    const local = "!Sub 'arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:${Fn}'";
    expect(asyncFindings(local)).toEqual(['consumer.yaml Fn']);
  });
});

describe('lambda.no-error-alarm on another stack’s alarm that a condition of that stack makes', () => {
  const app = EXPORTS_FN;
  /** Errors and Throttles alarms on the imported Fn, made only when IsProd holds; `env` is Env's declaration. */
  const monitoring = (env: string) => `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  Env:
    Type: String
${env}Conditions:
  IsProd: !Equals [!Ref Env, prod]
Resources:
${['Errors', 'Throttles']
  .map(
    (metric) => `  ${metric}Alarm:
    Type: AWS::CloudWatch::Alarm
    Condition: IsProd
    Properties:
      Namespace: AWS/Lambda
      MetricName: ${metric}
      Dimensions: [{ Name: FunctionName, Value: !ImportValue app-fn-name }]
      Statistic: Sum
      Period: 60
      EvaluationPeriods: 1
      Threshold: 1
      ComparisonOperator: GreaterThanOrEqualToThreshold
      AlarmActions: [arn:aws:sns:us-east-1:123456789012:alerts]
`,
  )
  .join('')}`;
  const alarmOf = (env: string) =>
    scanProject({ 'app.yaml': app, 'monitoring.yaml': monitoring(env) })
      .of('lambda.no-error-alarm', 'Fn')
      .map((f) => [f.status, f.message]);

  it('is unknown, not passed, when the condition cannot be decided, naming the alarms and their stack', () => {
    expect(alarmOf('')).toEqual([
      [
        'unknown',
        "An alarm may watch the function's Errors and Throttles, but alarm ErrorsAlarm of stack monitoring.yaml and " +
          "alarm ThrottlesAlarm of stack monitoring.yaml watch it only as that stack's parameter defaults or " +
          'conditions decide, which a deploy may change.',
      ],
    ]);
  });

  it('is unknown too when that stack’s defaults make the alarms (or leave them out)', () => {
    expect(alarmOf('    Default: prod\n').map(([status]) => status)).toEqual(['unknown']);
    expect(alarmOf('    Default: dev\n').map(([status]) => status)).toEqual(['unknown']);
  });
});

describe('lambda.vpc-single-az on a subnet another scanned stack exports', () => {
  const network = `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties: { CidrBlock: 10.0.0.0/16 }
  SubA:
    Type: AWS::EC2::Subnet
    Properties: { VpcId: !Ref Vpc, CidrBlock: 10.0.1.0/24, AvailabilityZone: us-east-1a }
Outputs:
  SubA:
    Value: !Ref SubA
    Export: { Name: 'net:SubA' }
`;
  const vpc =
    "      VpcConfig:\n        SecurityGroupIds: [sg-0123456789abcdef0]\n        SubnetIds: [!ImportValue 'net:SubA']\n";
  const app = `Resources:\n${lambdaFunction('Fn', vpc)}`;

  it('names the subnet with its stack, not by the ${SubA} that stands for it in the importing template', () => {
    const { result, of } = scanProject({ 'net.yaml': network, 'app.yaml': app });
    expect(result.errors).toEqual([]);
    expect(of('lambda.vpc-single-az', 'Fn').map((f) => [f.status, f.message])).toEqual([
      [
        'fail',
        'The function is connected to a single subnet (SubA of stack net.yaml), so it runs in one Availability Zone.',
      ],
    ]);
  });
});

describe('lambda.no-error-alarm on an alarm a composite of another stack imports', () => {
  it('is unknown where the alarm without actions is exported and a monitoring stack names it through an import', () => {
    const app = `AWSTemplateFormatVersion: '2010-09-09'
Resources:
${lambdaFunction('Fn')}${functionAlarm('ErrorsAlarm')}Outputs:
  ErrorsAlarmArn:
    Value: !GetAtt ErrorsAlarm.Arn
    Export: { Name: app-errors-alarm-arn }
`;
    const monitoring = `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Topic:
    Type: AWS::SNS::Topic
  Rollup:
    Type: AWS::CloudWatch::CompositeAlarm
    Properties:
      AlarmRule: !Sub ['ALARM("\${A}")', { A: !ImportValue app-errors-alarm-arn }]
      AlarmActions: [!Ref Topic]
`;
    const found = scanProject({ 'app.yaml': app, 'monitoring.yaml': monitoring }).of(
      'lambda.no-error-alarm',
      'Fn',
    );
    expect(found.map((f) => [f.status, f.message])).toEqual([
      [
        'fail',
        'No CloudWatch alarm in this template, or in a scanned stack linked to it, watches its Throttles metric. An ' +
          'alarm may watch its Errors, but alarm ErrorsAlarm has no AlarmActions, and a stack importing it may hear ' +
          'it (its ARN is exported as app-errors-alarm-arn).',
      ],
    ]);
  });
});
