import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALL_CHECKS } from '../../src/checks/index.js';
import type { Finding } from '../../src/findings/finding.js';
import { toSarif } from '../../src/report/sarif.js';
import { toText } from '../../src/report/text.js';
import { cdkOut, lambdaRoleJson, scanCdkOut } from '../helpers/cdk-out.js';

/** An SQS mapping whose queue has no redrive policy: the finding is the mapping's, and points at the queue. */
const EDA = join(import.meta.dirname, '..', 'fixtures', 'cdk-neighbours', 'cdk.out');
const TEMPLATE = 'EDAStack.template.json';
const QUEUE_PATH = 'EDAStack/img-created-queue/Resource';
const MAPPING_PATH = 'EDAStack/ProcessImageFn/SqsEventSource:EDAStackimgcreatedqueue852C6AE9/Resource';

interface SarifResult {
  ruleId: string;
  message: { text: string };
  locations: { logicalLocations: unknown[] }[];
  properties: Record<string, unknown>;
}

const sarifResult = (result: ReturnType<typeof scanCdkOut>['result'], ruleId: string): SarifResult =>
  JSON.parse(toSarif(result, ALL_CHECKS)).runs[0].results.find((r: SarifResult) => r.ruleId === ruleId);

const one = (findings: readonly Finding[], checkId: string) => {
  const found = findings.filter((f) => f.checkId === checkId && f.status !== 'pass');
  expect(found).toHaveLength(1);
  return found[0] as Finding;
};

/** The manifest.json of a cloud assembly of one stack, `Stack`, whose template is Stack.template.json. */
const ONE_STACK = {
  version: '36.0.0',
  artifacts: {
    Stack: { type: 'aws:cloudformation:stack', properties: { templateFile: 'Stack.template.json' } },
  },
};

