import type { Value } from '../../model/values.js';
import { asRecord, intrinsicName, isIntrinsicKey, subNames } from './intrinsic-values.js';

// Two walks of a raw template value that name the parameters it depends on, without resolving it.

/** What the walks need to know of the template's parameters and conditions (the Resolver gives it). */
export interface ParameterWalkContext {
  /** Whether resolving `Ref: name` uses the parameter's default (and so records it as assumed). */
  assumesDefault(name: string): boolean;
  /** Whether `name` is a parameter of the template. */
  isParameter(name: string): boolean;
  /** A condition's value if already known; no work done. */
  settled(name: string): Value<boolean> | undefined;
  /** The parameters whose defaults deciding a named condition uses. */
  parametersOfCondition(name: unknown): readonly string[];
  /**
   * Only what decides which keys and items are set: an `Fn::If` counts when a branch is `AWS::NoValue` or a
   * structure (a map, a list), not when it picks between two values (`!If [IsProd, WARN, INFO]`).
   */
  readonly presenceOnly?: boolean;
}

/**
 * Adds to `into` the parameters whose defaults resolving `raw` would assume: those named by `Ref`,
 * by `${Name}` in `Fn::Sub`, and by the conditions of `Fn::If` (of which only the branch taken is
 * followed, once the condition is decided). A walk of the raw value, not a resolution: nothing is
 * recorded in `assumed`.
 */
export function parametersIn(raw: unknown, into: Set<string>, context: ParameterWalkContext): void {
  if (raw === null || typeof raw !== 'object') return;
  if (Array.isArray(raw)) {
    for (const item of raw) if (typeof item === 'object') parametersIn(item, into, context);
    return;
  }
  const node = raw as Record<string, unknown>;
  // The only key, found without allocating (this walk runs over every property of large templates).
  let only: string | undefined;
  for (const key in node) {
    if (only !== undefined) {
      only = undefined;
      break;
    }
    only = key;
  }
  const fn = only !== undefined && isIntrinsicKey(only, node[only]) ? only : undefined;
  if (fn === undefined) {
    for (const key in node) {
      const child = node[key];
      if (typeof child === 'object') parametersIn(child, into, context);
    }
    return;
  }
  const args = node[fn];
  switch (fn) {
    case 'Ref':
      if (typeof args === 'string' && context.assumesDefault(args)) into.add(args);
      return;
    case 'Condition':
      for (const parameter of context.parametersOfCondition(args)) into.add(parameter);
      return;
    case 'Fn::Sub':
      parametersInSub(args, into, context);
      return;
    case 'Fn::If': {
      if (!Array.isArray(args) || args.length !== 3) break;
      if (context.presenceOnly && !shapesPresence(args[1]) && !shapesPresence(args[2])) return;
      for (const parameter of context.parametersOfCondition(args[0])) into.add(parameter);
      const holds = typeof args[0] === 'string' ? context.settled(args[0]) : undefined;
      if (holds !== false) parametersIn(args[1], into, context);
      if (holds !== true) parametersIn(args[2], into, context);
      return;
    }
    case 'Fn::And':
    case 'Fn::Or':
    case 'Fn::Not':
      // In Conditions, a plain string among these arguments names another condition.
      for (const arg of Array.isArray(args) ? args : [args]) {
        if (typeof arg === 'string') for (const p of context.parametersOfCondition(arg)) into.add(p);
        else parametersIn(arg, into, context);
      }
      return;
  }
  parametersIn(args, into, context);
}

function parametersInSub(args: unknown, into: Set<string>, context: ParameterWalkContext): void {
  const text = Array.isArray(args) ? args[0] : args;
  const variables = Array.isArray(args) ? asRecord(args[1]) : undefined;
  if (variables) parametersIn(variables, into, context);
  if (typeof text !== 'string') return;
  for (const name of subNames(text)) {
    if (!(variables && Object.hasOwn(variables, name)) && context.assumesDefault(name)) into.add(name);
  }
}

/**
 * The template parameters whose values end up in `raw` once resolved, given with -p or not, with a
 * default or not, in the order first met: those named by `Ref` and by `${Name}` in `Fn::Sub` (both
 * forms), anywhere inside `Fn::Join`, `Fn::Select`, `Fn::Base64` and the like, and in the branch of
 * `Fn::If` taken (both while its condition is undecided). Not the parameters that only choose a value
 * (a condition's, a `Fn::FindInMap` key, a `Fn::Select` index): their values are not in it. A walk of
 * the raw value after it has been resolved (so the conditions met are decided); nothing is recorded
 * in `assumed`. Callers walk only intrinsics: a plain string has no parameter in it.
 */
