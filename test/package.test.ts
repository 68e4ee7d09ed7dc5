import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chooseHashbang, PLAIN } from '../scripts/hashbang.mjs';
import { CLI, parapet, ROOT } from './helpers/cli.js';

/** The data of every AWS managed policy, which the bundle reads from src/data above itself. */
const MANAGED_POLICIES = join('src', 'data', 'iam-aws-managed-policies-all.json.gz');

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

  // The data of every AWS managed policy stays a gzip file in src/data (no build step copies it): the bundle finds
  // it from its own file, whatever the working folder.
  it('reads the document of an AWS managed policy outside the small file, run from another folder', () => {
    const dir = mkdtempSync(join(tmpdir(), 'parapet-managed-'));
    writeFileSync(
      join(dir, 'template.yaml'),
      `Resources:
  R:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement: [{ Effect: Allow, Principal: { Service: lambda.amazonaws.com }, Action: sts:AssumeRole }]
      ManagedPolicyArns: [arn:aws:iam::aws:policy/service-role/AmazonSSMAutomationRole]
  F:
    Type: AWS::Lambda::Function
    Properties: { Runtime: nodejs22.x, Handler: i.h, Code: { ZipFile: x }, Role: !GetAtt R.Arn }
`,
    );
    const { code, stdout, stderr } = parapet(
      ['scan', 'template.yaml', '--checks', 'iam.role-wildcard-action', '-f', 'json'],
      dir,
    );
    expect([code, stderr]).toEqual([0, '']);
    const report = JSON.parse(stdout) as {
      findings: { status: string; message: string }[];
      errors: unknown[];
    };
    expect(report.errors).toEqual([]);
    expect(report.findings.map((f) => [f.status, f.message])).toEqual([
      [
        'fail',
        'AWS managed policy service-role/AmazonSSMAutomationRole, Statement[2]: Allow grants every ssm action ("ssm:*").',
      ],
    ]);
  });
});

describe('the code cache the bin gives V8 (scripts/bundle.mjs, scripts/launcher.cjs)', () => {
  const dist = join(ROOT, 'dist');
  const scanExample = (bin: string) =>
    spawnSync(process.execPath, [bin, 'scan', 'examples/insecure-app', '--format', 'json'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
  const findingsOf = (run: { stdout: string }) =>
    (JSON.parse(run.stdout) as { findings: { fingerprint: string }[] }).findings.map((f) => f.fingerprint);

  it('is one this Node takes: V8 does not reject it', () => {
    // Compiled as the launcher compiles the bundle, in a plain node process (the flags V8 checks are its own).
    const probe = `
      const { readFileSync } = require('node:fs');
      const { Script } = require('node:vm');
      const main = ${JSON.stringify(join(dist, 'parapet-main.cjs'))};
      const wrapped = '(function (exports, require, module, __filename, __dirname) {' + readFileSync(main, 'utf8') + '\\n})';
      const cache = readFileSync(${JSON.stringify(join(dist, 'parapet-main.cache'))});
      // After the line stamping the bundle it was made for (see the next test).
      const cachedData = cache.subarray(cache.indexOf(10) + 1);
      const script = new Script(wrapped, { filename: main, cachedData });
      process.stdout.write(String(script.cachedDataRejected));`;
    const run = spawnSync(process.execPath, ['-e', probe], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe('false');
  });

  it('is used only for the bundle it was made for: not after the bundle changes, even at the same length', () => {
    const copy = mkdtempSync(join(tmpdir(), 'parapet-stale-cache-'));
    for (const file of ['parapet.cjs', 'parapet-main.cjs', 'parapet-main.cache'])
      writeFileSync(join(copy, file), readFileSync(join(dist, file)));
    mkdirSync(join(copy, 'src', 'data'), { recursive: true });
    const catalog = join('src', 'data', 'iam-actions.json');
    writeFileSync(join(copy, catalog), readFileSync(join(dist, catalog)));
    writeFileSync(join(copy, MANAGED_POLICIES), readFileSync(join(ROOT, MANAGED_POLICIES)));
    const bundle = join(copy, 'parapet-main.cjs');
    const built = statSync(join(dist, 'parapet-main.cjs'));
    const summary = () =>
      spawnSync(process.execPath, [join(copy, 'parapet.cjs'), 'scan', 'examples/secure-app'], {
        cwd: ROOT,
        encoding: 'utf8',
        env: { ...process.env, NO_COLOR: '1' },
      }).stdout;
    // Patched at the same length, V8 alone would take the cache for it (it checks only the length). Given
    // back the built bundle's time, the stamp matches too: the cached code runs, not the patched text.
    writeFileSync(bundle, readFileSync(bundle, 'utf8').replace('No failed checks', 'NO FAILED CHECKS'));
    utimesSync(bundle, built.atime, built.mtime);
    expect(summary()).toContain('No failed checks');
    // With the time the patch gave it, the stamp does not match: the patched text runs.
    const now = new Date();
    utimesSync(bundle, now, now);
    expect(summary()).toContain('NO FAILED CHECKS');
  });

  it('changes nothing but speed: without it, or with one V8 rejects, the scan finds the same', () => {
    const expected = findingsOf(scanExample(CLI));
    expect(expected.length).toBeGreaterThan(10);
    for (const cache of [undefined, 'not a code cache']) {
      const copy = mkdtempSync(join(tmpdir(), 'parapet-no-cache-'));
      for (const file of ['parapet.cjs', 'parapet-main.cjs'])
        writeFileSync(join(copy, file), readFileSync(join(dist, file)));
      mkdirSync(join(copy, 'src', 'data'), { recursive: true });
      const catalog = join('src', 'data', 'iam-actions.json');
      writeFileSync(join(copy, catalog), readFileSync(join(dist, catalog)));
      // The AWS managed policies beside it, as the bundle finds them above itself (AmazonS3FullAccess of insecure-app).
      writeFileSync(join(copy, MANAGED_POLICIES), readFileSync(join(ROOT, MANAGED_POLICIES)));
      if (cache !== undefined) writeFileSync(join(copy, 'parapet-main.cache'), cache);
      const run = scanExample(join(copy, 'parapet.cjs'));
      expect(run.stderr).toBe('');
      expect(findingsOf(run)).toEqual(expected);
    }
  });
});
