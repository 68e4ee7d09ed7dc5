// biome-ignore-all lint/suspicious/noTemplateCurlyInString: CloudFormation `${...}` templates are written in these tests
import { describe, expect, it } from 'vitest';
import { ALL_CHECKS } from '../../../src/checks/index.js';
import { isUnknown } from '../../../src/model/values.js';
import { Resolver } from '../../../src/sources/cloudformation/intrinsics.js';
import { scanTemplate, template } from '../../helpers/scan-template.js';
import { lambdaFunction } from '../../helpers/templates.js';

// A `{{resolve:…}}` dynamic reference is read at deploy: where a mapper reads a value as it is written (a JSON
// property's text, a principal), it is not known, never the literal text (which no JSON parser nor IAM reads).

const checks = (...ids: string[]) => ALL_CHECKS.filter((c) => ids.includes(c.id));
const ssm = (name: string) =>
  `dynamic reference {{resolve:ssm:${name}}}, read from SSM Parameter Store at deploy`;

describe('Resolver.shallow: what a mapper reads as written', () => {
  it('is unknown for text holding a dynamic reference, and the text itself otherwise', () => {
    const r = new Resolver({ Resources: {} }, new Set(), () => {});
    const read = r.shallow('{{resolve:ssm:/app/doc}}');
    expect(isUnknown(read) && read.reason).toBe(ssm('/app/doc'));
    expect(r.shallow('{"Statement": []}')).toBe('{"Statement": []}');
  });
});

describe('a dynamic reference where a JSON document or a principal goes', () => {
  it("is an unknown redrive policy of an event source's queue, not JSON that does not parse", () => {
    const text = template(
      lambdaFunction('Fn').concat(`  Queue:
    Type: AWS::SQS::Queue
    Properties:
      RedrivePolicy: '{{resolve:ssm:/app/redrive}}'
  Mapping:
    Type: AWS::Lambda::EventSourceMapping
    Properties: { FunctionName: !Ref Fn, EventSourceArn: !GetAtt Queue.Arn }
`),
    );
    const { unknown, failed, passed, errors } = scanTemplate(
      text,
      checks('lambda.event-source-failures-lost'),
    );
    expect([failed, passed, errors]).toEqual([[], [], []]);
    expect(unknown.map((f) => f.message)).toEqual([
      `The redrive policy (dead-letter queue) of the source queue Queue is not known before deploy (${ssm('/app/redrive')}).`,
    ]);
  });

  it('is an unknown resource policy of a REST API, not one that is no JSON policy document', () => {
    const text = template(
      lambdaFunction('Fn').concat(`  Api:
    Type: AWS::ApiGateway::RestApi
    Properties:
      Name: api
      Policy: '{{resolve:ssm:/app/policy}}'
  Method:
    Type: AWS::ApiGateway::Method
    Properties:
      RestApiId: !Ref Api
      ResourceId: !GetAtt Api.RootResourceId
      HttpMethod: GET
      AuthorizationType: NONE
      Integration:
        Type: AWS_PROXY
        IntegrationHttpMethod: POST
        Uri: !Sub arn:aws:apigateway:\${AWS::Region}:lambda:path/2015-03-31/functions/\${Fn.Arn}/invocations
`),
    );
    const { unknown, failed, errors } = scanTemplate(text, checks('apigateway.route-no-auth'));
    expect([failed, errors]).toEqual([[], []]);
    expect(unknown.map((f) => f.message)).toEqual([
      `GET / on API Api has no authorization; whether its resource policy lets anyone call it is not known: its resource policy cannot be read (${ssm('/app/policy')}).`,
    ]);
  });

  it("is an unknown inline policy of a function's role, not JSON text that does not parse", () => {
    const role = `  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: { Statement: [{ Effect: Allow, Principal: { Service: lambda.amazonaws.com }, Action: sts:AssumeRole }] }
      Policies:
        - PolicyName: p
          PolicyDocument: '{{resolve:ssm:/app/policy-doc}}'
`;
    const text = template(lambdaFunction('Fn', '', '!GetAtt Role.Arn') + role);
    const { unknown, failed, errors } = scanTemplate(text, checks('iam.role-wildcard-action'));
    expect([failed, errors]).toEqual([[], []]);
    expect(unknown.map((f) => f.message)).toEqual([
      `Cannot tell whether inline policy p allows wildcard actions: policy cannot be read: ${ssm('/app/policy-doc')}.`,
    ]);
  });

  it('is an unknown principal of a trust policy, not an invalid one', () => {
    const role = `  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - { Effect: Allow, Principal: '{{resolve:ssm:/app/who}}', Action: sts:AssumeRole }
`;
    const text = template(lambdaFunction('Fn', '', '!GetAtt Role.Arn') + role);
    const { unknown, failed, errors } = scanTemplate(text, checks('iam.role-trust-beyond-lambda'));
    expect([failed, errors]).toEqual([[], []]);
    expect(unknown.map((f) => f.message)).toEqual([
      `Cannot tell who may assume the role of Fn: <principal not known before deploy (${ssm('/app/who')})> can assume the role.`,
    ]);
  });
});
