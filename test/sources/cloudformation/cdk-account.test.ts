import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EMPTY_CONFIG } from '../../../src/config/config.js';
import { cdkOut, scanCdkOut } from '../../helpers/cdk-out.js';

// test/fixtures/cdk-account/cdk.out: stack Pinned (`aws://444455556666/us-east-1`) with a nested stack Child, and
// stack Agnostic (`aws://unknown-account/unknown-region`). Each template has function Fn with a layer of
// 111122223333 and one of 444455556666, and a permission for each account.
const FIXTURE = 'test/fixtures/cdk-account/cdk.out';
const LAYERS = 'lambda.layer-untrusted-account';
const PERMISSIONS = 'lambda.permission-untrusted-account';
const PERMISSION_IDS = ['FnInvokeSharedA1B2C3D4', 'FnInvokeTools5E6F7A8B'];

/** Per template file: the layer check's statuses on Fn, then the permission check's on each permission. */
function verdicts(result: ReturnType<typeof scanCdkOut>['result']) {
  const byFile = new Map<string, string[]>();
  const of = (checkId: string, id: string) =>
    result.findings.filter((f) => f.checkId === checkId && f.resource.id === id);
  for (const file of result.templates.map((t) => t.file)) {
    const mine = (checkId: string, id: string) =>
      of(checkId, id)
        .filter((f) => f.location.file === file)
        .map((f) => f.status);
    const statuses = [
      ...mine(LAYERS, 'Fn9270CBC0'),
      ...PERMISSION_IDS.flatMap((id) => mine(PERMISSIONS, id)),
    ];
    byFile.set(file.slice(file.lastIndexOf('/') + 1), statuses);
  }
  return Object.fromEntries(byFile);
}

describe("the account a CDK stack deploys to, from its cloud assembly's manifest.json", () => {
  it('is the account of aws://ACCOUNT/REGION: a literal account is then the own one or surely another', () => {
    const { result } = scanCdkOut(FIXTURE);
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
    const found = verdicts(result);
    // The layer of 111122223333 fails (that of 444455556666, its own, is trusted: no finding); so does the permission
    // for 111122223333, and the one for 444455556666 passes.
    expect(found['Pinned.template.json']).toEqual(['fail', 'fail', 'pass']);
    // A nested stack is created in the account of the stack that nests it.
    expect(found['PinnedChild461E920C.nested.template.json']).toEqual(['fail', 'fail', 'pass']);
    const layer = result.findings.find(
      (f) => f.checkId === LAYERS && f.location.file === `${FIXTURE}/Pinned.template.json`,
    );
    expect(layer?.message).toContain(
      'is published by account 111122223333, which is neither AWS, nor the account the function is deployed to (444455556666), nor in trustedAccounts',
    );
  });

  it('stays unknown for an environment-agnostic stack (unknown-account): either account may be its own', () => {
    const found = verdicts(scanCdkOut(FIXTURE).result);
    // Each layer, and each permission.
    expect(found['Agnostic.template.json']).toEqual(['unknown', 'unknown', 'unknown', 'unknown']);
  });

  it('passes what trustedAccounts names, whatever the stack’s account', () => {
    const config = { ...EMPTY_CONFIG, trustedAccounts: ['111122223333'] };
    const found = verdicts(scanCdkOut(FIXTURE, [FIXTURE], undefined, config).result);
    expect(found['Pinned.template.json']).toEqual(['pass', 'pass', 'pass']);
    expect(found['Agnostic.template.json']).toEqual(['unknown', 'pass', 'unknown']);
  });

  it('leaves the account unknown where the manifest cannot be read, with a warning naming it; the templates are still scanned', () => {
    const layer = (account: string) => `arn:aws:lambda:us-east-1:${account}:layer:x:1`;
    const dir = cdkOut({
      'Shop.template.json': {
        Resources: {
          Fn: {
            Type: 'AWS::Lambda::Function',
            Properties: {
              Code: { ZipFile: 'x' },
              Handler: 'index.handler',
              Role: 'arn:aws:iam::444455556666:role/r',
              Runtime: 'nodejs22.x',
              Layers: [layer('111122223333')],
            },
            Metadata: { 'aws:cdk:path': 'Shop/Fn/Resource' },
          },
        },
      },
    });
    writeFileSync(join(dir, 'manifest.json'), '{ "version": "36.0.0", "artifacts": { "Shop": ');
    const { result, of } = scanCdkOut(dir);
    expect(result.warnings).toEqual([
      'manifest.json was ignored: construct paths come only from aws:cdk:path metadata in the templates beside it, ' +
        'and the account each stack deploys to is not known (it is not JSON)',
    ]);
    expect(of(LAYERS, 'Fn').map((f) => f.status)).toEqual(['unknown']);
    // Readable, it names the account: the same layer fails.
    const artifact = {
      type: 'aws:cloudformation:stack',
      environment: 'aws://444455556666/us-east-1',
      properties: { templateFile: 'Shop.template.json' },
    };
    writeFileSync(
      join(dir, 'manifest.json'),
      JSON.stringify({ version: '36.0.0', artifacts: { Shop: artifact } }),
    );
    expect(
      scanCdkOut(dir)
        .of(LAYERS, 'Fn')
        .map((f) => f.status),
    ).toEqual(['fail']);
    // An environment that names no account id (an alias, a token CDK could not resolve) says nothing of it.
    for (const environment of ['aws://my-alias/us-east-1', 'aws://444455556666', 444455556666]) {
      const odd = { ...artifact, environment };
      writeFileSync(
        join(dir, 'manifest.json'),
        JSON.stringify({ version: '36.0.0', artifacts: { Shop: odd } }),
      );
      const again = scanCdkOut(dir);
      expect(again.result.warnings).toEqual([]);
      expect(again.of(LAYERS, 'Fn').map((f) => f.status)).toEqual(['unknown']);
    }
    rmSync(dir, { recursive: true, force: true });
  });
});
