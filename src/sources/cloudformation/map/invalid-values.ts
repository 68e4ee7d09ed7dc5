/**
 * The error path of the MapContext readers: a value that is known but of a kind CloudFormation refuses for
 * the property (a list where text goes, `abc` where a number goes, text where a mapping goes). The template
 * cannot deploy, so that is a template error at the value; the model gets an Unknown saying the value is
 * invalid, so that no check guesses. Nothing here runs for a valid value.
 */

import type { ScanError } from '../../../findings/finding.js';
import type { Resource } from '../../../model/index.js';
import { findingLocation } from '../../../model/locate.js';
import { isFileSource, type Locator, type Position, type SourceRef } from '../../../model/source.js';
import { invalid, type Unknown } from '../../../model/values.js';
import { asRecord } from '../intrinsic-values.js';
import type { BaseFields } from './types.js';

/** What a reader expects, in words: "CloudFormation expects text here". */
export type Expected = 'text' | 'a number' | 'true or false' | 'a mapping' | 'a list';

/** Where the value was written: the object that holds it, its key there, and the property path to it. */
interface Place {
  readonly parent: object;
  readonly key: string | number;
  readonly path: readonly (string | number)[];
}

/**
 * How an error names a place where the path read is not the one the user wrote: an item of a list SAM merged from a
 * function's own and Globals' (`Layers[2]` read is `Layers[1]` of the function), with where it is written.
 */
export interface ShownPlace {
  readonly path: readonly (string | number)[];
  readonly inGlobals: boolean;
}

/** The resource a reader is reading for, and the rest of the template to look in when the value is not its own. */
export interface Reading {
  readonly id: string | undefined;
  readonly props: object | undefined;
  /** Where the resource and its properties were written (SAM Globals, SAM names): to locate a scalar SAM copied. */
  readonly base: BaseFields | undefined;
  readonly resources: Record<string, unknown>;
}

export class InvalidValues {
  /** Positions (or messages, for a value without one) already reported: one error per value. */
  private readonly reported = new Set<string>();
  /** (parent, key) places of scalars already reported, so a repeated scalar is looked for at its next place. */
  private readonly reportedPlaces = new Map<object, Set<string | number>>();

  constructor(
    private readonly locator: Locator,
    private readonly report: (error: ScanError) => void,
  ) {}

  /**
   * Reports `raw` (as written; `value` is what it resolved to) once, and returns the Unknown the model keeps.
   * A list or mapping is found by identity; a scalar by its value, at the first place not yet reported.
   */
  refuse(raw: unknown, value: unknown, expected: Expected, reading: Reading): Unknown {
    const what = describeRefused(value, expected);
    const found = placeOf(raw, reading, this.reportedPlaces);
    if (found && 'ambiguous' in found) return this.refuseSomewhere(found, value, what, expected, reading);
    const place = found;
    if (place) {
      const keys = this.reportedPlaces.get(place.parent) ?? new Set();
      keys.add(place.key);
      this.reportedPlaces.set(place.parent, keys);
    }
    const position = this.positionOf(raw, place, reading);
    const property = place ? propertyName(place, reading) : 'a property';
    const owner = place?.owner ?? reading.id;
    // A value SAM's Globals gave: written once for every function, so named where it is written.
    const renamed = place && writtenName(place, reading);
    const fromGlobals = renamed ? renamed.inGlobals : place !== undefined && inGlobals(place, reading);
    const whose = owner === undefined ? '' : fromGlobals ? ' in Globals' : ` of ${owner}`;
    const rejected = `CloudFormation expects ${expected} here and rejects the template`;
    const message = `${property}${whose} is ${what}; ${rejected}`;
    return this.reportWhere(message, position, owner, value, expected);
  }

  /**
   * Reports the list `raw` (as written: `!Ref Names`, a CommaDelimitedList) whose items, which the template does not
   * write, are of a kind CloudFormation refuses (text where target mappings go): `from` names what gives them.
   */
  refuseItems(raw: object, value: unknown, expected: Expected, from: string, reading: Reading): Unknown {
    const found = placeOf(raw, reading, this.reportedPlaces);
    const place = found && !('ambiguous' in found) ? found : undefined;
    const property = place ? propertyName(place, reading) : 'a list property';
    const owner = place?.owner ?? reading.id;
    const message =
      `${property}${owner === undefined ? '' : ` of ${owner}`} is a list whose items are ` +
      `${describeRefused(value, expected)}${from}; CloudFormation expects ${expected} for each item and rejects the template`;
    const position = this.positionOf(raw, place, reading);
    return this.reportWhere(message, position, owner, value, expected);
  }

