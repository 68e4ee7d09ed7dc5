import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALL_CHECKS } from '../../../src/checks/index.js';
import { EMPTY_CONFIG } from '../../../src/config/config.js';
import { scan } from '../../../src/scan.js';
import { readLocalDefinitions } from '../../../src/sources/cloudformation/local-definitions.js';
import { parseYaml } from '../../../src/sources/cloudformation/yaml.js';

// API definitions a template takes from a file beside it with AWS::Include (what `sam package` uploads to S3).

/** Writes the files (path → text) in a new folder and scans it with apigateway.route-no-auth. */
function scanFiles(files: Record<string, string>, scanned = '', workingFolder = '') {
  const dir = mkdtempSync(join(tmpdir(), 'parapet-include-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  const result = scan([join(dir, scanned)], {
    checks: ALL_CHECKS.filter((c) => c.id === 'apigateway.route-no-auth'),
    config: EMPTY_CONFIG,
    scanDate: new Date('2026-11-25'),
    includePassed: true,
    cwd: join(dir, workingFolder),
  });
  const of = (status: string) => result.findings.filter((f) => f.status === status);
  return { ...result, failed: of('fail'), passed: of('pass'), unknown: of('unknown') };
}

const FUNCTION = `  Fn:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: s3://bucket/key
      Handler: app.handler
      Runtime: python3.12
`;

/** A SAM template whose API (`type`, with `props`) includes its definition from `location`. */
const samTemplate = (location: string, type = 'AWS::Serverless::Api', props = '      StageName: prod\n') =>
  `Transform: AWS::Serverless-2016-10-31
Resources:
${FUNCTION}  Api:
    Type: ${type}
    Properties:
${props}      DefinitionBody:
        Fn::Transform:
          Name: AWS::Include
          Parameters:
            Location: ${location}
`;

/** An OpenAPI 3 definition routing GET /items to Fn (an intrinsic, long form); `operation` and `doc` add to it. */
const openapi = (operation = '', doc = '') => `openapi: '3.0.1'
info: {title: orders, version: '1'}
${doc}paths:
  /items:
    get:
      x-amazon-apigateway-integration:
        httpMethod: POST
        type: aws_proxy
        uri:
          Fn::Sub: arn:\${AWS::Partition}:apigateway:\${AWS::Region}:lambda:path/2015-03-31/functions/\${Fn.Arn}/invocations
${operation}`;

const SIGV4 = `components:
  securitySchemes:
    Sigv4: {type: apiKey, name: Authorization, in: header, x-amazon-apigateway-authtype: awsSigv4}
`;

