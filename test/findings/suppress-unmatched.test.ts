import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ALL_CHECKS } from '../../src/checks/index.js';
import { type Config, EMPTY_CONFIG } from '../../src/config/config.js';
import type { ConfigSuppression } from '../../src/findings/suppress.js';
import { scan } from '../../src/scan.js';

const fn = (id: string, metadata = '') => `  ${id}:
    Type: AWS::Lambda::Function
${metadata}    Properties:
      Runtime: python3.13
      Handler: app.handler
      Role: arn:aws:iam::123456789012:role/r
      Code: { ZipFile: 'x' }
`;
const template = (resources: string) => `AWSTemplateFormatVersion: '2010-09-09'\nResources:\n${resources}`;

describe('parapet.yaml suppressions that match no finding', () => {
  const dir = mkdtempSync(join(tmpdir(), 'parapet-unmatched-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, 'one.yaml'), template(fn('Api')));
  writeFileSync(join(dir, 'two.yaml'), template(fn('Worker')));
  const run = (suppressions: ConfigSuppression[], checks = ALL_CHECKS) => {
    const config: Config = { ...EMPTY_CONFIG, suppressions, file: join(dir, 'parapet.yaml') };
    return scan([dir], { checks, config, scanDate: new Date('2026-11-25'), cwd: dir });
  };
  const unmatched = (warnings: string[]) => warnings.filter((w) => w.includes('matched no finding'));

  it('warns about a misspelt resource, naming the entry, its file and the resource it likely meant', () => {
    const result = run([{ id: 'lambda.tracing-not-active', resource: 'Workr', reason: 'later' }]);
    expect(unmatched(result.warnings)).toEqual([
      'parapet.yaml: suppressions[0] (lambda.tracing-not-active on Workr) matched no finding in this scan; ' +
        'did you mean resource "Worker"?',
    ]);
    expect(result.findings.some((f) => f.suppressed)).toBe(false);
  });

  it('decides over the whole scan: an entry that matches in one template only is not warned about', () => {
    const result = run([
      { id: 'lambda.tracing-not-active', resource: 'Worker', reason: 'later' },
      { id: 'lambda.no-code-signing', reason: 'everywhere' },
    ]);
    expect(unmatched(result.warnings)).toEqual([]);
    const suppressed = result.findings
      .filter((f) => f.suppressed)
      .map((f) => `${f.checkId} ${f.resource.id}`);
    expect(suppressed).toContain('lambda.tracing-not-active Worker');
    expect(suppressed).toContain('lambda.no-code-signing Api');
  });

  it('says to remove an entry whose check found nothing to suppress, and asks to check a glob', () => {
    const result = run([
      { id: 'logs.*', reason: 'no log groups here' },
      { id: 'lambda.tracing-not-active', resource: 'Queue*', reason: 'later' },
    ]);
    expect(unmatched(result.warnings)).toEqual([
      'parapet.yaml: suppressions[0] (logs.*) matched no finding in this scan; remove it if it is no longer needed',
      'parapet.yaml: suppressions[1] (lambda.tracing-not-active on Queue*) matched no finding in this scan; ' +
        'check its resource (a logical id, CDK path or file, or a glob of them), or remove it if it is no longer needed',
    ]);
  });

  it('says nothing about an entry whose checks did not run in this scan', () => {
    const iamOnly = ALL_CHECKS.filter((c) => c.id.startsWith('iam.'));
    const result = run([{ id: 'lambda.tracing-not-active', resource: 'Nothing', reason: 'x' }], iamOnly);
    expect(unmatched(result.warnings)).toEqual([]);
  });

  it('counts an entry that matches a finding an inline suppression already hides', () => {
    writeFileSync(
      join(dir, 'three.yaml'),
      template(
        fn(
          'Inline',
          '    Metadata:\n      parapet:\n        ignore:\n          - id: lambda.no-reserved-concurrency\n            reason: inline\n',
        ),
      ),
    );
    const result = run([{ id: 'lambda.no-reserved-concurrency', resource: 'Inline', reason: 'both' }]);
    rmSync(join(dir, 'three.yaml'));
    expect(unmatched(result.warnings)).toEqual([]);
    const inline = result.findings.find(
      (f) => f.resource.id === 'Inline' && f.checkId === 'lambda.no-reserved-concurrency',
    );
    expect(inline?.suppressed?.by).toBe('inline');
  });

  it('takes an id in any case, and a service, as --checks and config validation name checks', () => {
    for (const id of ['Lambda.Tracing-Not-Active', 'lambda']) {
      const result = run([{ id, resource: 'Api', reason: 'x' }]);
      expect(unmatched(result.warnings), id).toEqual([]);
      const tracing = result.findings.find(
        (f) => f.checkId === 'lambda.tracing-not-active' && f.resource.id === 'Api',
      );
      expect(tracing?.suppressed?.reason, id).toBe('x');
    }
  });
});

describe('inline suppressions that name no check', () => {
  const dir = mkdtempSync(join(tmpdir(), 'parapet-inline-unknown-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const metadata = (id: string) =>
    `    Metadata:\n      parapet:\n        ignore:\n          - reason: typo\n            id: ${id}\n`;
  writeFileSync(join(dir, 't.yaml'), template(fn('Fn', metadata('lambda.tracing-not-actve'))));
  writeFileSync(join(dir, 'u.yaml'), template(fn('Other', metadata('nothing.like.it'))));

  it('warns at the file and line of the id (not of the entry), with the check it most likely meant', () => {
    const result = scan([dir], {
      checks: ALL_CHECKS,
      config: EMPTY_CONFIG,
      scanDate: new Date('2026-11-25'),
      knownCheckIds: ALL_CHECKS.map((c) => c.id),
      cwd: dir,
    });
    expect(result.warnings).toEqual([
      't.yaml:9:13: Fn suppresses "lambda.tracing-not-actve", which names no check (did you mean ' +
        '"lambda.tracing-not-active"?); it suppresses nothing',
      'u.yaml:9:13: Other suppresses "nothing.like.it", which names no check; it suppresses nothing',
    ]);
  });
});

describe('inline suppressions that match no finding on their resource', () => {
  const dir = mkdtempSync(join(tmpdir(), 'parapet-inline-unmatched-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const ignore = (id: string) =>
    `    Metadata:\n      parapet:\n        ignore:\n          - id: ${id}\n            reason: reviewed\n`;
  const run = (file: string, text: string, checks = ALL_CHECKS) => {
    writeFileSync(join(dir, file), text);
    return scan([join(dir, file)], {
      checks,
      config: EMPTY_CONFIG,
      scanDate: new Date('2026-11-25'),
      cwd: dir,
    }).warnings;
  };

  it('warns about one its check found nothing for, at the id, and says to remove it if stale', () => {
    // Fn has no function URL: nothing for lambda.function-url-auth-none to suppress.
    const warnings = run('stale.yaml', template(fn('Fn', ignore('lambda.function-url-auth-none'))));
    expect(warnings).toEqual([
      'stale.yaml:8:13: Fn suppresses lambda.function-url-auth-none, which found nothing on it in this scan; ' +
        'remove it if it is no longer needed',
    ]);
  });

  it('says nothing of one that suppresses a finding, or whose check did not run', () => {
    const used = template(fn('Fn', ignore('lambda.tracing-not-active')));
    expect(run('used.yaml', used)).toEqual([]);
    const stale = template(fn('Fn', ignore('lambda.function-url-auth-none')));
    const tracingOnly = ALL_CHECKS.filter((check) => check.id === 'lambda.tracing-not-active');
    expect(run('not-run.yaml', stale, tracingOnly)).toEqual([]);
  });

  it('names the construct of CDK output that holds the finding: a function URL is one of its own', () => {
    const cdk = JSON.stringify({
      Resources: {
        Webhook1A2B3C4D: {
          Type: 'AWS::Lambda::Function',
          Metadata: {
            'aws:cdk:path': 'Stack/Webhook/Resource',
            parapet: { ignore: [{ id: 'lambda.function-url-auth-none', reason: 'HMAC-signed payloads' }] },
          },
          Properties: {
            Runtime: 'python3.13',
            Handler: 'app.handler',
            Role: 'arn:aws:iam::123456789012:role/r',
            Code: { ZipFile: 'x' },
          },
        },
        WebhookFunctionUrl5E6F7A8B: {
          Type: 'AWS::Lambda::Url',
          Metadata: { 'aws:cdk:path': 'Stack/Webhook/FunctionUrl/Resource' },
          Properties: { TargetFunctionArn: { 'Fn::GetAtt': ['Webhook1A2B3C4D', 'Arn'] }, AuthType: 'NONE' },
        },
      },
    });
    const warnings = run('Stack.template.json', cdk);
    expect(warnings).toEqual([
      expect.stringMatching(
        /^Stack\.template\.json:1:\d+: Webhook1A2B3C4D suppresses lambda\.function-url-auth-none, which found nothing on it in this scan; its finding is on WebhookFunctionUrl5E6F7A8B \(Stack\/Webhook\/FunctionUrl\/Resource\), a construct of its own: add the metadata to that one$/,
      ),
    ]);
  });
});
