import { setOwn } from '../../model/own.js';
import type { Locator } from '../../model/source.js';
import { asRecord } from './intrinsic-values.js';
import {
  firstShortForm,
  isLocalFile,
  type LocalReads,
  readLocalFile,
  reportParse,
  resourcesWithFileProperty,
} from './local-files.js';
import { deepEqual } from './sam/shapes.js';

/** The API types whose OpenAPI definition may be written in the template, and the property that holds it. */
const DEFINITION_PROPERTIES: Readonly<Record<string, string>> = {
  'AWS::Serverless::Api': 'DefinitionBody',
  'AWS::Serverless::HttpApi': 'DefinitionBody',
  'AWS::ApiGateway::RestApi': 'Body',
  'AWS::ApiGatewayV2::Api': 'Body',
};

/**
 * Reads the OpenAPI definitions that an API's definition property (`DefinitionBody` of a SAM Api / HttpApi, `Body`
 * of a RestApi / ApiGatewayV2 Api) takes with `Fn::Transform: {Name: AWS::Include, Parameters: {Location: <file>}}`
 * from a file beside the template, and puts each in the template in place of its `Fn::Transform`, as CloudFormation
 * does with the copy `sam package` / `sam deploy` uploads to S3 (they rewrite Location to its `s3://` URI).
 * CloudFormation runs a transform nested in the template before the template's own (AWS::Serverless): SAM sees the
 * definition as if written inline, and so do the mappers. Intrinsics in the file are resolved as in the template.
 *
 * Keys written beside the `Fn::Transform` (`openapi: 3.0.2` kept for `sam validate`) stay beside what the file brings:
 * CloudFormation passes a macro "all sibling nodes" of its `Fn::Transform` and puts what it returns in their place,
 * and AWS::Include keeps them (CloudFormation User Guide, "Using AWS CloudFormation macros": the `fragment` of an
 * Fn::Transform; "AWS::Include transform": its example includes resources beside one written in Resources). Which
 * one it keeps of a key written both beside the transform and in the file is not documented: where the two differ,
 * the definition is left unread (includeClashes), its routes unknown, and a warning names the keys.
 *
 * A Location in S3, on the web or made by an intrinsic is left as it is (its routes stay unknown), as is any other
 * `Fn::Transform`. A file that cannot be read is a warning at the Location, one that does not parse an error in it:
 * the definition stays unknown. Which files are read: see readLocalFile.
 */
export function includeDefinitions(
  doc: Record<string, unknown>,
  locator: Locator,
  limits: { readonly maxBytes: number; readonly projectFolders: readonly string[] },
  reads: LocalReads,
): void {
  for (const { id, property, properties } of resourcesWithFileProperty(doc, DEFINITION_PROPERTIES)) {
    const transform = includeOf(properties[property]);
    const location = transform?.location;
    if (transform === undefined || location === undefined || !isLocalFile(location)) continue;
    TRIED.add(transform.node);
    const at = locator.locate(transform.parameters, 'Location') ?? locator.locate(properties, property);
    const unread = (why: string) =>
      reads.warnings.push({
        message:
          `the ${property} of ${id} is an AWS::Include of ${location}, which Parapet cannot read (${why}): ` +
          `what it defines (routes, their authorization, a resource policy) is not checked`,
        ...at,
      });
    const what = 'this OpenAPI definition, which a template includes (AWS::Include)';
    const { parsed, shortForms = [] } =
      readLocalFile(location, locator, what, limits, unread, reads.errors) ?? {};
    if (parsed === undefined) continue;
    const snippet = asRecord(parsed.value);
    if (snippet === undefined) {
      unread('it is not a mapping, which an OpenAPI definition is');
      continue;
    }
    const { node } = transform;
    const clashes = transform.siblings.filter(
      (key) => Object.hasOwn(snippet, key) && !deepEqual(node[key], snippet[key]),
    );
    if (clashes.length > 0) {
      CLASHES.set(node, clashes);
      reads.warnings.push({
        message:
          `the ${property} of ${id} writes ${clashes.join(', ')} both beside its AWS::Include of ${location} and in ` +
          'that file, and which one CloudFormation keeps is not documented: what the definition defines (routes, ' +
          'their authorization, a resource policy) is not checked',
        ...at,
      });
      continue;
    }
    // The file's keys stay located in it; those written beside the transform join them.
    for (const key of transform.siblings) if (!Object.hasOwn(snippet, key)) setOwn(snippet, key, node[key]);
    properties[property] = snippet;
    reads.read.push(parsed.locator);
    const first = firstShortForm(shortForms, parsed.locator);
    if (first)
      reads.warnings.push({
        message:
          `${first.short.tag} is a YAML short form, which CloudFormation does not take in a file AWS::Include brings: ` +
          `write ${Object.keys(first.short.made)[0]} there; Parapet reads it as if it were`,
        file: parsed.locator.file,
        ...first.at,
      });
    reportParse(parsed, id, reads);
  }
}

/** Whether an `Fn::Transform` was read (or tried) here: the warning that Parapet does not run it is not for it. */
export function isTriedInclude(node: object): boolean {
  return TRIED.has(node);
}

/** The `{Fn::Transform: ...}` objects of local files this module read or tried to. */
const TRIED = new WeakSet<object>();

/**
 * The keys a definition writes both beside its AWS::Include and in the file it includes, with other values there:
 * which one CloudFormation keeps is not documented. Undefined for any other node.
 */
export function includeClashes(node: object): readonly string[] | undefined {
  return CLASHES.get(node);
}

const CLASHES = new WeakMap<object, readonly string[]>();

/**
 * `{Fn::Transform: {Name: AWS::Include, Parameters: {Location}}}`, its Location when it is text, and the keys
 * written beside the `Fn::Transform` (siblings).
 */
export function includeOf(value: unknown):
  | {
      node: Record<string, unknown>;
      parameters: object;
      location: string | undefined;
      siblings: readonly string[];
    }
  | undefined {
  const node = asRecord(value);
  if (node === undefined || !Object.hasOwn(node, 'Fn::Transform')) return undefined;
  const transform = asRecord(node['Fn::Transform']);
  const parameters = asRecord(transform?.Parameters);
  if (transform?.Name !== 'AWS::Include' || parameters === undefined) return undefined;
  const location = parameters.Location;
  const siblings = Object.keys(node).filter((key) => key !== 'Fn::Transform');
  return { node, parameters, location: typeof location === 'string' ? location : undefined, siblings };
}
