import yaml from 'js-yaml';
import { closest } from '../../config/names.js';
import type { Locator } from '../../model/source.js';
import {
  MAX_EXPANDED_VALUES,
  mayHoldAlias,
  NOTHING_CHECKED,
  overExpanded,
  type TooDeepWording,
  tooDeepIn,
  tooDeepInFileMessage,
  tooDeepMessage,
} from './nesting-depth.js';
import { type PositionNode, TextLocator } from './positions.js';
import {
  freeCharacter,
  isLoneDashAt,
  LONE_DASH_WARNING,
  LONE_DASHES_AFTER_WARNING,
  type LoneDash,
  passesFor,
  restoreLoneDashes,
  standInAt,
  standInFrom,
} from './yaml-lone-dashes.js';
import { type OpenNode, openPath } from './yaml-open-path.js';

/** Something found while parsing, with where it is; the file is read on regardless. */
export interface ParseIssue {
  readonly message: string;
  readonly line: number;
  readonly column: number;
  /** The parsed object it is about (an unknown tag's value), so a caller can tell which resource holds it. */
  readonly node?: object;
}

/** A template file read into plain objects, with a locator back to its text. */
export interface ParsedFile {
  readonly value: unknown;
  readonly locator: Locator;
  /** What CloudFormation reads but is most likely a mistake: a repeated key (the last one is used). */
  readonly warnings: readonly ParseIssue[];
  /** What CloudFormation rejects, though Parapet reads on: a tag that is not one of its short forms. */
  readonly errors: readonly ParseIssue[];
}

export class ParseError extends Error {
  constructor(
    message: string,
    readonly line?: number,
    readonly column?: number,
    /** Where in the text, counted in UTF-16 units from its start. */
    readonly offset?: number,
  ) {
    super(message);
  }
}

/** CloudFormation short forms: the tag, and the long form it stands for. */
const SHORT_FORMS: Record<string, string> = {
  Ref: 'Ref',
  Condition: 'Condition',
  GetAtt: 'Fn::GetAtt',
  Sub: 'Fn::Sub',
  Join: 'Fn::Join',
  If: 'Fn::If',
  Select: 'Fn::Select',
  Split: 'Fn::Split',
  FindInMap: 'Fn::FindInMap',
  ImportValue: 'Fn::ImportValue',
  Base64: 'Fn::Base64',
  Cidr: 'Fn::Cidr',
  GetAZs: 'Fn::GetAZs',
  Equals: 'Fn::Equals',
  And: 'Fn::And',
  Or: 'Fn::Or',
  Not: 'Fn::Not',
  Transform: 'Fn::Transform',
  ToJsonString: 'Fn::ToJsonString',
  Length: 'Fn::Length',
  ForEach: 'Fn::ForEach',
  Contains: 'Fn::Contains',
  EachMemberEquals: 'Fn::EachMemberEquals',
  EachMemberIn: 'Fn::EachMemberIn',
  RefAll: 'Fn::RefAll',
  ValueOf: 'Fn::ValueOf',
  ValueOfAll: 'Fn::ValueOfAll',
};

/**
 * While set, told of each short form the parser reads (the object it makes, and the tag): parseYamlNotingShortForms
 * sets it for one parse. Unset, the parse pays one check per short form.
 */
let noteShortForm: ((made: object, tag: string) => void) | undefined;

/**
 * Parses YAML as parseYaml does, and gives the short forms (`!Sub`) it read, as written: a file AWS::Include
 * brings may not use them (CloudFormation does not read them there). Read by the parser, not the text: a `!Ref`
 * in a quoted string or a comment is no tag.
 */
export function parseYamlNotingShortForms(
  text: string,
  file: string,
): { parsed: ParsedFile; shortForms: { made: object; tag: string }[] } {
  const shortForms: { made: object; tag: string }[] = [];
  noteShortForm = (made, tag) => shortForms.push({ made, tag });
  try {
    return { parsed: parseYaml(text, file), shortForms };
  } finally {
    noteShortForm = undefined;
  }
}

const KINDS = ['scalar', 'sequence', 'mapping'] as const;

