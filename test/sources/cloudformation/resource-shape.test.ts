import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALL_CHECKS } from '../../../src/checks/index.js';
import { EMPTY_CONFIG } from '../../../src/config/config.js';
import { scan } from '../../../src/scan.js';
import { buildTemplateInventory } from '../../../src/sources/cloudformation/template.js';
import { parseYaml } from '../../../src/sources/cloudformation/yaml.js';
import { lambdaFunction, SAM_HEADER } from '../../helpers/templates.js';

const errorsOf = (text: string) => {
  const parsed = parseYaml(text, 'template.yaml');
  return buildTemplateInventory(parsed.value as Record<string, unknown>, parsed.locator).errors.map(
    (e) => `${e.line}:${e.column} ${e.message}`,
  );
};

/** Scans `text` written as a template.yaml of its own, with no checks: for what a file that does not parse gives. */
function scanUnparsable(text: string) {
  const file = join(mkdtempSync(join(tmpdir(), 'parapet-unparsable-')), 'template.yaml');
  writeFileSync(file, text);
  return scan([file], { checks: [], config: EMPTY_CONFIG, scanDate: new Date('2026-11-25') });
}

describe('how resources are written', () => {
  it('a property beside Type instead of under Properties is an error at it', () => {
    const text = `AWSTemplateFormatVersion: '2010-09-09'
Resources:
${lambdaFunction()}    Layers:
      - arn:aws:lambda:us-east-1:111122223333:layer:x:1
`;
    expect(errorsOf(text)).toEqual([
      `10:5 Fn: Layers is not a resource attribute; CloudFormation rejects the template ("Invalid template resource property 'Layers'"): if it is a property, indent it under Properties`,
    ]);
  });

  it('a resource indented one level too deep is told to be dedented, where the text shows it', () => {
    const REJECTED = `is not a resource attribute; CloudFormation rejects the template ("Invalid template resource property 'LogB'")`;
    // LogB written under LogA: its Type and Properties are read as LogA's (repeated keys), and LogB holds nothing.
    const header = `Resources:
  LogA:
    Type: AWS::Logs::LogGroup
    Properties:
      RetentionInDays: 1

    LogB:
`;
    expect(
      errorsOf(`${header}    Type: AWS::Logs::LogGroup\n    Properties:\n      RetentionInDays: 1\n`),
    ).toEqual([
      `7:5 LogA: LogB ${REJECTED}: it has nothing under it, and the Type that follows it (line 8) is read as LogA's: if LogB is a resource, dedent it to line up with LogA`,
    ]);
    // Its whole declaration indented under LogA.
    expect(errorsOf(`${header}      Type: AWS::Logs::LogGroup\n`)).toEqual([
      `7:5 LogA: LogB ${REJECTED}: it holds a Type, as a resource does: if LogB is a resource, dedent it to line up with LogA`,
    ]);
    // Nothing under it and nothing after it: it may as well be a property.
    expect(errorsOf(header)).toEqual([
      `7:5 LogA: LogB ${REJECTED}: if it is a property, indent it under Properties`,
    ]);
  });

  it('a misspelt resource attribute is an error naming the attribute meant', () => {
    const text = `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Queue:
    Type: AWS::SQS::Queue
    Condtion: Always
    dependsOn: Other
`;
    expect(errorsOf(text)).toEqual([
      `5:5 Queue: Condtion is not a resource attribute; CloudFormation rejects the template ("Invalid template resource property 'Condtion'"): did you mean Condition?`,
      `6:5 Queue: dependsOn is not a resource attribute; CloudFormation rejects the template ("Invalid template resource property 'dependsOn'"): did you mean DependsOn?`,
    ]);
  });

  it('a logical id that is not alphanumeric is an error, one that reads as a type says so', () => {
    const text = `${SAM_HEADER}Resources:
  AWS::Serverless::LayerVersion:
    Properties:
      ContentUri: layer/
  My-Queue:
    Type: AWS::SQS::Queue
`;
    expect(errorsOf(text)).toEqual([
      '4:3 resource id AWS::Serverless::LayerVersion is not alphanumeric (CloudFormation rejects it): it reads as a type; did you mean a resource whose Type is AWS::Serverless::LayerVersion?',
      '7:3 resource id My-Queue is not alphanumeric (CloudFormation rejects it)',
      '4:3 resource AWS::Serverless::LayerVersion has no Type',
    ]);
  });

  it('takes every resource attribute, CDK output, AWS::Include and, with SAM, IgnoreGlobals and Connectors', () => {
    const cfn = `AWSTemplateFormatVersion: '2010-09-09'
Conditions:
  Always: !Equals [a, a]
Resources:
  Queue:
    Type: AWS::SQS::Queue
    Condition: Always
    DependsOn: Topic
    DeletionPolicy: Retain
    UpdateReplacePolicy: Retain
    CreationPolicy: { ResourceSignal: { Count: 1 } }
    UpdatePolicy: {}
    Metadata: { aws:cdk:path: App/Queue/Resource }
    Description: the work queue
    Fn::Transform: { Name: AWS::Include, Parameters: { Location: s3://bucket/snippet.yaml } }
  Topic:
    Type: AWS::SNS::Topic
  Custom:
    Type: Custom::Thing
    Version: '1.0'
    Properties: { ServiceToken: arn:aws:lambda:us-east-1:111122223333:function:f }
`;
    expect(errorsOf(cfn)).toEqual([]);
    const sam = `${SAM_HEADER}Resources:
  Fn:
    Type: AWS::Serverless::Function
    IgnoreGlobals: '*'
    Connectors:
      Writes:
        Properties: { Destination: { Id: Queue }, Permissions: [Write] }
    Properties: { Runtime: python3.13, Handler: app.handler, CodeUri: src/ }
  Queue:
    Type: AWS::SQS::Queue
`;
    expect(errorsOf(sam).filter((e) => e.includes('resource attribute'))).toEqual([]);
  });
});

