import { describe, expect, it } from 'vitest';
import tracingNotActive from '../../../../src/checks/lambda/tracing-not-active.js';
import { expandSam } from '../../../../src/sources/cloudformation/sam/index.js';
import { scanTemplate } from '../../../helpers/scan-template.js';
import { type Json, loadYaml, props, resource } from './helpers.js';

const TEMPLATE = `
Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    Runtime: python3.12
    Handler: app.handler
    KmsKeyArn: arn:aws:kms:us-east-1:111122223333:key/global
    Environment:
      Variables:
        TABLE: global-table
        LEVEL: info
    Layers:
      - !Ref GlobalLayer
    Tags:
      team: platform
    VpcConfig:
      SubnetIds: [subnet-1]
      SecurityGroupIds: [sg-1]
    Policies: AdministratorAccess
  Api:
    TracingEnabled: true
  Potato:
    Size: 3
Resources:
  GlobalLayer:
    Type: AWS::Lambda::LayerVersion
  Defaults:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: s3://bucket/code.zip
  Overrides:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: s3://bucket/code.zip
      Runtime: nodejs22.x
      Environment:
        Variables:
          LEVEL: debug
          EXTRA: yes
      Layers:
        - !Ref LocalLayer
      VpcConfig: !If [InVpc, {SubnetIds: [subnet-2], SecurityGroupIds: [sg-2]}, !Ref AWS::NoValue]
  Ignoring:
    Type: AWS::Serverless::Function
    IgnoreGlobals: [Runtime, KmsKeyArn]
    Properties:
      CodeUri: s3://bucket/code.zip
  IgnoringAll:
    Type: AWS::Serverless::Function
    IgnoreGlobals: '*'
    Properties:
      CodeUri: s3://bucket/code.zip
      Runtime: java21
  LocalLayer:
    Type: AWS::Lambda::LayerVersion
  Rest:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
  Http:
    Type: AWS::Serverless::HttpApi
    Properties:
      FailOnWarnings: true
`;

function expand() {
  const input = loadYaml(TEMPLATE);
  return { input, expansion: expandSam(input) };
}

const globalsOf = (input: Json) => (input.Globals as Json).Function as Json;

describe('Globals', () => {
  it('gives a function the global properties it does not set, as the very objects written in Globals', () => {
    const { input, expansion } = expand();
    const fn = props(expansion.template, 'Defaults');
    const globals = globalsOf(input);
    expect(fn.Runtime).toBe('python3.12');
    expect(fn.Handler).toBe('app.handler');
    expect(fn.KmsKeyArn).toBe('arn:aws:kms:us-east-1:111122223333:key/global');
    expect(fn.Environment).toBe(globals.Environment);
    expect(fn.VpcConfig).toBe(globals.VpcConfig);
    expect(fn.Layers).toBe(globals.Layers);
  });

  it('lets local values win: primitives replace, maps merge key by key, lists concatenate global first', () => {
    const { input, expansion } = expand();
    const fn = props(expansion.template, 'Overrides');
    const local = props(input, 'Overrides');
    const globals = globalsOf(input);
    expect(fn.Runtime).toBe('nodejs22.x');
    expect(fn.Environment).toEqual({ Variables: { TABLE: 'global-table', LEVEL: 'debug', EXTRA: 'yes' } });
    const layers = fn.Layers as unknown[];
    expect(layers).toHaveLength(2);
    expect(layers[0]).toBe((globals.Layers as unknown[])[0]);
    expect(layers[1]).toBe((local.Layers as unknown[])[0]);
  });

  it('treats an intrinsic as a primitive: a local !If replaces the global map', () => {
    const { input, expansion } = expand();
    expect(props(expansion.template, 'Overrides').VpcConfig).toBe(props(input, 'Overrides').VpcConfig);
  });

  it('records where the merged maps came from, and never changes the input', () => {
    const { input, expansion } = expand();
    const before = structuredClone(input);
    const again = expandSam(input);
    expect(input).toEqual(before);
    const environment = props(again.template, 'Overrides').Environment as Json;
    expect(again.origins.get(environment)?.node).toBe(props(input, 'Overrides').Environment);
    expect(expansion.origins.get(environment)).toBeUndefined();
  });

  it('honours IgnoreGlobals, for a list of properties and for "*"', () => {
    const { expansion } = expand();
    const some = props(expansion.template, 'Ignoring');
    expect(some.Runtime).toBeUndefined();
    expect(some.KmsKeyArn).toBeUndefined();
    expect(some.Handler).toBe('app.handler');
    const all = props(expansion.template, 'IgnoringAll');
    expect(all.Runtime).toBe('java21');
    expect(all.Handler).toBeUndefined();
    expect(all.Environment).toBeUndefined();
  });

  it('does not apply what SAM does not take from Globals, and says so', () => {
    const { input, expansion } = expand();
    expect(resource(expansion.template, 'DefaultsRole').Properties).not.toHaveProperty('Policies');
    const messages = expansion.issues.map((issue) => issue.message);
    // An error, as SAM's transform fails on it: the words must not suggest SAM ignores it and goes on.
    expect(messages).toContainEqual(
      'Globals.Function.Policies is not a property SAM takes from Globals (its transform fails on one it does not support); Parapet ignored it',
    );
    expect(messages).toContainEqual(expect.stringContaining('Globals.Potato'));
    const policiesIssue = expansion.issues.find((issue) =>
      issue.message.includes('Globals.Function.Policies'),
    );
    expect(policiesIssue?.node).toBe(globalsOf(input));
    expect(policiesIssue?.key).toBe('Policies');
  });

  it('applies Globals.Api to an API passed through, and leaves an API without globals as the same object', () => {
    const { input, expansion } = expand();
    expect(props(expansion.template, 'Rest')).toEqual({ TracingEnabled: true, StageName: 'prod' });
    expect(resource(expansion.template, 'Http')).toBe(resource(input, 'Http'));
  });

  it('drops Globals and the SAM transform from the output template', () => {
    const { expansion } = expand();
    expect(expansion.template).not.toHaveProperty('Globals');
    expect(expansion.template).not.toHaveProperty('Transform');
  });

  it('points a name IgnoreGlobals lists that Globals does not set at that entry, not at IgnoreGlobals', () => {
    const text = [
      'Transform: AWS::Serverless-2016-10-31',
      'Globals:',
      '  Function:',
      '    Runtime: nodejs22.x',
      '    Timeout: 30',
      'Resources:',
      '  Fn:',
      '    Type: AWS::Serverless::Function',
      '    IgnoreGlobals:',
      '      - Runtime',
      '      - Timeot',
      '    Properties: {Handler: index.handler, Runtime: nodejs22.x, CodeUri: s3://b/k}',
      '',
    ].join('\n');
    const errors = scanTemplate(text, tracingNotActive).errors.filter((e) =>
      e.message.includes('IgnoreGlobals'),
    );
    expect(errors.map((e) => [e.message, e.line, e.column])).toEqual([
      ["IgnoreGlobals names 'Timeot', which Globals does not set", 11, 9],
    ]);
  });
});