function shortFormTypes(): yaml.Type[] {
  const types: yaml.Type[] = [];
  for (const [tag, longForm] of Object.entries(SHORT_FORMS)) {
    for (const kind of KINDS) {
      types.push(
        new yaml.Type(`!${tag}`, {
          kind,
          construct: (data: unknown) => {
            const made = {
              [longForm]: tag === 'GetAtt' && typeof data === 'string' ? splitGetAtt(data) : (data ?? ''),
            };
            noteShortForm?.(made, `!${tag}`);
            return made;
          },
        }),
      );
    }
  }
  // Any other tag (`!Foo`, `!!binary`, `!!timestamp`) becomes `{ '!Foo': data }` instead of failing the
  // whole file: the parse reports it once, with its line, and the resolver reads the value as Unknown.
  for (const kind of KINDS) {
    types.push(
      new yaml.Type('', {
        kind,
        multi: true,
        construct: (data: unknown, tag?: string) => ({ [shownTag(tag ?? '')]: data }),
      }),
    );
  }
  return types;
}

const CORE_TAG = 'tag:yaml.org,2002:';

/** A tag as the user wrote it: `!!binary` for js-yaml's `tag:yaml.org,2002:binary`. */
function shownTag(tag: string): string {
  if (tag.startsWith(CORE_TAG)) return `!!${tag.slice(CORE_TAG.length)}`;
  return tag.startsWith('!') ? tag : `!<${tag}>`;
}

const SHORT_FORM_TAGS = new Set(Object.keys(SHORT_FORMS).map((tag) => `!${tag}`));

/** The key of the map a tag's value is wrapped in (`Fn::If` for `!If`, `!Foo` for `!Foo`); undefined for a core type. */
function wrapperKey(tag: string): string | undefined {
  if (SHORT_FORM_TAGS.has(tag)) return SHORT_FORMS[tag.slice(1)];
  return KNOWN_TAGS.has(tag) ? undefined : shownTag(tag);
}

/**
 * Tags a template may carry: the short forms, and the YAML core types (`!!str 5`). `?` marks a plain
 * scalar no implicit type matched, `!` a non-specific tag: neither is a tag the user chose.
 */
const KNOWN_TAGS = new Set([
  ...SHORT_FORM_TAGS,
  ...['str', 'seq', 'map', 'null', 'bool', 'int', 'float', 'merge'].map((name) => CORE_TAG + name),
  '?',
  '!',
]);

function splitGetAtt(value: string): string[] {
  const dot = value.indexOf('.');
  return dot === -1 ? [value] : [value.slice(0, dot), value.slice(dot + 1)];
}

/** js-yaml's merge key type (`<<`); its type definitions do not declare the `types` it exports. */
const MERGE = (yaml as unknown as { types: { merge: yaml.Type } }).types.merge;

/**
 * The core schema (null, booleans, numbers, strings), merge keys (`<<`, which js-yaml's default schema
 * reads too) and the short forms. Not the default schema: its timestamps turn `2027-01-31` into a Date,
 * where CloudFormation reads the text written.
 */
const SCHEMA = yaml.CORE_SCHEMA.extend({ implicit: [MERGE], explicit: shortFormTypes() });

/** A repeated key, or a tag CloudFormation does not know: offsets only, made into lines once parsed. */
type Found =
  | { kind: 'repeated'; key: string; first: number; repeated: number }
  | { kind: 'tag'; tag: string; start: number; end: number; node: object | undefined };

/**
 * Parses YAML the way CloudFormation tooling (PyYAML, js-yaml) does: repeated keys keep the last
 * value (each repetition is a warning), short-form tags become long forms (any other tag is an error,
 * and its value Unknown). A listener records where each collection, key and item starts; scalars cost
 * no node of their own.
 */
export function parseYaml(text: string, file: string): ParsedFile {
  const { value, locator, found, loneDashes, standIn } = loadTemplateText(text, file);
  // Aliases nest what they name past the parser's own limit (see tooDeepIn), and may repeat it past counting (see
  // overExpanded); text without one can do neither.
  if (mayHoldAlias(text)) refuseAliasBlowUp(value, locator);
  const issues = issuesOf(found, locator);
  if (standIn === undefined) return { value, locator, ...issues };
  restoreLoneDashes(value, standIn);
  const dashWarnings = loneDashes.map(({ offset, andAfter }) => ({
    message: andAfter ? LONE_DASHES_AFTER_WARNING : LONE_DASH_WARNING,
    ...locator.position(offset),
  }));
  return { value, locator, ...issues, warnings: [...dashWarnings, ...issues.warnings].sort(byPlace) };
}

