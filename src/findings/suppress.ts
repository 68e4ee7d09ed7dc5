import picomatch from 'picomatch';
import type { Resource } from '../model/index.js';
import type { Inventory } from '../model/inventory.js';
import type { Finding } from './finding.js';

/** A suppression from parapet.yaml: which checks, on which resources, why, until when. */
export interface ConfigSuppression {
  /** Check id or glob (`iam.*`). */
  readonly id: string;
  /** Glob over the resource id, its CDK path or its file (`LogRetention*`, `*\/Custom::*`); default all. */
  readonly resource?: string;
  readonly reason: string;
  /** Last day it applies (YYYY-MM-DD, a real calendar date); from the next day on it no longer does. */
  readonly expires?: string;
}

export interface SuppressionOutcome {
  readonly findings: Finding[];
  readonly warnings: string[];
}

/**
 * Marks findings suppressed (kept, not dropped) by the resource's own Metadata or by the config.
 * An expired suppression stops suppressing and says so. Both kinds are validated before they get here
 * (a reason, a real YYYY-MM-DD date): a broken one is an error where it is read, and never reaches this.
 */
export function applySuppressions(
  findings: readonly Finding[],
  inventory: Inventory,
  config: readonly ConfigSuppression[],
  today: Date,
): SuppressionOutcome {
  const warnings = new Set<string>();
  const matchers = config.map((s) => ({
    s,
    id: picomatch(s.id),
    resource: s.resource ? picomatch(s.resource, { dot: true }) : () => true,
    expired: isExpired(s.expires, today),
  }));
  const out = findings.map((finding) => {
    const resource = inventory.resolve(finding.resource.id) as Resource | undefined;
    // Inline suppressions were validated where they were read: each has a reason and a real date.
    for (const inline of resource?.suppressions ?? []) {
      if (inline.id !== finding.checkId && !picomatch.isMatch(finding.checkId, inline.id)) continue;
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
  return { findings: out, warnings: [...warnings] };
}

/** A suppression applies up to and including its expiry date; from the next day on it has expired. */
export function isExpired(expires: string | undefined, today: Date): boolean {
  if (expires === undefined) return false;
  const lastDay = Date.parse(`${expires}T00:00:00Z`);
  // A date that does not parse never expires silently: treat it as expired so the finding shows.
  if (Number.isNaN(lastDay)) return true;
  return today.getTime() >= lastDay + 86_400_000;
}
