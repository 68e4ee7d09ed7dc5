import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chooseHashbang, PLAIN } from '../scripts/hashbang.mjs';
import { CLI, parapet, ROOT } from './helpers/cli.js';

describe('the package a user installs', () => {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    version: string;
    bin: Record<string, string>;
  };

  it('points `parapet` at the bundle, which is executable and starts with a node hashbang', () => {
    expect(join(ROOT, pkg.bin.parapet as string)).toBe(CLI);
    expect(statSync(CLI).mode & 0o111).not.toBe(0);
    // With the flag that sizes V8's threads to the machine where this machine's env can pass it.
    expect(readFileSync(CLI, 'utf8').split('\n')[0]).toBe(chooseHashbang());
  });

  it('keeps the plain hashbang where env cannot pass flags (BusyBox, as on Alpine)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'parapet-env-'));
    const busybox = join(dir, 'env');
    writeFileSync(busybox, '#!/bin/sh\necho "env: unrecognized option: S" >&2\nexit 1\n', { mode: 0o755 });
    expect(chooseHashbang(busybox)).toBe(PLAIN);
    expect(chooseHashbang(join(dir, 'missing'))).toBe(PLAIN);
  });

  it('runs when executed directly, as a shell runs the bin through its hashbang', () => {
    const run = spawnSync(CLI, ['--version'], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout.trim()).toBe(pkg.version);
  });

  it('reports the version of package.json', () => {
    const { code, stdout } = parapet(['--version']);
    expect(code).toBe(0);
    expect(stdout.trim()).toBe(pkg.version);
  });
});
