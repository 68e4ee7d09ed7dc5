import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cdkOut, cdkQueue, cdkWorker, scanCdkOut, WORKER_ROLE } from '../../helpers/cdk-out.js';

const EXPORT = 'MyStack:ExportsOutputFnGetAttQueue4A7E3555Arn1A2B3C4D';
const OUTPUT = 'ExportsOutputFnGetAttQueue4A7E3555Arn1A2B3C4D';
const ROLE = WORKER_ROLE;

/** The producer stack as `cdk synth` writes it: a queue whose ARN another stack of the app uses. */
function producer(outputs: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    Parameters: { QueueName: { Type: 'String', Default: 'orders' } },
    Resources: {
      ...cdkQueue(),
    },
    Outputs: {
      [OUTPUT]: { Value: { 'Fn::GetAtt': ['Queue4A7E3555', 'Arn'] }, Export: { Name: EXPORT } },
      ...outputs,
    },
  };
}

/** The consumer stack: a worker whose role sends to what it imports, and whose runtime it imports too. */
function consumer(queueImport: string, runtimeImport = 'Shared:Runtime'): Record<string, unknown> {
  return {
    Resources: cdkWorker(
      'Consumer/Worker',
      { 'Fn::ImportValue': queueImport },
      { 'Fn::ImportValue': runtimeImport },
    ),
  };
}

const run = scanCdkOut;

const WRITE = 'iam.role-wildcard-resource-write';
const RUNTIME = 'lambda.runtime-deprecated';

