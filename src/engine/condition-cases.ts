/**
 * Conditions whose value is not known before deploy (they hang on a parameter without default, on the
 * region, ...) would leave every value behind them Unknown: `!If [IsProd, python3.7, python3.8]` could
 * not be said to fail, though it fails either way. So the template is built and checked once per case
 * (each such condition true, then false), and the results are merged: a finding fails when it fails in
 * every case where its resource exists; one that fails in some cases only is unknown, and says in which.
 */
import type { Finding } from '../findings/finding.js';

/** At most this many undecided conditions are explored (2^n cases); beyond, their values stay Unknown. */
export const MAX_CASE_CONDITIONS = 3;
/** Resources × cases a template may cost in all: a huge template with conditions is checked once. */
const MAX_CASE_RESOURCES = 4000;

/** One case: the conditions as taken, and what the checks gave (passes included). */
export interface CaseRun {
  readonly conditions: ReadonlyMap<string, boolean>;
  readonly findings: readonly Finding[];
  /** Whether a resource (logical id) exists in this case. */
  readonly exists: (id: string) => boolean;
}

export type CasePlan =
  | { readonly cases: ReadonlyMap<string, boolean>[] }
  | { readonly skipped: string }
  | undefined;

/**
 * The cases to explore for the undecided conditions of a template with `resources` resources: every
 * combination of true and false; `skipped` (with why) when there would be too many; undefined when
 * there is nothing undecided.
 */
export function planCases(undecided: ReadonlyMap<string, string>, resources: number): CasePlan {
  const names = [...undecided.keys()].sort();
  if (names.length === 0) return undefined;
  const count = 2 ** names.length;
  if (names.length > MAX_CASE_CONDITIONS || resources * count > MAX_CASE_RESOURCES) {
    return {
      skipped:
        `conditions ${names.join(', ')} are not known before deploy; values that depend on them are ` +
        `reported unknown (checking each case of ${names.length} conditions over ${resources} resources would cost too much)`,
    };
  }
  const cases: Map<string, boolean>[] = [];
  for (let bits = 0; bits < count; bits++) {
    cases.push(new Map(names.map((name, i) => [name, (bits & (1 << i)) === 0])));
  }
  return { cases };
}

/** A build of the template for one case. */
export interface CaseBuild<T> {
  readonly conditions: ReadonlyMap<string, boolean>;
  readonly built: T;
}

/**
 * Builds the template in every case of its undecided conditions. A condition met only inside a branch
 * (`!If [IsProd, !If [IsPublic, ...], ...]`) shows once the outer one is decided: the cases grow with it
 * until no build meets a new one, or there are too many (`skipped`). Undefined: nothing is undecided.
 */
export function exploreCases<T extends { readonly undecided: ReadonlyMap<string, string> }>(
  first: T,
  resources: number,
  build: (conditions: ReadonlyMap<string, boolean>) => T,
):
  | { readonly builds: CaseBuild<T>[]; readonly undecided: ReadonlyMap<string, string> }
  | { skipped: string }
  | undefined {
  const undecided = new Map(first.undecided);
  for (;;) {
    const plan = planCases(undecided, resources);
    if (plan === undefined || 'skipped' in plan) return plan;
    const builds = plan.cases.map((conditions) => ({ conditions, built: build(conditions) }));
    const before = undecided.size;
    for (const { built } of builds) {
      for (const [name, reason] of built.undecided) if (!undecided.has(name)) undecided.set(name, reason);
    }
    if (undecided.size === before) return { builds, undecided };
  }
}

export interface MergedCases {
  readonly findings: Finding[];
  readonly passed: number;
}

