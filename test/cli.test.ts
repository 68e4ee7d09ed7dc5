import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { ALL_CHECKS } from '../src/checks/index.js';
import { parapet, ROOT } from './helpers/cli.js';

const validateReport = new Ajv({ allErrors: true }).compile(
  JSON.parse(readFileSync(join(ROOT, 'docs', 'report.schema.json'), 'utf8')),
);

describe('parapet scan', () => {
  it('scans the insecure example, lists its findings and exits 0 by default', () => {
    const { code, stdout } = parapet(['scan', 'examples/insecure-app', '--scan-date', '2026-11-25']);
    expect(code).toBe(0);
    expect(stdout).toContain('CRITICAL');
    expect(stdout).toContain('lambda.function-url-auth-none');
    expect(stdout).toMatch(/examples\/insecure-app\/template\.yaml:\d+:\d+/);
    expect(stdout).toMatch(/\d+ failed \(/);
  });

  it('never prints the planted secrets', () => {
    const { stdout } = parapet(['scan', 'examples/insecure-app', '-f', 'json']);
    expect(stdout).not.toContain('S3cretPassw0rd');
    expect(stdout).not.toContain('HkQ2cJ8vX0pLmNoPqRsTuVwXyZ1234567890abcd');
  });

  it("reports nothing on the insecure example's clean function (HealthFunction and what it owns)", () => {
    const { stdout } = parapet(['scan', 'examples/insecure-app', '-f', 'json', '--scan-date', '2026-11-25']);
    const findings = (JSON.parse(stdout) as { findings: { resource: { id: string }; status: string }[] })
      .findings;
    const clean = ['HealthFunction', 'HealthLogs', 'HealthErrors', 'HealthThrottles', 'AlertsTopic'];
    expect(findings.filter((f) => clean.includes(f.resource.id) && f.status !== 'pass')).toEqual([]);
    // Not vacuous: the same report holds the planted functions' findings.
    expect(findings.some((f) => f.resource.id === 'WebhookFunction')).toBe(true);
  });

  it('reports nothing on the secure example', () => {
    const { code, stdout } = parapet(['scan', 'examples/secure-app', '--fail-on', 'info']);
    expect(stdout).toContain('No failed checks');
    expect(stdout).toContain('0 unknown');
    expect(code).toBe(0);
  });

  it('exits 1 when a finding is at or above --fail-on, and says why on stderr', () => {
    const run = parapet(['scan', 'examples/insecure-app', '--fail-on', 'high']);
    expect(run.code).toBe(1);
    // 2 critical and 11 high of the example's 31 failures (its layer of account 111122223333 is unknown: the template
    // does not say whether that is the account it deploys to).
    expect(run.stderr).toBe('parapet: failing: 13 open findings at or above high (--fail-on high)\n');
    expect(parapet(['scan', 'examples/insecure-app', '--fail-on', 'critical']).stderr).toBe(
      'parapet: failing: 2 open findings at or above critical (--fail-on critical)\n',
    );
  });

  it('writes JSON that matches the documented schema', () => {
    const { code, stdout } = parapet(['scan', 'examples', '--format', 'json']);
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(validateReport(report), JSON.stringify(validateReport.errors)).toBe(true);
    expect(report.findings.length).toBeGreaterThan(10);
    expect(report.templates.map((t: { file: string }) => t.file).sort()).toEqual([
      'examples/cdk-app/cdk.out/OrdersStack.template.json',
      'examples/insecure-app/template.yaml',
      'examples/secure-app/template.yaml',
    ]);
  });

  it('scans the bundled CDK example: construct paths, and the functions CDK adds named as such', () => {
    const { code, stdout } = parapet([
      'scan',
      'examples/cdk-app/cdk.out',
      '-f',
      'json',
      '--scan-date',
      '2026-11-25',
    ]);
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as {
      findings: { checkId: string; message: string; resource: { cdkPath?: string } }[];
    };
    const at = (checkId: string, path: string) =>
      report.findings.find((f) => f.checkId === checkId && f.resource.cdkPath === path);
    expect(at('lambda.function-url-auth-none', 'OrdersStack/Webhook/FunctionUrl/Resource')).toBeDefined();
    expect(at('lambda.runtime-deprecated', 'OrdersStack/Webhook/Resource')?.message).toContain('nodejs18.x');
    expect(at('iam.role-wildcard-action', 'OrdersStack/Importer/ServiceRole/Resource')?.message).toContain(
      'dynamodb:*',
    );
    expect(at('lambda.async-no-failure-destination', 'OrdersStack/Importer/Resource')).toBeDefined();
    expect(
      at(
        'lambda.event-source-failures-lost',
        'OrdersStack/Worker/SqsEventSource:OrdersStackJobsD2909B16/Resource',
      ),
    ).toBeDefined();
    const helper = at(
      'lambda.no-code-signing',
      'OrdersStack/LogRetentionaae0aa3c5b4d4f87b02d85b201efdd8a/Resource',
    );
    expect(helper?.message).toContain('This is the log retention function (logRetention), which CDK adds');
  });

  it('scans a cdk.out folder and names the construct of each finding', () => {
    const { stdout } = parapet(['scan', 'test/fixtures/cdk/cdk.out', '-f', 'json']);
    const report = JSON.parse(stdout);
    expect(report.templates).toEqual([
      { file: 'test/fixtures/cdk/cdk.out/OrdersStack.template.json', format: 'cdk', resources: 4 },
    ]);
    const url = report.findings.find(
      (f: { checkId: string }) => f.checkId === 'lambda.function-url-auth-none',
    );
    expect(url.resource.cdkPath).toBe('OrdersStack/Handler/FunctionUrl/Resource');
    // CDK's addFunctionUrl writes the permission that opens the URL to anyone.
    expect(url.severity).toBe('critical');
    expect(url.location).toEqual({
      file: 'test/fixtures/cdk/cdk.out/OrdersStack.template.json',
      line: 32,
      column: 20,
    });
    expect(report.errors).toEqual([]);
  });

  it('says on stderr why a run whose report goes to a file exits 2', () => {
    const dir = mkdtempSync(join(tmpdir(), 'parapet-cli-'));
    const template = join(dir, 'template.yaml');
    writeFileSync(template, 'Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties: [oops]\n');
    const out = join(dir, 'out.sarif');
    const { code, stderr } = parapet(['scan', template, '-f', 'sarif', '-o', out]);
    expect(code).toBe(2);
    expect(stderr).toMatch(
      new RegExp(
        `^parapet: 0 failed, 0 unknown, 1 scan error \\(exit 2: the report is not the whole scan until they are fixed\\); report written to ${out}\n$`,
      ),
    );
  });

  it('names a Serverless Framework service it did not check, and says what to do, as `parapet scan .` is run', () => {
    const dir = mkdtempSync(join(tmpdir(), 'parapet-cli-'));
    writeFileSync(join(dir, 'serverless.yml'), 'service: people\nprovider:\n  name: aws\n');
    const { code, stdout } = parapet(['scan', '.'], dir);
    expect(code).toBe(0);
    expect(stdout).toContain(
      'WARNINGS (2): the scan went on; read these\n' +
        '  warning no CloudFormation, SAM or CDK template found in .: nothing was checked\n' +
        '  warning serverless.yml: Serverless Framework service not checked: run `serverless package`, then scan the CloudFormation it writes to .serverless/\n',
    );
  });

  it('writes SARIF to a file', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'parapet-cli-')), 'out.sarif');
    const { code, stderr } = parapet(['scan', 'examples/insecure-app', '-f', 'sarif', '-o', out]);
    expect(code).toBe(0);
    expect(stderr).toContain('report written to');
    const sarif = JSON.parse(readFileSync(out, 'utf8'));
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0].results.length).toBeGreaterThan(10);
  });

  it('says before scanning that the report cannot be written where -o points', () => {
    const dir = mkdtempSync(join(tmpdir(), 'parapet-cli-'));
    const missing = parapet(['scan', 'examples/insecure-app', '-o', join(dir, 'nowhere', 'out.json')]);
    expect([missing.code, missing.stdout]).toEqual([2, '']);
    expect(missing.stderr).toBe(
      `parapet: cannot write the report to ${join(dir, 'nowhere', 'out.json')}: no such folder ${join(dir, 'nowhere')}\n`,
    );
    const folder = parapet(['scan', 'examples/insecure-app', '-o', dir]);
    expect([folder.code, folder.stderr]).toEqual([
      2,
      `parapet: cannot write the report to ${dir}: it is a folder\n`,
    ]);
  });

  it('exits 2 on bad usage', () => {
    expect(parapet(['scan', '--format', 'xml']).code).toBe(2);
    expect(parapet(['scan', '--bogus']).code).toBe(2);
    const unknownCheck = parapet(['scan', 'examples', '--checks', 'lamda']);
    expect(unknownCheck.code).toBe(2);
    // A word without a dot is read as a service: the service it most likely meant.
    expect(unknownCheck.stderr).toBe(
      'parapet: no check matches "lamda" (did you mean "lambda"?) (see `parapet checks`)\n',
    );
    expect(parapet(['checks', 'lamda']).stderr).toBe(
      'parapet: no check matches "lamda" (did you mean "lambda"?)\n',
    );
    // A misspelt id says which check it most likely meant, as `parapet checks` does.
    expect(parapet(['scan', 'examples', '--checks', 'lambda.permision-public-invoke']).stderr).toBe(
      'parapet: no check matches "lambda.permision-public-invoke" (did you mean "lambda.permission-public-invoke"?) ' +
        '(see `parapet checks`)\n',
    );
  });

  it('selects checks by service name', () => {
    const { stdout } = parapet(['scan', 'examples/insecure-app', '--checks', 'logs', '-f', 'json']);
    const ids = new Set(JSON.parse(stdout).findings.map((f: { checkId: string }) => f.checkId));
    expect([...ids].every((id) => String(id).startsWith('logs.'))).toBe(true);
  });

  it('rejects a config file with an unknown key, naming it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'parapet-cfg-'));
    writeFileSync(join(dir, 'parapet.yaml'), 'trustedAccount: ["123456789012"]\n');
    const { code, stderr } = parapet([
      'scan',
      join(ROOT, 'examples/secure-app'),
      '-c',
      join(dir, 'parapet.yaml'),
    ]);
    expect(code).toBe(2);
    expect(stderr).toContain('unknown key "trustedAccount"');
  });

  it('applies config suppressions, keeps the findings marked, and warns on expired ones', () => {
    const dir = mkdtempSync(join(tmpdir(), 'parapet-cfg-'));
    const config = join(dir, 'parapet.yaml');
    writeFileSync(
      config,
      [
        'suppressions:',
        '  - id: lambda.function-url-auth-none',
        '    resource: WebhookFunction',
        '    reason: public webhook, verified by HMAC',
        '  - id: lambda.tracing-not-active',
        '    reason: tracing rolled out next quarter',
        '    expires: 2026-01-01',
      ].join('\n'),
    );
    const { stdout } = parapet([
      'scan',
      'examples/insecure-app',
      '-c',
      config,
      '-f',
      'json',
      '--scan-date',
      '2026-11-25',
    ]);
    const report = JSON.parse(stdout);
    const url = report.findings.find(
      (f: { checkId: string }) => f.checkId === 'lambda.function-url-auth-none',
    );
    expect(url.suppressed).toEqual({ reason: 'public webhook, verified by HMAC', by: 'config' });
    expect(
      report.findings.some(
        (f: { checkId: string; suppressed?: unknown }) =>
          f.checkId === 'lambda.tracing-not-active' && !f.suppressed,
      ),
    ).toBe(true);
    // Where the entry is written, so that an editor or CI annotation jumps to it.
    expect(report.warnings[0]).toMatch(
      /parapet\.yaml:7:14: suppression of lambda\.tracing-not-active expired on 2026-01-01; its findings are reported again$/,
    );
  });

  it('reads a file in a suppression as seen from the config’s folder, from wherever the scan is run', () => {
    const dir = mkdtempSync(join(tmpdir(), 'parapet-cfg-'));
    mkdirSync(join(dir, 'proj', 'app'), { recursive: true });
    copyFileSync(
      join(ROOT, 'examples/insecure-app/template.yaml'),
      join(dir, 'proj', 'app', 'template.yaml'),
    );
    writeFileSync(
      join(dir, 'proj', 'parapet.yaml'),
      'suppressions:\n  - id: lambda.no-code-signing\n    resource: app/template.yaml\n    reason: signing comes with the pipeline\n',
    );
    const suppressedFrom = (cwd: string, target: string, config: string) => {
      const report = JSON.parse(parapet(['scan', target, '-c', config, '-f', 'json'], cwd).stdout);
      return report.findings.filter(
        (f: { checkId: string; suppressed?: unknown }) =>
          f.checkId === 'lambda.no-code-signing' && f.suppressed,
      ).length;
    };
    expect(suppressedFrom(join(dir, 'proj'), 'app', 'parapet.yaml')).toBe(3);
    expect(suppressedFrom(dir, 'proj/app', 'proj/parapet.yaml')).toBe(3);
    expect(suppressedFrom(tmpdir(), join(dir, 'proj/app'), join(dir, 'proj/parapet.yaml'))).toBe(3);
  });
});

