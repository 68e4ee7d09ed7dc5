import type { Reference } from '../../model/lambda.js';
import { isUnknown } from '../../model/values.js';
import { asRecord } from './intrinsic-values.js';
import type { MapContext } from './map/context.js';
import { selectableIndexes } from './select-indexes.js';

/**
 * Whether a written target is chosen by a value a deploy may change (anywhere in it): an `Fn::If`, an `Fn::Select`
 * whose index, or an `Fn::FindInMap` whose keys, are not written out (`!Select [!Ref Idx, [!Ref A, !Ref B]]`).
 * The default case reads one target; another deploy may name another resource.
 */
export function choosesTarget(node: unknown): boolean {
  if (Array.isArray(node)) return node.some(choosesTarget);
  const record = asRecord(node);
  if (record === undefined) return false;
  if (Object.hasOwn(record, 'Fn::If')) return true;
  const select = record['Fn::Select'];
  if (Array.isArray(select) && !isWrittenOut(select[0])) return true;
  const inMap = record['Fn::FindInMap'];
  if (Array.isArray(inMap) && !inMap.slice(0, 3).every(isWrittenOut)) return true;
  return Object.values(record).some(choosesTarget);
}

/**
 * Whether a written target is chosen (see choosesTarget) by more than the template's conditions, whose cases a scan
 * explores: an `Fn::Select` whose index, or an `Fn::FindInMap` whose keys, are not written out, anywhere in it (in an
 * `Fn::If`'s branches too). `!Select [!Ref Idx, [!Ref A, !Ref B]]` may be B in a deploy no case shows.
 */
export function choosesBeyondConditions(node: unknown): boolean {
  if (Array.isArray(node)) return node.some(choosesBeyondConditions);
  const record = asRecord(node);
  if (record === undefined) return false;
  const select = record['Fn::Select'];
  if (Array.isArray(select) && !isWrittenOut(select[0])) return true;
  const inMap = record['Fn::FindInMap'];
  if (Array.isArray(inMap) && !inMap.slice(0, 3).every(isWrittenOut)) return true;
  return Object.values(record).some(choosesBeyondConditions);
}

/**
 * The parameters whose values choose a written target beyond the template's conditions (see choosesBeyondConditions):
 * those in an `Fn::Select`'s index, or an `Fn::FindInMap`'s keys, not written out (`Idx` of `!Select [!Ref Idx, [...]]`).
 */
export function choosingParameters(
  ctx: Pick<MapContext, 'resolver'>,
  node: unknown,
  into = new Set<string>(),
): Set<string> {
  if (Array.isArray(node)) {
    for (const item of node) choosingParameters(ctx, item, into);
    return into;
  }
  const record = asRecord(node);
  if (record === undefined) return into;
  const select = record['Fn::Select'];
  const inMap = record['Fn::FindInMap'];
  const choosing = Array.isArray(select) ? [select[0]] : Array.isArray(inMap) ? inMap.slice(0, 3) : [];
  for (const part of choosing) if (!isWrittenOut(part)) ctx.resolver.valueParameters(part, into);
  for (const value of Object.values(record)) choosingParameters(ctx, value, into);
  return into;
}

/** A literal a template writes: the same in every deploy. */
function isWrittenOut(node: unknown): boolean {
  return typeof node === 'string' || typeof node === 'number';
}

/**
 * What property `property` of a declaration's Properties (as written) may be in some deploy, each as written: the
 * branches of its `Fn::If`s that their conditions allow (one decided whatever the parameters allows one), the items
 * of an `Fn::Select`'s written list (those its index may be, where the template bounds it: selectableIndexes), an `Fn::FindInMap` as it is (a mapping holds only text). Properties an `Fn::If`
 * chooses whole give the property of each branch. Undefined where they cannot be listed: a list a parameter or a
 * function gives (`!Select [!Ref Idx, !Ref Subnets]`), a choice inside another function (`!Join`, `!Sub`) that does
 * more than hold it (`!Join ['', [!If [C, !Ref A, !Ref B]]]` is read as the If it holds).
 * Reads conditions, so it adds to the resolver's assumptions: reset them after.
 */
export function optionsOf(ctx: MapContext, properties: unknown, property: string): unknown[] | undefined {
  const branches = allowedBranches(ctx, properties);
  if (branches !== undefined) return flatOptions(branches, (branch) => optionsOf(ctx, branch, property));
  const record = asRecord(properties);
  return record === undefined ? [] : targetOptions(ctx, record[property]);
}

