import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parapet } from '../helpers/cli.js';

/** SAM functions made by a loop over a list parameter, on a deprecated runtime; and one parameter without default. */
const TEMPLATE = `AWSTemplateFormatVersion: '2010-09-09'
Transform: [AWS::LanguageExtensions, AWS::Serverless-2016-10-31]
Parameters:
  Names:
    Type: CommaDelimitedList
    Default: Orders,Billing
  Later:
    Type: CommaDelimitedList
Resources:
  Fn::ForEach::Functions:
    - Name
    - !Ref Names
    - 'Fn\${Name}':
        Type: AWS::Serverless::Function
        Properties:
          Runtime: python3.8
          Handler: app.handler
          CodeUri: s3://bucket/app.zip
  Fn::ForEach::Queues:
    - Name
    - !Ref Later
    - 'Queue\${Name}':
        Type: AWS::SQS::Queue
`;

interface JsonFinding {
  checkId: string;
  resource: { id: string };
  location: { file: string; line: number; column: number };
  assumptions?: string[];
  fingerprint: string;
}

describe('parapet scan of Fn::ForEach loops', () => {
  const dir = mkdtempSync(join(tmpdir(), 'parapet-cli-for-each-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, 't.yaml'), TEMPLATE);
  const deprecated = (stdout: string) =>
    (JSON.parse(stdout).findings as JsonFinding[]).filter((f) => f.checkId === 'lambda.runtime-deprecated');

  it('checks each function a loop makes, located in the fragment, assuming the default; the other loop is an error', () => {
    const { code, stdout } = parapet(['scan', 't.yaml', '-f', 'json', '--scan-date', '2026-11-25'], dir);
    expect(code).toBe(2); // the loop over Later cannot be expanded: a scan error
    const findings = deprecated(stdout);
    expect(findings.map((f) => [f.resource.id, f.location, f.assumptions])).toEqual([
      [
        'FnBilling',
        { file: 't.yaml', line: 16, column: 11 },
        ['parameter Names uses its default value, which a deploy may override'],
      ],
      [
        'FnOrders',
        { file: 't.yaml', line: 16, column: 11 },
        ['parameter Names uses its default value, which a deploy may override'],
      ],
    ]);
    expect(new Set(findings.map((f) => f.fingerprint)).size).toBe(2);
    expect(JSON.parse(stdout).errors).toEqual([
      {
        kind: 'template',
        file: 't.yaml',
        line: 21,
        column: 7,
        resource: 'Fn::ForEach::Queues',
        message:
          'Fn::ForEach::Queues: its collection cannot be known before deploy (from parameter Later, which has no ' +
          'default); give -p Later=… to check what it makes; not expanded: the resources this loop makes are not checked',
      },
    ]);
  });

  it('expands the values given with -p, which are not assumptions', () => {
    const { code, stdout } = parapet(
      ['scan', 't.yaml', '-f', 'json', '--scan-date', '2026-11-25', '-p', 'Names=Audit', '-p', 'Later=A,B'],
      dir,
    );
    expect(code).toBe(0);
    expect(deprecated(stdout).map((f) => [f.resource.id, f.assumptions])).toEqual([['FnAudit', undefined]]);
  });
});