describe('parapet scan catches typos', () => {
  it('rejects a config that names no check, saying where', () => {
    const dir = mkdtempSync(join(tmpdir(), 'parapet-cfg-'));
    writeFileSync(join(dir, 'parapet.yaml'), 'checks:\n  disable: [lambda.no-reserved-concurency]\n');
    const { code, stderr } = parapet(['scan', 'examples/secure-app', '-c', join(dir, 'parapet.yaml')]);
    expect(code).toBe(2);
    expect(stderr).toContain('no check matches "lambda.no-reserved-concurency" in checks.disable');
  });

  it('runs an off-by-default check only when named by its id', () => {
    const ids = (args: string[]) =>
      new Set(
        JSON.parse(parapet(['scan', 'examples/insecure-app', '-f', 'json', ...args]).stdout).findings.map(
          (f: { checkId: string }) => f.checkId,
        ),
      );
    expect(ids(['--checks', 'lambda']).has('lambda.function-not-in-vpc')).toBe(false);
    expect(ids(['--checks', 'lambda.function-not-in-vpc']).has('lambda.function-not-in-vpc')).toBe(true);
  });

  it('takes comma-separated check lists without swallowing the path after them', () => {
    const { code, stdout } = parapet([
      'scan',
      '--checks',
      'lambda.function-url-auth-none,iam',
      'examples/insecure-app',
      '-f',
      'json',
    ]);
    expect(code).toBe(0);
    const ids = new Set(JSON.parse(stdout).findings.map((f: { checkId: string }) => f.checkId));
    expect(ids.has('lambda.function-url-auth-none')).toBe(true);
    expect(
      [...ids].every((id) => id === 'lambda.function-url-auth-none' || String(id).startsWith('iam.')),
    ).toBe(true);
  });

  it('warns about a -p parameter no template declares', () => {
    const { stdout } = parapet(['scan', 'examples/secure-app', '-p', 'Stag=prod', '-f', 'json']);
    expect(JSON.parse(stdout).warnings).toContain(
      'parameter Stag given with -p is not declared by any scanned template; it was not used',
    );
  });
});

