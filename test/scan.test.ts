import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALL_CHECKS } from '../src/checks/index.js';
import { exitCode } from '../src/cli/scan.js';
import { EMPTY_CONFIG } from '../src/config/config.js';
import { scan } from '../src/scan.js';
import { urlPermission } from './helpers/templates.js';

const FUNCTION_URL = `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: python3.13
      Handler: app.handler
      Role: arn:aws:iam::123456789012:role/r
      Code: { ZipFile: x }
  Url:
    Type: AWS::Lambda::Url
    Properties:
      TargetFunctionArn: !GetAtt Fn.Arn
      AuthType: NONE
${urlPermission()}`;

function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'parapet-scan-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

function manyResources(n: number): string {
  let text = "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n";
  for (let i = 0; i < n; i++) text += `  Queue${i}:\n    Type: AWS::SQS::Queue\n`;
  return text;
}

const run = (paths: string[], cwd: string) =>
  scan(paths, { checks: ALL_CHECKS, config: EMPTY_CONFIG, scanDate: new Date('2026-11-25'), cwd });

describe('scan with bad input', () => {
  const dir = folder({
    'good.yaml': FUNCTION_URL,
    'broken.yaml':
      "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Fn:\n    Type: AWS::Lambda::Function\n    Properties: [unclosed\n",
    'broken.json':
      // A trailing comma CloudFormation reads, then a bracket that closes nothing: the error is the bracket.
      '{\n  "AWSTemplateFormatVersion": "2010-09-09",\n  "Resources": {\n    "Q": { "Type": "AWS::SQS::Queue", ]\n  }\n}\n',
    'notes.yaml': 'title: not a template\nitems: [a, b]\n',
    'workflow.yml': 'on: push\njobs: { build: { runs-on: ubuntu-latest } }\n',
    'huge.yaml': manyResources(10_000),
    'unknown-intrinsic.yaml':
      "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      QueueName: !Bogus value\n",
    'circular.yaml':
      "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  A:\n    Type: AWS::SQS::Queue\n    Properties:\n      QueueName: !GetAtt B.QueueName\n  B:\n    Type: AWS::SQS::Queue\n    Properties:\n      QueueName: !GetAtt A.QueueName\n",
  });
  const result = run([dir], dir);
  const errorFor = (file: string) => result.errors.filter((e) => e.file === file);

  it('still scans the good template', () => {
    expect(
      result.findings.some(
        (f) => f.checkId === 'lambda.function-url-auth-none' && f.location.file === 'good.yaml',
      ),
    ).toBe(true);
  });

  it('reports malformed YAML with file and line', () => {
    const [error] = errorFor('broken.yaml');
    expect(error?.kind).toBe('parse');
    expect(error?.line).toBeGreaterThanOrEqual(5);
  });

  it('reports malformed JSON with file, line and column', () => {
    expect(errorFor('broken.json')).toEqual([
      expect.objectContaining({
        kind: 'parse',
        line: 4,
        column: 39,
        message: expect.stringMatching(/^cannot parse: invalid JSON: unexpected "\]" /),
      }),
    ]);
  });

  it('skips files in a folder that are not templates, quietly', () => {
    expect(errorFor('notes.yaml')).toEqual([]);
    expect(errorFor('workflow.yml')).toEqual([]);
    expect(result.templates.map((t) => t.file)).not.toContain('notes.yaml');
  });

  it('scans a template over the CloudFormation resource limit and says it is over', () => {
    expect(errorFor('huge.yaml')).toEqual([
      expect.objectContaining({
        kind: 'template',
        line: 2,
        message: expect.stringContaining('10000 resources'),
      }),
    ]);
    expect(result.templates.find((t) => t.file === 'huge.yaml')?.resources).toBe(10_000);
  });

  it('reports an unknown intrinsic with its line', () => {
    expect(errorFor('unknown-intrinsic.yaml')).toEqual([
      expect.objectContaining({
        kind: 'template',
        line: 6,
        message: 'unknown intrinsic function !Bogus',
        resource: 'Q',
      }),
    ]);
  });

  it('reports a circular reference between resources', () => {
    expect(errorFor('circular.yaml')).toEqual([
      expect.objectContaining({ kind: 'template', line: 3, message: expect.stringContaining('A → B → A') }),
    ]);
  });

  it('exits 2 when anything was not covered', () => {
    expect(exitCode(result, 'none')).toBe(2);
  });
});

