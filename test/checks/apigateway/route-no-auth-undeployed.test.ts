import { describe, expect, it } from 'vitest';
import check from '../../../src/checks/apigateway/route-no-auth.js';
import { scanTemplate, template } from '../../helpers/scan-template.js';
import { lambdaFunction } from '../../helpers/templates.js';

// "After creating your API, you must deploy it to make it callable by your users" (API Gateway Developer Guide,
// "Deploy REST APIs in API Gateway"): a REST API its template deploys to no stage is open only once someone deploys it.

/** A REST API whose ANY / proxies to Fn without authorization; `more` adds resources, `extra` sections. */
const restApi = (more = '', extra = '', method = '') =>
  template(
    `${lambdaFunction()}  Api:
    Type: AWS::ApiGateway::RestApi
    Properties:
      Name: orders
  Root:
    Type: AWS::ApiGateway::Method
    Properties:
      RestApiId: !Ref Api
      ResourceId: !GetAtt Api.RootResourceId
      HttpMethod: ANY
      AuthorizationType: NONE
${method}      Integration:
        Type: AWS_PROXY
        IntegrationHttpMethod: POST
        Uri: !Sub arn:aws:apigateway:\${AWS::Region}:lambda:path/2015-03-31/functions/\${Fn.Arn}/invocations
${more}`,
    extra,
  );

const deployment = (properties = '      RestApiId: !Ref Api\n      StageName: prod\n', head = '') =>
  `  Deployment:\n    Type: AWS::ApiGateway::Deployment\n${head}    Properties:\n${properties}`;

const OPEN =
  'ANY / on API Api invokes function Fn with no authorization and no API key: anyone on the internet can call it';
/** The same route where the template deploys the API to no stage: said before who can call it. */
const OPEN_ONCE =
  'ANY / on API Api invokes function Fn with no authorization and no API key: once the API is deployed to a stage ' +
  '(this template deploys none), anyone on the internet can call it.';

describe('apigateway.route-no-auth on a REST API its template deploys to no stage', () => {
  it('fails, saying anyone can call the route once the API is deployed to a stage', () => {
    const { failed } = scanTemplate(restApi(), check);
    expect(failed.map((f) => [f.message, f.severity])).toEqual([[OPEN_ONCE, 'medium']]);
  });

  it('says so of a route that needs only an API key too', () => {
    const { failed } = scanTemplate(restApi('', '', '      ApiKeyRequired: true\n'), check);
    expect(failed.map((f) => f.message)).toEqual([
      expect.stringContaining(
        'not to authorize them, and once the API is deployed to a stage (this template deploys none), anyone ' +
          'holding a key (sent in a plain header, often shared) can call it. Add an authorizer',
      ),
    ]);
  });

  it('fails as before where a Deployment or a Stage deploys the API', () => {
    const stage =
      `${deployment('      RestApiId: !Ref Api\n')}  Stage:\n    Type: AWS::ApiGateway::Stage\n` +
      '    Properties:\n      RestApiId: !Ref Api\n      DeploymentId: !Ref Deployment\n      StageName: prod\n';
    for (const more of [deployment(), stage])
      expect(scanTemplate(restApi(more), check).failed.map((f) => f.message)).toEqual([`${OPEN}.`]);
  });

  it('fails as before where a Deployment may be for it or another stack may deploy it', () => {
    const cases = [
      // Deployed only where a condition holds that is not known before deploy.
      restApi(
        deployment(undefined, '    Condition: Deploy\n'),
        'Parameters:\n  Env: {Type: String}\nConditions:\n  Deploy: !Equals [!Ref Env, prod]\n',
      ),
      // A RestApiId not known before deploy may be this API's.
      restApi(deployment('      RestApiId: !ImportValue ApiId\n')),
      // Its id leaves the template: a stack that takes it may deploy it.
      restApi('', 'Outputs:\n  ApiId:\n    Value: !Ref Api\n    Export: {Name: ApiId}\n'),
      // A custom resource given its id may deploy it.
      restApi(
        '  Deployer:\n    Type: Custom::Deployer\n    Properties:\n      ServiceToken: arn:aws:lambda:us-east-1:123456789012:function:d\n      Api: !Ref Api\n',
      ),
    ];
    for (const text of cases)
      expect(scanTemplate(text, check).failed.map((f) => f.message)).toEqual([`${OPEN}.`]);
  });

  it("still says so where a Deployment is another API's", () => {
    const other =
      '  Other:\n    Type: AWS::ApiGateway::RestApi\n    Properties:\n      Name: other\n' +
      deployment('      RestApiId: !Ref Other\n      StageName: prod\n');
    expect(scanTemplate(restApi(other), check).failed.map((f) => f.message)).toEqual([OPEN_ONCE]);
  });
});

// HTTP and WebSocket APIs too: "After you deploy an API to a stage, it's available for clients to invoke" (API Gateway
// Developer Guide, "Stages for HTTP APIs"). CloudFormation makes a stage of an AWS::ApiGatewayV2::Api only with an
// AWS::ApiGatewayV2::Stage, or by quick create (`Target`: "a default stage which is configured to automatically deploy
// changes"); SAM makes one for every HttpApi (`<Id>ApiGatewayDefaultStage` without a StageName).

