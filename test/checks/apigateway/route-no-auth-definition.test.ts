import { describe, expect, it } from 'vitest';
import check from '../../../src/checks/apigateway/route-no-auth.js';
import { scanTemplate, template } from '../../helpers/scan-template.js';
import { lambdaFunction } from '../../helpers/templates.js';

// Routes written only in an API's inline OpenAPI definition: no AWS::ApiGateway::Method, no SAM event.

const PROXY = `x-amazon-apigateway-integration:
                httpMethod: POST
                type: aws_proxy
                uri: !Sub arn:\${AWS::Partition}:apigateway:\${AWS::Region}:lambda:path/2015-03-31/functions/\${Fn.Arn}/invocations`;

/** A CloudFormation RestApi whose Body (Swagger 2) has GET /items proxied to Fn; `operation` and `doc` add to it. */
const restApi = (operation = '', doc = '', props = '', more = '') =>
  template(
    `${lambdaFunction()}  Api:
    Type: AWS::ApiGateway::RestApi
    Properties:
${props}      Body:
        swagger: '2.0'
        info: {title: orders, version: '1'}
${doc}        paths:
          /items:
            get:
              ${PROXY}
${operation}${more}`,
  );

const SCHEMES = `        securityDefinitions:
          Sigv4: {type: apiKey, name: Authorization, in: header, x-amazon-apigateway-authtype: awsSigv4}
          Pool:
            type: apiKey
            name: Authorization
            in: header
            x-amazon-apigateway-authtype: cognito_user_pools
            x-amazon-apigateway-authorizer:
              type: cognito_user_pools
              providerARNs: [arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_abc]
          Custom:
            type: apiKey
            name: Authorization
            in: header
            x-amazon-apigateway-authtype: custom
            x-amazon-apigateway-authorizer: {type: token, authorizerUri: arn:aws:apigateway:us-east-1:lambda:path/x}
          Key: {type: apiKey, name: x-api-key, in: header}
`;

/** A SAM function and a SAM Api whose DefinitionBody (OpenAPI 3) routes GET /items to it. */
const samApi = (operation = '', api = '', events = '') =>
  `Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: s3://bucket/key
      Handler: app.handler
      Runtime: python3.12
${events}  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
${api}      DefinitionBody:
        openapi: '3.0.1'
        info: {title: orders, version: '1'}
        paths:
          /items:
            get:
              ${PROXY}
${operation}`;

