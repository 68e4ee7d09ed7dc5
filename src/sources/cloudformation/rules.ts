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
interface FailedAssertion {
  readonly rule: string;
  /** Its AssertDescription, when it has one. */
  readonly description?: string;
  /** The parameters whose defaults deciding it used. */
  readonly defaults: readonly string[];
  /** The parameters whose defaults make its rule's RuleCondition hold (none for a rule without one). */
  readonly conditionDefaults: readonly string[];
}

/** The assertions of the template's Rules that fail with the values `resolver` gives (its defaults included). */
export function failedAssertions(template: Record<string, unknown>, resolver: Resolver): FailedAssertion[] {
  const failed: FailedAssertion[] = [];
  for (const [rule, raw] of Object.entries(asRecord(template.Rules) ?? {})) {
    const declaration = asRecord(raw);
    if (declaration === undefined) continue;
    let conditionDefaults: string[] = [];
    if (declaration.RuleCondition !== undefined) {
      resolver.resetAssumptions();
      if (ruleValue(declaration.RuleCondition, resolver) !== true) continue;
      conditionDefaults = [...resolver.assumed];
    }
    const assertions = Array.isArray(declaration.Assertions) ? declaration.Assertions : [];
    for (const assertion of assertions) {
      resolver.resetAssumptions();
      if (ruleValue(asRecord(assertion)?.Assert, resolver) !== false) continue;
      const description = asRecord(assertion)?.AssertDescription;
      failed.push({
        rule,
        ...(typeof description === 'string' ? { description } : {}),
        defaults: [...resolver.assumed],
        conditionDefaults,
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
 * whose defaults break a rule is created only once the deployer gives another value to a parameter the assertion uses
 * — or, for a rule whose RuleCondition only defaults make hold, to one of those: a deploy giving `Env=dev` lifts a rule
 * on `Env` being prod and keeps the other defaults, which are then kept. A rule applies whatever those defaults become
 * when it has no RuleCondition, or one that every other value of them still makes hold.
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
  const failed = failedAssertions(template, resolver);
  const failing = new Set(failed.map(({ rule }) => rule));
  for (const { rule, description, defaults, conditionDefaults } of failed) {
    if (
      conditionDefaults.length > 0 &&
      mayBeLifted(template, rule, conditionDefaults, { text, open, failing })
    )
      continue;
    const why = description === undefined ? '' : ` (${description})`;
    for (const name of defaults) {
      if (Object.hasOwn(refused, name)) continue;
      const reason = `from parameter ${name}, whose default rule ${rule} refuses in this deploy${why}`;
      setOwn(refused, name, unknown(reason, `\${${name}}`));
    }
  }
  return refused;
}

/** Beyond this many ways to give the RuleCondition's parameters other values, a rule is taken as one it may lift. */
const MAX_LIFTING_TRIES = 64;

/**
 * Whether a deploy may give `names` (parameters at their defaults that make `rule`'s RuleCondition hold) other values
 * that make it false ("If the rule condition evaluates to false, the rule doesn't take effect", CloudFormation User
 * Guide, "Rules"), and no other rule refuses for them (other than those `failing` already, which other values lift).
 * Each of them takes its AllowedValues, or any value without them; a RuleCondition such a value leaves undecided may
 * be lifted.
 */
function mayBeLifted(
  template: Record<string, unknown>,
  rule: string,
  names: readonly string[],
  deploy: {
    readonly text: Readonly<Record<string, string>>;
    readonly open: Readonly<Record<string, Unknown>>;
    /** The rules that refuse the values as they are. */
    readonly failing: ReadonlySet<string>;
  },
): boolean {
  const condition = asRecord(asRecord(template.Rules)?.[rule])?.RuleCondition;
  const choices = names.map((name) => otherValues(template, name));
  if (choices.reduce((count, values) => count * values.length, 1) > MAX_LIFTING_TRIES) return true;
  for (const tried of combinations(choices)) {
    const texts: Record<string, string> = { ...deploy.text };
    const opens: Record<string, Unknown> = { ...deploy.open };
    tried.forEach((value, i) => {
      const name = names[i] as string;
      if (typeof value === 'string') setOwn(texts, name, value);
      else setOwn(opens, name, value);
    });
    const resolver = new Resolver(template, new Set(), () => {}, texts, new Map(), opens);
    if (ruleValue(condition, resolver) === true) continue;
    if (tried.some(isUnknown)) return true;
    if (failedAssertions(template, resolver).every((failed) => deploy.failing.has(failed.rule))) return true;
  }
  return false;
}

/** The values a deploy may give parameter `name` instead of its default: its AllowedValues, or any. */
function otherValues(template: Record<string, unknown>, name: string): (string | Unknown)[] {
  const declaration = asRecord(asRecord(template.Parameters)?.[name]);
  const allowed = declaration?.AllowedValues;
  if (!Array.isArray(allowed) || allowed.length === 0)
    return [unknown(`a value of parameter ${name} other than its default`, `\${${name}}`)];
  return allowed.map(String).filter((value) => value !== String(declaration?.Default));
}

/** Every way to take one value of each list. */
function combinations<T>(lists: readonly (readonly T[])[]): T[][] {
  return lists.reduce<T[][]>(
    (tried, values) => tried.flatMap((head) => values.map((value) => [...head, value])),
    [[]],
  );
}
