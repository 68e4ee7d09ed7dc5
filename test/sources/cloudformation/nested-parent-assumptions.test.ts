import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scanCdkOut } from '../../helpers/cdk-out.js';

// A parameter a parent stack gives is listed by the rule defaults follow: only where the verdict rests on it.

/** A function whose variables take AllowedOrigin and DbPassword from `given` (a parent, or defaults), and a key of its own. */
function child(defaults = false): string {
  const parameter = (name: string, value: string) =>
    `  ${name}:\n    Type: String\n${defaults ? `    Default: '${value}'\n` : ''}`;
  return `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
${parameter('AllowedOrigin', 'http://localhost:8080')}${parameter('DbPassword', 'Xk9#mP2$vL8qR4wZ')}Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: python3.13
      Handler: index.handler
      Role: arn:aws:iam::123456789012:role/r
      Code: { ZipFile: 'def handler(e, c): pass' }
      Environment:
        Variables:
          ALLOWED_ORIGIN: !Ref AllowedOrigin
          DB_PASSWORD: !Ref DbPassword
          API_KEY: sk_live_4eC39HqLyjWDarjtT1zdp7dc
`;
}

const PARENT = `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Child:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: ./child.yaml
      Parameters:
        AllowedOrigin: 'http://localhost:8080'
        DbPassword: 'Xk9#mP2$vL8qR4wZ'
`;

function scanFiles(files: Record<string, string>) {
  const dir = mkdtempSync(join(tmpdir(), 'parapet-parent-assumptions-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  const { result } = scanCdkOut(dir);
  expect(result.errors).toEqual([]);
  const of = (checkId: string) =>
    result.findings
      .filter((f) => f.checkId === checkId)
      .map((f) => [f.status, f.evidence?.variable, f.assumptions]);
  return { of };
}

const GIVEN = (name: string) => `parameter ${name} is given by the parent stack parent.yaml (resource Child)`;
const DEFAULT = (name: string) => `parameter ${name} uses its default value, which a deploy may override`;

describe('parameters a parent stack gives, among what a finding assumes', () => {
  it('are not listed for a verdict that rests on what is set (variables without KmsKeyArn)', () => {
    const { of } = scanFiles({ 'parent.yaml': PARENT, 'child.yaml': child() });
    // Was: AllowedOrigin and DbPassword, "given by the parent stack", though no value changes the verdict.
    expect(of('lambda.env-no-customer-kms')).toEqual([['fail', undefined, undefined]]);
  });

  it('are, for a finding on one variable, those of that variable only, as defaults are', () => {
    const { of } = scanFiles({ 'parent.yaml': PARENT, 'child.yaml': child() });
    expect(of('lambda.env-plaintext-secret')).toEqual([
      // Still listed: the secret is the text the parent gives.
      ['fail', 'DB_PASSWORD', [GIVEN('DbPassword')]],
      // Was: both parameters, though the key is written in the child.
      ['fail', 'API_KEY', undefined],
    ]);
  });

  it('follow the rule the same template with defaults instead of a parent follows', () => {
    const { of } = scanFiles({ 'child.yaml': child(true) });
    expect(of('lambda.env-no-customer-kms')).toEqual([['fail', undefined, undefined]]);
    expect(of('lambda.env-plaintext-secret')).toEqual([
      ['fail', 'DB_PASSWORD', [DEFAULT('DbPassword')]],
      ['fail', 'API_KEY', undefined],
    ]);
  });
});
