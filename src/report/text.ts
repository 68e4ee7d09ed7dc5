import { SEVERITIES, type Severity } from '../checks/define.js';
import { type Finding, type FindingLocation, generatedLabel, type ScanError } from '../findings/finding.js';
import type { ScanResult } from '../scan.js';
import { type Paint, painter, type Style } from './paint.js';
import { summarize } from './summary.js';

export interface TextOptions {
  readonly color: boolean;
  /** Also list suppressed findings (they are always counted). */
  readonly showSuppressed?: boolean;
  /**
   * How many checks there are and how many of those not run are off by default, so the summary can say
   * "30 of 31 checks (1 off by default)" rather than a count that disagrees with the documentation.
   */
  readonly checksAvailable?: { readonly total: number; readonly offByDefault: number };
}

const SEVERITY_STYLE: Record<Severity, Style> = {
  critical: 'magenta',
  high: 'red',
  medium: 'yellow',
  low: 'blue',
  info: 'gray',
};

/** Terminal output: failures grouped by severity then resource, unknowns after, then errors and the summary. */
export function toText(result: ScanResult, options: TextOptions): string {
  const paint = painter(options.color);
  const lines: string[] = [];
  const shown = result.findings.filter(
    (f) => f.status !== 'pass' && (options.showSuppressed || !f.suppressed),
  );

  for (const severity of SEVERITIES) {
    const group = shown.filter((f) => f.status === 'fail' && f.severity === severity);
    if (group.length === 0) continue;
    lines.push(
      paint('bold', paint(SEVERITY_STYLE[severity], `${severity.toUpperCase()} (${counted(group)})`)),
    );
    for (const [resource, findings] of byResource(group)) {
      lines.push(`  ${paint('bold', resource)}`);
      for (const f of findings) lines.push(...findingLines(f, paint));
    }
    lines.push('');
  }
  const unknowns = shown.filter((f) => f.status === 'unknown');
  if (unknowns.length > 0) {
    lines.push(paint('bold', `UNKNOWN (${counted(unknowns)}): could not be decided from the template alone`));
    for (const [resource, findings] of byResource(unknowns)) {
      lines.push(`  ${paint('bold', resource)}`);
      for (const f of findings) lines.push(...findingLines(f, paint));
    }
    lines.push('');
  }
  if (result.errors.length > 0) {
    // Not "not everything was covered": a suppression entry without a reason, say, leaves nothing unscanned
    // (its finding stays open). Each message says what its problem affects.
    lines.push(
      paint(
        'bold',
        paint('red', `SCAN ERRORS (${result.errors.length}): fix these; the rest of the scan went on`),
      ),
    );
    for (const e of result.errors) lines.push(`  ${paint('red', 'error')} ${where(e)}${e.message}`);
    lines.push('');
  }
  if (result.warnings.length > 0) {
    lines.push(
      paint('bold', paint('yellow', `WARNINGS (${result.warnings.length}): the scan went on; read these`)),
    );
    for (const w of result.warnings) lines.push(`  ${paint('yellow', 'warning')} ${w}`);
    lines.push('');
  }
  lines.push(
    paint(
      'gray',
      result.config === undefined
        ? 'config: none (no parapet.yaml in the working directory, in a scanned folder or beside a scanned file)'
        : `config: ${result.config}`,
    ),
  );
  lines.push(summaryLine(result, options, paint));
  return `${lines.join('\n')}\n`;
}

function byResource(findings: Finding[]): Map<string, Finding[]> {
  const groups = new Map<string, Finding[]>();
  for (const f of findings) {
    const key = `${f.resource.id} (${f.resource.type})${f.location.file ? `  ${f.location.file}` : f.location.arn ? `  ${f.location.arn}` : ''}`;
    const list = groups.get(key);
    if (list) list.push(f);
    else groups.set(key, [f]);
  }
  return groups;
}

