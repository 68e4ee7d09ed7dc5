import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EMPTY_CONFIG } from '../../../src/config/config.js';
import type { LambdaFunction } from '../../../src/model/lambda.js';
import { scan } from '../../../src/scan.js';
import { scanTemplate } from '../../helpers/scan-template.js';
import { SAM_HEADER } from '../../helpers/templates.js';

/** Scans `text` as a template.yaml of its own, with no checks: its scan errors and warnings. */
function scanned(text: string) {
  const file = join(mkdtempSync(join(tmpdir(), 'parapet-sam-keys-')), 'template.yaml');
  writeFileSync(file, text);
  const result = scan([file], { checks: [], config: EMPTY_CONFIG, scanDate: new Date('2026-11-25') });
  const shown = (message: string) => message.replace(`${file}:`, '');
  return {
    errors: result.errors.map((e) => `${e.line}:${e.column} ${e.message}`),
    warnings: result.warnings.map(shown),
  };
}

// As aws-samples/lambda-refarch-webapp writes them: keys beside Type that the SAM transform drops
// (aws/serverless-application-model#938; cfn-lint made its E3001 a warning, W3001, for SAM types: #4606, #4620).
const SAM_BESIDE_TYPE = `${SAM_HEADER}Resources:
  Api:
    Type: AWS::Serverless::Api
    MethodSettings:
      - LoggingLevel: INFO
        ResourcePath: '/*'
        HttpMethod: '*'
    Properties:
      StageName: prod
  Fn:
    Type: AWS::Serverless::Function
    Timeout: 10
    Propertes: {}
    Properties:
      Runtime: python3.12
      Handler: app.handler
      InlineCode: "def handler(e, c): return 1"
      Events:
        Get:
          Type: Api
          Properties: { Path: /, Method: get, RestApiId: !Ref Api }
`;

const IGNORED =
  'is written beside Type, where the SAM transform ignores it (it is not a resource attribute): the stack deploys without it';

describe('a key beside Type on an AWS::Serverless resource', () => {
  it('is a warning naming the key, the resource and the line, not a scan error', () => {
    const { errors, warnings } = scanned(SAM_BESIDE_TYPE);
    expect(errors).toEqual([]);
    // The scan sorts its warnings as text.
    expect(warnings).toEqual([
      `14:5: Fn: Timeout ${IGNORED}; Timeout is a property of AWS::Serverless::Function: indent it under Properties`,
      `15:5: Fn: Propertes ${IGNORED}: did you mean Properties?`,
      `6:5: Api: MethodSettings ${IGNORED}; MethodSettings is a property of AWS::Serverless::Api: indent it under Properties`,
    ]);
  });

  it('hedges the hint for a key Parapet does not know to be a property of the type', () => {
    const { errors, warnings } = scanned(`${SAM_HEADER}Resources:
  Table:
    Type: AWS::Serverless::SimpleTable
    Owner: team-a
`);
    expect(errors).toEqual([]);
    expect(warnings).toEqual([
      `6:5: Table: Owner ${IGNORED}: if it is a property, indent it under Properties`,
    ]);
  });

  it('is not read as the property it would be under Properties', () => {
    const { inventory } = scanTemplate(SAM_BESIDE_TYPE, []);
    const fn = [...inventory.all()].find((r): r is LambdaFunction => r.kind === 'lambda.function');
    expect(fn?.timeout).toBeUndefined();
  });

  it('stays a scan error on a type other than AWS::Serverless, in a SAM template too', () => {
    const { errors, warnings } = scanned(`${SAM_HEADER}Resources:
  Queue:
    Type: AWS::SQS::Queue
    VisibilityTimeout: 10
`);
    expect(errors).toEqual([
      `6:5 Queue: VisibilityTimeout is not a resource attribute; CloudFormation rejects the template ("Invalid template resource property 'VisibilityTimeout'"): if it is a property, indent it under Properties`,
    ]);
    expect(warnings).toEqual([]);
  });

  // samtranslator's Resource.from_dict keeps DependsOn and only the attributes in _supported_resource_attributes
  // (DeletionPolicy, UpdatePolicy, Condition, UpdateReplacePolicy, Metadata): CloudFormation takes a Description or
  // a CreationPolicy beside Type, but the transform drops them from a SAM resource.
  it('is a warning too for a resource attribute the SAM transform does not keep (Description, CreationPolicy)', () => {
    const { errors, warnings } = scanned(`${SAM_HEADER}Resources:
  Fn:
    Type: AWS::Serverless::Function
    Description: Sends the nightly report
    CreationPolicy: { ResourceSignal: { Count: 1 } }
    Properties: { Runtime: python3.12, Handler: app.handler, InlineCode: x }
  Table:
    Type: AWS::Serverless::SimpleTable
    Description: Orders
`);
    const dropped =
      'is written beside Type, where the SAM transform drops it (it keeps only Condition, DeletionPolicy, ' +
      'DependsOn, Metadata, UpdatePolicy and UpdateReplacePolicy there): the stack deploys without it';
    expect(errors).toEqual([]);
    expect(warnings).toEqual([
      `11:5: Table: Description ${dropped}: if it is a property, indent it under Properties`,
      `6:5: Fn: Description ${dropped}; Description is a property of AWS::Serverless::Function: indent it under Properties`,
      `7:5: Fn: CreationPolicy ${dropped}`,
    ]);
  });

  it('keeps a Description beside Type on a resource the transform leaves alone', () => {
    const { errors, warnings } = scanned(`${SAM_HEADER}Resources:
  Queue:
    Type: AWS::SQS::Queue
    Description: Orders waiting to be sent
`);
    expect(errors).toEqual([]);
    expect(warnings).toEqual([]);
  });

  it('warns of nothing when every key beside Type is a resource attribute', () => {
    const { errors, warnings } = scanned(`${SAM_HEADER}Resources:
  Fn:
    Type: AWS::Serverless::Function
    DependsOn: Queue
    Metadata: { BuildMethod: python3.12 }
    Properties: { Runtime: python3.12, Handler: app.handler, InlineCode: x, Timeout: 10 }
  Queue:
    Type: AWS::SQS::Queue
`);
    expect(errors).toEqual([]);
    expect(warnings).toEqual([]);
  });
});
