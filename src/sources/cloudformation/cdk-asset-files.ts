import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { readJson } from './cdk-manifest.js';
import { asRecord } from './intrinsic-values.js';

/**
 * The local files a CDK cloud assembly uploads, by the S3 object key each gets: `cdk synth` writes beside a stack's
 * template its asset manifest (`<Stack>.assets.json`), whose `files` give each asset's `source.path` (relative to
 * that folder) and, per destination, its `objectKey` (the synthesizer's bucketPrefix, the asset's hash and the
 * file's extension: aws-cdk-lib's AssetManifestBuilder). A nested stack's template is such an asset, and the
 * TemplateURL CDK writes for it ends with that key, so the template is found whatever metadata the synth wrote.
 * One instance per scan: each folder's manifests are read once.
 */
export class CdkAssetFiles {
  private readonly byFolder = new Map<string, ReadonlyMap<string, string>>();
  private readonly assemblies = new Map<string, boolean>();

  constructor(private readonly maxBytes: number) {}

  /** The local file (resolved) uploaded where `url` (text, `${...}` for parts made at deploy) ends; or undefined. */
  fileAt(folder: string, url: string): string | undefined {
    const files = this.filesIn(folder);
    for (const [key, file] of files) if (url.endsWith(`/${key}`)) return file;
    return undefined;
  }

  /**
   * Whether the folder is a cloud assembly: its `manifest.json` lists `artifacts` (another tool's manifest.json, a web
   * app's, does not), so that `cdk synth` wrote the templates in it, a nested stack's beside its parent.
   */
  isAssembly(folder: string): boolean {
    let is = this.assemblies.get(folder);
    if (is === undefined) {
      const read = readJson(join(folder, 'manifest.json'), this.maxBytes);
      is = read !== undefined && 'value' in read && asRecord(asRecord(read.value)?.artifacts) !== undefined;
      this.assemblies.set(folder, is);
    }
    return is;
  }

  private filesIn(folder: string): ReadonlyMap<string, string> {
    let files = this.byFolder.get(folder);
    if (!files) {
      files = readAssetFiles(folder, this.maxBytes);
      this.byFolder.set(folder, files);
    }
    return files;
  }
}

/** Object key → source file of every file asset the folder's `*.assets.json` list; none where they cannot be read. */
function readAssetFiles(folder: string, maxBytes: number): Map<string, string> {
  const files = new Map<string, string>();
  let names: string[];
  try {
    names = readdirSync(folder).filter((name) => name.endsWith('.assets.json'));
  } catch {
    return files;
  }
  for (const name of names) {
    const read = readJson(join(folder, name), maxBytes);
    const assets = asRecord(read && 'value' in read ? asRecord(read.value)?.files : undefined) ?? {};
    for (const asset of Object.values(assets)) {
      const path = asRecord(asRecord(asset)?.source)?.path;
      if (typeof path !== 'string' || path === '') continue;
      for (const destination of Object.values(asRecord(asRecord(asset)?.destinations) ?? {})) {
        const key = asRecord(destination)?.objectKey;
        if (typeof key === 'string' && key !== '') files.set(key, resolve(folder, path));
      }
    }
  }
  return files;
}
