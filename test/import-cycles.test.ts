import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers/cli.js';

const SRC = join(ROOT, 'src');

/** The .ts files under a folder. */
function sources(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) return sources(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

const IMPORT = /^(?:import|export)\s+(type\s+)?([^;]*?)\s*from\s+'(\.[^']+)'/gms;

/** The files a module imports values from: `import type` and all-`type` braces are erased by tsc, so left out. */
function valueImports(file: string): string[] {
  const imports: string[] = [];
  for (const [, typeOnly, names = '', from = ''] of readFileSync(file, 'utf8').matchAll(IMPORT)) {
    if (typeOnly) continue;
    const braced = /^\{([^}]*)\}$/s.exec(names.trim())?.[1];
    const listed = braced
      ?.split(',')
      .map((name) => name.trim())
      .filter((name) => name !== '');
    if (listed?.every((name) => name.startsWith('type '))) continue;
    imports.push(resolve(dirname(file), from.replace(/\.js$/, '.ts')));
  }
  return imports;
}

/** Each cycle of value imports, as the files around it. */
function importCycles(files: readonly string[]): string[] {
  const edges = new Map(files.map((file) => [file, valueImports(file)]));
  const done = new Set<string>();
  const path: string[] = [];
  const cycles: string[] = [];
  const visit = (file: string) => {
    path.push(file);
    for (const next of edges.get(file) ?? []) {
      if (!edges.has(next) || done.has(next)) continue;
      const at = path.indexOf(next);
      if (at >= 0)
        cycles.push(
          path
            .slice(at)
            .map((p) => relative(SRC, p))
            .join(' -> '),
        );
      else visit(next);
    }
    path.pop();
    done.add(file);
  };
  for (const file of files) if (!done.has(file)) visit(file);
  return cycles;
}

describe('the modules of src', () => {
  // A cycle works only while each module reads the other's exports at call time, never while loading: one
  // top-level use (a constant built from an import) breaks it, depending on which module the bundle loads first.
  it('import one another one way: no cycle', () => {
    expect(importCycles(sources(SRC))).toEqual([]);
  });
});