describe('API definitions included from a file beside the template (AWS::Include)', () => {
  it('fails an operation without authorization, located at the operation in the included file', () => {
    const files = { 'template.yaml': samTemplate('./openapi.yaml'), 'openapi.yaml': openapi() };
    const { failed, errors, warnings } = scanFiles(files);
    expect([errors, warnings]).toEqual([[], []]);
    expect(failed.map((f) => f.message)).toEqual([
      'GET /items on API Api invokes function Fn with no authorization and no API key: anyone on the internet can call it.',
    ]);
    expect(failed[0]?.resource).toMatchObject({ id: 'Api', type: 'AWS::Serverless::Api' });
    // `get:` under `/items:`, in openapi.yaml.
    expect(failed[0]?.location).toEqual({ file: 'openapi.yaml', line: 5, column: 5 });
    // The same files give the same finding, fingerprint included.
    expect(scanFiles(files).failed[0]?.fingerprint).toBe(failed[0]?.fingerprint);
  });

  it('passes an operation the included file puts behind IAM with x-amazon-apigateway-auth', () => {
    const files = {
      'template.yaml': samTemplate('./openapi.yaml'),
      'openapi.yaml': openapi('      x-amazon-apigateway-auth: {type: aws_iam}\n'),
    };
    const { failed, passed, errors, warnings } = scanFiles(files);
    expect([failed, errors, warnings]).toEqual([[], [], []]);
    expect(passed.map((f) => f.message)).toEqual(['GET /items on API Api requires AWS_IAM']);
  });

  it("takes a parapet.yaml suppression naming the template's file for a finding in the file it includes", () => {
    const dir = mkdtempSync(join(tmpdir(), 'parapet-include-'));
    mkdirSync(join(dir, 'app'));
    mkdirSync(join(dir, 'shared'));
    writeFileSync(join(dir, 'app', 'template.yaml'), samTemplate('../shared/openapi.yaml'));
    writeFileSync(join(dir, 'shared', 'openapi.yaml'), openapi());
    const suppressed = (resource: string) =>
      scan([join(dir, 'app')], {
        checks: ALL_CHECKS.filter((c) => c.id === 'apigateway.route-no-auth'),
        config: {
          ...EMPTY_CONFIG,
          suppressions: [{ id: 'apigateway.*', resource, reason: 'public by design' }],
        },
        scanDate: new Date('2026-11-25'),
        cwd: dir,
      }).findings.map((f) => [f.location?.file, f.suppressed?.reason]);
    expect(suppressed('app/*')).toEqual([['shared/openapi.yaml', 'public by design']]);
    expect(suppressed('other/*')).toEqual([['shared/openapi.yaml', undefined]]);
  });

  it('fingerprints a finding in a file outside the working folder alike in every copy of the project', () => {
    const repository = {
      '.git/HEAD': 'ref: refs/heads/main\n',
      'app/template.yaml': samTemplate('../shared/openapi.yaml'),
      'shared/openapi.yaml': openapi(),
    };
    const [a, b] = [scanFiles(repository, 'app', 'app'), scanFiles(repository, 'app', 'app')];
    expect(a.failed[0]?.location?.file).not.toBe(b.failed[0]?.location?.file);
    expect(a.failed[0]?.fingerprint).toBe(b.failed[0]?.fingerprint);
  });

  it('tells apart the findings of two templates that include one file: the fingerprint rests on both', () => {
    const { failed } = scanFiles({
      'a/template.yaml': samTemplate('../shared/openapi.yaml'),
      'b/template.yaml': samTemplate('../shared/openapi.yaml'),
      'shared/openapi.yaml': openapi(),
    });
    expect(failed.map((f) => f.location?.file)).toEqual(['shared/openapi.yaml', 'shared/openapi.yaml']);
    expect(new Set(failed.map((f) => f.fingerprint)).size).toBe(2);
  });

  it('suppresses a finding in the included file by the API it is reported on', () => {
    const metadata = `    Metadata:
      parapet:
        ignore:
          - {id: apigateway.route-no-auth, reason: public catalogue}
`;
    const text = samTemplate('./openapi.yaml').replace(
      '    Type: AWS::Serverless::Api\n',
      `    Type: AWS::Serverless::Api\n${metadata}`,
    );
    const { findings, failed } = scanFiles({ 'template.yaml': text, 'openapi.yaml': openapi() });
    expect(failed.filter((f) => !f.suppressed)).toEqual([]);
    expect(findings.find((f) => f.checkId === 'apigateway.route-no-auth')?.suppressed).toMatchObject({
      reason: 'public catalogue',
    });
  });

  it('passes an operation whose security requires IAM, and a SAM DefaultAuthorizer covers one without', () => {
    const secured = scanFiles({
      'template.yaml': samTemplate('openapi.yaml'),
      'openapi.yaml': openapi('      security: [{Sigv4: []}]\n', SIGV4),
    });
    expect([secured.failed, secured.unknown]).toEqual([[], []]);
    expect(secured.passed.map((f) => f.message)).toEqual([
      'GET /items on API Api requires AWS_IAM (authorizer Sigv4)',
    ]);
    const byDefault = scanFiles({
      'template.yaml': samTemplate(
        'openapi.yaml',
        undefined,
        '      StageName: prod\n      Auth: {DefaultAuthorizer: AWS_IAM}\n',
      ),
      'openapi.yaml': openapi(),
    });
    expect(byDefault.failed).toEqual([]);
    expect(byDefault.passed.map((f) => f.message)).toEqual(['GET /items on API Api requires AWS_IAM']);
  });

  describe('keys written beside the AWS::Include (kept for `sam validate`), which CloudFormation keeps too', () => {
    /** The SAM template with `inline` (YAML at the DefinitionBody's indent) written beside its Fn::Transform. */
    const beside = (location: string, inline: string, props?: string) =>
      samTemplate(location, undefined, props).replace(
        '      DefinitionBody:\n',
        `      DefinitionBody:\n${inline.replace(/^/gm, '        ')}\n`,
      );
    const EVENT = `      Events:
        Get: {Type: Api, Properties: {RestApiId: !Ref Api, Path: /items, Method: get}}
`;
    const withEvent = (text: string) =>
      text.replace('      Runtime: python3.12\n', `      Runtime: python3.12\n${EVENT}`);

    it("reads the file's keys beside them: the included route fails, located in the file", () => {
      const inline = "openapi: '3.0.1'\nx-amazon-apigateway-binary-media-types: ['*/*']";
      const { failed, unknown, warnings } = scanFiles({
        'template.yaml': withEvent(beside('./openapi.yaml', inline)),
        'openapi.yaml': openapi(),
      });
      expect([unknown, warnings]).toEqual([[], []]);
      expect(failed.map((f) => f.message)).toEqual([
        'GET /items on API Api invokes function Fn with no authorization and no API key: anyone on the internet can call it.',
      ]);
      // Without the event, the route is the definition's own: at `get:` in openapi.yaml.
      const own = scanFiles({ 'template.yaml': beside('./openapi.yaml', inline), 'openapi.yaml': openapi() });
      expect(own.failed.map((f) => f.location)).toEqual([{ file: 'openapi.yaml', line: 5, column: 5 }]);
    });

    it('passes the included route whose security the file writes, beside keys written inline', () => {
      const { failed, unknown, passed } = scanFiles({
        'template.yaml': withEvent(
          beside('./openapi.yaml', "x-amazon-apigateway-binary-media-types: ['*/*']"),
        ),
        'openapi.yaml': openapi('      security: [{Sigv4: []}]\n', SIGV4),
      });
      expect([failed, unknown]).toEqual([[], []]);
      expect(passed.map((f) => f.message)).toEqual([
        'GET /items on API Api requires AWS_IAM (authorizer Sigv4)',
      ]);
    });

    it('leaves the routes unknown where a key is written both beside and in the file, with other values', () => {
      const { failed, unknown, warnings } = scanFiles({
        'template.yaml': withEvent(beside('./openapi.yaml', "openapi: '3.0.1'\npaths: {}")),
        'openapi.yaml': openapi(),
      });
      expect(failed).toEqual([]);
      expect(unknown.map((f) => f.message)).toEqual([
        'The authorization of GET /items on API Api cannot be seen: the DefinitionBody writes paths both beside its ' +
          'Fn::Transform AWS::Include of ./openapi.yaml and in that file, and which one CloudFormation keeps is not ' +
          'documented, and no DefaultAuthorizer of the API covers GET /items.',
      ]);
      expect(warnings).toEqual([
        'template.yaml:21:13: the DefinitionBody of Api writes paths both beside its AWS::Include of ./openapi.yaml ' +
          'and in that file, and which one CloudFormation keeps is not documented: what the definition defines ' +
          '(routes, their authorization, a resource policy) is not checked',
      ]);
    });

    it("does not drop an event's route where the AWS::Include beside inline paths is one Parapet does not read", () => {
      // The inline paths lack GET /items; what the file in S3 brings may add it: unknown, not "no route".
      const { failed, unknown } = scanFiles({
        'template.yaml': withEvent(beside('s3://bucket/openapi.yaml', "openapi: '3.0.1'\npaths: {}")),
      });
      expect(failed).toEqual([]);
      expect(unknown.map((f) => f.message)).toEqual([
        'The authorization of GET /items on API Api cannot be seen: the DefinitionBody holds, beside keys written ' +
          'inline, an Fn::Transform AWS::Include of s3://bucket/openapi.yaml, which Parapet does not read (it reads a ' +
          'file beside the template, not one in S3 or on the web), and no DefaultAuthorizer of the API covers GET /items.',
      ]);
    });
  });

  it('reads a JSON definition of a RestApi Body, and its x-amazon-apigateway-policy as an inline one', () => {
    const restApi = `Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties: {Runtime: python3.12, Handler: app.handler, Role: arn:aws:iam::123456789012:role/r, Code: {ZipFile: x}}
  Api:
    Type: AWS::ApiGateway::RestApi
    Properties:
      Body:
        Fn::Transform: {Name: AWS::Include, Parameters: {Location: api/swagger.json}}
`;
    const swagger = (principal: string) =>
      JSON.stringify(
        {
          swagger: '2.0',
          info: { title: 'orders', version: '1' },
          'x-amazon-apigateway-policy': {
            Version: '2012-10-17',
            Statement: [
              { Effect: 'Allow', Principal: { AWS: principal }, Action: 'execute-api:Invoke', Resource: '*' },
            ],
          },
          paths: {
            '/items': {
              get: {
                'x-amazon-apigateway-integration': {
                  type: 'aws_proxy',
                  httpMethod: 'POST',
                  uri: {
                    'Fn::Sub': 'arn:aws:apigateway:us-east-1:lambda:path/functions/${Fn.Arn}/invocations',
                  },
                },
              },
            },
          },
        },
        null,
        2,
      );
    const anyone = scanFiles({ 'template.yaml': restApi, 'api/swagger.json': swagger('*') });
    expect(anyone.errors).toEqual([]);
    expect(anyone.failed).toHaveLength(1);
    expect(anyone.failed[0]?.location).toMatchObject({ file: 'api/swagger.json', line: 22 });
    const account = scanFiles({ 'template.yaml': restApi, 'api/swagger.json': swagger('123456789012') });
    expect([account.failed, account.unknown]).toEqual([[], []]);
    expect(account.passed).toHaveLength(1);
  });

  it("reads an HttpApi's included definition: its routes, and a SAM event's route on it", () => {
    const events = `      Events:
        Signed: {Type: HttpApi, Properties: {ApiId: !Ref Api, Path: /signed, Method: get}}
`;
    const http = `openapi: '3.0.1'
info: {title: orders, version: '1'}
paths:
  /items:
    get:
      x-amazon-apigateway-integration:
        type: aws_proxy
        payloadFormatVersion: '2.0'
        uri:
          Fn::GetAtt: [Fn, Arn]
  /signed:
    get:
      security: [{Iam: []}]
components:
  securitySchemes:
    Iam: {type: apiKey, name: Authorization, in: header, x-amazon-apigateway-authtype: awsSigv4}
`;
    const { failed, passed, unknown, errors } = scanFiles({
      'template.yaml': samTemplate('./http.yaml', 'AWS::Serverless::HttpApi', '').replace(
        '      Runtime: python3.12\n',
        `      Runtime: python3.12\n${events}`,
      ),
      'http.yaml': http,
    });
    expect([errors, unknown]).toEqual([[], []]);
    expect(failed.map((f) => [f.message.slice(0, 34), f.location])).toEqual([
      ['GET /items on API Api invokes func', { file: 'http.yaml', line: 5, column: 5 }],
    ]);
    expect(passed.map((f) => f.message)).toEqual([
      'GET /signed on API Api requires AWS_IAM (authorizer Iam)',
    ]);
  });

  it('warns, naming the file at its Location, when the file is missing: the route stays unknown', () => {
    const event = `      Events:
        Get: {Type: Api, Properties: {RestApiId: !Ref Api, Path: /items, Method: get}}
`;
    const text = samTemplate('./missing.yaml').replace(
      '      Runtime: python3.12\n',
      `      Runtime: python3.12\n${event}`,
    );
    const { failed, unknown, warnings, errors } = scanFiles({ 'template.yaml': text });
    expect([failed, errors]).toEqual([[], []]);
    expect(unknown[0]?.message).toContain(
      'the DefinitionBody is an Fn::Transform AWS::Include of ./missing.yaml, which Parapet could not read',
    );
    expect(warnings).toEqual([
      'template.yaml:19:13: the DefinitionBody of Api is an AWS::Include of ./missing.yaml, which Parapet cannot ' +
        'read (no such file or folder): what it defines (routes, their authorization, a resource policy) is not checked',
    ]);
  });

  it('is an error at the line of a file that does not parse, and the scan goes on', () => {
    const { errors, failed } = scanFiles({
      'template.yaml': samTemplate('openapi.yaml'),
      'openapi.yaml': "openapi: '3.0.1'\npaths:\n  /items:\n    get: {\n",
    });
    expect(failed).toEqual([]);
    expect(errors).toEqual([expect.objectContaining({ kind: 'parse', file: 'openapi.yaml', line: 5 })]);
    expect(errors[0]?.message).toContain('cannot parse this OpenAPI definition');
  });

  it('leaves a Location in S3 unread, as before: unknown, and no warning of a file', () => {
    const event = `      Events:
        Get: {Type: Api, Properties: {RestApiId: !Ref Api, Path: /items, Method: get}}
`;
    const text = samTemplate('s3://bucket/openapi.yaml').replace(
      '      Runtime: python3.12\n',
      `      Runtime: python3.12\n${event}`,
    );
    const { unknown, warnings } = scanFiles({ 'template.yaml': text });
    expect(unknown[0]?.message).toContain(
      'AWS::Include of s3://bucket/openapi.yaml, which Parapet does not read (it reads a file beside the template',
    );
    expect(warnings).toEqual([
      expect.stringContaining(
        'Properties of Api hold an Fn::Transform at DefinitionBody (AWS::Include of s3://',
      ),
    ]);
  });

  it("reads a file of the template's project only: its folder, its repository, the working folder", () => {
    // Working folder `project`: ../secret.txt is outside it, outside the template's folder, and in no repository.
    const outside = scanFiles(
      { 'project/template.yaml': samTemplate('../secret.txt'), 'secret.txt': 'GET /AKIA: hunter2' },
      'project',
      'project',
    );
    expect([outside.failed, outside.errors]).toEqual([[], []]);
    expect(outside.warnings).toEqual([
      'template.yaml:17:13: the DefinitionBody of Api is an AWS::Include of ../secret.txt, which Parapet ' +
        "cannot read (it is outside the template's folder, its repository, the working folder and the folders " +
        'scanned: scan or run from a folder that holds it): what it defines (routes, their authorization, a resource ' +
        'policy) is not checked',
    ]);
    expect(JSON.stringify(outside)).not.toContain('hunter2');
    // A definition shared by two apps of one repository (`sam package` takes ../shared), scanned from the app's
    // folder: the repository (a .git at its root) holds it.
    const repository = {
      '.git/HEAD': 'ref: refs/heads/main\n',
      'app/template.yaml': samTemplate('../shared/openapi.yaml'),
      'shared/openapi.yaml': openapi(),
    };
    // Outside the working folder, a file is shown by its whole path, as the scan shows such files.
    expect(scanFiles(repository, 'app', 'app').failed.map((f) => f.location?.file)).toEqual([
      expect.stringMatching(/\/shared\/openapi\.yaml$/),
    ]);
    // A folder scanned holds it too (a monorepo without .git, scanned from elsewhere).
    const mono = {
      'mono/services/orders/template.yaml': samTemplate('../../shared/openapi.yaml'),
      'mono/shared/openapi.yaml': openapi(),
    };
    expect(scanFiles(mono, 'mono', 'mono/services').failed).toHaveLength(1);
    // A name that starts with two dots is in the template's folder.
    const dots = scanFiles({ 'template.yaml': samTemplate('..openapi.yaml'), '..openapi.yaml': openapi() });
    expect(dots.failed).toHaveLength(1);
    // Not a mapping: not read, and its text never told.
    const text = scanFiles({ 'template.yaml': samTemplate('notes.txt'), 'notes.txt': 'hunter2' });
    expect(text.warnings).toEqual([
      expect.stringContaining('(it is not a mapping, which an OpenAPI definition is)'),
    ]);
    expect(JSON.stringify(text)).not.toContain('hunter2');
    const unparsable = scanFiles(
      { 'project/template.yaml': samTemplate('secret.json'), 'project/secret.json': '{"hunter2": hunter3}' },
      'project',
    );
    expect(unparsable.errors).toHaveLength(1);
    expect(JSON.stringify(unparsable.errors)).not.toContain('hunter');
  });

  it('takes as scanned folders only the folders given: not the folder of a file, nor a path that is not there', () => {
    const dir = mkdtempSync(join(tmpdir(), 'parapet-include-'));
    mkdirSync(join(dir, 'project'));
    writeFileSync(join(dir, 'project', 'template.yaml'), samTemplate('../openapi.yaml'));
    writeFileSync(join(dir, 'openapi.yaml'), openapi());
    writeFileSync(join(dir, 'other.yaml'), 'AWSTemplateFormatVersion: 2010-09-09\nResources: {}\n');
    const warnings = (paths: string[]) =>
      scan(paths, {
        checks: [],
        config: EMPTY_CONFIG,
        scanDate: new Date('2026-11-25'),
        cwd: join(dir, 'project'),
      }).warnings;
    for (const extra of ['nope.yaml', 'other.yaml'])
      expect(warnings([join(dir, 'project'), join(dir, extra)])).toEqual([
        expect.stringContaining("it is outside the template's folder"),
      ]);
  });

  it('follows a link to where the file really is: a link out of the project is not read', () => {
    const dir = mkdtempSync(join(tmpdir(), 'parapet-include-'));
    mkdirSync(join(dir, 'outside'));
    mkdirSync(join(dir, 'project'));
    writeFileSync(join(dir, 'outside', 'api.yaml'), openapi());
    writeFileSync(join(dir, 'project', 'template.yaml'), samTemplate('openapi.yaml'));
    symlinkSync(join(dir, 'outside', 'api.yaml'), join(dir, 'project', 'openapi.yaml'));
    const result = scan([join(dir, 'project')], {
      checks: ALL_CHECKS.filter((c) => c.id === 'apigateway.route-no-auth'),
      config: EMPTY_CONFIG,
      scanDate: new Date('2026-11-25'),
      cwd: join(dir, 'project'),
    });
    expect(result.findings.filter((f) => f.status === 'fail')).toEqual([]);
    expect(result.warnings).toEqual([
      expect.stringContaining(
        `it is a link to ${join(dir, 'outside', 'api.yaml')}, which is outside the template's folder`,
      ),
    ]);
  });

  it.runIf(process.platform === 'linux')('reads no named pipe or device, which may never end', () => {
    const dir = mkdtempSync(join(tmpdir(), 'parapet-include-'));
    writeFileSync(join(dir, 'template.yaml'), samTemplate('pipe.yaml'));
    execFileSync('mkfifo', [join(dir, 'pipe.yaml')]);
    const result = scan([dir], {
      checks: [],
      config: EMPTY_CONFIG,
      scanDate: new Date('2026-11-25'),
      cwd: dir,
    });
    expect(result.warnings).toEqual([
      expect.stringContaining('which Parapet cannot read (not a regular file)'),
    ]);
  });

  it('warns of a YAML short form in the file, which CloudFormation does not take there, and reads it', () => {
    const short = openapi().replace(
      '        uri:\n          Fn::Sub: ',
      '        # not !Ref in a comment\n        uri: !Sub ',
    );
    const { failed, warnings } = scanFiles({
      'template.yaml': samTemplate('openapi.yaml'),
      'openapi.yaml': short,
    });
    expect(failed.map((f) => f.message.slice(0, 41))).toEqual(['GET /items on API Api invokes function Fn']);
    expect(warnings).toEqual([
      'openapi.yaml:10:14: !Sub is a YAML short form, which CloudFormation does not take in a file AWS::Include ' +
        'brings: write Fn::Sub there; Parapet reads it as if it were',
    ]);
    // The first written is named, though the parser makes the inner one first.
    const nested = openapi().replace(
      '        uri:\n          Fn::Sub: ',
      "        uri: !Sub ['${Arn}', {Arn: !GetAtt Fn.Arn}]\n        x-was: ",
    );
    const first = scanFiles({ 'template.yaml': samTemplate('openapi.yaml'), 'openapi.yaml': nested });
    expect(first.warnings).toEqual([expect.stringContaining('!Sub is a YAML short form')]);
    // Text that reads like a tag, in a quoted string or a block scalar, is no tag.
    const quoted = scanFiles({
      'template.yaml': samTemplate('openapi.yaml'),
      'openapi.yaml': openapi('', 'x-notes: "call it with !Ref or not"\nx-more: |\n  !GetAtt in a block\n'),
    });
    expect(quoted.warnings).toEqual([]);
  });

  it('does not read a file over the size limit, and changes a template once', () => {
    const dir = mkdtempSync(join(tmpdir(), 'parapet-include-'));
    writeFileSync(join(dir, 'openapi.yaml'), openapi());
    const file = join(dir, 'template.yaml');
    const parsed = parseYaml(samTemplate('openapi.yaml'), file);
    const doc = parsed.value as Record<string, unknown>;
    const tooLarge = readLocalDefinitions(doc, parsed.locator, 100, [dir]);
    expect(tooLarge?.warnings[0]?.message).toContain('MB is over the');
    const again = parseYaml(samTemplate('openapi.yaml'), file);
    const read = readLocalDefinitions(again.value as Record<string, unknown>, again.locator, 100_000, [dir]);
    expect(read?.warnings).toEqual([]);
    expect(readLocalDefinitions(again.value as Record<string, unknown>, again.locator, 100_000, [dir])).toBe(
      read,
    );
  });
});
