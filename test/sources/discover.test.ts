import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { discover } from '../../src/sources/discover.js';
import { isFoundServiceFile } from '../../src/sources/serverless-services.js';

describe('discover: the parapet.yaml files a folder walk meets', () => {
  const root = mkdtempSync(join(tmpdir(), 'parapet-discover-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  for (const folder of ['a', 'b/deep', 'node_modules/pkg'])
    mkdirSync(join(root, folder), { recursive: true });
  for (const file of [
    'parapet.yaml',
    'a/parapet.yaml',
    'b/deep/parapet.yaml',
    'node_modules/pkg/parapet.yaml',
  ])
    writeFileSync(join(root, file), 'version: 1\n');
  writeFileSync(join(root, 'a', 'template.yaml'), '');
  writeFileSync(join(root, 'b', 'parapet.yml'), 'version: 1\n');

  it('records each one in walk order, skipping the folders never read', () => {
    expect(discover([root]).configs).toEqual([
      join(root, 'a', 'parapet.yaml'),
      join(root, 'b', 'deep', 'parapet.yaml'),
      join(root, 'parapet.yaml'),
    ]);
  });

  it('keeps them candidates too: whether a file is a template is decided by its content', () => {
    const files = discover([root]).files.map((f) => f.file);
    expect(files).toContain(join(root, 'a', 'parapet.yaml'));
    expect(files).toContain(join(root, 'a', 'template.yaml'));
  });

  it('records none for a file named on the command line: only folder walks look for them', () => {
    expect(discover([join(root, 'a', 'parapet.yaml'), join(root, 'a', 'template.yaml')]).configs).toEqual([]);
  });
});

describe('discover: the folders a walk skips', () => {
  const root = mkdtempSync(join(tmpdir(), 'parapet-discover-skip-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  for (const folder of ['.aws-sam/build', '.serverless', 'node_modules/pkg'])
    mkdirSync(join(root, folder), { recursive: true });
  for (const file of [
    '.aws-sam/build/template.yaml',
    '.serverless/cloudformation-template-update-stack.json',
    'node_modules/pkg/template.yaml',
    'template.yaml',
  ])
    writeFileSync(join(root, file), '');

  it("reads .serverless (a Serverless Framework project's only CloudFormation), not SAM's build copies", () => {
    expect(discover([root]).files.map((f) => f.file)).toEqual([
      join(root, '.serverless', 'cloudformation-template-update-stack.json'),
      join(root, 'template.yaml'),
    ]);
  });
});

describe('discover: build copies of a project below the folder scanned', () => {
  const root = mkdtempSync(join(tmpdir(), 'parapet-discover-copies-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const asset = `asset.${'5f1e0c6b'.repeat(8)}`;
  for (const folder of [`cdk.out/${asset}`, 'venv/lib/python3.12/site-packages/samcli', 'tools/asset.abc'])
    mkdirSync(join(root, folder), { recursive: true });
  for (const file of [
    'template.yaml',
    'cdk.out/App.template.json',
    `cdk.out/${asset}/template.yaml`,
    'venv/lib/python3.12/site-packages/samcli/stage_resources.yaml',
    'tools/asset.abc/template.yaml',
  ])
    writeFileSync(join(root, file), '');
  writeFileSync(join(root, 'cdk.out', 'manifest.json'), '{"version":"36.0.0","artifacts":{}}');
  writeFileSync(join(root, 'venv', 'pyvenv.cfg'), 'home = /usr/bin\n');
  // The candidates other than the manifest (a .json, a candidate too, that its content rules out).
  const found = (path: string) =>
    discover([path])
      .files.map((f) => f.file)
      .filter((f) => !f.endsWith('manifest.json'));

  it("skips a cloud assembly's asset staging folders and Python virtual environments, whatever their name", () => {
    expect(found(root)).toEqual([
      join(root, 'cdk.out', 'App.template.json'),
      join(root, 'template.yaml'),
      // Not an asset folder of a cloud assembly: no manifest.json beside it, no sha256 in its name.
      join(root, 'tools', 'asset.abc', 'template.yaml'),
    ]);
    expect(found(join(root, 'cdk.out'))).toEqual([join(root, 'cdk.out', 'App.template.json')]);
  });

  it('reads such a folder when it is the one given to scan', () => {
    expect(found(join(root, 'cdk.out', asset))).toEqual([join(root, 'cdk.out', asset, 'template.yaml')]);
    expect(found(join(root, 'venv'))).toEqual([
      join(root, 'venv', 'lib', 'python3.12', 'site-packages', 'samcli', 'stage_resources.yaml'),
    ]);
  });
});

describe('discover: the Serverless Framework service files a folder walk meets', () => {
  const root = mkdtempSync(join(tmpdir(), 'parapet-discover-services-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  for (const folder of ['api', 'web', 'node_modules/plugin', '.serverless'])
    mkdirSync(join(root, folder), { recursive: true });
  for (const file of [
    'serverless.yml',
    'web/serverless.json',
    'node_modules/plugin/serverless.yml',
    '.serverless/serverless-state.json',
    'serverless-compose.yml',
  ])
    writeFileSync(join(root, file), '');
  writeFileSync(
    join(root, 'api', 'serverless.ts'),
    "export default { service: 'api', provider: { name: 'aws' } };\n",
  );
  // A handler of serverless-express, named alike: no service.
  mkdirSync(join(root, 'handler'));
  writeFileSync(
    join(root, 'handler', 'serverless.js'),
    'module.exports.handler = serverlessExpress({ app });\n',
  );

  it('records each one, of any format the Framework reads, skipping the folders never read', () => {
    expect(discover([root]).services).toEqual([
      join(root, 'api', 'serverless.ts'),
      join(root, 'serverless.yml'),
      join(root, 'web', 'serverless.json'),
    ]);
    // serverless.ts is no template candidate; serverless.yml stays one (decided by its content).
    const files = discover([root]).files.map((f) => f.file);
    expect(files).toContain(join(root, 'serverless.yml'));
    expect(files).not.toContain(join(root, 'api', 'serverless.ts'));
  });

  it('records none for a file named on the command line: naming it says what it is (an error)', () => {
    expect(discover([join(root, 'serverless.yml')]).services).toEqual([]);
  });

  // The walk already passes by what is not a regular file; isFoundServiceFile is kept from opening one all the same.
  it.runIf(process.platform === 'linux')(
    'opens no serverless.js that is a named pipe, which blocks until written',
    () => {
      const dir = mkdtempSync(join(tmpdir(), 'parapet-discover-fifo-'));
      const pipe = join(dir, 'serverless.js');
      execFileSync('mkfifo', [pipe]);
      // A writer that opens the pipe after 4 s: a walk that opened it would wait for it, so it shows as time.
      const writer = spawn('sh', ['-c', 'sleep 4; : > "$0"', pipe], { stdio: 'ignore' });
      try {
        const started = Date.now();
        expect(discover([dir]).services).toEqual([]);
        expect(isFoundServiceFile(pipe)).toBe(false);
        expect(Date.now() - started).toBeLessThan(3000);
      } finally {
        if (writer.pid !== undefined) process.kill(writer.pid);
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );
});