describe('scan of explicit paths', () => {
  const dir = folder({ 'notes.yaml': 'title: not a template\n', 'good.yaml': FUNCTION_URL });

  it('calls a named file that is not a template an error', () => {
    const result = run([join(dir, 'notes.yaml'), join(dir, 'good.yaml')], dir);
    expect(result.errors).toEqual([
      expect.objectContaining({
        file: 'notes.yaml',
        line: 1,
        message: expect.stringContaining('not a CloudFormation template'),
      }),
    ]);
    expect(result.findings.length).toBeGreaterThan(0);
  });

  it('calls a missing path an error and scans the rest', () => {
    const result = run([join(dir, 'missing.yaml'), join(dir, 'good.yaml')], dir);
    expect(result.errors).toEqual([
      expect.objectContaining({
        kind: 'read',
        file: 'missing.yaml',
        message: expect.stringContaining('no such file'),
      }),
    ]);
    expect(result.findings.some((f) => f.location.file === 'good.yaml')).toBe(true);
  });

  it('exits 1 on findings at or above --fail-on and 0 below it', () => {
    const result = run([join(dir, 'good.yaml')], dir);
    expect(result.errors).toEqual([]);
    expect(exitCode(result, 'critical')).toBe(1);
    expect(exitCode(result, 'none')).toBe(0);
  });

  it('gives the same findings, in the same order, every time', () => {
    const a = JSON.stringify(run([dir], dir).findings);
    const b = JSON.stringify(run([dir], dir).findings);
    expect(a).toBe(b);
  });
});

describe('cycles', () => {
  it('does not call a SAM API whose definition names the function a cycle', () => {
    const dir = folder({
      'sam.yaml': `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
      DefinitionBody:
        paths:
          /x:
            get:
              x-amazon-apigateway-integration:
                uri: !Sub arn:aws:apigateway:\${AWS::Region}:lambda:path/2015-03-31/functions/\${Fn.Arn}/invocations
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.13
      Handler: a.handler
      CodeUri: src/
      Events:
        Get:
          Type: Api
          Properties: { RestApiId: !Ref Api, Path: /x, Method: get }
`,
    });
    expect(run([dir], dir).errors).toEqual([]);
  });
});

describe('every cycle', () => {
  it('reports each circular dependency of a template, a resource that refers to itself too', () => {
    const dir = folder({
      'cycles.yaml': `Resources:
  A:
    Type: AWS::SQS::Queue
    Properties: { QueueName: !GetAtt B.QueueName }
  B:
    Type: AWS::SQS::Queue
    Properties: { QueueName: !GetAtt A.QueueName }
  C:
    Type: AWS::SQS::Queue
    Properties: { QueueName: !Sub '\${C}' }
`,
    });
    expect(run([dir], dir).errors.map((e) => [e.resource, e.line, e.message])).toEqual([
      ['A', 2, 'circular dependency between resources: A → B → A (CloudFormation rejects this template)'],
      ['C', 8, 'circular dependency between resources: C → C (CloudFormation rejects this template)'],
    ]);
  });
});

describe('overlapping paths', () => {
  it('scans each file once however many given paths reach it', () => {
    const dir = folder({ 'good.yaml': FUNCTION_URL });
    const once = run([dir], dir);
    const thrice = run([dir, join(dir, 'good.yaml'), `${dir}/./`], dir);
    expect(thrice.templates).toHaveLength(1);
    expect(thrice.findings).toEqual(once.findings);
  });
});

describe('a scan that finds no template', () => {
  it('warns that nothing was checked, naming the paths, so a CI job pointed at the wrong folder does not pass in silence', () => {
    const dir = folder({ 'README.md': '# not a template\n', 'docker-compose.yml': 'services: {}\n' });
    const result = run([dir], dir);
    expect(result.templates).toEqual([]);
    expect(result.warnings).toEqual([
      `no CloudFormation, SAM or CDK template found in .: nothing was checked`,
    ]);
    // Where a file could not be read or parsed, that error says what happened instead.
    const broken = folder({ 'template.yaml': "AWSTemplateFormatVersion: '2010-09-09'\nResources: [\n" });
    expect(run([broken], broken).warnings).toEqual([]);
  });
});

describe('a file over the size Parapet reads', () => {
  it('is an error when named, a warning when found in a folder: never skipped in silence', () => {
    const dir = folder({
      'big.yaml': `AWSTemplateFormatVersion: '2010-09-09'\n# ${'x'.repeat(21 * 1024 * 1024)}\n`,
    });
    const found = run([dir], dir);
    expect(found.errors).toEqual([]);
    expect(found.warnings).toContain(
      'big.yaml was not read: 21.00 MB is over the 20 MB Parapet reads of a file (CloudFormation accepts templates of 1 MB)',
    );
    const named = run([join(dir, 'big.yaml')], dir);
    expect(named.errors).toEqual([
      {
        kind: 'read',
        file: 'big.yaml',
        message:
          'not scanned: 21.00 MB is over the 20 MB Parapet reads of a file (CloudFormation accepts templates of 1 MB)',
      },
    ]);
  });
});

describe('JSON or YAML', () => {
  it('is told by the content, as CloudFormation reads a template: YAML saved as .json is still YAML', () => {
    const dir = folder({
      'yaml-named.json': FUNCTION_URL,
      'json-named.template': JSON.stringify({ Resources: { Q: { Type: 'AWS::SQS::Queue' } } }),
    });
    const result = run([dir], dir);
    expect(result.errors).toEqual([]);
    expect(result.templates.map((t) => [t.file, t.resources])).toEqual([
      ['json-named.template', 1],
      ['yaml-named.json', 3],
    ]);
  });
});
