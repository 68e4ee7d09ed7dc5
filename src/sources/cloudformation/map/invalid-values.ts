/**
 * The error path of the MapContext readers: a value that is known but of a kind CloudFormation refuses for
 * the property (a list where text goes, `abc` where a number goes, text where a mapping goes). The template
 * cannot deploy, so that is a template error at the value; the model gets an Unknown saying the value is
 * invalid, so that no check guesses. Nothing here runs for a valid value.
 */
import { findingLocation } from '../../../engine/locate.js';
import type { ScanError } from '../../../findings/finding.js';
import type { Resource } from '../../../model/index.js';
import type { Locator, Position } from '../../../model/source.js';
import { invalid, type Unknown } from '../../../model/values.js';
import type { BaseFields } from './types.js';

/** What a reader expects, in words: "CloudFormation expects text here". */
export type Expected = 'text' | 'a number' | 'true or false' | 'a mapping';

/** Where the value was written: the object that holds it, its key there, and the property path to it. */
interface Place {
  readonly parent: object;
  readonly key: string | number;
  readonly path: readonly (string | number)[];
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
    const place = placeOf(raw, reading, this.reportedPlaces);
    if (place) {
      const keys = this.reportedPlaces.get(place.parent) ?? new Set();
      keys.add(place.key);
      this.reportedPlaces.set(place.parent, keys);
    }
    const position = this.positionOf(raw, place, reading);
    const property = place ? propertyName(place, reading) : 'a property';
    const owner = place?.owner ?? reading.id;
    const message =
      `${property}${owner === undefined ? '' : ` of ${owner}`} is ${what}; CloudFormation expects ${expected} ` +
      'here and rejects the template';
    const seen = position ? `${position.line}:${position.column}` : message;
    if (!this.reported.has(seen)) {
      this.reported.add(seen);
      this.report({
        kind: 'template',
        message,
        file: this.locator.file,
        ...position,
        ...(owner === undefined ? {} : { resource: owner }),
      });
    }
    return invalid(`${kindOf(value)} where ${expected} is expected`);
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
  const top = place.path[0];
  const written =
    typeof top === 'string' && place.owner === reading.id ? reading.base?.writtenAs?.[top] : undefined;
  const userProps = reading.base?.properties;
  if (written && userProps && 'node' in userProps && userProps.key === undefined) {
    const name = written.find((candidate) => Object.hasOwn(userProps.node, candidate));
    if (name !== undefined && !Object.hasOwn(userProps.node, top as string)) return name;
  }
  return pathText(place.path);
}

/** `VpcConfig.SubnetIds[0]`. */
function pathText(path: readonly (string | number)[]): string {
  let text = '';
  for (const step of path) text += typeof step === 'number' ? `[${step}]` : text === '' ? step : `.${step}`;
  return text === '' ? 'a property' : text;
}

/**
 * Where `raw` sits: under the resource being read first, then under any resource of the template (a
 * value read while linking resources). Lists and mappings are matched by identity; scalars by value,
 * skipping places already reported (the same `abc` written twice is two errors, each at its place).
 */
function placeOf(
  raw: unknown,
  reading: Reading,
  reported: ReadonlyMap<object, ReadonlySet<string | number>>,
): (Place & { owner?: string }) | undefined {
  const matches = (parent: object, key: string | number, child: unknown) =>
    child === raw && (typeof raw === 'object' || !reported.get(parent)?.has(key));
  if (reading.props) {
    const found = search(reading.props, [], matches, new Set());
    if (found) return reading.id === undefined ? found : { ...found, owner: reading.id };
  }
  for (const [id, decl] of Object.entries(reading.resources)) {
    const props =
      decl !== null && typeof decl === 'object' ? (decl as Record<string, unknown>).Properties : undefined;
    if (props === null || typeof props !== 'object' || props === reading.props) continue;
    const found = search(props, [], matches, new Set());
    if (found) return { ...found, owner: id };
  }
  return undefined;
}

function search(
  node: object,
  path: (string | number)[],
  matches: (parent: object, key: string | number, child: unknown) => boolean,
  seen: Set<object>,
): Place | undefined {
  if (seen.has(node)) return undefined;
  seen.add(node);
  const entries: [string | number, unknown][] = Array.isArray(node)
    ? node.map((child, index) => [index, child])
    : Object.entries(node);
  for (const [key, child] of entries) {
    if (matches(node, key, child)) return { parent: node, key, path: [...path, key] };
  }
  for (const [key, child] of entries) {
    if (child === null || typeof child !== 'object') continue;
    const found = search(child, [...path, key], matches, seen);
    if (found) return found;
  }
  return undefined;
}
