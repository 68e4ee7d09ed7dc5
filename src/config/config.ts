import { readFileSync } from 'node:fs';
import yaml from 'js-yaml';
import { z } from 'zod';
import { type Check, SEVERITIES, type Severity } from '../checks/define.js';
import { ALL_CHECKS } from '../checks/index.js';
import { validateCheckOptions } from './check-options.js';
import { resolveSeverityOverrides } from './severity-overrides.js';
import { type Config, ConfigError } from './types.js';

export { type Config, ConfigError, EMPTY_CONFIG } from './types.js';

const severity = z.enum(SEVERITIES as [Severity, ...Severity[]]);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD');
const accountId = z.string().regex(/^\d{12}$/, 'a 12-digit AWS account id');

const schema = z.strictObject({
  version: z.literal(1).optional(),
  trustedAccounts: z.array(z.coerce.string().pipe(accountId)).optional(),
  failOn: severity.or(z.literal('none')).optional(),
  severity: z.record(z.string(), severity).optional(),
  checks: z
    .strictObject({
      enable: z.array(z.string()).optional(),
      disable: z.array(z.string()).optional(),
      options: z.record(z.string(), z.record(z.string(), z.unknown())).optional(),
    })
    .optional(),
  suppressions: z
    .array(
      z.strictObject({
        id: z.string().min(1),
        resource: z.string().min(1).optional(),
        reason: z.string().trim().min(1, 'a reason is required'),
        expires: z
          .preprocess((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v), isoDate)
          .optional(),
      }),
    )
    .optional(),
});

export type ConfigFile = z.infer<typeof schema>;

/**
 * Reads and validates parapet.yaml. A wrong key or value is an error that names it; so is a check option
 * that `checks` do not declare, or a value their declaration does not allow.
 */
export function loadConfig(file: string, checks: readonly Check[] = ALL_CHECKS): Config {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(
      `${file}: cannot read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
    );
  }
  let raw: unknown;
  try {
    raw = yaml.load(text) ?? {};
  } catch (error) {
    const e = error as yaml.YAMLException;
    throw new ConfigError(`${file}:${e.mark ? e.mark.line + 1 : '?'}: ${e.reason ?? e.message}`);
  }
  return parseConfig(raw, file, checks);
}

export function parseConfig(
  raw: unknown,
  file = 'parapet.yaml',
  checks: readonly Check[] = ALL_CHECKS,
): Config {
  const result = schema.safeParse(raw);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => {
      const path = issue.path.join('.');
      if (issue.code === 'unrecognized_keys') {
        const where = path ? ` in ${path}` : '';
        return `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}${where}`;
      }
      return `${path || '(top level)'}: ${issue.message}`;
    });
    throw new ConfigError(`${file}: ${problems.join('; ')}`);
  }
  const c = result.data;
  const severities = resolveSeverityOverrides(c.severity ?? {}, checks);
  const options = validateCheckOptions(c.checks?.options ?? {}, checks);
  const problems = [...severities.problems, ...options.problems];
  if (problems.length > 0) throw new ConfigError(`${file}: ${problems.join('; ')}`);
  return {
    trustedAccounts: c.trustedAccounts ?? [],
    ...(c.failOn ? { failOn: c.failOn } : {}),
    severityOverrides: severities.overrides,
    enable: c.checks?.enable ?? [],
    disable: c.checks?.disable ?? [],
    options: options.options,
    suppressions: (c.suppressions ?? []).map((s) => ({ ...s })),
    file,
  };
}
