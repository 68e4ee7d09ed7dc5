import { isAbsolute, relative, resolve, sep } from 'node:path';

/** Shows paths relative to `cwd` with forward slashes (absolute when outside it); cached per file. */
export function displayPathFor(cwd: string): (file: string) => string {
  const shownPaths = new Map<string, string>();
  return (file: string) => {
    let shown = shownPaths.get(file);
    if (shown === undefined) {
      const rel = relative(cwd, resolve(cwd, file));
      shown = (rel.startsWith('..') || isAbsolute(rel) ? resolve(cwd, file) : rel).split(sep).join('/');
      shownPaths.set(file, shown);
    }
    return shown;
  };
}
