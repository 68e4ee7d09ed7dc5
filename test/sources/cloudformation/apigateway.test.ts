import { describe, expect, it } from 'vitest';
import type { ApiRoute } from '../../../src/model/apigateway.js';
import { ROUTE_TYPE } from '../../../src/model/apigateway.js';
import { isUnknown } from '../../../src/model/values.js';
import { scanTemplate } from '../../helpers/scan-template.js';

/** The routes of a template, by id, as plain data (Unknown as `{ unknown: reason }`, no source objects). */
function routes(text: string): Record<string, Record<string, unknown>> {
  const { inventory, errors } = scanTemplate(text, []);
  expect(errors).toEqual([]);
  const out: Record<string, Record<string, unknown>> = {};
  for (const route of inventory.list('apigateway.route')) out[route.id] = summary(route);
  return out;
}

function summary(route: ApiRoute): Record<string, unknown> {
  const { authorization: auth } = route;
  const plain = (value: unknown) => (isUnknown(value) ? { unknown: value.reason } : value);
  return {
    api: plain(route.api),
    apiKind: route.apiKind,
    route: `${plain(route.method)} ${plain(route.path)}`,
    functionRef: plain(route.functionRef),
    authorization: isUnknown(auth)
      ? { unknown: auth.reason }
      : Object.fromEntries(Object.entries(auth).filter(([key]) => key !== 'source')),
    apiKeyRequired: plain(route.apiKeyRequired),
    endpointType: plain(route.endpointType),
  };
}

const authOf = (all: Record<string, Record<string, unknown>>) =>
  Object.fromEntries(
    Object.entries(all).map(([id, route]) => [id, [route.authorization, route.apiKeyRequired]]),
  );

const FUNCTION = `  Fn:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: s3://bucket/key
      Handler: app.handler
      Runtime: nodejs22.x
`;

