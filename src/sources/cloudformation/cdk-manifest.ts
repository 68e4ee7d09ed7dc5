import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe } from '../discover.js';
import { asRecord } from './intrinsic-values.js';

/** Per template (resolved file), logical id → construct path (`Stack/Construct/Resource`). */
type PathsByTemplate = Map<string, Map<string, string>>;

/** A stack artifact of a manifest, its construct paths read only when a template of it needs them. */
interface StackArtifact {
  readonly name: string;
  readonly template: string;
  readonly metadata: unknown;
  /** `additionalMetadataFile` (recent CDK versions move the metadata there), resolved. */
  readonly metadataFile: string | undefined;
  /** Where the stack deploys, as written: `aws://ACCOUNT/REGION` (see ownAccount). */
  readonly environment: unknown;
  /** Its construct paths, once read, and what was wrong in reading them, told once to the first that needs them. */
  paths?: { readonly byTemplate: PathsByTemplate; problems: readonly string[] };
}

/** What a manifest.json says: its stacks by template file (resolved). */
interface Assembly {
  readonly manifest: string;
  readonly stacks: readonly StackArtifact[];
  readonly byTemplate: ReadonlyMap<string, StackArtifact>;
}

/**
 * A stack artifact's `environment`, as the cloud assembly schema writes it (aws-cdk's cx-api EnvironmentUtils):
 * `aws://ACCOUNT/REGION`, with `unknown-account` and `unknown-region` for a stack given none (environment-agnostic).
 */
const ENVIRONMENT = /^aws:\/\/([^/]+)\/([^/]+)$/;

/**
 * What a CDK cloud assembly's `manifest.json` beside a template says of it: the construct paths of CDK output
 * synthesized without `aws:cdk:path` metadata (`cdk synth --path-metadata false`, `"pathMetadata": false` in
 * cdk.json, the aws-cdk integration snapshots), from each stack artifact's `metadata` (and its
 * `additionalMetadataFile`), which maps construct paths to `aws:cdk:logicalId` entries; and the account the stack
 * deploys to, from its `environment`. One instance per scan: each manifest, and each stack's metadata, is read once
 * however many templates sit beside it.
 */
export class CloudAssemblies {
  private readonly byFolder = new Map<string, Assembly | undefined>();

  constructor(
    private readonly maxBytes: number,
    private readonly displayPath: (file: string) => string,
  ) {}

  /**
   * The construct paths of the template's resources by logical id; undefined when no manifest.json beside
   * it lists it (as a stack's templateFile, or as a nested stack of one). Problems are passed to `warn`.
   */
  constructPaths(file: string, warn: (message: string) => void): ReadonlyMap<string, string> | undefined {
    const found = this.stackOf(file, warn, warn);
    return found && (this.pathsOf(found.stack, found.assembly, warn).get(resolve(file)) ?? new Map());
  }

  /**
   * The account the template's stack deploys to, as its artifact's `environment` names it (a nested stack's template
   * is created in the account of the stack that nests it); undefined for an environment-agnostic stack
   * (`aws://unknown-account/...`: the account of the credentials it is deployed with), or one no manifest lists.
   */
  ownAccount(file: string, warn: (message: string) => void): string | undefined {
    // Only the stacks' construct paths say which stack nests a nested stack's template. Where every stack of the
    // assembly deploys to one account, that is its account whichever nests it, and no metadata file is read. Otherwise
    // the paths are read without warning of a metadata file that cannot be read: a template whose resources carry
    // aws:cdk:path metadata needs no construct paths, and one that needs them is told of it through constructPaths.
    const assembly = this.assemblyOf(file, warn);
    if (!assembly) return undefined;
    const own = assembly.byTemplate.get(resolve(file));
    if (own) return accountOf(own);
    const accounts = new Set(assembly.stacks.map(accountOf));
    const [only] = accounts;
    if (accounts.size === 1 && only !== undefined && file.endsWith('.nested.template.json')) return only;
    const found = this.stackOf(file, warn, undefined);
    return found && accountOf(found.stack);
  }

  /** The cloud assembly beside the file, if any; its manifest's problems are passed to `warn`. */
  private assemblyOf(file: string, warn: (message: string) => void): Assembly | undefined {
    // Keyed by the folder as the file names it: most folders hold no manifest, and resolving costs per template.
    const named = dirname(file);
    if (!this.byFolder.has(named)) this.byFolder.set(named, this.readAssembly(resolve(named), warn));
    return this.byFolder.get(named);
  }

