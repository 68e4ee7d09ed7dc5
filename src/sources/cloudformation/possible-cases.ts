/**
 * Whether a case of the conditions a scan explores (each taken as true or false) can happen in a deploy.
 * Conditions are not independent of each other: `NotProd: !Not [!Condition IsProd]` is false whenever
 * IsProd holds; `!Equals [!Ref Stage, prod]` and `!Equals [!Ref Stage, dev]` cannot both hold (nor
 * `!Not [!Equals [!Ref Stage, prod]]` and `!Not [!Equals [!Ref Stage, dev]]` both be false); and with
 * `AllowedValues: [dev, prod]`, one of them must. A case that cannot happen is not checked: a finding
 * there would be about a template no deploy makes; nor can a case that asks a parameter for a value its
 * constraints refuse (`!Equals [!Ref Reserved, 0]` with `MinValue: 1`), nor one the template's Rules refuse (a
 * rule asserting `Size` is `large` when `Env` is `prod` refuses the case of IsProd and IsSmall). Parameter
 * defaults say nothing of what a deploy can make (it may override them): only the values `given` (with -p, or
 * by a parent stack not from its own defaults) rule cases out.
 */
import { own, setOwn } from '../../model/own.js';
import { isUnknown } from '../../model/values.js';
import { someValuesMakeCase } from './compared-values.js';
import { comparisonUnder, throughNotAndReferences } from './condition-comparisons.js';
import { conditionInCase } from './condition-in-case.js';
import { asRecord } from './intrinsic-values.js';
import { Resolver } from './intrinsics.js';
import { allowedValues, defaultText } from './parameter-texts.js';
import { readsFromSsm } from './parameter-values.js';
import { meetsConstraints } from './parameters.js';
import { failedAssertions } from './rules.js';

export function isPossibleCase(
  template: Record<string, unknown>,
  given: Readonly<Record<string, string>>,
  taken: ReadonlyMap<string, boolean>,
  /** The text the scan uses for parameters, `given` or not (a parent's defaults too): never ruled out. */
  used: Readonly<Record<string, string>> = given,
): boolean {
  const conditions = asRecord(template.Conditions) ?? {};
  const parameters = asRecord(template.Parameters) ?? {};
  // What the case says of each parameter compared with a literal: its value, or values it is not.
  const values = new Map<string, string>();
  const not = new Map<string, Set<string>>();
  for (const [name, taking] of taken) {
    const compared = comparisonUnder(own(conditions, name), taking, conditions);
    if (!compared) continue;
    const { comparison, holds } = compared;
    const { parameter, value } = comparison;
    if (holds) {
      if (values.has(parameter) && values.get(parameter) !== value) return false;
      values.set(parameter, value);
    } else {
      const others = not.get(parameter) ?? new Set<string>();
      not.set(parameter, others.add(value));
    }
  }
  for (const parameter of new Set([...values.keys(), ...not.keys()])) {
    const value = values.get(parameter);
    const excluded = not.get(parameter) ?? new Set<string>();
    if (value !== undefined && excluded.has(value)) return false;
    const decl = asRecord(own(parameters, parameter));
    // An SSM parameter type's constraints are about the key given, not the value Ref reads from SSM: they refuse none.
    if (readsFromSsm(decl?.Type)) continue;
    const allowed = allowedValues(decl);
    // A value its constraints refuse (AllowedValues, MinValue, MaxValue, AllowedPattern, lengths): no deploy gives
    // it. Except the value the scan itself uses (its default, -p, a parent's), refused or not: that case is the
    // scan's own, and CloudFormation's refusal is a scan error of its own.
    const usedValue = Object.hasOwn(used, parameter) ? used[parameter] : defaultText(decl);
    if (value !== undefined && value !== usedValue) {
      if (allowed && !allowed.includes(value)) return false;
      if (!meetsConstraints(decl, value)) return false;
    }
    if (value === undefined && allowed?.every((v) => excluded.has(v))) return false;
  }
  if (!sameDefinitionsAgree(conditions, taken)) return false;
  // Each condition worked out from its definition, the others taken as the case says: none may disagree.
  const known = Object.fromEntries([...values].filter(([name]) => Object.hasOwn(parameters, name)));
  const withoutDefaults = defaultsLeftOut(template);
  const implied = impliedConditions(conditions, taken);
  if (implied === undefined) return false;
  const parameterValues = { ...given, ...known };
  for (const [name, holds] of taken) {
    const others = new Map([...implied].filter(([other]) => other !== name));
    const worked = conditionInCase(withoutDefaults, parameterValues, others, name);
    if (!isUnknown(worked) && worked !== holds) return false;
  }
  const inputs = { template: withoutDefaults, parameters, fixed: parameterValues, used, implied };
  if (!someValuesMakeCase(taken, inputs)) return false;
  return !refusedByRules(withoutDefaults, given, known, implied);
}