describe('SAM Api events', () => {
  // Expected values: what aws-sam-translator 1.110.0 writes into ServerlessRestApi's OpenAPI for this template.
  const template = `Transform: AWS::Serverless-2016-10-31
Globals:
  Api:
    Auth:
      DefaultAuthorizer: MyCognito
      AddDefaultAuthorizerToCorsPreflight: false
      ApiKeyRequired: true
      AddApiKeyRequiredToCorsPreflight: false
      Authorizers:
        MyCognito: {UserPoolArn: arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_abc}
        MyLambda:
          FunctionArn: arn:aws:lambda:us-east-1:123456789012:function:auth
          FunctionPayloadType: REQUEST
          Identity: {Headers: [Authorization]}
        MyToken: {FunctionArn: arn:aws:lambda:us-east-1:123456789012:function:auth}
Resources:
${FUNCTION}      Events:
        Get: {Type: Api, Properties: {Path: /items, Method: get}}
        Opt: {Type: Api, Properties: {Path: /items, Method: options}}
        Open: {Type: Api, Properties: {Path: /open, Method: get, Auth: {Authorizer: NONE, ApiKeyRequired: false}}}
        Lam: {Type: Api, Properties: {Path: /lam, Method: post, Auth: {Authorizer: MyLambda}}}
        Tok: {Type: Api, Properties: {Path: /tok, Method: post, Auth: {Authorizer: MyToken}}}
        Iam: {Type: Api, Properties: {Path: /iam, Method: put, Auth: {Authorizer: AWS_IAM}}}
        IamR: {Type: Api, Properties: {Path: /iamr, Method: put, Auth: {Authorizer: AWS_IAM, InvokeRole: arn:aws:iam::1:role/r}}}
        KeyOnly: {Type: Api, Properties: {Path: /key, Method: get, Auth: {ApiKeyRequired: true}}}
`;

  it('resolves each route as the translator does: event Auth, else the API default, OPTIONS apart', () => {
    const cognito = { type: 'COGNITO_USER_POOLS', authorizer: 'MyCognito' };
    expect(authOf(routes(template))).toEqual({
      'Fn.Events.Get': [cognito, true],
      'Fn.Events.Opt': [{ type: 'NONE' }, false],
      'Fn.Events.Open': [{ type: 'NONE' }, false],
      'Fn.Events.Lam': [{ type: 'CUSTOM', authorizer: 'MyLambda', payloadType: 'REQUEST' }, true],
      'Fn.Events.Tok': [{ type: 'CUSTOM', authorizer: 'MyToken', payloadType: 'TOKEN' }, true],
      'Fn.Events.Iam': [{ type: 'AWS_IAM', invokeRole: 'CALLER_CREDENTIALS' }, true],
      'Fn.Events.IamR': [{ type: 'AWS_IAM', invokeRole: 'arn:aws:iam::1:role/r' }, true],
      'Fn.Events.KeyOnly': [cognito, true],
    });
  });

  it('names the implicit API, the method in upper case, the path and the function', () => {
    expect(routes(template)['Fn.Events.Get']).toMatchObject({
      api: 'ServerlessRestApi',
      apiKind: 'rest',
      route: 'GET /items',
      functionRef: 'Fn',
      endpointType: 'EDGE',
    });
  });

  it('merges Globals.Api.Auth into an explicit API and reads its endpoint type', () => {
    const text = `Transform: AWS::Serverless-2016-10-31
Globals:
  Api:
    EndpointConfiguration: {Type: PRIVATE}
    Auth:
      Authorizers:
        Token: {FunctionArn: arn:aws:lambda:us-east-1:123456789012:function:auth}
Resources:
  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
      Auth: {DefaultAuthorizer: Token}
${FUNCTION}      Events:
        Get: {Type: Api, Properties: {RestApiId: !Ref Api, Path: /items, Method: get}}
`;
    expect(routes(text)['Fn.Events.Get']).toMatchObject({
      api: 'Api',
      authorization: { type: 'CUSTOM', authorizer: 'Token', payloadType: 'TOKEN' },
      apiKeyRequired: false,
      endpointType: 'PRIVATE',
    });
  });

  it('is Unknown for an API outside the template; makes no route its OpenAPI definition lacks', () => {
    const text = `Transform: AWS::Serverless-2016-10-31
Resources:
  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
      DefinitionBody: {openapi: '3.0.1', paths: {}}
${FUNCTION}      Events:
        Imported: {Type: Api, Properties: {RestApiId: !ImportValue shared-api, Path: /a, Method: get}}
        Defined: {Type: Api, Properties: {RestApiId: !Ref Api, Path: /b, Method: get}}
`;
    const all = routes(text);
    expect(all['Fn.Events.Imported']?.authorization).toEqual({
      unknown: 'the API is not known before deploy (imported from another stack (shared-api))',
    });
    // SAM writes no event into a definition the user wrote: the event only grants API Gateway the invoke right.
    expect(Object.keys(all)).toEqual(['Fn.Events.Imported']);
  });

  it('reads an inline Swagger definition, with the defaults SAM adds to operations with an integration', () => {
    // Expected values: what aws-sam-translator 1.110.0 leaves in the definition of Api for this template.
    // A literal ARN: the usual `!Sub ...${Fn.Arn}...` here is reported as a circular dependency (see the report).
    const uri =
      'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:1:function:f/invocations';
    const text = `Transform: AWS::Serverless-2016-10-31
Resources:
  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
      Auth:
        DefaultAuthorizer: Users
        ApiKeyRequired: true
        Authorizers:
          Users: {UserPoolArn: arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_abc}
      DefinitionBody:
        swagger: '2.0'
        info: {title: orders}
        securityDefinitions:
          Sigv4: {type: apiKey, name: Authorization, in: header, x-amazon-apigateway-authtype: awsSigv4}
          Odd: {type: oauth2, flow: implicit, authorizationUrl: 'https://example.com', scopes: {}}
        paths:
          /items:
            get:
              x-amazon-apigateway-integration: {type: aws_proxy, httpMethod: POST, uri: ${uri}}
            post:
              security: [{Sigv4: []}]
              x-amazon-apigateway-integration: {type: aws_proxy, httpMethod: POST, uri: ${uri}}
            put:
              responses: {}
            patch:
              security: [{Odd: []}]
${FUNCTION}      Events:
        Get: {Type: Api, Properties: {RestApiId: !Ref Api, Path: /items, Method: get, Auth: {Authorizer: NONE}}}
        Post: {Type: Api, Properties: {RestApiId: !Ref Api, Path: /items, Method: post}}
        Put: {Type: Api, Properties: {RestApiId: !Ref Api, Path: /items, Method: put}}
        Patch: {Type: Api, Properties: {RestApiId: !Ref Api, Path: /items, Method: patch}}
`;
    const odd = { unknown: 'security scheme Odd is not one Parapet can tell the kind of' };
    expect(authOf(routes(text))).toEqual({
      // The event's Auth does not reach a definition written by hand; SAM's default does.
      'Fn.Events.Get': [{ type: 'COGNITO_USER_POOLS', authorizer: 'Users' }, true],
      'Fn.Events.Post': [{ type: 'AWS_IAM', authorizer: 'Sigv4' }, true],
      // No integration: SAM adds no default.
      'Fn.Events.Put': [{ type: 'NONE' }, false],
      'Fn.Events.Patch': [odd, odd],
    });
  });

  it('is Unknown for an operation that inherits a top-level security', () => {
    const text = `Transform: AWS::Serverless-2016-10-31
Resources:
  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
      DefinitionBody:
        openapi: '3.0.1'
        security: [{Sigv4: []}]
        paths: {/items: {get: {x-amazon-apigateway-integration: {type: aws_proxy}}}}
${FUNCTION}      Events:
        Get: {Type: Api, Properties: {RestApiId: !Ref Api, Path: /items, Method: get}}
`;
    expect(routes(text)['Fn.Events.Get']?.authorization).toEqual({
      unknown: 'GET /items inherits the top-level security in the OpenAPI definition of API Api',
    });
  });

  it('points at the alias SAM invokes, linked back to the function', () => {
    const text = `Transform: AWS::Serverless-2016-10-31
Resources:
${FUNCTION}      AutoPublishAlias: live
      Events:
        Get: {Type: Api, Properties: {Path: /items, Method: get}}
`;
    expect(routes(text)['Fn.Events.Get']?.functionRef).toBe('Fn');
  });

  it('makes no route for a function whose condition is false', () => {
    const text = `Transform: AWS::Serverless-2016-10-31
Conditions:
  Never: !Equals [a, b]
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Condition: Never
    Properties:
      CodeUri: s3://bucket/key
      Handler: app.handler
      Runtime: nodejs22.x
      Events:
        Get: {Type: Api, Properties: {Path: /items, Method: get}}
`;
    expect(routes(text)).toEqual({});
  });
});

