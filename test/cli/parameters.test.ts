import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parapet } from '../helpers/cli.js';

const TEMPLATE = `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  Stage:
    Type: String
    AllowedValues: [dev, prod]
    Default: dev
  ApiKey:
    Type: String
    NoEcho: true
    AllowedPattern: '[A-Za-z0-9]{32}'
Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      Role: arn:aws:iam::123456789012:role/r
      Code: { ZipFile: 'x' }
      TracingConfig: { Mode: Active }
      Environment:
        Variables:
          STAGE: !Ref Stage
          API_KEY: !Ref ApiKey
`;

describe('parapet scan -p', () => {
  const dir = mkdtempSync(join(tmpdir(), 'parapet-cli-parameters-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, 't.yaml'), TEMPLATE);

  it('exits 2 on a value the parameter does not allow, naming file, line and constraint', () => {
    const { code, stdout } = parapet(['scan', 't.yaml', '-p', 'Stage=qa', '-f', 'json'], dir);
    expect(code).toBe(2);
    const report = JSON.parse(stdout);
    expect(report.errors).toEqual([
      {
        kind: 'template',
        file: 't.yaml',
        line: 3,
        column: 3,
        message:
          '-p Stage=qa: not one of AllowedValues [dev, prod]; CloudFormation rejects this value (scanned with it anyway)',
      },
    ]);
    // The template was still scanned, with the value given.
    expect(report.findings.length).toBeGreaterThan(0);
  });

  it('never prints the value of a NoEcho parameter, in any format', () => {
    const secret = 'not-a-32-character-key-but-secret';
    for (const format of ['text', 'json', 'sarif']) {
      const { code, stdout, stderr } = parapet(
        ['scan', 't.yaml', '-p', `ApiKey=${secret}`, '-f', format],
        dir,
      );
      expect(code, format).toBe(2);
      expect(stdout + stderr, format).not.toContain(secret);
      // Nor its AllowedPattern: the pattern of a NoEcho parameter can spell out the secret.
      expect(stdout, format).toContain('-p ApiKey: the given value is not matched by its AllowedPattern;');
      expect(stdout + stderr, format).not.toContain('[A-Za-z0-9]{32}');
    }
  });

  it('exits 0 when the values meet their constraints', () => {
    const key = 'A'.repeat(32);
    const { code, stdout } = parapet(['scan', 't.yaml', '-p', 'Stage=prod', '-p', `ApiKey=${key}`], dir);
    expect(stdout).toContain('0 scan errors');
    expect(code).toBe(0);
  });
});
