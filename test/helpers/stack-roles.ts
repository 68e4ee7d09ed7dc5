import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { scanCdkOut } from './cdk-out.js';

const TRUST = 'iam.role-trust-beyond-lambda';
const SHARED = 'iam.role-shared-by-functions';
export const HEAD = "AWSTemplateFormatVersion: '2010-09-09'\n";

/**
 * Scans a folder of templates (file name → YAML) with every check, expecting no scan error: `trust` and `shared` give
 * each result of that check on a role, as `[status, message, file]`.
 */
export function scanFolder(files: Record<string, string>) {
  const dir = mkdtempSync(join(tmpdir(), 'parapet-cross-stack-role-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  const { result, of } = scanCdkOut(dir);
  expect(result.errors).toEqual([]);
  const outcome = (checkId: string, role: string) =>
    of(checkId, role).map((f) => [f.status, f.message, f.location?.file]);
  return {
    trust: (role: string) => outcome(TRUST, role),
    shared: (role: string) => outcome(SHARED, role),
    result,
  };
}

/** Role `id`, assumed by Lambda and by `also` (a service principal) when given. */
export function role(id: string, also?: string): string {
  const services = also === undefined ? 'lambda.amazonaws.com' : `[lambda.amazonaws.com, ${also}]`;
  return `  ${id}:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal: { Service: ${services} }
            Action: sts:AssumeRole
`;
}

/** A function whose Role is `roleValue` (YAML). */
export function fn(id: string, roleValue: string): string {
  return `  ${id}:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: python3.12
      Handler: index.handler
      Role: ${roleValue}
      Code: { ZipFile: "def handler(e, c): pass" }
`;
}
