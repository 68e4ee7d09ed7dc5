import { own } from '../../model/own.js';
import { asRecord } from './intrinsic-values.js';
import type { MapContext } from './map/context.js';

/**
 * The indexes an `Fn::Select`'s index not written out may be in any deploy, within a list of `length` items, where the
 * template bounds them: a parameter's `AllowedValues` ("An array containing the list of values allowed for the
 * parameter": CloudFormation Parameters syntax; a deploy giving another fails), or an `Fn::FindInMap` whose every entry
 * the keys may reach holds an index (a mapping holds only text, fixed in the template). An index out of the list, or
 * a key no entry has, fails that deploy: no item. Undefined where they are not bounded so (a parameter without
 * AllowedValues, a mapping's `DefaultValue`, any other function): every item may be picked. Ascending, each once.
 */
export function selectableIndexes(ctx: MapContext, index: unknown, length: number): number[] | undefined {
  const texts = indexTexts(ctx, index);
  if (texts === undefined) return undefined;
  const indexes = new Set<number>();
  for (const text of texts) {
    const at = Number(text);
    if (Number.isInteger(at) && at >= 0 && at < length) indexes.add(at);
  }
  return [...indexes].sort((a, b) => a - b);
}

/** The texts an index may be (see selectableIndexes); undefined where not bounded. */
function indexTexts(ctx: MapContext, index: unknown): string[] | undefined {
  const record = asRecord(index);
  if (record === undefined || Object.keys(record).length !== 1) return undefined;
  const ref = record.Ref;
  if (typeof ref === 'string') return ctx.resolver.declaredAllowedTexts(ref)?.slice();
  const inMap = record['Fn::FindInMap'];
  if (!Array.isArray(inMap) || inMap.length !== 3) return undefined;
  return mappedTexts(ctx, inMap as [unknown, unknown, unknown]);
}

/** The texts an `Fn::FindInMap` (no DefaultValue) may give over every key its keys not written out may be. */
function mappedTexts(
  ctx: MapContext,
  [name, top, second]: [unknown, unknown, unknown],
): string[] | undefined {
  if (typeof name !== 'string') return undefined;
  const mapping = ctx.resolver.mappingWritten(name);
  if (mapping === undefined) return undefined;
  const texts: string[] = [];
  for (const entry of keysOf(ctx, mapping, top).map((key) => asRecord(own(mapping, key)))) {
    if (entry === undefined) continue;
    for (const key of keysOf(ctx, entry, second)) {
      const value = own(entry, key);
      if (value === undefined) continue;
      if (typeof value !== 'string' && typeof value !== 'number') return undefined;
      texts.push(String(value));
    }
  }
  return texts;
}

/** The keys of `level` a key may be: the one written, those its parameter's AllowedValues allow, or every one. */
function keysOf(ctx: MapContext, level: Record<string, unknown>, key: unknown): string[] {
  if (typeof key === 'string' || typeof key === 'number') return [String(key)];
  const ref = asRecord(key)?.Ref;
  const allowed = typeof ref === 'string' ? ctx.resolver.declaredAllowedTexts(ref) : undefined;
  return allowed === undefined ? Object.keys(level) : [...allowed];
}
