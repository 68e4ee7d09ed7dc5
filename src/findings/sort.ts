import { SEVERITIES } from '../checks/define.js';
import type { Finding } from './finding.js';

const STATUS_ORDER = { fail: 0, unknown: 1, pass: 2 } as const;

/** The one order every output uses: severity, then file and position, then check and resource. */
export function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort(
    (a, b) =>
      STATUS_ORDER[a.status] - STATUS_ORDER[b.status] ||
      SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) ||
      compare(a.location.file ?? a.location.arn ?? '', b.location.file ?? b.location.arn ?? '') ||
      (a.location.line ?? 0) - (b.location.line ?? 0) ||
      (a.location.column ?? 0) - (b.location.column ?? 0) ||
      compare(a.checkId, b.checkId) ||
      compare(a.resource.id, b.resource.id) ||
      compare(a.fingerprint, b.fingerprint),
  );
}

/** Code-unit order: the same on every machine and locale. */
export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
