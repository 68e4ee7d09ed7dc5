/**
 * Conditions whose value is not known before deploy (they hang on a parameter without default, on the
 * region, ...) would leave every value behind them Unknown: `!If [IsProd, python3.7, python3.8]` could
 * not be said to fail, though it fails either way. So the template is built and checked once per case
 * (each such condition true or false, in the combinations a deploy can make), and the results are merged:
 * a finding fails when it fails in every case where its resource exists; one that fails in some cases
 * only is unknown, and says in which.
 *
 * Conditions the parameters' defaults decide are explored the same way, within the same limits (after the
 * undecided ones), but the defaults keep their meaning: what the checks give with every such condition at
 * its default value is the result; a finding that fails only where a deploy overrides a default is unknown,
 * and says when it fails.
 */
import { SEVERITIES } from '../checks/define.js';
import type { Finding } from '../findings/finding.js';
import { capitalized, listedWithAnd } from '../findings/words.js';

/** At most this many undecided conditions are explored (2^n combinations); beyond, their values stay Unknown. */
export const MAX_CASE_CONDITIONS = 6;
/** Resources × cases a template may cost in all: a large template with conditions is checked once. */
const MAX_CASE_RESOURCES = 4000;

/** One case: the conditions as taken, and what the checks gave (passes included). */
export interface CaseRun {
  readonly conditions: ReadonlyMap<string, boolean>;
  readonly findings: readonly Finding[];
  /** Whether a resource (logical id) exists in this case. */
  readonly exists: (id: string) => boolean;
  /**
   * Whether it is there only as one the parameters' defaults leave out (its Condition false with them), read with
   * the defaults that leave it out: a case that takes the condition the other way reads it as deployed.
   */
  readonly absent?: (id: string) => boolean;
  /**
   * The resource (logical id) whose declaration holds what one of this case's findings points at, when it points
   * into a file: a role's finding at a statement of an `AWS::IAM::Policy` attached to it.
   */
  readonly pointsInto?: (finding: Finding) => string | undefined;
  /** The conditions the `Fn::If`s written where one of this case's findings points name (its Tracing's). */
  readonly reads?: (finding: Finding) => readonly string[];
}

/** Whether a case can happen in a deploy (conditions depend on each other and on the same parameters). */
export type PossibleCase = (conditions: ReadonlyMap<string, boolean>) => boolean;

/** A condition the parameters' defaults decide: its value with them, and what gives the other, in words. */
export interface DefaultDecision {
  readonly holds: boolean;
  /** `Env=dev, not its default prod`; `Env other than its default prod`. */
  readonly otherwise: string;
}

/** What a build says of the conditions it met. */
export interface ConditionsMet {
  /** Conditions whose value is not known before deploy, each with why. */
  readonly undecided: ReadonlyMap<string, string>;
  /** Conditions decided by parameter defaults a deploy may override. */
  readonly byDefault?: ReadonlyMap<string, DefaultDecision>;
}

export type CasePlan =
  | { readonly cases: ReadonlyMap<string, boolean>[] }
  | { readonly skipped: string }
  | undefined;

/**
 * The cases to explore for the undecided conditions of a template with `resources` resources: every
 * combination of true and false that can happen; `skipped` (with why) when there would be too many;
 * undefined when there is nothing undecided (or no combination can happen, which CloudFormation decides).
 */
export function planCases(
  undecided: ReadonlyMap<string, string>,
  resources: number,
  possible: PossibleCase = () => true,
): CasePlan {
  const names = [...undecided.keys()].sort();
  if (names.length === 0) return undefined;
  const tooMany = (why: string) => ({
    skipped: `conditions ${names.join(', ')} are not known before deploy; values that depend on them are reported unknown (${why})`,
  });
  if (names.length > MAX_CASE_CONDITIONS)
    return tooMany(
      `Parapet checks each case of at most ${MAX_CASE_CONDITIONS} such conditions, not ${names.length}`,
    );
  const cases: Map<string, boolean>[] = [];
  for (let bits = 0; bits < 2 ** names.length; bits++) {
    const taken = new Map(names.map((name, i) => [name, (bits & (1 << i)) === 0]));
    if (possible(taken)) cases.push(taken);
  }
  if (cases.length === 0) return undefined;
  return resources * cases.length > MAX_CASE_RESOURCES
    ? tooMany(
        `checking ${plural(cases.length, 'case')} over ${plural(resources, 'resource')} would cost too much: at most ${MAX_CASE_RESOURCES} resources in all`,
      )
    : { cases };
}

