import { type Check, type Framework, SEVERITIES, type Severity } from '../../checks/define.js';
import { DETAILS_HEADING, FRAMEWORK_NAMES } from '../../docs/check-docs.js';
import type { Finding } from '../../findings/finding.js';
import type { SarifLevel, SarifReportingDescriptor } from './types.js';

/** Severity as a SARIF level: what GitHub filters on when a rule has no security severity. */
export const LEVEL: Readonly<Record<Severity, SarifLevel>> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'note',
  info: 'note',
};

/**
 * GitHub's `security-severity`: a score string it maps back to a band
 * (over 9.0 critical, 7.0–8.9 high, 4.0–6.9 medium, 0.1–3.9 low). Each value sits inside its band.
 */
export const SECURITY_SEVERITY: Readonly<Record<Severity, string>> = {
  critical: '9.5',
  high: '8.0',
  medium: '5.5',
  low: '3.0',
  info: '1.0',
};

/**
 * A check fails only on values it can see (what it cannot see is a separate `review` result),
 * so a failure is as certain as the template it read.
 */
const PRECISION = 'very-high';

/** `lambda.function-url-auth-none` → `LambdaFunctionUrlAuthNone`: SARIF wants a readable name beside the id. */
export function ruleName(id: string): string {
  return id
    .split(/[.-]/)
    .filter(Boolean)
    .map((word) => word[0]?.toUpperCase() + word.slice(1))
    .join('');
}

/** The severity a rule shows, and the distinct severities of its findings when they disagree. */
export interface RuleSeverity {
  readonly severity: Severity;
  /** Highest first; present only when the rule's findings in this report have more than one severity. */
  readonly mixed?: readonly Severity[];
}

/**
 * The severity of a rule in this report. GitHub code scanning reads `security-severity` from the rule only
 * (a result's own `level` it does read), so a rule carrying its check's default would show a finding that
 * an outcome raised to critical (a runtime whose updates are blocked), or that parapet.yaml overrode, at
 * the default. A finding's severity is final (config override, else the outcome's, else the check's), so
 * the rule takes the highest severity among its failed findings, or among all its findings when none
 * failed, and the check's default when it has none. With mixed severities the rule therefore never
 * understates a critical finding; each result still carries its own severity.
 */
export function ruleSeverity(fallback: Severity, findings: readonly Finding[]): RuleSeverity {
  const failed = findings.filter((f) => f.status === 'fail');
  const counted = failed.length > 0 ? failed : findings;
  const severities = SEVERITIES.filter((s) => counted.some((f) => f.severity === s));
  const [highest] = severities;
  if (highest === undefined) return { severity: fallback };
  return severities.length > 1 ? { severity: highest, mixed: severities } : { severity: highest };
}

/**
 * The rule's severity properties: `severity` and `security-severity` as this report has it, the check's own
 * default as `checkSeverity` when it differs, and `findingSeverities` when the findings disagree.
 */
function severityProperties(
  rule: RuleSeverity,
  checkSeverity: Severity | undefined,
): Record<string, unknown> {
  return {
    'security-severity': SECURITY_SEVERITY[rule.severity],
    precision: PRECISION,
    severity: rule.severity,
    ...(checkSeverity !== undefined && checkSeverity !== rule.severity ? { checkSeverity } : {}),
    ...(rule.mixed ? { findingSeverities: [...rule.mixed] } : {}),
  };
}

export function ruleFor(
  check: Check,
  severity: RuleSeverity = { severity: check.severity },
): SarifReportingDescriptor {
  const frameworks = (Object.keys(check.compliance) as Framework[])
    .filter((f) => (check.compliance[f] ?? []).length > 0)
    .sort();
  const tags = unique(['security', serviceOf(check.id), ...frameworks]);
  return {
    id: check.id,
    name: ruleName(check.id),
    shortDescription: { text: clip(check.title) },
    fullDescription: { text: clip(check.description) },
    help: { text: helpText(check, frameworks), markdown: helpMarkdown(check, frameworks) },
    defaultConfiguration: { level: LEVEL[severity.severity] },
    properties: {
      tags,
      ...severityProperties(severity, check.severity),
      resourceKind: check.resource,
      ...(frameworks.length > 0
        ? { compliance: Object.fromEntries(frameworks.map((f) => [f, [...(check.compliance[f] ?? [])]])) }
        : {}),
    },
  };
}

/**
 * A rule for a finding whose check is not in the list given (a stale list, a plugin): built from what
 * the finding carries, so its result still points at a rule instead of being dropped.
 */