describe('apigateway.route-no-auth on routes of an inline OpenAPI definition', () => {
  it('fails a public operation of a SAM Api, on the API at the operation', () => {
    const { failed, errors } = scanTemplate(samApi(), check);
    expect(errors).toEqual([]);
    expect(failed.map((finding) => finding.message)).toEqual([
      'GET /items on API Api invokes function Fn with no authorization and no API key: anyone on the internet can call it.',
    ]);
    expect(failed[0]?.resource).toMatchObject({ id: 'Api', type: 'AWS::Serverless::Api' });
    // `get:` under `/items:`.
    expect(failed[0]?.location).toEqual({ file: 'template.yaml', line: 18, column: 13 });
  });

  it('fails a public operation of a CloudFormation RestApi Body (Swagger 2), at the operation', () => {
    const { failed } = scanTemplate(restApi(), check);
    expect(failed).toHaveLength(1);
    expect(failed[0]?.resource.id).toBe('Api');
    expect(failed[0]?.location).toMatchObject({ line: 18, column: 13 });
  });

  it('fails at low severity an operation behind an API key alone', () => {
    const { passed, failed } = scanTemplate(restApi('              security: [{Key: []}]\n', SCHEMES), check);
    expect(passed).toEqual([]);
    expect(
      failed.map((f) => [f.severity, f.message.includes('with no authorizer, only an API key')]),
    ).toEqual([['low', true]]);
  });

  it('passes operations behind IAM, a Cognito user pool or a Lambda authorizer', () => {
    for (const [scheme, said] of [
      ['Sigv4', 'requires AWS_IAM (authorizer Sigv4)'],
      ['Pool', 'requires COGNITO_USER_POOLS (authorizer Pool)'],
      ['Custom', 'requires CUSTOM (authorizer Custom)'],
    ]) {
      const { passed, failed, unknown } = scanTemplate(
        restApi(`              security: [{${scheme}: []}]\n`, SCHEMES),
        check,
      );
      expect([failed, unknown]).toEqual([[], []]);
      expect(passed[0]?.message).toBe(`GET /items on API Api ${said}`);
    }
  });

  it('reads OpenAPI 3 schemes under components.securitySchemes', () => {
    const components = `        components:
          securitySchemes:
            Sigv4: {type: apiKey, name: Authorization, in: header, x-amazon-apigateway-authtype: awsSigv4}
`;
    const { passed, failed } = scanTemplate(
      samApi(`              security: [{Sigv4: []}]\n${components}`),
      check,
    );
    expect(failed).toEqual([]);
    expect(passed[0]?.message).toBe('GET /items on API Api requires AWS_IAM (authorizer Sigv4)');
  });

  it("applies a SAM Api's DefaultAuthorizer to an operation without security, as SAM does", () => {
    const { passed, failed } = scanTemplate(samApi('', '      Auth: {DefaultAuthorizer: AWS_IAM}\n'), check);
    expect(failed).toEqual([]);
    expect(passed[0]?.message).toBe('GET /items on API Api requires AWS_IAM');
  });

  it('is unknown for an operation that inherits a top-level security; an empty security is none', () => {
    const top = `${SCHEMES}        security: [{Sigv4: []}]\n`;
    const inherits = scanTemplate(restApi('', top), check);
    expect(inherits.failed).toEqual([]);
    expect(inherits.unknown[0]?.message).toContain('GET /items inherits the top-level security');
    const optedOut = scanTemplate(restApi('              security: []\n', top), check);
    expect(optedOut.failed).toHaveLength(1);
  });

  it('passes when the resource policy lets only an account in, and fails when it allows anyone', () => {
    const policy = (principal: string) => `      Policy:
        Version: '2012-10-17'
        Statement:
          - {Effect: Allow, Principal: {AWS: '${principal}'}, Action: execute-api:Invoke, Resource: execute-api:/*}
`;
    const account = scanTemplate(restApi('', '', policy('arn:aws:iam::123456789012:root')), check);
    expect(account.failed).toEqual([]);
    expect(account.passed).toHaveLength(1);
    const anyone = scanTemplate(restApi('', '', policy('*')), check);
    expect(anyone.failed).toHaveLength(1);
  });

  it("reads the definition's x-amazon-apigateway-policy and a SAM Api's Auth.ResourcePolicy", () => {
    const inBody = `        x-amazon-apigateway-policy:
          Version: '2012-10-17'
          Statement:
            - {Effect: Allow, Principal: {AWS: '123456789012'}, Action: execute-api:Invoke, Resource: execute-api:/*}
`;
    expect(scanTemplate(restApi('', inBody), check).failed).toEqual([]);
    const sam = samApi('', "      Auth: {ResourcePolicy: {AwsAccountWhitelist: ['123456789012']}}\n");
    const { failed, passed } = scanTemplate(sam, check);
    expect(failed).toEqual([]);
    expect(passed).toHaveLength(1);
  });

  it('does not read x-amazon-apigateway-policy given as text, which API Gateway documents as a JSON object', () => {
    // A CloudFormation Json property takes text (AWS::ApiGateway::RestApi Policy); this OpenAPI extension does not.
    const inBody = `        x-amazon-apigateway-policy: '{"Statement": [{"Effect": "Allow", "Principal": {"AWS": "123456789012"}, "Action": "execute-api:Invoke", "Resource": "execute-api:/*"}]}'
`;
    const { failed, passed, unknown } = scanTemplate(restApi('', inBody), check);
    expect([failed, passed]).toEqual([[], []]);
    expect(unknown.map((f) => f.message)).toEqual([
      'GET /items on API Api has no authorization; whether its resource policy lets anyone call it is not known: its resource policy cannot be read (not a mapping).',
    ]);
  });

  it('fails when the integration URI comes from a parameter without default: it is a Lambda integration all the same', () => {
    const text = restApi()
      .replace(/uri: !Sub .*/, 'uri: !Ref FunctionUri')
      .replace('Resources:', 'Parameters:\n  FunctionUri: {Type: String}\nResources:');
    const { failed, unknown } = scanTemplate(text, check);
    expect(unknown).toEqual([]);
    expect(failed[0]?.message).toContain(
      'invokes a Lambda function not known before deploy (the integration URI names no function that can be seen)',
    );
    // Behind an authorizer, what it invokes does not matter.
    const signed = text.replace('        paths:', `${SCHEMES}        paths:`);
    const authorized = scanTemplate(`${signed}              security: [{Sigv4: []}]\n`, check);
    expect(authorized.passed).toHaveLength(1);
  });

  it('is unknown when a security scheme cannot be read', () => {
    const doc = `        securityDefinitions:
          Auth: {type: apiKey, name: Authorization, in: header, x-amazon-apigateway-authtype: !Ref Kind}
`;
    const text = restApi('              security: [{Auth: []}]\n', doc).replace(
      'Resources:',
      'Parameters:\n  Kind: {Type: String}\nResources:',
    );
    const { failed, unknown } = scanTemplate(text, check);
    expect(failed).toEqual([]);
    expect(unknown[0]?.message).toContain('security scheme Auth');
  });

  it('reports an operation that a SAM event also routes once, as the event', () => {
    const events = `      Events:
        GetItems: {Type: Api, Properties: {RestApiId: !Ref Api, Path: /items, Method: get}}
`;
    const { failed } = scanTemplate(samApi('', '', events), check);
    expect(failed).toHaveLength(1);
    expect(failed[0]?.resource.id).toBe('Fn');
    expect(failed[0]?.resource.generated?.id).toBe('Fn.Events.GetItems');
  });

  it('makes one ANY route of x-amazon-apigateway-any-method, and none of an integration that is not Lambda', () => {
    const text = restApi(`          /files:
            put:
              x-amazon-apigateway-integration: {type: aws, httpMethod: PUT, uri: 'arn:aws:apigateway:us-east-1:s3:path/b/k'}
          /any:
            x-amazon-apigateway-any-method:
              ${PROXY.replace(/\n {16}/g, '\n                ')}
          /legacy:
            post:
              x-amazon-apigateway-integration:
                type: aws
                httpMethod: POST
                uri: !Sub arn:aws:apigateway:\${AWS::Region}:lambda:path/2015-03-31/functions/\${Fn.Arn}/invocations
`);
    const { failed } = scanTemplate(text, check);
    expect(failed.map((finding) => finding.message.split(' on ')[0]).sort()).toEqual([
      'ANY /any',
      'GET /items',
      'POST /legacy',
    ]);
  });

  it('says nothing of a definition outside the template or written as text', () => {
    const include = samApi().replace(
      /DefinitionBody:[\s\S]*/,
      'DefinitionBody:\n        Fn::Transform: {Name: AWS::Include, Parameters: {Location: s3://bucket/openapi.yaml}}\n',
    );
    const uri = samApi().replace(
      '      DefinitionBody:',
      '      DefinitionUri: s3://bucket/openapi.yaml\n      X:',
    );
    const s3 = template(`${lambdaFunction()}  Api:
    Type: AWS::ApiGateway::RestApi
    Properties:
      BodyS3Location: {Bucket: bucket, Key: openapi.yaml}
`);
    // CloudFormation documents Body as a JSON object.
    const text = template(`${lambdaFunction()}  Api:
    Type: AWS::ApiGateway::RestApi
    Properties:
      Body: '{"swagger": "2.0", "paths": {"/items": {"get": {"x-amazon-apigateway-integration": {"type": "aws_proxy", "uri": "arn:aws:lambda:us-east-1:123456789012:function:f"}}}}}'
`);
    for (const source of [include, uri, s3, text]) {
      const { findings, errors, inventory } = scanTemplate(source, check);
      expect([findings, errors]).toEqual([[], []]);
      // The template was read: the function is there, and no route.
      expect(inventory.list('lambda.function')).toHaveLength(1);
      expect(inventory.list('apigateway.route')).toEqual([]);
    }
  });
});

