import { describe, expect, it } from 'vitest';
import check from '../../../src/checks/apigateway/route-no-auth.js';
import { scanTemplate, template } from '../../helpers/scan-template.js';
import { lambdaFunction } from '../../helpers/templates.js';

const FUNCTION = lambdaFunction();

/**
 * A REST API with GET /items proxied to Fn, deployed to stage prod; `method` is the Method's extra properties (one its
 * template deploys nowhere: route-no-auth-undeployed.test.ts).
 */
const restApi = (method: string, api = '', extra = '', httpMethod = 'GET') =>
  template(
    `${FUNCTION}  Api:
    Type: AWS::ApiGateway::RestApi
    Properties:
      Name: orders
${api}  Pool:
    Type: AWS::ApiGateway::Authorizer
    Properties:
      RestApiId: !Ref Api
      Type: COGNITO_USER_POOLS
      ProviderARNs: [arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_abc]
  Items:
    Type: AWS::ApiGateway::Resource
    Properties:
      RestApiId: !Ref Api
      ParentId: !GetAtt Api.RootResourceId
      PathPart: items
  GetItems:
    Type: AWS::ApiGateway::Method
    Properties:
      RestApiId: !Ref Api
      ResourceId: !Ref Items
      HttpMethod: ${httpMethod}
      Integration:
        Type: AWS_PROXY
        IntegrationHttpMethod: POST
        Uri: !Sub arn:aws:apigateway:\${AWS::Region}:lambda:path/2015-03-31/functions/\${Fn.Arn}/invocations
${method}  Deployment:
    Type: AWS::ApiGateway::Deployment
    DependsOn: GetItems
    Properties:
      RestApiId: !Ref Api
      StageName: prod
`,
    extra,
  );

/** The stage that makes an HTTP or WebSocket API callable (one its template deploys nowhere: route-no-auth-undeployed.test.ts). */
const V2_STAGE = `  Stage:
    Type: AWS::ApiGatewayV2::Stage
    Properties:
      ApiId: !Ref Api
      StageName: $default
      AutoDeploy: true
`;

/** An HTTP API (or, with `protocol`, a WebSocket API) whose route `key` proxies to Fn, deployed to stage $default. */
const httpApi = (route: string, protocol = 'HTTP', key = 'GET /items') =>
  template(
    `${FUNCTION}  Api:
    Type: AWS::ApiGatewayV2::Api
    Properties:
      Name: orders
      ProtocolType: ${protocol}
  Integration:
    Type: AWS::ApiGatewayV2::Integration
    Properties:
      ApiId: !Ref Api
      IntegrationType: AWS_PROXY
      IntegrationUri: !GetAtt Fn.Arn
      PayloadFormatVersion: '2.0'
  Route:
    Type: AWS::ApiGatewayV2::Route
    Properties:
      ApiId: !Ref Api
      RouteKey: '${key}'
      Target: !Join ['/', [integrations, !Ref Integration]]
${route}${V2_STAGE}`,
  );

/** A WebSocket API whose route `key` (by default `$connect`) proxies to Fn. */
const webSocketApi = (route: string, key = '$connect') => httpApi(route, 'WEBSOCKET', key);

const SAM_FUNCTION = `  Fn:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: s3://bucket/key
      Handler: app.handler
      Runtime: python3.12
      Events:
`;

const sam = (events: string, head = '', more = '') =>
  `Transform: AWS::Serverless-2016-10-31\n${head}Resources:\n${SAM_FUNCTION}${events}${more}`;

