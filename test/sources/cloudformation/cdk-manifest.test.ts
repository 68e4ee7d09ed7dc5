import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALL_CHECKS } from '../../../src/checks/index.js';
import { type Config, EMPTY_CONFIG } from '../../../src/config/config.js';
import { toSarif } from '../../../src/report/sarif.js';
import { toText } from '../../../src/report/text.js';
import { scan } from '../../../src/scan.js';
import { CloudAssemblies } from '../../../src/sources/cloudformation/cdk-manifest.js';
import { cdkOut, lambdaRoleJson, scanCdkOut } from '../../helpers/cdk-out.js';

const HELPER = 'LogRetentionaae0aa3c5b4d4f87b02d85b201efdd8a';
const HELPER_FN = `${HELPER}FD4BFC8A`;
const HELPER_ROLE = `${HELPER}ServiceRole9741ECFB`;
const USER_FN = 'OrdersFn1A2B3C4D';

const role = lambdaRoleJson;
const fn = (roleId: string, runtime: string) => ({
  Type: 'AWS::Lambda::Function',
  Properties: {
    Handler: 'index.handler',
    Runtime: runtime,
    Code: { ZipFile: 'x' },
    Role: { 'Fn::GetAtt': [roleId, 'Arn'] },
  },
});

/** Stack Shop as `cdk synth --path-metadata false` writes it: CDK's log retention function and one of the user's. */
function shopTemplate(): Record<string, unknown> {
  return {
    Resources: {
      [HELPER_ROLE]: role(),
      [HELPER_FN]: fn(HELPER_ROLE, 'nodejs18.x'),
      OrdersFnServiceRole5E6F7A8B: role(),
      [USER_FN]: fn('OrdersFnServiceRole5E6F7A8B', 'nodejs18.x'),
    },
  };
}

/** The construct paths `cdk synth` records for Shop, as manifest.json (or a .metadata.json) holds them. */
function shopMetadata(): Record<string, unknown> {
  const logicalId = (data: string) => [{ type: 'aws:cdk:logicalId', data }];
  return {
    '/Shop': [{ type: 'aws:cdk:warning', data: 'something the app was told' }],
    [`/Shop/${HELPER}/ServiceRole/Resource`]: logicalId(HELPER_ROLE),
    [`/Shop/${HELPER}/Resource`]: logicalId(HELPER_FN),
    '/Shop/OrdersFn/ServiceRole/Resource': logicalId('OrdersFnServiceRole5E6F7A8B'),
    '/Shop/OrdersFn/Resource': logicalId(USER_FN),
    '/Shop/BootstrapVersion': logicalId('BootstrapVersion'),
  };
}

/** A manifest.json with stack artifacts (name → templateFile and metadata), an asset manifest and a tree. */
function manifest(stacks: Record<string, Record<string, unknown>>): Record<string, unknown> {
  const artifacts: Record<string, unknown> = {
    'Shop.assets': { type: 'cdk:asset-manifest', properties: { file: 'Shop.assets.json' } },
    Tree: { type: 'cdk:tree', properties: { file: 'tree.json' } },
  };
  for (const [name, fields] of Object.entries(stacks))
    artifacts[name] = {
      type: 'aws:cloudformation:stack',
      environment: 'aws://unknown-account/unknown-region',
      ...fields,
    };
  return { version: '36.0.0', artifacts };
}

const shopArtifact = () => ({ properties: { templateFile: 'Shop.template.json' }, metadata: shopMetadata() });

const pathsOf = (result: ReturnType<typeof scan>, id: string) => [
  ...new Set(result.findings.filter((f) => f.resource.id === id).map((f) => f.resource.cdkPath)),
];

