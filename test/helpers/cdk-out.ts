import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ALL_CHECKS } from '../../src/checks/index.js';
import { type Config, EMPTY_CONFIG } from '../../src/config/config.js';
import { scan } from '../../src/scan.js';

/** A folder like `cdk.out`: each template written as JSON the way `cdk synth` writes it. */
export function cdkOut(files: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), 'parapet-cdk-out-'));
  for (const [name, doc] of Object.entries(files))
    writeFileSync(join(dir, name), JSON.stringify(doc, null, 1));
  return dir;
}

/** Writes `dir`/manifest.json: one stack `name` whose template is `templateFile`, deployed to `environment` as written. */
export function writeStackManifest(
  dir: string,
  name: string,
  templateFile: string,
  environment: unknown,
): void {
  const stack = { type: 'aws:cloudformation:stack', environment, properties: { templateFile } };
  writeFileSync(
    join(dir, 'manifest.json'),
    JSON.stringify({ version: '36.0.0', artifacts: { [name]: stack } }),
  );
}

/** Scans `paths` (the folder by default) with every check, passes included; `of` picks one check's results. */
export function scanCdkOut(
  dir: string,
  paths: string[] = [dir],
  parameters?: Record<string, string>,
  config: Config = EMPTY_CONFIG,
) {
  const result = scan(paths, {
    checks: ALL_CHECKS,
    config,
    scanDate: new Date('2026-11-25'),
    cwd: dir,
    includePassed: true,
    ...(parameters ? { parameters } : {}),
  });
  const of = (checkId: string, resource: string) =>
    result.findings.filter((f) => f.checkId === checkId && f.resource.id === resource);
  return { result, of };
}

/** The role of `cdkWorker`'s function. */
export const WORKER_ROLE = 'WorkerServiceRole2C1F3B7A';

/** An `AWS::IAM::Role` Lambda may assume, as CDK writes it in JSON. */
export function lambdaRoleJson(): { Type: string; Properties: Record<string, unknown> } {
  return {
    Type: 'AWS::IAM::Role',
    Properties: {
      AssumeRolePolicyDocument: {
        Statement: [
          { Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' } },
        ],
        Version: '2012-10-17',
      },
    },
  };
}

/**
 * The resources `cdk synth` writes for a function whose role may send to a queue: the role, its default
 * policy (`sqs:SendMessage` on `queueArn`) and the function (on `runtime`), under construct path `path`.
 */
export function cdkWorker(path: string, queueArn: unknown, runtime: unknown): Record<string, unknown> {
  return {
    [WORKER_ROLE]: {
      ...lambdaRoleJson(),
      Metadata: { 'aws:cdk:path': `${path}/ServiceRole/Resource` },
    },
    WorkerServiceRoleDefaultPolicy5E1A9F04: {
      Type: 'AWS::IAM::Policy',
      Properties: {
        PolicyDocument: {
          Statement: [{ Action: 'sqs:SendMessage', Effect: 'Allow', Resource: queueArn }],
          Version: '2012-10-17',
        },
        PolicyName: 'WorkerServiceRoleDefaultPolicy5E1A9F04',
        Roles: [{ Ref: WORKER_ROLE }],
      },
      Metadata: { 'aws:cdk:path': `${path}/ServiceRole/DefaultPolicy/Resource` },
    },
    Worker3B7A2D1C: {
      Type: 'AWS::Lambda::Function',
      Properties: {
        Code: { ZipFile: 'exports.handler = async () => {};' },
        Handler: 'index.handler',
        Role: { 'Fn::GetAtt': [WORKER_ROLE, 'Arn'] },
        Runtime: runtime,
      },
      DependsOn: ['WorkerServiceRoleDefaultPolicy5E1A9F04', WORKER_ROLE],
      Metadata: { 'aws:cdk:path': `${path}/Resource` },
    },
  };
}

/** The queue `cdkWorker` sends to, in stack MyStack, as `cdk synth` writes it. */
export function cdkQueue(): Record<string, unknown> {
  return {
    Queue4A7E3555: {
      Type: 'AWS::SQS::Queue',
      UpdateReplacePolicy: 'Delete',
      DeletionPolicy: 'Delete',
      Metadata: { 'aws:cdk:path': 'MyStack/Queue/Resource' },
    },
  };
}