describe('apigateway.route-no-auth on CloudFormation', () => {
  it('fails a REST method with AuthorizationType NONE that proxies to a function, at AuthorizationType', () => {
    const { failed, errors } = scanTemplate(restApi('      AuthorizationType: NONE\n'), check);
    expect(errors).toEqual([]);
    expect(failed).toHaveLength(1);
    expect(failed[0]?.resource.id).toBe('GetItems');
    expect(failed[0]?.location).toEqual({ file: 'template.yaml', line: 36, column: 7 });
    expect(failed[0]?.message).toBe(
      'GET /items on API Api invokes function Fn with no authorization and no API key: anyone on the internet can call it.',
    );
  });

  it('reads the invocation URI as the API Gateway guide writes it (path//2015-03-31), for a custom integration too', () => {
    const guide = restApi('      AuthorizationType: NONE\n')
      .replace('lambda:path/2015-03-31', 'lambda:path//2015-03-31')
      .replace('Type: AWS_PROXY', 'Type: AWS');
    expect(scanTemplate(guide, check).failed.map((f) => f.message)).toEqual([
      'GET /items on API Api invokes function Fn with no authorization and no API key: anyone on the internet can call it.',
    ]);
  });

  it('fails a method that says nothing about authorization (NONE is the default), at the method', () => {
    const { failed } = scanTemplate(restApi(''), check);
    expect(failed).toHaveLength(1);
    expect(failed[0]?.location.line).toBe(26);
  });

  it('passes AWS_IAM and a Cognito authorizer', () => {
    expect(scanTemplate(restApi('      AuthorizationType: AWS_IAM\n'), check).passed).toHaveLength(1);
    const cognito = scanTemplate(
      restApi('      AuthorizationType: COGNITO_USER_POOLS\n      AuthorizerId: !Ref Pool\n'),
      check,
    );
    expect(cognito.failed).toEqual([]);
    expect(cognito.passed[0]?.message).toBe(
      'GET /items on API Api requires COGNITO_USER_POOLS (authorizer Pool)',
    );
  });

  it('fails a method without authorizer that requires only an API key, at low severity', () => {
    const { failed, passed } = scanTemplate(restApi('      ApiKeyRequired: true\n'), check);
    expect(passed).toEqual([]);
    expect(failed.map((f) => [f.severity, f.message])).toEqual([
      [
        'low',
        expect.stringMatching(
          /^GET \/items on API Api invokes function \S+ with no authorizer, only an API key: API Gateway uses API keys to identify usage-plan clients, not to authorize them/,
        ),
      ],
    ]);
  });

  it('passes a method of a PRIVATE API', () => {
    const api = '      EndpointConfiguration:\n        Types: [PRIVATE]\n';
    const { failed, passed } = scanTemplate(restApi('      AuthorizationType: NONE\n', api), check);
    expect(failed).toEqual([]);
    expect(passed[0]?.message).toContain('PRIVATE');
  });

  it('passes a method behind an API key on a PRIVATE API: the key is no worse than none there', () => {
    const api = '      EndpointConfiguration:\n        Types: [PRIVATE]\n';
    const { failed, passed } = scanTemplate(restApi('      ApiKeyRequired: true\n', api), check);
    expect(failed).toEqual([]);
    expect(passed.map((f) => f.message)).toEqual([expect.stringContaining('is on a PRIVATE API')]);
  });

  it('leaves OPTIONS (CORS preflight) methods alone', () => {
    const { findings } = scanTemplate(restApi('      AuthorizationType: NONE\n', '', '', 'OPTIONS'), check);
    expect(findings).toEqual([]);
  });

  it('is unknown when AuthorizationType comes from a parameter without default', () => {
    const { failed, unknown } = scanTemplate(
      restApi('      AuthorizationType: !Ref Auth\n', '', 'Parameters:\n  Auth: { Type: String }\n'),
      check,
    );
    expect(failed).toEqual([]);
    expect(unknown).toHaveLength(1);
    expect(unknown[0]?.message).toContain('parameter Auth');
  });

  it('is unknown when the API is imported, so it may be private', () => {
    const text = restApi('      AuthorizationType: NONE\n').replaceAll('!Ref Api', '!ImportValue shared-api');
    const { failed, unknown } = scanTemplate(text, check);
    expect(failed).toEqual([]);
    expect(unknown[0]?.message).toContain('whether its API is private cannot be seen');
  });

  it('fails an HTTP API route without authorization and passes a JWT one', () => {
    const open = scanTemplate(httpApi(''), check);
    expect(open.failed).toHaveLength(1);
    expect(open.failed[0]?.resource.id).toBe('Route');
    // HTTP APIs have no API keys: the message does not mention one.
    expect(open.failed[0]?.message).toBe(
      'GET /items on API Api invokes function Fn with no authorization: anyone on the internet can call it.',
    );
    const jwt = scanTemplate(httpApi('      AuthorizationType: JWT\n      AuthorizerId: abc123\n'), check);
    expect(jwt.failed).toEqual([]);
    expect(jwt.passed).toHaveLength(1);
  });

  it('fails a WebSocket $connect route without authorization, at AuthorizationType', () => {
    const { failed, errors } = scanTemplate(webSocketApi('      AuthorizationType: NONE\n'), check);
    expect(errors).toEqual([]);
    expect(failed).toHaveLength(1);
    expect(failed[0]?.resource.id).toBe('Route');
    expect(failed[0]?.location).toEqual({ file: 'template.yaml', line: 28, column: 7 });
    expect(failed[0]?.message).toBe(
      'The WebSocket connection route ($connect) of API Api invokes function Fn with no authorization and no API ' +
        "key: anyone on the internet can connect (each connect request invokes it) and then send messages to the API's " +
        'routes, which are authorized only at $connect.',
    );
  });

  it('passes a WebSocket $connect route with IAM or a Lambda authorizer, and fails one with an API key alone (low)', () => {
    const iam = scanTemplate(webSocketApi('      AuthorizationType: AWS_IAM\n'), check);
    expect(iam.failed).toEqual([]);
    expect(iam.passed[0]?.message).toBe(
      'The WebSocket connection route ($connect) of API Api requires AWS_IAM',
    );
    const custom = scanTemplate(
      webSocketApi('      AuthorizationType: CUSTOM\n      AuthorizerId: abc123\n'),
      check,
    );
    expect(custom.passed).toHaveLength(1);
    const key = scanTemplate(webSocketApi('      ApiKeyRequired: true\n'), check);
    expect(key.failed.map((f) => [f.severity, f.message.includes('only an API key')])).toEqual([
      ['low', true],
    ]);
  });

  it('is unknown when the authorization of $connect, or whether it needs an API key, is a parameter', () => {
    const parameters = 'Parameters:\n  Auth: { Type: String }\n  Key: { Type: String }\n';
    const auth = scanTemplate(`${parameters}${webSocketApi('      AuthorizationType: !Ref Auth\n')}`, check);
    expect(auth.failed).toEqual([]);
    expect(auth.unknown[0]?.message).toContain('parameter Auth');
    const key = scanTemplate(`${parameters}${webSocketApi('      ApiKeyRequired: !Ref Key\n')}`, check);
    expect(key.failed).toEqual([]);
    expect(key.unknown[0]?.message).toContain('whether it needs an API key is not known');
  });

  /** A WebSocket API whose `$connect` integration is `connect` (MOCK, an AWS service) and whose `$default` invokes Fn. */
  const webSocketMockConnect = (connect: string, auth = 'NONE', integrationType = 'AWS_PROXY') =>
    template(`${FUNCTION}  Api:
    Type: AWS::ApiGatewayV2::Api
    Properties:
      Name: chat
      ProtocolType: WEBSOCKET
      RouteSelectionExpression: $request.body.action
  ConnectIntegration:
    Type: AWS::ApiGatewayV2::Integration
    Properties:
      ApiId: !Ref Api
${connect}  ConnectRoute:
    Type: AWS::ApiGatewayV2::Route
    Properties:
      ApiId: !Ref Api
      RouteKey: $connect
      AuthorizationType: ${auth}
      Target: !Sub integrations/\${ConnectIntegration}
  Integration:
    Type: AWS::ApiGatewayV2::Integration
    Properties:
      ApiId: !Ref Api
      IntegrationType: ${integrationType}
      IntegrationUri: !Sub arn:aws:apigateway:\${AWS::Region}:lambda:path/2015-03-31/functions/\${Fn.Arn}/invocations
  DefaultRoute:
    Type: AWS::ApiGatewayV2::Route
    Properties:
      ApiId: !Ref Api
      RouteKey: $default
      Target: !Sub integrations/\${Integration}
${V2_STAGE}`);
  const MOCK = '      IntegrationType: MOCK\n';

  it("fails an open $connect that is not Lambda when the API's other routes invoke functions, naming them", () => {
    const { failed, errors } = scanTemplate(webSocketMockConnect(MOCK), check);
    expect(errors).toEqual([]);
    expect(failed.map((f) => [f.resource.id, f.location?.line])).toEqual([['ConnectRoute', 26]]);
    expect(failed[0]?.message).toBe(
      'The WebSocket connection route ($connect) of API Api has no authorization and no API key: anyone on the ' +
        "internet can connect and then send messages to the API's routes (they invoke function Fn), which are " +
        'authorized only at $connect.',
    );
    const send = `${MOCK}${lambdaFunction('Send')}  SendIntegration:
    Type: AWS::ApiGatewayV2::Integration
    Properties:
      ApiId: !Ref Api
      IntegrationType: AWS_PROXY
      IntegrationUri: !GetAtt Send.Arn
  SendRoute:
    Type: AWS::ApiGatewayV2::Route
    Properties:
      ApiId: !Ref Api
      RouteKey: sendmessage
      Target: !Sub integrations/\${SendIntegration}
`;
    expect(scanTemplate(webSocketMockConnect(send), check).failed.map((f) => f.message)).toEqual([
      expect.stringContaining("the API's routes (they invoke function Send and function Fn), which"),
    ]);
    const sqs = scanTemplate(
      webSocketMockConnect('      IntegrationType: AWS_PROXY\n      IntegrationSubtype: SQS-SendMessage\n'),
      check,
    );
    expect(sqs.failed.map((f) => f.resource.id)).toEqual(['ConnectRoute']);
  });

  it('passes an authorized $connect that is not Lambda, and is unknown when its authorization is a parameter', () => {
    const iam = scanTemplate(webSocketMockConnect(MOCK, 'AWS_IAM'), check);
    expect(iam.failed).toEqual([]);
    expect(iam.passed.map((f) => f.message)).toEqual([
      'The WebSocket connection route ($connect) of API Api requires AWS_IAM',
    ]);
    const parameter = scanTemplate(
      `Parameters:\n  Auth: { Type: String }\n${webSocketMockConnect(MOCK, '!Ref Auth')}`,
      check,
    );
    expect(parameter.failed).toEqual([]);
    expect(parameter.unknown[0]?.message).toContain('parameter Auth');
  });

  it('says nothing of a $connect that is not Lambda when no route of its API invokes a function', () => {
    expect(scanTemplate(webSocketMockConnect(MOCK, 'NONE', 'MOCK'), check).findings).toEqual([]);
  });

  it("names the functions of the API's other routes where $connect invokes a function too", () => {
    const connect = `      IntegrationType: AWS_PROXY
      IntegrationUri: !Sub arn:aws:apigateway:\${AWS::Region}:lambda:path/2015-03-31/functions/\${Connect.Arn}/invocations
${lambdaFunction('Connect')}`;
    const { failed } = scanTemplate(webSocketMockConnect(connect), check);
    expect(failed.map((f) => f.message)).toEqual([
      'The WebSocket connection route ($connect) of API Api invokes function Connect with no authorization and no ' +
        'API key: anyone on the internet can connect (each connect request invokes it) and then send messages to ' +
        "the API's routes (they invoke function Fn), which are authorized only at $connect.",
    ]);
    const key = scanTemplate(webSocketMockConnect(MOCK, 'NONE\n      ApiKeyRequired: true'), check);
    expect(key.failed.map((f) => [f.severity, f.message])).toEqual([
      [
        'low',
        'The WebSocket connection route ($connect) of API Api has no authorizer, only an API key: API Gateway ' +
          'uses API keys to identify usage-plan clients, not to authorize them, and anyone holding a key (sent in a ' +
          "plain header, often shared) can connect and then send messages to the API's routes (they invoke function Fn). " +
          'Add an authorizer (IAM, Cognito or a Lambda authorizer) beside the key.',
      ],
    ]);
  });

  it('fails an API without $connect, on its first Lambda route: nothing authorizes a connection', () => {
    for (const key of ['sendmessage', '$default']) {
      const { failed, errors } = scanTemplate(webSocketApi('', key), check);
      expect(errors).toEqual([]);
      expect(failed.map((f) => [f.resource.id, f.message])).toEqual([
        [
          'Route',
          "WebSocket API Api has no $connect route in this template, so nothing authorizes a connection: anyone on the internet can connect and then send messages to the API's routes (they invoke function Fn). Add a $connect route with an authorizer (IAM or a Lambda authorizer).",
        ],
      ]);
    }
    expect(scanTemplate(webSocketApi('', '$disconnect'), check).failed.map((f) => f.message)).toEqual([
      'WebSocket API Api has no $connect route in this template, so nothing authorizes a connection: anyone on the internet can ' +
        'connect, and invoke function Fn by disconnecting ($disconnect). Add a $connect route with an authorizer ' +
        '(IAM or a Lambda authorizer).',
    ]);
  });

  it('is unknown for an API without $connect under a macro Parapet does not run, which may add the route', () => {
    const { failed, unknown } = scanTemplate(`Transform: ChatRoutes\n${webSocketApi('', '$default')}`, check);
    expect(failed).toEqual([]);
    expect(unknown.map((f) => f.message)).toEqual([
      'WebSocket API Api has no $connect route in this template, but transform ChatRoutes, which Parapet does not run, may add one.',
    ]);
  });

  it('is unknown for an API without $connect where an Fn::Transform may make the route, and fails where it makes none', () => {
    const include = 'Fn::Transform: { Name: AWS::Include, Parameters: { Location: s3://b/routes.yaml } }';
    const withResource = (decl: string) => `${webSocketApi('', '$default')}  Extra:\n${decl}`;
    const label = 'AWS::Include of s3://b/routes.yaml';
    for (const [text, where] of [
      [`${webSocketApi('', '$default')}  ${include}\n`, 'in Resources'],
      [withResource(`    ${include}\n`), 'in resource Extra'],
      [withResource(`    Type: AWS::ApiGatewayV2::Route\n    ${include}\n`), 'in resource Extra'],
    ] as const) {
      const { failed, unknown } = scanTemplate(text, check);
      expect(failed).toEqual([]);
      expect(unknown.map((f) => f.message)).toEqual([
        `WebSocket API Api has no $connect route in this template, but transform ${label} ${where}, which Parapet does not run, may add one.`,
      ]);
    }
    const bucket = withResource(`    Type: AWS::S3::Bucket\n    ${include}\n`);
    expect(scanTemplate(bucket, check).failed.map((f) => f.resource.id)).toEqual(['Route']);
  });

  it('is unknown for an API without $connect whose id leaves the template: a stack that takes it may declare it', () => {
    const exported = `${webSocketApi('', '$default')}
Outputs:
  ApiId:
    Value: !Ref Api
    Export: { Name: chat-api-id }
`;
    const leaves = (through: string) =>
      `WebSocket API Api has no $connect route in this template, but its id leaves the template through ${through}: ` +
      'a stack that takes it may declare its $connect.';
    const fromOutput = scanTemplate(exported, check);
    expect(fromOutput.failed).toEqual([]);
    expect(fromOutput.unknown.map((f) => f.message)).toEqual([leaves('output ApiId')]);
    const nested = webSocketApi('', '$default').replace(
      'Resources:\n',
      'Resources:\n  Routes:\n    Type: AWS::CloudFormation::Stack\n' +
        '    Properties: { TemplateURL: https://example.com/routes.yaml, Parameters: { Api: !Sub "${Api}" } }\n',
    );
    expect(nested).toContain('TemplateURL');
    const fromNesting = scanTemplate(nested, check);
    expect(fromNesting.failed).toEqual([]);
    expect(fromNesting.unknown.map((f) => f.message)).toEqual([
      leaves('the parameters of nested stack Routes'),
    ]);
  });

  it("tells a $disconnect route's function apart from those messages invoke", () => {
    const disconnect = webSocketMockConnect(MOCK).replace('RouteKey: $default', 'RouteKey: $disconnect');
    expect(scanTemplate(disconnect, check).failed.map((f) => f.message)).toEqual([
      'The WebSocket connection route ($connect) of API Api has no authorization and no API key: anyone on the ' +
        "internet can connect and then send messages to the API's routes, which are authorized only at $connect, " +
        'and invoke function Fn by disconnecting ($disconnect).',
    ]);
  });

  it('says nothing about the other WebSocket routes where the API has a $connect route', () => {
    const { findings } = scanTemplate(webSocketMockConnect(MOCK, 'AWS_IAM'), check);
    expect(findings.map((f) => f.resource.id)).toEqual(['ConnectRoute']);
  });
});

