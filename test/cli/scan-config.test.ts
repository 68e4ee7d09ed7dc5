import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parameterValues } from '../../src/cli/scan.js';
import { parapet, stageTemplate } from '../helpers/cli.js';

const SUPPRESS_TRACING = 'suppressions:\n  - id: lambda.tracing-not-active\n    reason: later\n';

describe('parapet scan: which parapet.yaml is used', () => {
  const dir = mkdtempSync(join(tmpdir(), 'parapet-cli-config-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  for (const app of ['one', 'two']) {
    mkdirSync(join(dir, app));
    writeFileSync(join(dir, app, 'template.yaml'), stageTemplate(app === 'one' ? 'First' : 'Second'));
  }
  writeFileSync(join(dir, 'one', 'parapet.yaml'), SUPPRESS_TRACING);
  writeFileSync(join(dir, 'two', 'parapet.yaml'), 'failOn: high\n');

  it('says in JSON which one was used, and warns about the one beside another scanned path', () => {
    const { code, stdout } = parapet(['scan', 'one', 'two', '-f', 'json'], dir);
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.config).toEqual({ file: 'one/parapet.yaml' });
    expect(report.warnings).toContain(
      'two/parapet.yaml was not used: one parapet.yaml applies to the whole scan, and this scan used ' +
        'one/parapet.yaml (the first scanned path with one); pass the one you want with -c, or scan each folder on its own',
    );
    // The config used applies to both folders' findings.
    const tracing = report.findings.filter(
      (f: { checkId: string }) => f.checkId === 'lambda.tracing-not-active',
    );
    expect(tracing.map((f: { suppressed?: unknown }) => f.suppressed !== undefined)).toEqual([true, true]);
  });

  it('says it in the text report, and -c picks another without a warning', () => {
    const text = parapet(['scan', 'two', 'one', '-c', 'one/parapet.yaml'], dir).stdout;
    expect(text).toContain('\nconfig: one/parapet.yaml\n');
    expect(text).not.toContain('was not used');
    expect(parapet(['scan', 'two/template.yaml'], dir).stdout).toContain('\nconfig: two/parapet.yaml\n');
  });

  it('says when failOn in parapet.yaml fails the run', () => {
    const app = mkdtempSync(join(tmpdir(), 'parapet-cli-failon-'));
    writeFileSync(join(app, 'parapet.yaml'), 'failOn: high\n');
    writeFileSync(join(app, 't.yaml'), stageTemplate('Fn').replace('python3.13', 'python3.8'));
    const run = parapet(['scan', '.'], app);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      'parapet: failing: 1 open finding at or above high (failOn: high in parapet.yaml)\n',
    );
    rmSync(app, { recursive: true, force: true });
  });

  it('says when there is none', () => {
    const empty = mkdtempSync(join(tmpdir(), 'parapet-cli-noconfig-'));
    writeFileSync(join(empty, 't.yaml'), stageTemplate('Fn'));
    const report = JSON.parse(parapet(['scan', 't.yaml', '-f', 'json'], empty).stdout);
    expect(report.config).toBeNull();
    rmSync(empty, { recursive: true, force: true });
  });

  it('explains a config mistake in plain words, exit 2', () => {
    writeFileSync(join(dir, 'bad.yaml'), 'trustedAcounts: []\nfailOn: severe\n');
    const { code, stderr } = parapet(['scan', 'one', '-c', 'bad.yaml'], dir);
    expect(code).toBe(2);
    expect(stderr).toBe(
      'parapet: bad.yaml: 2 problems:\n' +
        'bad.yaml:1:1: unknown key "trustedAcounts" (did you mean "trustedAccounts"?)\n' +
        'bad.yaml:2:9: failOn: "severe" is not allowed; expected one of critical, high, medium, low, info, none\n',
    );
  });

  it('refuses a suppression date that is not a real date, exit 2', () => {
    writeFileSync(join(dir, 'dates.yaml'), `${SUPPRESS_TRACING}    expires: 2027-13-45\n`);
    const { code, stderr } = parapet(['scan', 'one', '-c', 'dates.yaml'], dir);
    expect(code).toBe(2);
    expect(stderr).toContain(
      'suppressions[0].expires (the 1st entry, id "lambda.tracing-not-active"): 2027-13-45 is not a real date (no such day)',
    );
  });
});

