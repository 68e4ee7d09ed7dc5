import { spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, parapet, ROOT } from './helpers/cli.js';

describe('the package a user installs', () => {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    version: string;
    bin: Record<string, string>;
  };

  it('points `parapet` at the bundle, which is executable and starts with a node hashbang', () => {
    expect(join(ROOT, pkg.bin.parapet as string)).toBe(CLI);
    expect(statSync(CLI).mode & 0o111).not.toBe(0);
    // Sizes V8's background threads to the machine (see src/cli/main.ts).
    expect(readFileSync(CLI, 'utf8').split('\n')[0]).toBe('#!/usr/bin/env -S node --v8-pool-size=0');
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
