/**
 * The conditions a template's parameter defaults decide, as a scan explores them: each one's value with
 * the defaults, and what a deploy gives for the other value, in words a user can act on.
 */
import { own, setOwn } from '../../model/own.js';
import { type Unknown, unknown } from '../../model/values.js';
import { comparisonUnder, throughNotAndReferences } from './condition-comparisons.js';
import { asRecord, parameterText } from './intrinsic-values.js';
import type { Resolver } from './intrinsics.js';
import { holdsSecret } from './parameters.js';

export interface DefaultCondition {
  /** Its value with the parameters' defaults. */
  readonly holds: boolean;
  /** What gives it the other value: `Env=dev, not its default prod`, `Env other than its default prod`. */
  readonly otherwise: string;
  /**
   * What its parameters are where it takes the other value: the one value that gives it (`Env: dev`), else not
   * known before deploy (other than the default). A case of the template built with the other value reads
   * them so, not at their defaults, which would contradict the case (`KmsKeyArn` '' where `HasKey` holds).
   */
  readonly otherValues: Readonly<Record<string, string | Unknown>>;
}

const NONE: ReadonlyMap<string, DefaultCondition> = new Map();

/**
 * The conditions the resolver met whose value defaults decided. `parentDefaults`: the parameters whose
 * value a parent stack took from its own defaults (they are defaults here too, but the parent's).
 */
export function defaultConditions(
  template: Record<string, unknown>,
  resolver: Resolver,
  parentDefaults: ReadonlySet<string> = new Set(),
): ReadonlyMap<string, DefaultCondition> {
  if (resolver.byDefault.size === 0) return NONE;
  const conditions = asRecord(template.Conditions);
  const declarations = asRecord(template.Parameters);
  const result = new Map<string, DefaultCondition>();
  for (const [name, { holds, parameters }] of resolver.byDefault) {
    // A parent's NoEcho value too (the parameter is not NoEcho here, its value is).
    const secret = (p: string) =>
      holdsSecret(p, asRecord(own(declarations, p))) || resolver.parameterSource(p)?.noEcho === true;
    const defaultOf = (p: string) => {
      const whose = parentDefaults.has(p) ? "its parent stack's default" : 'its default';
      const text = resolver.parameterValueText(p);
      if (text === undefined) return whose;
      // An empty default would print as nothing: `its default )`.
      return secret(p) ? `${whose} (value not shown)` : `${whose} ${text === '' ? '""' : text}`;
    };
    const exactly = otherValue(own(conditions, name), holds, parameters, declarations, conditions);
    // An !And that does not hold (or an !Or that does) takes the other value with each of its comparisons so:
    // what each asks of its parameter, those at their default left there.
    const each =
      exactly === undefined && parameters.length > 1
        ? everyPart(own(conditions, name), !holds, conditions, (p) => resolver.parameterValueText(p))
        : undefined;
    if (each !== undefined && each.length > 0) {
      const otherValues: Record<string, string | Unknown> = {};
      const words = each.map(({ parameter, value, oneOf }) => {
        if (oneOf !== undefined && !secret(parameter)) {
          const choice = oneOf.map((v) => `${parameter}=${v === '' ? '""' : v}`).join(' or ');
          setOwn(
            otherValues,
            parameter,
            unknown(`from parameter ${parameter}, ${choice}`, `\${${parameter}}`, { oneOf }),
          );
          return `${choice}, not ${defaultOf(parameter)}`;
        }
        if (value !== undefined && !secret(parameter)) {
          setOwn(otherValues, parameter, value);
          return `${parameter}=${value === '' ? '""' : value}, not ${defaultOf(parameter)}`;
        }
        setOwn(
          otherValues,
          parameter,
          unknown(`from parameter ${parameter}, other than ${defaultOf(parameter)}`, `\${${parameter}}`),
        );
        return `${parameter} other than ${defaultOf(parameter)}`;
      });
      result.set(name, { holds, otherwise: words.join('; '), otherValues });
      continue;
    }
    // An !Or made true (or !And made false) takes it from any one part: each is named, none chosen. Of other
    // shapes (an !Or with an !And part), which parameters must change is not said: "not all at their defaults".
    const any =
      exactly === undefined && !parameters.some(secret)
        ? somePart(own(conditions, name), !holds, conditions)
        : undefined;
    const anyWords = any
      ?.map(({ parameter, value, equal }) => {
        const shown = value === '' ? '""' : value;
        return equal ? `${parameter}=${shown}` : `${parameter} other than ${shown}`;
      })
      .join(' or ');
    const defaults = parameters.map((p) => `${p}: ${defaultOf(p)}`).join('; ');
    const otherwise =
      exactly && !secret(exactly.parameter)
        ? `${exactly.parameter}=${exactly.value === '' ? '""' : exactly.value}, not ${defaultOf(exactly.parameter)}`
        : anyWords !== undefined
          ? // Of one parameter, worded as one part of an !And is: `Env=dev or Env=test, not its default prod`.
            parameters.length === 1
            ? `${anyWords}, not ${defaultOf(parameters[0] as string)}`
            : `${anyWords}; ${defaults}`
          : parameters.length === 1
            ? `${parameters[0]} other than ${defaultOf(parameters[0] as string)}`
            : `${parameters.join(', ')} not all at their defaults (${defaults})`;
    const otherValues: Record<string, string | Unknown> = {};
    // Of one parameter only, and each part asking it for a value: it is one of those values there.
    const oneOf =
      any !== undefined && parameters.length === 1 ? valuesAsked(any, parameters[0] as string) : undefined;
    // Never a secret parameter's text, even one the condition compares with: it is not printed, not even there.
    if (exactly && !secret(exactly.parameter)) setOwn(otherValues, exactly.parameter, exactly.value);
    else if (oneOf !== undefined) {
      const p = parameters[0] as string;
      setOwn(otherValues, p, unknown(`from parameter ${p}, ${anyWords}`, `\${${p}}`, { oneOf }));
    } else
      for (const p of parameters)
        setOwn(otherValues, p, unknown(`from parameter ${p}, other than ${defaultOf(p)}`, `\${${p}}`));
    result.set(name, { holds, otherwise, otherValues });
  }
  return result;
}