describe('apigateway.route-no-auth on SAM', () => {
  it('fails an Api event on the implicit API without auth, reported on the function at the event', () => {
    const { failed, errors } = scanTemplate(
      sam('        GetItem: {Type: Api, Properties: {Path: /items, Method: get}}\n'),
      check,
    );
    expect(errors).toEqual([]);
    expect(failed).toHaveLength(1);
    expect(failed[0]?.resource.id).toBe('Fn');
    expect(failed[0]?.resource.generated?.id).toBe('Fn.Events.GetItem');
    expect(failed[0]?.location).toEqual({ file: 'template.yaml', line: 10, column: 9 });
    expect(failed[0]?.message).toContain('GET /items on API ServerlessRestApi invokes function Fn');
  });

  it('passes when Globals give the implicit API a default Cognito authorizer', () => {
    const globals = `Globals:
  Api:
    Auth:
      DefaultAuthorizer: Users
      Authorizers:
        Users: {UserPoolArn: arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_abc}
`;
    const { failed, passed } = scanTemplate(
      sam('        GetItem: {Type: Api, Properties: {Path: /items, Method: get}}\n', globals),
      check,
    );
    expect(failed).toEqual([]);
    expect(passed[0]?.message).toBe(
      'GET /items on API ServerlessRestApi requires COGNITO_USER_POOLS (authorizer Users)',
    );
  });

  it('fails an event that opts out of the default with Authorizer NONE, at that line', () => {
    const api = `  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
      Auth:
        DefaultAuthorizer: AWS_IAM
`;
    const events = `        Open:
          Type: Api
          Properties:
            RestApiId: !Ref Api
            Path: /open
            Method: get
            Auth:
              Authorizer: NONE
        Signed: {Type: Api, Properties: {RestApiId: !Ref Api, Path: /signed, Method: get}}
`;
    const { failed, passed } = scanTemplate(sam(events, '', api), check);
    expect(failed).toHaveLength(1);
    expect(failed[0]?.resource.generated?.id).toBe('Fn.Events.Open');
    expect(failed[0]?.location).toEqual({ file: 'template.yaml', line: 17, column: 15 });
    expect(passed.map((finding) => finding.message)).toEqual(['GET /signed on API Api requires AWS_IAM']);
  });

  it('is unknown for an API whose OpenAPI definition holds the routes', () => {
    const api = `  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
      DefinitionUri: s3://bucket/openapi.yaml
`;
    const { failed, unknown } = scanTemplate(
      sam(
        '        GetItem: {Type: Api, Properties: {RestApiId: !Ref Api, Path: /items, Method: get}}\n',
        '',
        api,
      ),
      check,
    );
    expect(failed).toEqual([]);
    expect(unknown[0]?.message).toContain('an OpenAPI definition outside the template (DefinitionUri)');
  });

  it('makes no route of an Api event whose operation the hand-written definition lacks: SAM adds none', () => {
    const api = (paths: string) => `  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
      DefinitionBody:
        openapi: '3.0.1'
        paths:
${paths}`;
    const event = '        Put: {Type: Api, Properties: {RestApiId: !Ref Api, Path: /items, Method: put}}\n';
    const integration =
      '              x-amazon-apigateway-integration: {type: aws_proxy, httpMethod: POST, uri: !Sub "${Fn.Arn}"}\n';
    const absent = scanTemplate(
      sam(event, '', api(`          /items:\n            get:\n${integration}`)),
      check,
    );
    expect(absent.errors).toEqual([]);
    // The definition's own GET is a route; the event's PUT is none.
    expect(absent.findings.map((finding) => finding.message)).toEqual([
      'GET /items on API Api invokes function Fn with no authorization and no API key: anyone on the internet can call it.',
    ]);
    // The same event on a definition that has the operation (here through ANY) is that operation's route.
    const any = api(`          /items:\n            x-amazon-apigateway-any-method:\n${integration}`);
    const present = scanTemplate(sam(event, '', any), check);
    expect(present.failed).toHaveLength(1);
    expect(present.failed[0]?.message).toContain('PUT /items on API Api invokes function Fn');
  });

  it('is unknown for an Api event when the definition cannot be read (AWS::Include)', () => {
    const api = `  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
      DefinitionBody:
        Fn::Transform: {Name: AWS::Include, Parameters: {Location: s3://bucket/openapi.yaml}}
`;
    const event = '        Put: {Type: Api, Properties: {RestApiId: !Ref Api, Path: /items, Method: put}}\n';
    const { failed, unknown } = scanTemplate(sam(event, '', api), check);
    expect(failed).toEqual([]);
    expect(unknown).toHaveLength(1);
  });

  it('is unknown when the default authorizer comes from a parameter without default', () => {
    const head =
      'Parameters:\n  Authorizer: {Type: String}\nGlobals:\n  Api:\n    Auth:\n      DefaultAuthorizer: !Ref Authorizer\n';
    const { failed, unknown } = scanTemplate(
      sam('        GetItem: {Type: Api, Properties: {Path: /items, Method: get}}\n', head),
      check,
    );
    expect(failed).toEqual([]);
    expect(unknown[0]?.message).toContain('parameter Authorizer');
  });

  it('fails an HttpApi event without auth and passes one behind the default JWT authorizer', () => {
    const api = `  Api:
    Type: AWS::Serverless::HttpApi
    Properties:
      Auth:
        DefaultAuthorizer: Jwt
        Authorizers:
          Jwt: {JwtConfiguration: {issuer: 'https://issuer', audience: [app]}, IdentitySource: $request.header.Authorization}
`;
    const events = `        Open: {Type: HttpApi}
        Signed: {Type: HttpApi, Properties: {ApiId: !Ref Api, Path: /items, Method: get}}
`;
    const { failed, passed } = scanTemplate(sam(events, '', api), check);
    expect(failed).toHaveLength(1);
    expect(failed[0]?.message).toContain('ANY $default on API ServerlessHttpApi');
    expect(failed[0]?.message).not.toContain('API key');
    expect(passed.map((finding) => finding.message)).toEqual([
      'GET /items on API Api requires JWT (authorizer Jwt)',
    ]);
  });

  it('reads a key Globals requires (Globals.Api.Auth.ApiKeyRequired): low, the key being the only control', () => {
    const head = 'Globals:\n  Api:\n    Auth:\n      ApiKeyRequired: true\n';
    const { failed, passed } = scanTemplate(
      sam('        GetItem: {Type: Api, Properties: {Path: /items, Method: get}}\n', head),
      check,
    );
    expect(passed).toEqual([]);
    expect(failed.map((f) => [f.severity, f.message.includes('only an API key')])).toEqual([['low', true]]);
  });
});