  /**
   * Reports `problem` at a value CloudFormation rejects for what it holds rather than for its kind (an
   * `ssm-secure` dynamic reference where it takes none): `path` is the property path to `key` of `parent`.
   */
  reject(
    parent: object,
    key: string | number,
    path: readonly (string | number)[],
    problem: string,
    reading: Reading,
    shown?: ShownPlace,
  ): void {
    const place = { parent, key, path, ...(reading.id === undefined ? {} : { owner: reading.id }) };
    // Where the user wrote the path first, as a finding on it is located: a SAM function's Variables merged
    // with those of Globals are a new mapping, whose keys the locator does not know.
    const { base } = reading;
    const written =
      base && base.generatedBy === undefined
        ? findingLocation(base as Resource, undefined, [...path], (file) => file)
        : undefined;
    const position =
      written?.line !== undefined && written.column !== undefined
        ? { line: written.line, column: written.column }
        : this.positionOf(undefined, place, reading);
    // A property SAM renamed (`Tracing`, read as TracingConfig.Mode) is named as written, as `refuse` names it.
    const renamed = shown ? undefined : writtenName(place, reading);
    const inGlobals = shown?.inGlobals ?? renamed?.inGlobals ?? pathInGlobals(path, reading);
    const whose = reading.id === undefined ? '' : inGlobals ? ' in Globals' : ` of ${reading.id}`;
    const message = `${renamed?.name ?? pathText(shown?.path ?? path)}${whose} ${problem}`;
    this.reportAt(position ? `${position.line}:${position.column}` : message, message, position, reading.id);
  }

  /**
   * A refused scalar written at several places of the resource: the error is on the resource and lists
   * them, for the reader cannot say which property it read.
   */
  private refuseSomewhere(
    found: Ambiguous,
    value: unknown,
    what: string,
    expected: Expected,
    reading: Reading,
  ): Unknown {
    const owner = found.ambiguous[0]?.owner ?? reading.id;
    const places = found.ambiguous.map((place) => propertyName(place, reading));
    const message =
      `${owner === undefined ? 'A resource' : owner}: a property is ${what} where CloudFormation expects ` +
      `${expected}, and it rejects the template; the same value is written at ${places.join(', ')}, so ` +
      'Parapet cannot tell which';
    // At the resource's Properties key: the properties themselves start at the first one, which may be innocent.
    const decl = asRecord(reading.resources[owner ?? '']);
    const holder = owner === reading.id ? reading.props : asRecord(decl?.Properties);
    // A resource SAM expanded has no position of its own: where its user wrote it (its `source`) has.
    const written = owner === reading.id ? reading.base?.source : undefined;
    const position =
      (decl ? this.locator.locate(decl, 'Properties') : undefined) ??
      (holder ? this.locator.locate(holder) : undefined) ??
      (written !== undefined && isFileSource(written)
        ? written.locator.locate(written.node, written.key)
        : undefined);
    const seen = position ? `${position.line}:${position.column}:${message}` : message;
    return this.reportOnce(seen, message, position, owner, value, expected);
  }

  /** reportOnce, keyed by the position (one error per place), or by the message where there is none. */
  private reportWhere(
    message: string,
    position: Position | undefined,
    owner: string | undefined,
    value: unknown,
    expected: Expected,
  ): Unknown {
    const seen = position ? `${position.line}:${position.column}` : message;
    return this.reportOnce(seen, message, position, owner, value, expected);
  }

  /** Reports the error unless one was at `seen` already (two readings of one value), and gives the Unknown. */
  private reportOnce(
    seen: string,
    message: string,
    position: Position | undefined,
    owner: string | undefined,
    value: unknown,
    expected: Expected,
  ): Unknown {
    this.reportAt(seen, message, position, owner);
    return invalid(`${kindOf(value)} where ${expected} is expected`);
  }

