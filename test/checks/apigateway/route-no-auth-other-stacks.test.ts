import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scanCdkOut } from '../../helpers/cdk-out.js';
import { lambdaFunction } from '../../helpers/templates.js';

// A WebSocket API whose template declares no $connect route, and other stacks of the same scan that may declare it.

/** api.yaml: WebSocket API Api whose one route (sendmessage) invokes Fn; then `more` (Outputs, more resources). */
function apiStack(more = '', resources = ''): string {
  return `AWSTemplateFormatVersion: '2010-09-09'
Resources:
${lambdaFunction('Fn')}  Api:
    Type: AWS::ApiGatewayV2::Api
    Properties: { Name: chat, ProtocolType: WEBSOCKET, RouteSelectionExpression: $request.body.action }
  Integration:
    Type: AWS::ApiGatewayV2::Integration
    Properties: { ApiId: !Ref Api, IntegrationType: AWS_PROXY, IntegrationUri: !GetAtt Fn.Arn }
  Route:
    Type: AWS::ApiGatewayV2::Route
    Properties:
      ApiId: !Ref Api
      RouteKey: sendmessage
      Target: !Join ['/', [integrations, !Ref Integration]]
${resources}${more}`;
}

const EXPORTED = `Outputs:
  ApiId:
    Value: !Ref Api
    Export: { Name: chat-api-id }
`;

/**
 * A stack declaring route Connect with key `key` on API `apiId`, authorized by `auth`; `head` before Resources, `extra`
 * in the route.
 */
function routeStack(
  apiId: string,
  key = '$connect',
  head = '',
  extra = '',
  auth = 'AuthorizationType: AWS_IAM',
): string {
  return `AWSTemplateFormatVersion: '2010-09-09'
${head}Resources:
  Connect:
    Type: AWS::ApiGatewayV2::Route
${extra}    Properties: { ApiId: ${apiId}, RouteKey: ${key}, ${auth} }
`;
}