/**
 * The cases of the undecided conditions (`base`, each with every undecided condition taken) extended by
 * the default-decided conditions, in name order, as far as the limits allow: at most MAX_CASE_CONDITIONS
 * conditions that give cases of their own (one whose other value no deploy can make adds none), and
 * MAX_CASE_RESOURCES in all. `left`: those checked with their defaults only, and why.
 */
export function planDefaultCases(
  base: readonly ReadonlyMap<string, boolean>[],
  byDefault: ReadonlyMap<string, DefaultDecision>,
  resources: number,
  possible: PossibleCase = () => true,
): { readonly cases: readonly ReadonlyMap<string, boolean>[]; readonly left?: string } {
  let cases = base;
  let explored = base[0]?.size ?? 0;
  const left: string[] = [];
  let why: string | undefined;
  for (const name of [...byDefault.keys()].sort()) {
    const holds = (byDefault.get(name) as DefaultDecision).holds;
    // The most cases the limits let it give: past them, it is explored only where it adds none, so a trial with more
    // than that (and than the cases) is left whatever it holds, and need not be made whole.
    const allowed =
      explored >= MAX_CASE_CONDITIONS
        ? 0
        : resources > 0
          ? Math.floor(MAX_CASE_RESOURCES / resources)
          : Number.POSITIVE_INFINITY;
    const trial = possibleExtensions(cases, name, holds, possible, Math.max(cases.length, allowed) + 1);
    if (trial.length === cases.length) {
      cases = trial;
      continue;
    }
    if (explored >= MAX_CASE_CONDITIONS) {
      why ??= `Parapet checks the cases of at most ${MAX_CASE_CONDITIONS} conditions, those not known before deploy first`;
    } else if (trial.length * resources > MAX_CASE_RESOURCES) {
      why ??= `checking their other values over ${plural(resources, 'resource')} would cost too much: at most ${MAX_CASE_RESOURCES} resources in all`;
    } else {
      cases = trial;
      explored++;
      continue;
    }
    left.push(name);
  }
  return left.length === 0 ? { cases } : { cases, left: defaultsOnly(left, why as string) };
}

/**
 * The cases with the condition taken each way, those that can happen, in order: at most `enough` of them, as more tell
 * the caller nothing more (a case is asked of `possible` only while fewer are found: each costs a resolution).
 */
function possibleExtensions(
  cases: readonly ReadonlyMap<string, boolean>[],
  name: string,
  holds: boolean,
  possible: PossibleCase,
  enough: number,
): ReadonlyMap<string, boolean>[] {
  const found: ReadonlyMap<string, boolean>[] = [];
  for (const taken of cases) {
    for (const value of [holds, !holds]) {
      if (found.length >= enough) return found;
      const extended = new Map(taken).set(name, value);
      if (possible(extended)) found.push(extended);
    }
  }
  return found;
}

/** The warning for default-decided conditions the scan did not explore. */
function defaultsOnly(names: readonly string[], why: string): string {
  const these = names.length === 1 ? `condition ${names[0]} is` : `conditions ${listedWithAnd(names)} are`;
  return `${these} decided by parameter defaults, which a deploy may override; Parapet checked ${names.length === 1 ? 'it' : 'them'} with the defaults only (${why})`;
}

/** A build of the template for one case. */
export interface CaseBuild<T> {
  readonly conditions: ReadonlyMap<string, boolean>;
  readonly built: T;
}

/** Every case built, and the conditions they explore; or (no `builds`) the template is checked once as first built. */
export type Exploration<T> =
  | {
      readonly builds: CaseBuild<T>[];
      readonly undecided: ReadonlyMap<string, string>;
      readonly byDefault: ReadonlyMap<string, DefaultDecision>;
      /** What was left unexplored, and why (default-decided conditions beyond the limits). */
      readonly warnings: readonly string[];
    }
  | { readonly warnings: readonly string[] };