const byPlace = (a: ParseIssue, b: ParseIssue) => a.line - b.line || a.column - b.column;

const TEMPLATE_LOAD: LoadOptions = {
  schema: SCHEMA,
  json: true,
  values: false,
  tooDeepWords: (path, wording) => tooDeepMessage(path, NOTHING_CHECKED, wording),
};

/**
 * The template's text parsed; where js-yaml refuses a lone `-` that PyYAML reads, parsed again with a stand-in for it
 * (given back by restoreLoneDashes once the value is known to be safe to walk).
 */
function loadTemplateText(
  text: string,
  file: string,
): ReturnType<typeof loadWithPositions> & { loneDashes: readonly LoneDash[]; standIn?: string } {
  const loneDashes: LoneDash[] = [];
  let standIn: string | undefined;
  let read = text;
  // Each pass reads the whole text again: one by one while that costs little, then the rest at once.
  const passes = passesFor(text.length);
  for (;;) {
    try {
      const loaded = loadWithPositions(read, file, TEMPLATE_LOAD, text);
      return standIn === undefined ? { ...loaded, loneDashes } : { ...loaded, loneDashes, standIn };
    } catch (error) {
      if (!(error instanceof ParseError) || !isLoneDashAt(read, error.offset) || loneDashes.length >= passes)
        throw error;
      standIn ??= freeCharacter(text);
      if (standIn === undefined) throw error;
      const one = standInAt(read, error.offset, standIn);
      const rest = loneDashes.length + 1 >= passes ? standInFrom(read, error.offset, standIn) : one;
      // Said of those after it only where there are some.
      loneDashes.push({ offset: error.offset, andAfter: rest !== one });
      read = rest;
    }
  }
}

/** A plain YAML file (not a template) read into plain objects, with a locator that also finds values. */
export interface PlainYamlFile {
  readonly value: unknown;
  readonly locator: TextLocator;
}

/**
 * Parses YAML that is not a template (parapet.yaml): the core schema only, so a tag (`!Ref`, `!!binary`)
 * and a merge key's meaning are not taken, and a repeated key is an error, as js-yaml's plain `load`
 * has it. Where each value starts is kept too (`locateValue`): a message about a wrong value points at it.
 * Aliases that nest or repeat what they name past what Parapet reads are a ParseError, as in a template: what reads
 * the file (a schema's validation) walks every value.
 */
export function parsePlainYaml(text: string, file: string): PlainYamlFile {
  const { value, locator } = loadWithPositions(text, file, {
    schema: yaml.CORE_SCHEMA,
    json: false,
    values: true,
    tooDeepWords: tooDeepInFileMessage,
  });
  if (mayHoldAlias(text)) refuseAliasBlowUp(value, locator, '', tooDeepInFileMessage);
  return { value, locator };
}

interface LoadOptions {
  readonly schema: yaml.Schema;
  /** js-yaml's `json`: a repeated key keeps the last value instead of failing the file. */
  readonly json: boolean;
  /** Whether to keep where each value of a mapping starts (not needed for templates, which are large). */
  readonly values: boolean;
  /** The error for text written nested deeper than js-yaml reads: the keys down to where it stopped (see openPath). */
  readonly tooDeepWords: (path: readonly (string | number)[], wording: TooDeepWording) => string;
}