describe('SAM HttpApi events', () => {
  // Expected values: what aws-sam-translator 1.110.0 writes into ServerlessHttpApi's OpenAPI for this template.
  const template = `Transform: AWS::Serverless-2016-10-31
Globals:
  HttpApi:
    Auth:
      DefaultAuthorizer: Jwt
      EnableIamAuthorizer: true
      Authorizers:
        Jwt: {JwtConfiguration: {issuer: 'https://issuer', audience: [a]}, IdentitySource: $request.header.Authorization}
        Lam: {FunctionArn: arn:aws:lambda:us-east-1:123456789012:function:auth, AuthorizerPayloadFormatVersion: '2.0'}
Resources:
${FUNCTION}      Events:
        Get: {Type: HttpApi, Properties: {Path: /items, Method: get}}
        Opt: {Type: HttpApi, Properties: {Path: /items, Method: options}}
        OptAuth: {Type: HttpApi, Properties: {Path: /x, Method: options, Auth: {AuthorizationScopes: [a]}}}
        Open: {Type: HttpApi, Properties: {Path: /open, Method: get, Auth: {Authorizer: NONE}}}
        Lam: {Type: HttpApi, Properties: {Path: /lam, Method: post, Auth: {Authorizer: Lam}}}
        Iam: {Type: HttpApi, Properties: {Path: /iam, Method: put, Auth: {Authorizer: AWS_IAM}}}
        Def: {Type: HttpApi}
`;

  it('resolves each route as the translator does; HTTP APIs have no API keys', () => {
    const jwt = { type: 'JWT', authorizer: 'Jwt' };
    expect(authOf(routes(template))).toEqual({
      'Fn.Events.Get': [jwt, undefined],
      'Fn.Events.Opt': [{ type: 'NONE' }, undefined],
      'Fn.Events.OptAuth': [jwt, undefined],
      'Fn.Events.Open': [{ type: 'NONE' }, undefined],
      'Fn.Events.Lam': [{ type: 'CUSTOM', authorizer: 'Lam' }, undefined],
      'Fn.Events.Iam': [{ type: 'AWS_IAM' }, undefined],
      'Fn.Events.Def': [jwt, undefined],
    });
  });

  it('gives the $default route when the event has neither Path nor Method', () => {
    expect(routes(template)['Fn.Events.Def']).toMatchObject({
      api: 'ServerlessHttpApi',
      apiKind: 'http',
      route: 'ANY $default',
      endpointType: 'REGIONAL',
    });
  });

  it('adds the event to an inline OpenAPI definition; an operation with security of its own keeps it', () => {
    // Expected values: what aws-sam-translator 1.110.0 leaves in the definition of Api for this template.
    const text = `Transform: AWS::Serverless-2016-10-31
Resources:
  Api:
    Type: AWS::Serverless::HttpApi
    Properties:
      Auth:
        DefaultAuthorizer: Jwt
        Authorizers:
          Jwt: {JwtConfiguration: {issuer: 'https://issuer', audience: [a]}, IdentitySource: $request.header.Authorization}
      DefinitionBody:
        openapi: '3.0.1'
        info: {title: orders}
        components:
          securitySchemes:
            Lam:
              type: apiKey
              name: Authorization
              in: header
              x-amazon-apigateway-authorizer: {type: request, authorizerPayloadFormatVersion: '2.0'}
        paths:
          /own: {get: {security: [{Lam: []}]}}
          /plain: {get: {responses: {}}}
${FUNCTION}      Events:
        Own: {Type: HttpApi, Properties: {ApiId: !Ref Api, Path: /own, Method: get}}
        Plain: {Type: HttpApi, Properties: {ApiId: !Ref Api, Path: /plain, Method: get}}
        New: {Type: HttpApi, Properties: {ApiId: !Ref Api, Path: /new, Method: post}}
        Open: {Type: HttpApi, Properties: {ApiId: !Ref Api, Path: /open, Method: get, Auth: {Authorizer: NONE}}}
`;
    const jwt = { type: 'JWT', authorizer: 'Jwt' };
    expect(authOf(routes(text))).toEqual({
      'Fn.Events.Own': [{ type: 'CUSTOM', authorizer: 'Lam' }, undefined],
      'Fn.Events.Plain': [jwt, undefined],
      'Fn.Events.New': [jwt, undefined],
      'Fn.Events.Open': [{ type: 'NONE' }, undefined],
    });
  });

  it('is Unknown for AWS_IAM without EnableIamAuthorizer, which SAM rejects', () => {
    const text = `Transform: AWS::Serverless-2016-10-31
Resources:
${FUNCTION}      Events:
        Iam: {Type: HttpApi, Properties: {Path: /iam, Method: put, Auth: {Authorizer: AWS_IAM}}}
`;
    expect(routes(text)['Fn.Events.Iam']?.authorization).toEqual({
      unknown:
        "authorizer AWS_IAM is not defined under the API's Auth.Authorizers (SAM rejects the template)",
    });
  });
});