/**
 * Builds the template in every case of its undecided and default-decided conditions. A condition met only
 * inside a branch (`!If [IsProd, !If [IsPublic, ...], ...]`) shows once the outer one is decided: the cases
 * grow with it until no build meets a new one, or there are too many (a warning says so). A build is given
 * only the conditions to take otherwise than the defaults would: one at its default value is decided as
 * without cases (a resource whose Condition is false by default stays marked so), and the case with every
 * default-decided condition at its default and nothing undecided is `first` itself, not built again.
 */
const NOTHING_TO_EXPLORE: { readonly warnings: readonly string[] } = Object.freeze({
  warnings: Object.freeze([]),
});

export function exploreCases<T extends ConditionsMet>(
  first: T,
  resources: number,
  build: (conditions: ReadonlyMap<string, boolean>) => T,
  possible?: PossibleCase,
): Exploration<T> {
  // Most templates: nothing to explore, and nothing to make for it.
  if (first.undecided.size === 0 && (first.byDefault?.size ?? 0) === 0) return NOTHING_TO_EXPLORE;
  const undecided = new Map(first.undecided);
  const byDefault = new Map(first.byDefault);
  for (;;) {
    const plan = planCases(undecided, resources, possible);
    if (plan && 'skipped' in plan) {
      const names = [...byDefault.keys()].sort();
      const also =
        names.length > 0
          ? [defaultsOnly(names, 'the conditions not known before deploy were not explored either')]
          : [];
      return { warnings: [plan.skipped, ...also] };
    }
    // No combination of the undecided conditions can happen: CloudFormation decides (see planCases).
    if (plan === undefined && undecided.size > 0) return { warnings: [] };
    const extended = planDefaultCases(plan?.cases ?? [new Map()], byDefault, resources, possible);
    const warnings = extended.left ? [extended.left] : [];
    if (undecided.size === 0 && extended.cases.length <= 1) return { warnings };
    const builds = extended.cases.map((conditions) => {
      const otherwise = new Map(
        [...conditions].filter(([name, holds]) => byDefault.get(name)?.holds !== holds),
      );
      return { conditions, built: otherwise.size === 0 && undecided.size === 0 ? first : build(otherwise) };
    });
    let met = false;
    for (const { built } of builds) {
      for (const [name, reason] of built.undecided) {
        if (undecided.has(name)) continue;
        undecided.set(name, reason);
        byDefault.delete(name);
        met = true;
      }
      for (const [name, decision] of built.byDefault ?? []) {
        if (byDefault.has(name) || undecided.has(name)) continue;
        byDefault.set(name, decision);
        met = true;
      }
    }
    if (!met) return { builds, undecided, byDefault, warnings };
  }
}

export interface MergedCases {
  readonly findings: Finding[];
  readonly passed: number;
}

/** The runs (by index) that take every default-decided condition as the parameters' defaults do. */
export function runsAtDefaults(
  runs: readonly CaseRun[],
  byDefault: ReadonlyMap<string, DefaultDecision>,
): number[] {
  return runs
    .map((_, i) => i)
    .filter((i) =>
      [...(runs[i] as CaseRun).conditions].every(
        ([name, holds]) => (byDefault.get(name)?.holds ?? holds) === holds,
      ),
    );
}

/** One result per finding from the results of every case (see the file's comment for the rule). */
export function mergeCases(
  runs: readonly CaseRun[],
  undecided: ReadonlyMap<string, string>,
  includePassed: boolean,
  /** The conditions a resource's own values met: where several tell the same cases apart, those are named. */
  metBy: (id: string) => readonly string[] = () => [],
  /** The conditions the parameters' defaults decide, among those the cases take. */
  byDefault: ReadonlyMap<string, DefaultDecision> = new Map(),
): MergedCases {
  const findings: Finding[] = [];
  let passed = 0;
  const atDefaults = runsAtDefaults(runs, byDefault);
  const terms: Terms = { undecided, byDefault, metBy };
  const results: Finding[] = [];
  for (const perRun of groupByFingerprint(runs)) {
    const merged =
      atDefaults.length === runs.length
        ? mergeOne(runs, perRun, terms)
        : mergeOverridden(runs, perRun, atDefaults, terms);
    if (merged !== undefined) results.push(merged);
  }
  // A pass in some cases and a failure in others, worded apart, are fingerprinted apart: the failure, merged, is
  // unknown (or fails) and says when; a pass of the same check beside it would contradict it.
  const notPassing = new Set(results.filter((f) => f.status !== 'pass').map(checkAndResource));
  for (const merged of results) {
    if (merged.status === 'pass') {
      if (notPassing.has(checkAndResource(merged))) continue;
      passed++;
      if (!includePassed) continue;
    }
    findings.push(merged);
  }
  return { findings, passed };
}

