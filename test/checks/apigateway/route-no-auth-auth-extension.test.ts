import { describe, expect, it } from 'vitest';
import check from '../../../src/checks/apigateway/route-no-auth.js';
import { scanTemplate, template } from '../../helpers/scan-template.js';
import { lambdaFunction } from '../../helpers/templates.js';

// `x-amazon-apigateway-auth` on an operation of an OpenAPI definition. The API Gateway Developer Guide
// (api-gateway-swagger-extensions-auth.html): "Defines an authorization type to be applied for authorization of
// method invocations in API Gateway... Specify "NONE" for open access. Specify "AWS_IAM" to use IAM permissions.
// Values are case insensitive." It does not say whether HTTP APIs take it, nor which of it and `security` wins.

const PROXY = `x-amazon-apigateway-integration:
                httpMethod: POST
                type: aws_proxy
                uri: !Sub arn:\${AWS::Partition}:apigateway:\${AWS::Region}:lambda:path/2015-03-31/functions/\${Fn.Arn}/invocations`;

const SCHEMES = `        securityDefinitions:
          Sigv4: {type: apiKey, name: Authorization, in: header, x-amazon-apigateway-authtype: awsSigv4}
          Custom:
            type: apiKey
            name: Authorization
            in: header
            x-amazon-apigateway-authtype: custom
            x-amazon-apigateway-authorizer: {type: token, authorizerUri: arn:aws:apigateway:us-east-1:lambda:path/x}
          Key: {type: apiKey, name: x-api-key, in: header}
`;

/** A CloudFormation RestApi whose Body (Swagger 2) has GET /items proxied to Fn; `operation` and `doc` add to it. */
const restApi = (operation = '', doc = '') =>
  template(
    `${lambdaFunction()}  Api:
    Type: AWS::ApiGateway::RestApi
    Properties:
      Body:
        swagger: '2.0'
        info: {title: orders, version: '1'}
${doc}        paths:
          /items:
            get:
              ${PROXY}
${operation}`,
  );