/** An API of `protocol` whose route `key` proxies to Fn without authorization; `more` adds resources, `api` its properties. */
const v2Api = (more = '', api = '', protocol = 'HTTP', key = 'GET /items', extra = '') =>
  template(
    `${lambdaFunction()}  Api:
    Type: AWS::ApiGatewayV2::Api
    Properties:
      Name: orders
      ProtocolType: ${protocol}
${api}  Integration:
    Type: AWS::ApiGatewayV2::Integration
    Properties:
      ApiId: !Ref Api
      IntegrationType: AWS_PROXY
      IntegrationUri: !GetAtt Fn.Arn
  Route:
    Type: AWS::ApiGatewayV2::Route
    Properties:
      ApiId: !Ref Api
      RouteKey: '${key}'
      Target: !Join ['/', [integrations, !Ref Integration]]
${more}`,
    extra,
  );

const v2Stage = (apiId = '!Ref Api', head = '') =>
  `  Stage:\n    Type: AWS::ApiGatewayV2::Stage\n${head}    Properties:\n      ApiId: ${apiId}\n      StageName: $default\n      AutoDeploy: true\n`;

const HTTP_OPEN =
  'GET /items on API Api invokes function Fn with no authorization: anyone on the internet can call it';
const HTTP_OPEN_ONCE =
  'GET /items on API Api invokes function Fn with no authorization: once the API is deployed to a stage (this ' +
  'template deploys none), anyone on the internet can call it.';

describe('apigateway.route-no-auth on an HTTP or WebSocket API its template deploys to no stage', () => {
  it('fails, saying anyone can call the HTTP route once the API is deployed to a stage', () => {
    expect(scanTemplate(v2Api(), check).failed.map((f) => f.message)).toEqual([HTTP_OPEN_ONCE]);
  });

  it('says so of a WebSocket $connect route', () => {
    const { failed } = scanTemplate(v2Api('', '', 'WEBSOCKET', '$connect'), check);
    // The deploy is said before who can connect, not after the text about the routes behind $connect.
    expect(failed.map((f) => f.message)).toEqual([
      'The WebSocket connection route ($connect) of API Api invokes function Fn with no authorization and no API key: ' +
        'once the API is deployed to a ' +
        'stage (this template deploys none), anyone on the internet can connect (each connect request invokes it) ' +
        "and then send messages to the API's routes, which are authorized only at $connect.",
    ]);
  });

  it('says so of a WebSocket API without a $connect route', () => {
    const { failed } = scanTemplate(v2Api('', '', 'WEBSOCKET', 'sendMessage'), check);
    expect(failed.map((f) => f.message)).toEqual([
      'WebSocket API Api has no $connect route in this template, so nothing authorizes a connection: once the API ' +
        'is deployed to a stage (this template deploys none), anyone on the internet can connect and then send ' +
        "messages to the API's routes (they invoke function Fn). Add a $connect route with an authorizer (IAM or a " +
        'Lambda authorizer).',
    ]);
    // Deployed to a stage: as before.
    expect(
      scanTemplate(v2Api(v2Stage(), '', 'WEBSOCKET', 'sendMessage'), check).failed.map((f) => f.message),
    ).toEqual([
      'WebSocket API Api has no $connect route in this template, so nothing authorizes a connection: anyone on the ' +
        "internet can connect and then send messages to the API's routes (they invoke function Fn). Add a $connect " +
        'route with an authorizer (IAM or a Lambda authorizer).',
    ]);
  });

  it('fails as before where a Stage deploys it, or quick create makes its default stage', () => {
    expect(scanTemplate(v2Api(v2Stage()), check).failed.map((f) => f.message)).toEqual([`${HTTP_OPEN}.`]);
    // Quick create: an integration, a $default route (open too) and an auto-deployed $default stage, from Target alone.
    expect(
      scanTemplate(v2Api('', '      Target: !GetAtt Fn.Arn\n'), check).failed.map((f) => f.message),
    ).toEqual([
      'ANY $default on API Api invokes function Fn with no authorization: anyone on the internet can call it.',
      `${HTTP_OPEN}.`,
    ]);
  });

  it('fails as before where a Stage may be for it or another stack may deploy it', () => {
    const cases = [
      v2Api(
        v2Stage('!Ref Api', '    Condition: Deploy\n'),
        '',
        'HTTP',
        'GET /items',
        'Parameters:\n  Env: {Type: String}\nConditions:\n  Deploy: !Equals [!Ref Env, prod]\n',
      ),
      v2Api(v2Stage('!ImportValue ApiId')),
      v2Api(
        '',
        '',
        'HTTP',
        'GET /items',
        'Outputs:\n  ApiId:\n    Value: !Ref Api\n    Export: {Name: ApiId}\n',
      ),
    ];
    for (const text of cases)
      expect(scanTemplate(text, check).failed.map((f) => f.message)).toEqual([`${HTTP_OPEN}.`]);
  });

  it("still says so where a Stage is another API's", () => {
    const other =
      '  Other:\n    Type: AWS::ApiGatewayV2::Api\n    Properties:\n      Name: other\n      ProtocolType: HTTP\n' +
      v2Stage('!Ref Other');
    expect(scanTemplate(v2Api(other), check).failed.map((f) => f.message)).toEqual([HTTP_OPEN_ONCE]);
  });

  it('fails as before on a SAM HttpApi without StageName: SAM gives it a $default stage', () => {
    const text = `Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: s3://bucket/key
      Handler: app.handler
      Runtime: python3.12
      Events:
        Get:
          Type: HttpApi
          Properties: { ApiId: !Ref Api, Path: /items, Method: get }
  Api:
    Type: AWS::Serverless::HttpApi
`;
    const { failed } = scanTemplate(text, check);
    expect(failed.map((f) => f.message)).toEqual([
      expect.stringMatching(/anyone on the internet can call it\.$/),
    ]);
  });
});
