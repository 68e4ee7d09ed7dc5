import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';

/** The project folder. */
export const ROOT = resolve(import.meta.dirname, '..', '..');

/** What `parapet` runs (package.json `bin`): the bundle `npm test` builds first. */
export const CLI = join(ROOT, 'dist', 'parapet.mjs');

export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the built CLI as a user would, without colour. */
export function parapet(args: readonly string[], cwd = ROOT): CliRun {
  const child = spawnSync(process.execPath, [CLI, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { code: child.status, stdout: child.stdout, stderr: child.stderr };
}