describe('Fn::ImportValue of an export another scanned stack makes', () => {
  it('reads an exported GetAtt of a producer resource as that resource, not as any text', () => {
    const dir = cdkOut({ 'MyStack.template.json': producer(), 'Consumer.template.json': consumer(EXPORT) });
    const { result, of } = run(dir);
    expect(result.errors).toEqual([]);
    expect(of(WRITE, ROLE).map((f) => f.status)).toEqual(['pass']);
  });

  it('uses a literal export value as text', () => {
    const outputs = { Runtime: { Value: 'nodejs16.x', Export: { Name: 'Shared:Runtime' } } };
    const dir = cdkOut({
      'MyStack.template.json': producer(outputs),
      'Consumer.template.json': consumer(EXPORT),
    });
    const runtime = run(dir).of(RUNTIME, 'Worker3B7A2D1C');
    expect(runtime.map((f) => f.status)).toEqual(['fail']);
    expect(runtime[0]?.message).toContain('nodejs16.x');
  });

  it('does not take an export whose condition holds only by the defaults as made', () => {
    const outputs = {
      Runtime: { Value: 'nodejs16.x', Export: { Name: 'Shared:Runtime' }, Condition: 'IsOrders' },
    };
    const made = {
      ...producer(outputs),
      Conditions: { IsOrders: { 'Fn::Equals': [{ Ref: 'QueueName' }, 'orders'] } },
    };
    const dir = cdkOut({ 'MyStack.template.json': made, 'Consumer.template.json': consumer(EXPORT) });
    expect(
      run(dir)
        .of(RUNTIME, 'Worker3B7A2D1C')
        .map((f) => f.status),
    ).toEqual(['unknown']);
    const given = run(dir, [dir], { QueueName: 'orders' }).of(RUNTIME, 'Worker3B7A2D1C');
    expect(given.map((f) => f.status)).toEqual(['fail']);
  });

  it('takes a literal wildcard export as what it is', () => {
    const outputs = { Everything: { Value: '*', Export: { Name: 'Shared:Everything' } } };
    const dir = cdkOut({
      'MyStack.template.json': producer(outputs),
      'Consumer.template.json': consumer('Shared:Everything'),
    });
    expect(
      run(dir)
        .of(WRITE, ROLE)
        .map((f) => f.status),
    ).toEqual(['fail']);
  });

  it('leaves an import of an export no scanned stack makes unknown, as before', () => {
    const dir = cdkOut({
      'MyStack.template.json': producer(),
      'Consumer.template.json': consumer('Elsewhere:QueueArn'),
    });
    const write = run(dir).of(WRITE, ROLE);
    expect(write.map((f) => f.status)).toEqual(['unknown']);
    expect(write[0]?.message).toContain('imported from another stack (Elsewhere:QueueArn)');
  });

  it('leaves a consumer scanned alone as it was', () => {
    const dir = cdkOut({ 'MyStack.template.json': producer(), 'Consumer.template.json': consumer(EXPORT) });
    const { result, of } = run(dir, [join(dir, 'Consumer.template.json')]);
    expect(result.templates.map((t) => t.file)).toEqual(['Consumer.template.json']);
    const write = of(WRITE, ROLE);
    expect(write.map((f) => f.status)).toEqual(['unknown']);
    expect(write[0]?.message).toContain(`imported from another stack (${EXPORT})`);
  });

  it('does not take text the producer made from its parameter defaults as what it exports', () => {
    const outputs = { Runtime: { Value: { Ref: 'QueueName' }, Export: { Name: 'Shared:Runtime' } } };
    const dir = cdkOut({
      'MyStack.template.json': producer(outputs),
      'Consumer.template.json': consumer(EXPORT),
    });
    const runtime = run(dir).of(RUNTIME, 'Worker3B7A2D1C');
    expect(runtime.map((f) => f.status)).toEqual(['unknown']);
    expect(runtime[0]?.message).toContain('exported by stack MyStack.template.json, from parameter defaults');
    // Given with -p, the value is known.
    const given = run(dir, [dir], { QueueName: 'nodejs16.x' }).of(RUNTIME, 'Worker3B7A2D1C');
    expect(given.map((f) => f.status)).toEqual(['fail']);
  });

  it('never passes a NoEcho parameter of the producer on as text', () => {
    const doc = producer({ Runtime: { Value: { Ref: 'Secret' }, Export: { Name: 'Shared:Runtime' } } });
    (doc.Parameters as Record<string, unknown>).Secret = {
      Type: 'String',
      NoEcho: true,
      Default: 'hunter2-secret',
    };
    const dir = cdkOut({ 'MyStack.template.json': doc, 'Consumer.template.json': consumer(EXPORT) });
    // Given with -p, the secret is known text in the producer: still not passed on.
    const { result, of } = run(dir, [dir], { Secret: 'hunter2-secret' });
    expect(JSON.stringify(result)).not.toContain('hunter2-secret');
    const runtime = of(RUNTIME, 'Worker3B7A2D1C');
    expect(runtime.map((f) => f.status)).toEqual(['unknown']);
    expect(runtime[0]?.message).toContain('exported by stack MyStack.template.json from a NoEcho parameter');
  });

  it('says an export two scanned stacks make with different values may be either', () => {
    const other = producer();
    (other.Outputs as Record<string, unknown>)[OUTPUT] = { Value: '*', Export: { Name: EXPORT } };
    const dir = cdkOut({
      'MyStack.template.json': producer(),
      'MyStackCopy.template.json': other,
      'Consumer.template.json': consumer(EXPORT),
    });
    const write = run(dir).of(WRITE, ROLE);
    expect(write.map((f) => f.status)).toEqual(['unknown']);
    expect(write[0]?.message).toContain('exported by more than one scanned stack');
  });

  it('still reports an execution role imported from an export two scanned stacks make, naming both', () => {
    const roleStack = (name: string, action: string) => `Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement: [{ Effect: Allow, Principal: { Service: lambda.amazonaws.com }, Action: sts:AssumeRole }]
      Policies: [{ PolicyName: p, PolicyDocument: { Statement: [{ Effect: Allow, Action: '${action}', Resource: '*' }] } }]
Outputs:
  RoleArn: { Value: !GetAtt Role.Arn, Export: { Name: shared-RoleArn } }
# ${name}
`;
    const dir = mkdtempSync(join(tmpdir(), 'parapet-exports-'));
    writeFileSync(join(dir, 'a.yaml'), roleStack('a', '*'));
    writeFileSync(join(dir, 'b.yaml'), roleStack('b', 's3:GetObject'));
    writeFileSync(
      join(dir, 'app.yaml'),
      `Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      Role: !ImportValue shared-RoleArn
      Code: { ZipFile: x }
`,
    );
    const admin = run(dir).of('iam.role-admin-managed-policy', 'Fn::ImportValue shared-RoleArn');
    expect(admin.map((f) => f.status)).toEqual(['unknown']);
    expect(admin[0]?.message).toContain(
      '(imported from another stack (shared-RoleArn), exported by more than one scanned stack (',
    );
    expect(admin[0]?.message).toContain('Which one it is depends on where the stack deploys');
  });

  it('links YAML templates scanned together, and skips an export whose name is known only at deploy', () => {
    const dir = mkdtempSync(join(tmpdir(), 'parapet-exports-'));
    writeFileSync(join(dir, 'queues.yaml'), QUEUES_YAML);
    writeFileSync(join(dir, 'workers.yaml'), WORKERS_YAML);
    const { result, of } = run(dir);
    expect(result.errors).toEqual([]);
    const write = of(WRITE, 'Role');
    // The literal export is used; the other, whose name depends on the stack name, stays unknown.
    expect(write.map((f) => f.status)).toEqual(['unknown']);
    expect(write[0]?.message).toContain('imported from another stack (queues-OtherArn)');
    expect(write[0]?.message).not.toContain('SharedQueueArn');
  });
});