/** The files written to a folder of their own, scanned with every check (see scanCdkOut). */
function scanFiles(files: Record<string, string>, parameters?: Record<string, string>) {
  const dir = mkdtempSync(join(tmpdir(), 'parapet-connect-stacks-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return scanCdkOut(dir, [dir], parameters);
}

/** What route-no-auth says of api.yaml's Route, scanned with the files, as [status, message]. */
function judged(files: Record<string, string>): [string, string][] {
  const { result, of } = scanFiles(files);
  expect(result.errors).toEqual([]);
  return of('apigateway.route-no-auth', 'Route').map((f) => [f.status, f.message]);
}

const NO_CONNECT = 'WebSocket API Api has no $connect route in this template';

describe('apigateway.route-no-auth: a WebSocket API without $connect, and the other stacks of the scan', () => {
  it('passes where a stack importing the export of its id declares its $connect with an authorizer', () => {
    const files = { 'api.yaml': apiStack(EXPORTED), 'routes.yaml': routeStack('!ImportValue chat-api-id') };
    expect(judged(files)).toEqual([
      [
        'pass',
        'WebSocket API Api has its $connect route Connect of stack routes.yaml, which requires AWS_IAM',
      ],
    ]);
  });

  it("fails where that $connect has no authorization (a mock: this stack's routes are what it opens)", () => {
    const open = routeStack('!ImportValue chat-api-id', '$connect', '', '', 'AuthorizationType: NONE');
    expect(judged({ 'api.yaml': apiStack(EXPORTED), 'routes.yaml': open })).toEqual([
      [
        'fail',
        'WebSocket API Api has its $connect route Connect of stack routes.yaml, with no authorization and no API key: ' +
          "anyone on the internet can connect and then send messages to the API's routes (they invoke function Fn). " +
          'Add an authorizer (IAM or a Lambda authorizer) to it.',
      ],
    ]);
    const keyed = routeStack('!ImportValue chat-api-id', '$connect', '', '', 'ApiKeyRequired: true');
    const { result, of } = scanFiles({ 'api.yaml': apiStack(EXPORTED), 'routes.yaml': keyed });
    expect(result.errors).toEqual([]);
    expect(of('apigateway.route-no-auth', 'Route').map((f) => [f.status, f.severity])).toEqual([
      ['fail', 'low'],
    ]);
    const parameter = routeStack(
      '!ImportValue chat-api-id',
      '$connect',
      'Parameters:\n  Auth: { Type: String }\n',
      '',
      'AuthorizationType: !Ref Auth',
    );
    expect(judged({ 'api.yaml': apiStack(EXPORTED), 'routes.yaml': parameter })[0]?.[0]).toBe('unknown');
  });

  it("leaves a $connect of the other stack that invokes a function to that stack's scan", () => {
    const connect = `${routeStack('!ImportValue chat-api-id', '$connect', '', '', 'AuthorizationType: NONE, Target: !Sub "integrations/${Integration}"')}  Integration:
    Type: AWS::ApiGatewayV2::Integration
    Properties: { ApiId: !ImportValue chat-api-id, IntegrationType: AWS_PROXY, IntegrationUri: !GetAtt Fn.Arn }
${lambdaFunction('Fn')}`;
    const { result, of } = scanFiles({ 'api.yaml': apiStack(EXPORTED), 'routes.yaml': connect });
    expect(result.errors).toEqual([]);
    const byRoute = (id: string) => of('apigateway.route-no-auth', id).map((f) => [f.status, f.message]);
    expect(byRoute('Route')).toEqual([
      [
        'pass',
        'WebSocket API Api has its $connect route Connect of stack routes.yaml, which invokes a function and is checked there',
      ],
    ]);
    expect(byRoute('Connect').map(([status]) => status)).toEqual(['fail']);
  });

  it('passes where a nested stack it gives the id to declares its $connect', () => {
    const nesting =
      '  Routes:\n    Type: AWS::CloudFormation::Stack\n' +
      '    Properties: { TemplateURL: routes.yaml, Parameters: { ChatApi: !Ref Api } }\n';
    const files = {
      'api.yaml': apiStack('', nesting),
      'routes.yaml': routeStack('!Ref ChatApi', '$connect', 'Parameters:\n  ChatApi: { Type: String }\n'),
    };
    expect(judged(files)).toEqual([
      [
        'pass',
        'WebSocket API Api has its $connect route Connect of stack routes.yaml, which requires AWS_IAM',
      ],
    ]);
  });

  it('is unknown where another stack declares a $connect on a literal API id, which may be this one', () => {
    const files = { 'api.yaml': apiStack(), 'routes.yaml': routeStack('abc123') };
    expect(judged(files)).toEqual([
      [
        'unknown',
        `${NO_CONNECT}, but stack routes.yaml declares a $connect route (Connect) on API abc123, which may be this one.`,
      ],
    ]);
    const parameter = routeStack('!Ref ChatApi', '$connect', 'Parameters:\n  ChatApi: { Type: String }\n');
    expect(judged({ 'api.yaml': apiStack(), 'routes.yaml': parameter })).toEqual([
      [
        'unknown',
        `${NO_CONNECT}, but stack routes.yaml declares a $connect route (Connect) on an API not known before deploy ` +
          '(from parameter ChatApi, which has no default), which may be this one.',
      ],
    ]);
  });

  it('is unknown where the importing stack declares its $connect under a condition, or with a key not known', () => {
    const conditioned = routeStack(
      '!ImportValue chat-api-id',
      '$connect',
      'Parameters:\n  On: { Type: String, Default: "yes" }\nConditions:\n  Connects: !Equals [!Ref On, "yes"]\n',
      '    Condition: Connects\n',
    );
    const unknownKey = routeStack(
      '!ImportValue chat-api-id',
      '!Ref Key',
      'Parameters:\n  Key: { Type: String }\n',
    );
    for (const routes of [conditioned, unknownKey])
      expect(judged({ 'api.yaml': apiStack(EXPORTED), 'routes.yaml': routes })).toEqual([
        [
          'unknown',
          `${NO_CONNECT}, but stack routes.yaml declares route Connect on it, which may be its $connect.`,
        ],
      ]);
  });

  it("is unknown where its $connect key is $connect only by that stack's parameter default; judged with -p", () => {
    const byDefault = routeStack(
      '!ImportValue chat-api-id',
      '!Ref Key',
      'Parameters:\n  Key: { Type: String, Default: $connect }\n',
    );
    expect(judged({ 'api.yaml': apiStack(EXPORTED), 'routes.yaml': byDefault })).toEqual([
      [
        'unknown',
        `${NO_CONNECT}, but stack routes.yaml declares route Connect on it, which may be its $connect.`,
      ],
    ]);
    const { result, of } = scanFiles(
      { 'api.yaml': apiStack(EXPORTED), 'routes.yaml': byDefault },
      { Key: '$connect' },
    );
    expect(result.errors).toEqual([]);
    expect(of('apigateway.route-no-auth', 'Route').map((f) => f.status)).toEqual(['pass']);
  });

  it("is unknown where that stack's defaults or conditions decide its authorization, API key or target", () => {
    const head =
      'Parameters:\n  Auth: { Type: String, Default: NONE, AllowedValues: [AWS_IAM, NONE] }\n' +
      '  Keyed: { Type: String, Default: "no" }\n' +
      'Conditions:\n  IsKeyed: !Equals [!Ref Keyed, "yes"]\n';
    const cases: [string, string][] = [
      ['AuthorizationType: !Ref Auth', 'AuthorizationType rests on', 'the default of parameter Auth'],
      [
        'ApiKeyRequired: !If [IsKeyed, true, false]',
        'ApiKeyRequired rests on',
        'the default of parameter Keyed and condition IsKeyed',
      ],
      [
        'AuthorizationType: !Ref Auth, ApiKeyRequired: !If [IsKeyed, true, false]',
        'AuthorizationType and ApiKeyRequired rest on',
        'the default of parameter Auth, the default of parameter Keyed and condition IsKeyed',
      ],
    ].map(([auth, what, choices]) => [
      auth as string,
      `${what} that stack's parameter defaults or conditions (${choices})`,
    ]);
    for (const [auth, words] of cases) {
      const routes = routeStack('!ImportValue chat-api-id', '$connect', head, '', auth);
      expect(judged({ 'api.yaml': apiStack(EXPORTED), 'routes.yaml': routes }), auth).toEqual([
        [
          'unknown',
          `WebSocket API Api has its $connect route Connect of stack routes.yaml, whose ${words}, which a deploy may change.`,
        ],
      ]);
    }
    // The default AWS_IAM passes here only as the defaults make it: NONE is allowed too.
    const iam = routeStack(
      '!ImportValue chat-api-id',
      '$connect',
      head.replace('Default: NONE', 'Default: AWS_IAM'),
      '',
      'AuthorizationType: !Ref Auth',
    );
    expect(judged({ 'api.yaml': apiStack(EXPORTED), 'routes.yaml': iam })[0]?.[0]).toBe('unknown');
    // Given with -p, it is what the deploy uses.
    const open = routeStack('!ImportValue chat-api-id', '$connect', head, '', 'AuthorizationType: !Ref Auth');
    const { result, of } = scanFiles(
      { 'api.yaml': apiStack(EXPORTED), 'routes.yaml': open },
      { Auth: 'NONE' },
    );
    expect(result.errors).toEqual([]);
    expect(of('apigateway.route-no-auth', 'Route').map((f) => f.status)).toEqual(['fail']);
  });

  it("is unknown where a target that stack's defaults choose invokes a function, whose stack's scan may not see it", () => {
    const head =
      'Parameters:\n  Live: { Type: String, Default: "yes" }\nConditions:\n  IsLive: !Equals [!Ref Live, "yes"]\n';
    const connect = `${routeStack('!ImportValue chat-api-id', '$connect', head, '', 'AuthorizationType: NONE, Target: !If [IsLive, !Sub "integrations/${Integration}", !Sub "integrations/${Mock}"]')}  Integration:
    Type: AWS::ApiGatewayV2::Integration
    Properties: { ApiId: !ImportValue chat-api-id, IntegrationType: AWS_PROXY, IntegrationUri: !GetAtt Fn.Arn }
  Mock:
    Type: AWS::ApiGatewayV2::Integration
    Properties: { ApiId: !ImportValue chat-api-id, IntegrationType: MOCK }
${lambdaFunction('Fn')}`;
    expect(judged({ 'api.yaml': apiStack(EXPORTED), 'routes.yaml': connect })).toEqual([
      [
        'unknown',
        "WebSocket API Api has its $connect route Connect of stack routes.yaml, whose Target rests on that stack's " +
          'parameter defaults or conditions (the default of parameter Live and condition IsLive), which a deploy may change.',
      ],
    ]);
  });

  it('is unknown where its id is exported and no scanned stack declares its $connect', () => {
    const files = {
      'api.yaml': apiStack(EXPORTED),
      'routes.yaml': routeStack('!ImportValue chat-api-id', 'sendmessage'),
    };
    expect(judged(files)).toEqual([
      [
        'unknown',
        `${NO_CONNECT}, but its id leaves the template through output ApiId: a stack that takes it may declare its $connect.`,
      ],
    ]);
  });

  it('still fails where its id never leaves the template and no scanned stack may declare its $connect', () => {
    const files = {
      'api.yaml': apiStack(),
      // Another API's $connect: that of the API another stack exports.
      'routes.yaml': routeStack('!ImportValue other-api-id'),
      'other.yaml': apiStack('Outputs:\n  Id:\n    Value: !Ref Api\n    Export: { Name: other-api-id }\n')
        .replace('  Route:\n', '  OtherRoute:\n')
        .replace('RouteKey: sendmessage', 'RouteKey: $default'),
    };
    expect(judged(files)).toEqual([
      [
        'fail',
        // Its template deploys it to no stage, which the finding says first.
        `${NO_CONNECT}, so nothing authorizes a connection: once the API is deployed to a stage (this template ` +
          "deploys none), anyone on the internet can connect and then send messages to the API's routes (they " +
          'invoke function Fn). Add a $connect route with an authorizer (IAM or a Lambda authorizer).',
      ],
    ]);
  });
});
