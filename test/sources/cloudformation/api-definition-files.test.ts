// biome-ignore-all lint/suspicious/noTemplateCurlyInString: CloudFormation `${...}` templates are written in these tests
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALL_CHECKS } from '../../../src/checks/index.js';
import { EMPTY_CONFIG } from '../../../src/config/config.js';
import { scan } from '../../../src/scan.js';

// A SAM Api / HttpApi whose OpenAPI definition is a local file (DefinitionUri), which `sam package` uploads as it is
// and SAM passes on as BodyS3Location, neither reading nor editing it. test/fixtures/definition-uri holds one.

const FIXTURE = 'test/fixtures/definition-uri';

function scanned(paths: string[], cwd: string) {
  const result = scan(paths, {
    checks: ALL_CHECKS.filter((c) => c.id === 'apigateway.route-no-auth'),
    config: EMPTY_CONFIG,
    scanDate: new Date('2026-11-25'),
    includePassed: true,
    cwd,
  });
  const of = (status: string) => result.findings.filter((f) => f.status === status);
  return { ...result, failed: of('fail'), passed: of('pass'), unknown: of('unknown') };
}

/** Writes the files (path → text) in a new folder and scans it (or `folder` in it) from there. */
function scanFiles(files: Record<string, string>, folder = '') {
  const dir = mkdtempSync(join(tmpdir(), 'parapet-definition-uri-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return scanned([join(dir, folder)], join(dir, folder));
}

/** A SAM template whose API (`type`) takes its definition from `uri`, and a function whose event routes GET /items. */
const samTemplate = (uri: string, type = 'AWS::Serverless::Api', eventAuth = '') => {
  const http = type === 'AWS::Serverless::HttpApi';
  return `Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: s3://bucket/key
      Handler: app.handler
      Runtime: python3.12
      Events:
        Get:
          Type: ${http ? 'HttpApi' : 'Api'}
          Properties:
            ${http ? 'ApiId' : 'RestApiId'}: !Ref Api
            Path: /items
            Method: get
${eventAuth}  Api:
    Type: ${type}
    Properties:
${http ? '' : '      StageName: prod\n'}      DefinitionUri: ${uri}
`;
};

const URI =
  'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:orders/invocations';

/** An OpenAPI 3 definition with GET /items, its operation extended by `operation`. */
const openapi = (operation = '') => `openapi: '3.0.1'
info: {title: orders, version: '1'}
paths:
  /items:
    get:
      x-amazon-apigateway-integration: {type: aws_proxy, httpMethod: POST, uri: '${URI}'}
${operation}`;

describe('a SAM API whose DefinitionUri is a local file', () => {
  it('reads the file: its operations decide, located in it where they alone make the route', () => {
    const { failed, passed, unknown, errors, warnings } = scanned([FIXTURE], process.cwd());
    expect(errors).toEqual([]);
    expect(failed.map((f) => [f.message.split(' on ')[0], f.location?.file, f.location?.line])).toEqual([
      ['POST /direct', `${FIXTURE}/openapi.yaml`, 25],
      ['GET /open', `${FIXTURE}/template.yaml`, 12],
    ]);
    expect(passed.map((f) => f.message)).toEqual(['GET /iam on API Api requires AWS_IAM']);
    // `!Ref AuthType` (a parameter whose default is AWS_IAM) is not resolved: CloudFormation does not run it there.
    expect(unknown.map((f) => f.message)).toEqual([
      'The authorization of GET /param on API Api cannot be seen: the x-amazon-apigateway-auth type of GET /param cannot be read (Ref in openapi.yaml, which CloudFormation does not run in a file a DefinitionUri names).',
    ]);
    expect(warnings).toEqual([
      `${FIXTURE}/openapi.yaml:19:40: !Ref is an intrinsic function, which SAM and CloudFormation do not run in a file a DefinitionUri names: what it stands for is not known to Parapet (write the definition in DefinitionBody, or include the file there with AWS::Include, to have it run)`,
    ]);
    // `${AWS::Region}` is what API Gateway fills on import: still a Lambda integration, its function unknown.
    expect(failed[0]?.message).toContain(
      'invokes a Lambda function not known before deploy (written with ${AWS::...} variables, which API Gateway fills when it imports openapi.yaml)',
    );
  });

  it('does not resolve ${...} written in the file: a URI naming ${Fn.Arn} does not name Fn', () => {
    const definition = openapi()
      .replace(
        `uri: '${URI}'`,
        "uri: 'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/${Fn.Arn}/invocations'",
      )
      .replace('/items:', '/other:');
    const { failed, warnings } = scanFiles({
      'template.yaml': samTemplate('./openapi.yaml'),
      'openapi.yaml': definition,
    });
    expect(warnings).toEqual([]);
    // The event's GET /items has no operation in the file, to which SAM adds none: it makes no route. GET /other is
    // public, whatever it invokes.
    expect(failed.map((f) => [f.message, f.location])).toEqual([
      [
        'GET /other on API Api invokes a Lambda function not known before deploy (the integration URI names no function that can be seen) with no authorization and no API key: anyone on the internet can call it.',
        { file: 'openapi.yaml', line: 5, column: 5 },
      ],
    ]);
  });

  it('reads a schema property named Ref as a schema, and a long-form Ref to a name as an intrinsic', () => {
    const schema = (ref: string) =>
      `${openapi('      x-amazon-apigateway-auth: {type: AWS_IAM}\n')}components:
  schemas:
    Item:
      type: object
      properties: {Ref: ${ref}}
`;
    const property = scanFiles({
      'template.yaml': samTemplate('openapi.yaml'),
      'openapi.yaml': schema('{type: string}'),
    });
    expect(property.warnings).toEqual([]);
    expect(property.passed.map((f) => f.message)).toEqual(['GET /items on API Api requires AWS_IAM']);
    const intrinsic = scanFiles({
      'template.yaml': samTemplate('openapi.yaml'),
      'openapi.yaml': schema('Fn'),
    });
    expect(intrinsic.warnings).toEqual([
      expect.stringContaining('openapi.yaml:12:7: Ref is an intrinsic function'),
    ]);
  });

  it('reads an HttpApi DefinitionUri and a JSON file alike', () => {
    const http = scanFiles({
      'template.yaml': samTemplate('openapi.yaml', 'AWS::Serverless::HttpApi'),
      'openapi.yaml': openapi(),
    });
    expect(http.failed.map((f) => f.message.split(':')[0])).toEqual([
      'GET /items on API Api invokes function Fn with no authorization',
    ]);
    const json = scanFiles({
      'template.yaml': samTemplate('api/openapi.json'),
      'api/openapi.json': JSON.stringify({
        openapi: '3.0.1',
        info: { title: 'orders', version: '1' },
        paths: {
          '/items': {
            get: {
              'x-amazon-apigateway-auth': { type: 'AWS_IAM' },
              'x-amazon-apigateway-integration': { type: 'aws_proxy', httpMethod: 'POST', uri: URI },
            },
          },
        },
      }),
    });
    expect(json.passed.map((f) => f.message)).toEqual(['GET /items on API Api requires AWS_IAM']);
  });

  it('makes no route of an event whose operation the file lacks: SAM adds none to it, for a REST or an HTTP API', () => {
    for (const type of ['AWS::Serverless::Api', 'AWS::Serverless::HttpApi']) {
      const { findings } = scanFiles({
        'template.yaml': samTemplate('openapi.yaml', type),
        'openapi.yaml': openapi().replace('    get:', '    post:'),
      });
      // POST /items of the file is a route of its own, which the event does not route.
      expect(findings.map((f) => f.message.split(' on ')[0])).toEqual(['POST /items']);
    }
  });

  it('is unknown for an event that asks SAM to write its Auth into the file, which SAM does not edit', () => {
    const auth = '            Auth: {Authorizer: NONE, OverrideApiAuth: true}\n';
    const { failed, unknown } = scanFiles({
      'template.yaml': samTemplate('openapi.yaml', 'AWS::Serverless::Api', auth),
      'openapi.yaml': openapi('      x-amazon-apigateway-auth: {type: AWS_IAM}\n'),
    });
    expect(failed).toEqual([]);
    expect(unknown[0]?.message).toContain(
      'the event asks SAM to write its Auth into the OpenAPI definition of API Api, which is a file (DefinitionUri) SAM does not edit',
    );
  });

  it("reports the API's Auth, own or from Globals, at which SAM fails, and leaves the routes unknown", () => {
    const own = samTemplate('openapi.yaml').replace(
      '      StageName: prod\n',
      '      StageName: prod\n      Auth: {DefaultAuthorizer: AWS_IAM}\n',
    );
    const global = `Globals:\n  HttpApi:\n    Auth: {EnableIamAuthorizer: true}\n${samTemplate('openapi.yaml', 'AWS::Serverless::HttpApi')}`;
    const empty = samTemplate('openapi.yaml').replace(
      '      StageName: prod\n',
      '      StageName: prod\n      Auth: {}\n',
    );
    for (const [template, at] of [
      [own, 'template.yaml:20:7'],
      [global, 'template.yaml:3:5'],
    ] as const) {
      const { errors, failed, unknown } = scanFiles({ 'template.yaml': template, 'openapi.yaml': openapi() });
      expect(failed).toEqual([]);
      expect(unknown).toHaveLength(1);
      expect(errors.map((e) => `${e.file}:${e.line}:${e.column}: ${e.message}`)).toEqual([
        `${at}: Api: Auth works only with inline Swagger specified in 'DefinitionBody' property, and the DefinitionUri is a file: the SAM transform fails on it`,
      ]);
    }
    // An empty Auth asks nothing of SAM, which goes on.
    const none = scanFiles({ 'template.yaml': empty, 'openapi.yaml': openapi() });
    expect([none.errors, none.failed.map((f) => f.message.split(' on ')[0])]).toEqual([[], ['GET /items']]);
  });

  it('warns at the property of a file that is missing, and leaves the routes unknown', () => {
    const { unknown, warnings, errors } = scanFiles({ 'template.yaml': samTemplate('swagger.yaml') });
    expect(errors).toEqual([]);
    expect(warnings).toEqual([
      'template.yaml:20:7: the DefinitionUri of Api is swagger.yaml, which Parapet cannot read (no such file or folder): what it defines (routes, their authorization) is not checked',
    ]);
    expect(unknown[0]?.message).toContain(
      'takes its routes and their authorization from an OpenAPI definition outside the template (DefinitionUri)',
    );
  });

  it('reports a file that does not parse at its line, naming it, and leaves the routes unknown', () => {
    const { unknown, errors } = scanFiles({
      'template.yaml': samTemplate('openapi.yaml'),
      'openapi.yaml': "openapi: '3.0.1'\npaths:\n  /items: [unclosed\n",
    });
    expect(errors).toEqual([
      expect.objectContaining({
        kind: 'parse',
        file: 'openapi.yaml',
        line: expect.any(Number),
        message: expect.stringContaining(
          'cannot parse this OpenAPI definition, which a template names (DefinitionUri)',
        ),
      }),
    ]);
    expect(unknown).toHaveLength(1);
  });

  it('does not read a file outside the project, and leaves S3 locations alone', () => {
    const outside = scanFiles(
      { 'app/template.yaml': samTemplate('../shared/openapi.yaml'), 'shared/openapi.yaml': openapi() },
      'app',
    );
    expect(outside.failed).toEqual([]);
    expect(outside.warnings[0]).toContain("outside the template's folder");
    for (const uri of ['s3://bucket/openapi.yaml', '{Bucket: bucket, Key: openapi.yaml}']) {
      const s3 = scanFiles({ 'template.yaml': samTemplate(uri) });
      expect([s3.warnings, s3.failed]).toEqual([[], []]);
      expect(s3.unknown[0]?.message).toContain('(DefinitionUri)');
    }
  });
});