function checkAndResource(finding: Finding): string {
  return `${finding.checkId}\u0000${idOf(finding)}`;
}

/** The same finding in each run (undefined where a run has none), in the order first met. */
function groupByFingerprint(runs: readonly CaseRun[]): (Finding | undefined)[][] {
  const groups = new Map<string, (Finding | undefined)[]>();
  runs.forEach((run, index) => {
    // Two findings of a run may share a fingerprint: the nth of one run goes with the nth of another.
    const seen = new Map<string, number>();
    for (const finding of run.findings) {
      const nth = seen.get(finding.fingerprint) ?? 0;
      seen.set(finding.fingerprint, nth + 1);
      const key = `${finding.fingerprint}\u0000${nth}`;
      let group = groups.get(key);
      if (!group) {
        group = new Array(runs.length).fill(undefined);
        groups.set(key, group);
      }
      group[index] = finding;
    }
  });
  return [...groups.values()];
}

/** What merging words its findings with: why conditions are undecided, what defaults decide, which to name first. */
interface Terms {
  readonly undecided: ReadonlyMap<string, string>;
  readonly byDefault: ReadonlyMap<string, DefaultDecision>;
  readonly metBy: (id: string) => readonly string[];
}

/**
 * One finding, where some cases take default-decided conditions otherwise than the defaults: the result in
 * the cases `atDefaults` stands, unless it passes (or is unknown, or absent) there and fails where a deploy
 * overrides a default: then it is unknown, as the failing case has it, and says when it fails.
 */
function mergeOverridden(
  runs: readonly CaseRun[],
  perRun: readonly (Finding | undefined)[],
  atDefaults: readonly number[],
  terms: Terms,
): Finding | undefined {
  const defaultRuns = atDefaults.map((i) => runs[i] as CaseRun);
  const defaultResults = atDefaults.map((i) => perRun[i]);
  const withDefaults = defaultResults.some((f) => f !== undefined)
    ? mergeOne(defaultRuns, defaultResults, terms)
    : undefined;
  // A resource only such a deploy has (an outside role a parameter names where its default names none): what
  // cannot be read of it is told too, or the role would never be mentioned. So too one the defaults leave out,
  // where a case deploys it: read with the defaults that leave it out, its values contradict its own Condition
  // (a Principal `*` where only another value creates the permission); that case's reading stands instead.
  const anyFinding = perRun.find((f) => f !== undefined) as Finding;
  const resourceId = idOf(anyFinding);
  const deployedOnlyOtherwise =
    !defaultRuns.some((run) => run.exists(resourceId) && run.absent?.(resourceId) !== true) &&
    runs.some(
      (run, i) => !atDefaults.includes(i) && run.exists(resourceId) && run.absent?.(resourceId) !== true,
    );
  const onlyOverridden = (finding: Finding) =>
    deployedOnlyOtherwise ||
    (withDefaults === undefined && !defaultRuns.some((run) => run.exists(idOf(finding))));
  const overridden = runs
    .map((_, i) => i)
    .filter((i) => {
      const finding = perRun[i];
      if (atDefaults.includes(i) || finding === undefined) return false;
      // Where a case still leaves such a resource out, its reading is the defaults' one: not used.
      if (deployedOnlyOtherwise && runs[i]?.absent?.(resourceId) === true) return false;
      return finding.status === 'fail' || (finding.status === 'unknown' && onlyOverridden(finding));
    });
  // Absent with the defaults and failing nowhere else: what the other cases say (a pass, an unknown of a
  // resource the defaults deploy too) is not reported, as it was not before they were explored.
  if (deployedOnlyOtherwise && overridden.length === 0)
    return passWhereDeployed(runs, perRun, atDefaults, resourceId);
  if (withDefaults?.status === 'fail')
    return withWorseOverridden(withDefaults, runs, perRun, overridden, atDefaults, terms);
  if (defaultResults.some((f) => f?.status === 'fail') || overridden.length === 0) return withDefaults;
  // Where some of those cases fail and others are only unknown, the failure is what to tell (and when).
  const failing = worstFirst(
    overridden.filter((i) => perRun[i]?.status === 'fail'),
    perRun,
  );
  const told = failing.length > 0 ? failing : overridden;
  const base = perRun[told[0] as number] as Finding;
  const when = whenOverridden(runs, base, told, atDefaults, terms);
  return {
    ...base,
    status: 'unknown',
    message: `${capitalized(when.text)}: ${base.message.replace(/\.?$/, '.')} ${whyTheseCases(when.names, terms)}`,
  };
}

