import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALL_CHECKS } from '../src/checks/index.js';
import { EMPTY_CONFIG } from '../src/config/config.js';
import { scan } from '../src/scan.js';

// CloudFormation rejects a resource whose Condition names no condition of the Conditions section, whatever its type:
// one of a type Parapet does not model (CDK's AWS::CDK::Metadata, a Glue database) is looked at for it too.

const CDK_METADATA = readFileSync(
  join(import.meta.dirname, 'fixtures', 'conditions', 'cdk-metadata-undefined.yaml'),
  'utf8',
);

function errors(text: string) {
  const dir = mkdtempSync(join(tmpdir(), 'parapet-unmodeled-'));
  writeFileSync(join(dir, 'template.yaml'), text);
  const result = scan([dir], {
    checks: ALL_CHECKS.filter((c) => c.id === 'lambda.runtime-deprecated'),
    config: EMPTY_CONFIG,
    scanDate: new Date('2026-11-27'),
    cwd: dir,
  });
  return result.errors.map((e) => [e.message, e.line, e.column, e.resource]);
}

describe('an undefined Condition on a resource of a type Parapet does not model', () => {
  it('is an error at its Condition (CDK output with CDKMetadata and no Conditions section)', () => {
    expect(errors(CDK_METADATA)).toEqual([
      ['condition "CDKMetadataAvailable" is not defined in Conditions', 9, 5, 'CDKMetadata'],
    ]);
  });

  it('is reported once, where it is first named, as for a modelled resource', () => {
    const text = `Resources:
  Db:
    Type: AWS::Glue::Database
    Condition: Missing
    Properties: { CatalogId: '123456789012', DatabaseInput: { Name: db } }
  Topic:
    Type: AWS::SNS::Topic
    Condition: Missing
`;
    expect(errors(text)).toEqual([['condition "Missing" is not defined in Conditions', 4, 5, 'Db']]);
  });

  it('is reported where the user wrote it on the SAM resource that generates the resource', () => {
    const text = `Transform: AWS::Serverless-2016-10-31
Resources:
  Table:
    Type: AWS::Serverless::SimpleTable
    Condition: Missing
`;
    expect(errors(text)).toEqual([['condition "Missing" is not defined in Conditions', 5, 5, 'Table']]);
  });

  it('is no error when the condition is defined, holding or not known before deploy', () => {
    const text = `Parameters:
  Env: { Type: String }
Conditions:
  CDKMetadataAvailable: !Equals [!Ref Env, prod]
${CDK_METADATA.replace(/^[\s\S]*?Resources:\n/, 'Resources:\n')}`;
    expect(errors(text)).toEqual([]);
  });
});
