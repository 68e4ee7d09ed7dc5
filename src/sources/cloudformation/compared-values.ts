/**
 * Whether some values of the parameters that conditions compare under `Fn::And` and `Fn::Or` make a case of them
 * (isPossibleCase). `IsA: !And [!Equals [!Ref Mode, A], !Condition New]` and `IsB` alike with B never both hold, and
 * with `AllowedValues: [A, B]` never both fail where New holds: read alone, each part leaves the other conditions
 * free. So each value a deploy can give such a parameter is tried, and the case can happen when one of them (with the
 * other inputs still free) works every condition out as the case takes it, or leaves it unknown.
 *
 * A parameter's values: its AllowedValues (of a String or Number; the value the scan uses too, refused or not); or,
 * where every condition of the case reads it only in `!Equals [!Ref P, text]`, the texts it is compared with and one
 * value other than all of them. One read otherwise (`!Join`, `!Sub`, `!Select`) without AllowedValues is left free,
 * as are pseudo parameters. At most MAX_TRIED combinations are tried: beyond, the case is kept (never ruled out).
 */
import { own } from '../../model/own.js';
import { isUnknown, placeholderMatches } from '../../model/values.js';
import { comparisonUnder, parameterComparison } from './condition-comparisons.js';
import { conditionInCase } from './condition-in-case.js';
import { asRecord } from './intrinsic-values.js';
import { allowedValues, defaultText } from './parameter-texts.js';
import { meetsConstraints } from './parameters.js';

/** The most combinations of values tried for one case. */
const MAX_TRIED = 64;

/** A value no template compares with: a parameter's "other than every text it is compared with". */
const OTHER_VALUE = '\u0000other than the texts compared';

/** What a condition's definition (through the conditions it names) does with the parameters. */
interface Reading {
  /** Not one comparison of a parameter with a text (through `!Not` and `!Condition`): an And, an Or, ... */
  readonly compound: boolean;
  /** By parameter, the texts `!Equals [!Ref P, text]` compares it with. */
  readonly compared: ReadonlyMap<string, ReadonlySet<string>>;
  /** Parameters read in any other way (a `Ref` elsewhere, a `${P}`, a text that is their name). */
  readonly otherwise: ReadonlySet<string>;
}

const READINGS = new WeakMap<Record<string, unknown>, Map<string, Reading>>();

export interface CaseInputs {
  /** The template with its parameters' defaults left out, the same object for every case of a scan. */
  readonly template: Record<string, unknown>;
  /** The parameters' declarations, defaults included. */
  readonly parameters: Record<string, unknown>;
  /** Values the case fixes: given with -p, or asked by a plain comparison the case takes. */
  readonly fixed: Readonly<Record<string, string>>;
  /** The values the scan uses (given, a parent's): allowed whatever the constraints say. */
  readonly used: Readonly<Record<string, string>>;
  /** The conditions the case takes, with those they force. */
  readonly implied: ReadonlyMap<string, boolean>;
}

export function someValuesMakeCase(taken: ReadonlyMap<string, boolean>, inputs: CaseInputs): boolean {
  const { template, fixed } = inputs;
  const conditions = asRecord(template.Conditions) ?? {};
  const readings = new Map([...taken.keys()].map((name) => [name, readingOf(template, conditions, name)]));
  // Most cases: plain comparisons only, which isPossibleCase reads already.
  if (![...readings.values()].some((reading) => reading.compound)) return true;
  const readOtherwise = new Set([...readings.values()].flatMap((r) => [...r.otherwise]));
  // The parameters of the compound conditions, with the values to try of each.
  const tried = new Map<string, string[]>();
  let combinations = 1;
  for (const reading of readings.values()) {
    if (!reading.compound) continue;
    for (const parameter of [...reading.compared.keys(), ...reading.otherwise]) {
      if (tried.has(parameter) || Object.hasOwn(fixed, parameter)) continue;
      const values = valuesOf(parameter, readings, readOtherwise.has(parameter), inputs);
      if (values === undefined) continue;
      tried.set(parameter, values);
      combinations *= values.length;
      // Too many to try: the case is kept.
      if (combinations > MAX_TRIED) return true;
    }
  }
  if (tried.size === 0) return true;
  // Only the conditions that read a parameter tried can come out otherwise than the case's other checks found.
  const checked = [...taken].filter(([name]) => {
    const reading = readings.get(name) as Reading;
    return [...tried.keys()].some((p) => reading.compared.has(p) || reading.otherwise.has(p));
  });
  // Each checked condition is worked out with the case's other conditions, the same for every combination.
  const othersOf = new Map(
    checked.map(([name]) => [name, new Map([...inputs.implied].filter(([other]) => other !== name))]),
  );
  const names = [...tried.keys()];
  for (let index = 0; index < combinations; index++) {
    const values: Record<string, string> = { ...fixed };
    let rest = index;
    for (const name of names) {
      const choices = tried.get(name) as string[];
      values[name] = choices[rest % choices.length] as string;
      rest = Math.floor(rest / choices.length);
    }
    const agrees = checked.every(([name, holds]) => {
      const others = othersOf.get(name) as ReadonlyMap<string, boolean>;
      const worked = conditionInCase(template, values, others, name);
      return isUnknown(worked) || worked === holds;
    });
    if (agrees) return true;
  }
  return false;
}