describe('apigateway.route-no-auth on routes of an inline HTTP API definition', () => {
  const httpApi = (operation = '', doc = '') =>
    template(
      `${lambdaFunction()}  Api:
    Type: AWS::ApiGatewayV2::Api
    Properties:
      Body:
        openapi: '3.0.1'
        info: {title: orders, version: '1'}
${doc}        paths:
          /items:
            get:
              x-amazon-apigateway-integration: {type: aws_proxy, httpMethod: POST, uri: !GetAtt Fn.Arn, payloadFormatVersion: '2.0'}
${operation}  Stage:
    Type: AWS::ApiGatewayV2::Stage
    Properties: {ApiId: !Ref Api, StageName: $default, AutoDeploy: true}
`,
    );
  const JWT = `        components:
          securitySchemes:
            Jwt:
              type: oauth2
              x-amazon-apigateway-authorizer:
                type: jwt
                identitySource: $request.header.Authorization
                jwtConfiguration: {audience: [a], issuer: https://issuer.example.com}
            Iam: {type: apiKey, name: Authorization, in: header, x-amazon-apigateway-authtype: awsSigv4}
`;

  it('fails a public operation and says nothing of API keys, which HTTP APIs do not have', () => {
    const { failed } = scanTemplate(httpApi(), check);
    expect(failed.map((finding) => finding.message)).toEqual([
      'GET /items on API Api invokes function Fn with no authorization: anyone on the internet can call it.',
    ]);
  });

  it('passes an operation behind a JWT authorizer or IAM', () => {
    for (const scheme of ['Jwt', 'Iam']) {
      const { failed, passed } = scanTemplate(
        httpApi(`              security: [{${scheme}: []}]\n`, JWT),
        check,
      );
      expect(failed).toEqual([]);
      expect(passed).toHaveLength(1);
    }
  });

  it("applies a SAM HttpApi's DefaultAuthorizer, also to an operation whose security is empty", () => {
    const sam = (security: string) => `Transform: AWS::Serverless-2016-10-31
Resources:
${lambdaFunction()}  Api:
    Type: AWS::Serverless::HttpApi
    Properties:
      Auth:
        DefaultAuthorizer: Jwt
        Authorizers:
          Jwt: {IdentitySource: $request.header.Authorization, JwtConfiguration: {audience: [a], issuer: https://i.example.com}}
      DefinitionBody:
        openapi: '3.0.1'
        info: {title: orders, version: '1'}
        paths:
          /items:
            get:
              x-amazon-apigateway-integration: {type: aws_proxy, httpMethod: POST, uri: !GetAtt Fn.Arn}
${security}`;
    for (const security of ['', '              security: []\n']) {
      const { failed, passed } = scanTemplate(sam(security), check);
      expect(failed).toEqual([]);
      expect(passed[0]?.message).toBe('GET /items on API Api requires JWT (authorizer Jwt)');
    }
  });
});

