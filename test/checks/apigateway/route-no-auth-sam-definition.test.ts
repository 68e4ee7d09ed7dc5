import { describe, expect, it } from 'vitest';
import check from '../../../src/checks/apigateway/route-no-auth.js';
import { scanTemplate } from '../../helpers/scan-template.js';

// Api events on a SAM Api with a DefinitionBody of its own. SAM adds no operation for such an event (the definition
// must have it); it puts the API's DefaultAuthorizer on every operation with an integration unless the operation's
// security names a SAM authorizer or NONE; the event's Auth counts only with OverrideApiAuth. What samtranslator
// 1.110 makes of each case was checked by running it on templates like these.

const INCLUDE = `      DefinitionBody:
        Fn::Transform:
          Name: AWS::Include
          Parameters: {Location: ./api.definition.yml}
`;

const COGNITO = `      Auth:
        DefaultAuthorizer: Pool
        Authorizers:
          Pool: {UserPoolArn: !Ref PoolArn}
`;

/** GET /jobs of `definition` (the Api's DefinitionBody), its operation extended by `operation`. */
const inline = (operation = '', top = '') => `      DefinitionBody:
        swagger: '2.0'
        info: {title: jobs, version: '1'}
${top}        paths:
          /jobs:
            get:
              x-amazon-apigateway-integration:
                type: aws_proxy
                httpMethod: POST
                uri: !Sub arn:aws:apigateway:\${AWS::Region}:lambda:path/2015-03-31/functions/\${Fn.Arn}/invocations
${operation}`;

/** A SAM Api (`api`: its Auth and definition) and a function whose Api event routes GET /jobs there. */
const sam = (api: string, eventAuth = '') => `Transform: AWS::Serverless-2016-10-31
Parameters:
  PoolArn: {Type: String}
  Authorizer: {Type: String}
Resources:
  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: Prod
${api}  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      CodeUri: s3://bucket/key
      Events:
        Get:
          Type: Api
          Properties:
            Path: /jobs
            Method: GET
            RestApiId: !Ref Api
${eventAuth}`;

const NONE_OVERRIDE = '            Auth: {Authorizer: NONE, OverrideApiAuth: true}\n';

describe('apigateway.route-no-auth on an Api event whose API definition is an AWS::Include', () => {
  it("passes under the API's DefaultAuthorizer, and says what that rests on", () => {
    const { findings, errors } = scanTemplate(sam(`${INCLUDE}${COGNITO}`), check);
    expect(errors).toEqual([]);
    expect(findings.map((finding) => [finding.status, finding.message])).toEqual([
      [
        'pass',
        "GET /jobs on API Api requires COGNITO_USER_POOLS (authorizer Pool): SAM puts the API's DefaultAuthorizer on " +
          'every operation of its OpenAPI definition that does not opt out with security NONE, and the ' +
          'DefinitionBody is an Fn::Transform AWS::Include of ./api.definition.yml, which Parapet does not read',
      ],
    ]);
  });

  it('passes when the event says Authorizer NONE without OverrideApiAuth: SAM does not write it there', () => {
    const { passed, failed, unknown } = scanTemplate(
      sam(`${INCLUDE}${COGNITO}`, '            Auth: {Authorizer: NONE}\n'),
      check,
    );
    expect([failed, unknown]).toEqual([[], []]);
    expect(passed[0]?.message).toContain('requires COGNITO_USER_POOLS (authorizer Pool)');
  });

  it("passes behind the event's own authorizer given with OverrideApiAuth", () => {
    const { passed } = scanTemplate(
      sam(`${INCLUDE}${COGNITO}`, '            Auth: {Authorizer: AWS_IAM, OverrideApiAuth: true}\n'),
      check,
    );
    expect(passed.map((finding) => finding.message)).toEqual(['GET /jobs on API Api requires AWS_IAM']);
  });

  it("is unknown with Authorizer NONE and OverrideApiAuth: the operation's own security, in the file, decides", () => {
    const { failed, unknown } = scanTemplate(sam(`${INCLUDE}${COGNITO}`, NONE_OVERRIDE), check);
    expect(failed).toEqual([]);
    expect(unknown.map((finding) => finding.message)).toEqual([
      'The authorization of GET /jobs on API Api cannot be seen: the event takes the DefaultAuthorizer off GET /jobs ' +
        "(Authorizer NONE with OverrideApiAuth), so the operation's own security decides, and the DefinitionBody is " +
        'an Fn::Transform AWS::Include of ./api.definition.yml, which Parapet does not read.',
    ]);
  });

  it('is unknown without a DefaultAuthorizer, and says in plain words why the definition is not read', () => {
    const { failed, unknown } = scanTemplate(sam(INCLUDE), check);
    expect(failed).toEqual([]);
    expect(unknown.map((finding) => finding.message)).toEqual([
      'The authorization of GET /jobs on API Api cannot be seen: the DefinitionBody is an Fn::Transform AWS::Include ' +
        'of ./api.definition.yml, which Parapet does not read, and no DefaultAuthorizer of the API covers GET /jobs.',
    ]);
  });

  it('is unknown when the DefaultAuthorizer comes from a parameter without default', () => {
    const { failed, unknown } = scanTemplate(
      sam(`${INCLUDE}${COGNITO.replace('DefaultAuthorizer: Pool', 'DefaultAuthorizer: !Ref Authorizer')}`),
      check,
    );
    expect(failed).toEqual([]);
    expect(unknown[0]?.message).toContain("the API's DefaultAuthorizer is not known before deploy");
    expect(unknown[0]?.message).toContain('parameter Authorizer');
  });

  it('stays unknown for an HttpApi event (not worked out here), in the same plain words', () => {
    const text = sam(INCLUDE, '')
      .replace('AWS::Serverless::Api', 'AWS::Serverless::HttpApi')
      .replace('      StageName: Prod\n', '');
    const http = text
      .replace('Type: Api\n', 'Type: HttpApi\n')
      .replace('RestApiId: !Ref Api', 'ApiId: !Ref Api');
    const { failed, unknown } = scanTemplate(http, check);
    expect(failed).toEqual([]);
    expect(unknown.map((finding) => finding.message)).toEqual([
      'The authorization of GET /jobs on API Api cannot be seen: the DefinitionBody is an Fn::Transform AWS::Include ' +
        'of ./api.definition.yml, which Parapet does not read.',
    ]);
  });

  it('names a macro that makes the definition, and says it is not run', () => {
    const macro = INCLUDE.replace('AWS::Include', 'OpenApiFromCode');
    const { unknown } = scanTemplate(sam(macro), check);
    expect(unknown[0]?.message).toContain(
      'the DefinitionBody is made by the macro OpenApiFromCode (Fn::Transform), which Parapet does not run',
    );
  });
});

