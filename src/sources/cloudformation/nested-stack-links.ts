import { readFileSync, readlinkSync, realpathSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { setOwn } from '../../model/own.js';
import type { Locator } from '../../model/source.js';
import type { FileTexts } from '../file-texts.js';
import { CdkAssetFiles } from './cdk-asset-files.js';
import { asRecord, subNames } from './intrinsic-values.js';
import { outsideProject, outsideProjectPath } from './local-files.js';
import { NESTING_TYPES } from './nested-stack-parameters.js';
import { type Elsewhere, isFile, nestedTemplate, nestedTemplateFile } from './nested-template-location.js';
import { parseTemplateText } from './template-text.js';

/** Where a nested template's parameters come from: its parent's file and template, and the stack resource. */
export interface ParentLink {
  readonly parent: string;
  readonly doc: Record<string, unknown>;
  /** The logical id of the parent's resource that makes the nested stack. */
  readonly resource: string;
  readonly parameters: Record<string, unknown>;
}

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
export type UnscannedNesting = (
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
    }
) & {
  /** The logical ids of the parent's resources its Parameters name: what it may attach to (a route to a table). */
  readonly given: readonly string[];
};

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
      const given = () => [...idsNamed(asRecord(asRecord(raw)?.Properties)?.Parameters)];
      if (template !== undefined && 'elsewhere' in template) {
        const missed = {
          resource,
          elsewhere: template.elsewhere,
          state: 'elsewhere',
          given: given(),
        } as const;
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
        const missed = { resource, child, state, given: given() } as const;
        unscanned.set(file, [...(unscanned.get(file) ?? []), missed]);
        continue;
      }
      const parameters = eachParameter(asRecord(asRecord(raw)?.Properties)?.Parameters) ?? {};
      links.set(child, [...(links.get(child) ?? []), { parent: file, doc, resource, parameters }]);
    }
  }
  return { links, unscanned };
}

/**
 * The logical ids a raw value names by `Ref`, `Fn::GetAtt` or `${...}` of `Fn::Sub` (parameters too). Not cycles.ts'
 * reference walk (collectReferences, mentionsResource), which looks only for the ids it is given, reads `X.Attr` and
 * SAM's `Fn.Alias` as the X they depend on and skips a SAM property that does not (`Fn.DestinationQueue`): here every
 * name counts, a dotted `Ref` whole, and `${ X }` is trimmed, as subNames reads it.
 */
function idsNamed(node: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(node)) {
    for (const item of node) idsNamed(item, found);
    return found;
  }
  const record = asRecord(node);
  if (record === undefined) return found;
  for (const [key, value] of Object.entries(record)) {
    if (key === 'Ref' && typeof value === 'string') found.add(value);
    else if (key === 'Fn::GetAtt') {
      const id =
        typeof value === 'string' ? value.split('.')[0] : Array.isArray(value) ? value[0] : undefined;
      if (typeof id === 'string') found.add(id);
    } else if (key === 'Fn::Sub') {
      const text = Array.isArray(value) ? value[0] : value;
      for (const name of typeof text === 'string' ? subNames(text) : [])
        found.add(name.split('.')[0] as string);
    }
    idsNamed(value, found);
  }
  return found;
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
    const parsed = texts ? texts.parse(file, text) : parseTemplateText(file, text);
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
      ? elsewhere.pathInIf
        ? '`aws cloudformation package` and `sam package` upload no path chosen by Fn::If: write each as text in a stack resource of its own with the condition'
        : 'download it to scan it'
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