describe('parapet checks', () => {
  it('lists every check with id, severity and title', () => {
    const { code, stdout } = parapet(['checks']);
    expect(code).toBe(0);
    for (const check of ALL_CHECKS) expect(stdout).toContain(check.id);
    expect(stdout).toContain(`${ALL_CHECKS.length} checks`);
  });

  it('describes one check in full', () => {
    const { stdout } = parapet(['checks', 'lambda.function-url-auth-none']);
    expect(stdout).toContain('## Risk');
    expect(stdout).toContain('## Remediation');
    expect(stdout).toContain('AuthType: AWS_IAM');
    expect(stdout).toContain('NIST SP 800-53 Rev. 5');
  });

  it('gives the AWS CDK fix beside the CloudFormation one, in a ts fence', () => {
    const { code, stdout } = parapet(['checks', 'lambda.function-url-auth-none']);
    expect(code).toBe(0);
    expect(stdout).toContain(
      "AWS CDK (TypeScript):\n\n```ts\nimport * as lambda from 'aws-cdk-lib/aws-lambda';\n",
    );
    expect(stdout).toContain('fn.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.AWS_IAM });');
    const at = (label: string) => stdout.indexOf(label);
    expect(at('CloudFormation / SAM:')).toBeLessThan(at('AWS CDK (TypeScript):'));
    expect(at('AWS CDK (TypeScript):')).toBeLessThan(at('AWS CLI:'));
    expect(at('AWS CLI:')).toBeLessThan(at('Terraform:'));
  });

  it('says when nothing matches, and which check a misspelt id most likely meant', () => {
    expect(parapet(['checks', 'nothing.here'])).toMatchObject({
      code: 2,
      stderr: 'parapet: no check matches "nothing.here"\n',
    });
    expect(parapet(['checks', 'lambda.runtime-deprecaded']).stderr).toBe(
      'parapet: no check matches "lambda.runtime-deprecaded" (did you mean "lambda.runtime-deprecated"?)\n',
    );
    // The start of one id only: that id.
    expect(parapet(['checks', 'lambda.function-url-auth']).stderr).toBe(
      'parapet: no check matches "lambda.function-url-auth" (did you mean "lambda.function-url-auth-none"?)\n',
    );
  });
});
