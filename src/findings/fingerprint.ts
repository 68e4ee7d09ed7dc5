import { createHash } from 'node:crypto';

/**
 * A finding's identity across scans: check, scope (file or account/region), resource and detail.
 * Not the line, so edits that move code keep alerts, suppressions and baselines attached.
 */
export function fingerprint(parts: readonly string[]): string {
  return createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 32);
}
