import { setOwn } from '../../model/own.js';
import type { Locator, Position } from '../../model/source.js';
import { unknown } from '../../model/values.js';
import {
  type DefinitionFileKind,
  type FileProperty,
  fromFile,
  readDefinitionFiles,
} from './definition-files.js';
import { asRecord, intrinsicName } from './intrinsic-values.js';
import { firstShortForm, type LocalReads } from './local-files.js';

/** The SAM API types whose OpenAPI definition may be a local file that `sam package` uploads (DefinitionUri). */
const FILE_PROPERTIES: Readonly<Record<string, string>> = {
  'AWS::Serverless::Api': 'DefinitionUri',
  'AWS::Serverless::HttpApi': 'DefinitionUri',
};

/**
 * Reads the OpenAPI definition of each SAM Api / HttpApi whose DefinitionUri is a path (not an `s3://` URI nor a
 * `{Bucket, Key}` map) from that file (JSON or YAML, relative to the template's folder), and puts it in place of the
 * path: `sam package` uploads the file as it is, and SAM passes its location on as BodyS3Location, so API Gateway
 * imports it unchanged. SAM neither reads nor edits it (its Auth, Cors and events' Auth need a DefinitionBody).
 *
 * Intrinsic functions are not run in such a file (SAM documents them as not supported in an external OpenAPI file:
 * aws/serverless-application-model pull 982, issue 181), nor is its `${...}` text filled by CloudFormation: each one
 * (and text holding `${`) is read as Unknown, and a warning at the first intrinsic says so. API Gateway fills
 * `${AWS::Region}`, `${AWS::AccountId}` and `${AWS::Partition}` when it imports the file ("AWS variables for
 * OpenAPI import"): text holding only those keeps its shape.
 *
 * A file that cannot be read is a warning at the property, one that does not parse an error in it: the routes stay
 * unknown. Which files are read: see readLocalFile. An API that also writes a DefinitionBody, which SAM refuses, is
 * read from the template. An API with a non-empty Auth (its own or from Globals) is not read: SAM fails on it, which
 * is an error at that Auth, and the routes stay unknown.
 */
export function readApiDefinitionFiles(
  doc: Record<string, unknown>,
  locator: Locator,
  limits: { readonly maxBytes: number; readonly projectFolders: readonly string[] },
  reads: LocalReads,
): void {
  readDefinitionFiles(doc, locator, limits, reads, API_DEFINITION_FILES);
}

/** What a SAM API's DefinitionUri file is, to readDefinitionFiles. */
const API_DEFINITION_FILES: DefinitionFileKind = {
  properties: FILE_PROPERTIES,
  what: 'OpenAPI definition',
  article: 'an',
  unchecked: 'what it defines (routes, their authorization)',
  skip: (file, reads) => file.properties.DefinitionBody !== undefined || authRefused(file, reads),
  onRead: ({ definition, location, parsed, shortForms }, reads) => {
    const first = unresolvedInPlace(definition, location, parsed.locator);
    // A short form is located where its tag is written; a long form where its key is.
    const short = firstShortForm(shortForms, parsed.locator);
    const at = short?.at ?? first?.at;
    const name = short ? short.short.tag : first?.name;
    if (name !== undefined)
      reads.warnings.push({
        message:
          `${name} is an intrinsic function, which SAM and CloudFormation do not run in a file a DefinitionUri names: ` +
          'what it stands for is not known to Parapet (write the definition in DefinitionBody, or include the file ' +
          'there with AWS::Include, to have it run)',
        file: parsed.locator.file,
        ...at,
      });
  },
  read: new WeakSet(),
};

/**
 * Whether SAM refuses the API's file for a non-empty Auth (samtranslator api_generator `_add_auth` raises this for
 * any non-empty Auth without a DefinitionBody): then an error at that Auth, and the file is not read.
 */
function authRefused({ doc, locator, id, property, properties }: FileProperty, reads: LocalReads): boolean {
  const auth = samAuth(doc, id, properties);
  if (auth === undefined) return false;
  reads.errors.push({
    kind: 'template',
    message:
      `${id}: Auth works only with inline Swagger specified in 'DefinitionBody' property, and the ${property} ` +
      'is a file: the SAM transform fails on it',
    ...locator.locate(auth.node, 'Auth'),
    file: locator.file,
    resource: id,
  });
  return true;
}

