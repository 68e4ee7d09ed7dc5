import type { Reference } from '../../../model/lambda.js';
import type { FileSource, Locator, SourceRef } from '../../../model/source.js';
import { isUnknown, unknown, type Value } from '../../../model/values.js';
import { asRecord, intrinsicName, type Resolver, ResourceRef, toText } from '../intrinsics.js';

const ONE_STRING_INTRINSICS = new Set(['Fn::Sub', 'Fn::Join']);

/**
 * What a resource mapper works with: the resolver and the raw (parsed) properties, plus small
 * readers that turn raw values into model values. Mappers read raw objects and resolve leaves, so
 * every model value can point back at the object the user wrote.
 */
export class MapContext {
  constructor(
    readonly resolver: Resolver,
    readonly locator: Locator,
  ) {}

  source(node: object, key?: string | number): FileSource {
    return key === undefined
      ? { file: this.locator.file, locator: this.locator, node }
      : { file: this.locator.file, locator: this.locator, node, key };
  }

  /** A string property: known, absent (undefined) or Unknown. */
  string(raw: unknown): Value<string | undefined> {
    return this.resolver.string(raw);
  }

  number(raw: unknown): Value<number | undefined> {
    const value = this.resolver.value(raw);
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'number') return value;
    if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)))
      return Number(value);
    return isUnknown(value) ? value : unknown(`not a number: ${JSON.stringify(value)}`);
  }

  boolean(raw: unknown): Value<boolean | undefined> {
    const value = this.resolver.value(raw);
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'boolean') return value;
    if (value === 'true' || value === 'false') return value === 'true';
    return isUnknown(value) ? value : unknown(`not a boolean: ${JSON.stringify(value)}`);
  }

  /** A reference to another resource: its logical id when it is in the template, else the ARN / name. */
  reference(raw: unknown): Value<Reference | undefined> {
    const value = this.resolver.value(raw);
    if (value instanceof ResourceRef) return value.logicalId;
    return toText(value);
  }

  /** The raw value at `path` below `raw`, looking through intrinsics on the way; an Unknown met on the way is returned. */
  dig(raw: unknown, ...path: string[]): unknown {
    let value: unknown = raw;
    for (const key of path) {
      const obj = this.object(value);
      if (isUnknown(obj)) return obj;
      value = obj?.[key];
    }
    return value;
  }

  /** A plain object (after an `!If` or the like at the top), undefined when absent. */
  object(raw: unknown): Value<Record<string, unknown> | undefined> {
    const value = this.resolver.shallow(raw);
    if (value === undefined || value === null) return undefined;
    if (isUnknown(value)) return value;
    return asRecord(value) ?? unknown('not an object');
  }

  /** A list whose items are read with `item`; a single value counts as a list of one, as IAM does. */
  list<T>(raw: unknown, item: (value: unknown, index: number, list: object) => T): Value<T[]> {
    const value = this.resolver.shallow(raw);
    if (value === undefined || value === null) return [];
    // `!Sub` and `!Join` always make one string: where a list goes, that is a list of one.
    if (isUnknown(value) && ONE_STRING_INTRINSICS.has(intrinsicName(raw) ?? ''))
      return [item(raw, 0, { value: raw })];
    if (isUnknown(value)) return value;
    if (!Array.isArray(value)) return [item(value, 0, { value })];
    const items: T[] = [];
    value.forEach((entry, index) => {
      if (!this.isNoValue(entry)) items.push(item(entry, index, value));
    });
    return items;
  }

  /**
   * Whether a list item is `AWS::NoValue` (`!Ref AWS::NoValue`, or an `!If` choosing it), which removes it
   * from the list. Only those two are looked at: resolving every item twice would cost (Fn::Sub is hot).
   */
  private isNoValue(entry: unknown): boolean {
    // Most items are text or plain mappings: tell them apart without listing their keys.
    if (entry === null || typeof entry !== 'object' || !('Ref' in entry || 'Fn::If' in entry)) return false;
    const fn = intrinsicName(entry);
    if (fn !== 'Fn::If' && fn !== 'Ref') return false;
    return this.resolver.shallow(entry) === undefined;
  }

  strings(raw: unknown): Value<Value<string>[]> {
    // Most lists (a statement's Action) are plain text: nothing to resolve, no item to remove.
    if (Array.isArray(raw) && raw.every((entry) => typeof entry === 'string')) return raw.slice();
    return this.list(raw, (entry) => this.string(entry) ?? unknown('empty value'));
  }

  references(raw: unknown): Value<Reference[]> {
    return this.list(raw, (entry) => this.reference(entry) ?? unknown('empty value'));
  }
}

export type { SourceRef };
