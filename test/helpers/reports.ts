import { ALL_CHECKS } from '../../src/checks/index.js';
import { toJson } from '../../src/report/json.js';
import { toSarif } from '../../src/report/sarif.js';
import { toText } from '../../src/report/text.js';
import type { ScanResult } from '../../src/scan.js';
import type { scanTemplate } from './scan-template.js';

/** The scan's findings (every check) as all three reports would print them: to assert a secret is in none. */
export function reports(scan: ReturnType<typeof scanTemplate>): string {
  const result: ScanResult = {
    findings: scan.findings,
    errors: scan.errors,
    warnings: [],
    templates: [{ file: 'template.yaml', format: 'cloudformation', resources: 1 }],
    passed: scan.passed.length,
    checksRun: ALL_CHECKS.length,
    scanDate: new Date('2026-11-25T00:00:00Z'),
  };
  return [toJson(result), toSarif(result, ALL_CHECKS), toText(result, { color: false })].join('\n');
}
