import { describe, expect, it } from 'vitest';
import tracingNotActive from '../../../../src/checks/lambda/tracing-not-active.js';
import { scanTemplateFile } from '../../../helpers/scan-file.js';
import { scanTemplate } from '../../../helpers/scan-template.js';

// SAM's transform listed before AWS::LanguageExtensions, which the transform's page says must come first: an error
// naming what SAM would meet unprocessed, or a warning where the template writes nothing the transform adds.

/** A SAM template listing SAM first, with `resources` (YAML under Resources) beside one function. */
const samFirst = (resources = '') => `AWSTemplateFormatVersion: '2010-09-09'
Transform: [AWS::Serverless-2016-10-31, AWS::LanguageExtensions]
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      InlineCode: x
      Tracing: Active
${resources}`;

const LISTED =
  'Transform lists AWS::Serverless-2016-10-31 before AWS::LanguageExtensions, whose documentation says it must ' +
  'come first';

describe('Transform listing SAM before AWS::LanguageExtensions', () => {
  it('is a warning, not an error, where the template writes nothing the transform adds', () => {
    // No scan error (scanTemplateFile expects none), and nothing fails: the function is traced.
    const { warnings, findings } = scanTemplateFile(samFirst(), tracingNotActive.id);
    expect(warnings).toEqual([
      `template.yaml:2:1: ${LISTED}; this template writes nothing AWS::LanguageExtensions adds (Fn::ForEach ` +
        'loops, Fn::Length, Fn::ToJsonString, the DefaultValue of Fn::FindInMap, an intrinsic function in ' +
        'DeletionPolicy or an intrinsic function in UpdateReplacePolicy), so the order changes nothing Parapet ' +
        'checks: write AWS::LanguageExtensions first, or leave it out',
    ]);
    expect(findings).toEqual([]);
  });

  it('is an error naming what SAM would meet unprocessed: an intrinsic DeletionPolicy on any resource', () => {
    // SAM checks every resource's DeletionPolicy and UpdateReplacePolicy is text (samtranslator/sdk/resource.py:
    // "Every DeletionPolicy member must be a string."; cfn-lint#2346 saw the change set fail).
    const queue = `  Queue:
    Type: AWS::SQS::Queue
    DeletionPolicy: !If [IsProd, Retain, Delete]
    Properties:
      DelaySeconds: { 'Fn::Length': [a, b] }
Conditions:
  IsProd: !Equals [!Ref AWS::Region, eu-west-1]
`;
    const { errors } = scanTemplate(samFirst(queue), tracingNotActive);
    expect(errors.map((e) => [e.message, e.line])).toEqual([
      [
        `${LISTED}: transforms run in the order listed, so SAM would meet an intrinsic function in DeletionPolicy ` +
          '(of Queue) unprocessed; write AWS::LanguageExtensions first (Parapet processes them in that order anyway)',
        2,
      ],
    ]);
  });

  it('is an error where the construct sits in a SAM resource or in Globals, which SAM reads', () => {
    const inFunction = samFirst().replace(
      '      Tracing: Active\n',
      "      Tracing: Active\n      Environment:\n        Variables:\n          CONFIG: { 'Fn::ToJsonString': { a: 1 } }\n",
    );
    expect(scanTemplate(inFunction, tracingNotActive).errors.map((e) => [e.message, e.line])).toEqual([
      [
        `${LISTED}: transforms run in the order listed, so SAM would meet Fn::ToJsonString (in Fn) unprocessed; ` +
          'write AWS::LanguageExtensions first (Parapet processes them in that order anyway)',
        2,
      ],
    ]);
    const inGlobals = samFirst().replace(
      'Resources:\n',
      "Globals:\n  Function:\n    MemorySize: { 'Fn::Length': [a, b] }\nResources:\n",
    );
    expect(scanTemplate(inGlobals, tracingNotActive).errors.map((e) => e.message)).toEqual([
      `${LISTED}: transforms run in the order listed, so SAM would meet Fn::Length (in Globals) unprocessed; ` +
        'write AWS::LanguageExtensions first (Parapet processes them in that order anyway)',
    ]);
  });

  it('is a warning where the construct sits only where SAM passes it through: a plain resource, Outputs (review r11 item 6)', () => {
    // As in DiscreteTom/sam-chat-boilerplate: Fn::ToJsonString in an AWS::ApiGatewayV2::Integration.
    const integration = `  Integration:
    Type: AWS::ApiGatewayV2::Integration
    Properties:
      ApiId: api-1
      IntegrationType: AWS
      RequestTemplates:
        application/json: !ToJsonString {connectionId: $context.connectionId}
Outputs:
  Count:
    Value: { 'Fn::Length': [a, b] }
`;
    const { warnings, findings } = scanTemplateFile(samFirst(integration), tracingNotActive.id);
    expect(warnings).toEqual([
      `template.yaml:2:1: ${LISTED}; SAM passes Fn::Length (in Outputs), Fn::ToJsonString (in Integration) through ` +
        'unchanged, as no SAM resource, Globals, DeletionPolicy or UpdateReplacePolicy holds them, and ' +
        'AWS::LanguageExtensions processes them after SAM: write AWS::LanguageExtensions first, as its documentation asks',
    ]);
    expect(findings).toEqual([]);
  });

  it('is a warning for a loop SAM passes through: in Outputs, Conditions, a plain resource (review rv2 item 1)', () => {
    // Fn::ForEach may sit in Conditions, Outputs and resource properties (Fn::ForEach, CloudFormation Template
    // Reference); outside SAM's own resources and Globals, SAM leaves it for AWS::LanguageExtensions.
    const loops = `  Topic:
    Type: AWS::SNS::Topic
    Properties:
      'Fn::ForEach::Props': [N, [DisplayName], { '\${N}': shown }]
Conditions:
  'Fn::ForEach::Conds': [N, [A], { 'Is\${N}': !Equals [!Ref AWS::Region, eu-west-1] }]
Outputs:
  'Fn::ForEach::Outs': [N, [A, B], { 'Out\${N}': { Value: !Ref Fn } }]
`;
    const { warnings, findings } = scanTemplateFile(samFirst(loops), tracingNotActive.id);
    expect(warnings).toEqual([
      `template.yaml:2:1: ${LISTED}; SAM passes Fn::ForEach loops (in Conditions, Outputs, Topic) through ` +
        'unchanged, as no SAM resource, Globals, DeletionPolicy or UpdateReplacePolicy holds them, and ' +
        'AWS::LanguageExtensions processes them after SAM: write AWS::LanguageExtensions first, as its documentation asks',
    ]);
    expect(findings).toEqual([]);
  });

  it('is an error for a loop inside a SAM resource, which SAM reads (review rv2 item 1)', () => {
    const inFunction = samFirst().replace(
      '      Tracing: Active\n',
      "      Tracing: Active\n      Environment:\n        Variables:\n          'Fn::ForEach::Vars': [N, [A], { 'V${N}': x }]\n",
    );
    expect(scanTemplate(inFunction, tracingNotActive).errors.map((e) => e.message)).toEqual([
      `${LISTED}: transforms run in the order listed, so SAM would meet Fn::ForEach loops (in Fn) unprocessed; ` +
        'write AWS::LanguageExtensions first (Parapet processes them in that order anyway)',
    ]);
  });

  it('says nothing in the documented order', () => {
    const text = samFirst().replace(
      '[AWS::Serverless-2016-10-31, AWS::LanguageExtensions]',
      '[AWS::LanguageExtensions, AWS::Serverless-2016-10-31]',
    );
    expect(scanTemplateFile(text, tracingNotActive.id).warnings).toEqual([]);
  });
});