/**
 * The cases `told` of a finding, among those that override a default, in words. For a resource only overriding
 * deploys have, the conditions that tell those deploys from the defaults' say when (among the cases it exists in
 * alone, none would).
 */
function whenOverridden(
  runs: readonly CaseRun[],
  base: Finding,
  told: readonly number[],
  atDefaults: readonly number[],
  terms: Terms,
): { text: string; names: string[] } {
  const { id, preferred, read } = namesOf(base, terms, runs);
  const existing = runs.map((_, i) => i).filter((i) => runs[i]?.exists(id));
  const among = existing.some((i) => atDefaults.includes(i)) ? existing : runs.map((_, i) => i);
  return new Cases(runs, among, preferred, terms.byDefault, read).when(told);
}

/**
 * A failure with the defaults stays as the defaults have it, severity included; but where a deploy that overrides
 * a default fails worse (`python3.6`, whose updates are blocked, where the default gives `python3.9`), the message
 * says so, or a user would never learn of it from the default scan.
 */
function withWorseOverridden(
  withDefaults: Finding,
  runs: readonly CaseRun[],
  perRun: readonly (Finding | undefined)[],
  overridden: readonly number[],
  atDefaults: readonly number[],
  terms: Terms,
): Finding {
  const worse = worstFirst(
    overridden.filter((i) => perRun[i]?.status === 'fail' && rank(perRun[i] as Finding) < rank(withDefaults)),
    perRun,
  );
  const worst = perRun[worse[0] as number];
  if (worst === undefined) return withDefaults;
  const told = worse.filter((i) => perRun[i]?.severity === worst.severity);
  const when = whenOverridden(runs, worst, told, atDefaults, terms);
  return {
    ...withDefaults,
    message: `${withDefaults.message.replace(/\.?$/, '.')} ${capitalized(when.text)}, it is ${worst.severity}: ${worst.message.replace(/\.?$/, '.')}`,
  };
}

/** Where a finding's severity stands among the severities, the worst (critical) first. */
function rank(finding: Finding): number {
  return SEVERITIES.indexOf(finding.severity);
}

/**
 * The cases, those whose finding is the most severe first (in their order otherwise): where cases fail unlike,
 * the worst is the one reported, as a deploy can make it, and told first.
 */
function worstFirst(cases: readonly number[], perRun: readonly (Finding | undefined)[]): number[] {
  const of = (i: number) => rank(perRun[i] as Finding);
  return [...cases].sort((a, b) => of(a) - of(b));
}

/** A pass of the cases that deploy a resource the defaults leave out, when one passes there: the result to keep. */
function passWhereDeployed(
  runs: readonly CaseRun[],
  perRun: readonly (Finding | undefined)[],
  atDefaults: readonly number[],
  id: string,
): Finding | undefined {
  return perRun.find(
    (f, i) => f?.status === 'pass' && !atDefaults.includes(i) && runs[i]?.absent?.(id) === false,
  );
}

/** The id a finding's resource exists by in a case. */
function idOf(finding: Finding): string {
  return finding.resource.generated?.id ?? finding.resource.id;
}

