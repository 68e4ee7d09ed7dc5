import { existsSync, lstatSync, realpathSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { ScanError } from '../../findings/finding.js';
import { own } from '../../model/own.js';
import type { Locator, Position } from '../../model/source.js';
import { describe } from '../discover.js';
import { readCapped } from '../file-texts.js';
import { asRecord } from './intrinsic-values.js';
import {
  InvalidJson,
  isJsonTemplate,
  type JsonLeniency,
  NestedTooDeep,
  parseJson,
  STRICT_JSON,
} from './json.js';
import type { TemplateWarning } from './template.js';
import { type ParsedFile, ParseError, parseYamlNotingShortForms } from './yaml.js';

// The rules for the local files a template names, which Parapet reads into it before it is modelled: an OpenAPI
// definition an AWS::Include brings (included-definitions.ts), a state machine's definition file
// (state-machine-files.ts). What `sam package` / `aws cloudformation package` upload, read from where they are.

/** What the local files a template names gave, read into it: see readLocalDefinitions. */
export interface LocalReads {
  /** The locators of the files read. */
  readonly read: Locator[];
  readonly warnings: TemplateWarning[];
  readonly errors: ScanError[];
}

/** A YAML short form (`!Sub`) a file's parse read: the object it made, and the tag as written. */
interface ShortForm {
  readonly made: object;
  readonly tag: string;
}

/** A path (`./openapi.yaml`, `api/openapi.json`), not a URI (`s3://`, `https://`). */
export function isLocalFile(location: string): boolean {
  return location.trim() !== '' && !/^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(location);
}

/**
 * The local file `location` names, read relative to the template's folder (as `sam package` and `aws cloudformation
 * package` take it), parsed as the scan parses templates (JSON or YAML), within the same size limit. Undefined when it
 * cannot be read (told to `unread`, why) or parsed (an error at its line, saying it is `what`). Nothing of its text is
 * told: a parser's message may quote the text it failed on. JSON is strict unless `json` lets more through.
 *
 * A template names what it reads: only files of its project are read (its folder tree, its repository's, the working
 * folder's, the folders scanned), by where they really are (a link is followed), so that a template cannot have the
 * scan read (and quote, in its findings) any file of the machine.
 */
export function readLocalFile(
  location: string,
  template: Locator,
  what: string,
  limits: { readonly maxBytes: number; readonly projectFolders: readonly string[] },
  unread: (why: string) => void,
  errors: ScanError[],
  json: JsonLeniency = STRICT_JSON,
): { parsed: ParsedFile; shortForms: readonly ShortForm[] } | undefined {
  const file = resolve(dirname(template.file), location);
  const outside = outsideProject(file, dirname(resolve(template.file)), limits.projectFolders);
  if (outside !== undefined) {
    unread(outside);
    return undefined;
  }
  let text: string;
  try {
    const got = readCapped(file, limits.maxBytes);
    if ('tooLarge' in got) {
      unread(
        `${(got.tooLarge / 1048576).toFixed(2)} MB is over the ${limits.maxBytes / 1048576} MB Parapet reads of a file`,
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
      ? { parsed: parseJson(text, file, json), shortForms: [] }
      : parseYamlNotingShortForms(text, file);
  } catch (error) {
    if (!(error instanceof ParseError)) throw error;
    errors.push({
      kind: 'parse',
      file,
      ...(error.line ? { line: error.line, column: error.column } : {}),
      message: `cannot parse ${what}: ${withoutQuote(error)}`,
    });
    return undefined;
  }
}

/** The warnings and errors of a file's parse, located in that file and told for the resource that reads it. */
export function reportParse(parsed: ParsedFile, resource: string, reads: LocalReads): void {
  const { file } = parsed.locator;
  for (const w of parsed.warnings)
    reads.warnings.push({ message: w.message, file, line: w.line, column: w.column });
  for (const e of parsed.errors)
    reads.errors.push({
      kind: 'template',
      message: e.message,
      file,
      line: e.line,
      column: e.column,
      resource,
    });
}

/** The first short form written in the file (the parser makes inner tags first): the one with the smallest position. */
export function firstShortForm(
  shortForms: readonly ShortForm[],
  locator: Locator,
): { short: ShortForm; at: Position | undefined } | undefined {
  const placed = shortForms.map((short) => ({ short, at: locator.locate(short.made) }));
  return placed.sort(
    (a, b) =>
      (a.at?.line ?? Number.POSITIVE_INFINITY) - (b.at?.line ?? Number.POSITIVE_INFINITY) ||
      (a.at?.column ?? 0) - (b.at?.column ?? 0),
  )[0];
}

/**
 * A parse error's message without what JSON.parse's words quote of the text (`(... "text" is not valid JSON)`): an
 * InvalidJson's message ends with them; the others (YAML's, nesting too deep) quote nothing.
 */
function withoutQuote(error: ParseError): string {
  if (!(error instanceof InvalidJson) || error instanceof NestedTooDeep) return error.message;
  const open = error.message.indexOf(' (');
  return open === -1 ? error.message : error.message.slice(0, open);
}

/**
 * The template's locator, which also locates the nodes of the files read into it: a position in one of them names
 * it (Position.file). Each node is in one file only.
 */
export function locatingIncluded(base: Locator, included: readonly Locator[]): Locator {
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
export function outsideProject(
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

/**
 * Whether a path is outside the template's project by where it is written (its folder tree, its repository's, the
 * folders given), without touching it: what the scan may tell of a path it does not read, so that it says nothing of
 * whether a file outside the project exists.
 */
export function outsideProjectPath(
  file: string,
  templateFolder: string,
  projectFolders: readonly string[],
): boolean {
  const roots = [templateFolder, repositoryOf(templateFolder), ...projectFolders];
  return !roots.some((root) => root !== undefined && within(resolve(root), resolve(file)));
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

/**
 * The resources of a template whose type `properties` lists, each with the property that may name a local file
 * (`DefinitionBody` of a SAM Api, `DefinitionUri` of a SAM state machine) and the resource's Properties.
 */
export function* resourcesWithFileProperty(
  doc: Record<string, unknown>,
  properties: Readonly<Record<string, string>>,
): Generator<{ id: string; property: string; properties: Record<string, unknown> }> {
  for (const [id, raw] of Object.entries(asRecord(doc.Resources) ?? {})) {
    const decl = asRecord(raw);
    const property = typeof decl?.Type === 'string' ? own(properties, decl.Type) : undefined;
    const props = asRecord(decl?.Properties);
    if (property !== undefined && props !== undefined) yield { id, property, properties: props };
  }
}
