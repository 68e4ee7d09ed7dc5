import { describe, expect, it } from 'vitest';
import tracingNotActive from '../../../src/checks/lambda/tracing-not-active.js';
import { parseYaml } from '../../../src/sources/cloudformation/yaml.js';
import { scanTemplate } from '../../helpers/scan-template.js';
import { samFunction } from '../../helpers/templates.js';

const withTransform = (transform: string) =>
  `AWSTemplateFormatVersion: '2010-09-09'\n${transform}Resources:\n${samFunction('Fn')}`;
const messages = (text: string) => scanTemplate(text, tracingNotActive).errors.map((e) => e.message);

describe('SAM resources under a Transform that does not include SAM', () => {
  it('says the Transform lacks SAM, and shows the list form with SAM after the others', () => {
    expect(messages(withTransform('Transform: AWS::LanguageExtensions\n'))).toEqual([
      "Fn is an AWS::Serverless resource but the template's Transform (AWS::LanguageExtensions) does not " +
        'include AWS::Serverless-2016-10-31; CloudFormation rejects it: write Transform: ' +
        '[AWS::LanguageExtensions, AWS::Serverless-2016-10-31] (not expanded: 1 SAM resource not checked)',
    ]);
    expect(messages(withTransform('Transform: [AWS::LanguageExtensions, MyMacro]\n'))[0]).toContain(
      'write Transform: [AWS::LanguageExtensions, MyMacro, AWS::Serverless-2016-10-31]',
    );
  });

  it('replaces a misspelt SAM transform instead of listing both', () => {
    expect(messages(withTransform('Transform: AWS::Serverless-2016-10-30\n'))[0]).toContain(
      "the template's Transform (AWS::Serverless-2016-10-30) does not include AWS::Serverless-2016-10-31 " +
        '(AWS::Serverless-2016-10-30 is not it); CloudFormation rejects it: write Transform: AWS::Serverless-2016-10-31 ',
    );
  });

  it('still says to add one when there is no Transform at all', () => {
    expect(messages(withTransform(''))[0]).toContain(
      'but the template has no Transform: AWS::Serverless-2016-10-31; CloudFormation rejects it: add Transform: ' +
        'AWS::Serverless-2016-10-31 at the top level',
    );
  });
});

describe('unknown intrinsic function tags', () => {
  const errors = (text: string) => parseYaml(text, 't.yaml').errors.map((e) => e.message);

  it('suggests the short form a misspelt tag most likely meant', () => {
    expect(errors('a: !GetAttr Fn.Arn\nb: !Subb x\nc: !Fn::GetAtt [Fn, Arn]\nd: !ref X\n')).toEqual([
      'unknown intrinsic function !GetAttr (did you mean !GetAtt?)',
      'unknown intrinsic function !Subb (did you mean !Sub?)',
      'unknown intrinsic function !Fn::GetAtt (did you mean !GetAtt?)',
      'unknown intrinsic function !ref (did you mean !Ref?)',
    ]);
  });

  it('suggests nothing when no short form is close, and leaves YAML type tags alone', () => {
    expect(errors('a: !Bogus x\nb: !!binary aGk=\n')).toEqual([
      'unknown intrinsic function !Bogus',
      'unsupported YAML tag !!binary',
    ]);
  });
});