/**
 * The id a finding's resource exists by in a case, and the conditions to name first for it: those of the resource
 * it points into, when another (the Condition of an `AWS::IAM::Policy` whose statement a role's finding shows, not
 * a condition the role's own policies met), then its own resource's (`preferred`). Those `read` where it points
 * (its Tracing's `!If [IsNotDevelopment, ...]`) are chosen before them to tell its cases apart (not the IsProduction
 * an environment variable reads, where either would), but not where its resource exists.
 */
function namesOf(
  finding: Finding,
  terms: Terms,
  runs: readonly CaseRun[],
): { id: string; preferred: string[]; read: () => readonly string[] } {
  const id = idOf(finding);
  const own = [...terms.metBy(id), ...terms.metBy(finding.resource.id)];
  let into: string | undefined;
  for (const run of runs) into ??= run.pointsInto?.(finding);
  const other = into === undefined || into === id || into === finding.resource.id ? [] : terms.metBy(into);
  // Read only when some cases are told (most findings pass or fail alike in every case).
  let read: string[] | undefined;
  const reads = () => {
    read ??= [...new Set(runs.flatMap((run) => run.reads?.(finding) ?? []))];
    return read;
  };
  return { id, preferred: [...other, ...own], read: reads };
}

function mergeOne(runs: readonly CaseRun[], perRun: readonly (Finding | undefined)[], terms: Terms): Finding {
  const any = perRun.find((f) => f !== undefined) as Finding;
  const { id, preferred, read } = namesOf(any, terms, runs);
  // Where the resource exists, a case without this finding is one where the check passed or did not apply.
  const existing = runs.map((_, i) => i).filter((i) => runs[i]?.exists(id));
  const cases = new Cases(runs, existing, preferred, new Map(), read);
  const failing = worstFirst(
    existing.filter((i) => perRun[i]?.status === 'fail'),
    perRun,
  );
  const unknown = existing.filter((i) => perRun[i]?.status === 'unknown');
  const everyCase = new Cases(
    runs,
    runs.map((_, i) => i),
    preferred,
  );
  const exists = existing.length < runs.length ? [existsOnly(everyCase, existing)] : [];
  if (failing.length > 0 && failing.length === existing.length) {
    const base = perRun[failing[0] as number] as Finding;
    const message = failsEachWay(cases, perRun, failing);
    // Fails wherever its resource exists, and the conditions that create it are undecided: the message says when
    // that is, as a finding resting on a resource the defaults leave out does (a told-apart message already does).
    const when =
      exists.length > 0 && message === base.message ? `${capitalized(everyCase.when(existing).text)}: ` : '';
    return withAssumptions({ ...base, message: `${when}${message}` }, exists);
  }
  if (failing.length > 0) {
    const base = perRun[failing[0] as number] as Finding;
    const told = toldWithCases(cases, perRun, failing);
    return withAssumptions(
      { ...base, status: 'unknown', message: `${told.text} ${whyTheseCases(told.names, terms)}` },
      exists,
    );
  }
  if (unknown.length > 0) {
    const base = perRun[unknown[0] as number] as Finding;
    // One place whose value differs by case (a layer from one parameter or another): each reason with its cases.
    if (new Set(unknown.map((i) => perRun[i]?.message)).size === 1) return withAssumptions(base, exists);
    const told = toldWithCases(cases, perRun, unknown, 'is also unknown');
    return withAssumptions({ ...base, message: `${told.text} ${whyTheseCases(told.names, terms)}` }, exists);
  }
  return withAssumptions(any, exists);
}

/**
 * The message of a finding that fails in every case. When the cases fail for different reasons
 * (python3.8 one way, python3.7 the other), each reason is told with its case: fixing one leaves the other.
 */
function failsEachWay(
  cases: Cases,
  perRun: readonly (Finding | undefined)[],
  failing: readonly number[],
): string {
  const byMessage = new Map<string, number[]>();
  for (const i of failing) {
    const message = perRun[i]?.message as string;
    byMessage.set(message, [...(byMessage.get(message) ?? []), i]);
  }
  const [first, ...others] = [...byMessage];
  if (!first || others.length === 0) return (perRun[failing[0] as number] as Finding).message;
  const told = others
    .slice(0, 2)
    .map(([message, among]) => `${cases.when(among).text}: ${message.replace(/\.$/, '')}`);
  const more = others.length > 2 ? `; and in ${plural(others.length - 2, 'more way')}` : '';
  return `${capitalized(cases.when(first[1]).text)}: ${first[0].replace(/\.?$/, '.')} It fails in the other cases too: ${told.join('; ')}${more}.`;
}

