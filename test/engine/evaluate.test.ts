import { describe, expect, it } from 'vitest';
import { defineCheck } from '../../src/checks/define.js';
import { evaluate } from '../../src/engine/evaluate.js';
import { isUnknown } from '../../src/model/values.js';
import { buildTemplateInventory } from '../../src/sources/cloudformation/template.js';
import { parseYaml } from '../../src/sources/cloudformation/yaml.js';
import { functionProbe, scanTemplate } from '../helpers/scan-template.js';

/** Fails every function, pointing at its Runtime property. */
const pointsAtRuntime = functionProbe('test.points-at-runtime', (fn, ctx) =>
  ctx.fail(`runtime ${isUnknown(fn.runtime) ? '?' : fn.runtime}`, { where: ['Runtime'] }),
);

const SAM = `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    Runtime: python3.8
Resources:
  Inherits:
    Type: AWS::Serverless::Function
    Properties:
      Handler: a.handler
      CodeUri: src/
  Overrides:
    Type: AWS::Serverless::Function
    Properties:
      Handler: b.handler
      CodeUri: src/
      Runtime: python3.13
`;

describe('finding locations', () => {
  it('points at the property the user wrote, or at Globals for an inherited one', () => {
    const { failed } = scanTemplate(SAM, pointsAtRuntime);
    const byId = Object.fromEntries(failed.map((f) => [f.resource.id, f]));
    expect(byId.Inherits?.location.line).toBe(5);
    expect(byId.Overrides?.location.line).toBe(17);
    expect(byId.Inherits?.resource.type).toBe('AWS::Serverless::Function');
  });

  it('points at the resource when the property is missing', () => {
    const text = `Resources:\n  Fn:\n    Type: AWS::Lambda::Function\n    Properties:\n      Handler: x\n      PackageType: Image\n`;
    const { failed } = scanTemplate(text, pointsAtRuntime);
    expect(failed[0]?.location).toEqual({ file: 'template.yaml', line: 2, column: 3 });
  });

  it('keeps the fingerprint when lines move', () => {
    const moved = SAM.replace('Resources:\n', 'Description: added a line\nResources:\n');
    const before = scanTemplate(SAM, pointsAtRuntime).failed.map((f) => f.fingerprint);
    const after = scanTemplate(moved, pointsAtRuntime).failed.map((f) => f.fingerprint);
    expect(after).toEqual(before);
    expect(new Set(before).size).toBe(2);
  });
});

describe('evaluate', () => {
  const parsed = parseYaml(SAM, 't.yaml');
  const { inventory } = buildTemplateInventory(parsed.value as Record<string, unknown>, parsed.locator);
  const settings = { scanDate: new Date('2026-11-25'), trustedAccounts: [], options: {} };

  it('turns a check that throws into a scan error and goes on', () => {
    const broken = defineCheck({
      ...pointsAtRuntime,
      id: 'test.broken',
      evaluate: () => {
        throw new Error('boom');
      },
    });
    const result = evaluate(inventory, [broken, pointsAtRuntime], { settings, displayPath: (f) => f });
    expect(result.errors).toHaveLength(2);
    expect(result.errors[0]).toMatchObject({
      kind: 'check',
      checkId: 'test.broken',
      message: expect.stringContaining('boom'),
    });
    expect(result.findings).toHaveLength(2);
  });

  it('lets the config override severity, over the outcome and the check', () => {
    const raised = defineCheck({
      ...pointsAtRuntime,
      evaluate: (_fn, ctx) => ctx.fail('x', { severity: 'high' }),
    });
    expect(evaluate(inventory, [raised], { settings, displayPath: (f) => f }).findings[0]?.severity).toBe(
      'high',
    );
    const overridden = evaluate(inventory, [raised], {
      settings,
      displayPath: (f) => f,
      severityOverrides: { 'test.points-at-runtime': 'info' },
    });
    expect(overridden.findings[0]?.severity).toBe('info');
  });

  it('leaves passes out unless asked', () => {
    const passing = defineCheck({ ...pointsAtRuntime, evaluate: (_fn, ctx) => ctx.pass() });
    expect(evaluate(inventory, [passing], { settings, displayPath: (f) => f }).findings).toEqual([]);
    expect(
      evaluate(inventory, [passing], { settings, displayPath: (f) => f, includePassed: true }).findings,
    ).toHaveLength(2);
  });
});

describe('SAM property names', () => {
  it('points a finding on TracingConfig.Mode at the Tracing property the SAM user wrote', () => {
    const tracing = defineCheck({
      ...pointsAtRuntime,
      id: 'test.tracing',
      evaluate: (_fn, ctx) => ctx.fail('x', { where: ['TracingConfig', 'Mode'] }),
    });
    const text = SAM.replace(
      '      Runtime: python3.13\n',
      '      Runtime: python3.13\n      Tracing: PassThrough\n',
    );
    const { failed } = scanTemplate(text, tracing);
    expect(failed.find((f) => f.resource.id === 'Overrides')?.location.line).toBe(18);
    expect(failed.find((f) => f.resource.id === 'Inherits')?.location.line).toBe(7);
  });
});
