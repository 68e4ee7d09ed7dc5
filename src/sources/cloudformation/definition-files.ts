import type { Locator } from '../../model/source.js';
import { asRecord } from './intrinsic-values.js';
import type { JsonLeniency } from './json.js';
import {
  isLocalFile,
  type LocalReads,
  readLocalFile,
  reportParse,
  resourcesWithFileProperty,
} from './local-files.js';
import type { ParsedFile } from './yaml.js';

/**
 * One kind of definition a resource may take from a local file in place of a path (a state machine's DefinitionUri,
 * a SAM API's DefinitionUri): what readDefinitionFiles needs to know of it.
 */
export interface DefinitionFileKind {
  /** The resource types that may name such a file, each with the property that names it. */
  readonly properties: Readonly<Record<string, string>>;
  /** `OpenAPI definition`: what the file holds, in the words of warnings and errors, and its article. */
  readonly what: string;
  readonly article: 'a' | 'an';
  /** `what its states invoke`: what goes unchecked when the file cannot be read. */
  readonly unchecked: string;
  readonly json?: JsonLeniency;
  /** Whether to leave this resource's file unread (the template writes the definition too, SAM refuses it, ...). */
  readonly skip: (file: FileProperty, reads: LocalReads) => boolean;
  /** What to do with a definition just read, put in place (warnings about its intrinsics, say). */
  readonly onRead: (read: DefinitionRead, reads: LocalReads) => void;
  /** The definitions read, so that the mapper knows them (see fromFile). */
  readonly read: WeakSet<object>;
}

/** A resource's property that names a local file, in its template. */
export interface FileProperty {
  readonly doc: Record<string, unknown>;
  readonly locator: Locator;
  readonly id: string;
  readonly property: string;
  readonly properties: Record<string, unknown>;
}

/** A definition just read from a file and put in place of `location`, the path the template wrote. */
export interface DefinitionRead {
  readonly definition: Record<string, unknown>;
  readonly location: string;
  readonly parsed: ParsedFile;
  readonly shortForms: ShortForms;
}

type ShortForms = NonNullable<ReturnType<typeof readLocalFile>>['shortForms'];

/**
 * Reads the definition of each resource of a kind whose property is a path, not an `s3://` URI nor a `{Bucket, Key}`
 * map, from that file (JSON or YAML, relative to the template's folder, by readLocalFile's rules), and puts it in
 * place of the path, as `sam package` / `aws cloudformation package` upload it. A file that cannot be read is a
 * warning at the property, one that does not parse an error in it: what it defines stays unknown.
 */
export function readDefinitionFiles(
  doc: Record<string, unknown>,
  locator: Locator,
  limits: { readonly maxBytes: number; readonly projectFolders: readonly string[] },
  reads: LocalReads,
  kind: DefinitionFileKind,
): void {
  for (const { id, property, properties } of resourcesWithFileProperty(doc, kind.properties)) {
    const location = properties[property];
    if (typeof location !== 'string' || !isLocalFile(location)) continue;
    if (kind.skip({ doc, locator, id, property, properties }, reads)) continue;
    const unread = (why: string) =>
      reads.warnings.push({
        message: `the ${property} of ${id} is ${location}, which Parapet cannot read (${why}): ${kind.unchecked} is not checked`,
        ...locator.locate(properties, property),
      });
    const what = `this ${kind.what}, which a template names (${property})`;
    const { parsed, shortForms = [] } =
      readLocalFile(location, locator, what, limits, unread, reads.errors, kind.json) ?? {};
    if (parsed === undefined) continue;
    const definition = asRecord(parsed.value);
    if (definition === undefined) {
      unread(`it is not a mapping, which ${kind.article} ${kind.what} is`);
      continue;
    }
    properties[property] = definition;
    kind.read.add(definition);
    reads.read.push(parsed.locator);
    kind.onRead({ definition, location, parsed, shortForms }, reads);
    reportParse(parsed, id, reads);
  }
}

/** The definition a kind read from a local file in place of its property's path; undefined otherwise. */
export function fromFile(kind: DefinitionFileKind, value: unknown): Record<string, unknown> | undefined {
  const definition = asRecord(value);
  return definition !== undefined && kind.read.has(definition) ? definition : undefined;
}
