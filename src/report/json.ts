import type { ScanResult } from '../scan.js';
import { VERSION } from '../version.js';
import { summarize } from './summary.js';

/** Bumped on any change a consumer could notice; documented in docs/json-report.md. */
export const JSON_SCHEMA_VERSION = '1.1.0';

/** The whole scan as one JSON document; every finding stands alone. */
export function toJson(result: ScanResult): string {
  const report = {
    schemaVersion: JSON_SCHEMA_VERSION,
    tool: { name: 'parapet', version: VERSION },
    scanDate: result.scanDate.toISOString().slice(0, 10),
    // Which parapet.yaml applied (null: none did), so a report read later says what was suppressed by what.
    config: result.config === undefined ? null : { file: result.config },
    summary: summarize(result),
    templates: result.templates,
    findings: result.findings,
    errors: result.errors,
    warnings: result.warnings,
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}