/**
 * What each parameter must be for a condition that is an `!And` (or `!Or`, or either under `!Not` or through
 * `!Condition`) of comparisons to take the value `target`, when every part must then go one way: an !And made
 * true, an !Or made false. Each part that its parameter's default already gives is left out; a part whose
 * parameter must leave its default gives that parameter, with the value when one is needed (`Env=dev`), none
 * when any other will do. Undefined when the condition is not of that shape (an !And made false needs only one
 * part to change, which one is not said) or two parts ask one parameter for different things.
 */
function everyPart(
  definition: unknown,
  target: boolean,
  conditions: Record<string, unknown> | undefined,
  defaultText: (parameter: string) => string | undefined,
): { parameter: string; value?: string; oneOf?: string[] }[] | undefined {
  ({ definition, value: target } = throughNotAndReferences(definition, target, conditions));
  const record = asRecord(definition);
  const parts = target ? record?.['Fn::And'] : record?.['Fn::Or'];
  if (!Array.isArray(parts)) return undefined;
  const asked = new Map<string, { value?: string; oneOf?: string[] }>();
  for (const part of parts) {
    const compared = comparisonUnder(part, target, conditions);
    if (!compared) {
      // A part that is itself a choice of values of one parameter (`!Or [Env=dev, Env=test]` of an !And made
      // true): that parameter is one of them, unless its default already is.
      const choice = somePart(part, target, conditions);
      const parameter = choice?.[0]?.parameter;
      const oneOf = choice && parameter !== undefined ? valuesAsked(choice, parameter) : undefined;
      if (oneOf === undefined || parameter === undefined || asked.has(parameter)) return undefined;
      if (!oneOf.includes(defaultText(parameter) as string)) asked.set(parameter, { oneOf });
      continue;
    }
    const { parameter, value } = compared.comparison;
    const atDefault = defaultText(parameter) === value;
    // The comparison must hold (the parameter must be the value) or not (anything but the value).
    if (compared.holds === atDefault) continue;
    const want = compared.holds ? { value } : {};
    const before = asked.get(parameter);
    if (before !== undefined && (before.oneOf !== undefined || before.value !== want.value)) return undefined;
    asked.set(parameter, want);
  }
  return [...asked].map(([parameter, want]) => ({ parameter, ...want }));
}

/**
 * For a condition that takes the value `target` when any one of its parts does (an `!Or` made true, an `!And`
 * made false, through `!Not` and `!Condition`), what each part of comparisons asks: a parameter equal to a value
 * (`Env=dev`) or not (`Env other than prod`). Undefined for another shape.
 */
function somePart(
  definition: unknown,
  target: boolean,
  conditions: Record<string, unknown> | undefined,
): { parameter: string; value: string; equal: boolean }[] | undefined {
  const { definition: inner, value: wanted } = throughNotAndReferences(definition, target, conditions);
  const record = asRecord(inner);
  const parts = wanted ? record?.['Fn::Or'] : record?.['Fn::And'];
  if (!Array.isArray(parts) || parts.length < 2) return undefined;
  const asked: { parameter: string; value: string; equal: boolean }[] = [];
  for (const part of parts) {
    const compared = comparisonUnder(part, wanted, conditions);
    if (!compared) return undefined;
    asked.push({ ...compared.comparison, equal: compared.holds });
  }
  return asked;
}

/** The values the parts ask `parameter` to be equal to, when every part asks it for one (`Env=dev or Env=test`). */
function valuesAsked(
  parts: readonly { parameter: string; value: string; equal: boolean }[],
  parameter: string,
): string[] | undefined {
  return parts.every((part) => part.parameter === parameter && part.equal)
    ? parts.map((part) => part.value)
    : undefined;
}

/**
 * The one value of its parameter that gives a comparison (`IsDev: !Equals [!Ref Env, dev]`) the value the
 * defaults do not: `dev` when it is false with them; when it holds, the other allowed value if there is
 * just one (`AllowedValues: [dev, prod]`). Under `Fn::Not` the comparison takes the other value of the
 * condition: `HasReserved: !Not [!Equals [!Ref Reserved, -1]]`, true with the default 100, is false only
 * with Reserved=-1 (50 keeps it true). Undefined when no single value does.
 */
function otherValue(
  definition: unknown,
  holds: boolean,
  parameters: readonly string[],
  declarations: Record<string, unknown> | undefined,
  conditions: Record<string, unknown> | undefined,
): { parameter: string; value: string } | undefined {
  const compared = comparisonUnder(definition, holds, conditions);
  const comparison = compared?.comparison;
  if (!comparison || parameters.length !== 1 || parameters[0] !== comparison.parameter) return undefined;
  if (!compared.holds) return comparison;
  const allowed = asRecord(own(declarations, comparison.parameter))?.AllowedValues;
  const others = Array.isArray(allowed)
    ? allowed.map(parameterText).filter((v) => v !== comparison.value)
    : [];
  return others.length === 1 ? { parameter: comparison.parameter, value: others[0] as string } : undefined;
}
