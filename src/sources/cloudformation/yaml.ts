import yaml from 'js-yaml';
import type { Locator } from '../../model/source.js';
import { type PositionNode, TextLocator } from './positions.js';

/** A template file read into plain objects, with a locator back to its text. */
export interface ParsedFile {
  readonly value: unknown;
  readonly locator: Locator;
}

export class ParseError extends Error {
  constructor(
    message: string,
    readonly line?: number,
    readonly column?: number,
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

const KINDS = ['scalar', 'sequence', 'mapping'] as const;

function shortFormTypes(): yaml.Type[] {
  const types: yaml.Type[] = [];
  for (const [tag, longForm] of Object.entries(SHORT_FORMS)) {
    for (const kind of KINDS) {
      types.push(
        new yaml.Type(`!${tag}`, {
          kind,
          construct: (data: unknown) => ({
            [longForm]: tag === 'GetAtt' && typeof data === 'string' ? splitGetAtt(data) : (data ?? ''),
          }),
        }),
      );
    }
  }
  // Any other `!Tag` becomes `{ '!Tag': data }`: the resolver reports it as an unknown intrinsic
  // with its line, instead of the whole file failing to parse.
  for (const kind of KINDS) {
    types.push(
      new yaml.Type('!', {
        kind,
        multi: true,
        construct: (data: unknown, tag?: string) => ({ [tag ?? '!']: data }),
      }),
    );
  }
  return types;
}

function splitGetAtt(value: string): string[] {
  const dot = value.indexOf('.');
  return dot === -1 ? [value] : [value.slice(0, dot), value.slice(dot + 1)];
}

const SCHEMA = yaml.DEFAULT_SCHEMA.extend(shortFormTypes());

/** A node being parsed: where it began, and the start and value of each child so far (made on first child). */
interface OpenNode {
  start: number;
  starts: number[] | undefined;
  results: unknown[] | undefined;
}

/**
 * Parses YAML the way CloudFormation tooling (PyYAML, js-yaml) does: repeated keys keep the last
 * value, short-form tags become long forms. A listener records where each collection, key and item
 * starts; scalars cost no node of their own.
 */
export function parseYaml(text: string, file: string): ParsedFile {
  const nodes = new WeakMap<object, PositionNode>();
  const stack: OpenNode[] = [{ start: 0, starts: undefined, results: undefined }];
  const listener = (
    event: 'open' | 'close',
    state: yaml.State & { position: number; result: unknown; kind: string | null; tag: string | null },
  ) => {
    if (event === 'open') {
      stack.push({ start: state.position, starts: undefined, results: undefined });
      return;
    }
    const open = stack.pop();
    const parent = stack[stack.length - 1];
    if (!open || !parent) return;
    const result = state.result;
    if (result !== null && typeof result === 'object') {
      const node = collectionNode(open, state.kind);
      nodes.set(result, node);
      // A tagged collection (`!If [...]`) constructs a wrapper around the collection: locate both.
      if (state.tag?.startsWith('!') && !Array.isArray(result)) {
        for (const inner of Object.values(result)) {
          if (inner !== null && typeof inner === 'object' && !nodes.has(inner)) nodes.set(inner, node);
        }
      }
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
    value = yaml.load(text, { schema: SCHEMA, json: true, filename: file, listener } as yaml.LoadOptions);
  } catch (error) {
    if (error instanceof yaml.YAMLException) {
      throw new ParseError(
        error.reason || error.message,
        error.mark ? error.mark.line + 1 : undefined,
        error.mark ? error.mark.column + 1 : undefined,
      );
    }
    throw error;
  }
  return { value, locator: new TextLocator(file, text, nodes) };
}

function collectionNode(open: OpenNode, kind: string | null): PositionNode {
  const starts = open.starts ?? [];
  if (kind === 'sequence') return { start: open.start, itemStarts: starts };
  if (kind !== 'mapping') return { start: open.start };
  // Children alternate key, value: keep the keys' names and starts.
  const results = open.results ?? [];
  const keyNames: string[] = [];
  const keyStarts: number[] = [];
  for (let i = 0; i + 1 < starts.length; i += 2) {
    keyNames.push(String(results[i]));
    keyStarts.push(starts[i] as number);
  }
  return { start: open.start, keyNames, keyStarts };
}
