import type { Check } from '../checks/define.js';
import type { Finding } from '../findings/finding.js';
import { compare } from '../findings/sort.js';
import type { ScanResult } from '../scan.js';
import { VERSION } from '../version.js';
import { hasFile, SRCROOT } from './sarif/locations.js';
import { liveFindingNotification, scanErrorNotification, sentence, toResult } from './sarif/results.js';
import { reviewRule, reviewRuleId, ruleFor, ruleFromFinding, ruleSeverity } from './sarif/rules.js';
import type {
  SarifDescriptorReference,
  SarifLog,
  SarifNotification,
  SarifReportingDescriptor,
} from './sarif/types.js';

export { FINGERPRINT_KEY } from './sarif/results.js';

/** The OASIS schema of SARIF 2.1.0 with Errata 01, the final one. */
export const SARIF_SCHEMA_URI =
  'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
export const INFORMATION_URI = 'https://github.com/parapet-security/parapet';

/**
 * The scan as one SARIF 2.1.0 log for GitHub code scanning and other SARIF consumers.
 * Rules: one per check that has a decided finding (or a scan error naming it), and one per check that has an
 * unknown one (`<id>/unknown`), sorted by id. Results: one per finding with a file, in the scan's order. Findings on live resources (no file) and scan errors are
 * notifications of the one invocation. Same input, same bytes: nothing here reads the clock.
 */
export function toSarif(result: ScanResult, checks: readonly Check[]): string {
  const { rules, ref } = ruleTable(result, checks);
  const results = result.findings
    .filter(hasFile)
    .map((f) => toResult(f, ref(ruleIdOf(f)) as SarifDescriptorReference));
  const notifications: SarifNotification[] = [
    ...result.errors.map((e) =>
      scanErrorNotification(e, e.checkId !== undefined ? ref(e.checkId) : undefined),
    ),
    ...result.warnings.map((w): SarifNotification => ({ level: 'warning', message: { text: sentence(w) } })),
    ...result.findings
      .filter((f) => !hasFile(f))
      .map((f) => liveFindingNotification(f, ref(ruleIdOf(f)) as SarifDescriptorReference)),
  ];

  const log: SarifLog = {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'parapet',
            version: VERSION,
            semanticVersion: VERSION,
            informationUri: INFORMATION_URI,
            rules,
          },
        },
        invocations: [
          { executionSuccessful: result.errors.length === 0, toolExecutionNotifications: notifications },
        ],
        originalUriBaseIds: {
          [SRCROOT]: {
            description: { text: 'The directory Parapet ran in; relative finding paths start there.' },
          },
        },
        // Columns count UTF-16 code units: the parsers report positions as JavaScript string offsets.
        columnKind: 'utf16CodeUnits',
        results,
        properties: {
          scanDate: result.scanDate.toISOString().slice(0, 10),
          checksRun: result.checksRun,
          templates: result.templates.map((t) => ({ ...t })),
        },
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

/** The rule a finding is a result of: its check's, or for an unknown the check's review rule. */
function ruleIdOf(finding: Finding): string {
  return finding.status === 'unknown' ? reviewRuleId(finding.checkId) : finding.checkId;
}

/**
 * The rules array, sorted by id so that indexes do not depend on the order of findings, and a lookup
 * from rule id to its reference. A finding whose check is not in `checks` gets a rule built from the
 * finding itself; a scan error naming an unknown check gets no rule (it is not a result). A rule's
 * severity comes from its decided findings in this report (see ruleSeverity): they carry the config's
 * overrides and the severities outcomes raised, which the check's metadata does not. The unknowns of a
 * check are results of its review rule (see reviewRule), which has no security severity.
 */
function ruleTable(result: ScanResult, checks: readonly Check[]) {
  const byId = new Map(checks.map((c) => [c.id, c]));
  const findingsOf = new Map<string, Finding[]>();
  for (const f of result.findings) {
    if (f.status === 'unknown') continue;
    const list = findingsOf.get(f.checkId);
    if (list) list.push(f);
    else findingsOf.set(f.checkId, [f]);
  }
  const descriptors = new Map<string, SarifReportingDescriptor>();
  const ruleOfCheck = (id: string, finding?: Finding): SarifReportingDescriptor | undefined => {
    const check = byId.get(id);
    const findings = findingsOf.get(id) ?? [];
    if (check) return ruleFor(check, ruleSeverity(check.severity, findings));
    return finding ? ruleFromFinding(finding, ruleSeverity(finding.severity, findings)) : undefined;
  };
  const add = (id: string, finding?: Finding) => {
    if (descriptors.has(id)) return;
    const rule = ruleOfCheck(id, finding);
    if (rule) descriptors.set(id, rule);
  };
  for (const f of result.findings) {
    if (f.status !== 'unknown') add(f.checkId, f);
    else if (!descriptors.has(reviewRuleId(f.checkId))) {
      const rule = ruleOfCheck(f.checkId, f);
      if (rule) descriptors.set(reviewRuleId(f.checkId), reviewRule(rule));
    }
  }
  for (const e of result.errors) if (e.checkId !== undefined) add(e.checkId);

  const ids = [...descriptors.keys()].sort(compare);
  const index = new Map(ids.map((id, i) => [id, i]));
  return {
    rules: ids.map((id) => descriptors.get(id) as SarifReportingDescriptor),
    ref: (id: string): SarifDescriptorReference | undefined => {
      const i = index.get(id);
      return i === undefined ? undefined : { id, index: i };
    },
  };
}
