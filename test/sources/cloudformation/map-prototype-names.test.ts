import { describe, expect, it } from 'vitest';
import type { ApiRoute } from '../../../src/model/apigateway.js';
import { isUnknown } from '../../../src/model/values.js';
import { expectLikeOrdinaryName, PROTOTYPE_NAMES } from '../../helpers/prototype-names.js';
import { scanTemplate, template } from '../../helpers/scan-template.js';
import { lambdaFunction, policyRole, SAM_HEADER, samNodeFunction } from '../../helpers/templates.js';

// Names of Object.prototype (`constructor`, `toString`, `__proto__`, ...) where the mappers look a name up:
// an authorizer, a security scheme, an OpenAPI path or method, an API, a resource's type.

function plain(value: unknown): unknown {
  return isUnknown(value) ? { unknown: value.reason } : value;
}

/** The template's errors and its routes' API, authorization and endpoint type, as plain data. */
function routes(text: string) {
  const { inventory, errors } = scanTemplate(text, []);
  const list = inventory.list('apigateway.route').map((route: ApiRoute) => ({
    id: route.id,
    api: plain(route.api),
    authorization: isUnknown(route.authorization)
      ? plain(route.authorization)
      : { type: route.authorization.type, authorizer: route.authorization.authorizer },
    apiKeyRequired: plain(route.apiKeyRequired),
    endpointType: plain(route.endpointType),
  }));
  return { errors: errors.map((e) => e.message), routes: list };
}

/** A SAM API `Api` with a Cognito authorizer, the given Auth settings and definition, and a function on it. */
function samApi(auth: string, event: string, definition = ''): string {
  return `${SAM_HEADER}Resources:
  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
      Auth:
        ${auth}
        Authorizers:
          Users: {UserPoolArn: arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_abc}
${definition}${samNodeFunction('Fn', `      Events:\n        Get: {Type: Api, Properties: {RestApiId: !Ref Api, ${event}}}\n`)}`;
}

const DEFINITION = (security: string) => `      DefinitionBody:
        swagger: '2.0'
        securityDefinitions:
          Sigv4: {type: apiKey, name: Authorization, in: header, x-amazon-apigateway-authtype: awsSigv4}
        paths:
          /items:
            get:
              security: [${security}]
              x-amazon-apigateway-integration: {type: aws_proxy, httpMethod: POST, uri: x}
`;

describe.each(PROTOTYPE_NAMES)('the mappers, with the undeclared name %s', (name) => {
  it("reads an event's Auth.Authorizer of that name as an authorizer the API does not define", () => {
    expectLikeOrdinaryName(
      (n) =>
        routes(samApi('DefaultAuthorizer: Users', `Path: /items, Method: get, Auth: {Authorizer: ${n}}`)),
      name,
    );
  });

  it("reads the API's DefaultAuthorizer of that name as an authorizer the API does not define", () => {
    expectLikeOrdinaryName(
      (n) => routes(samApi(`DefaultAuthorizer: ${n}`, 'Path: /items, Method: get')),
      name,
    );
  });

  it('reads a security requirement of that name as a scheme the OpenAPI definition does not define', () => {
    expectLikeOrdinaryName(
      (n) => routes(samApi('ApiKeyRequired: false', 'Path: /items, Method: get', DEFINITION(`{${n}: []}`))),
      name,
    );
  });

  it('reads an event Path of that name as a path the OpenAPI definition does not have', () => {
    expectLikeOrdinaryName(
      (n) => routes(samApi('ApiKeyRequired: false', `Path: ${n}, Method: get`, DEFINITION('{Sigv4: []}'))),
      name,
    );
  });

  it('reads an event Method of that name as a method the OpenAPI path does not have', () => {
    const { routes: found } = routes(
      samApi('ApiKeyRequired: false', `Path: /items, Method: ${name}`, DEFINITION('{Sigv4: []}')),
    );
    // A method the hand-written definition lacks makes no route (SAM adds none to such a definition): the only
    // route is the definition's own operation.
    expect(found.map((route) => route.id)).toEqual(['Api GET /items']);
  });

  it('reads a RestApiId of that name as an API not in the template', () => {
    expectLikeOrdinaryName(
      (n) =>
        routes(`${SAM_HEADER}Resources:
${samNodeFunction('Fn', `      Events:\n        Get: {Type: Api, Properties: {RestApiId: ${n}, Path: /items, Method: get}}\n`)}`),
      name,
    );
    expectLikeOrdinaryName(
      (n) =>
        routes(
          template(`  Method:
    Type: AWS::ApiGateway::Method
    Properties:
      RestApiId: ${n}
      ResourceId: root
      HttpMethod: GET
      AuthorizationType: NONE
      Integration: {Type: AWS_PROXY, Uri: 'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:f/invocations'}
`),
        ),
      name,
    );
  });

  it('reads the source of an event source mapping, a resource of that Type, as a source of an unknown kind', () => {
    expectLikeOrdinaryName((n) => {
      const { inventory, errors } = scanTemplate(
        template(`${lambdaFunction()}  Source:
    Type: ${n}
  Mapping:
    Type: AWS::Lambda::EventSourceMapping
    Properties:
      FunctionName: !Ref Fn
      EventSourceArn: !GetAtt Source.Arn
`),
        [],
      );
      const mapping = inventory.list('lambda.event-source-mapping')[0];
      return { errors: errors.map((e) => e.message), kind: mapping?.sourceKind };
    }, name);
  });
});