const LAMBDA = `  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      Role: arn:aws:iam::123456789012:role/r
      Code: { ZipFile: 'x' }
  Live:
    Type: AWS::Lambda::Alias
    Properties:
      FunctionName: !Ref Fn
      FunctionVersion: '1'
      Name: live
`;

describe('AWS::ApiGateway::Method', () => {
  const method = (id: string, resource: string, integration: string, extra = '') => `  ${id}:
    Type: AWS::ApiGateway::Method
    Properties:
      RestApiId: !Ref Api
      ResourceId: ${resource}
      HttpMethod: get
${extra}      Integration:
${integration}`;
  const proxy = (uri: string) =>
    `        Type: AWS_PROXY\n        IntegrationHttpMethod: POST\n        Uri: ${uri}\n`;
  const text = `Resources:
${LAMBDA}  Api:
    Type: AWS::ApiGateway::RestApi
    Properties: {Name: orders}
  Items:
    Type: AWS::ApiGateway::Resource
    Properties: {RestApiId: !Ref Api, ParentId: !GetAtt Api.RootResourceId, PathPart: items}
  Item:
    Type: AWS::ApiGateway::Resource
    Properties: {RestApiId: !Ref Api, ParentId: !Ref Items, PathPart: '{id}'}
${method('Root', '!GetAtt Api.RootResourceId', proxy('!Sub arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${Fn.Arn}/invocations'))}\
${method('ByAlias', '!Ref Item', proxy('!Sub arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${Live}/invocations'), '      AuthorizationType: CUSTOM\n      AuthorizerId: !Ref Auth\n')}\
${method('Outside', '!Ref Items', proxy('arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:other/invocations'), '      ApiKeyRequired: true\n')}\
${method('Joined', '!Ref Items', proxy("!Join ['', ['arn:aws:apigateway:', !Ref 'AWS::Region', ':lambda:path/2015-03-31/functions/', !GetAtt Fn.Arn, '/invocations']]"))}\
${method('Queue', '!Ref Items', '        Type: AWS\n        IntegrationHttpMethod: POST\n        Uri: !Sub arn:aws:apigateway:${AWS::Region}:sqs:path/${AWS::AccountId}/queue\n')}\
${method('Mock', '!Ref Items', '        Type: MOCK\n')}\
  Auth:
    Type: AWS::ApiGateway::Authorizer
    Properties: {RestApiId: !Ref Api, Type: TOKEN, IdentitySource: method.request.header.Authorization}
`;

  it('maps methods that invoke a function, with their path, function and authorization', () => {
    const all = routes(text);
    expect(Object.keys(all).sort()).toEqual(['ByAlias', 'Joined', 'Outside', 'Root']);
    expect(all.Root).toEqual({
      api: 'Api',
      apiKind: 'rest',
      route: 'GET /',
      functionRef: 'Fn',
      authorization: { type: 'NONE' },
      apiKeyRequired: false,
      endpointType: 'EDGE',
    });
    expect(all.ByAlias).toMatchObject({
      route: 'GET /items/{id}',
      functionRef: 'Fn',
      authorization: { type: 'CUSTOM', authorizer: 'Auth' },
    });
    expect(all.Outside).toMatchObject({
      route: 'GET /items',
      functionRef: 'arn:aws:lambda:us-east-1:123456789012:function:other',
      apiKeyRequired: true,
    });
    expect(all.Joined?.functionRef).toBe('Fn');
  });
});

