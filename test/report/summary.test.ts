import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/findings/finding.js';
import { summarize } from '../../src/report/summary.js';
import type { ScanResult } from '../../src/scan.js';

function finding(severity: Finding['severity'], status: Finding['status'], suppressed = false): Finding {
  return {
    checkId: 'lambda.example',
    title: 'Example',
    severity,
    status,
    message: 'example',
    resource: { id: 'Fn', kind: 'lambda.function', type: 'AWS::Lambda::Function' },
    location: { file: 'template.yaml', line: 1, column: 1 },
    fingerprint: `${severity}-${status}-${suppressed}`,
    ...(suppressed ? { suppressed: { reason: 'known', by: 'inline' as const } } : {}),
  };
}

function result(findings: Finding[]): ScanResult {
  return {
    findings,
    errors: [],
    warnings: [],
    templates: [{ file: 'template.yaml', format: 'cloudformation', resources: 2 }],
    passed: 3,
    checksRun: 5,
    scanDate: new Date('2026-11-25T00:00:00Z'),
  };
}

describe('summarize', () => {
  it('counts open failures by severity, unknowns and suppressed findings', () => {
    const summary = summarize(
      result([
        finding('high', 'fail'),
        finding('low', 'fail'),
        finding('low', 'fail', true),
        finding('medium', 'unknown'),
      ]),
    );
    expect(summary.failed).toEqual({ critical: 0, high: 1, medium: 0, low: 1, info: 0 });
    expect(summary.failedTotal).toBe(2);
    expect(summary.unknown).toBe(1);
    expect(summary.suppressed).toBe(1);
    expect(summary).toMatchObject({ passed: 3, templates: 1, resources: 2, checks: 5, errors: 0 });
  });

  it('works a result out once: the report and the line on stderr get the same summary', () => {
    const scanned = result([finding('high', 'fail')]);
    expect(summarize(scanned)).toBe(summarize(scanned));
    // Another result is summarized on its own.
    expect(summarize(result([])).failedTotal).toBe(0);
  });
});
