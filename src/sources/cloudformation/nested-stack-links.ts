import { readFileSync, readlinkSync, realpathSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { setOwn } from '../../model/own.js';
import type { Locator } from '../../model/source.js';
import type { FileTexts } from '../file-texts.js';
import { CdkAssetFiles } from './cdk-asset-files.js';
import { asRecord } from './intrinsic-values.js';
import { isJsonTemplate, parseJson } from './json.js';
import { outsideProject, outsideProjectPath } from './local-files.js';
import { parseYaml } from './yaml.js';

/** Where a nested template's parameters come from: its parent's file and template, and the stack resource. */
export interface ParentLink {
  readonly parent: string;
  readonly doc: Record<string, unknown>;
  /** The logical id of the parent's resource that makes the nested stack. */
  readonly resource: string;
  readonly parameters: Record<string, unknown>;
}

/** The resource types whose template is another file: a nested stack, and SAM's nested application. */
const NESTING_TYPES = ['AWS::CloudFormation::Stack', 'AWS::Serverless::Application'];

const NO_VALUE = { Ref: 'AWS::NoValue' };

/**
 * The parameters a stack resource gives, each on its own: `Parameters: !If [C, {A: x}, {A: y, B: z}]` (the whole
 * map chosen by a condition) gives `A: !If [C, x, y]` and `B: !If [C, !Ref AWS::NoValue, z]`, which the parent's
 * conditions then decide or leave open, value by value. Anything else that is not a mapping gives none.
 */
function eachParameter(raw: unknown): Record<string, unknown> | undefined {
  const map = asRecord(raw);
  const choice = map?.['Fn::If'];
  if (!map || Object.keys(map).length !== 1 || !Array.isArray(choice) || choice.length !== 3) {
    if (!map) return map;
    // `Role: !If [IsProd, !GetAtt Role.Arn, !GetAtt Role.Arn]` is the same either way, too.
    const values: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(map)) setOwn(values, name, sameEitherWay(value));
    return values;
  }
  const [condition, whenTrue, whenFalse] = choice as [unknown, unknown, unknown];
  const branch = (value: unknown) => (asRecord(value)?.Ref === 'AWS::NoValue' ? {} : eachParameter(value));
  const [yes, no] = [branch(whenTrue), branch(whenFalse)];
  if (!yes || !no) return map;
  const names = new Set([...Object.keys(yes), ...Object.keys(no)]);
  const values: Record<string, unknown> = {};
  for (const name of names) {
    const pick = (from: Record<string, unknown>) => (Object.hasOwn(from, name) ? from[name] : NO_VALUE);
    setOwn(values, name, sameEitherWay({ 'Fn::If': [condition, pick(yes), pick(no)] }));
  }
  return values;
}

/** An `Fn::If` whose branches are the same (text, or the same `!GetAtt Role.Arn`) is that, whatever the condition. */
function sameEitherWay(value: unknown): unknown {
  const choice = asRecord(value)?.['Fn::If'];
  if (!Array.isArray(choice) || choice.length !== 3) return value;
  const [, a, b] = choice as [unknown, unknown, unknown];
  return a === b || JSON.stringify(a) === JSON.stringify(b) ? a : value;
}

/** A stack resource of a scanned template whose template the scan does not read. */
export type UnscannedNesting =
  | {
      /** The logical id of the stack resource. */
      readonly resource: string;
      /** The nested template's file, resolved. */
      readonly child: string;
      /** `missing`: not there; `outside`: outside the project, not looked at; `unscanned`: there, but not scanned. */
      readonly state: 'missing' | 'outside' | 'unscanned';
    }
  | {
      readonly resource: string;
      /** Where the template is instead: a URL, or an application of the Serverless Application Repository. */
      readonly elsewhere: Elsewhere;
      readonly state: 'elsewhere';
    };

/** A nested template that is no local file, as a warning names it: never a URL's query (it may hold a signature). */
type Elsewhere = { readonly url: string | undefined } | { readonly application: string | undefined };

/**
 * Per nested template among the files (resolved path), the stack resources among the files that make it;
 * usually one, but one template may be nested twice (by one parent or by two) with other parameters. Also, per
 * parent (resolved path), the stack resources whose template is a local file not among the files.
 */
