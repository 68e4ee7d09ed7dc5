import type { Check } from '../checks/define.js';
import type { Finding, ScanError } from '../findings/finding.js';
import type { Resource } from '../model/index.js';
import type { Inventory } from '../model/inventory.js';
import { type FileSource, isFileSource } from '../model/source.js';
import {
  type CaseRun,
  type DefaultDecision,
  exploreCases,
  mergeCases,
  type PossibleCase,
  runsAtDefaults,
  whenCases,
} from './condition-cases.js';
import { conditionsReadAt } from './conditions-read.js';
import { type EvaluateOptions, type Evaluation, evaluate } from './evaluate.js';
import { ownerOf } from './owners.js';

/** A template built into an inventory, as a source gives it (see sources/cloudformation/template.ts). */
export interface BuiltTemplate {
  readonly inventory: Inventory;
  readonly errors: readonly ScanError[];
  /** Conditions met whose value is not known before deploy, each with why. */
  readonly undecided: ReadonlyMap<string, string>;
  /** Conditions the parameters' defaults decide (a deploy may override them): explored too. */
  readonly byDefault: ReadonlyMap<string, DefaultDecision>;
  /** Per resource, the undecided and default-decided conditions its own values met: a finding names those first. */
  readonly conditionsMet: ReadonlyMap<string, readonly string[]>;
  /**
   * Of `errors`, those found in a resource with a `Condition`, with it, and whether this build leaves the resource out
   * (its Condition false with the parameters' defaults) and read it as the deploy that creates it would.
   */
  readonly errorsUnder?: ReadonlyMap<ScanError, { readonly condition: string; readonly leftOut: boolean }>;
}

export interface TemplateEvaluation extends Evaluation {
  readonly templateErrors: readonly ScanError[];
  readonly warnings: readonly string[];
}

/**
 * Runs the checks on a built template. When conditions the template meets are not known before
 * deploy, or decided by parameter defaults, the template is built and checked again in each case of them
 * that `possible` allows, and the results merged (engine/condition-cases.ts); errors found in any case are
 * reported once. A template without such conditions is built once, by the caller.
 */
export function evaluateTemplate(
  built: BuiltTemplate,
  checks: readonly Check[],
  evaluateOptions: EvaluateOptions,
  buildCase: (conditions: ReadonlyMap<string, boolean>) => BuiltTemplate,
  possible?: PossibleCase,
): TemplateEvaluation {
  const explored = exploreCases(built, built.inventory.size, buildCase, possible);
  const shown = evaluateOptions.displayPath(built.inventory.scope);
  const warnings = explored.warnings.map((warning) => `${shown}: ${warning}`);
  if (!('builds' in explored)) {
    const evaluation = evaluate(built.inventory, checks, evaluateOptions);
    return { ...evaluation, templateErrors: built.errors, warnings };
  }
  const errors = new Map<string, ScanError>();
  // Each template error with the cases it was found in: one found in some cases only says in which.
  const templateErrors = new Map<string, { error: ScanError; cases: number[] }>();
  // Those found in a resource with a Condition, with it: named first in the cases it was found in. One a case leaves
  // out (read as the deploy that creates it would) is not of that case.
  const underCondition = new Map<string, { error: ScanError; condition: string }>();
  const keep = (into: Map<string, ScanError>, list: readonly ScanError[]) => {
    for (const e of list) into.set(JSON.stringify(e), e);
  };
  // The first build's errors are left out (unless it is a case itself: nothing undecided, the defaults'):
  // with the conditions undecided it may find what no case has (`Properties: !If [...]` is not known there,
  // and is in each case).
  let evaluated = 0;
  const runs: CaseRun[] = explored.builds.map(({ conditions, built: variant }, index) => {
    for (const error of variant.errors) {
      const key = JSON.stringify(error);
      const under = variant.errorsUnder?.get(error);
      if (under !== undefined) underCondition.set(key, { error, condition: under.condition });
      if (under?.leftOut) continue;
      const seen = templateErrors.get(key) ?? { error, cases: [] };
      seen.cases.push(index);
      templateErrors.set(key, seen);
    }
    const evaluation = evaluate(variant.inventory, checks, {
      ...evaluateOptions,
      includePassed: true,
      recordPlaces: true,
    });
    keep(errors, evaluation.errors);
    evaluated = Math.max(evaluated, evaluation.evaluated);
    return {
      conditions,
      findings: evaluation.findings,
      exists: (id: string) => variant.inventory.resolve(id) !== undefined,
      absent: (id: string) => variant.inventory.resolve(id)?.absentByDefault !== undefined,
      pointsInto: (finding: Finding) => {
        const at = evaluation.pointsAt?.get(finding);
        return at === undefined ? undefined : ownerOf(variant.inventory, at)?.id;
      },
      reads: (finding: Finding) => {
        const at = evaluation.pointsAt?.get(finding);
        // At a whole declaration, nothing in particular is read: its resource's conditions are named (see mergeCases).
        const whole = at !== undefined && isDeclaration(at, ownerOf(variant.inventory, at));
        return at === undefined || whole ? [] : conditionsReadAt(at);
      },
    };
  });
  const met = new Map<string, Set<string>>();
  for (const { conditionsMet } of [built, ...explored.builds.map((b) => b.built)]) {
    for (const [id, names] of conditionsMet)
      for (const name of names) met.set(id, (met.get(id) ?? new Set()).add(name));
  }
  const merged = mergeCases(
    runs,
    explored.undecided,
    evaluateOptions.includePassed === true,
    (id) => [...(met.get(id) ?? [])],
    explored.byDefault,
  );
  return {
    findings: merged.findings,
    passed: merged.passed,
    evaluated,
    errors: [...errors.values()],
    templateErrors: mergedTemplateErrors(
      runs,
      templateErrors,
      underCondition,
      runsAtDefaults(runs, explored.byDefault),
      explored.byDefault,
    ),
    warnings,
  };
}

