import { SEVERITIES, type Severity } from '../checks/define.js';
import type { Finding } from '../findings/finding.js';
import type { ScanResult } from '../scan.js';

export interface Summary {
  readonly failed: Readonly<Record<Severity, number>>;
  readonly failedTotal: number;
  readonly unknown: number;
  readonly suppressed: number;
  readonly passed: number;
  readonly templates: number;
  readonly resources: number;
  readonly checks: number;
  readonly errors: number;
}

/** Open (not suppressed) failures. */
export function openFailures(findings: readonly Finding[]): Finding[] {
  return findings.filter((f) => f.status === 'fail' && !f.suppressed);
}

export function summarize(result: ScanResult): Summary {
  const failed = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const f of openFailures(result.findings)) failed[f.severity]++;
  return {
    failed,
    failedTotal: Object.values(failed).reduce((a, b) => a + b, 0),
    unknown: result.findings.filter((f) => f.status === 'unknown' && !f.suppressed).length,
    suppressed: result.findings.filter((f) => f.suppressed).length,
    passed: result.passed,
    templates: result.templates.length,
    resources: result.templates.reduce((n, t) => n + t.resources, 0),
    checks: result.checksRun,
    errors: result.errors.length,
  };
}
