/**
 * A condition worked out from its definition in a case of the others (isPossibleCase): remembered per template by
 * what the working out reads, so that the cases a scan plans, which share most of their conditions, do not each
 * make a resolver for each condition they take (a template with 240 default-decided conditions asked thousands).
 */
import { own } from '../../model/own.js';
import { placeholderMatches, type Value } from '../../model/values.js';
import { nonEmptyInCase } from './case-non-empty.js';
import { visitTexts } from './condition-names.js';
import { asRecord } from './intrinsic-values.js';
import { Resolver } from './intrinsics.js';

/** What working a condition out can read: the conditions its definition names (through them too), and parameters. */
interface Reach {
  readonly conditions: readonly string[];
  readonly parameters: readonly string[];
}

interface Memo {
  readonly reach: Map<string, Reach>;
  readonly worked: Map<string, Value<boolean>>;
}

const MEMOS = new WeakMap<Record<string, unknown>, Memo>();

/**
 * `name` worked out by a resolver of `template` given `values` for its parameters and the conditions `others` as taken.
 * Nothing else of the case tells it: the conditions it does not reach, the parameters none of them names (nor the
 * parameters the case keeps from being empty but those). `template` is the same object for every case of a scan.
 */
export function conditionInCase(
  template: Record<string, unknown>,
  values: Readonly<Record<string, string>>,
  others: ReadonlyMap<string, boolean>,
  name: string,
): Value<boolean> {
  let memo = MEMOS.get(template);
  if (memo === undefined) {
    memo = { reach: new Map(), worked: new Map() };
    MEMOS.set(template, memo);
  }
  const conditions = asRecord(template.Conditions) ?? {};
  const reach = memo.reach.get(name) ?? reachOf(template, conditions, name);
  memo.reach.set(name, reach);
  const nonEmpty = nonEmptyInCase(conditions, others);
  const key = JSON.stringify([
    name,
    reach.conditions.map((condition) => others.get(condition) ?? null),
    reach.parameters.map((parameter) => (Object.hasOwn(values, parameter) ? values[parameter] : null)),
    reach.parameters.map((parameter) => nonEmpty.get(parameter) ?? null),
  ]);
  const known = memo.worked.get(key);
  if (known !== undefined) return known;
  const worked = new Resolver(template, new Set(), () => {}, values, others).conditionNamed(name);
  memo.worked.set(key, worked);
  return worked;
}

/**
 * The conditions a condition's definition names, through theirs too (itself where it is circular), and every parameter
 * their definitions may name: any text that is a parameter's name, or `${Name}` within text (more than the
 * references, never fewer).
 */
function reachOf(
  template: Record<string, unknown>,
  conditions: Record<string, unknown>,
  name: string,
): Reach {
  const parameters = asRecord(template.Parameters) ?? {};
  const reached = new Set<string>();
  const named = new Set<string>();
  const queue = [name];
  for (let next = queue.pop(); next !== undefined; next = queue.pop()) {
    visitTexts(own(conditions, next), (text, isConditionName) => {
      if (isConditionName && !reached.has(text)) {
        reached.add(text);
        queue.push(text);
      }
      if (Object.hasOwn(parameters, text)) named.add(text);
      for (const [, inner] of placeholderMatches(text))
        if (inner !== undefined && Object.hasOwn(parameters, inner)) named.add(inner);
    });
  }
  return { conditions: [...reached].sort(), parameters: [...named].sort() };
}
