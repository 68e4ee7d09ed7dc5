import { describe, expect, it } from 'vitest';
import type { LambdaFunction } from '../../../src/model/lambda.js';
import { isUnknown } from '../../../src/model/values.js';
import { functionProbe, scanTemplate } from '../../helpers/scan-template.js';
import { samTemplate } from '../../helpers/templates.js';

// SAM concatenates a list set in Globals and on the function, the Globals items first
// (samtranslator/plugins/globals/globals.py, _merge_lists): item i of the merged list was written
// either in Globals or on the function, at another index. A finding on ['Layers', i] points there.

/** Fails every item of a list of the function, by its path in the merged properties. */
function itemProbe(path: readonly string[], items: (fn: LambdaFunction) => readonly unknown[]) {
  return functionProbe(
    `test.${path.join('-').toLowerCase()}-items`,
    (fn, ctx) =>
      items(fn).map((item, index) =>
        ctx.fail(`item ${index}: ${String(item)}`, { where: [...path, index], key: String(index) }),
      ),
    'high',
  );
}

const layers = itemProbe(['Layers'], (fn) => (isUnknown(fn.layers) ? [] : fn.layers));
const securityGroups = itemProbe(['VpcConfig', 'SecurityGroupIds'], (fn) => {
  const vpc = fn.vpcConfig;
  if (vpc === undefined || isUnknown(vpc) || isUnknown(vpc.securityGroupIds)) return [];
  return vpc.securityGroupIds;
});

const GLOBALS = `Globals:
  Function:
    Runtime: python3.12
    Layers:
      - arn:aws:lambda:us-east-1:111111111111:layer:global-a:1
      - arn:aws:lambda:us-east-1:111111111111:layer:global-b:1
    VpcConfig:
      SubnetIds: [subnet-1]
      SecurityGroupIds:
        - sg-global
`;

const FUNCTIONS = `  Own:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.handler
      CodeUri: src/
      Layers:
        - arn:aws:lambda:us-east-1:222222222222:layer:own:1
      VpcConfig:
        SecurityGroupIds:
          - sg-own-1
          - sg-own-2
  Inherits:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.handler
      CodeUri: src/
`;

/** The line of the first line of `text` that contains `needle`. */
function lineOf(text: string, needle: string): number {
  const index = text.split('\n').findIndex((line) => line.includes(needle));
  expect(index, needle).toBeGreaterThanOrEqual(0);
  return index + 1;
}

describe('findings on an item of a list merged from SAM Globals', () => {
  const text = samTemplate(FUNCTIONS, GLOBALS);

  it('point at the Globals item or at the function own item, whichever it is', () => {
    const { failed, errors } = scanTemplate(text, layers);
    expect(errors).toEqual([]);
    expect(failed.map((f) => [f.resource.id, f.message, f.location.line, f.location.column])).toEqual([
      ['Own', expect.stringContaining('global-a'), lineOf(text, 'global-a'), 9],
      ['Own', expect.stringContaining('global-b'), lineOf(text, 'global-b'), 9],
      ['Own', expect.stringContaining('222222222222:layer:own'), lineOf(text, 'layer:own'), 11],
      ['Inherits', expect.stringContaining('global-a'), lineOf(text, 'global-a'), 9],
      ['Inherits', expect.stringContaining('global-b'), lineOf(text, 'global-b'), 9],
    ]);
  });

  it('map the index of a list merged inside a merged map (VpcConfig.SecurityGroupIds)', () => {
    const { failed } = scanTemplate(text, securityGroups);
    expect(failed.map((f) => [f.resource.id, f.message, f.location.line])).toEqual([
      ['Own', 'item 0: sg-global', lineOf(text, 'sg-global')],
      ['Own', 'item 1: sg-own-1', lineOf(text, 'sg-own-1')],
      ['Own', 'item 2: sg-own-2', lineOf(text, 'sg-own-2')],
      ['Inherits', 'item 0: sg-global', lineOf(text, 'sg-global')],
    ]);
  });

  it('leave the list to the function when it ignores that Globals property (IgnoreGlobals)', () => {
    for (const ignore of ['[Layers]', "'*'"]) {
      const own = samTemplate(
        `  Fn:
    Type: AWS::Serverless::Function
    IgnoreGlobals: ${ignore}
    Properties:
      Handler: app.handler
      CodeUri: src/
      Runtime: python3.12
      Layers:
        - arn:aws:lambda:us-east-1:222222222222:layer:own:1
`,
        GLOBALS,
      );
      const { failed, errors } = scanTemplate(own, layers);
      expect(errors, ignore).toEqual([]);
      expect(
        failed.map((f) => [f.message, f.location.line]),
        ignore,
      ).toEqual([[expect.stringContaining('layer:own'), lineOf(own, 'layer:own')]]);
    }
  });

  it('leave a list the function sets with an intrinsic to the function: SAM does not merge it', () => {
    const own = samTemplate(
      `  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.handler
      CodeUri: src/
      Layers: !Split [',', 'arn:aws:lambda:us-east-1:222222222222:layer:own:1']
`,
      GLOBALS,
    );
    const { failed } = scanTemplate(own, layers);
    // The intrinsic wins whole: one layer, the function's own, located at its Layers key.
    expect(failed.map((f) => [f.message, f.location.line])).toEqual([
      [expect.stringContaining('layer:own'), lineOf(own, 'Layers: !Split')],
    ]);
  });
});