function findingLines(f: Finding, paint: Paint): string[] {
  const out = [
    `    ${paint(SEVERITY_STYLE[f.severity], f.checkId)} ${f.title}${f.suppressed ? paint('dim', ' [suppressed]') : ''}`,
  ];
  out.push(`      ${f.message}`);
  const at = [
    position(f.location),
    f.resource.generated ? generatedLabel(f.resource.generated) : '',
    shownCdkPath(f) ? `cdk path ${shownCdkPath(f)}` : '',
    f.resource.loop ? `made by ${f.resource.loop}` : '',
  ]
    .filter(Boolean)
    .join(' · ');
  if (at) out.push(`      ${paint('gray', at)}`);
  // One the message already ends with (a failure made unknown: "...; but the resource is deployed only
  // when ...") is not said twice; JSON and SARIF keep every assumption.
  for (const a of shownAssumptions(f.assumptions ?? [])) {
    if (!f.message.endsWith(a.replace(/^the resource /, '')))
      out.push(`      ${paint('gray', `assumes ${a}`)}`);
  }
  if (f.suppressed)
    out.push(`      ${paint('gray', `suppressed (${f.suppressed.by}): ${f.suppressed.reason}`)}`);
  return out;
}

const DEFAULT_ASSUMED = /^parameter (.+) uses its default value, which a deploy may override$/;

/**
 * A finding's assumptions as the terminal shows them: beyond three parameter defaults, one line names the
 * first three and counts the rest (a function with 36 settings from parameters listed 36 lines).
 */
function shownAssumptions(assumptions: readonly string[]): string[] {
  const defaults = assumptions.flatMap((a) => DEFAULT_ASSUMED.exec(a)?.[1] ?? []);
  if (defaults.length <= 3) return [...assumptions];
  const others = assumptions.filter((a) => !DEFAULT_ASSUMED.test(a));
  const named = `${defaults.slice(0, 3).join(', ')} and ${defaults.length - 3} more`;
  return [
    `the defaults of parameters ${named}, which a deploy may override (JSON lists them all)`,
    ...others,
  ];
}

/** The construct path of what the location is in: another resource's when the finding points into it (its queue). */
function shownCdkPath(f: Finding): string | undefined {
  const declaration = f.location.declaration;
  return declaration ? declaration.cdkPath : f.resource.cdkPath;
}

function position(l: FindingLocation): string {
  if (l.file) return `${l.file}${l.line ? `:${l.line}:${l.column ?? 1}` : ''}`;
  return [l.arn, l.account, l.region].filter(Boolean).join(' ');
}

function where(e: ScanError): string {
  if (!e.file) return '';
  return `${e.file}${e.line ? `:${e.line}:${e.column ?? 1}` : ''}: `;
}

function summaryLine(result: ScanResult, options: TextOptions, paint: Paint): string {
  const s = summarize(result);
  const counts = SEVERITIES.filter((sev) => s.failed[sev] > 0).map((sev) =>
    paint(SEVERITY_STYLE[sev], `${s.failed[sev]} ${sev}`),
  );
  const head =
    s.failedTotal === 0
      ? paint('green', 'No failed checks')
      : `${s.failedTotal} failed (${counts.join(', ')})`;
  const tail = [
    `${s.unknown} unknown`,
    `${s.suppressed} suppressed`,
    `${plural(s.templates, 'template')}, ${plural(s.resources, 'resource')}, ${checksRun(s.checks, options.checksAvailable)}`,
    s.errors > 0 ? paint('red', `${s.errors} scan error${s.errors === 1 ? '' : 's'}`) : '0 scan errors',
  ];
  return `${head} · ${tail.join(' · ')}`;
}

/** `31 checks` when all ran; else `30 of 31 checks (1 off by default)`, `3 of 31 checks (28 skipped)`. */
function checksRun(run: number, available: TextOptions['checksAvailable']): string {
  if (available === undefined || run >= available.total) return plural(run, 'check');
  const skipped = available.total - run - available.offByDefault;
  const why = [
    available.offByDefault > 0 ? `${available.offByDefault} off by default` : '',
    skipped > 0 ? `${skipped} skipped` : '',
  ].filter(Boolean);
  return `${run} of ${plural(available.total, 'check')}${why.length > 0 ? ` (${why.join(', ')})` : ''}`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** A group's count as the summary counts it: open findings, and the suppressed ones apart (`--show-suppressed`). */
function counted(group: readonly Finding[]): string {
  const suppressed = group.filter((f) => f.suppressed).length;
  return suppressed === 0 ? `${group.length}` : `${group.length - suppressed}, and ${suppressed} suppressed`;
}
