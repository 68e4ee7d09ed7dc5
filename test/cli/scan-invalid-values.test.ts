import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parapet } from '../helpers/cli.js';

const TEMPLATE = `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: []
      Timeout: [1]
      ReservedConcurrentExecutions: abc
      Role: arn:aws:iam::123456789012:role/x
      Code: { ZipFile: x }
      TracingConfig: { Mode: [Active] }
      Handler: index.handler
`;

describe('parapet scan of a template with values CloudFormation refuses', () => {
  it('exits 2 and prints each as a scan error at its place; the checks say the values are not valid', () => {
    const dir = mkdtempSync(join(tmpdir(), 'parapet-invalid-'));
    writeFileSync(join(dir, 't.yaml'), TEMPLATE);
    const { code, stdout } = parapet(['scan', 't.yaml'], dir);
    expect(code).toBe(2);
    expect(stdout).toContain(
      't.yaml:6:16: Runtime of Fn is a list; CloudFormation expects text here and rejects the template',
    );
    expect(stdout).toContain(
      't.yaml:7:16: Timeout of Fn is a list; CloudFormation expects a number here and rejects the template',
    );
    expect(stdout).toContain(
      't.yaml:8:7: ReservedConcurrentExecutions of Fn is text that is not a number; CloudFormation expects a ' +
        'number here and rejects the template',
    );
    expect(stdout).toContain(
      't.yaml:11:30: TracingConfig.Mode of Fn is a list; CloudFormation expects text here and rejects the template',
    );
    expect(stdout).toContain(
      'Runtime is not a valid value (a list where text is expected; see the scan error)',
    );
    expect(stdout).not.toContain('not known before deploy');
    expect(stdout).toMatch(/· 4 scan errors/);
  });
});
