import { setOwn } from '../../model/own.js';
import { isUnknown, type Unknown, unknown } from '../../model/values.js';
import { asRecord, intrinsicName } from './intrinsic-values.js';
import { Resolver } from './intrinsics.js';
import { equalValues } from './value-intrinsics.js';

// A template's `Rules` validate the parameter values of a stack creation or update before CloudFormation creates
// anything (User Guide, "Rules"): a rule applies when its RuleCondition holds, or it has none ("If the rule condition
// evaluates to false, the rule doesn't take effect. If the function in the rule condition evaluates to true,
// expressions in each assert are evaluated and applied", CfnRuleProps), and a false assertion refuses the deploy.
// Parapet reads the comparisons conditions are made of (`Fn::Equals`, `Fn::Not`, `Fn::And`, `Fn::Or`) and
// `Fn::Contains`; another rule-specific function (`Fn::EachMemberIn`, `Fn::ValueOf`, ...) leaves an assertion
// undecided, which refuses nothing.

/** An assertion of the template's Rules that fails with the values a resolver gives. */
export interface FailedAssertion {
  readonly rule: string;
  /** Its AssertDescription, when it has one. */
  readonly description?: string;
  /** The parameters whose defaults deciding it used. */
  readonly defaults: readonly string[];
}

/** The assertions of the template's Rules that fail with the values `resolver` gives (its defaults included). */
export function failedAssertions(template: Record<string, unknown>, resolver: Resolver): FailedAssertion[] {
  const failed: FailedAssertion[] = [];
  for (const [rule, raw] of Object.entries(asRecord(template.Rules) ?? {})) {
    const declaration = asRecord(raw);
    if (declaration === undefined) continue;
    if (declaration.RuleCondition !== undefined && ruleValue(declaration.RuleCondition, resolver) !== true)
      continue;
    const assertions = Array.isArray(declaration.Assertions) ? declaration.Assertions : [];
    for (const assertion of assertions) {
      resolver.resetAssumptions();
      if (ruleValue(asRecord(assertion)?.Assert, resolver) !== false) continue;
      const description = asRecord(assertion)?.AssertDescription;
      failed.push({
        rule,
        ...(typeof description === 'string' ? { description } : {}),
        defaults: [...resolver.assumed],
      });
    }
  }
  resolver.resetAssumptions();
  return failed;
}

/** A rule's condition or assertion: true, false, or undefined when Parapet cannot decide it. */
function ruleValue(expression: unknown, resolver: Resolver): boolean | undefined {
  const fn = intrinsicName(expression);
  const args = fn === undefined ? undefined : (expression as Record<string, unknown>)[fn];
  switch (fn) {
    case 'Fn::And':
    case 'Fn::Or': {
      if (!Array.isArray(args)) return undefined;
      const values = args.map((part) => ruleValue(part, resolver));
      const deciding = fn === 'Fn::Or';
      if (values.includes(deciding)) return deciding;
      return values.includes(undefined) ? undefined : !deciding;
    }
    case 'Fn::Not': {
      const value = ruleValue(Array.isArray(args) ? args[0] : args, resolver);
      return value === undefined ? undefined : !value;
    }
    case 'Fn::Equals': {
      if (!Array.isArray(args) || args.length !== 2) return undefined;
      const equal = equalValues(resolver.value(args[0]), resolver.value(args[1]));
      return isUnknown(equal) ? undefined : equal;
    }
    case 'Fn::Contains': {
      if (!Array.isArray(args) || args.length !== 2) return undefined;
      const [list, value] = [resolver.value(args[0]), resolver.value(args[1])];
      if (!Array.isArray(list) || list.some((item) => typeof item !== 'string') || typeof value !== 'string')
        return undefined;
      return list.includes(value);
    }
    default:
      return undefined;
  }
}

/**
 * What a case of the conditions (`values`: those it gives its parameters, over the `given` ones) makes of parameters
 * left at their defaults that a rule refuses there: not known before deploy. With `Pattern=existing`, a rule asserting
 * `!Not [!Equals [!Ref ArnList, '']]` when Pattern is existing leaves ArnList's default `''` to no deploy of that case.
 * With no values at all, the defaults' own case: rules apply to the values in effect, defaults included, so a template
 * whose defaults break a rule is created only once the deployer gives another value to a parameter the assertion uses.
 */
export function defaultsRefusedByRules(
  template: Record<string, unknown>,
  given: Readonly<Record<string, string>>,
  values: Readonly<Record<string, string | Unknown>>,
): Record<string, Unknown> {
  if (asRecord(template.Rules) === undefined) return {};
  const text: Record<string, string> = { ...given };
  const open: Record<string, Unknown> = {};
  for (const [name, value] of Object.entries(values)) {
    if (typeof value === 'string') setOwn(text, name, value);
    else setOwn(open, name, value);
  }
  const resolver = new Resolver(template, new Set(), () => {}, text, new Map(), open);
  const refused: Record<string, Unknown> = {};
  for (const { rule, description, defaults } of failedAssertions(template, resolver)) {
    const why = description === undefined ? '' : ` (${description})`;
    for (const name of defaults) {
      if (Object.hasOwn(refused, name)) continue;
      const reason = `from parameter ${name}, whose default rule ${rule} refuses in this deploy${why}`;
      setOwn(refused, name, unknown(reason, `\${${name}}`));
    }
  }
  return refused;
}