export function parentLinks(
  files: readonly string[],
  maxBytes: number,
  texts?: FileTexts,
  projectFolders: readonly string[] = [],
): { links: Map<string, ParentLink[]>; unscanned: Map<string, UnscannedNesting[]> } {
  const links = new Map<string, ParentLink[]>();
  const unscanned = new Map<string, UnscannedNesting[]>();
  const scanned = new Set(files.map((f) => resolve(f)));
  const scannedReal = new Set(files.map(realPath));
  const assets = new CdkAssetFiles(maxBytes);
  for (const file of scanned) {
    const doc = parentCandidate(file, maxBytes, texts);
    const resources = asRecord(doc?.Resources);
    if (!doc || !resources) continue;
    for (const [resource, raw] of Object.entries(resources)) {
      const template = nestedTemplate(asRecord(raw), dirname(file), assets);
      if (template !== undefined && 'elsewhere' in template) {
        const missed = { resource, elsewhere: template.elsewhere, state: 'elsewhere' } as const;
        unscanned.set(file, [...(unscanned.get(file) ?? []), missed]);
        continue;
      }
      const child = template?.file;
      if (child === undefined || child === file) continue;
      // Scanned by another path (a linked folder): its parameters are not given, but it is no template left out.
      if (!scanned.has(child) && scannedReal.has(realPath(child))) continue;
      if (!scanned.has(child)) {
        const state = leavesProject(child, dirname(file), projectFolders)
          ? 'outside'
          : isFile(child)
            ? 'unscanned'
            : 'missing';
        const missed = { resource, child, state } as const;
        unscanned.set(file, [...(unscanned.get(file) ?? []), missed]);
        continue;
      }
      const parameters = eachParameter(asRecord(asRecord(raw)?.Properties)?.Parameters) ?? {};
      links.set(child, [...(links.get(child) ?? []), { parent: file, doc, resource, parameters }]);
    }
  }
  return { links, unscanned };
}

