import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { scanCdkOut } from './helpers/cdk-out.js';
import { SAM_HEADER } from './helpers/templates.js';

/** How often each file was read and parsed during the scan, by resolved path. */
const counts = vi.hoisted(() => ({ reads: new Map<string, number>(), parses: new Map<string, number>() }));

function count(map: Map<string, number>, file: unknown) {
  if (typeof file === 'string') map.set(file, (map.get(file) ?? 0) + 1);
}

vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  const readFileSync = ((file: unknown, ...rest: unknown[]) => {
    if (typeof file === 'string') counts.reads.set(resolve(file), (counts.reads.get(resolve(file)) ?? 0) + 1);
    return (fs.readFileSync as (...args: unknown[]) => unknown)(file, ...rest);
  }) as typeof fs.readFileSync;
  return { ...fs, default: { ...fs, readFileSync }, readFileSync };
});

vi.mock('../src/sources/cloudformation/yaml.js', async (importOriginal) => {
  const yaml = await importOriginal<typeof import('../src/sources/cloudformation/yaml.js')>();
  return {
    ...yaml,
    parseYaml: (text: string, file: string) => {
      count(counts.parses, resolve(file));
      return yaml.parseYaml(text, file);
    },
  };
});

const ALARM = (id: string, metric: string, name: string) => `  ${id}:
    Type: AWS::CloudWatch::Alarm
    Properties:
      Namespace: AWS/Lambda
      MetricName: ${metric}
      Statistic: Sum
      Period: 60
      EvaluationPeriods: 1
      Threshold: 1
      ComparisonOperator: GreaterThanOrEqualToThreshold
      AlarmActions: [arn:aws:sns:us-east-1:123456789012:alerts]
      Dimensions:
        - Name: FunctionName
          Value: ${name}
`;

const FN = `    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      CodeUri: s3://b/k
`;

/**
 * Stacks linked every way the scan follows, each file asked for by another before and after its own scan: a
 * monitoring stack (scanned first) alarming on a function app.yaml exports; a parent alarming on its nested
 * stack's function; a consumer scanned before z-queues.yaml mapping the queue it exports, one scanned after
 * b-queues.yaml mapping the queue that one exports.
 */
const FILES: Record<string, string> = {
  'a-consumer.yaml': `${SAM_HEADER}Resources:
  Consumer:
${FN}      Events:
        Jobs:
          Type: SQS
          Properties:
            Queue: !ImportValue jobs-queue-arn
`,
  'app.yaml': `${SAM_HEADER}Resources:
  Fn:
${FN}Outputs:
  FnName:
    Value: !Ref Fn
    Export:
      Name: app-fn-name
`,
  'child.yaml': `${SAM_HEADER}Resources:
  Inner:
${FN}Outputs:
  InnerName:
    Value: !Ref Inner
`,
  'monitoring.yaml': `${SAM_HEADER}Resources:
${ALARM('Errors', 'Errors', '!ImportValue app-fn-name')}${ALARM('Throttles', 'Throttles', '!ImportValue app-fn-name')}`,
  'parent.yaml': `${SAM_HEADER}Resources:
  Child:
    Type: AWS::Serverless::Application
    Properties:
      Location: ./child.yaml
${ALARM('Errors', 'Errors', '!GetAtt Child.Outputs.InnerName')}${ALARM('Throttles', 'Throttles', '!GetAtt Child.Outputs.InnerName')}`,
  'z-queues.yaml': `${SAM_HEADER}Resources:
  Jobs:
    Type: AWS::SQS::Queue
Outputs:
  JobsArn:
    Value: !GetAtt Jobs.Arn
    Export:
      Name: jobs-queue-arn
`,
};
/** A role Lambda and EC2 may assume, its ARN exported as `name`. */
const ROLE_STACK = (name: string) => `${SAM_HEADER}Resources:
  Shared:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - { Effect: Allow, Principal: { Service: [lambda.amazonaws.com, ec2.amazonaws.com] }, Action: sts:AssumeRole }
Outputs:
  RoleArn:
    Value: !GetAtt Shared.Arn
    Export:
      Name: ${name}
`;
/** A function running as the role exported as `name`. */
const ROLE_USER = (id: string, name: string) => `${SAM_HEADER}Resources:
  ${id}:
${FN}      Role: !ImportValue ${name}
`;
// A role whose user is scanned after it (built for its checks first), and one whose user is scanned before it.
FILES['a-roles.yaml'] = ROLE_STACK('early-role-arn');
FILES['zz-role-user.yaml'] = ROLE_USER('LateUser', 'early-role-arn');
FILES['a-role-user.yaml'] = ROLE_USER('EarlyUser', 'late-role-arn');
FILES['zz-roles.yaml'] = ROLE_STACK('late-role-arn');
FILES['b-queues.yaml'] = (FILES['z-queues.yaml'] as string).replace('jobs-queue-arn', 'late-queue-arn');
FILES['zz-late-consumer.yaml'] = (FILES['a-consumer.yaml'] as string)
  .replace('Consumer:', 'LateConsumer:')
  .replace('jobs-queue-arn', 'late-queue-arn');

describe('scan of stacks linked by exports, imports and nesting', () => {
  const dir = mkdtempSync(join(tmpdir(), 'parapet-linked-once-'));
  for (const [name, text] of Object.entries(FILES)) writeFileSync(join(dir, name), text);
  beforeEach(() => {
    counts.reads.clear();
    counts.parses.clear();
  });

  it('reads and parses each file once, and still links the stacks', () => {
    const { result, of } = scanCdkOut(dir);
    for (const name of Object.keys(FILES)) {
      expect(counts.reads.get(join(dir, name)), `reads of ${name}`).toBe(1);
      expect(counts.parses.get(join(dir, name)), `parses of ${name}`).toBe(1);
    }
    expect(result.errors).toEqual([]);
    // The alarms of the monitoring stack, scanned before app.yaml, and of the parent on its nested stack's function.
    expect(of('lambda.no-error-alarm', 'Fn').map((f) => f.status)).toEqual(['pass']);
    expect(of('lambda.no-error-alarm', 'Inner').map((f) => f.status)).toEqual(['pass']);
    // The imported queue, of a stack built for the consumer before its own scan: no redrive policy.
    const lost = of('lambda.event-source-failures-lost', 'Consumer');
    expect(lost.map((f) => f.status)).toEqual(['fail']);
    expect(lost[0]?.message).toContain('Jobs in stack z-queues.yaml');
    // The model b-queues.yaml's own scan built, kept for the consumer scanned after it.
    expect(of('lambda.event-source-failures-lost', 'LateConsumer').map((f) => f.message)).toEqual(
      lost.map((f) => f.message.replaceAll('z-queues.yaml', 'b-queues.yaml')),
    );
    // The functions of other stacks that run as each role, built before their own scan or noted by it.
    expect(of('iam.role-trust-beyond-lambda', 'Shared').map((f) => [f.location?.file, f.message])).toEqual([
      [
        'a-roles.yaml',
        'Besides Lambda, the service ec2.amazonaws.com can assume the execution role of LateUser (stack zz-role-user.yaml), and act with its permissions.',
      ],
      [
        'zz-roles.yaml',
        'Besides Lambda, the service ec2.amazonaws.com can assume the execution role of EarlyUser (stack a-role-user.yaml), and act with its permissions.',
      ],
    ]);
    // Its own scan, taking that build, reports the queue's own findings once.
    expect(result.templates.map((t) => t.file)).toEqual(Object.keys(FILES).sort());
  });
});