  /** Reports the error unless one was at `seen` already. */
  private reportAt(
    seen: string,
    message: string,
    position: Position | undefined,
    owner: string | undefined,
  ): void {
    if (this.reported.has(seen)) return;
    this.reported.add(seen);
    this.report({
      kind: 'template',
      message,
      file: this.locator.file,
      ...position,
      ...(owner === undefined ? {} : { resource: owner }),
    });
  }

  /** The value's own position when it has one (a list, a mapping, an intrinsic), else its key's. */
  private positionOf(
    raw: unknown,
    place: (Place & { owner?: string }) | undefined,
    reading: Reading,
  ): Position | undefined {
    const own = raw !== null && typeof raw === 'object' ? this.locator.locate(raw) : undefined;
    if (own) return own;
    if (!place) return reading.props ? this.locator.locate(reading.props) : undefined;
    const direct = this.locator.locate(place.parent, place.key);
    if (direct) return direct;
    // A scalar in properties SAM built (a function's, with its Globals merged in): where the user wrote
    // that path, as a finding on it is located.
    const { base } = reading;
    if (base && place.owner === reading.id && base.generatedBy === undefined) {
      const found = findingLocation(base as Resource, undefined, [...place.path], (file) => file);
      if (found.line !== undefined && found.column !== undefined)
        return { line: found.line, column: found.column };
    }
    return this.locator.locate(place.parent);
  }
}

/** `a list`, `text that is not a number`, ...: what the value is, against what was expected. */
function describeRefused(value: unknown, expected: Expected): string {
  if (typeof value === 'string' && value.includes('{{resolve:'))
    return 'a dynamic reference, which CloudFormation resolves to text';
  if (typeof value === 'string' && expected === 'a number') return 'text that is not a number';
  if (typeof value === 'string' && expected === 'true or false') return 'text other than true or false';
  return kindOf(value);
}

/** `a list`, `a mapping`, `text`, ...: the kind of a value. */
function kindOf(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value !== null && typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return 'text';
  if (typeof value === 'number') return 'a number';
  if (typeof value === 'boolean') return 'true or false';
  return 'a value of another kind';
}

/**
 * The property path as the user wrote it: a SAM function's `Tracing` for the `TracingConfig.Mode` SAM made
 * of it (the rest of the path is SAM's, so only the written name is given).
 */
function propertyName(place: Place & { owner?: string }, reading: Reading): string {
  return writtenName(place, reading)?.name ?? pathText(place.path);
}

/**
 * The name the user wrote a property SAM renamed under (`Tracing`, for the TracingConfig at the top of `place`'s path),
 * in the resource's own properties or else in the Globals it inherits; undefined where it is not renamed, or is
 * written under the name read.
 */
function writtenName(
  place: Place & { owner?: string },
  reading: Reading,
): { name: string; inGlobals: boolean } | undefined {
  const top = place.path[0];
  const written =
    typeof top === 'string' && place.owner === reading.id ? reading.base?.writtenAs?.[top] : undefined;
  if (written === undefined) return undefined;
  const own = wholeNode(reading.base?.properties);
  if (own !== undefined && Object.hasOwn(own, top as string)) return undefined;
  const mine = own === undefined ? undefined : written.find((name) => Object.hasOwn(own, name));
  if (mine !== undefined) return { name: mine, inGlobals: false };
  const globals = wholeNode(reading.base?.inheritedProperties);
  const inherited = globals === undefined ? undefined : written.find((name) => Object.hasOwn(globals, name));
  return inherited === undefined ? undefined : { name: inherited, inGlobals: true };
}

/** The mapping a source points at as a whole (a resource's Properties, a Globals section), not at a key of it. */
function wholeNode(source: SourceRef | undefined): object | undefined {
  return source !== undefined && 'node' in source && source.key === undefined ? source.node : undefined;
}

/** `VpcConfig.SubnetIds[0]`. */
function pathText(path: readonly (string | number)[]): string {
  let text = '';
  for (const step of path) text += typeof step === 'number' ? `[${step}]` : text === '' ? step : `.${step}`;
  return text === '' ? 'a property' : text;
}

/** A scalar written at several places of the resource: which one the reader read cannot be told. */
interface Ambiguous {
  readonly ambiguous: readonly (Place & { owner?: string })[];
}