/** A SAM Api whose DefinitionBody routes GET /items to Fn, and the function's event on it. */
const samApi = (operation = '', api = '') => `Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: s3://bucket/key
      Handler: app.handler
      Runtime: python3.12
      Events:
        Get:
          Type: Api
          Properties: {RestApiId: !Ref Api, Path: /items, Method: get}
  Api:
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

const IAM = '              x-amazon-apigateway-auth: {type: AWS_IAM}\n';

describe('apigateway.route-no-auth on an operation with x-amazon-apigateway-auth', () => {
  it('passes AWS_IAM in a RestApi Body and a SAM DefinitionBody, in any case', () => {
    for (const text of [
      restApi(IAM),
      restApi('              x-amazon-apigateway-auth: {type: aws_iam}\n'),
      samApi(IAM),
      samApi('              x-amazon-apigateway-auth: {type: Aws_Iam}\n'),
    ]) {
      const { passed, failed, unknown, errors } = scanTemplate(text, check);
      expect([failed, unknown, errors]).toEqual([[], [], []]);
      expect(passed.map((f) => f.message)).toEqual(['GET /items on API Api requires AWS_IAM']);
    }
  });

  it('fails NONE (any case) as it fails an operation without it, located at the type', () => {
    const { failed, passed } = scanTemplate(
      restApi('              x-amazon-apigateway-auth: {type: none}\n'),
      check,
    );
    expect(passed).toEqual([]);
    expect(failed).toHaveLength(1);
    expect(failed[0]?.message).toContain(
      'GET /items on API Api invokes function Fn with no authorization and no API key',
    );
    expect(failed[0]?.location).toMatchObject({ line: 23, column: 42 });
    expect(scanTemplate(restApi(), check).failed).toHaveLength(1);
  });

  it('is unknown for a type it does not document, or one that cannot be read', () => {
    const other = scanTemplate(
      restApi('              x-amazon-apigateway-auth: {type: COGNITO_USER_POOLS}\n'),
      check,
    );
    expect(other.failed).toEqual([]);
    expect(other.unknown[0]?.message).toContain(
      'x-amazon-apigateway-auth of GET /items has type COGNITO_USER_POOLS, which is neither NONE nor AWS_IAM',
    );
    const param = restApi('              x-amazon-apigateway-auth: {type: !Ref Kind}\n').replace(
      'Resources:',
      'Parameters:\n  Kind: {Type: String}\nResources:',
    );
    const fromParameter = scanTemplate(param, check);
    expect(fromParameter.failed).toEqual([]);
    expect(fromParameter.unknown[0]?.message).toContain(
      'the x-amazon-apigateway-auth type of GET /items cannot be read',
    );
  });

  it('takes AWS_IAM and a security that agrees; with one that opens the route, it is unknown which wins', () => {
    const sigv4 = scanTemplate(restApi(`${IAM}              security: [{Sigv4: []}]\n`, SCHEMES), check);
    expect(sigv4.passed.map((f) => f.message)).toEqual([
      'GET /items on API Api requires AWS_IAM (authorizer Sigv4)',
    ]);
    for (const security of ['[]', '[{Key: []}]']) {
      const open = scanTemplate(restApi(`${IAM}              security: ${security}\n`, SCHEMES), check);
      expect([open.failed, open.passed]).toEqual([[], []]);
      expect(open.unknown[0]?.message).toContain(
        'GET /items sets x-amazon-apigateway-auth to AWS_IAM and its security asks for no authorizer; the API Gateway guide does not say which one applies',
      );
    }
    const none = scanTemplate(
      restApi(
        '              x-amazon-apigateway-auth: {type: NONE}\n              security: [{Sigv4: []}]\n',
        SCHEMES,
      ),
      check,
    );
    expect(none.failed).toEqual([]);
    expect(none.unknown).toHaveLength(1);
  });

  it('passes AWS_IAM beside another authorizer: whichever applies, the caller is authorized', () => {
    const { passed, unknown } = scanTemplate(
      restApi(`${IAM}              security: [{Custom: []}]\n`, SCHEMES),
      check,
    );
    expect(unknown).toEqual([]);
    expect(passed[0]?.message).toBe(
      'GET /items on API Api requires AWS_IAM: GET /items sets x-amazon-apigateway-auth to AWS_IAM and its security asks for CUSTOM (authorizer Custom); the API Gateway guide does not say which one applies, and each one authorizes the caller',
    );
  });

  it("weighs the SAM Api's DefaultAuthorizer, which SAM adds to the operation's security, as security", () => {
    const auth = '      Auth:\n        DefaultAuthorizer: AWS_IAM\n';
    const both = scanTemplate(samApi(IAM, auth), check);
    expect(both.passed.map((f) => f.message)).toEqual(['GET /items on API Api requires AWS_IAM']);
    const opened = scanTemplate(
      samApi('              x-amazon-apigateway-auth: {type: NONE}\n', auth),
      check,
    );
    expect(opened.failed).toEqual([]);
    expect(opened.unknown).toHaveLength(1);
  });

  it('is unknown beside a top-level security the operation inherits', () => {
    const top = `${SCHEMES}        security: [{Sigv4: []}]\n`;
    const { failed, unknown } = scanTemplate(
      restApi('              x-amazon-apigateway-auth: {type: NONE}\n', top),
      check,
    );
    expect(failed).toEqual([]);
    expect(unknown[0]?.message).toContain('GET /items inherits the top-level security');
  });

  it('passes AWS_IAM beside a top-level security that authorizes the caller too, whichever API Gateway takes', () => {
    const iam = '              x-amazon-apigateway-auth: {type: AWS_IAM}\n';
    const signed = scanTemplate(restApi(iam, `${SCHEMES}        security: [{Custom: []}]\n`), check);
    expect(signed.failed).toEqual([]);
    expect(signed.passed.map((f) => f.message)).toEqual([
      'GET /items on API Api requires AWS_IAM: GET /items sets x-amazon-apigateway-auth to AWS_IAM and its security asks for CUSTOM (authorizer Custom); the API Gateway guide does not say which one applies, and each one authorizes the caller',
    ]);
    // A top-level security that asks for an API key only leaves the route open if API Gateway takes it.
    const keyOnly = scanTemplate(restApi(iam, `${SCHEMES}        security: [{Key: []}]\n`), check);
    expect([keyOnly.failed, keyOnly.passed]).toEqual([[], []]);
    expect(keyOnly.unknown[0]?.message).toContain('GET /items inherits the top-level security');
    // A top-level security naming a scheme the definition lacks cannot be read.
    const unseen = scanTemplate(restApi(iam, `${SCHEMES}        security: [{Missing: []}]\n`), check);
    expect([unseen.failed, unseen.passed]).toEqual([[], []]);
    expect(unseen.unknown).toHaveLength(1);
  });

  it('is unknown on an HTTP API, which the guide does not say takes it', () => {
    const http = template(
      `${lambdaFunction()}  Api:
    Type: AWS::ApiGatewayV2::Api
    Properties:
      Body:
        openapi: '3.0.1'
        info: {title: orders, version: '1'}
        paths:
          /items:
            get:
              x-amazon-apigateway-integration: {type: aws_proxy, httpMethod: POST, uri: !GetAtt Fn.Arn, payloadFormatVersion: '2.0'}
              x-amazon-apigateway-auth: {type: AWS_IAM}
  Stage:
    Type: AWS::ApiGatewayV2::Stage
    Properties: {ApiId: !Ref Api, StageName: $default, AutoDeploy: true}
`,
    );
    const { failed, passed, unknown } = scanTemplate(http, check);
    expect([failed, passed]).toEqual([[], []]);
    expect(unknown[0]?.message).toContain(
      'GET /items sets x-amazon-apigateway-auth, which the API Gateway guide does not say an HTTP API takes',
    );
  });
});