describe('construct paths from the cloud assembly manifest, for templates without aws:cdk:path metadata', () => {
  it('show in findings (JSON, text, SARIF) and make CDK’s helpers known as such', () => {
    const dir = cdkOut({
      'Shop.template.json': shopTemplate(),
      'manifest.json': manifest({ Shop: shopArtifact() }),
    });
    const { result } = scanCdkOut(dir);
    expect(result.warnings).toEqual([]);
    expect(result.templates).toEqual([{ file: 'Shop.template.json', format: 'cdk', resources: 4 }]);
    expect(pathsOf(result, HELPER_FN)).toEqual([`Shop/${HELPER}/Resource`]);
    expect(pathsOf(result, HELPER_ROLE)).toEqual([`Shop/${HELPER}/ServiceRole/Resource`]);
    expect(pathsOf(result, USER_FN)).toEqual(['Shop/OrdersFn/Resource']);

    const runtime = (id: string) =>
      result.findings.find((f) => f.checkId === 'lambda.runtime-deprecated' && f.resource.id === id);
    expect(runtime(HELPER_FN)?.message).toContain(
      'This is the log retention function (logRetention), which CDK adds',
    );
    expect(runtime(USER_FN)?.message).not.toContain('which CDK adds');

    expect(toText(result, { color: false })).toContain(`cdk path Shop/${HELPER}/Resource`);
    const sarif = JSON.parse(toSarif(result, ALL_CHECKS));
    const helperResult = sarif.runs[0].results.find(
      (r: { ruleId: string; message: { text: string } }) =>
        r.ruleId === 'lambda.runtime-deprecated' &&
        r.message.text.includes(`CDK path: Shop/${HELPER}/Resource.`),
    );
    expect(helperResult).toBeDefined();
    rmSync(dir, { recursive: true, force: true });
  });

  it('let the README’s one suppression cover every finding of the helper, and none of the user’s', () => {
    const dir = cdkOut({
      'Shop.template.json': shopTemplate(),
      'manifest.json': manifest({ Shop: shopArtifact() }),
    });
    const config: Config = {
      ...EMPTY_CONFIG,
      suppressions: [{ id: '*', resource: `**/${HELPER}/**`, reason: 'CDK’s log retention helper' }],
      file: join(dir, 'parapet.yaml'),
    };
    const result = scan([dir], { checks: ALL_CHECKS, config, scanDate: new Date('2026-11-25'), cwd: dir });
    const open = (id: string) => result.findings.filter((f) => f.resource.id === id && !f.suppressed);
    const suppressed = (id: string) => result.findings.filter((f) => f.resource.id === id && f.suppressed);
    expect(suppressed(HELPER_FN).length).toBeGreaterThan(0);
    expect(open(HELPER_FN)).toEqual([]);
    expect(open(HELPER_ROLE)).toEqual([]);
    expect(open(USER_FN).length).toBeGreaterThan(0);
    expect(suppressed(USER_FN)).toEqual([]);
    expect(result.warnings.filter((w) => w.includes('matched no finding'))).toEqual([]);
    rmSync(dir, { recursive: true, force: true });
  });

  it('take the metadata in the template over the manifest when both name a path', () => {
    const template = shopTemplate();
    const resources = template.Resources as Record<string, Record<string, unknown>>;
    (resources[USER_FN] as Record<string, unknown>).Metadata = { 'aws:cdk:path': 'Shop/Written/Resource' };
    const dir = cdkOut({
      'Shop.template.json': template,
      'manifest.json': manifest({ Shop: shopArtifact() }),
    });
    const { result } = scanCdkOut(dir);
    expect(pathsOf(result, USER_FN)).toEqual(['Shop/Written/Resource']);
    // The resources without metadata still take theirs from the manifest.
    expect(pathsOf(result, HELPER_FN)).toEqual([`Shop/${HELPER}/Resource`]);
    rmSync(dir, { recursive: true, force: true });
  });

  it('read the metadata a recent CDK writes to the stack’s additionalMetadataFile', () => {
    const dir = cdkOut({
      'Shop.template.json': shopTemplate(),
      'Shop.metadata.json': shopMetadata(),
      'manifest.json': manifest({
        Shop: {
          properties: { templateFile: 'Shop.template.json' },
          additionalMetadataFile: 'Shop.metadata.json',
        },
      }),
    });
    const { result } = scanCdkOut(dir);
    expect(result.warnings).toEqual([]);
    expect(pathsOf(result, HELPER_FN)).toEqual([`Shop/${HELPER}/Resource`]);
    rmSync(dir, { recursive: true, force: true });
  });

  it('give a nested stack’s template the paths below its construct, and its parent only its own', () => {
    // Names as in aws-cdk's integ.core-deps snapshot: the nested template is Names.uniqueId of its construct.
    const stack = 'nested-stack-depends-test';
    const logicalId = (data: string) => [{ type: 'aws:cdk:logicalId', data }];
    const dir = cdkOut({
      [`${stack}.template.json`]: {
        Resources: { ParentRole1: role(), ParentFn1: fn('ParentRole1', 'nodejs18.x') },
      },
      'nestedstackdependstestStack1DE6783D8.nested.template.json': {
        Resources: {
          Lambda1ServiceRoleF188C4B8: role(),
          Lambda1DB8E9965: fn('Lambda1ServiceRoleF188C4B8', 'nodejs18.x'),
        },
      },
      'manifest.json': manifest({
        [stack]: {
          properties: { templateFile: `${stack}.template.json` },
          metadata: {
            [`/${stack}/Stack1/Lambda1/ServiceRole/Resource`]: logicalId('Lambda1ServiceRoleF188C4B8'),
            [`/${stack}/Stack1/Lambda1/Resource`]: logicalId('Lambda1DB8E9965'),
            [`/${stack}/Stack1.NestedStack/Stack1.NestedStackResource`]:
              logicalId('Stack1NestedStackResource'),
            [`/${stack}/Parent/Resource`]: logicalId('ParentFn1'),
            [`/${stack}/Parent/ServiceRole/Resource`]: logicalId('ParentRole1'),
          },
        },
      }),
    });
    const { result } = scanCdkOut(dir);
    expect(pathsOf(result, 'Lambda1DB8E9965')).toEqual([`${stack}/Stack1/Lambda1/Resource`]);
    expect(pathsOf(result, 'ParentFn1')).toEqual([`${stack}/Parent/Resource`]);
    rmSync(dir, { recursive: true, force: true });
  });

  it('leave a template the manifest does not list without paths', () => {
    const dir = cdkOut({
      'Other.template.json': shopTemplate(),
      'manifest.json': manifest({ Shop: shopArtifact() }),
    });
    const { result } = scanCdkOut(dir);
    expect(pathsOf(result, HELPER_FN)).toEqual([undefined]);
    expect(result.templates.map((t) => t.format)).toEqual(['cloudformation']);
    rmSync(dir, { recursive: true, force: true });
  });

  it('ignore a manifest that is not JSON, or not a cloud assembly’s, with a warning naming it; the scan goes on', () => {
    const dir = cdkOut({ 'Shop.template.json': shopTemplate() });
    writeFileSync(join(dir, 'manifest.json'), '{ "version": "36.0.0", "artifacts": ');
    const broken = scanCdkOut(dir).result;
    expect(broken.warnings).toEqual([
      'manifest.json was ignored: construct paths come only from aws:cdk:path metadata in the templates beside it, ' +
        'and the account each stack deploys to is not known (it is not JSON)',
    ]);
    expect(pathsOf(broken, HELPER_FN)).toEqual([undefined]);
    expect(broken.findings.some((f) => f.resource.id === USER_FN && f.status === 'fail')).toBe(true);

    writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ version: '36.0.0', artifacts: [] }));
    expect(scanCdkOut(dir).result.warnings).toEqual([
      'manifest.json was ignored: construct paths come only from aws:cdk:path metadata in the templates beside it, ' +
        'and the account each stack deploys to is not known (it has no artifacts mapping, as a CDK cloud assembly ' +
        'manifest has)',
    ]);

    writeFileSync(
      join(dir, 'manifest.json'),
      JSON.stringify(
        manifest({ Shop: { properties: { templateFile: 'Shop.template.json' }, metadata: ['x'] } }),
      ),
    );
    const badMetadata = scanCdkOut(dir).result;
    expect(badMetadata.warnings).toEqual([
      'manifest.json: the metadata of stack Shop is not a mapping of construct paths; ignored',
    ]);
    expect(badMetadata.templates.map((t) => t.format)).toEqual(['cdk']);
    rmSync(dir, { recursive: true, force: true });
  });

  it('say when the additionalMetadataFile a manifest names cannot be read', () => {
    const dir = cdkOut({
      'Shop.template.json': shopTemplate(),
      'manifest.json': manifest({
        Shop: {
          properties: { templateFile: 'Shop.template.json' },
          additionalMetadataFile: 'Shop.metadata.json',
        },
      }),
    });
    expect(scanCdkOut(dir).result.warnings).toEqual([
      'Shop.metadata.json, which manifest.json names for stack Shop, was not read (no such file)',
    ]);
    rmSync(dir, { recursive: true, force: true });
  });

  it('say nothing of another tool’s manifest.json beside a template: a web app’s, a browser extension’s, JSONC', () => {
    for (const other of [
      JSON.stringify({ name: 'Shop', short_name: 'Shop', icons: [] }),
      JSON.stringify({ version: '1.0', name: 'my ext', manifest_version: 3 }),
      '{ // comments\n "version": "1.0" }',
    ]) {
      const dir = cdkOut({ 'template.json': shopTemplate() });
      writeFileSync(join(dir, 'manifest.json'), other);
      const { result } = scanCdkOut(dir);
      expect(result.warnings).toEqual([]);
      expect(pathsOf(result, HELPER_FN)).toEqual([undefined]);
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('read each manifest once per scan, however many templates sit beside it', () => {
    const dir = cdkOut({
      'Shop.template.json': shopTemplate(),
      'Admin.template.json': shopTemplate(),
      'manifest.json': manifest({
        Shop: shopArtifact(),
        Admin: { properties: { templateFile: 'Admin.template.json' }, metadata: { '/Admin/X/Resource': [] } },
      }),
    });
    const assemblies = new CloudAssemblies(1 << 20, (f) => f);
    const warnings: string[] = [];
    expect(
      assemblies.constructPaths(join(dir, 'Shop.template.json'), (w) => warnings.push(w))?.get(HELPER_FN),
    ).toBe(`Shop/${HELPER}/Resource`);
    // Gone from disk: the second template is answered from what was read for the first.
    rmSync(join(dir, 'manifest.json'));
    expect(assemblies.constructPaths(join(dir, 'Admin.template.json'), (w) => warnings.push(w))).toEqual(
      new Map(),
    );
    expect(assemblies.constructPaths(join(dir, 'Shop.template.json'), (w) => warnings.push(w))?.size).toBe(5);
    expect(warnings).toEqual([]);
    rmSync(dir, { recursive: true, force: true });
  });
});