export function valueParameters(raw: unknown, into: Set<string>, context: ParameterWalkContext): Set<string> {
  if (raw === null || typeof raw !== 'object') return into;
  if (Array.isArray(raw)) {
    for (const item of raw) valueParameters(item, into, context);
    return into;
  }
  const fn = intrinsicName(raw);
  const args = fn === undefined ? undefined : (raw as Record<string, unknown>)[fn];
  switch (fn) {
    case undefined:
      for (const child of Object.values(raw)) valueParameters(child, into, context);
      return into;
    case 'Ref':
      if (typeof args === 'string' && context.isParameter(args)) into.add(args);
      return into;
    case 'Fn::Sub': {
      const text = Array.isArray(args) ? args[0] : args;
      const variables = Array.isArray(args) ? asRecord(args[1]) : undefined;
      if (typeof text !== 'string') return into;
      // Each name once: a variable named ten times, itself an Fn::Sub, would be walked ten times more each level.
      for (const name of new Set(subNames(text))) {
        if (variables && Object.hasOwn(variables, name)) valueParameters(variables[name], into, context);
        else if (context.isParameter(name)) into.add(name);
      }
      return into;
    }
    case 'Fn::If': {
      if (!Array.isArray(args) || args.length !== 3) return into;
      const holds = typeof args[0] === 'string' ? context.settled(args[0]) : undefined;
      if (holds !== false) valueParameters(args[1], into, context);
      if (holds !== true) valueParameters(args[2], into, context);
      return into;
    }
    case 'Fn::Select':
    case 'Fn::Split':
      if (Array.isArray(args)) valueParameters(args[1], into, context);
      return into;
    case 'Fn::FindInMap':
      // The mapped values are literals; only a DefaultValue can bring a parameter in.
      if (Array.isArray(args)) valueParameters(asRecord(args[3])?.DefaultValue, into, context);
      return into;
    case 'Fn::GetAtt':
    case 'Fn::ImportValue':
    case 'Fn::GetAZs':
    case 'Fn::Cidr':
    case 'Fn::Equals':
    case 'Fn::And':
    case 'Fn::Or':
    case 'Fn::Not':
    case 'Condition':
      return into;
    default:
      return valueParameters(args, into, context);
  }
}

/** Whether an `Fn::If` branch can change which keys or items are set: `AWS::NoValue`, a structure, or such an If. */
function shapesPresence(branch: unknown): boolean {
  if (branch === null || typeof branch !== 'object') return false;
  if (Array.isArray(branch)) return true;
  const node = branch as Record<string, unknown>;
  if (node.Ref === 'AWS::NoValue') return true;
  const inner = node['Fn::If'];
  if (Array.isArray(inner)) return shapesPresence(inner[1]) || shapesPresence(inner[2]);
  const keys = Object.keys(node);
  // An intrinsic (`!Ref P`, `!Sub ...`) gives one value; a plain map is a structure.
  return !(keys.length === 1 && isIntrinsicKey(keys[0] as string, node[keys[0] as string]));
}

/**
 * Adds to `into` the written mappings an `Fn::If` chooses as a whole (a policy statement: `- !If [C, {Effect:
 * ...}, !Ref AWS::NoValue]`), each with the parameters of the conditions of the `Fn::If`s that chose it, the
 * outer ones' included: a finding on that item rests on them. Only the branch taken is followed, once the
 * condition is decided. A walk of the raw value, as `parametersIn`.
 */
export function chosenMappings(
  raw: unknown,
  into: Map<object, readonly string[]>,
  context: ParameterWalkContext,
  chosenBy: readonly string[] = [],
): void {
  if (raw === null || typeof raw !== 'object') return;
  if (Array.isArray(raw)) {
    for (const item of raw) chosenMappings(item, into, context, chosenBy);
    return;
  }
  const fn = intrinsicName(raw);
  const args = fn === undefined ? undefined : (raw as Record<string, unknown>)[fn];
  if (fn !== 'Fn::If' || !Array.isArray(args) || args.length !== 3) {
    for (const child of Object.values(fn === undefined ? raw : { args })) {
      chosenMappings(child, into, context, chosenBy);
    }
    return;
  }
  const by = [...new Set([...chosenBy, ...context.parametersOfCondition(args[0])])];
  const holds = typeof args[0] === 'string' ? context.settled(args[0]) : undefined;
  for (const branch of [holds !== false ? args[1] : undefined, holds !== true ? args[2] : undefined]) {
    if (branch === null || typeof branch !== 'object') continue;
    if (!Array.isArray(branch) && intrinsicName(branch) === undefined && by.length > 0) into.set(branch, by);
    chosenMappings(branch, into, context, by);
  }
}