describe('apigateway.route-no-auth on an Api event with OverrideApiAuth and an inline definition', () => {
  it('fails Authorizer NONE on an operation without security of its own, at the event', () => {
    const { failed, unknown, errors } = scanTemplate(sam(`${inline()}${COGNITO}`, NONE_OVERRIDE), check);
    expect([unknown, errors]).toEqual([[], []]);
    expect(failed.map((finding) => finding.message)).toEqual([
      'GET /jobs on API Api invokes function Fn with no authorization and no API key: anyone on the internet can call it.',
    ]);
    expect(failed[0]?.resource.generated?.id).toBe('Fn.Events.Get');
  });

  it('passes Authorizer NONE on an operation that keeps a security scheme of its own', () => {
    const schemes = `        securityDefinitions:
          Custom:
            type: apiKey
            name: Authorization
            in: header
            x-amazon-apigateway-authtype: custom
            x-amazon-apigateway-authorizer: {type: token, authorizerUri: arn:aws:apigateway:us-east-1:lambda:path/x}
`;
    const { passed, failed } = scanTemplate(
      sam(`${inline('              security: [{Custom: []}]\n', schemes)}${COGNITO}`, NONE_OVERRIDE),
      check,
    );
    expect(failed).toEqual([]);
    expect(passed.map((finding) => finding.message)).toEqual([
      'GET /jobs on API Api requires CUSTOM (authorizer Custom)',
    ]);
  });

  it("takes the event's resource policy, which SAM writes with OverrideApiAuth", () => {
    const auth = `            Auth:
              Authorizer: NONE
              OverrideApiAuth: true
              ResourcePolicy: {AwsAccountWhitelist: ['123456789012']}
`;
    const { passed, failed } = scanTemplate(sam(`${inline()}${COGNITO}`, auth), check);
    expect(failed).toEqual([]);
    expect(passed[0]?.message).toContain('has no authorization, but');
  });

  it('is unknown when the operation is only an ANY: SAM rejects OverrideApiAuth for a method it lacks', () => {
    const any = inline().replace('            get:', '            x-amazon-apigateway-any-method:');
    const { failed, unknown } = scanTemplate(sam(`${any}${COGNITO}`, NONE_OVERRIDE), check);
    expect(failed).toEqual([]);
    expect(unknown[0]?.message).toContain('SAM rejects OverrideApiAuth for GET /jobs');
  });

  it('passes an operation under a top-level security once SAM has put the DefaultAuthorizer on it', () => {
    const top = '        security: [{Pool: []}]\n';
    const { passed, unknown } = scanTemplate(sam(`${inline('', top)}${COGNITO}`), check);
    expect(unknown).toEqual([]);
    expect(passed[0]?.message).toBe('GET /jobs on API Api requires COGNITO_USER_POOLS (authorizer Pool)');
  });
});