/** One result per finding from the results of every case (see the file's comment for the rule). */
export function mergeCases(
  runs: readonly CaseRun[],
  undecided: ReadonlyMap<string, string>,
  includePassed: boolean,
): MergedCases {
  const findings: Finding[] = [];
  let passed = 0;
  for (const perRun of groupByFingerprint(runs)) {
    const merged = mergeOne(runs, perRun, undecided);
    if (merged.status === 'pass') {
      passed++;
      if (!includePassed) continue;
    }
    findings.push(merged);
  }
  return { findings, passed };
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

function mergeOne(
  runs: readonly CaseRun[],
  perRun: readonly (Finding | undefined)[],
  undecided: ReadonlyMap<string, string>,
): Finding {
  const any = perRun.find((f) => f !== undefined) as Finding;
  const id = any.resource.generated?.id ?? any.resource.id;
  // Where the resource exists, a case without this finding is one where the check passed or did not apply.
  const existing = runs.map((_, i) => i).filter((i) => runs[i]?.exists(id));
  const failing = existing.filter((i) => perRun[i]?.status === 'fail');
  const unknown = existing.filter((i) => perRun[i]?.status === 'unknown');
  const exists = existing.length < runs.length ? [existsOnly(runs, existing)] : [];
  if (failing.length > 0 && failing.length === existing.length) {
    const base = perRun[failing[0] as number] as Finding;
    // Failing each way for different reasons (python3.7 one way, python3.8 the other): say which is shown.
    const alike = failing.every((i) => perRun[i]?.message === base.message);
    const message = alike
      ? base.message
      : `${base.message.replace(/\.$/, '')} (when ${whenText(runs, [failing[0] as number])}; it fails in every other case too).`;
    return withAssumptions({ ...base, message }, exists);
  }
  if (failing.length > 0) {
    const base = perRun[failing[0] as number] as Finding;
    return withAssumptions(
      {
        ...base,
        status: 'unknown',
        message: `When ${whenText(runs, failing)}: ${base.message.replace(/\.?$/, '.')} ${whyUndecided(runs, failing, undecided)}`,
      },
      exists,
    );
  }
  if (unknown.length > 0) return withAssumptions(perRun[unknown[0] as number] as Finding, exists);
  return withAssumptions(any, exists);
}

function withAssumptions(finding: Finding, more: readonly string[]): Finding {
  if (more.length === 0) return finding;
  const kept = (finding.assumptions ?? []).filter((a) => !more.includes(a));
  return { ...finding, assumptions: [...kept, ...more] };
}

function existsOnly(runs: readonly CaseRun[], existing: readonly number[]): string {
  return existing.length === 0
    ? 'the resource exists in none of the cases of its conditions'
    : `the resource exists only when ${whenText(runs, existing)}`;
}

/**
 * The conditions that hold the same way in every one of the cases `among`: "condition IsProd holds
 * and condition UseVpc does not hold".
 */
function whenText(runs: readonly CaseRun[], among: readonly number[]): string {
  const first = runs[among[0] as number]?.conditions ?? new Map<string, boolean>();
  const parts: string[] = [];
  for (const [name, value] of first) {
    if (among.every((i) => runs[i]?.conditions.get(name) === value))
      parts.push(`condition ${name} ${value ? 'holds' : 'does not hold'}`);
  }
  return parts.length > 0
    ? parts.join(' and ')
    : `in some cases of conditions ${[...first.keys()].join(', ')}`;
}

/** Why the conditions that decide it cannot be known before deploy. */
function whyUndecided(
  runs: readonly CaseRun[],
  among: readonly number[],
  undecided: ReadonlyMap<string, string>,
): string {
  const first = runs[among[0] as number]?.conditions ?? new Map<string, boolean>();
  const deciding = [...first.keys()].filter((name) =>
    among.every((i) => runs[i]?.conditions.get(name) === first.get(name)),
  );
  const names = deciding.length > 0 ? deciding : [...first.keys()];
  const reason = (name: string) => undecided.get(name) ?? 'not known before deploy';
  return names.length === 1
    ? `Condition ${names[0]} cannot be decided before deploy: it ${reason(names[0] as string)}.`
    : `Conditions ${names.join(', ')} cannot be decided before deploy: ${names.map((n) => `${n} ${reason(n)}`).join('; ')}.`;
}
