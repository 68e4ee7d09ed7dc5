import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  patternHears,
  readEventPattern,
} from '../../../src/sources/cloudformation/map/alarm-event-pattern.js';
import { MAX_NESTING } from '../../../src/sources/cloudformation/nesting-depth.js';
import { scanCdkOut } from '../../helpers/cdk-out.js';

// JSON text in a string property (a policy CloudFormation takes as a string, a redrive policy, a state machine's
// DefinitionString) is parsed after the template: JSON.parse takes any depth, but the resolver and the checks recurse
// over what it gives, and a list nested 100,000 deep exhausted the stack ("Parapet failed on this file").

/** A list nested `levels` deep around `"x"`, as JSON text. */
function nested(levels: number): string {
  return `${'['.repeat(levels)}"x"${']'.repeat(levels)}`;
}

const FUNCTION = {
  Type: 'AWS::Lambda::Function',
  Properties: {
    Runtime: 'python3.6',
    Handler: 'a.b',
    Role: 'arn:aws:iam::123456789012:role/r',
    Code: { ZipFile: 'x' },
  },
};

/** Scans a JSON template of these resources (one key a line), beside function F whose runtime is deprecated. */
function scanResources(resources: Record<string, unknown>) {
  const dir = mkdtempSync(join(tmpdir(), 'parapet-json-text-'));
  writeFileSync(join(dir, 't.json'), JSON.stringify({ Resources: { F: FUNCTION, ...resources } }, null, 1));
  const { result } = scanCdkOut(dir);
  // The rest of the template is checked.
  expect(
    result.findings.some((f) => f.checkId === 'lambda.runtime-deprecated' && f.resource.id === 'F'),
  ).toBe(true);
  return result;
}

const TOO_DEEP = `nests maps and lists deeper than ${MAX_NESTING} levels`;

describe('JSON text in a string property, nested deeper than Parapet reads', () => {
  it("is a scan error at a REST API's Policy, naming the API once though each method reads it", () => {
    const method = (verb: string) => ({
      Type: 'AWS::ApiGateway::Method',
      Properties: {
        RestApiId: { Ref: 'Api' },
        ResourceId: { 'Fn::GetAtt': ['Api', 'RootResourceId'] },
        HttpMethod: verb,
        AuthorizationType: 'NONE',
        Integration: {
          Type: 'AWS_PROXY',
          IntegrationHttpMethod: 'POST',
          Uri: {
            'Fn::Sub':
              'arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${F.Arn}/invocations',
          },
        },
      },
    });
    const policy = `{"Statement":[{"Effect":"Allow","Principal":"*","Action":"execute-api:Invoke","Resource":"*","Condition":{"StringEquals":{"aws:SourceVpc":${nested(100_000)}}}}]}`;
    const result = scanResources({
      Api: { Type: 'AWS::ApiGateway::RestApi', Properties: { Name: 'a', Policy: policy } },
      Get: method('GET'),
      Post: method('POST'),
    });
    expect(result.errors).toEqual([
      {
        kind: 'parse',
        file: 't.json',
        line: 18,
        column: 5,
        resource: 'Api',
        message: `Api: Policy is JSON text that ${TOO_DEEP} (Statement.0.Condition.StringEquals.aws:SourceVpc.0...), which Parapet does not read: it is taken as not known`,
      },
    ]);
  });

  it("is a scan error at a queue's RedrivePolicy, whether text or an !Sub of text", () => {
    const text = `{"deadLetterTargetArn":${nested(100_000)}}`;
    const result = scanResources({
      Q: { Type: 'AWS::SQS::Queue', Properties: { RedrivePolicy: text } },
      S: { Type: 'AWS::SQS::Queue', Properties: { RedrivePolicy: { 'Fn::Sub': text } } },
    });
    expect(result.errors.map((e) => [e.kind, e.resource, e.line, e.message])).toEqual([
      [
        'parse',
        'Q',
        17,
        `Q: RedrivePolicy is JSON text that ${TOO_DEEP} (deadLetterTargetArn.0.0.0.0.0...), which Parapet does not read: it is taken as not known`,
      ],
      [
        'parse',
        'S',
        23,
        `S: RedrivePolicy is JSON text that ${TOO_DEEP} (deadLetterTargetArn.0.0.0.0.0...), which Parapet does not read: it is taken as not known`,
      ],
    ]);
  });

  it("is a scan error at a state machine's DefinitionString", () => {
    const definition = `{"StartAt":"A","States":{"A":{"Type":"Pass","Parameters":{"x":${nested(100_000)}},"End":true}}}`;
    const result = scanResources({
      M: {
        Type: 'AWS::StepFunctions::StateMachine',
        Properties: { RoleArn: 'arn:aws:iam::123456789012:role/r', DefinitionString: definition },
      },
    });
    expect(result.errors.map((e) => [e.kind, e.resource, e.line, e.message])).toEqual([
      [
        'parse',
        'M',
        18,
        `M: DefinitionString is JSON text that ${TOO_DEEP} (States.A.Parameters.x.0.0...), which Parapet does not read: it is taken as not known`,
      ],
    ]);
  });

  it('is read as before up to the limit', () => {
    // The map, then the lists: 1 + levels.
    const text = (levels: number) =>
      `{"deadLetterTargetArn":"arn:aws:sqs:us-east-1:123456789012:dlq","maxReceiveCount":${nested(levels)}}`;
    const queue = (levels: number) => ({
      Q: { Type: 'AWS::SQS::Queue', Properties: { RedrivePolicy: text(levels) } },
    });
    expect(scanResources(queue(MAX_NESTING - 1)).errors).toEqual([]);
    expect(scanResources(queue(MAX_NESTING)).errors.map((e) => e.message)).toEqual([
      `Q: RedrivePolicy is JSON text that ${TOO_DEEP} (maxReceiveCount.0.0.0.0.0...), which Parapet does not read: it is taken as not known`,
    ]);
  });

  it("makes an EventBridge rule's pattern not known to hear an alarm", () => {
    const alarm = { id: 'Cpu', name: 'Cpu' };
    expect(
      patternHears(readEventPattern(`{"source":["aws.cloudwatch"],"detail":${nested(100_000)}}`), alarm),
    ).toEqual({
      heard: 'maybe',
      why: `its EventPattern nests deeper than ${MAX_NESTING} levels, which Parapet does not read`,
    });
    expect(patternHears(readEventPattern('{"source":["aws.cloudwatch"]}'), alarm)).toEqual({ heard: 'yes' });
  });
});
