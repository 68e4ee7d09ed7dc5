import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { CdkAssetFiles } from './cdk-asset-files.js';
import { asRecord } from './intrinsic-values.js';

// Where a stack resource's nested template is (./nested-stack-links.ts): a local file, or elsewhere (a URL, an
// application of the Serverless Application Repository), as the template and CDK's metadata or asset manifest say.

/** A nested template that is no local file, as a warning names it: never a URL's query (it may hold a signature). */
export type Elsewhere =
  | {
      readonly url: string | undefined;
      /** A local path chosen by `Fn::If`, which no package uploads: CloudFormation is given the path. */
      readonly pathInIf?: true;
    }
  | { readonly application: string | undefined };

/** Whether a regular file is at `path` (false where nothing, or something else, is). */
export function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/**
 * Where a nested stack's template is: a local file, resolved from the parent's folder, or elsewhere; undefined when
 * the template does not say. CDK names the file in the `aws:asset:path` metadata (its TemplateURL is an S3 URL made
 * with intrinsics), or, without that metadata, its asset manifest beside the parent does (CdkAssetFiles: the URL ends
 * with the object key the template is uploaded to). A plain template names it in TemplateURL (SAM: an application's
 * Location) as a path, which `aws cloudformation package` and `sam package` upload and replace with its S3 URL; they
 * read the path relative to the parent template's folder. A URL (`https://`, `s3://`) or text made with an intrinsic
 * (`Fn::Sub`, `Fn::Join`, `Ref`, `Fn::If`...: madeTextOf) names a template elsewhere, but for a resource `cdk synth` wrote (its `aws:cdk:path`
 * metadata, or whose parent is in a cloud assembly's folder: CdkAssetFiles.isAssembly), whose template lies beside
 * it; and an application Location that is a map names one in the Serverless Application Repository (ApplicationId, the application's ARN, and SemanticVersion: SAM's ApplicationLocationObject).
 */
export function nestedTemplate(
  resource: Record<string, unknown> | undefined,
  folder: string,
  assets: CdkAssetFiles,
): { readonly file: string } | { readonly elsewhere: Elsewhere } | undefined {
  const properties = asRecord(resource?.Properties);
  let path: unknown;
  if (resource?.Type === 'AWS::CloudFormation::Stack') {
    const assetPath = asRecord(resource.Metadata)?.['aws:asset:path'];
    path = typeof assetPath === 'string' ? assetPath : properties?.TemplateURL;
  } else if (resource?.Type === 'AWS::Serverless::Application') {
    path = properties?.Location;
    const location = asRecord(path);
    if (location && !isIntrinsic(location)) return { elsewhere: { application: applicationOf(location) } };
  }
  const made = madeTextOf(path);
  if (made !== undefined) {
    const asset = assets.fileAt(folder, made.text);
    if (asset !== undefined) return { file: asset };
    if (isCdk(resource) || assets.isAssembly(folder)) return undefined;
    const url = `${withoutSecrets(made.text)} (made by ${made.by})`;
    return { elsewhere: made.by === 'Fn::If' && choosesPath(path) ? { url, pathInIf: true } : { url } };
  }
  if (typeof path !== 'string' || path.trim() === '') return undefined;
  return isLocalPath(path) ? { file: resolve(folder, path) } : { elsewhere: { url: shownUrl(path) } };
}

/** The local file of a nested stack's template (see nestedTemplate); undefined when it is not one. */
export function nestedTemplateFile(
  resource: Record<string, unknown> | undefined,
  folder: string,
  assets: CdkAssetFiles,
): string | undefined {
  const template = nestedTemplate(resource, folder, assets);
  return template && 'file' in template ? template.file : undefined;
}

/**
 * The text of a TemplateURL or Location made with an intrinsic: `Fn::Sub` (`!Sub 'https://${Bucket}.s3.amazonaws.com/child.yaml'`),
 * `Fn::Join` (CDK's `['https://s3.', !Ref AWS::Region, ...]`, shown `https://s3.${AWS::Region}...`), `Ref` of a
 * parameter (`${TemplateUrl}`), `Fn::If` (its two branches, `a.yaml or b.yaml`), any other (`${...}`): a value made at
 * deploy, never a local file, since `aws cloudformation package` and `sam package` upload only the local paths a
 * template writes as text ("package" in the AWS CLI Command Reference; its exporter passes over a property that is a
 * map, paths in an `Fn::If` too, "is not a URL"). Undefined for anything else.
 */
function madeTextOf(value: unknown): { readonly text: string; readonly by: string } | undefined {
  const map = asRecord(value);
  if (!map || !isIntrinsic(map)) return undefined;
  const by = Object.keys(map)[0] as string;
  const text = by === 'Fn::If' ? eitherUrl(map[by]) : partText(map);
  return text.trim() !== '' ? { text: text.trim(), by } : undefined;
}

