import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import runtimeDeprecated from '../../../src/checks/lambda/runtime-deprecated.js';
import { EMPTY_CONFIG } from '../../../src/config/config.js';
import { scan } from '../../../src/scan.js';
import { template } from '../../helpers/scan-template.js';
import { runtimeFunction } from '../../helpers/templates.js';

// CloudFormation documents AWS::NoValue only as what an Fn::If returns to remove a property: a condition
// comparing it is not read as false, but as not known before deploy, with a warning where it is written.

function scanText(text: string) {
  const dir = mkdtempSync(join(tmpdir(), 'parapet-novalue-condition-'));
  try {
    writeFileSync(join(dir, 'template.yaml'), text);
    return scan([dir], {
      checks: [runtimeDeprecated],
      config: EMPTY_CONFIG,
      scanDate: new Date('2026-11-25'),
      cwd: dir,
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

describe('Ref AWS::NoValue in a condition', () => {
  const conditions = "Conditions:\n  IsPrimary: !Equals [!Ref 'AWS::NoValue', us-east-1]\n";

  it('is a warning at the Ref, and the condition is checked both ways rather than read as false', () => {
    const text = template(runtimeFunction('!If [IsPrimary, python3.7, python3.12]'), conditions);
    const result = scanText(text);
    const warnings = result.warnings.filter((w) => w.includes('AWS::NoValue'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(
      new RegExp(
        `^template\\.yaml:${lineOf(text, 'IsPrimary: !Equals')}:\\d+: condition IsPrimary compares Ref AWS::NoValue`,
      ),
    );
    // Read as false, python3.12 would pass: the python3.7 branch is a failure in one of the cases.
    expect(result.findings.map((f) => [f.checkId, f.status, f.message.split(':')[0]])).toEqual([
      ['lambda.runtime-deprecated', 'unknown', 'When condition IsPrimary holds'],
    ]);
    expect(result.findings[0]?.message).toContain(
      'Condition IsPrimary cannot be decided before deploy: it compares Ref AWS::NoValue',
    );
  });

  it('inside Fn::Not and Fn::And too; no warning for a condition that compares other pseudo parameters', () => {
    const nested =
      'Conditions:\n  Other: !Equals [!Ref AWS::Region, us-east-1]\n' +
      "  Nested: !And [!Condition Other, !Not [!Equals [!Ref 'AWS::NoValue', '']]]\n";
    const result = scanText(template(runtimeFunction('python3.12'), nested));
    expect(result.warnings.filter((w) => w.includes('AWS::NoValue')).map((w) => w.split(': ')[1])).toEqual([
      expect.stringMatching(/^condition Nested compares Ref AWS::NoValue/),
    ]);
  });
});