describe.each(PROTOTYPE_NAMES)('the mappers, with %s declared', (name) => {
  it('reads an authorizer of that name', () => {
    const { routes: found } = routes(
      samApi(`DefaultAuthorizer: ${name}`, 'Path: /items, Method: get', '').replace(
        'Authorizers:\n',
        `Authorizers:\n          ${name}: {FunctionArn: arn:aws:lambda:us-east-1:1:function:a}\n`,
      ),
    );
    expect(found.map((route) => route.authorization)).toEqual([{ type: 'CUSTOM', authorizer: name }]);
  });

  it('keeps a condition operator and a condition key of that name in a policy statement', () => {
    const { inventory } = scanTemplate(
      template(
        policyRole(
          'p',
          `              - Effect: Allow
                Action: sqs:SendMessage
                Resource: '*'
                Condition:
                  ${name}: {aws:SourceAccount: '123456789012'}
                  StringEquals: {${name}: x}
`,
        ),
      ),
      [],
    );
    const role = inventory.list('iam.role')[0];
    const policies = role && !isUnknown(role.inlinePolicies) ? role.inlinePolicies : [];
    const document = policies[0]?.document;
    const statements =
      document && !isUnknown(document) && !isUnknown(document.statements) ? document.statements : [];
    const conditions = statements[0]?.conditions;
    if (conditions === undefined || isUnknown(conditions)) throw new Error('no conditions read');
    expect(Object.getPrototypeOf(conditions)).toBe(Object.prototype);
    expect(Object.keys(conditions)).toEqual([name, 'StringEquals']);
    expect(Object.keys(conditions[name] ?? {})).toEqual(['aws:SourceAccount']);
    expect(Object.keys(conditions.StringEquals ?? {})).toEqual([name]);
    expect(conditions.StringEquals?.[name]).toEqual(['x']);
  });

  it('attributes the defaults a top-level property of that name uses to it', () => {
    const { inventory } = scanTemplate(
      template(
        lambdaFunction(
          'Fn',
          `      Environment: {Variables: {STAGE: !Ref Stage}}\n      ${name}: !Ref Stage\n`,
        ),
        'Parameters:\n  Stage: {Type: String, Default: dev}\n',
      ),
      [],
    );
    const properties = inventory.list('lambda.function')[0]?.assumedDefaultsByProperty?.properties ?? {};
    expect(Object.getPrototypeOf(properties)).toBe(Object.prototype);
    expect(Object.keys(properties)).toEqual(['Environment', name]);
  });
});