/** The Globals section whose properties SAM merges into each API of a type. */
const GLOBALS_SECTION: Readonly<Record<string, string>> = {
  'AWS::Serverless::Api': 'Api',
  'AWS::Serverless::HttpApi': 'HttpApi',
};

/**
 * Where the API's Auth is written (its own, else the one in Globals), when SAM merges a non-empty one into it: SAM
 * edits only a DefinitionBody with it, and fails without one. An Auth that is not a plain map is left to SAM.
 */
function samAuth(
  doc: Record<string, unknown>,
  id: string,
  properties: Record<string, unknown>,
): { node: object } | undefined {
  const nonEmpty = (value: unknown) => {
    const map = asRecord(value);
    return map !== undefined && intrinsicName(map) === undefined && Object.keys(map).length > 0;
  };
  if (nonEmpty(properties.Auth)) return { node: properties };
  const type = asRecord(asRecord(doc.Resources)?.[id])?.Type;
  const section = asRecord(asRecord(doc.Globals)?.[GLOBALS_SECTION[String(type)] ?? '']);
  if (section !== undefined && nonEmpty(section.Auth)) return { node: section };
  return undefined;
}

/** The definition read from a local file in place of a SAM API's DefinitionUri; undefined otherwise. */
export function apiDefinitionFromFile(value: unknown): Record<string, unknown> | undefined {
  return fromFile(API_DEFINITION_FILES, value);
}

/**
 * Replaces, in the parsed file, each intrinsic function (`{Fn::Sub: ...}`, `{Ref: ...}`) and each text holding `${`
 * with an Unknown: nothing fills them before API Gateway imports the file. The first intrinsic, by where it is written.
 */
function unresolvedInPlace(
  root: object,
  location: string,
  locator: Locator,
): { name: string; at: Position | undefined } | undefined {
  let first: { name: string; at: Position | undefined } | undefined;
  const visit = (node: object): void => {
    for (const [key, child] of Object.entries(node)) {
      const name = definitionIntrinsic(child);
      if (name !== undefined) {
        const at = locator.locate(node, Array.isArray(node) ? Number(key) : key);
        if (first === undefined || before(at, first.at)) first = { name, at };
        replace(
          node,
          key,
          unknown(
            `${name} in ${location}, which CloudFormation does not run in a file a DefinitionUri names`,
          ),
        );
      } else if (typeof child === 'string' && child.includes('${'))
        replace(node, key, importText(child, location));
      else if (child !== null && typeof child === 'object') visit(child);
    }
  };
  visit(root);
  return first;
}

/**
 * The intrinsic function a value of the file is written as, if it is one. OpenAPI has maps with a single key of its
 * own naming (a schema's `properties: {Ref: {type: string}}`): a `Ref` is one only when it names something (a string),
 * as every Ref does. `Fn::` names no OpenAPI field, so a map with that single key stays an intrinsic, whatever it holds
 * (Fn::Transform and Fn::Base64 may hold maps).
 */
function definitionIntrinsic(value: unknown): string | undefined {
  const name = intrinsicName(value);
  if (name === 'Ref' && typeof (value as { Ref: unknown }).Ref !== 'string') return undefined;
  return name;
}

/** The variables API Gateway fills when it imports a definition ("AWS variables for OpenAPI import"). */
const IMPORT_VARIABLES = /\$\{AWS::(?:AccountId|Partition|Region)\}/g;

/**
 * Text holding `${...}`: not known before deploy. Where its only placeholders are those API Gateway fills on import
 * (`${AWS::Region}`), its shape is kept; any other `${...}` is left as written, by CloudFormation and SAM alike.
 */
function importText(text: string, location: string) {
  if (!text.replace(IMPORT_VARIABLES, '').includes('${'))
    return unknown(
      `written with \${AWS::...} variables, which API Gateway fills when it imports ${location}`,
      text,
    );
  return unknown(
    `\${...} in ${location}, which CloudFormation does not fill in a file a DefinitionUri names`,
  );
}

function replace(node: object, key: string, value: unknown): void {
  if (Array.isArray(node)) node[Number(key)] = value;
  else setOwn(node as Record<string, unknown>, key, value);
}

function before(a: Position | undefined, b: Position | undefined): boolean {
  if (a === undefined) return false;
  if (b === undefined) return true;
  return a.line < b.line || (a.line === b.line && (a.column ?? 0) < (b.column ?? 0));
}