/** An intrinsic's text as a part of a URL: `Fn::Sub`'s, `Fn::Join`'s, `${Name}` of a `Ref` or `Fn::GetAtt`, else `${...}`. */
function partText(map: Record<string, unknown>): string {
  const by = Object.keys(map)[0];
  const text =
    by === 'Fn::Sub' ? subbedUrl(map[by]) : by === 'Fn::Join' ? joinedUrl(map[by]) : namedText(map);
  return text ?? '${...}';
}

/** `${Name}` of a `Ref`, `${Name.Attribute}` of an `Fn::GetAtt`; undefined for anything else. */
function namedText(map: Record<string, unknown>): string | undefined {
  const ref = map.Ref;
  if (typeof ref === 'string') return `\${${ref}}`;
  const attribute = map['Fn::GetAtt'];
  if (Array.isArray(attribute) && attribute.every((a) => typeof a === 'string'))
    return `\${${attribute.join('.')}}`;
  if (typeof attribute === 'string') return `\${${attribute}}`;
  return undefined;
}

/** The two URLs an `Fn::If` chooses from, each without what may be secret in it: `a.yaml or b.yaml`. */
function eitherUrl(choice: unknown): string {
  if (!Array.isArray(choice) || choice.length !== 3) return '${...}';
  return choice
    .slice(1)
    .map((branch) => withoutSecrets(urlPart(branch)))
    .join(' or ');
}

function subbedUrl(sub: unknown): string | undefined {
  const text = Array.isArray(sub) ? sub[0] : sub;
  return typeof text === 'string' ? text : undefined;
}

/** The text `Fn::Join` makes, each part made at deploy shown as `!Sub` writes it (`${AWS::Region}`, `${...}`). */
function joinedUrl(join: unknown): string | undefined {
  if (!Array.isArray(join) || join.length !== 2) return undefined;
  const [delimiter, parts] = join as [unknown, unknown];
  if (typeof delimiter !== 'string' || !Array.isArray(parts)) return undefined;
  return parts.map(urlPart).join(delimiter);
}

function urlPart(part: unknown): string {
  if (typeof part === 'string' || typeof part === 'number') return String(part);
  const map = asRecord(part);
  return map && isIntrinsic(map) && !('Fn::If' in map) ? partText(map) : '${...}';
}

/** Whether an `Fn::If` chooses a local path (text that is no URL), as `!If [IsProd, ./prod.yaml, ./dev.yaml]` does. */
function choosesPath(value: unknown): boolean {
  const choice = asRecord(value)?.['Fn::If'];
  return Array.isArray(choice) && choice.slice(1).some((b) => typeof b === 'string' && isLocalPath(b));
}

/** A resource `cdk synth` wrote (its `aws:cdk:path` metadata): CDK writes a nested stack's template beside it. */
function isCdk(resource: Record<string, unknown> | undefined): boolean {
  return typeof asRecord(resource?.Metadata)?.['aws:cdk:path'] === 'string';
}

/** A URL's text without what may be secret in it (see shownUrl), where it holds `${...}` and cannot be parsed. */
function withoutSecrets(text: string): string {
  return text.replace(/[?#][\s\S]*$/, '').replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/@]*@/i, '$1');
}

/** Whether a TemplateURL or Location names a local file: not a URL with a scheme. */
function isLocalPath(path: string): boolean {
  return !/^[a-z][a-z0-9+.-]*:\/\//i.test(path);
}

/** `{Ref: ...}`, `{'Fn::If': ...}`: a value made at deploy, not a map of the template's own. */
function isIntrinsic(value: Record<string, unknown>): boolean {
  const keys = Object.keys(value);
  return keys.length === 1 && (keys[0] === 'Ref' || (keys[0]?.startsWith('Fn::') ?? false));
}

/** `Datadog-Log-Forwarder 3.91.0`: the application's name in its ARN, and the version, as far as they are text. */
function applicationOf(location: Record<string, unknown>): string | undefined {
  const id = location.ApplicationId;
  const name = typeof id === 'string' ? (id.split(':applications/')[1] ?? id) : undefined;
  const version = location.SemanticVersion;
  if (name === undefined) return undefined;
  return typeof version === 'string' || typeof version === 'number' ? `${name} ${version}` : name;
}

/** A URL without what may be secret in it: its user and password, query (a presigned URL's signature) and fragment. */
function shownUrl(text: string): string | undefined {
  try {
    const url = new URL(text.trim());
    return `${url.protocol}//${url.host}${url.pathname}`;
  } catch {
    return undefined;
  }
}