describe('apigateway.route-no-auth with a resource policy', () => {
  const policy = (statement: string) =>
    `      Policy:\n        Version: '2012-10-17'\n        Statement:\n${statement}`;
  const OPEN = `          - {Effect: Allow, Principal: '*', Action: execute-api:Invoke, Resource: 'execute-api:/*'}\n`;

  it('fails when the RestApi Policy allows anyone, saying so', () => {
    const { failed } = scanTemplate(restApi('      AuthorizationType: NONE\n', policy(OPEN)), check);
    expect(failed).toHaveLength(1);
    expect(failed[0]?.message).toBe(
      'GET /items on API Api invokes function Fn with no authorization and no API key, and its resource policy ' +
        'allows anyone (Principal *, no condition): anyone on the internet can call it.',
    );
  });

  it('reads an empty Policy string as no policy, as the Serverless Framework writes it', () => {
    const { failed, unknown } = scanTemplate(
      restApi('      AuthorizationType: NONE\n', "      Policy: ''\n"),
      check,
    );
    expect(unknown).toEqual([]);
    expect(failed.map((f) => f.message)).toEqual([
      'GET /items on API Api invokes function Fn with no authorization and no API key: anyone on the internet can call it.',
    ]);
  });

  it('passes a method behind an API key when the Policy lets no anonymous caller through', () => {
    const account = policy(
      "          - {Effect: Allow, Principal: {AWS: '123456789012'}, Action: execute-api:Invoke, Resource: '*'}\n",
    );
    const { failed, passed } = scanTemplate(restApi('      ApiKeyRequired: true\n', account), check);
    expect(failed).toEqual([]);
    expect(passed.map((f) => f.message)).toEqual([expect.stringContaining('allows no anonymous caller')]);
  });

  it('passes when the Policy allows only an account, or denies callers outside a network', () => {
    const account = policy(
      "          - {Effect: Allow, Principal: {AWS: '123456789012'}, Action: execute-api:Invoke, Resource: '*'}\n",
    );
    const onlyAccount = scanTemplate(restApi('', account), check);
    expect(onlyAccount.failed).toEqual([]);
    expect(onlyAccount.passed[0]?.message).toContain('allows no anonymous caller');
    const deny = `          - Effect: Deny
            Principal: '*'
            Action: execute-api:Invoke
            Resource: 'execute-api:/*'
            Condition: {NotIpAddress: {aws:SourceIp: [203.0.113.0/24]}}
`;
    const network = scanTemplate(restApi('', policy(OPEN + deny)), check);
    expect(network.failed).toEqual([]);
    expect(network.passed[0]?.message).toBe(
      'GET /items on API Api has no authorization, but its resource policy denies callers outside what ' +
        'NotIpAddress aws:SourceIp names',
    );
  });

  it('still fails when the Allow covers the route and the Deny lets everyone in (0.0.0.0/0)', () => {
    const deny = `          - Effect: Deny
            Principal: '*'
            Action: execute-api:Invoke
            Resource: 'execute-api:/*'
            Condition: {NotIpAddress: {aws:SourceIp: [0.0.0.0/0]}}
`;
    expect(scanTemplate(restApi('', policy(OPEN + deny)), check).failed).toHaveLength(1);
  });

  it('reads a Deny of every address, of callers through no VPC endpoint, and Null conditions without letting anyone in', () => {
    const denyWith = (condition: string) => `          - Effect: Deny
            Principal: '*'
            Action: execute-api:Invoke
            Resource: 'execute-api:/*'
            Condition: ${condition}
`;
    const everyAddress = scanTemplate(
      restApi('', policy(OPEN + denyWith('{IpAddress: {aws:SourceIp: 0.0.0.0/0}}'))),
      check,
    );
    expect(everyAddress.failed).toEqual([]);
    expect(everyAddress.passed[0]?.message).toContain('denies every caller');
    const noEndpoint = scanTemplate(
      restApi('', policy(OPEN + denyWith("{StringNotLike: {aws:SourceVpce: '*'}}"))),
      check,
    );
    expect(noEndpoint.failed).toEqual([]);
    const nullKey = scanTemplate(
      restApi('', policy(OPEN + denyWith("{'Null': {aws:SourceVpce: 'true'}}"))),
      check,
    );
    expect(nullKey.failed).toEqual([]);
    expect(nullKey.unknown[0]?.message).toContain(
      'Deny whose conditions (Null aws:SourceVpce) Parapet cannot judge',
    );
  });

  it('does not take a Deny of another method or path for one that may cover a route with path parameters', () => {
    const byId = (statements: string) =>
      restApi('', policy(OPEN + statements)).replace('PathPart: items', "PathPart: '{id}'");
    const deny = (resource: string) =>
      `          - {Effect: Deny, Principal: '*', Action: execute-api:Invoke, Resource: '${resource}'}\n`;
    expect(scanTemplate(byId(deny('execute-api:/*/POST/admin')), check).failed).toHaveLength(1);
    const maybe = scanTemplate(byId(deny('execute-api:/*/GET/42')), check);
    expect(maybe.failed).toEqual([]);
    expect(maybe.unknown[0]?.message).toContain(
      'its resource policy has a Deny that may cover this route (a Deny without conditions)',
    );
  });

  it('is unknown for a policy that names one stage: which stages the route is deployed to is not known', () => {
    const devOnly = policy(
      "          - {Effect: Allow, Principal: '*', Action: execute-api:Invoke, Resource: 'execute-api:/dev/GET/items'}\n",
    );
    const { failed, unknown } = scanTemplate(restApi('', devOnly), check);
    expect(failed).toEqual([]);
    expect(unknown).toHaveLength(1);
  });

  it('passes a route the public Allow does not cover (API Gateway denies what it does not allow)', () => {
    const other = policy(
      "          - {Effect: Allow, Principal: '*', Action: execute-api:Invoke, Resource: 'execute-api:/*/GET/other'}\n",
    );
    expect(scanTemplate(restApi('', other), check).passed).toHaveLength(1);
  });

  it('is unknown when an Allow for anyone holds only while conditions hold (aws:CurrentTime), from SAM', () => {
    const api = `  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
      Auth:
        ResourcePolicy:
          CustomStatements:
            - Effect: Allow
              Principal: '*'
              Action: execute-api:Invoke
              Resource: execute-api:/prod/*/*
              Condition: {DateLessThan: {aws:CurrentTime: '2022-09-30T23:59:59Z'}}
`;
    const { failed, unknown } = scanTemplate(
      sam('        Get: {Type: Api, Properties: {RestApiId: !Ref Api, Path: /, Method: get}}\n', '', api),
      check,
    );
    expect(failed).toEqual([]);
    expect(unknown[0]?.message).toContain(
      'allows anyone while its conditions hold (DateLessThan aws:CurrentTime)',
    );
  });

  it('passes SAM IpRangeWhitelist / SourceVpcWhitelist and is unknown when the list is a parameter', () => {
    const api = (policyKey: string) => `  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
      Auth:
        ResourcePolicy:
          ${policyKey}
`;
    const event = '        Get: {Type: Api, Properties: {RestApiId: !Ref Api, Path: /items, Method: get}}\n';
    const ip = scanTemplate(sam(event, '', api('IpRangeWhitelist: [203.0.113.0/24]')), check);
    expect(ip.failed).toEqual([]);
    expect(ip.passed[0]?.message).toContain('denies callers outside what NotIpAddress aws:SourceIp names');
    const vpc = scanTemplate(sam(event, '', api('SourceVpcWhitelist: [vpce-0123456789abcdef0]')), check);
    expect(vpc.passed[0]?.message).toContain('StringNotEquals aws:SourceVpce');
    const head = 'Parameters:\n  Ranges: {Type: CommaDelimitedList}\n';
    const param = scanTemplate(sam(event, head, api('IpRangeWhitelist: !Ref Ranges')), check);
    expect(param.failed).toEqual([]);
    expect(param.unknown).toHaveLength(1);
    // A blacklist only shuts out the listed callers: everyone else still gets in.
    const black = scanTemplate(sam(event, '', api('IpRangeBlacklist: [203.0.113.0/24]')), check);
    expect(black.failed).toHaveLength(1);
  });
});