/** The values to try of a parameter, or undefined to leave it free. */
function valuesOf(
  parameter: string,
  readings: ReadonlyMap<string, Reading>,
  readOtherwise: boolean,
  inputs: CaseInputs,
): string[] | undefined {
  if (!Object.hasOwn(inputs.parameters, parameter)) return undefined;
  const decl = asRecord(own(inputs.parameters, parameter));
  const type = decl?.Type;
  if (type !== undefined && type !== 'String' && type !== 'Number') return undefined;
  const usedValue = Object.hasOwn(inputs.used, parameter) ? inputs.used[parameter] : defaultText(decl);
  const allowed = allowedValues(decl);
  const deployable = (value: string) => value === usedValue || meetsConstraints(decl, value);
  const values = new Set<string>();
  if (allowed) {
    for (const value of allowed) if (deployable(value)) values.add(value);
  } else {
    if (readOtherwise) return undefined;
    for (const reading of readings.values())
      for (const text of reading.compared.get(parameter) ?? []) if (deployable(text)) values.add(text);
    values.add(OTHER_VALUE);
  }
  if (usedValue !== undefined) values.add(usedValue);
  // No value a deploy can give (every allowed value breaks another constraint): left free, never ruling cases out.
  return values.size === 0 ? undefined : [...values];
}

/** How a condition reads the parameters, worked out once per template and condition. */
function readingOf(
  template: Record<string, unknown>,
  conditions: Record<string, unknown>,
  name: string,
): Reading {
  let memo = READINGS.get(template);
  if (memo === undefined) {
    memo = new Map();
    READINGS.set(template, memo);
  }
  const known = memo.get(name);
  if (known) return known;
  const parameters = asRecord(template.Parameters) ?? {};
  const compared = new Map<string, Set<string>>();
  const otherwise = new Set<string>();
  const seen = new Set<string>([name]);
  const stack: unknown[] = [own(conditions, name)];
  while (stack.length > 0) {
    const next = stack.pop();
    if (typeof next === 'string') {
      if (Object.hasOwn(parameters, next)) otherwise.add(next);
      for (const [, inner] of placeholderMatches(next))
        if (inner !== undefined && Object.hasOwn(parameters, inner)) otherwise.add(inner);
      continue;
    }
    if (Array.isArray(next)) {
      stack.push(...next);
      continue;
    }
    const record = asRecord(next);
    if (record === undefined) continue;
    const comparison = parameterComparison(record);
    if (comparison) {
      const { parameter, value } = comparison;
      compared.set(parameter, (compared.get(parameter) ?? new Set()).add(value));
      continue;
    }
    const named = record.Condition;
    if (typeof named === 'string' && Object.keys(record).length === 1) {
      if (!seen.has(named)) {
        seen.add(named);
        stack.push(own(conditions, named));
      }
      continue;
    }
    stack.push(...Object.values(record));
  }
  const reading = {
    compound: comparisonUnder(own(conditions, name), true, conditions) === undefined,
    compared,
    otherwise,
  };
  memo.set(name, reading);
  return reading;
}
