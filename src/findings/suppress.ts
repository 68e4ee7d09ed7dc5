import picomatch from 'picomatch';
import { checkMatcher } from '../checks/select.js';
import { closest } from '../config/names.js';
import { externalRoleKey, sameExternalRole } from '../iam/role-policies.js';
import type { Resource } from '../model/index.js';
import type { Inventory } from '../model/inventory.js';
import type { InlineSuppression } from '../model/resource.js';
import { isFileSource, type Position, type SourceRef } from '../model/source.js';
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
  /** Where the entry is written in parapet.yaml (its `id`; its `expires` for `expiresAt`), for warnings about it. */
  readonly at?: Position;
  readonly expiresAt?: Position;
}

/**
 * The parapet.yaml the config suppressions come from: how it is shown, and a finding's file as seen from its
 * folder, so that a `resource` glob over a file means the same from wherever the scan is run.
 */
export interface SuppressionsFile {
  readonly shown: string;
  readonly relative: (shownFile: string) => string;
}

export interface SuppressionOutcome {
  readonly findings: Finding[];
  readonly warnings: string[];
  /** The inline suppressions that matched a failed or unknown finding (see unmatchedInlineSuppressionWarnings). */
  readonly matchedInline: ReadonlySet<InlineSuppression>;
}

/**
 * What the parapet.yaml suppressions matched over a whole scan: they apply across templates, so whether
 * one matched nothing is decided once every template is done (see `unmatchedSuppressionWarnings`).
 */
