import { describe, expect, it } from 'vitest';
import { expandSam } from '../../../../src/sources/cloudformation/sam/index.js';
import { type Json, loadYaml, plain, props, resource } from './helpers.js';

const TEMPLATE = `
Transform: AWS::Serverless-2016-10-31
Resources:
  Orders:
    Type: AWS::Serverless::HttpApi
  Fn:
    Type: AWS::Serverless::Function
    Condition: InProd
    Properties:
      CodeUri: s3://b/k
      Handler: a.b
      Runtime: nodejs22.x
      AutoPublishAlias: live
      Events:
        GetItem:
          Type: Api
          Properties:
            Path: /items/{id}
            Method: get
            Auth: {Authorizer: NONE}
        Default: {Type: HttpApi, Properties: {ApiId: !Ref Orders}}
        Post: {Type: HttpApi, Properties: {ApiId: !Ref Orders, Path: /items, Method: post}}
        Jobs: {Type: SQS, Properties: {Queue: arn:aws:sqs:us-east-1:123456789012:jobs}}
`;

function expand() {
  const input = loadYaml(TEMPLATE);
  return { input, expansion: expandSam(input, { partition: 'aws' }) };
}

const eventsOf = (input: Json) => props(input, 'Fn').Events as Json;

describe('routes of Api and HttpApi events', () => {
  it('adds a Parapet::ApiGateway::Route per Api event, with the Auth the user wrote and the invoked alias', () => {
    const { input, expansion } = expand();
    const route = resource(expansion.template, 'Fn.Events.GetItem');
    expect(plain(route)).toEqual({
      Type: 'Parapet::ApiGateway::Route',
      Condition: 'InProd',
      Properties: {
        ApiKind: 'rest',
        ApiId: { Ref: 'ServerlessRestApi' },
        FunctionName: { Ref: 'FnAliaslive' },
        Path: '/items/{id}',
        Method: 'get',
        Auth: { Authorizer: 'NONE' },
      },
    });
    const written = (eventsOf(input).GetItem as Json).Properties as Json;
    expect((route.Properties as Json).Auth).toBe(written.Auth);
    expect(expansion.provenance.get('Fn.Events.GetItem')).toMatchObject({
      samId: 'Fn',
      node: eventsOf(input),
      key: 'GetItem',
    });
  });

  it("gives an HttpApi event without Path and Method SAM's $default route for any method", () => {
    const { expansion } = expand();
    expect(plain(props(expansion.template, 'Fn.Events.Default'))).toMatchObject({
      ApiKind: 'http',
      ApiId: { Ref: 'Orders' },
      Path: '$default',
      Method: 'ANY',
    });
  });

  it('keeps the route of an HttpApi event whose permission the $default route already covers', () => {
    const { expansion } = expand();
    const resources = expansion.template.Resources as Json;
    expect(resources).not.toHaveProperty('FnPostPermission');
    expect(plain(props(expansion.template, 'Fn.Events.Post'))).toMatchObject({
      Path: '/items',
      Method: 'post',
    });
  });

  it('adds no route for other events, and reports nothing', () => {
    const { expansion } = expand();
    const routes = Object.entries(expansion.template.Resources as Json)
      .filter(([, value]) => (value as Json).Type === 'Parapet::ApiGateway::Route')
      .map(([id]) => id);
    expect(routes.sort()).toEqual(['Fn.Events.Default', 'Fn.Events.GetItem', 'Fn.Events.Post']);
    expect(expansion.issues).toEqual([]);
  });
});