/** What a written value may be in some deploy (see optionsOf). */
function targetOptions(ctx: MapContext, node: unknown): unknown[] | undefined {
  // `!Join ['', [!If [C, !Ref A, !Ref B]]]`, `!Sub` around an If: the choice they wrap, as CloudFormation reads them.
  const held = ctx.heldValue(node);
  if (held !== undefined) return targetOptions(ctx, held);
  const branches = allowedBranches(ctx, node);
  if (branches !== undefined) return flatOptions(branches, (branch) => targetOptions(ctx, branch));
  const select = asRecord(node)?.['Fn::Select'];
  if (Array.isArray(select) && select.length === 2) {
    const [index, list] = select as [unknown, unknown];
    if (!Array.isArray(list)) return choosesTarget(node) ? undefined : [node];
    const picked = isWrittenOut(index) ? list[Number(index)] : undefined;
    if (picked !== undefined) return targetOptions(ctx, picked);
    const allowed = selectableIndexes(ctx, index, list.length);
    const items = allowed === undefined ? list : allowed.map((at) => list[at]);
    return flatOptions(items, (item) => targetOptions(ctx, item));
  }
  // A mapping holds only text ("You can't include parameters, pseudo parameters, or intrinsic functions in the Mappings
  // section": CloudFormation User Guide, Mappings syntax): never a resource of the template. But the DefaultValue that
  // AWS::LanguageExtensions lets an Fn::FindInMap give when the keys find nothing may be one.
  const inMap = asRecord(node)?.['Fn::FindInMap'];
  if (inMap !== undefined) {
    const fallback = Array.isArray(inMap) ? asRecord(inMap[3])?.DefaultValue : undefined;
    const others = fallback === undefined ? [] : targetOptions(ctx, fallback);
    return others === undefined ? undefined : [node, ...others];
  }
  return choosesTarget(node) ? undefined : [node];
}

/** The branches of an `Fn::If` (`node`) its condition allows; undefined when `node` is no `Fn::If`. */
function allowedBranches(ctx: MapContext, node: unknown): unknown[] | undefined {
  const record = asRecord(node);
  const choice = record?.['Fn::If'];
  if (record === undefined || Object.keys(record).length !== 1 || !Array.isArray(choice)) return undefined;
  if (choice.length !== 3) return undefined;
  const [condition, whenTrue, whenFalse] = choice as [unknown, unknown, unknown];
  if (typeof condition !== 'string') return [whenTrue, whenFalse];
  const { value: holds, assumed, met } = ctx.resolver.aside(() => ctx.resolver.conditionNamed(condition));
  // Decided by the parameters' defaults, or not known before deploy: another deploy takes the other branch.
  if (assumed.length > 0 || met.length > 0 || typeof holds !== 'boolean') return [whenTrue, whenFalse];
  return [holds ? whenTrue : whenFalse];
}

function flatOptions(
  items: readonly unknown[],
  options: (item: unknown) => unknown[] | undefined,
): unknown[] | undefined {
  const all: unknown[] = [];
  for (const item of items) {
    const found = options(item);
    if (found === undefined) return undefined;
    all.push(...found);
  }
  return all;
}

/**
 * Reads each option of a value (see optionsOf) as the deploy scanned reads it. A parameter's value is never one of the
 * template's resources, whatever text it holds (see textNamingResource, map/parameter-text.ts): an option is one only where the template names it.
 * Reads each option aside (see Resolver.aside).
 */
export function readOptions<T>(ctx: MapContext, options: readonly unknown[]): T[] {
  const read: T[] = [];
  for (const option of options) {
    const { value } = ctx.resolver.aside(() => ctx.reference(option) as T | undefined);
    if (value !== undefined) read.push(value);
  }
  return read;
}

/**
 * The targets a written target (whose options are `options`: optionsOf) may name in a deploy that no case of the
 * template's conditions shows, each read as the deploy scanned reads it (readOptions), once (see optionKey). Asked only
 * where a parameter chooses beyond the conditions (choosesBeyondConditions, and some choosingParameters): the caller
 * tests that first, cheaply; an index an `Fn::If` alone chooses is the conditions' choice, and their cases show each.
 */
export function unseenOptions(ctx: MapContext, options: readonly unknown[]): Reference[] {
  const unseen = new Map<string, Reference>();
  for (const target of readOptions<Reference>(ctx, options)) unseen.set(optionKey(target), target);
  return [...unseen.values()];
}

/** One key per target an option names: its id, or why it is not known before deploy. */
export function optionKey(target: Reference): string {
  return isUnknown(target) ? `not known: ${target.reason}` : target;
}