  /**
   * The stack artifact the template is of: the one whose templateFile it is, or for a nested stack's, its parent (from
   * the stacks' construct paths, whose problems go to `warnPaths`, if given).
   */
  private stackOf(
    file: string,
    warn: (message: string) => void,
    warnPaths: ((message: string) => void) | undefined,
  ): { stack: StackArtifact; assembly: Assembly } | undefined {
    const assembly = this.assemblyOf(file, warn);
    if (!assembly) return undefined;
    const template = resolve(file);
    const own = assembly.byTemplate.get(template);
    if (own) return { stack: own, assembly };
    // A nested stack's template is no artifact: its paths are among those of the stack that nests it.
    if (!template.endsWith('.nested.template.json')) return undefined;
    const stack = assembly.stacks.find((s) => this.pathsOf(s, assembly, warnPaths).has(template));
    return stack && { stack, assembly };
  }

  private readAssembly(folder: string, warn: (message: string) => void): Assembly | undefined {
    const manifest = join(folder, 'manifest.json');
    const shown = this.displayPath(manifest);
    const ignored = `${shown} was ignored: construct paths come only from aws:cdk:path metadata in the templates beside it, and the account each stack deploys to is not known`;
    const read = readJson(manifest, this.maxBytes);
    if (read === undefined) return undefined;
    // Another tool's manifest.json (a web app's, a browser extension's) says nothing of a cloud assembly:
    // only one that names artifacts is read, or warned of.
    if ('error' in read) {
      if (read.mentionsArtifacts) warn(`${ignored} (${read.error})`);
      return undefined;
    }
    const doc = asRecord(read.value);
    if (doc?.artifacts === undefined) return undefined;
    const artifacts = asRecord(doc?.artifacts);
    if (!artifacts) {
      warn(`${ignored} (it has no artifacts mapping, as a CDK cloud assembly manifest has)`);
      return undefined;
    }
    const stacks: StackArtifact[] = [];
    for (const [name, raw] of Object.entries(artifacts)) {
      const artifact = asRecord(raw);
      const templateFile = asRecord(artifact?.properties)?.templateFile;
      if (artifact?.type !== 'aws:cloudformation:stack' || typeof templateFile !== 'string') continue;
      const extra = artifact.additionalMetadataFile;
      stacks.push({
        name,
        template: resolve(folder, templateFile),
        metadata: artifact.metadata,
        metadataFile: typeof extra === 'string' ? resolve(folder, extra) : undefined,
        environment: artifact.environment,
      });
    }
    return { manifest: shown, stacks, byTemplate: new Map(stacks.map((s) => [s.template, s])) };
  }

  /** The stack's construct paths; the problems in reading them are told to the first `warn` given (once). */
  private pathsOf(
    stack: StackArtifact,
    assembly: Assembly,
    warn: ((message: string) => void) | undefined,
  ): PathsByTemplate {
    stack.paths ??= this.readPaths(stack, assembly);
    if (warn) {
      for (const problem of stack.paths.problems) warn(problem);
      stack.paths.problems = [];
    }
    return stack.paths.byTemplate;
  }

  private readPaths(stack: StackArtifact, assembly: Assembly): NonNullable<StackArtifact['paths']> {
    const problems: string[] = [];
    const warn = (problem: string) => problems.push(problem);
    const entries: [string, unknown][] = [];
    const take = (metadata: unknown, where: string) => {
      if (metadata === undefined) return;
      const record = asRecord(metadata);
      if (record) entries.push(...Object.entries(record));
      else warn(`${where}: the metadata of stack ${stack.name} is not a mapping of construct paths; ignored`);
    };
    take(stack.metadata, assembly.manifest);
    if (stack.metadataFile !== undefined) {
      const shown = this.displayPath(stack.metadataFile);
      const read = readJson(stack.metadataFile, this.maxBytes);
      if (read === undefined || 'error' in read) {
        const why = read === undefined ? 'no such file' : read.error;
        warn(`${shown}, which ${assembly.manifest} names for stack ${stack.name}, was not read (${why})`);
      } else take(read.value, shown);
    }
    return { byTemplate: pathsByTemplate(stack.template, logicalIds(entries)), problems };
  }
}