describe('apigateway.route-no-auth on a SAM WebSocketApi', () => {
  const webSocket = (auth: string, route = '') => `Transform: AWS::Serverless-2016-10-31
Parameters:
  Kind: {Type: String}
Resources:
${lambdaFunction()}  Chat:
    Type: AWS::Serverless::WebSocketApi
    Properties:
${auth}      RouteSelectionExpression: $request.body.action
      Routes:
        $connect:
          FunctionArn: !GetAtt Fn.Arn
${route}        sendMessage:
          FunctionArn: !GetAtt Fn.Arn
`;

  it('fails a $connect route without Auth, on the API at the route, and leaves the other routes alone', () => {
    const { failed, findings } = scanTemplate(webSocket(''), check);
    expect(findings).toHaveLength(1);
    expect(failed[0]?.message).toBe(
      'The WebSocket connection route ($connect) of API Chat invokes function Fn with no authorization and no API key: ' +
        "anyone on the internet can connect (each connect request invokes it) and then send messages to the API's " +
        'routes, which are authorized only at $connect.',
    );
    expect(failed[0]?.resource.id).toBe('Chat');
    expect(failed[0]?.location).toMatchObject({ line: 17, column: 9 });
  });

  it('passes AWS_IAM and a Lambda authorizer (CUSTOM); fails an API key alone (low) and AuthType NONE at AuthType', () => {
    for (const type of ['AWS_IAM', 'CUSTOM']) {
      const { passed, failed } = scanTemplate(webSocket(`      Auth: {AuthType: ${type}}\n`), check);
      expect(failed).toEqual([]);
      expect(passed[0]?.message).toContain(`requires ${type}`);
    }
    const key = scanTemplate(webSocket('', '          ApiKeyRequired: true\n'), check);
    expect(key.failed.map((f) => [f.severity, f.message.includes('only an API key')])).toEqual([
      ['low', true],
    ]);
    const none = scanTemplate(webSocket('      Auth:\n        AuthType: NONE\n'), check);
    expect(none.failed[0]?.location).toMatchObject({ line: 16, column: 9 });
  });

  it('is unknown when the AuthType is a parameter without default', () => {
    const { failed, unknown } = scanTemplate(webSocket('      Auth: {AuthType: !Ref Kind}\n'), check);
    expect(failed).toEqual([]);
    expect(unknown[0]?.message).toContain('parameter Kind');
  });
});

describe('an event on an API whose definition SAM does not make', () => {
  it("does not take the event's own resource policy, which SAM writes only into a definition it makes", () => {
    const text = `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
      DefinitionBody:
        openapi: '3.0.1'
        info: { title: t, version: '1' }
        paths:
          /d:
            get:
              x-amazon-apigateway-integration:
                type: aws_proxy
                httpMethod: POST
                uri: !Sub arn:aws:apigateway:\${AWS::Region}:lambda:path/2015-03-31/functions/\${Fn.Arn}/invocations
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: index.handler
      CodeUri: .
      Events:
        D:
          Type: Api
          Properties:
            RestApiId: !Ref Api
            Path: /d
            Method: get
            Auth:
              ResourcePolicy:
                CustomStatements:
                  - { Effect: Deny, Principal: '*', Action: execute-api:Invoke, Resource: 'execute-api:/*/*/*' }
`;
    const { failed, passed } = scanTemplate(text, check);
    expect(passed).toEqual([]);
    expect(failed.map((f) => f.message)).toEqual([
      'GET /d on API Api invokes function Fn with no authorization and no API key: anyone on the internet can call it.',
    ]);
  });
});
