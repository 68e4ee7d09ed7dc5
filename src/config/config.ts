import { readFileSync } from 'node:fs';
import yaml from 'js-yaml';
import { z } from 'zod';
import { type Check, SEVERITIES, type Severity } from '../checks/define.js';
import { ALL_CHECKS } from '../checks/index.js';
import { unmatchedPatterns } from '../checks/select.js';
import { readExpiry } from '../findings/expiry.js';
import { own, setOwn } from '../model/own.js';
import { asRecord } from '../sources/cloudformation/intrinsics.js';
import { validateCheckOptions } from './check-options.js';
import { describeIssue } from './issues.js';
import { noCheckMatches } from './names.js';
import { selectionConflicts } from './selection.js';
import { resolveSeverityOverrides } from './severity-overrides.js';
import { type Config, ConfigError } from './types.js';

export { type Config, ConfigError, EMPTY_CONFIG } from './types.js';

const severity = z.enum(SEVERITIES as [Severity, ...Severity[]]);
const accountId = z.string().regex(/^\d{12}$/, 'a 12-digit AWS account id');

/** A real calendar date written YYYY-MM-DD (`2027-13-45` and `31/12/2027` are refused, not rolled over). */
const expiryDate = z.unknown().transform((value, ctx) => {
  const expiry = readExpiry(value);
  if ('date' in expiry) return expiry.date;
  ctx.addIssue({ code: 'custom', message: expiry.problem });
  return z.NEVER;
});

// The shapes are kept apart so that an unknown key's message can list (and guess among) the known ones.
const checksShape = {
  enable: z.array(z.string().min(1, 'must not be empty')).optional(),
  disable: z.array(z.string().min(1, 'must not be empty')).optional(),
  options: z.record(z.string(), z.record(z.string(), z.unknown())).optional(),
};
const suppressionShape = {
  id: z.string().trim().min(1, 'the check id or glob to suppress is required'),
  resource: z.string().min(1, 'must not be empty (leave it out to match every resource)').optional(),
  reason: z.string().trim().min(1, 'a reason is required'),
  expires: expiryDate.optional(),
};
const topShape = {
  version: z.literal(1).optional(),
  trustedAccounts: z.array(z.coerce.string().pipe(accountId)).optional(),
  // The allowed values in the order a message lists them: most severe first, then none.
  failOn: z
    .enum([...SEVERITIES, 'none'] as unknown as [Severity | 'none', ...(Severity | 'none')[]])
    .optional(),
  severity: z.record(z.string(), severity).optional(),
  checks: z.strictObject(checksShape).optional(),
  suppressions: z.array(z.strictObject(suppressionShape)).optional(),
};
const schema = z.strictObject(topShape);

/** The keys a mapping at `path` takes (for "did you mean"), by the path without list indexes. */
const KNOWN_KEYS: Readonly<Record<string, readonly string[]>> = {
  '': Object.keys(topShape),
  checks: Object.keys(checksShape),
  suppressions: Object.keys(suppressionShape),
};

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
    // CORE_SCHEMA: `expires: 2027-13-45` stays the text the user wrote (the default schema would make it a
    // Date, rolled over to 2028-02-14) so that it can be refused.
    raw = yaml.load(text, { schema: yaml.CORE_SCHEMA }) ?? {};
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
    const problems = result.error.issues.map((issue) => describeIssue(issue, raw, KNOWN_KEYS));
    // Ids that match no check are told now too, not only once the rest is fixed.
    throw configError(file, [...problems, ...unmatchedIds(idsWritten(raw), checks)]);
  }
  const c = result.data;
  const written = asRecord(raw);
  const severities = resolveSeverityOverrides(withProtoKey(c.severity, written?.severity) ?? {}, checks);
  const writtenOptions = asRecord(asRecord(written?.checks)?.options);
  const options = validateCheckOptions(optionsWithProtoKeys(c.checks?.options, writtenOptions) ?? {}, checks);
  const conflicts = selectionConflicts(c.checks?.enable ?? [], c.checks?.disable ?? [], checks);
  const problems = [...severities.problems, ...unmatchedIds(c, checks), ...options.problems, ...conflicts];
  if (problems.length > 0) throw configError(file, problems);
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