/** The 12-digit account the stack's `environment` names; undefined for any other (unknown-account, an alias). */
function accountOf(stack: StackArtifact): string | undefined {
  const environment = stack.environment;
  const account = typeof environment === 'string' ? ENVIRONMENT.exec(environment)?.[1] : undefined;
  return account !== undefined && /^\d{12}$/.test(account) ? account : undefined;
}

/** Construct path (without the leading `/`) → the logical id its `aws:cdk:logicalId` entry names. */
function logicalIds(entries: readonly [string, unknown][]): Map<string, string> {
  const ids = new Map<string, string>();
  for (const [path, list] of entries) {
    if (!Array.isArray(list)) continue;
    for (const entry of list) {
      const e = asRecord(entry);
      if (e?.type === 'aws:cdk:logicalId' && typeof e.data === 'string')
        ids.set(path.replace(/^\//, ''), e.data);
    }
  }
  return ids;
}

/**
 * Splits a stack's paths among its template and those of its nested stacks. A NestedStack at
 * `Parent/Child` holds the constructs below `Parent/Child/` and is made by the resource
 * `Parent/Child.NestedStack/Child.NestedStackResource` (in the parent's template); its template is
 * `<Names.uniqueId of Parent/Child>.nested.template.json` beside the parent's.
 */
function pathsByTemplate(template: string, ids: ReadonlyMap<string, string>): PathsByTemplate {
  const nested: string[] = [];
  for (const path of ids.keys()) {
    const made = NESTED_STACK_RESOURCE.exec(path);
    if (made) nested.push(`${made[1]}/${made[2]}`);
  }
  // The deepest nested stack that holds a path owns it (a nested stack may nest another).
  nested.sort((a, b) => b.length - a.length);
  const folder = dirname(template);
  const out: PathsByTemplate = new Map();
  for (const [path, id] of ids) {
    const owner = nested.find((stack) => path.startsWith(`${stack}/`));
    const file = owner === undefined ? template : join(folder, `${uniqueId(owner)}.nested.template.json`);
    const paths = out.get(file) ?? new Map<string, string>();
    out.set(file, paths.set(id, path));
  }
  return out;
}

const NESTED_STACK_RESOURCE = /^(.*)\/([^/]+)\.NestedStack\/\2\.NestedStackResource$/;

/**
 * CDK's `Names.uniqueId` of a construct path (aws-cdk-lib core/lib/private/uniqueid.ts): the path's
 * alphanumerics (without `Default` and `Resource` components, nor a component the previous one ends
 * with), then the first 8 hex digits of the MD5 of the path without its `Default` components.
 */
function uniqueId(path: string): string {
  const components = path.split('/').filter((c) => c !== 'Default');
  const alphanumeric = (c: string) => c.replace(/[^A-Za-z0-9]/g, '');
  if (components.length === 1 && components[0] !== undefined) {
    const only = alphanumeric(components[0]);
    if (only.length <= 255) return only;
  }
  const hash = createHash('md5').update(components.join('/')).digest('hex').slice(0, 8).toUpperCase();
  const kept: string[] = [];
  for (const c of components) {
    const last = kept[kept.length - 1];
    if (last === undefined || !last.endsWith(c)) kept.push(c);
  }
  const human = kept
    .filter((c) => c !== 'Resource')
    .map(alphanumeric)
    .join('')
    .slice(0, 240);
  return human + hash;
}

/**
 * The file's JSON; undefined when there is no such file; the error when it cannot be read or parsed, and
 * whether its text names `artifacts` (so it was meant as a cloud assembly manifest).
 */
export function readJson(
  file: string,
  maxBytes: number,
): { value: unknown } | { error: string; mentionsArtifacts?: boolean } | undefined {
  let text: string;
  try {
    const size = statSync(file).size;
    if (size > maxBytes) return { error: `${(size / 1048576).toFixed(1)} MB is more than Parapet reads` };
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    return { error: `cannot read it: ${describe(error)}` };
  }
  try {
    return { value: JSON.parse(text) };
  } catch {
    // Not the parser's message: it quotes the text, which Parapet does not print.
    return { error: 'it is not JSON', mentionsArtifacts: text.includes('"artifacts"') };
  }
}
