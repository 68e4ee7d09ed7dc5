/**
 * Loops with a list of identifiers (`[Name, Port]`). CloudFormation's reference documents one identifier;
 * AWS's linter cfn-lint reads several (aws-cloudformation/cfn-lint#4285, Nov 2025) and ships a template of
 * them as one CloudFormation accepts. Read as it reads them: each item of the collection is a list of one value
 * per identifier, in order, or the collection is a mapping, its key the first of 2 identifiers and its value
 * the second; an identifier may be a `Ref` to a parameter, whose value is its name. What it refuses (an
 * inner list of another length, a mapping with other than 2 identifiers) is an issue here.
 */
import { isUnknown } from '../../../model/values.js';
import { asRecord, containsUnknown, onlyKey, ResourceRef } from '../intrinsic-values.js';
import type { Resolver } from '../intrinsics.js';
import { givingHint, itemText, type NoItems } from './item-values.js';
import { described } from './loop-arguments.js';

/**
 * Whether a collection is written as a mapping of key to value: a mapping that is not one intrinsic (`Ref`,
 * `Fn::…`), which gives the list instead (as cfn-lint tells them apart).
 */
export function isMappingCollection(written: unknown): written is Record<string, unknown> {
  const record = asRecord(written);
  if (!record) return false;
  const key = onlyKey(record);
  return key === undefined || !(key === 'Ref' || key.startsWith('Fn::'));
}

/** The items of a mapping as collection: its key and its value as text, for a loop of `count` identifiers. */
export function mappingItems(
  mapping: Record<string, unknown>,
  count: number,
  resolver: Resolver,
): string[][] | NoItems {
  if (count !== 2)
    return {
      problem: `a mapping as collection gives each item a key and a value, so the loop takes 2 identifiers, not ${count}`,
    };
  const values: string[][] = [];
  for (const [key, value] of Object.entries(mapping)) {
    const text = itemText(resolver.value(value));
    if (typeof text !== 'string') return text;
    values.push([key, text]);
  }
  return values;
}

/** The items of a resolved list as collection: each a list of one value per identifier. */
export function listItems(
  resolved: readonly unknown[],
  identifiers: readonly string[],
): string[][] | NoItems {
  const count = identifiers.length;
  const values: string[][] = [];
  for (const [i, item] of resolved.entries()) {
    if (!Array.isArray(item)) {
      if (containsUnknown(item)) return { ...(itemText(item) as NoItems), item: i };
      const or = count === 2 ? ' (or the collection a mapping of key to value)' : '';
      return {
        problem: `item ${i + 1} of its collection is ${described(item)}; with ${count} identifiers each item must be a list of ${count} values${or}`,
        item: i,
      };
    }
    if (item.length !== count)
      return {
        problem: `item ${i + 1} of its collection is a list of ${item.length} values, but the loop has ${count} identifiers (${identifiers.join(', ')})`,
        item: i,
      };
    const texts: string[] = [];
    for (const value of item) {
      const text = itemText(value);
      if (typeof text !== 'string') return { ...text, item: i };
      texts.push(text);
    }
    values.push(texts);
  }
  return values;
}

/**
 * The name an identifier written as `Ref` gives (`written` with the identifiers of the loops around it already
 * replaced), and the parameters whose defaults it used; or why it has none, as the end of a sentence.
 */
export function identifierName(
  written: unknown,
  resolver: Resolver,
): { name: string; assumed: string[] } | { problem: string } {
  resolver.resetAssumptions();
  const resolved = resolver.value(written);
  if (typeof resolved === 'string' && resolved !== '')
    return { name: resolved, assumed: [...resolver.assumed] };
  if (isUnknown(resolved))
    return { problem: `cannot be known before deploy (${resolved.reason})${givingHint(written, resolver)}` };
  if (resolved instanceof ResourceRef)
    return { problem: `is a reference to resource ${resolved.logicalId}, not known before deploy` };
  return { problem: `must be a name, and its Ref gives ${described(resolved)}` };
}