/**
 * Check ids and globs in `checks.enable`, `checks.disable` and `suppressions` that match no check: a typo
 * would silently do nothing. (`severity` and `checks.options` keys are resolved, and refused the same way,
 * by resolveSeverityOverrides and validateCheckOptions.)
 */
function unmatchedIds(c: IdsWritten, checks: readonly Check[]): string[] {
  const places: [string, readonly string[]][] = [
    ['checks.enable', c.checks?.enable ?? []],
    ['checks.disable', c.checks?.disable ?? []],
  ];
  const lists = places.flatMap(([where, ids]) =>
    unmatchedPatterns(checks, ids).map((id) => noCheckMatches(id, checks, where)),
  );
  // A suppression is named by its entry too: several may suppress one id.
  const suppressions = (c.suppressions ?? []).flatMap((s, index) =>
    unmatchedPatterns(checks, [s.id]).map((id) => noCheckMatches(id, checks, `suppressions[${index}]`)),
  );
  return [...lists, ...suppressions];
}

const PROTO = '__proto__';

/**
 * `parsed` with the `__proto__` key of `written`, when it has one. zod leaves that key out of a record (so
 * that it cannot set a prototype), and a key left out would do nothing, silently; put back, it is refused
 * by name like any other key that names no check or option.
 */
function withProtoKey<T>(
  parsed: Readonly<Record<string, T>> | undefined,
  written: unknown,
): Readonly<Record<string, T>> | undefined {
  const record = asRecord(written);
  if (parsed === undefined || record === undefined || !Object.hasOwn(record, PROTO)) return parsed;
  const out = { ...parsed };
  setOwn(out, PROTO, record[PROTO] as T);
  return out;
}

/** `checks.options` with the `__proto__` keys of what was written, at both levels (see withProtoKey). */
function optionsWithProtoKeys(
  parsed: Readonly<Record<string, Record<string, unknown>>> | undefined,
  written: Record<string, unknown> | undefined,
): Readonly<Record<string, Record<string, unknown>>> | undefined {
  const top = withProtoKey(parsed, written);
  if (top === undefined) return undefined;
  const values = (id: string, given: Record<string, unknown>) =>
    withProtoKey(given, own(written, id)) ?? given;
  return Object.fromEntries(Object.entries(top).map(([id, given]) => [id, values(id, given)]));
}

/** The places of a config that name checks. */
interface IdsWritten {
  readonly checks?: { readonly enable?: readonly string[]; readonly disable?: readonly string[] };
  readonly suppressions?: readonly { readonly id: string }[];
}

/** The check ids a config that did not validate names where ids go, as far as they are text. */
function idsWritten(raw: unknown): IdsWritten {
  const texts = (value: unknown) => (Array.isArray(value) ? value.filter((v) => typeof v === 'string') : []);
  const checks = asRecord(asRecord(raw)?.checks);
  const suppressions = asRecord(raw)?.suppressions;
  return {
    checks: { enable: texts(checks?.enable), disable: texts(checks?.disable) },
    suppressions: (Array.isArray(suppressions) ? suppressions : []).flatMap((entry) => {
      const id = asRecord(entry)?.id;
      return typeof id === 'string' ? [{ id }] : [];
    }),
  };
}

/** One problem on the file's line; several, one per line, so that each can be read (and fixed) alone. */
function configError(file: string, problems: readonly string[]): ConfigError {
  if (problems.length === 1) return new ConfigError(`${file}: ${problems[0]}`);
  return new ConfigError(
    `${file}: ${problems.length} problems:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
  );
}
