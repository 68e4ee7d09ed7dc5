import picomatch from 'picomatch';
import type { Resource } from '../model/index.js';
import type { Inventory } from '../model/inventory.js';
import type { Finding, ScanError } from './finding.js';

/** A suppression from parapet.yaml: which checks, on which resources, why, until when. */
export interface ConfigSuppression {
  /** Check id or glob (`iam.*`). */
  readonly id: string;
  /** Glob over the resource id, its CDK path or its file (`LogRetention*`, `*\/Custom::*`); default all. */
  readonly resource?: string;
  readonly reason: string;
  /** ISO date; on and after it the suppression no longer applies. */
  readonly expires?: string;
}

export interface SuppressionOutcome {
  readonly findings: Finding[];
  readonly errors: ScanError[];
  readonly warnings: string[];
}

/**
 * Marks findings suppressed (kept, not dropped) by the resource's own Metadata or by the config.
 * A suppression without a reason is an error; an expired one stops suppressing and says so.
 */
export function applySuppressions(
  findings: readonly Finding[],
  inventory: Inventory,
  config: readonly ConfigSuppression[],
  today: Date,
  displayPath: (file: string) => string,
): SuppressionOutcome {
  const errors: ScanError[] = [];
  const warnings = new Set<string>();
  const matchers = config.map((s) => ({
    s,
    id: picomatch(s.id),
    resource: s.resource ? picomatch(s.resource, { dot: true }) : () => true,
    expired: isExpired(s.expires, today),
  }));
  const reportedMissingReason = new Set<string>();
  const out = findings.map((finding) => {
    const resource = inventory.resolve(finding.resource.id) as Resource | undefined;
    for (const inline of resource?.suppressions ?? []) {
      if (inline.id !== finding.checkId && !picomatch.isMatch(finding.checkId, inline.id)) continue;
      if (!inline.reason?.trim()) {
        const key = `${finding.resource.id}:${inline.id}`;
        if (!reportedMissingReason.has(key)) {
          reportedMissingReason.add(key);
          const position =
            'locator' in inline.source ? inline.source.locator.locate(inline.source.node) : undefined;
          errors.push({
            kind: 'config',
            message: `suppression of ${inline.id} on ${finding.resource.id} has no reason; a reason is required, so it does not apply`,
            resource: finding.resource.id,
            ...('file' in inline.source ? { file: displayPath(inline.source.file) } : {}),
            ...position,
          });
        }
        continue;
      }
      if (isExpired(inline.expires, today)) {
        warnings.add(
          `suppression of ${inline.id} on ${finding.resource.id} expired on ${inline.expires}; its findings are reported again`,
        );
        continue;
      }
      return {
        ...finding,
        suppressed: {
          reason: inline.reason,
          by: 'inline' as const,
          ...(inline.expires ? { expires: inline.expires } : {}),
        },
      };
    }
    for (const m of matchers) {
      if (!m.id(finding.checkId)) continue;
      const names = [
        finding.resource.id,
        finding.resource.generated?.id,
        finding.resource.cdkPath,
        finding.location.file,
        finding.location.arn,
      ];
      if (!names.some((n) => n !== undefined && m.resource(n))) continue;
      if (m.expired) {
        warnings.add(
          `suppression of ${m.s.id}${m.s.resource ? ` on ${m.s.resource}` : ''} expired on ${m.s.expires}; its findings are reported again`,
        );
        continue;
      }
      return {
        ...finding,
        suppressed: {
          reason: m.s.reason,
          by: 'config' as const,
          ...(m.s.expires ? { expires: m.s.expires } : {}),
        },
      };
    }
    return finding;
  });
  return { findings: out, errors, warnings: [...warnings] };
}

/** A suppression applies up to and including its expiry date; from the next day on it has expired. */
export function isExpired(expires: string | undefined, today: Date): boolean {
  if (expires === undefined) return false;
  const lastDay = Date.parse(`${expires}T00:00:00Z`);
  // A date that does not parse never expires silently: treat it as expired so the finding shows.
  if (Number.isNaN(lastDay)) return true;
  return today.getTime() >= lastDay + 86_400_000;
}