/** Whether a place is the declaration of `resource` itself (its logical id), not a place inside it. */
function isDeclaration(place: FileSource, resource: Resource | undefined): boolean {
  const source = resource?.source;
  return (
    source !== undefined && isFileSource(source) && source.node === place.node && source.key === place.key
  );
}

/**
 * The template errors of the cases, each once: one found in some cases only says in which (naming first the
 * Condition of the resource it was found in); one found only in a resource no case explored creates (over the
 * limits) says that Condition. An error of a resource a case leaves out is not of that case (see BuiltTemplate).
 */
function mergedTemplateErrors(
  runs: readonly CaseRun[],
  found: ReadonlyMap<string, { error: ScanError; cases: number[] }>,
  underCondition: ReadonlyMap<string, { error: ScanError; condition: string }>,
  atDefaults: readonly number[],
  byDefault: ReadonlyMap<string, DefaultDecision>,
): ScanError[] {
  const only = (error: ScanError, when: string) => ({
    ...error,
    message: `${error.message.replace(/\.?$/, '.')} Only ${when}.`,
  });
  return [
    ...[...found].map(([key, { error, cases }]) => {
      if (cases.length === runs.length) return error;
      // Found in the cases the parameters' defaults make too: what a deploy with them meets, which is worth saying.
      const withDefaults = atDefaults.length > 0 && atDefaults.every((i) => cases.includes(i));
      const also = withDefaults ? ", as with the parameters' defaults" : '';
      const condition = underCondition.get(key)?.condition;
      return only(
        error,
        `${whenCases(runs, cases, byDefault, condition === undefined ? [] : [condition])}${also}`,
      );
    }),
    // Found only where the resource is read with values its creating deploy cannot have: of no deploy, when the case
    // that creates it was explored and did not find it.
    ...[...underCondition]
      .filter(([key, { condition }]) => !found.has(key) && !runs.some((r) => r.conditions.get(condition)))
      .map(([, { error, condition }]) => {
        const otherwise = byDefault.get(condition)?.otherwise;
        return only(error, `when condition ${condition} holds${otherwise ? ` (${otherwise})` : ''}`);
      }),
  ];
}