/**
 * Where `raw` sits: under the resource being read first, then under any resource of the template (a
 * value read while linking resources). Lists and mappings are matched by identity. A scalar is matched by
 * its value, which only tells the place when the value is written once (skipping places already reported):
 * `Description: abc` beside `Timeout: abc` is ambiguous, and naming Description would blame the wrong one.
 */
function placeOf(
  raw: unknown,
  reading: Reading,
  reported: ReadonlyMap<object, ReadonlySet<string | number>>,
): (Place & { owner?: string }) | Ambiguous | undefined {
  const matches = (parent: object, key: string | number, child: unknown) =>
    child === raw && (typeof raw === 'object' || !reported.get(parent)?.has(key));
  const scopes: [string | undefined, object][] = [];
  if (reading.props) scopes.push([reading.id, reading.props]);
  const others: [string | undefined, object][] = [];
  // A resource written in the template holds its own values: a scalar not among them came from elsewhere (a
  // parameter's list), not from another resource that happens to hold the same text. Only a resource the
  // template does not declare (one SAM generates) is looked for in the others, where SAM copied its values from.
  const declared = reading.id !== undefined && Object.hasOwn(reading.resources, reading.id);
  for (const [id, decl] of declared && typeof raw !== 'object' ? [] : Object.entries(reading.resources)) {
    const props =
      decl !== null && typeof decl === 'object' ? (decl as Record<string, unknown>).Properties : undefined;
    if (props === null || typeof props !== 'object' || props === reading.props) continue;
    others.push([id, props]);
  }
  for (const group of [scopes, others]) {
    const found: (Place & { owner?: string })[] = [];
    for (const [owner, props] of group) {
      for (const place of searchAll(props, [], matches, new Set())) {
        found.push(owner === undefined ? place : { ...place, owner });
        if (typeof raw === 'object') return found[0];
      }
    }
    if (found.length === 1) return found[0];
    if (found.length > 1) return { ambiguous: found };
  }
  return undefined;
}

/** Every place under `node` where `matches` holds. */
function searchAll(
  node: object,
  path: (string | number)[],
  matches: (parent: object, key: string | number, child: unknown) => boolean,
  seen: Set<object>,
  out: Place[] = [],
): Place[] {
  if (seen.has(node)) return out;
  seen.add(node);
  const entries: [string | number, unknown][] = Array.isArray(node)
    ? node.map((child, index) => [index, child])
    : Object.entries(node);
  for (const [key, child] of entries) {
    if (matches(node, key, child)) out.push({ parent: node, key, path: [...path, key] });
    else if (child !== null && typeof child === 'object')
      searchAll(child, [...path, key], matches, seen, out);
  }
  return out;
}

/**
 * Whether a place of a SAM resource's properties was inherited from Globals: its top-level property is in
 * the Globals section and not in what the resource wrote itself.
 */
function inGlobals(place: Place & { owner?: string }, reading: Reading): boolean {
  const top = place.path[0];
  const base = reading.base;
  if (typeof top !== 'string' || place.owner !== reading.id || base?.inheritedProperties === undefined)
    return false;
  const globals = base.inheritedProperties;
  const own = base.properties;
  const section = 'node' in globals && globals.key === undefined ? globals.node : undefined;
  const written = own !== undefined && 'node' in own && own.key === undefined ? own.node : undefined;
  if (section === undefined || !Object.hasOwn(section, top)) return false;
  return written === undefined || !Object.hasOwn(written, top);
}

/**
 * Whether the whole of `path` is written in SAM's Globals and not in the resource's own properties: a
 * variable of Globals' Environment.Variables, which SAM merges with the function's own.
 */
function pathInGlobals(path: readonly (string | number)[], reading: Reading): boolean {
  const base = reading.base;
  const globals = base?.inheritedProperties;
  if (globals === undefined || !('node' in globals) || globals.key !== undefined) return false;
  const own = base?.properties;
  const ownNode = own !== undefined && 'node' in own && own.key === undefined ? own.node : undefined;
  return has(globals.node, path) && (ownNode === undefined || !has(ownNode, path));
}

function has(node: unknown, path: readonly (string | number)[]): boolean {
  let at = node;
  for (const step of path) {
    if (at === null || typeof at !== 'object' || !Object.hasOwn(at, step)) return false;
    at = (at as Record<string | number, unknown>)[step];
  }
  return true;
}
