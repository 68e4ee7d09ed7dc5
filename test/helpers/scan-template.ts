import { type Check, type CheckSettings, defineCheck, type Severity } from '../../src/checks/define.js';
import { evaluate } from '../../src/engine/evaluate.js';
import type { Finding, ScanError } from '../../src/findings/finding.js';
import type { Inventory } from '../../src/model/inventory.js';
import { parseJson } from '../../src/sources/cloudformation/json.js';
import { buildTemplateInventory } from '../../src/sources/cloudformation/template.js';
import { parseYaml } from '../../src/sources/cloudformation/yaml.js';

export interface TemplateScan {
  readonly inventory: Inventory;
  readonly findings: Finding[];
  readonly errors: ScanError[];
  /** Findings of one status, for short assertions. */
  readonly failed: Finding[];
  readonly unknown: Finding[];
  readonly passed: Finding[];
}

export interface TemplateScanOptions {
  readonly settings?: Partial<CheckSettings>;
  readonly parameters?: Record<string, string>;
  readonly file?: string;
  /** The account the stack deploys to, as a CDK manifest names it (TemplateOptions.ownAccount). */
  readonly ownAccount?: string;
}

/**
 * Runs the real pipeline (parse → SAM expansion → resolution → model → check) on template text,
 * in memory, with passes included so tests can assert them.
 */
export function scanTemplate(
  text: string,
  checks: Check | readonly Check[],
  options: TemplateScanOptions = {},
): TemplateScan {
  const file = options.file ?? (text.trimStart().startsWith('{') ? 'template.json' : 'template.yaml');
  const parsed = file.endsWith('.json') ? parseJson(text, file) : parseYaml(text, file);
  const built = buildTemplateInventory(parsed.value as Record<string, unknown>, parsed.locator, {
    ...(options.parameters ? { parameters: options.parameters } : {}),
    ...(options.ownAccount ? { ownAccount: options.ownAccount } : {}),
    parseErrors: parsed.errors,
  });
  const settings: CheckSettings = {
    scanDate: new Date('2026-11-25T00:00:00Z'),
    trustedAccounts: [],
    options: {},
    ...options.settings,
  };
  const evaluation = evaluate(built.inventory, Array.isArray(checks) ? checks : [checks as Check], {
    settings,
    displayPath: (f) => f,
    includePassed: true,
  });
  const findings = evaluation.findings;
  return {
    inventory: built.inventory,
    findings,
    errors: [...built.errors, ...evaluation.errors],
    failed: findings.filter((f) => f.status === 'fail'),
    unknown: findings.filter((f) => f.status === 'unknown'),
    passed: findings.filter((f) => f.status === 'pass'),
  };
}

/** Indents a YAML block so tests can write resources inline. */
export function template(resources: string, extra = ''): string {
  return `AWSTemplateFormatVersion: '2010-09-09'\n${extra}Resources:\n${resources}`;
}

/** A check of functions for tests of the engine: `evaluate` decides, the metadata is a placeholder. */
export function functionProbe(
  id: string,
  evaluate: Check<'lambda.function'>['evaluate'],
  severity: Severity = 'low',
): Check<'lambda.function'> {
  return defineCheck({
    id,
    title: 'test',
    severity,
    resource: 'lambda.function',
    description: 'test check',
    risk: 'none',
    remediation: { text: 'none' },
    compliance: {},
    evaluate,
  });
}
