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
      `template.yaml:2:1: ${LISTED}; this template writes nothing AWS::LanguageExtensions adds (Fn::ForEach, ` +
        'Fn::Length, Fn::ToJsonString, an intrinsic function in DeletionPolicy or UpdateReplacePolicy, a ' +
        'DefaultValue of Fn::FindInMap), so the order changes nothing Parapet checks: write ' +
        'AWS::LanguageExtensions first, or leave it out',
    ]);
    expect(findings).toEqual([]);
  });

  it('is an error naming what SAM would meet unprocessed: Fn::Length, an intrinsic DeletionPolicy', () => {
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
        `${LISTED}: transforms run in the order listed, so SAM would meet Fn::Length, an intrinsic function in ` +
          'DeletionPolicy unprocessed; write AWS::LanguageExtensions first (Parapet processes them in that order ' +
          'anyway)',
        2,
      ],
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
