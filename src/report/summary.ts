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

/**
 * The summary of a scan's result, worked out once: the report and the line on stderr both ask for it. Asked twice,
 * its passes over every finding made V8 optimize it between the two (a costly compile for one more call, whose code
 * was thrown away as it ran).
 */
export function summarize(result: ScanResult): Summary {
  let summary = summaries.get(result);
  if (summary === undefined) {
    summary = summaryOf(result);
    summaries.set(result, summary);
  }
  return summary;
}

const summaries = new WeakMap<ScanResult, Summary>();

function summaryOf(result: ScanResult): Summary {
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