function loadWithPositions(
  text: string,
  file: string,
  options: LoadOptions,
  /** The text as written, for the locator, where `text` is a copy with the same offsets (see yaml-lone-dashes.ts). */
  written = text,
): { value: unknown; locator: TextLocator; found: readonly Found[] } {
  // A Map, not a WeakMap: it lives as long as the parsed value anyway, and V8's young-generation
  // collector does more work for every WeakMap entry.
  const nodes = new Map<object, PositionNode>();
  const found: Found[] = [];
  const stack: OpenNode[] = [{ start: 0, starts: undefined, results: undefined }];
  const listener = (
    event: 'open' | 'close',
    state: yaml.State & { position: number; result: unknown; kind: string | null; tag: string | null },
  ) => {
    if (event === 'open') {
      const parent = stack[stack.length - 1];
      if (parent !== undefined && parent.tag === undefined) parent.tag = state.tag;
      stack.push({ start: state.position, starts: undefined, results: undefined });
      return;
    }
    const open = stack.pop();
    const parent = stack[stack.length - 1];
    if (!open || !parent) return;
    const result = state.result;
    const tag = state.tag;
    const unknownTag = tag !== null && !KNOWN_TAGS.has(tag);
    if (unknownTag) foundTag(found, shownTag(tag), open.start, state.position, result);
    // A flow collection at the top of a document (`{Resources: ...}`) closes twice, the second time as the
    // document's node with the collection as its only child: keep the first, which has its keys.
    if (result !== null && typeof result === 'object' && !nodes.has(result)) {
      const node = collectionNode(open, state.kind, options.values);
      nodes.set(result, node);
      // A tagged collection (`!If [...]`) constructs a wrapper around the collection: locate both.
      const inner = unknownTag || (tag !== null && SHORT_FORM_TAGS.has(tag)) ? onlyValue(result) : result;
      if (inner !== result && inner !== undefined && !nodes.has(inner)) nodes.set(inner, node);
      if (state.kind === 'mapping' && inner !== undefined) findRepeatedKeys(node, inner, found);
    }
    if (parent.starts === undefined) {
      parent.starts = [];
      parent.results = [];
    }
    parent.starts.push(open.start);
    (parent.results as unknown[]).push(result);
  };
  let value: unknown;
  try {
    value = yaml.load(text, {
      schema: options.schema,
      json: options.json,
      filename: file,
      listener,
    } as yaml.LoadOptions);
  } catch (error) {
    if (error instanceof yaml.YAMLException) {
      // js-yaml stops at `maxDepth` levels of text (`nesting exceeded maxDepth (100)`): said in Parapet's words, as
      // a JSON template nested too deep is (tooDeepMessage).
      const levels = /^nesting exceeded maxDepth \((\d+)\)$/.exec(error.reason ?? '')?.[1];
      const tooDeep = levels === undefined ? undefined : openPath(stack, text, wrapperKey);
      throw new ParseError(
        tooDeep === undefined
          ? error.reason || error.message
          : options.tooDeepWords(tooDeep.path, { levels: Number(levels), more: tooDeep.more }),
        error.mark ? error.mark.line + 1 : undefined,
        error.mark ? error.mark.column + 1 : undefined,
        error.mark?.position,
      );
    }
    throw error;
  }
  return { value, locator: new TextLocator(file, written, nodes), found };
}

/**
 * Throws a ParseError where aliases nest a value too deep, or expand it to too many values, to walk; `outcome` ends
 * its message (what follows for the scan), and `tooDeepWords` words where a value nests too deep (a template's
 * resource and keys, by default).
 */
function refuseAliasBlowUp(
  value: unknown,
  locator: TextLocator,
  outcome = NOTHING_CHECKED,
  tooDeepWords = (path: readonly (string | number)[]) => tooDeepMessage(path, outcome),
): void {
  const tooDeep = tooDeepIn(value);
  if (tooDeep) {
    const at = locator.locate(tooDeep.node);
    throw new ParseError(tooDeepWords(tooDeep.path), at?.line, at?.column);
  }
  const over = overExpanded(value);
  if (over) {
    const at = locator.locate(over);
    throw new ParseError(
      `aliases expand this file to more than ${MAX_EXPANDED_VALUES.toLocaleString('en-US')} values (anchors naming others more than once, in a chain), which Parapet does not read${outcome}`,
      at?.line,
      at?.column,
    );
  }
}

/**
 * Records an unknown tag once: js-yaml composes a tagged value inside a node of its own, and both close
 * where the value ends (each constructing a value; the outer one is kept in the result).
 */
function foundTag(found: Found[], tag: string, start: number, end: number, value: unknown): void {
  const last = found[found.length - 1];
  if (last?.kind === 'tag' && last.end === end && last.tag === tag) last.node = asObject(value);
  else found.push({ kind: 'tag', tag, start, end, node: asObject(value) });
}