/**
 * Whether the template's Rules refuse every deploy that makes the case: an assertion fails with the values the case
 * asks of its parameters (and those given), whatever the others are. Not one that fails with the given values alone:
 * that is no matter of the case, and would leave no case at all.
 */
function refusedByRules(
  withoutDefaults: Record<string, unknown>,
  given: Readonly<Record<string, string>>,
  known: Readonly<Record<string, string>>,
  implied: ReadonlyMap<string, boolean>,
): boolean {
  if (asRecord(withoutDefaults.Rules) === undefined || Object.keys(known).length === 0) return false;
  const failing = (values: Readonly<Record<string, string>>) =>
    failedAssertions(
      withoutDefaults,
      new Resolver(withoutDefaults, new Set(), () => {}, values, implied),
    ).map((failed) => JSON.stringify(failed));
  const always = new Set(failing(given));
  return failing({ ...given, ...known }).some((failed) => !always.has(failed));
}

/**
 * Conditions written alike hold alike, and one written as `!Not` of another's definition holds when it does not
 * (`Both: !And [...]` beside `NotBoth: !Not [!And [...]]`, as templates and the SAM transform write them): cases
 * that take them otherwise cannot happen, whatever the parameters compared.
 */
function sameDefinitionsAgree(
  conditions: Record<string, unknown>,
  taken: ReadonlyMap<string, boolean>,
): boolean {
  const byText = new Map<string, boolean>();
  for (const [name, holds] of taken) {
    const text = JSON.stringify(own(conditions, name));
    if (text === undefined) continue;
    const seen = byText.get(text);
    if (seen !== undefined && seen !== holds) return false;
    byText.set(text, holds);
    const negated = JSON.stringify({ 'Fn::Not': [own(conditions, name)] });
    const other = byText.get(negated);
    if (other !== undefined && other === holds) return false;
    byText.set(negated, !holds);
  }
  return true;
}

/**
 * The conditions a case takes, with those they force: an `!Or` of `!Condition X` parts that does not hold makes each
 * X false, an `!And` of them that holds makes each true (through `!Not`, which turns a part over). Undefined when
 * two of them disagree: no deploy makes the case.
 */
function impliedConditions(
  conditions: Record<string, unknown>,
  taken: ReadonlyMap<string, boolean>,
): Map<string, boolean> | undefined {
  const implied = new Map(taken);
  const queue = [...taken];
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    const [name, holds] = next;
    const { definition, value } = throughNotAndReferences(own(conditions, name), holds, conditions);
    const record = asRecord(definition);
    const parts = value ? record?.['Fn::And'] : record?.['Fn::Or'];
    if (!Array.isArray(parts)) continue;
    for (const part of parts) {
      const forced = namedCondition(part, value);
      if (forced === undefined) continue;
      const before = implied.get(forced.name);
      if (before === forced.holds) continue;
      if (before !== undefined) return undefined;
      implied.set(forced.name, forced.holds);
      queue.push([forced.name, forced.holds]);
    }
  }
  return implied;
}

/** A part that is `!Condition X` (under any `!Not`s) and must have value `holds`: X, and the value X must have. */
function namedCondition(part: unknown, holds: boolean): { name: string; holds: boolean } | undefined {
  for (let depth = 0; depth < 16; depth++) {
    const record = asRecord(part);
    const negated = record?.['Fn::Not'];
    if (Array.isArray(negated) && negated.length === 1) {
      part = negated[0];
      holds = !holds;
    } else if (typeof record?.Condition === 'string' && Object.keys(record).length === 1) {
      return { name: record.Condition, holds };
    } else return undefined;
  }
  return undefined;
}

const leftOut = new WeakMap<object, Record<string, unknown>>();

/** The template with its parameters' defaults left out (worked out once per template). */
function defaultsLeftOut(template: Record<string, unknown>): Record<string, unknown> {
  let made = leftOut.get(template);
  if (!made) {
    const parameters: Record<string, unknown> = {};
    for (const [name, raw] of Object.entries(asRecord(template.Parameters) ?? {})) {
      const { Default: _default, ...declaration } = asRecord(raw) ?? {};
      setOwn(parameters, name, declaration);
    }
    made = { ...template, Parameters: parameters };
    leftOut.set(template, made);
  }
  return made;
}
