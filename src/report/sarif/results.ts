import { type Finding, generatedLabel, type ScanError, type Suppression } from '../../findings/finding.js';
import { capitalized } from '../../findings/words.js';
import { findingLocation, physicalLocation } from './locations.js';
import { LEVEL, SECURITY_SEVERITY } from './rules.js';
import type {
  SarifDescriptorReference,
  SarifKind,
  SarifNotification,
  SarifPhysicalLocation,
  SarifResult,
  SarifSuppression,
} from './types.js';

/** The key partialFingerprints carries Parapet's own fingerprint under; bump it if the fingerprint changes. */
export const FINGERPRINT_KEY = 'parapet/v1';

const KIND: Readonly<Record<Finding['status'], SarifKind>> = {
  fail: 'fail',
  unknown: 'review',
  pass: 'pass',
};

export function toResult(finding: Finding, rule: SarifDescriptorReference): SarifResult {
  return {
    ruleId: rule.id,
    ruleIndex: rule.index,
    kind: KIND[finding.status],
    // SARIF 2.1.0 §3.27.10: a result whose kind is not `fail` has level `none`.
    level: finding.status === 'fail' ? LEVEL[finding.severity] : 'none',
    message: { text: messageText(finding) },
    locations: [findingLocation(finding)],
    partialFingerprints: { [FINGERPRINT_KEY]: finding.fingerprint },
    ...(finding.suppressed ? { suppressions: [toSuppression(finding.suppressed)] } : {}),
    properties: resultProperties(finding),
  };
}

/**
 * A finding on a live resource (an ARN, no file). GitHub code scanning rejects a result without a
 * physical location and a made-up file would put an alert on code that has nothing to do with it,
 * so the finding goes into the log as a notification that names the rule and the resource; the
 * JSON report keeps it in full.
 */
export function liveFindingNotification(finding: Finding, rule: SarifDescriptorReference): SarifNotification {
  return {
    level: finding.status === 'fail' ? 'warning' : 'note',
    message: {
      text: `${finding.checkId} (${finding.status}): ${messageText(finding)} Not a result: code scanning needs a file location; see the JSON report.`,
    },
    locations: [findingLocation(finding)],
    associatedRule: rule,
    properties: { ...resultProperties(finding), fingerprint: finding.fingerprint },
  };
}

export function scanErrorNotification(
  error: ScanError,
  rule: SarifDescriptorReference | undefined,
): SarifNotification {
  return {
    level: 'error',
    message: { text: sentence(error.message) },
    ...(error.file ? { locations: [{ physicalLocation: errorLocation(error.file, error) }] } : {}),
    ...(rule ? { associatedRule: rule } : {}),
    properties: {
      errorKind: error.kind,
      ...(error.checkId ? { checkId: error.checkId } : {}),
      ...(error.resource ? { resource: error.resource } : {}),
    },
  };
}

/** A notification, unlike a result, needs no region: a scan error without a line gets none. */
function errorLocation(file: string, error: ScanError): SarifPhysicalLocation {
  const located = physicalLocation({
    file,
    ...(error.line !== undefined ? { line: error.line } : {}),
    ...(error.column !== undefined ? { column: error.column } : {}),
  });
  return error.line !== undefined && error.line >= 1
    ? located
    : { artifactLocation: located.artifactLocation };
}

/**
 * The finding's message, then the resource (and the generated one), then what was assumed.
 * GitHub shows the message as the alert's title and ignores `kind`, so the text itself says when a
 * result is not a failure.
 */
export function messageText(finding: Finding): string {
  const r = finding.resource;
  const parts = [lead(finding), `Resource: ${r.id} (${r.type}).`];
  if (r.generated) parts.push(`${capitalized(generatedLabel(r.generated))}.`);
  if (r.cdkPath) parts.push(`CDK path: ${r.cdkPath}.`);
  for (const assumption of finding.assumptions ?? []) parts.push(`Assumes ${sentence(assumption)}`);
  return parts.join(' ');
}

function lead(finding: Finding): string {
  if (finding.status === 'unknown') return `Needs review: ${sentence(finding.message)}`;
  if (finding.status === 'pass') {
    // `passed` is what a check says when it has nothing to add.
    return finding.message === 'passed'
      ? `Passed ${finding.checkId}.`
      : `Passed ${finding.checkId}: ${sentence(finding.message)}`;
  }
  return sentence(finding.message);
}

function toSuppression(s: Suppression): SarifSuppression {
  return {
    kind: s.by === 'inline' ? 'inSource' : 'external',
    justification: s.reason,
    ...(s.expires ? { properties: { expires: s.expires } } : {}),
  };
}

/**
 * A result's own severity is in its properties as well as in its level: GitHub takes the security severity
 * from the rule (the highest of the rule's findings), other consumers can take each finding's own.
 */
function resultProperties(finding: Finding): Record<string, unknown> {
  const l = finding.location;
  return {
    checkId: finding.checkId,
    severity: finding.severity,
    // Not for an unknown: it is no security alert of that severity (see reviewRule).
    ...(finding.status === 'unknown' ? {} : { 'security-severity': SECURITY_SEVERITY[finding.severity] }),
    status: finding.status,
    resourceId: finding.resource.id,
    resourceType: finding.resource.type,
    resourceKind: finding.resource.kind,
    ...(finding.resource.generated ? { generatedResource: { ...finding.resource.generated } } : {}),
    ...(finding.resource.cdkPath ? { cdkPath: finding.resource.cdkPath } : {}),
    ...(finding.property ? { property: finding.property } : {}),
    ...(l.arn ? { arn: l.arn } : {}),
    ...(l.account ? { account: l.account } : {}),
    ...(l.region ? { region: l.region } : {}),
    // Evidence is redacted where the finding is made; nothing here un-redacts it.
    ...(finding.evidence ? { evidence: { ...finding.evidence } } : {}),
    ...(finding.assumptions ? { assumptions: [...finding.assumptions] } : {}),
  };
}

/** SARIF messages are sentences; end each with a full stop unless it already ends a sentence. */
export function sentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}