/**
 * The message of a finding that fails (or is unknown) in some cases only, with when, and the conditions that
 * names. Where those cases give different reasons (one account's layer in one partition, another's in the others:
 * one place of the template, so one finding), each reason is told with its own cases.
 */
function toldWithCases(
  cases: Cases,
  perRun: readonly (Finding | undefined)[],
  failing: readonly number[],
  /** How the other ways are told: `also fails`, or `is also unknown` for a finding unknown in each. */
  verb = 'also fails',
): { text: string; names: string[] } {
  const byMessage = new Map<string, number[]>();
  for (const i of failing) {
    const message = perRun[i]?.message as string;
    byMessage.set(message, [...(byMessage.get(message) ?? []), i]);
  }
  if (byMessage.size === 1) {
    const when = cases.when(failing);
    const message = (perRun[failing[0] as number] as Finding).message;
    return { text: `${capitalized(when.text)}: ${message.replace(/\.?$/, '.')}`, names: when.names };
  }
  const ways = [...byMessage].map(([message, among]) => ({ message, when: cases.when(among) }));
  const [first, ...others] = ways as [(typeof ways)[number], ...typeof ways];
  // As failsEachWay: two more told, the rest counted.
  const told = others.slice(0, 2);
  const also = told.map((way) => `${way.when.text}: ${way.message.replace(/\.$/, '')}`).join('; ');
  const more = others.length > 2 ? `; and in ${plural(others.length - 2, 'more way')}` : '';
  return {
    text: `${capitalized(first.when.text)}: ${first.message.replace(/\.?$/, '.')} It ${verb} ${also}${more}.`,
    names: [...new Set([first, ...told].flatMap((way) => way.when.names))],
  };
}

/** The cases a finding is judged in, to say which of them some results came from. */
class Cases {
  constructor(
    private readonly runs: readonly CaseRun[],
    private readonly among: readonly number[],
    /** Conditions to name first (those the resource itself met), before the others in name order. */
    private readonly preferred: readonly string[] = [],
    /** Conditions the defaults decide: one taken otherwise says what gives it that value. */
    private readonly byDefault: ReadonlyMap<string, DefaultDecision> = new Map(),
    /**
     * Conditions to choose first, before `preferred`, where several tell the cases apart (those read where the
     * finding points); those chosen are still named in the order of `preferred`.
     */
    private readonly chosenFirst: () => readonly string[] = () => [],
  ) {}

  /**
   * The conditions that tell the cases `subset` from the others: each the same way throughout `subset`
   * and not throughout all. "when condition IsProd holds and condition UseVpc does not hold"; "in some
   * cases of conditions A and B" when no condition alone tells them apart.
   */
  when(subset: readonly number[]): { text: string; names: string[] } {
    const conditions = this.runs[subset[0] as number]?.conditions ?? new Map<string, boolean>();
    const same = (among: readonly number[], name: string) =>
      among.every((i) => this.runs[i]?.conditions.get(name) === conditions.get(name));
    const rankIn = (order: readonly string[]) => (name: string) => {
      const at = order.indexOf(name);
      return at === -1 ? order.length : at;
    };
    const choice = rankIn([...this.chosenFirst(), ...this.preferred]);
    const shown = rankIn(this.preferred);
    const varying = [...conditions.keys()]
      .filter((name) => !same(this.among, name))
      .sort((a, b) => choice(a) - choice(b));
    const picks = (names: readonly string[]) =>
      this.among.filter((i) => names.every((n) => this.runs[i]?.conditions.get(n) === conditions.get(n)))
        .length === subset.length;
    const telling = fewestTelling(
      varying.filter((n) => same(subset, n)),
      picks,
    ).sort((a, b) => shown(a) - shown(b));
    if (telling.length === 0) {
      const names = varying.length > 0 ? varying : [...conditions.keys()];
      return { text: `in some cases of conditions ${listedWithAnd(names)}`, names };
    }
    const parts = telling.map((name) => {
      const holds = conditions.get(name);
      const decision = this.byDefault.get(name);
      const otherwise = decision && decision.holds !== holds ? ` (${decision.otherwise})` : '';
      return `condition ${name} ${holds ? 'holds' : 'does not hold'}${otherwise}`;
    });
    return { text: `when ${parts.join(' and ')}`, names: telling };
  }
}