function asObject(value: unknown): object | undefined {
  return value !== null && typeof value === 'object' ? value : undefined;
}

/** The value of a tag's wrapper (`{ 'Fn::If': [...] }`), when it is a collection. */
function onlyValue(wrapper: object): object | undefined {
  for (const key in wrapper) return asObject((wrapper as Record<string, unknown>)[key]);
  return undefined;
}

/**
 * Adds the keys of a mapping that repeat an earlier key. Cheap when none does (nearly always): the
 * parsed object then has as many keys as the text, counted without allocating.
 */
function findRepeatedKeys(node: PositionNode, mapping: object, found: Found[]): void {
  const names = node.keyNames;
  if (names === undefined || names.length < 2) return;
  let count = 0;
  for (const _ in mapping) count++;
  // Merge keys (`<<`) add keys of their own, which could make up for repeated ones: look closely then.
  if (count === names.length && !names.includes('<<')) return;
  const firsts = new Map<string, number>();
  for (let i = 0; i < names.length; i++) {
    const name = names[i] as string;
    if (name === '<<') continue;
    const first = firsts.get(name);
    const start = node.keyStarts?.[i] as number;
    if (first === undefined) firsts.set(name, start);
    else found.push({ kind: 'repeated', key: name, first, repeated: start });
  }
}

function issuesOf(found: readonly Found[], locator: TextLocator): Pick<ParsedFile, 'warnings' | 'errors'> {
  if (found.length === 0) return NO_ISSUES;
  const warnings: ParseIssue[] = [];
  const errors: ParseIssue[] = [];
  for (const item of found) {
    if (item.kind === 'repeated') {
      const at = locator.position(item.repeated);
      const first = locator.position(item.first);
      warnings.push({ message: repeatedKeyMessage(item.key, first.line), ...at });
    } else {
      errors.push({ message: unknownTagMessage(item.tag), ...locator.position(item.start), ...nodeOf(item) });
    }
  }
  // Inner nodes close first: put them back in the order of the text.
  return { warnings: warnings.sort(byPlace), errors: errors.sort(byPlace) };
}

/** The warning for a repeated key, worded alike for YAML and JSON; it is told at the repeated key's line and column. */
export function repeatedKeyMessage(key: string, firstLine: number): string {
  return `key ${key} repeated (first at line ${firstLine}); the last one is used`;
}

const NO_ISSUES: Pick<ParsedFile, 'warnings' | 'errors'> = Object.freeze({
  warnings: Object.freeze([]),
  errors: Object.freeze([]),
});

function nodeOf(item: { node: object | undefined }): { node?: object } {
  return item.node ? { node: item.node } : {};
}

/**
 * An unknown `!Tag` worded as the resolver words an unknown `Fn::` function, with the short form it most
 * likely meant (`!GetAttr`, `!Fn::GetAtt`); a YAML type tag as unsupported.
 */
function unknownTagMessage(tag: string): string {
  if (tag.startsWith('!!') || tag.startsWith('!<')) return `unsupported YAML tag ${tag}`;
  const name = tag.slice(1).replace(/^Fn::/, '');
  const guess = Object.hasOwn(SHORT_FORMS, name) ? name : closest(name, Object.keys(SHORT_FORMS));
  return `unknown intrinsic function ${tag}${guess === undefined ? '' : ` (did you mean !${guess}?)`}`;
}

function collectionNode(open: OpenNode, kind: string | null, values: boolean): PositionNode {
  const starts = open.starts ?? [];
  if (kind === 'sequence') return { start: open.start, itemStarts: starts };
  if (kind !== 'mapping') return { start: open.start };
  // Children alternate key, value: keep the keys' names and starts.
  const results = open.results ?? [];
  const keyNames: string[] = [];
  const keyStarts: number[] = [];
  const valueStarts: number[] = [];
  for (let i = 0; i + 1 < starts.length; i += 2) {
    keyNames.push(String(results[i]));
    keyStarts.push(starts[i] as number);
    if (values) valueStarts.push(starts[i + 1] as number);
  }
  return values
    ? { start: open.start, keyNames, keyStarts, valueStarts }
    : { start: open.start, keyNames, keyStarts };
}