export function ruleFromFinding(
  finding: Finding,
  severity: RuleSeverity = { severity: finding.severity },
): SarifReportingDescriptor {
  return {
    id: finding.checkId,
    name: ruleName(finding.checkId),
    shortDescription: { text: clip(finding.title) },
    fullDescription: { text: clip(finding.title) },
    help: { text: finding.title, markdown: finding.title },
    defaultConfiguration: { level: LEVEL[severity.severity] },
    properties: {
      tags: unique(['security', serviceOf(finding.checkId)]),
      ...severityProperties(severity, undefined),
    },
  };
}

/** The rule the unknown findings of a check are results of (see reviewRule). */
export function reviewRuleId(checkId: string): string {
  return `${checkId}/unknown`;
}

/**
 * The rule for what a check could not decide: the check's own text, without its `security-severity` and
 * `security` tag, at level note. GitHub code scanning gives an alert the security severity of its rule
 * and, by default, fails a pull request on a high or critical one: under the check's rule an unknown
 * would block a merge as a failure does, where Parapet never counts unknowns as failures.
 */
export function reviewRule(rule: SarifReportingDescriptor): SarifReportingDescriptor {
  const { 'security-severity': _score, precision: _precision, tags, ...properties } = rule.properties;
  return {
    ...rule,
    id: reviewRuleId(rule.id),
    name: `${rule.name}Unknown`,
    shortDescription: { text: clip(`Not decided from the template: ${rule.shortDescription.text}`) },
    defaultConfiguration: { level: 'note' },
    properties: {
      ...properties,
      tags: (tags as readonly string[]).filter((tag) => tag !== 'security'),
      reviewOf: rule.id,
    },
  };
}

/** GitHub keeps 1,024 characters of a rule's descriptions; the help carries the whole text. */
export const DESCRIPTION_LIMIT = 1024;

export function clip(text: string, limit = DESCRIPTION_LIMIT): string {
  const chars = [...text];
  return chars.length <= limit ? text : `${chars.slice(0, limit - 1).join('')}…`;
}

function serviceOf(id: string): string {
  return id.split('.')[0] ?? id;
}

function helpText(check: Check, frameworks: readonly Framework[]): string {
  const r = check.remediation;
  const parts = [check.description, `Risk: ${check.risk}`, `Remediation: ${r.text}`];
  if (r.cloudformation) parts.push(`CloudFormation / SAM:\n${r.cloudformation.trimEnd()}`);
  if (r.cdk) parts.push(`AWS CDK (TypeScript):\n${r.cdk.trimEnd()}`);
  if (r.cli) parts.push(`AWS CLI:\n${r.cli.trimEnd()}`);
  if (r.terraform) parts.push(`Terraform:\n${r.terraform.trimEnd()}`);
  if (check.details) parts.push(`${DETAILS_HEADING}: ${check.details}`);
  if (frameworks.length > 0)
    parts.push(
      [
        'Compliance:',
        ...frameworks.map((f) => `- ${FRAMEWORK_NAMES[f]}: ${(check.compliance[f] ?? []).join(', ')}`),
      ].join('\n'),
    );
  if (check.references && check.references.length > 0)
    parts.push(`References:\n${check.references.map((u) => `- ${u}`).join('\n')}`);
  return parts.join('\n\n');
}

function helpMarkdown(check: Check, frameworks: readonly Framework[]): string {
  const r = check.remediation;
  const parts = [check.description, `## Risk\n\n${check.risk}`, `## Remediation\n\n${r.text}`];
  if (r.cloudformation) parts.push(`CloudFormation / SAM:\n\n${fence('yaml', r.cloudformation)}`);
  if (r.cdk) parts.push(`AWS CDK (TypeScript):\n\n${fence('ts', r.cdk)}`);
  if (r.cli) parts.push(`AWS CLI:\n\n${fence('sh', r.cli)}`);
  if (r.terraform) parts.push(`Terraform:\n\n${fence('hcl', r.terraform)}`);
  if (check.details) parts.push(`## ${DETAILS_HEADING}\n\n${check.details}`);
  if (frameworks.length > 0) {
    const rows = frameworks.map(
      (f) => `| ${FRAMEWORK_NAMES[f]} | ${(check.compliance[f] ?? []).join(', ')} |`,
    );
    parts.push(['## Compliance', '', '| Framework | Controls |', '| --- | --- |', ...rows].join('\n'));
  }
  if (check.references && check.references.length > 0) {
    parts.push(`## References\n\n${check.references.map((u) => `- <${u}>`).join('\n')}`);
  }
  return parts.join('\n\n');
}

/** A fence longer than any backtick run inside, so a snippet cannot close it early. */
function fence(language: string, code: string): string {
  const longest = Math.max(2, ...[...code.matchAll(/`+/g)].map((m) => m[0].length));
  const ticks = '`'.repeat(longest + 1);
  return `${ticks}${language}\n${code.trimEnd()}\n${ticks}`;
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