describe('parapet scan -o', () => {
  const dir = mkdtempSync(join(tmpdir(), 'parapet-cli-output-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, 't.yaml'), stageTemplate('Fn'));

  it('confirms on stderr for every format, text included', () => {
    for (const format of ['text', 'json', 'sarif']) {
      const out = join(dir, `report.${format}`);
      const { code, stdout, stderr } = parapet(['scan', 't.yaml', '-f', format, '-o', out], dir);
      expect(code).toBe(0);
      expect(stdout).toBe('');
      expect(stderr).toMatch(
        new RegExp(`^parapet: \\d+ failed, \\d+ unknown, 0 scan errors; report written to ${out}\\n$`),
      );
      expect(readFileSync(out, 'utf8').length).toBeGreaterThan(0);
    }
  });
});

describe('parapet scan -p given twice', () => {
  const dir = mkdtempSync(join(tmpdir(), 'parapet-cli-repeated-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, 't.yaml'), stageTemplate('Fn'));

  it('is a usage error naming the parameter but not the values', () => {
    const { code, stdout, stderr } = parapet(['scan', 't.yaml', '-p', 'Stage=prod', '-p', 'Stage=dev'], dir);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      'parapet: -p Stage is given more than once, with different values; give each parameter once\n',
    );
  });

  it('accepts the same value twice', () => {
    expect(parapet(['scan', 't.yaml', '-p', 'Stage=prod', '-p', 'Stage=prod'], dir).code).toBe(0);
  });

  it('keeps values apart by parameter', () => {
    expect(
      parameterValues([
        ['Stage', 'prod'],
        ['Env', 'a=b'],
        ['Stage', 'prod'],
      ]),
    ).toEqual({ values: { Stage: 'prod', Env: 'a=b' } });
    expect(
      parameterValues([
        ['Stage', 'prod'],
        ['Stage', ''],
      ]),
    ).toHaveProperty('problem');
  });
});

describe('parapet scan: inline suppressions that are wrong', () => {
  const dir = mkdtempSync(join(tmpdir(), 'parapet-cli-inline-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(
    join(dir, 't.yaml'),
    stageTemplate('Hook').replace(
      '    Type: AWS::Lambda::Function\n',
      '    Type: AWS::Lambda::Function\n    Metadata:\n      parapet:\n        ignore:\n          - lambda.tracing-not-active\n          - id: lambda.no-code-signing\n            reason: later\n            expires: 31/12/2027\n',
    ),
  );

  it('are template errors at their lines (exit 2), and the findings stay open', () => {
    const { code, stdout } = parapet(['scan', 't.yaml', '-f', 'json', '--scan-date', '2026-11-25'], dir);
    expect(code).toBe(2);
    const report = JSON.parse(stdout);
    expect(report.errors.map((e: { line: number; kind: string }) => [e.kind, e.line])).toEqual([
      ['template', 12],
      ['template', 15],
    ]);
    expect(report.errors[1].message).toBe(
      'suppression of lambda.no-code-signing on Hook: expires 31/12/2027 is not a date (YYYY-MM-DD), so it does not apply',
    );
    expect(report.warnings.join('\n')).not.toContain('expired');
    const open = report.findings.filter(
      (f: { checkId: string; suppressed?: unknown }) =>
        ['lambda.tracing-not-active', 'lambda.no-code-signing'].includes(f.checkId) && !f.suppressed,
    );
    expect(open).toHaveLength(2);
  });
});
