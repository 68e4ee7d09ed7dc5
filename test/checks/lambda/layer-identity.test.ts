// biome-ignore-all lint/suspicious/noTemplateCurlyInString: CloudFormation `${...}` templates are the subject of these tests
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fingerprint } from '../../../src/findings/fingerprint.js';
import { writeStackManifest } from '../../helpers/cdk-out.js';
import { scanTemplateDir } from '../../helpers/scan-file.js';

// A layer is told apart by where it is written when a parameter or a condition makes its ARN: the ARN differs
// between the cases of a condition (the layer that fails in both must be one finding, not a failure and an
// unknown) and with `-p` (code scanning must see the same alert); and an `!If` that removes a layer before it
// (AWS::NoValue) must not move it.

const CHECK = 'lambda.layer-untrusted-account';
const layer = (account: string, name = 'tools') => `arn:aws:lambda:us-east-1:${account}:layer:${name}:1`;

/** Parameters: `Env` (decides IsProd by its default) and `extra` ones (YAML at 2 spaces). */
function header(extra = ''): string {
  return `Parameters:
  Env: { Type: String, Default: prod }
${extra}Conditions:
  IsProd: !Equals [!Ref Env, prod]
`;
}

/** A function with these Layers items (YAML values). */
function withLayers(layers: readonly string[], extra = ''): string {
  return `${header(extra)}Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Role: arn:aws:iam::123456789012:role/r
      Runtime: python3.12
      Handler: index.handler
      Code: { ZipFile: "def handler(e, c): pass" }
      Layers:
${layers.map((item) => `        - ${item}\n`).join('')}`;
}

/** A SAM function with these Layers items, and Globals.Function.Layers with `globals`. */
function samWithLayers(globals: readonly string[], own: readonly string[], extra = ''): string {
  const list = (items: readonly string[], indent: string) => items.map((i) => `${indent}- ${i}\n`).join('');
  return `Transform: AWS::Serverless-2016-10-31
${header(extra)}Globals:
  Function:
    Runtime: python3.12
    Layers:
${list(globals, '      ')}Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Handler: index.handler
      InlineCode: "def handler(e, c): pass"
      Layers:
${list(own, '        ')}`;
}

/**
 * Scans the template as `parapet scan` does, as a CDK stack deploying to account 123456789012 (its cloud assembly's
 * manifest.json beside it says so): a layer of another account fails, where without it, it may be the template's own
 * and is unknown (own-account.test.ts).
 */
function scanText(text: string, parameters?: Record<string, string>) {
  const dir = mkdtempSync(join(tmpdir(), 'parapet-template-'));
  writeFileSync(join(dir, 'template.yaml'), text);
  writeStackManifest(dir, 'Stack', 'template.yaml', 'aws://123456789012/us-east-1');
  return scanTemplateDir(dir, CHECK, parameters);
}

const statuses = (result: ReturnType<typeof scanText>) =>
  result.findings.map((f) => [f.status, f.message.slice(0, 57)]);

const LAYER_ARN = `  LayerArn: { Type: String, Default: "${layer('111111111111')}" }\n`;

describe('a layer ARN made from a parameter', () => {
  it.each([
    ['!Ref LayerArn', LAYER_ARN, { LayerArn: layer('222222222222') }],
    [
      '!Sub "arn:aws:lambda:${AWS::Region}:${Publisher}:layer:tools:1"',
      '  Publisher: { Type: String, Default: "111111111111" }\n',
      { Publisher: '222222222222' },
    ],
  ])('keeps its fingerprint when -p names another account (%s)', (item, extra, parameters) => {
    const text = withLayers([item], extra);
    const byDefault = scanText(text).findings;
    const other = scanText(text, parameters).findings;
    expect(
      [...byDefault, ...other].map((f) => [f.status, /:(\d+):layer:tools:1 /.exec(f.message)?.[1]]),
    ).toEqual([
      ['fail', '111111111111'],
      ['fail', '222222222222'],
    ]);
    expect(other[0]?.fingerprint).toBe(byDefault[0]?.fingerprint);
  });

  it('keeps its fingerprint and place where an !If before it removes a layer in one case', () => {
    const debug = `!If [IsProd, !Ref AWS::NoValue, "${layer('444444444444', 'debug')}"]`;
    const text = withLayers([debug, '!Ref LayerArn'], LAYER_ARN);
    const prod = scanText(text);
    expect(statuses(prod)).toEqual([
      ['fail', 'Layer arn:aws:lambda:us-east-1:111111111111:layer:tools:1'],
      ['unknown', 'When condition IsProd does not hold (Env other than its d'],
    ]);
    expect(prod.findings.map((f) => f.location.line)).toEqual([16, 15]);
    const dev = scanText(text, { Env: 'dev' });
    expect(dev.findings.map((f) => [f.status, f.location.line])).toEqual([
      ['fail', 15],
      ['fail', 16],
    ]);
    expect(dev.findings[1]?.fingerprint).toBe(prod.findings[0]?.fingerprint);
  });

  it('is told apart from another such layer of the function: one finding each', () => {
    const extra = `${LAYER_ARN}  OtherArn: { Type: String, Default: "${layer('333333333333')}" }\n`;
    const result = scanText(withLayers(['!Ref LayerArn', '!Ref OtherArn'], extra));
    expect(result.findings.map((f) => f.status)).toEqual(['fail', 'fail']);
    expect(new Set(result.findings.map((f) => f.fingerprint)).size).toBe(2);
  });
});