describe('the construct path shown with a finding that points into another resource', () => {
  it("is the queue's for a mapping's finding at its queue, in text, JSON and SARIF; the resource keeps its own", () => {
    const { result } = scanCdkOut(EDA);
    const lost = one(result.findings, 'lambda.event-source-failures-lost');
    expect(lost.resource).toMatchObject({ id: 'ProcessImageFnSqsEventSource', cdkPath: MAPPING_PATH });
    expect(lost.location).toEqual({
      file: TEMPLATE,
      line: 3,
      column: 3,
      declaration: { id: 'imgcreatedqueueB98FF37D', cdkPath: QUEUE_PATH },
    });

    const text = toText(result, { color: false });
    // Was `EDAStack.template.json:3:3 · cdk path <the mapping's>`: the line is the queue's.
    expect(text).toContain(`      ${TEMPLATE}:3:3 · cdk path ${QUEUE_PATH}\n`);
    expect(text).not.toContain(`cdk path ${MAPPING_PATH}`);

    const sarif = sarifResult(result, 'lambda.event-source-failures-lost');
    expect(sarif.locations[0]?.logicalLocations).toEqual([
      { name: 'imgcreatedqueueB98FF37D', fullyQualifiedName: QUEUE_PATH, kind: 'resource' },
    ]);
    // What the finding is on stays the mapping.
    expect(sarif.properties).toMatchObject({
      resourceId: 'ProcessImageFnSqsEventSource',
      cdkPath: MAPPING_PATH,
    });
    expect(sarif.message.text).toContain(`CDK path: ${MAPPING_PATH}.`);
  });

  it("stays the resource's own for a finding that points into its own declaration", () => {
    const { result } = scanCdkOut(EDA);
    const tracing = one(result.findings, 'lambda.tracing-not-active');
    expect(tracing.location).toEqual({ file: TEMPLATE, line: 32, column: 3 });
    expect(toText(result, { color: false })).toContain(
      `      ${TEMPLATE}:32:3 · cdk path EDAStack/ProcessImageFn/Resource\n`,
    );
    expect(sarifResult(result, 'lambda.tracing-not-active').locations[0]?.logicalLocations).toEqual([
      {
        name: 'ProcessImageFn86BA75E4',
        fullyQualifiedName: 'EDAStack/ProcessImageFn/Resource',
        kind: 'resource',
      },
    ]);
  });

  it("is the policy's for a role's finding at a statement of its default policy, and the rule's for open egress", () => {
    const dir = cdkOut({
      'manifest.json': ONE_STACK,
      'Stack.template.json': {
        Resources: {
          FnRole: { ...lambdaRoleJson(), Metadata: { 'aws:cdk:path': 'Stack/Fn/ServiceRole/Resource' } },
          FnRoleDefaultPolicy: {
            Type: 'AWS::IAM::Policy',
            Properties: {
              PolicyName: 'p',
              Roles: [{ Ref: 'FnRole' }],
              PolicyDocument: {
                Version: '2012-10-17',
                Statement: [{ Effect: 'Allow', Action: 'dynamodb:*', Resource: '*' }],
              },
            },
            Metadata: { 'aws:cdk:path': 'Stack/Fn/ServiceRole/DefaultPolicy/Resource' },
          },
          Sg: {
            Type: 'AWS::EC2::SecurityGroup',
            Properties: { GroupDescription: 'x', VpcId: 'vpc-123' },
            Metadata: { 'aws:cdk:path': 'Stack/Fn/SecurityGroup/Resource' },
          },
          // Not a resource Parapet models: its path is read from its own metadata.
          SgEgressAll: {
            Type: 'AWS::EC2::SecurityGroupEgress',
            Properties: {
              GroupId: { 'Fn::GetAtt': ['Sg', 'GroupId'] },
              IpProtocol: '-1',
              CidrIp: '0.0.0.0/0',
            },
            Metadata: { 'aws:cdk:path': 'Stack/Fn/SecurityGroup/to Anywhere' },
          },
          Fn: {
            Type: 'AWS::Lambda::Function',
            Properties: {
              Code: { ZipFile: 'x' },
              Handler: 'index.handler',
              Runtime: 'nodejs24.x',
              Role: { 'Fn::GetAtt': ['FnRole', 'Arn'] },
              VpcConfig: { SecurityGroupIds: [{ 'Fn::GetAtt': ['Sg', 'GroupId'] }], SubnetIds: ['subnet-1'] },
            },
            Metadata: { 'aws:cdk:path': 'Stack/Fn/Resource' },
          },
        },
      },
    });
    const { result } = scanCdkOut(dir);
    const wildcard = one(result.findings, 'iam.role-wildcard-action');
    expect(wildcard.resource).toMatchObject({ id: 'FnRole', cdkPath: 'Stack/Fn/ServiceRole/Resource' });
    expect(wildcard.location.declaration).toEqual({
      id: 'FnRoleDefaultPolicy',
      cdkPath: 'Stack/Fn/ServiceRole/DefaultPolicy/Resource',
    });
    const egress = one(result.findings, 'lambda.vpc-security-group-egress-all');
    expect(egress.resource).toMatchObject({ id: 'Fn', cdkPath: 'Stack/Fn/Resource' });
    expect(egress.location.declaration).toEqual({
      id: 'SgEgressAll',
      cdkPath: 'Stack/Fn/SecurityGroup/to Anywhere',
    });
    const text = toText(result, { color: false });
    expect(text).toMatch(/Stack\.template\.json:\d+:\d+ · cdk path Stack\/Fn\/SecurityGroup\/to Anywhere\n/);
    expect(text).toMatch(
      /Stack\.template\.json:\d+:\d+ · cdk path Stack\/Fn\/ServiceRole\/DefaultPolicy\/Resource\n/,
    );
    rmSync(dir, { recursive: true, force: true });
  });

  it("shows no path, not the finding's resource's, when the declaration pointed into has none", () => {
    const dir = cdkOut({
      'manifest.json': ONE_STACK,
      'Stack.template.json': {
        Resources: {
          // Added by hand (an escape hatch, a template copied in): no metadata.
          Queue: { Type: 'AWS::SQS::Queue' },
          FnRole: { ...lambdaRoleJson(), Metadata: { 'aws:cdk:path': 'Stack/Fn/ServiceRole/Resource' } },
          Fn: {
            Type: 'AWS::Lambda::Function',
            Properties: {
              Code: { ZipFile: 'x' },
              Handler: 'index.handler',
              Runtime: 'nodejs24.x',
              Role: { 'Fn::GetAtt': ['FnRole', 'Arn'] },
            },
            Metadata: { 'aws:cdk:path': 'Stack/Fn/Resource' },
          },
          Mapping: {
            Type: 'AWS::Lambda::EventSourceMapping',
            Properties: { EventSourceArn: { 'Fn::GetAtt': ['Queue', 'Arn'] }, FunctionName: { Ref: 'Fn' } },
            Metadata: { 'aws:cdk:path': 'Stack/Fn/SqsEventSource/Resource' },
          },
        },
      },
    });
    const { result } = scanCdkOut(dir);
    const lost = one(result.findings, 'lambda.event-source-failures-lost');
    expect(lost.location).toEqual({
      file: 'Stack.template.json',
      line: 3,
      column: 3,
      declaration: { id: 'Queue' },
    });
    expect(toText(result, { color: false })).toContain('      Stack.template.json:3:3\n');
    expect(sarifResult(result, 'lambda.event-source-failures-lost').locations[0]?.logicalLocations).toEqual([
      { name: 'Queue', fullyQualifiedName: 'Queue', kind: 'resource' },
    ]);
    rmSync(dir, { recursive: true, force: true });
  });

  it("is the queue's from the manifest when the template has no path metadata", () => {
    const template = JSON.parse(readFileSync(join(EDA, TEMPLATE), 'utf8'));
    const paths: Record<string, unknown> = {};
    for (const [id, declaration] of Object.entries<{ Metadata: Record<string, string> }>(
      template.Resources,
    )) {
      paths[`/${declaration.Metadata['aws:cdk:path']}`] = [{ type: 'aws:cdk:logicalId', data: id }];
      delete (declaration as { Metadata?: unknown }).Metadata;
    }
    const dir = cdkOut({
      [TEMPLATE]: template,
      'manifest.json': {
        version: '36.0.0',
        artifacts: {
          EDAStack: {
            type: 'aws:cloudformation:stack',
            properties: { templateFile: TEMPLATE },
            metadata: paths,
          },
        },
      },
    });
    const { result } = scanCdkOut(dir);
    const lost = one(result.findings, 'lambda.event-source-failures-lost');
    expect(lost.resource.cdkPath).toBe(MAPPING_PATH);
    expect(lost.location.declaration).toEqual({ id: 'imgcreatedqueueB98FF37D', cdkPath: QUEUE_PATH });
    rmSync(dir, { recursive: true, force: true });
  });
});