describe('AWS::ApiGatewayV2::Route', () => {
  const route = (id: string, key: string, target: string) =>
    `  ${id}:\n    Type: AWS::ApiGatewayV2::Route\n    Properties: {ApiId: !Ref Api, RouteKey: '${key}', Target: ${target}}\n`;
  const integration = (id: string, props: string) =>
    `  ${id}:\n    Type: AWS::ApiGatewayV2::Integration\n    Properties: {ApiId: !Ref Api, ${props}}\n`;
  const text = `Resources:
${LAMBDA}  Api:
    Type: AWS::ApiGatewayV2::Api
    Properties: {Name: orders, ProtocolType: HTTP}
${integration('ToFn', 'IntegrationType: AWS_PROXY, IntegrationUri: !GetAtt Fn.Arn, PayloadFormatVersion: "2.0"')}\
${integration('ToAlias', 'IntegrationType: AWS_PROXY, IntegrationUri: !Sub "arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${Live}/invocations"')}\
${integration('ToQueue', 'IntegrationType: AWS_PROXY, IntegrationSubtype: SQS-SendMessage, CredentialsArn: arn:aws:iam::1:role/r')}\
${integration('ToSite', 'IntegrationType: HTTP_PROXY, IntegrationUri: "https://example.com", IntegrationMethod: ANY')}\
${route('Default', '$default', '!Sub "integrations/${ToFn}"')}\
${route('Get', 'GET /items/{id}', "!Join ['/', [integrations, !Ref ToAlias]]")}\
${route('Send', 'POST /queue', '!Sub "integrations/${ToQueue}"')}\
${route('Site', 'GET /site', '!Sub "integrations/${ToSite}"')}\
${route('Elsewhere', 'GET /x', 'integrations/abc123')}`;

  it('maps routes whose integration invokes a function, and no others', () => {
    const all = routes(text);
    expect(Object.keys(all).sort()).toEqual(['Default', 'Get']);
    expect(all.Default).toEqual({
      api: 'Api',
      apiKind: 'http',
      route: 'ANY $default',
      functionRef: 'Fn',
      authorization: { type: 'NONE' },
      apiKeyRequired: undefined,
      endpointType: 'REGIONAL',
    });
    expect(all.Get).toMatchObject({ route: 'GET /items/{id}', functionRef: 'Fn' });
  });
});

describe('routes an OpenAPI definition declares', () => {
  it('are routes of the API it is written on, of the route type findings name as a route', () => {
    const { inventory, errors } = scanTemplate(
      `Transform: AWS::Serverless-2016-10-31
Resources:
  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
      DefinitionBody:
        openapi: 3.0.1
        paths:
          /items:
            get:
              x-amazon-apigateway-integration:
                type: aws_proxy
                httpMethod: POST
                uri: arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:1:function:f/invocations
`,
      [],
    );
    expect(errors).toEqual([]);
    const [route] = inventory.list('apigateway.route');
    expect(route).toMatchObject({ id: 'Api GET /items', type: ROUTE_TYPE, generatedBy: { id: 'Api' } });
  });
});
