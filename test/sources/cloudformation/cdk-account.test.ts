import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EMPTY_CONFIG } from '../../../src/config/config.js';
import { cdkOut, scanCdkOut, writeStackManifest } from '../../helpers/cdk-out.js';

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
    writeStackManifest(dir, 'Shop', 'Shop.template.json', 'aws://444455556666/us-east-1');
    expect(
      scanCdkOut(dir)
        .of(LAYERS, 'Fn')
        .map((f) => f.status),
    ).toEqual(['fail']);
    // An environment that names no account id (an alias, a token CDK could not resolve) says nothing of it.
    for (const environment of ['aws://my-alias/us-east-1', 'aws://444455556666', 444455556666]) {
      writeStackManifest(dir, 'Shop', 'Shop.template.json', environment);
      const again = scanCdkOut(dir);
      expect(again.result.warnings).toEqual([]);
      expect(again.of(LAYERS, 'Fn').map((f) => f.status)).toEqual(['unknown']);
    }
    rmSync(dir, { recursive: true, force: true });
  });
});

// Templates that carry aws:cdk:path metadata need no construct paths from the manifest, nor so its stacks'
// additionalMetadataFile: a nested template's account is found without warning of that file.
describe("a nested CDK stack's account, where the templates carry their construct paths", () => {
  const permission = (account: string, path: string) => ({
    Type: 'AWS::Lambda::Permission',
    Properties: { FunctionName: 'fn', Action: 'lambda:InvokeFunction', Principal: account },
    Metadata: { 'aws:cdk:path': path },
  });
  const stack = (name: string, account: string) => ({
    type: 'aws:cloudformation:stack',
    environment: `aws://${account}/us-east-1`,
    properties: { templateFile: `${name}.template.json` },
    additionalMetadataFile: `${name}.metadata.json`,
  });
  /** Stack Shop (444455556666) nesting Child, and, where `other` names one, stack Tools of that account. */
  function assembly(other?: string, metadataFiles = false): string {
    const dir = cdkOut({
      // The nested stack's resource is left out: its TemplateURL is an asset's, which this test does not stage.
      'Shop.template.json': { Resources: { S: permission('444455556666', 'Shop/S') } },
      'ShopChildD68744B3.nested.template.json': {
        Resources: {
          Own: permission('444455556666', 'Shop/Child/Own'),
          Other: permission('111122223333', 'Shop/Child/Other'),
        },
      },
      'Tools.template.json': { Resources: { T: permission('444455556666', 'Tools/T') } },
    });
    const artifacts: Record<string, unknown> = { Shop: stack('Shop', '444455556666') };
    if (other) artifacts.Tools = stack('Tools', other);
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ version: '36.0.0', artifacts }));
    if (metadataFiles) {
      const logicalId = (data: string) => [{ type: 'aws:cdk:logicalId', data }];
      writeFileSync(
        join(dir, 'Shop.metadata.json'),
        JSON.stringify({
          '/Shop/Child.NestedStack/Child.NestedStackResource': logicalId(
            'ChildNestedStackChildNestedStackResource1A2B3C4D',
          ),
          '/Shop/Child/Own': logicalId('Own'),
          '/Shop/Child/Other': logicalId('Other'),
        }),
      );
      writeFileSync(join(dir, 'Tools.metadata.json'), JSON.stringify({ '/Tools/T': logicalId('T') }));
    }
    return dir;
  }
  const statuses = (of: ReturnType<typeof scanCdkOut>['of']) =>
    ['Own', 'Other'].flatMap((id) => of(PERMISSIONS, id).map((f) => f.status));

  it("is the assembly's one account, its stacks' metadata files unread (none here) and unwarned of", () => {
    const dir = assembly();
    const { result, of } = scanCdkOut(dir);
    expect(result.warnings).toEqual([]);
    expect(statuses(of)).toEqual(['pass', 'fail']);
    rmSync(dir, { recursive: true, force: true });
  });

  it('is the account of the stack whose metadata nests it, where the stacks deploy to different accounts', () => {
    const dir = assembly('999988887777', true);
    const { result, of } = scanCdkOut(dir);
    expect(result.warnings).toEqual([]);
    expect(statuses(of)).toEqual(['pass', 'fail']);
    rmSync(dir, { recursive: true, force: true });
  });

  it('still warns of a metadata file a template needs, though a nested template’s search read it first unwarned', () => {
    const dir = assembly('999988887777', true);
    // Tools is listed first, so the search for Child's parent reads its paths before Tools.template.json, which
    // lacks aws:cdk:path metadata and so needs them, is scanned.
    const manifest = join(dir, 'manifest.json');
    const { artifacts } = JSON.parse(readFileSync(manifest, 'utf8'));
    writeFileSync(
      manifest,
      JSON.stringify({ version: '36.0.0', artifacts: { Tools: artifacts.Tools, Shop: artifacts.Shop } }),
    );
    rmSync(join(dir, 'Tools.metadata.json'));
    const tools = { Resources: { T: { ...permission('444455556666', ''), Metadata: undefined } } };
    writeFileSync(join(dir, 'Tools.template.json'), JSON.stringify(tools));
    const { result, of } = scanCdkOut(dir);
    expect(result.warnings).toEqual([
      'Tools.metadata.json, which manifest.json names for stack Tools, was not read (no such file)',
    ]);
    expect(statuses(of)).toEqual(['pass', 'fail']);
    rmSync(dir, { recursive: true, force: true });
  });

  it('stays unknown, unwarned of, where the stacks deploy to different accounts and no metadata says which nests it', () => {
    const dir = assembly('999988887777');
    const { result, of } = scanCdkOut(dir);
    expect(result.warnings).toEqual([]);
    expect(statuses(of)).toEqual(['unknown', 'unknown']);
    rmSync(dir, { recursive: true, force: true });
  });
});
