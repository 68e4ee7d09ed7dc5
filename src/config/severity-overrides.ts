import type { Check, Severity } from '../checks/define.js';
import { noCheckMatches, resolveCheckKey } from './names.js';
import type { ConfigProblem } from './problems.js';

export interface ResolvedSeverities {
  /** Severity by exact check id: the key evaluate looks it up by. */
  readonly overrides: Record<string, Severity>;
  /** Each at the key it is about (of two keys, the later one). */
  readonly problems: ConfigProblem[];
}

/**
 * Turns parapet.yaml `severity:` into one severity per check id. A key is a check id (any case), a glob or a
 * service, like everywhere else in the file; a check named by its id takes that severity whatever the
 * globs say. Two globs that give one check different severities are an error: the file's order is no
 * way to say which one wins.
 */
export function resolveSeverityOverrides(
  raw: Readonly<Record<string, Severity>>,
  checks: readonly Check[],
): ResolvedSeverities {
  const overrides: Record<string, Severity> = {};
  const problems: ConfigProblem[] = [];
  const atKey = (key: string, message: string) =>
    problems.push({ message, path: ['severity', key], on: 'key' });
  const byId = new Map<string, string>();
  const byPattern = new Map<string, string>();
  /** The sentence's start, the checks both keys match, and the later key. */
  const conflicts = new Map<string, { ids: string[]; key: string }>();

  // Each key resolved once: ids first, then the patterns that cover the checks no id names.
  const keys = Object.entries(raw).map(([key, severity]) => ({
    key,
    severity,
    named: resolveCheckKey(key, checks),
  }));
  for (const { key, severity, named } of keys) {
    if (named.kind === 'none') atKey(key, noCheckMatches(key, checks, 'severity'));
    if (named.kind !== 'id') continue;
    const earlier = byId.get(named.check.id);
    if (earlier !== undefined && raw[earlier] !== severity) {
      atKey(key, `severity: "${earlier}" and "${key}" both name ${named.check.id}`);
    }
    byId.set(named.check.id, key);
    overrides[named.check.id] = severity;
  }
  for (const { key, severity, named } of keys) {
    if (named.kind !== 'pattern') continue;
    for (const check of named.checks) {
      if (byId.has(check.id)) continue;
      const earlier = byPattern.get(check.id);
      if (earlier !== undefined && raw[earlier] !== severity) {
        const pair = `severity: "${earlier}" (${raw[earlier]}) and "${key}" (${severity}) both match`;
        conflicts.set(pair, { ids: [...(conflicts.get(pair)?.ids ?? []), check.id], key });
        continue;
      }
      byPattern.set(check.id, key);
      overrides[check.id] = severity;
    }
  }
  for (const [pair, { ids, key }] of conflicts) {
    atKey(key, `${pair} ${ids.join(', ')}; set ${ids.length > 1 ? 'them' : 'it'} by id`);
  }
  return { overrides, problems };
}
