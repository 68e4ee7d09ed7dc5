import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parapet } from '../helpers/cli.js';
import { urlPermission } from '../helpers/templates.js';

// The case users met: a public URL and a deprecated runtime one `--parameter-overrides Env=dev` away.
const TEMPLATE = `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  Env: { Type: String, Default: prod, AllowedValues: [dev, prod] }
Conditions:
  IsDev: !Equals [!Ref Env, dev]
Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: !If [IsDev, python3.7, python3.13]
      Handler: app.handler
      Role: arn:aws:iam::123456789012:role/r
      Code: { ZipFile: x }
  Url:
    Type: AWS::Lambda::Url
    Properties:
      TargetFunctionArn: !GetAtt Fn.Arn
      AuthType: !If [IsDev, NONE, AWS_IAM]
${urlPermission()}`;

describe('parapet scan: a condition the parameter defaults decide', () => {
  const dir = mkdtempSync(join(tmpdir(), 'parapet-cli-default-cases-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'template.yaml');
  writeFileSync(file, TEMPLATE);
  const checks = ['--checks', 'lambda.runtime-deprecated,lambda.function-url-auth-none', '--fail-on', 'high'];
  const findingsOf = (args: string[]) => {
    const run = parapet(['scan', file, ...checks, '-f', 'json', ...args], dir);
    const report = JSON.parse(run.stdout) as {
      findings: { resource: { id: string }; status: string; message: string }[];
    };
    return { code: run.code, findings: report.findings.map((f) => [f.resource.id, f.status, f.message]) };
  };

  it('reports what the other value of the condition fails as unknown, saying when', () => {
    const { code, findings } = findingsOf([]);
    expect(code).toBe(0);
    const when = expect.stringMatching(/^When condition IsDev holds \(Env=dev, not its default prod\): /);
    expect(findings).toEqual([
      ['Url', 'unknown', when],
      ['Fn', 'unknown', when],
    ]);
  });

  it('fails them once -p gives that value', () => {
    const { code, findings } = findingsOf(['-p', 'Env=dev']);
    expect(code).toBe(1);
    expect(findings.map(([id, status]) => [id, status])).toEqual([
      ['Url', 'fail'],
      ['Fn', 'fail'],
    ]);
  });
});