/**
 * The fewest of `candidates` (each the same throughout the cases to tell, in the order to name them) that pick out
 * those cases, the first in that order among as few: IsProduction is not named beside IsNotDevelopment when
 * IsNotDevelopment alone tells the cases apart (IsProduction false says what IsNotDevelopment true would say
 * again), and of two that each do, the one named first. All of them when together they do not.
 */
function fewestTelling(
  candidates: readonly string[],
  picks: (names: readonly string[]) => boolean,
): string[] {
  if (!picks(candidates)) return [...candidates];
  for (let size = 1; size < candidates.length; size++) {
    const found = combination(candidates, size, 0, [], picks);
    if (found) return found;
  }
  return [...candidates];
}

/** The first combination of `size` of `names` from `from` on, in their order, that `picks` takes, after `chosen`. */
function combination(
  names: readonly string[],
  size: number,
  from: number,
  chosen: readonly string[],
  picks: (names: readonly string[]) => boolean,
): string[] | undefined {
  if (chosen.length === size) return picks(chosen) ? [...chosen] : undefined;
  for (let i = from; i <= names.length - (size - chosen.length); i++) {
    const found = combination(names, size, i + 1, [...chosen, names[i] as string], picks);
    if (found) return found;
  }
  return undefined;
}

/**
 * When something found in only some cases (a template error) happens: "when condition IsProd holds (Env=prod,
 * not its default dev)", worded as a finding's cases are.
 */
export function whenCases(
  runs: readonly CaseRun[],
  subset: readonly number[],
  byDefault: ReadonlyMap<string, DefaultDecision> = new Map(),
  /** Conditions to name first: the Condition of the resource it was found in. */
  preferred: readonly string[] = [],
): string {
  const all = runs.map((_, i) => i);
  return new Cases(runs, all, preferred, byDefault).when(subset).text;
}

function withAssumptions(finding: Finding, more: readonly string[]): Finding {
  if (more.length === 0) return finding;
  const kept = (finding.assumptions ?? []).filter((a) => !more.includes(a));
  return { ...finding, assumptions: [...kept, ...more] };
}

function existsOnly(all: Cases, existing: readonly number[]): string {
  return existing.length === 0
    ? 'the resource exists in none of the cases of its conditions'
    : `the resource exists only ${all.when(existing).text}`;
}

/**
 * Why the cases named can happen: the undecided conditions among them cannot be known before deploy; the
 * default-decided ones take the values named only in a deploy that overrides the defaults.
 */
function whyTheseCases(names: readonly string[], terms: Terms): string {
  const byDefault = names.filter((name) => terms.byDefault.has(name));
  const undecided = names.filter((name) => !terms.byDefault.has(name));
  const why = undecided.length > 0 ? [whyUndecided(undecided, terms.undecided)] : [];
  if (byDefault.length > 0) {
    const values = byDefault.map(
      (name) => `condition ${name} ${terms.byDefault.get(name)?.holds ? 'holds' : 'does not hold'}`,
    );
    why.push(`With the parameters' defaults ${values.join(' and ')}; a deploy may override them.`);
  }
  return why.join(' ');
}

/** Why the conditions that decide it cannot be known before deploy. */
function whyUndecided(names: readonly string[], undecided: ReadonlyMap<string, string>): string {
  const reason = (name: string) => undecided.get(name) ?? 'is not known before deploy';
  return names.length === 1
    ? `Condition ${names[0]} cannot be decided before deploy: it ${reason(names[0] as string)}.`
    : `Conditions ${listedWithAnd(names)} cannot be decided before deploy: ${names.map((n) => `${n} ${reason(n)}`).join('; ')}.`;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
