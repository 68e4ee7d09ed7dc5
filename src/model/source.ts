/**
 * Where a resource or one of its properties was declared.
 *
 * IaC resources point into a file: `node` is the parsed object (a mapping or sequence) and `key`
 * names a child of it, resolved to line and column lazily (only for what a finding points at).
 * Locations follow object identity, so a SAM expansion that reuses the user's objects keeps
 * pointing at what the user wrote. Live resources point at an ARN in an account and region.
 */
export interface FileSource {
  readonly file: string;
  readonly locator: Locator;
  readonly node: object;
  readonly key?: string | number;
}

export interface CloudSource {
  readonly arn: string;
  readonly account?: string;
  readonly region?: string;
}

export type SourceRef = FileSource | CloudSource;

/**
 * Where an item of a list is written (`index` as written: items an `!If` removes keep their place), and whether
 * its value is `fixed`: the same in every deploy (see PolicyPlace in ./iam.ts). A finding about the item rests
 * on its value when that is fixed, on its place when it is not.
 */
export interface WrittenItem {
  readonly index: number;
  readonly fixed: boolean;
}

/**
 * The key of a finding about an item whose value is not fixed: `<list>[<index as written>]` (`Policies[0]`,
 * `Statement[1].Principal.AWS[0]`); undefined when the value is fixed (or its place unknown), and the finding is
 * keyed on the value itself.
 */
export function writtenItemKey(item: WrittenItem | undefined, list: string): string | undefined {
  return item === undefined || item.fixed ? undefined : `${list}[${item.index}]`;
}

/**
 * The index as written of item `index` of a model list, given where its items are written (`places`, aligned with
 * the list; see WrittenItem): a list that lost an `AWS::NoValue` item keeps the others' places, so a finding's
 * path names the item the user wrote in every case of a condition. `index` itself where no place is kept.
 */
export function writtenIndex(places: readonly WrittenItem[] | undefined, index: number): number {
  return places?.[index]?.index ?? index;
}

export interface Position {
  readonly line: number;
  readonly column: number;
  /**
   * The file the node is written in, when it is not the locator's own: an OpenAPI definition a template includes from
   * a file of its own (AWS::Include) is located there, while its sources name the template (FileSource.file).
   */
  readonly file?: string;
}

/** Resolves parsed objects of one file back to positions in its text. */
/** Where a source is, as a report shows it: a line in a file (path as displayed), or a cloud resource. */
export interface SourceLocation {
  /** Path relative to the scan root, with forward slashes. */
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
  readonly arn?: string;
  readonly account?: string;
  readonly region?: string;
}

export interface Locator {
  readonly file: string;
  /** Position of `node` itself, or of its child `key` (undefined when that child is not there). */
  locate(node: object, key?: string | number): Position | undefined;
}

export function isFileSource(ref: SourceRef): ref is FileSource {
  return 'file' in ref;
}

/** A location one property deeper: the child `key` of the node this ref points at, if it is an object. */
export function childSource(ref: SourceRef, ...path: (string | number)[]): SourceRef {
  if (!isFileSource(ref) || path.length === 0) return ref;
  let node: object = ref.key === undefined ? ref.node : (childObject(ref.node, ref.key) ?? ref.node);
  if (ref.key !== undefined && node === ref.node) return ref;
  // An intrinsic is not walked into: item 0 of `Layers: !If [Cond, [...], [...]]` is the condition's name,
  // not a layer. Point at the intrinsic.
  if (isIntrinsicNode(node)) return ref;
  for (let i = 0; i < path.length - 1; i++) {
    const next = childObject(node, path[i] as string | number);
    if (next === undefined) return { ...ref, node, key: path[i] };
    if (isIntrinsicNode(next)) return { file: ref.file, locator: ref.locator, node, key: path[i] };
    node = next;
  }
  const last = path[path.length - 1] as string | number;
  return { file: ref.file, locator: ref.locator, node, key: last };
}

/** `{ "Fn::If": [...] }`, `{ Ref: X }`: one key, an intrinsic's. */
function isIntrinsicNode(node: object): boolean {
  if (Array.isArray(node)) return false;
  let only: string | undefined;
  for (const key in node) {
    if (only !== undefined) return false;
    only = key;
  }
  return only !== undefined && (only === 'Ref' || only.startsWith('Fn::'));
}

function childObject(node: object, key: string | number): object | undefined {
  const child = (node as Record<string | number, unknown>)[key];
  return child !== null && typeof child === 'object' ? child : undefined;
}