describe('a file that is a Jinja template', () => {
  it('is not checked when it parses: its tags are not values to check', () => {
    const dir = mkdtempSync(join(tmpdir(), 'parapet-cookiecutter-'));
    const file = join(dir, 'template.json');
    writeFileSync(
      file,
      `{"AWSTemplateFormatVersion": "2010-09-09",
 "Resources": {"Fn": {"Type": "AWS::Lambda::Function",
   "Properties": {"Runtime": "{{ cookiecutter.runtime }}", "Handler": "app.handler"}}}}
`,
    );
    const result = scan([file], {
      checks: ALL_CHECKS,
      config: EMPTY_CONFIG,
      scanDate: new Date('2026-11-25'),
    });
    expect(result.findings).toEqual([]);
    expect(result.errors.map((e) => [e.line, e.column, e.message])).toEqual([
      [
        3,
        31,
        `${file} holds {{ cookiecutter }} tags: it is a project template, not checked; render it (cookiecutter), then scan the result`,
      ],
    ]);
  });

  it('says so when it cannot be parsed', () => {
    const result = scanUnparsable(`AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties:
{%- if cookiecutter.tracing == "y" %}
      TracingConfig: { Mode: Active }
{%- endif %}
      Runtime: python3.13
`);
    expect(result.errors.map((e) => e.message)).toEqual([
      expect.stringMatching(
        /^cannot parse: .* \(the file holds \{% %\} or \{\{ cookiecutter \}\} tags: it is a Jinja template; render it, then scan the result\)$/,
      ),
    ]);
  });
});

describe('a file with build placeholders (%DIST_BUCKET_NAME%)', () => {
  it('that YAML cannot read says the line holds one, to be built first', () => {
    const result = scanUnparsable(`AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Code:
        S3Bucket: %DIST_BUCKET_NAME%
        S3Key: fn.zip
`);
    expect(result.errors.map((e) => [e.line, e.message])).toEqual([
      [
        7,
        expect.stringMatching(
          /^cannot parse: .* \(the line holds %DIST_BUCKET_NAME%, a placeholder a build step replaces: scan the template the build makes\)$/,
        ),
      ],
    ]);
  });
});

describe('a build placeholder named in any case (%codeUriBucket%, review S23 r3)', () => {
  it('that starts a value of a SAM CodeUri says the line holds one', () => {
    const result = scanUnparsable(`AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.13
      Handler: index.handler
      CodeUri:
        Bucket: %codeUriBucket%
        Key: lambda.zip
`);
    expect(result.errors.map((e) => [e.line, e.message])).toEqual([
      [
        10,
        'cannot parse: bad indentation of a mapping entry (the line holds %codeUriBucket%, a placeholder a build ' +
          'step replaces: scan the template the build makes)',
      ],
    ]);
  });

  it('that starts an item of a flow list says so too', () => {
    const result = scanUnparsable(`AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Layers: [%layer-arn%]
`);
    expect(result.errors.map((e) => [e.line, e.message])).toEqual([
      [
        6,
        expect.stringMatching(
          /^cannot parse: .* \(the line holds %layer-arn%, a placeholder a build step replaces: scan the template the build makes\)$/,
        ),
      ],
    ]);
  });

  it('inside a value, where YAML reads it, is no placeholder the parser stopped at', () => {
    const result = scanUnparsable(`AWSTemplateFormatVersion: '2010-09-09'
Description: fills %DIST_NAME%: here
Resources: {}
`);
    expect(result.errors.map((e) => [e.line, e.message])).toEqual([
      [2, 'cannot parse: bad indentation of a mapping entry'],
    ]);
  });
});

describe('a quote left open', () => {
  const withDescription = (description: string) => `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  Secret:
    Description: ${description}
    Type: String
    Default: ''
    NoEcho: 'true'
Resources:
  Topic:
    Type: AWS::SNS::Topic
`;

  it('says where the quote was opened when the parser fails lines below it', () => {
    const result = scanUnparsable(withDescription(`'Cannot contain quotes (").`));
    expect(result.errors.map((e) => [e.line, e.message])).toEqual([
      [
        7,
        expect.stringMatching(
          /^cannot parse: .* \(a quoted value opened at line 4, column 18 is not closed on its line: YAML reads on to the next quote\)$/,
        ),
      ],
    ]);
  });

  it('reads escaped quotes as closed: no hint for an error a quote has nothing to do with', () => {
    const result = scanUnparsable(
      `${withDescription(`'It''s "fine"'`)}    Properties: { TopicName: [unclosed\n`,
    );
    expect(result.errors.map((e) => e.message)).toEqual([expect.not.stringContaining('quoted value')]);
  });
});