describe('a layer ARN a condition chooses', () => {
  it('fails once where each case names an untrusted account (the defaults decide the condition)', () => {
    const result = scanText(
      withLayers([`!If [IsProd, "${layer('111111111111')}", "${layer('222222222222')}"]`]),
    );
    expect(statuses(result)).toEqual([['fail', 'Layer arn:aws:lambda:us-east-1:111111111111:layer:tools:1']]);
  });
});

describe('a layer of SAM Globals and of the function', () => {
  const extra = `${LAYER_ARN}  OwnArn: { Type: String, Default: "${layer('333333333333', 'own')}" }\n`;

  it('is keyed on the list it is written in: the same index of each does not collide', () => {
    const result = scanText(samWithLayers(['!Ref LayerArn'], ['!Ref OwnArn'], extra));
    expect(statuses(result)).toEqual([
      ['fail', 'Layer arn:aws:lambda:us-east-1:111111111111:layer:tools:1'],
      ['fail', 'Layer arn:aws:lambda:us-east-1:333333333333:layer:own:1 i'],
    ]);
    expect(new Set(result.findings.map((f) => f.fingerprint)).size).toBe(2);
  });

  it("keeps the function's own layer where an !If removes a Globals layer in one case", () => {
    const debug = `!If [IsProd, !Ref AWS::NoValue, "${layer('444444444444', 'debug')}"]`;
    const text = samWithLayers([debug], ['!Ref OwnArn'], extra);
    const prod = scanText(text).findings;
    const dev = scanText(text, { Env: 'dev' }).findings;
    expect(prod.map((f) => [f.status, f.location.line])).toEqual([
      ['fail', 20],
      ['unknown', 12],
    ]);
    expect(dev.map((f) => [f.status, f.location.line])).toEqual([
      ['fail', 12],
      ['fail', 20],
    ]);
    expect(dev[1]?.fingerprint).toBe(prod[0]?.fingerprint);
  });
});

describe('a layer ARN written as fixed text', () => {
  // What the fingerprint of Fn's finding on layer `key` (the check's key before place keys) is.
  const keyed = (key: string) => fingerprint([CHECK, 'template.yaml', 'Fn', '', key]);

  it('keeps the fingerprint of its ARN, wherever it is listed', () => {
    const sub = '!Sub "arn:aws:lambda:${AWS::Region}:111111111111:layer:sub:1"';
    const result = scanText(withLayers([`"${layer('111111111111')}"`, sub]));
    expect(result.findings.map((f) => [f.status, f.fingerprint])).toEqual([
      ['fail', keyed(layer('111111111111'))],
      ['fail', keyed('arn:aws:lambda:${AWS::Region}:111111111111:layer:sub:1')],
    ]);
  });

  it('keeps the fingerprint of its ARN in SAM Globals', () => {
    const result = scanText(samWithLayers([layer('111111111111')], [layer('333333333333', 'own')]));
    expect(result.findings.map((f) => [f.status, f.fingerprint])).toEqual([
      ['fail', keyed(layer('111111111111'))],
      ['fail', keyed(layer('333333333333', 'own'))],
    ]);
  });
});