function isFile(path: string): boolean {
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
 * read the path relative to the parent template's folder. A URL (`https://`, `s3://`) or text made with `Fn::Sub` or
 * `Fn::Join` (madeTextOf) names a template elsewhere, but for a resource `cdk synth` wrote (its `aws:cdk:path`
 * metadata, or in a cloud assembly's folder), whose template lies beside it; and an application Location that is a map names one in the Serverless
 * Application Repository (ApplicationId, the application's ARN, and SemanticVersion: SAM's ApplicationLocationObject).
 */
function nestedTemplate(
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
    if (isCdk(resource) || isFile(join(folder, 'manifest.json'))) return undefined;
    return { elsewhere: { url: `${withoutSecrets(made.text)} (made by ${made.by})` } };
  }
  if (typeof path !== 'string' || path.trim() === '') return undefined;
  return isLocalPath(path) ? { file: resolve(folder, path) } : { elsewhere: { url: shownUrl(path) } };
}

/** The local file of a nested stack's template (see nestedTemplate); undefined when it is not one. */
function nestedTemplateFile(
  resource: Record<string, unknown> | undefined,
  folder: string,
  assets: CdkAssetFiles,
): string | undefined {
  const template = nestedTemplate(resource, folder, assets);
  return template && 'file' in template ? template.file : undefined;
}

/**
 * The text of a TemplateURL or Location made with `Fn::Sub` (`!Sub 'https://${Bucket}.s3.amazonaws.com/child.yaml'`)
 * or `Fn::Join` (CDK's `['https://s3.', !Ref AWS::Region, ...]`, shown `https://s3.${AWS::Region}...`): a value made
 * at deploy, never a local file, since `aws cloudformation package` and `sam package` upload only the local paths a
 * template writes as text ("package" in the AWS CLI Command Reference). Undefined for anything else.
 */
function madeTextOf(value: unknown): { readonly text: string; readonly by: string } | undefined {
  const map = asRecord(value);
  if (!map || !isIntrinsic(map)) return undefined;
  const by = Object.keys(map)[0] as string;
  const text = by === 'Fn::Sub' ? subbedUrl(map[by]) : by === 'Fn::Join' ? joinedUrl(map[by]) : undefined;
  return text !== undefined && text.trim() !== '' ? { text: text.trim(), by } : undefined;
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
  const ref = map?.Ref;
  if (typeof ref === 'string') return `\${${ref}}`;
  const attribute = map?.['Fn::GetAtt'];
  if (Array.isArray(attribute) && attribute.every((a) => typeof a === 'string'))
    return `\${${attribute.join('.')}}`;
  if (typeof attribute === 'string') return `\${${attribute}}`;
  return (map && madeTextOf(map)?.text) ?? '${...}';
}

/**
 * A resource `cdk synth` wrote (its `aws:cdk:path` metadata): CDK writes a nested stack's template beside it (as it
 * does for a parent in a cloud assembly, a folder with `manifest.json`, whatever metadata the synth wrote).
 */
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

/** The parsed template of a file that may make nested stacks; undefined when it cannot (cheap test first). */
function parentCandidate(
  file: string,
  maxBytes: number,
  texts: FileTexts | undefined,
): Record<string, unknown> | undefined {
  try {
    // Read once for the scan too, when it keeps the text (FileTexts).
    const text = texts ? texts.read(file) : readUnder(file, maxBytes);
    if (text === undefined) return undefined;
    if (!NESTING_TYPES.some((type) => text.includes(type))) return undefined;
    // Parsed once for the scan too (FileTexts).
    const parsed = texts
      ? texts.parse(file, text)
      : isJsonTemplate(file, text)
        ? parseJson(text, file)
        : parseYaml(text, file);
    return asRecord(parsed.value);
  } catch {
    return undefined;
  }
}

function readUnder(file: string, maxBytes: number): string | undefined {
  return statSync(file).size > maxBytes ? undefined : readFileSync(file, 'utf8');
}

/**
 * What the scan says of a template's stack resources whose template it does not read: nothing of the nested stack
 * is checked (a parent scanned alone shows no finding), so each is told, at the property that names the file.
 */
export function unscannedNestingWarnings(
  doc: unknown,
  locator: Locator,
  nestings: readonly UnscannedNesting[],
  shown: (file: string) => string,
): string[] {
  const resources = asRecord(asRecord(doc)?.Resources);
  return nestings.map((nesting) => {
    const { resource } = nesting;
    const declaration = asRecord(resources?.[resource]);
    const metadata = asRecord(declaration?.Metadata);
    const properties = asRecord(declaration?.Properties);
    const at =
      (metadata && locator.locate(metadata, 'aws:asset:path')) ??
      (properties && (locator.locate(properties, 'TemplateURL') ?? locator.locate(properties, 'Location'))) ??
      (declaration && locator.locate(declaration));
    const place = `${shown(locator.file)}${at ? `:${at.line}:${at.column}` : ''}`;
    if (nesting.state === 'elsewhere') return `${place}: ${elsewhereWarning(resource, nesting.elsewhere)}`;
    const { child, state } = nesting;
    const why = {
      missing: 'is not there',
      outside:
        "is outside the template's folder, its repository, the working folder and the folders scanned: it was not read",
      unscanned: 'was not scanned (scan it too, or the folder holding both)',
    }[state];
    return `${place}: the template of nested stack ${resource}, ${shown(child)}, ${why}, so nothing in it was checked`;
  });
}

/**
 * What the scan says of a nested stack whose template is not a local file: nothing of it is checked, and how to get
 * it to scan. An application's template is given by the Serverless Application Repository's
 * CreateCloudFormationTemplate (its TemplateUrl), which the AWS CLI calls as `create-cloud-formation-template`.
 */
function elsewhereWarning(resource: string, elsewhere: Elsewhere): string {
  const where =
    'url' in elsewhere
      ? (elsewhere.url ?? 'a URL')
      : `${elsewhere.application === undefined ? 'an application' : `application ${elsewhere.application}`} of the Serverless Application Repository`;
  const how =
    'url' in elsewhere
      ? 'download it to scan it'
      : '`aws serverlessrepo create-cloud-formation-template` gives a link to download it';
  return `the template of nested stack ${resource}, ${where}, is not a local file, so nothing in it was checked (${how})`;
}

/**
 * The files to scan, with the local templates of the nested stacks that the files named on the command line make, and
 * theirs in turn: `aws cloudformation package` and `sam package` upload those with the parent, so a parent named alone
 * is scanned with what it deploys. Only files that are there and belong to its project (see outsideProject); those
 * in a folder scanned are met by its walk already.
 */
export function withNestedTemplates<F extends { readonly file: string; readonly explicit: boolean }>(
  files: readonly F[],
  maxBytes: number,
  texts: FileTexts,
  projectFolders: readonly string[],
): (F | { readonly file: string; readonly explicit: true })[] {
  const all: (F | { readonly file: string; readonly explicit: true })[] = [...files];
  // By where files really are, as discover() knows them: a template reached through a linked folder is scanned once.
  const seen = new Set(files.map((f) => realPath(f.file)));
  const parents = files.map((f) => resolve(f.file));
  const assets = new CdkAssetFiles(maxBytes);
  for (let i = 0; i < parents.length; i++) {
    const parent = parents[i] as string;
    const resources = asRecord(parentCandidate(parent, maxBytes, texts)?.Resources) ?? {};
    for (const raw of Object.values(resources)) {
      const child = nestedTemplateFile(asRecord(raw), dirname(parent), assets);
      if (child === undefined || seen.has(realPath(child)) || !isFile(child)) continue;
      if (leavesProject(child, dirname(parent), projectFolders)) continue;
      seen.add(realPath(child));
      all.push({ file: child, explicit: true });
      parents.push(child);
    }
  }
  return all;
}

/** Where a file really is (links followed), or its resolved path when it is not there. */
function realPath(file: string): string {
  try {
    return realpathSync.native(file);
  } catch {
    return resolve(file);
  }
}

/**
 * Whether a nested template's path leaves the parent's project: as written, where it really is, or, for a link whose
 * target is not there, where the link points; so that what the scan says of a path outside tells nothing of whether a
 * file there exists.
 */
function leavesProject(child: string, folder: string, projectFolders: readonly string[]): boolean {
  if (outsideProjectPath(child, folder, projectFolders)) return true;
  if (outsideProject(child, folder, projectFolders) !== undefined) return true;
  try {
    const target = resolve(dirname(child), readlinkSync(child));
    return outsideProjectPath(target, folder, projectFolders);
  } catch {
    return false;
  }
}
