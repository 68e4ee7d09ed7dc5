import { describe, expect, it } from 'vitest';
import { ALL_CHECKS } from '../../src/checks/index.js';
import { evaluateTemplate } from '../../src/engine/evaluate-template.js';
import { isPossibleCase } from '../../src/sources/cloudformation/possible-cases.js';
import { buildTemplateInventory } from '../../src/sources/cloudformation/template.js';
import { parseYaml } from '../../src/sources/cloudformation/yaml.js';
import { runtimeFunction } from '../helpers/templates.js';

// How often a template is built: once without conditions to explore, once more per case with them.

const CHECKS = ALL_CHECKS.filter((c) =>
  ['lambda.runtime-deprecated', 'lambda.function-url-auth-none'].includes(c.id),
);

function evaluateCounting(text: string, parameters?: Record<string, string>) {
  const parsed = parseYaml(text, 'template.yaml');
  const doc = parsed.value as Record<string, unknown>;
  const options = parameters ? { parameters } : {};
  let builds = 1;
  const evaluation = evaluateTemplate(
    buildTemplateInventory(doc, parsed.locator, options),
    CHECKS,
    {
      settings: { scanDate: new Date('2026-11-25'), trustedAccounts: [], options: {} },
      displayPath: (f) => f,
    },
    (conditions) => {
      builds++;
      return buildTemplateInventory(doc, parsed.locator, { ...options, conditions });
    },
    (conditions) => isPossibleCase(doc, parameters ?? {}, conditions),
  );
  const statuses = evaluation.findings.map((f) => [f.resource.id, f.status]);
  return { builds, statuses, evaluation };
}

const devOrProd = (allowed = '[dev, prod]', conditions = '  IsDev: !Equals [!Ref Env, dev]\n') =>
  `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  Env: { Type: String, Default: prod, AllowedValues: ${allowed} }
Conditions:
${conditions}Resources:
`;

describe('evaluateTemplate: builds', () => {
  it('builds a template without conditions once, defaults and all', () => {
    const fn = `${runtimeFunction('python3.8')}      Environment: { Variables: { ENV: !Ref Env } }\n`;
    const { builds, statuses } = evaluateCounting(devOrProd().replace(/Conditions:\n.*\n/, '') + fn);
    expect(builds).toBe(1);
    expect(statuses).toEqual([['Fn', 'fail']]);
  });

  it('builds the other case of a condition the defaults decide once more', () => {
    const { builds, statuses } = evaluateCounting(
      devOrProd() + runtimeFunction('!If [IsDev, python3.7, python3.13]'),
    );
    expect(builds).toBe(2);
    expect(statuses).toEqual([['Fn', 'unknown']]);
  });

  it('builds once when -p decides the condition', () => {
    const text = devOrProd() + runtimeFunction('!If [IsDev, python3.7, python3.13]');
    expect(evaluateCounting(text, { Env: 'dev' })).toMatchObject({ builds: 1, statuses: [['Fn', 'fail']] });
    expect(evaluateCounting(text, { Env: 'prod' })).toMatchObject({ builds: 1, statuses: [] });
  });

  it('builds once when AllowedValues leave only the default', () => {
    const { builds, statuses, evaluation } = evaluateCounting(
      devOrProd('[prod]') + runtimeFunction('!If [IsDev, python3.7, python3.13]'),
    );
    expect([builds, statuses, evaluation.warnings]).toEqual([1, [], []]);
  });

  it('builds only the cases a deploy can make of two conditions on one parameter', () => {
    const conditions = '  IsDev: !Equals [!Ref Env, dev]\n  IsProd: !Equals [!Ref Env, prod]\n';
    const text =
      devOrProd('[dev, prod]', conditions) +
      runtimeFunction('!If [IsDev, python3.7, python3.13]', 'Dev') +
      runtimeFunction('!If [IsProd, python3.13, python3.8]', 'Prod');
    const { builds, statuses } = evaluateCounting(text);
    // IsDev and IsProd never both hold, and one of them must: the defaults' case and Env=dev.
    expect(builds).toBe(2);
    expect(statuses).toEqual([
      ['Dev', 'unknown'],
      ['Prod', 'unknown'],
    ]);
  });

  it('does not take a condition met only where another is taken otherwise as decided by the defaults', () => {
    // NotDev is met only once IsDev is taken to hold: there it does not, which is not its value by default.
    const conditions = '  IsDev: !Equals [!Ref Env, dev]\n  NotDev: !Not [!Condition IsDev]\n';
    const text =
      devOrProd('[dev, prod]', conditions) +
      runtimeFunction('!If [IsDev, !If [NotDev, python3.13, python3.7], python3.13]');
    const { builds, evaluation } = evaluateCounting(text);
    expect(builds).toBe(2);
    expect(evaluation.findings.map((f) => [f.status, f.message.slice(0, 59)])).toEqual([
      ['unknown', 'When condition IsDev holds (Env=dev, not its default prod):'],
    ]);
  });

  it('checks at most six conditions, warning which were checked with their defaults only', () => {
    const names = ['C1', 'C2', 'C3', 'C4', 'C5', 'C6', 'C7'];
    const conditions = names.map((n) => `  ${n}: !Equals [!Ref Env, ${n}]\n`).join('');
    const runtime = names.reduceRight((inner, n) => `!If [${n}, python3.7, ${inner}]`, 'python3.13');
    const { builds, statuses, evaluation } = evaluateCounting(
      devOrProd('[prod, C1, C2, C3, C4, C5, C6, C7]', conditions) + runtimeFunction(runtime),
    );
    // The defaults' case, and one per condition that holds (no two can): C7 is left out.
    expect(builds).toBe(7);
    expect(statuses).toEqual([['Fn', 'unknown']]);
    expect(evaluation.warnings).toEqual([
      'template.yaml: condition C7 is decided by parameter defaults, which a deploy may override; Parapet ' +
        'checked it with the defaults only (Parapet checks the cases of at most 6 conditions, those not known ' +
        'before deploy first)',
    ]);
  });
});
