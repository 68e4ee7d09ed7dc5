import { type Dirent, readdirSync, realpathSync, statSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { CONFIG_FILE_NAME } from '../config/choose.js';
import { isFoundServiceFile, SERVICE_FILE_NAMES } from './serverless-services.js';

/**
 * Folders never worth reading: dependencies, version control, and `.aws-sam` (SAM's build copies of the
 * template beside it). `.serverless` is read: its CloudFormation is the only template a Serverless Framework
 * project has.
 */
const SKIPPED_DIRS = new Set([
  'node_modules',
  '.git',
  '.hg',
  '.svn',
  '.aws-sam',
  '.terraform',
  '.venv',
  '__pycache__',
]);

/**
 * A cloud assembly's asset staging folders (`cdk.out/asset.<sha256>`, `asset.<sha256>.<ext>`): what CDK copies
 * into a zip or image, a template of the project among it (a `DockerImageFunction` built from `.`), never a stack.
 */
const ASSET_STAGING = /^asset\.[0-9a-f]{64}(\..+)?$/;

/**
 * A Python virtual environment holds this file at its top (PEP 405): its site-packages hold other projects'
 * templates (SAM CLI ships some), whatever the folder is called.
 */
const VIRTUAL_ENVIRONMENT_MARKER = 'pyvenv.cfg';

/** File endings that can hold a template; which ones are templates is decided by content. */
const CANDIDATE_EXTENSIONS = new Set(['.yaml', '.yml', '.json', '.template', '.cfn', '.tpl', '.tmpl']);

export interface Discovered {
  readonly file: string;
  /** Named on the command line (so a non-template is an error), or found in a folder (so it is skipped). */
  readonly explicit: boolean;
}

interface DiscoveryError {
  readonly path: string;
  readonly message: string;
}

export interface Discovery {
  readonly files: Discovered[];
  readonly errors: DiscoveryError[];
  /**
   * The parapet.yaml files met while walking folders (as found, in walk order), so that the scan can say
   * which of them it did not use: one config applies to a whole scan, and a folder's own is easy to expect.
   */
  readonly configs: string[];
  /**
   * The Serverless Framework service files (serverless.yml) met while walking folders, in walk order: not read, so
   * that the scan can say so where `serverless package` has not written the service's CloudFormation.
   */
  readonly services: string[];
}

/** Files to consider under the given paths, in a stable (sorted) order. */
export function discover(paths: readonly string[]): Discovery {
  const files: Discovered[] = [];
  const errors: DiscoveryError[] = [];
  const configs: string[] = [];
  const services: string[] = [];
  for (const path of paths) {
    let isDir: boolean;
    try {
      isDir = statSync(path).isDirectory();
    } catch (error) {
      errors.push({ path, message: `cannot read ${path}: ${describe(error)}` });
      continue;
    }
    if (isDir) walk(path, { files, errors, configs, services }, true);
    else files.push({ file: path, explicit: true });
  }
  return { files: unique(files), errors, configs, services };
}

/** Each file once, however many of the given paths reach it (`.`, `./x`, `x/template.yaml`). */
function unique(files: Discovered[]): Discovered[] {
  const byPath = new Map<string, Discovered>();
  for (const found of files) {
    let key: string;
    try {
      // The native call: one system call per file, where the JavaScript one stats every folder on the path.
      key = realpathSync.native(found.file);
    } catch {
      key = resolve(found.file);
    }
    const seen = byPath.get(key);
    // Named on the command line wins: then a non-template is an error, not silently skipped.
    if (!seen || (found.explicit && !seen.explicit))
      byPath.set(key, seen ? { ...seen, explicit: true } : found);
  }
  return [...byPath.values()];
}

/** `named`: a folder given to scan, read whatever it is; a folder met below one is skipped as build output. */
function walk(dir: string, found: Discovery, named = false): void {
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    found.errors.push({ path: dir, message: `cannot read folder ${dir}: ${describe(error)}` });
    return;
  }
  const isFile = (name: string) => entries.some((entry) => entry.name === name && entry.isFile());
  if (!named && isFile(VIRTUAL_ENVIRONMENT_MARKER)) return;
  const cloudAssembly = isFile('manifest.json');
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (SKIPPED_DIRS.has(entry.name) || (cloudAssembly && ASSET_STAGING.test(entry.name))) continue;
      walk(full, found);
      continue;
    }
    if (!entry.isFile()) continue;
    if (SERVICE_FILE_NAMES.has(entry.name) && isFoundServiceFile(full)) found.services.push(full);
    if (CANDIDATE_EXTENSIONS.has(extname(entry.name).toLowerCase())) {
      // Still a candidate: whether a file is a template is decided by its content, whatever its name.
      if (entry.name === CONFIG_FILE_NAME) found.configs.push(full);
      found.files.push({ file: full, explicit: false });
    }
  }
}

export function describe(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  if (e.code === 'ENOENT') return 'no such file or folder';
  if (e.code === 'EACCES') return 'permission denied';
  if (e.code === 'EISDIR') return 'is a folder';
  return e.code ?? e.message;
}
