import { existsSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

export const CONFIG_FILE_NAME = 'parapet.yaml';

/** Which parapet.yaml a scan uses, and the ones beside scanned paths that it leaves out. */
export interface ConfigChoice {
  /** The file to load; absent when there is none. */
  readonly file?: string;
  /** Where the file came from, for messages. */
  readonly from?: 'option' | 'working directory' | 'scanned path';
  /**
   * Other parapet.yaml files next to the scanned paths, which this scan does not use (absolute paths); the
   * ones inside scanned folders are found by the folder walk (see `unusedConfigWarnings`).
   */
  readonly unused: readonly string[];
}

/**
 * One config applies to a whole scan: `--config` when given; else parapet.yaml in the working
 * directory; else the one in (or next to) the first scanned path that has one (see placesOf). The others found next to
 * scanned paths are listed, so the scan can say it did not use them instead of leaving users to guess.
 */
export function chooseConfigFile(
  explicit: string | undefined,
  paths: readonly string[],
  cwd = process.cwd(),
): ConfigChoice {
  if (explicit !== undefined) return { file: explicit, from: 'option', unused: [] };
  const inWorkingDirectory = resolve(cwd, CONFIG_FILE_NAME);
  const besidePaths = paths.flatMap((p) =>
    placesOf(resolve(cwd, p)).map((place) => join(place, CONFIG_FILE_NAME)),
  );
  const existing = [...new Set([inWorkingDirectory, ...besidePaths])].filter((file) => existsSync(file));
  const [file, ...unused] = existing;
  if (file === undefined) return { unused: [] };
  return { file, from: file === inWorkingDirectory ? 'working directory' : 'scanned path', unused };
}

/**
 * One warning per parapet.yaml the scan found but did not use, naming the one it did use (or that it used
 * none). `found` adds the ones a folder walk met inside scanned folders (src/sources/discover.ts); each
 * file is named once. With -c the user chose, so nothing is said.
 */
export function unusedConfigWarnings(
  choice: ConfigChoice,
  shown: (file: string) => string,
  found: readonly string[] = [],
): string[] {
  if (choice.from === 'option') return [];
  const seen = new Set(choice.file === undefined ? [] : [sameFileKey(choice.file)]);
  const unused = [...choice.unused, ...found].filter((file) => {
    const key = sameFileKey(file);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  if (choice.file === undefined) {
    return unused.map(
      (file) =>
        `${shown(file)} was not used: this scan used no parapet.yaml (one is read from the working directory ` +
        'or beside a scanned path, not from the folders inside one); pass it with -c, or scan ' +
        `${folderShown(shown(file))} on its own`,
    );
  }
  const used = shown(choice.file);
  return unused.map(
    (file) =>
      `${shown(file)} was not used: one parapet.yaml applies to the whole scan, and this scan used ${used}` +
      ` (${choice.from === 'working directory' ? 'the one in the working directory' : 'the first scanned path with one'});` +
      ' pass the one you want with -c, or scan each folder on its own',
  );
}

/** One key per file however it was reached (`./a/parapet.yaml`, an absolute path, a symbolic link). */
function sameFileKey(file: string): string {
  try {
    return realpathSync(file);
  } catch {
    return resolve(file);
  }
}

/** The folder of a shown path, as the user would type it to scan that folder. */
function folderShown(file: string): string {
  const folder = dirname(file);
  return folder === '.' ? 'that folder' : folder;
}

/**
 * Where a scanned path looks for parapet.yaml: a folder in itself, a file (or a path that is not there)
 * beside it. A `cdk.out` folder also looks beside it, in the CDK project it was synthesized from: the
 * project's config belongs there, not in generated output.
 */
function placesOf(path: string): string[] {
  try {
    if (!statSync(path).isDirectory()) return [dirname(path)];
    return basename(path) === 'cdk.out' ? [path, dirname(path)] : [path];
  } catch {
    return [dirname(path)];
  }
}
