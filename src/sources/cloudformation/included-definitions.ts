import { existsSync, lstatSync, realpathSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { ScanError } from '../../findings/finding.js';
import { own } from '../../model/own.js';
import type { Locator, Position } from '../../model/source.js';
import { describe } from '../discover.js';
import { readCapped } from '../file-texts.js';
import { asRecord } from './intrinsic-values.js';
import { isJsonTemplate, parseJson } from './json.js';
import type { TemplateWarning } from './template.js';
import { type ParsedFile, ParseError, parseYamlNotingShortForms } from './yaml.js';

/** The API types whose OpenAPI definition may be written in the template, and the property that holds it. */
const DEFINITION_PROPERTIES: Readonly<Record<string, string>> = {
  'AWS::Serverless::Api': 'DefinitionBody',
  'AWS::Serverless::HttpApi': 'DefinitionBody',
  'AWS::ApiGateway::RestApi': 'Body',
  'AWS::ApiGatewayV2::Api': 'Body',
};

/** What reading the definitions a template includes from local files gave. */
export interface Inclusion {
  /** Locates the template's nodes, and those of the files read (with their `file`: see Position). */
  readonly locator: Locator;
  readonly warnings: readonly TemplateWarning[];
  readonly errors: readonly ScanError[];
}

/**
 * Reads the OpenAPI definitions that an API's definition property (`DefinitionBody` of a SAM Api / HttpApi, `Body`
 * of a RestApi / ApiGatewayV2 Api) takes with `Fn::Transform: {Name: AWS::Include, Parameters: {Location: <file>}}`
 * from a file beside the template, and puts each in the template in place of its `Fn::Transform`, as CloudFormation
 * does with the copy `sam package` / `sam deploy` uploads to S3 (they rewrite Location to its `s3://` URI).
 * CloudFormation runs a transform nested in the template before the template's own (AWS::Serverless): SAM sees the
 * definition as if written inline, and so do the mappers. Intrinsics in the file are resolved as in the template.
 *
 * A Location in S3, on the web or made by an intrinsic is left as it is (its routes stay unknown), as is any other
 * `Fn::Transform`. A file that cannot be read is a warning at the Location, one that does not parse an error in it:
 * the definition stays unknown. The template is changed in place, once (what it gave is kept for the next call).
 */
export function includeDefinitions(
  doc: Record<string, unknown>,
  locator: Locator,
  maxBytes: number,
  /** Besides the template's folder tree and repository, where included files are read: the working folder and the
   * folders scanned. */
  projectFolders: readonly string[],
): Inclusion | undefined {
  const done = INCLUDED.get(doc);
  if (done !== undefined) return done ?? undefined;
  const resources = asRecord(doc.Resources) ?? {};
  const read: Locator[] = [];
  const warnings: TemplateWarning[] = [];
  const errors: ScanError[] = [];
  for (const [id, raw] of Object.entries(resources)) {
    const decl = asRecord(raw);
    const property = typeof decl?.Type === 'string' ? own(DEFINITION_PROPERTIES, decl.Type) : undefined;
    const properties = asRecord(decl?.Properties);
    if (property === undefined || properties === undefined) continue;
    const transform = includeOf(properties[property]);
    const location = transform?.location;
    if (transform === undefined || location === undefined || !isLocalFile(location)) continue;
    TRIED.add(transform.node);
    const file = resolve(dirname(locator.file), location);
    const at = locator.locate(transform.parameters, 'Location') ?? locator.locate(properties, property);
    const unread = (why: string) =>
      warnings.push({
        message:
          `the ${property} of ${id} is an AWS::Include of ${location}, which Parapet cannot read (${why}): ` +
          `what it defines (routes, their authorization, a resource policy) is not checked`,
        ...at,
      });
    // A template names what it includes: only files of its project are read (its folder tree, its repository's, the
    // working folder's, the folders scanned), by where they really are (a link is followed), so that a template cannot
    // have the scan read (and quote, in its findings) any file of the machine.
    const outside = outsideProject(file, dirname(resolve(locator.file)), projectFolders);
    if (outside !== undefined) {
      unread(outside);
      continue;
    }
    const { parsed, shortForms = [] } = readDefinition(file, maxBytes, unread, errors) ?? {};
    if (parsed === undefined) continue;
    if (asRecord(parsed.value) === undefined) {
      unread('it is not a mapping, which an OpenAPI definition is');
      continue;
    }
    properties[property] = parsed.value;
    read.push(parsed.locator);
    // The first written (the parser makes inner tags first): the one with the smallest position.
    const placed = shortForms.map((short) => ({ short, at: parsed.locator.locate(short.made) }));
    const first = placed.sort(
      (a, b) =>
        (a.at?.line ?? Number.POSITIVE_INFINITY) - (b.at?.line ?? Number.POSITIVE_INFINITY) ||
        (a.at?.column ?? 0) - (b.at?.column ?? 0),
    )[0];
    if (first)
      warnings.push({
        message:
          `${first.short.tag} is a YAML short form, which CloudFormation does not take in a file AWS::Include brings: ` +
          `write ${Object.keys(first.short.made)[0]} there; Parapet reads it as if it were`,
        file,
        ...first.at,
      });
    for (const w of parsed.warnings)
      warnings.push({ message: w.message, file, line: w.line, column: w.column });
    for (const e of parsed.errors)
      errors.push({
        kind: 'template',
        message: e.message,
        file,
        line: e.line,
        column: e.column,
        resource: id,
      });
  }
  const inclusion =
    read.length === 0 && warnings.length === 0 && errors.length === 0
      ? undefined
      : { locator: read.length === 0 ? locator : locatingIncluded(locator, read), warnings, errors };
  INCLUDED.set(doc, inclusion ?? null);
  return inclusion;
}

/** Whether an `Fn::Transform` was read (or tried) here: the warning that Parapet does not run it is not for it. */
export function isTriedInclude(node: object): boolean {
  return TRIED.has(node);
}

/** Templates already included from (null: nothing to include), so a second call changes nothing. */
const INCLUDED = new WeakMap<object, Inclusion | null>();
/** The `{Fn::Transform: ...}` objects of local files this module read or tried to. */
const TRIED = new WeakSet<object>();

/** `{Fn::Transform: {Name: AWS::Include, Parameters: {Location}}}` alone, and its Location when it is text. */
function includeOf(
  value: unknown,
): { node: object; parameters: object; location: string | undefined } | undefined {
  const node = asRecord(value);
  if (node === undefined || Object.keys(node).length !== 1) return undefined;
  const transform = asRecord(node['Fn::Transform']);
  const parameters = asRecord(transform?.Parameters);
  if (transform?.Name !== 'AWS::Include' || parameters === undefined) return undefined;
  const location = parameters.Location;
  return { node, parameters, location: typeof location === 'string' ? location : undefined };
}

/** A path (`./openapi.yaml`, `api/openapi.json`), not a URI (`s3://`, `https://`). */
export function isLocalFile(location: string): boolean {
  return location.trim() !== '' && !/^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(location);
}

/**
 * The file parsed as the scan parses templates (JSON or YAML), within the same size limit; undefined when it cannot
 * be read (told to `unread`) or parsed (an error at its line). Nothing of its text is told: a parser's message may
 * quote the text it failed on.
 */
function readDefinition(
  file: string,
  maxBytes: number,
  unread: (why: string) => void,
  errors: ScanError[],
): { parsed: ParsedFile; shortForms?: { made: object; tag: string }[] } | undefined {
  let text: string;
  try {
    const got = readCapped(file, maxBytes);
    if ('tooLarge' in got) {
      unread(
        `${(got.tooLarge / 1048576).toFixed(2)} MB is over the ${maxBytes / 1048576} MB Parapet reads of a file`,
      );
      return undefined;
    }
    text = got.text;
  } catch (error) {
    unread(describe(error));
    return undefined;
  }
  try {
    return isJsonTemplate(file, text)
      ? { parsed: parseJson(text, file) }
      : parseYamlNotingShortForms(text, file);
  } catch (error) {
    if (!(error instanceof ParseError)) throw error;
    errors.push({
      kind: 'parse',
      file,
      ...(error.line ? { line: error.line, column: error.column } : {}),
      message: `cannot parse this OpenAPI definition, which a template includes (AWS::Include): ${withoutQuote(error.message)}`,
    });
    return undefined;
  }
}

/** A parser's message without what it quotes of the text (JSON.parse's `(... "text" is not valid JSON)`). */
function withoutQuote(message: string): string {
  const open = message.indexOf(' (');
  return open === -1 ? message : message.slice(0, open);
}

/**
 * The template's locator, which also locates the nodes of the files included: a position in one of them names it
 * (Position.file). Each node is in one file only.
 */
function locatingIncluded(base: Locator, included: readonly Locator[]): Locator {
  return {
    file: base.file,
    locate(node: object, key?: string | number): Position | undefined {
      const found = base.locate(node, key);
      if (found !== undefined) return found;
      for (const other of included) {
        const at = other.locate(node, key);
        if (at !== undefined) return { ...at, file: other.file };
      }
      return undefined;
    },
  };
}

/**
 * Why `file` is not read, when it really is (links followed) outside the template's folder tree, the repository that
 * holds the template (the nearest folder above it with a `.git`: a definition shared by the apps of one repository,
 * `../shared`), the working folder and the folders scanned; undefined when it is in one. A file that does not exist
 * is let through, for its reading to say so.
 */
function outsideProject(
  file: string,
  templateFolder: string,
  projectFolders: readonly string[],
): string | undefined {
  const real = (path: string) => {
    try {
      return realpathSync(path);
    } catch {
      return path;
    }
  };
  const target = real(file);
  if (!existsSync(target)) return undefined;
  const roots = [templateFolder, repositoryOf(templateFolder), ...projectFolders];
  if (roots.some((root) => root !== undefined && within(real(root), target))) return undefined;
  const what = isLink(file) ? `it is a link to ${target}, which is` : 'it is';
  return `${what} outside the template's folder, its repository, the working folder and the folders scanned: scan or run from a folder that holds it`;
}

/** Whether `file` itself is a symbolic link (not a folder on its path). */
function isLink(file: string): boolean {
  try {
    return lstatSync(file).isSymbolicLink();
  } catch {
    return false;
  }
}

/** The nearest folder at or above `folder` that holds a `.git`: the repository's root. */
function repositoryOf(folder: string): string | undefined {
  for (let at = folder; ; at = dirname(at)) {
    if (existsSync(join(at, '.git'))) return at;
    if (dirname(at) === at) return undefined;
  }
}

/** Whether `file` is in `folder` or below it. */
function within(folder: string, file: string): boolean {
  const path = relative(folder, file);
  return path !== '' && path !== '..' && !path.startsWith(`..${sep}`) && !isAbsolute(path);
}
