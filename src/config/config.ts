import { z } from 'zod';
import { type Check, SEVERITIES, type Severity } from '../checks/define.js';
import { ALL_CHECKS } from '../checks/index.js';
import { unmatchedPatterns } from '../checks/select.js';
import { readExpiry } from '../findings/expiry.js';
import { asRecord } from '../sources/cloudformation/intrinsic-values.js';
import { ParseError, type PlainYamlFile, parsePlainYaml } from '../sources/cloudformation/yaml.js';
import { readCapped } from '../sources/file-texts.js';
import { validateCheckOptions } from './check-options.js';
import { describeIssue } from './issues.js';
import { noCheckMatches } from './names.js';
import { type ConfigLocator, type ConfigPath, type ConfigProblem, configError } from './problems.js';
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

/** The most of parapet.yaml that is read: a file of this size holds some thousands of suppressions. */
export const MAX_CONFIG_BYTES = 1024 * 1024;

/**
 * Reads and validates parapet.yaml. A wrong key or value is an error that names it and says where it is
 * (file:line:column); so is a check option that `checks` do not declare, or a value their declaration does
 * not allow.
 */
export function loadConfig(file: string, checks: readonly Check[] = ALL_CHECKS): Config {
  let text: string;
  try {
    // A regular file or a pipe (`-c /dev/stdin`, `-c <(...)`) read up to the cap: `-c /dev/zero` would never end.
    const read = readCapped(file, MAX_CONFIG_BYTES, true);
    if ('tooLarge' in read) {
      // A pipe's size is not known: it is read no further than the cap.
      const over = read.atLeast ? 'it holds more than' : `${(read.tooLarge / 1048576).toFixed(2)} MB is over`;
      throw new ConfigError(
        `${file}: not read: ${over} the ${MAX_CONFIG_BYTES / 1048576} MB Parapet reads of a configuration file`,
      );
    }
    text = read.text;
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    throw new ConfigError(
      `${file}: cannot read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
    );
  }
  let parsed: PlainYamlFile;
  try {
    // The core schema: `expires: 2027-13-45` stays the text the user wrote (the default schema would make it
    // a Date, rolled over to 2028-02-14) so that it can be refused.
    parsed = parsePlainYaml(text, file);
  } catch (error) {
    if (!(error instanceof ParseError)) throw error;
    const at =
      error.line === undefined ? '?' : [error.line, error.column].filter((n) => n !== undefined).join(':');
    throw new ConfigError(`${file}:${at}: ${error.message}`);
  }
  return parseConfig(parsed.value ?? {}, file, checks, parsed.locator);
}

/**
 * Validates a parsed parapet.yaml. Every problem that can be told is told at once: the later stages (check
 * ids, severities, options, enable against disable) run on the parts whose shape is right, so that a user
 * fixes the file in one go, and skip the parts that are wrong, whose problem is already told. `locator`
 * (from parsePlainYaml, for `raw`) gives each problem its line and column.
 */
export function parseConfig(
  raw: unknown,
  file = 'parapet.yaml',
  checks: readonly Check[] = ALL_CHECKS,
  locator?: ConfigLocator,
): Config {
  const result = schema.safeParse(raw);
  const shape = result.success
    ? []
    : result.error.issues.flatMap((issue) => describeIssue(issue, raw, KNOWN_KEYS));
  const written = wellShapedParts(raw);
  const severities = resolveSeverityOverrides(written.severity, checks);
  const options = validateCheckOptions(written.options, checks);
  const conflicts = selectionConflicts(written.enable, written.disable, checks);
  const problems = [
    ...shape,
    ...severities.problems,
    ...unmatchedIds(written, checks),
    ...options.problems,
    ...conflicts,
  ];
  if (!result.success || problems.length > 0) {
    throw configError(file, problems, locator && { raw, locator });
  }
  const c = result.data;
  return {
    trustedAccounts: c.trustedAccounts ?? [],
    ...(c.failOn ? { failOn: c.failOn } : {}),
    severityOverrides: severities.overrides,
    enable: c.checks?.enable ?? [],
    disable: c.checks?.disable ?? [],
    options: options.options,
    suppressions: (c.suppressions ?? []).map((s, index) => ({ ...s, ...entryPlace(raw, index, locator) })),
    file,
  };
}

/** Where suppression `index` is written: its `id` key, and its `expires` value (for warnings about it later). */
function entryPlace(raw: unknown, index: number, locator: ConfigLocator | undefined) {
  const list = (raw as { suppressions?: unknown } | null)?.suppressions;
  const entry = Array.isArray(list) ? list[index] : undefined;
  if (locator === undefined || entry === null || typeof entry !== 'object') return {};
  const at = locator.locate(entry, 'id');
  const expiresAt = locator.locateValue(entry, 'expires');
  return { ...(at ? { at } : {}), ...(expiresAt ? { expiresAt } : {}) };
}

/**
 * Check ids and globs in `checks.enable`, `checks.disable` and `suppressions` that match no check: a typo
 * would silently do nothing. Each is told at its entry. (`severity` and `checks.options` keys are resolved,
 * and refused the same way, by resolveSeverityOverrides and validateCheckOptions.)
 */
function unmatchedIds(written: WellShaped, checks: readonly Check[]): ConfigProblem[] {
  const unmatched = (
    ids: readonly (string | undefined)[],
    path: (index: number) => ConfigPath,
    where: string,
  ) =>
    ids.flatMap((id, index) =>
      id === undefined
        ? []
        : unmatchedPatterns(checks, [id]).map((pattern) => ({
            message: noCheckMatches(pattern, checks, where),
            path: path(index),
          })),
    );
  return [
    ...unmatched(written.enable, (i) => ['checks', 'enable', i], 'checks.enable'),
    ...unmatched(written.disable, (i) => ['checks', 'disable', i], 'checks.disable'),
    // A suppression is named by its entry too: several may suppress one id.
    ...written.suppressionIds.flatMap((id, index) =>
      unmatched([id], () => ['suppressions', index, 'id'], `suppressions[${index}]`),
    ),
  ];
}

/**
 * The parts of a file, valid or not, that the stages after its shape read: each as written, with the entries
 * whose shape is wrong left out (a list's as undefined, so that the others keep their indexes). Own keys
 * only, `__proto__` included: it is refused by name like any key that names no check or option.
 */
interface WellShaped {
  /** `severity` entries whose value is a severity. */
  readonly severity: Readonly<Record<string, Severity>>;
  /** `checks.enable` and `checks.disable` entries that are text. */
  readonly enable: readonly (string | undefined)[];
  readonly disable: readonly (string | undefined)[];
  /** `checks.options` entries whose value is a mapping. */
  readonly options: Readonly<Record<string, Record<string, unknown>>>;
  /** The `id` of each `suppressions` entry. */
  readonly suppressionIds: readonly (string | undefined)[];
}

function wellShapedParts(raw: unknown): WellShaped {
  const top = asRecord(raw);
  const checksPart = asRecord(top?.checks);
  const names = (value: unknown) =>
    Array.isArray(value) ? value.map((v) => (typeof v === 'string' && v !== '' ? v : undefined)) : [];
  const entries = (value: unknown) => Object.entries(asRecord(value) ?? {});
  const suppressions = Array.isArray(top?.suppressions) ? (top.suppressions as unknown[]) : [];
  return {
    severity: Object.fromEntries(
      entries(top?.severity).filter(
        (entry): entry is [string, Severity] => severity.safeParse(entry[1]).success,
      ),
    ),
    enable: names(checksPart?.enable),
    disable: names(checksPart?.disable),
    options: Object.fromEntries(
      entries(checksPart?.options).flatMap(([id, values]) => {
        const record = asRecord(values);
        return record ? [[id, record]] : [];
      }),
    ),
    suppressionIds: suppressions.map((entry) => {
      const id = asRecord(entry)?.id;
      return typeof id === 'string' && id.trim() !== '' ? id : undefined;
    }),
  };
}