export class SuppressionTally {
  /** Indexes (into the config's list) of the entries that matched a failed or unknown finding. */
  readonly matched = new Set<number>();
  /** By entry: the resources of findings its id matched, but its resource glob did not (for "did you mean"). */
  readonly missed = new Map<number, Set<string>>();
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
  tally?: SuppressionTally,
  displayPath: (file: string) => string = (file) => file,
  configFile?: SuppressionsFile,
): SuppressionOutcome {
  const warnings = new Set<string>();
  const matchedInline = new Set<InlineSuppression>();
  const matchers = config.map((s) => ({
    s,
    id: idMatcher(s.id),
    resource: s.resource ? picomatch(s.resource, { dot: true }) : () => true,
    expired: isExpired(s.expires, today),
  }));
  // The template, for a finding located in a file it includes (an API definition): a glob naming it covers those too.
  const template = displayPath(inventory.scope);
  const out = findings.map((finding) => {
    if (tally && finding.status !== 'pass') count(finding, matchers, tally, configFile, template);
    // A route of an API's OpenAPI definition is reported on the API, which the model does not hold: the route it
    // generated carries the API's Metadata.
    const generated = finding.resource.generated?.id;
    const resource = (inventory.resolve(finding.resource.id) ??
      (generated === undefined ? undefined : inventory.resolve(generated))) as Resource | undefined;
    // Inline suppressions were validated where they were read: each has a reason and a real date.
    for (const inline of resource?.suppressions ?? []) {
      if (!idMatcher(inline.id)(finding.checkId)) continue;
      if (finding.status !== 'pass') matchedInline.add(inline);
      if (isExpired(inline.expires, today)) {
        warnings.add(
          `${placeOf(inline.source, 'expires', displayPath)}: suppression of ${inline.id} on ${finding.resource.id} expired on ${inline.expires}; its findings are reported again`,
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
      if (!coversResource(m.resource, finding, configFile, template)) continue;
      if (m.expired) {
        warnings.add(
          `${placeInConfig(configFile, m.s.expiresAt ?? m.s.at)}suppression of ${m.s.id}${m.s.resource ? ` on ${m.s.resource}` : ''} expired on ${m.s.expires}; its findings are reported again`,
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
  return { findings: out, warnings: [...warnings], matchedInline };
}

/**
 * Whether a config suppression's resource glob matches the finding's resource id, CDK path, the loop that
 * made it (`Fn::ForEach::Topics`), file or ARN.
 */
function coversResource(
  resource: (name: string) => boolean,
  finding: Finding,
  configFile: SuppressionsFile | undefined,
  template: string,
): boolean {
  const file = finding.location.file;
  // A finding in a file the template includes is the template's too.
  const elsewhere = file !== undefined && file !== template ? template : undefined;
  const named = [
    finding.resource.id,
    finding.resource.generated?.id,
    finding.resource.cdkPath,
    finding.resource.loop,
    file,
    elsewhere,
    finding.location.arn,
  ].some((n) => n !== undefined && resource(n));
  if (named || configFile === undefined) return named;
  // Else the file as seen from the config's folder, the same whichever folder the scan runs from (worked out
  // only here: every finding meets every entry).
  return [file, elsewhere].some((n) => n !== undefined && resource(configFile.relative(n)));
}

/** `parapet.yaml:12:5: ` where an entry is written, or '' when that is not known. */
function placeInConfig(configFile: SuppressionsFile | undefined, at: Position | undefined): string {
  if (configFile === undefined) return '';
  return `${configFile.shown}${at ? `:${at.line}:${at.column}` : ''}: `;
}

/**
 * Notes which config suppressions match the finding, whether or not one of them (or an inline one, which
 * comes first) is what suppresses it: an entry that matches is not a typo.
 */
function count(
  finding: Finding,
  matchers: readonly { id: (id: string) => boolean; resource: (name: string) => boolean }[],
  tally: SuppressionTally,
  configFile: SuppressionsFile | undefined,
  template: string,
): void {
  matchers.forEach((m, index) => {
    if (tally.matched.has(index) || !m.id(finding.checkId)) return;
    if (coversResource(m.resource, finding, configFile, template)) {
      tally.matched.add(index);
      tally.missed.delete(index);
      return;
    }
    const missed = tally.missed.get(index) ?? new Set<string>();
    for (const name of [finding.resource.id, finding.resource.generated?.id, finding.resource.cdkPath])
      if (name !== undefined) missed.add(name);
    tally.missed.set(index, missed);
  });
}

/**
 * One warning per parapet.yaml suppression that matched no failed or unknown finding in the whole scan: a
 * misspelt resource (`Fnn`) or check would otherwise hide nothing, silently. An entry whose checks did not
 * run (`--checks` chose others, or they are off) is left alone: it could not match. `file` is the config as
 * shown; `checksRun` the ids of the checks that ran.
 */
export function unmatchedSuppressionWarnings(
  config: readonly ConfigSuppression[],
  tally: SuppressionTally,
  file: string,
  checksRun: readonly string[],
): string[] {
  const warnings: string[] = [];
  config.forEach((s, index) => {
    if (tally.matched.has(index)) return;
    if (!checksRun.some(idMatcher(s.id))) return;
    const what = `${s.id}${s.resource === undefined ? '' : ` on ${s.resource}`}`;
    const advice = resourceAdvice(s.resource, [...(tally.missed.get(index) ?? [])]);
    const at = s.at ? `:${s.at.line}:${s.at.column}` : '';
    warnings.push(
      `${file}${at}: suppressions[${index}] (${what}) matched no finding in this scan; ${advice}`,
    );
  });
  return warnings;
}

/** What to say about an entry whose checks ran but whose resource glob matched none of their findings. */
function resourceAdvice(resource: string | undefined, missed: readonly string[]): string {
  if (resource === undefined) return 'remove it if it is no longer needed';
  const guess = /[*?[\]{}!()]/.test(resource) ? undefined : closest(resource, missed);
  if (guess !== undefined) return `did you mean resource "${guess}"?`;
  return 'check its resource (a logical id, CDK path or file, or a glob of them), or remove it if it is no longer needed';
}

/**
 * Inline suppressions whose id names no check (`lambda.tracing-not-actve`): they would hide nothing. Each
 * warning has the file and line of the id, and the check it most likely meant.
 */
export function unknownInlineSuppressionWarnings(
  inventory: Inventory,
  knownCheckIds: readonly string[],
  displayPath: (file: string) => string,
): string[] {
  const warnings: string[] = [];
  for (const { resource, s } of writtenSuppressions(inventory)) {
    if (knownCheckIds.some(idMatcher(s.id))) continue;
    const where = placeOf(s.source, 'id', displayPath);
    const guess = closest(s.id, knownCheckIds);
    const hint = guess === undefined ? '' : ` (did you mean "${guess}"?)`;
    warnings.push(
      `${where}: ${resource.id} suppresses "${s.id}", which names no check${hint}; it suppresses nothing`,
    );
  }
  return warnings;
}

/**
 * Inline suppressions of checks that ran which matched no failed or unknown finding on their resource:
 * stale, or written on the wrong resource. In CDK output a function's URL, role and permissions are
 * resources of their own, so metadata added to the function misses their findings: when a finding of the
 * same check is on a construct below the function's, the warning names it.
 */
export function unmatchedInlineSuppressionWarnings(
  inventory: Inventory,
  findings: readonly Finding[],
  matched: ReadonlySet<InlineSuppression>,
  checksRun: readonly string[],
  displayPath: (file: string) => string,
): string[] {
  const warnings: string[] = [];
  for (const { resource, s } of writtenSuppressions(inventory)) {
    if (matched.has(s)) continue;
    const matches = idMatcher(s.id);
    if (!checksRun.some(matches)) continue;
    const where = placeOf(s.source, 'id', displayPath);
    const below = resource.cdkPath?.replace(/\/Resource$/, '/');
    const meant = below
      ? findings.find(
          (f) => matches(f.checkId) && f.status !== 'pass' && f.resource.cdkPath?.startsWith(below),
        )
      : undefined;
    const onRole = meant ? undefined : findingOnExternalRole(resource, findings, matches);
    const advice = meant
      ? `its finding is on ${meant.resource.id} (${meant.resource.cdkPath}), a construct of its own: add the metadata to that one`
      : onRole
        ? `its finding is on role ${onRole.resource.id}, which it runs as, and is placed at the first function in the file naming that role (${placeText(onRole)}): move the suppression there`
        : 'remove it if it is no longer needed';
    warnings.push(
      `${where}: ${resource.id} suppresses ${s.id}, which found nothing on it in this scan; ${advice}`,
    );
  }
  return warnings;
}

/**
 * A finding on the role outside the template a function runs as (IamRole.external): it is placed at the first
 * function naming that role, whose suppressions it takes, not at this one.
 */
function findingOnExternalRole(
  resource: Resource,
  findings: readonly Finding[],
  matches: (checkId: string) => boolean,
): Finding | undefined {
  const key = resource.kind === 'lambda.function' ? externalRoleKey(resource.role) : undefined;
  if (key === undefined) return undefined;
  return findings.find(
    (f) =>
      matches(f.checkId) &&
      f.status !== 'pass' &&
      f.resource.kind === 'iam.role' &&
      sameExternalRole(f.resource.id, key),
  );
}

/** Where a finding is placed, as its location already shows the file (`template.yaml:8`). */
function placeText(finding: Finding): string {
  const { file, line } = finding.location;
  return file === undefined ? finding.resource.id : `${file}${line === undefined ? '' : `:${line}`}`;
}

/**
 * Each inline suppression with the resource it is written on. A role outside the template takes those of
 * the function naming it (IamRole.external): they are warned of there, once.
 */
function* writtenSuppressions(inventory: Inventory): Generator<{ resource: Resource; s: InlineSuppression }> {
  for (const resource of inventory.all()) {
    if (resource.kind === 'iam.role' && resource.external === true) continue;
    for (const s of resource.suppressions ?? []) yield { resource, s };
  }
}

/** Where an inline suppression's `key` is written, as `file:line:column` (or the resource's ARN). */
function placeOf(source: SourceRef, key: string, displayPath: (file: string) => string): string {
  if (!isFileSource(source)) return source.arn;
  const at = source.locator.locate(source.node, key) ?? source.locator.locate(source.node);
  return `${displayPath(source.file)}${at ? `:${at.line}:${at.column}` : ''}`;
}

/** A suppression applies up to and including its expiry date; from the next day on it has expired. */
export function isExpired(expires: string | undefined, today: Date): boolean {
  if (expires === undefined) return false;
  const lastDay = Date.parse(`${expires}T00:00:00Z`);
  // A date that does not parse never expires silently: treat it as expired so the finding shows.
  if (Number.isNaN(lastDay)) return true;
  return today.getTime() >= lastDay + 86_400_000;
}

/**
 * A suppression names checks the way --checks and config validation do: an id or a glob in any case, or a
 * service (`lambda`). Matchers are kept: the same few ids are asked about for every finding.
 */
const idMatchers = new Map<string, (id: string) => boolean>();
function idMatcher(pattern: string): (id: string) => boolean {
  let matcher = idMatchers.get(pattern);
  if (!matcher) {
    matcher = checkMatcher([pattern]);
    idMatchers.set(pattern, matcher);
  }
  return matcher;
}