const QUEUES_YAML = `Resources:
  Queue:
    Type: AWS::SQS::Queue
  Other:
    Type: AWS::SQS::Queue
Outputs:
  Arn:
    Value: !GetAtt Queue.Arn
    Export:
      Name: SharedQueueArn
  OtherArn:
    Value: '*'
    Export:
      Name: !Sub '\${AWS::StackName}-OtherArn'
`;

const WORKERS_YAML = `Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - Effect: Allow
            Action: sts:AssumeRole
            Principal: { Service: lambda.amazonaws.com }
  Policy:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: send
      Roles: [!Ref Role]
      PolicyDocument:
        Statement:
          - Effect: Allow
            Action: sqs:SendMessage
            Resource: !ImportValue SharedQueueArn
          - Effect: Allow
            Action: sqs:SendMessage
            Resource: !ImportValue queues-OtherArn
`;

describe('Fn::ImportValue in a Fn::ForEach collection', () => {
  const PRODUCER = `Resources:
  Queue:
    Type: AWS::SQS::Queue
Outputs:
  Names:
    Value: orders,refunds
    Export:
      Name: WorkerNames
`;
  const CONSUMER = `Transform: AWS::LanguageExtensions
Resources:
  Fn::ForEach::Workers:
    - Name
    - !Split [',', !ImportValue WorkerNames]
    - 'Worker\${Name}':
        Type: AWS::Lambda::Function
        Properties:
          Runtime: python3.7
          Handler: app.handler
          Role: arn:aws:iam::123456789012:role/worker
          Code: { ZipFile: 'def handler(e, c): pass' }
`;

  it('expands the loop over what another scanned stack exports', () => {
    const dir = mkdtempSync(join(tmpdir(), 'parapet-exports-loop-'));
    writeFileSync(join(dir, 'producer.yaml'), PRODUCER);
    writeFileSync(join(dir, 'consumer.yaml'), CONSUMER);
    const { result } = run(dir);
    expect(result.errors).toEqual([]);
    const failed = result.findings.filter((f) => f.checkId === RUNTIME && f.status === 'fail');
    expect(failed.map((f) => f.resource.id).sort()).toEqual(['Workerorders', 'Workerrefunds']);
  });
});
