import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { ALL_CHECKS } from '../../src/checks/index.js';
import { EMPTY_CONFIG } from '../../src/config/types.js';
import { toJson } from '../../src/report/json.js';
import { scan } from '../../src/scan.js';
import { scanResult } from '../fixtures/sarif/inputs.js';
import { ROOT } from '../helpers/cli.js';

const validate = new Ajv({ allErrors: true }).compile(
  JSON.parse(readFileSync(join(ROOT, 'docs', 'report.schema.json'), 'utf8')),
);

describe('JSON report: config', () => {
  it('names the parapet.yaml used, and matches the schema', () => {
    const report = JSON.parse(toJson(scanResult({ config: 'app/parapet.yaml' })));
    expect(report.config).toEqual({ file: 'app/parapet.yaml' });
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
  });

  it('says null when none was used, and matches the schema', () => {
    const report = JSON.parse(toJson(scanResult()));
    expect(report.config).toBeNull();
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
  });

  it('has the field documented in docs/json-report.md', () => {
    const doc = readFileSync(join(ROOT, 'docs', 'json-report.md'), 'utf8');
    expect(doc).toContain('"config": { "file": "parapet.yaml" }');
    // Every top-level field of the report is in the documented example.
    for (const key of Object.keys(JSON.parse(toJson(scanResult())))) expect(doc).toContain(`"${key}":`);
  });

  it('has in the README only field names the report really has', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const bullet = readme.slice(readme.indexOf('- **json**'), readme.indexOf('- **sarif**'));
    const named = [...bullet.matchAll(/`([A-Za-z.]+)`/g)].map((m) => m[1] as string);
    expect(named).toContain('suppressed');
    const report = JSON.parse(toJson(scanResult({ config: 'parapet.yaml' })));
    const findingKeys = new Set(report.findings.flatMap((f: object) => Object.keys(f)));
    for (const name of named) {
      const [head, child] = name.split('.') as [string, string | undefined];
      const known =
        child === undefined ? head in report || findingKeys.has(head) : child in (report[head] ?? {});
      expect(known, `README names ${name}`).toBe(true);
    }
  });
});

describe('JSON report: summary.passed', () => {
  it('counts every passing result, whether or not --show-passed lists them', () => {
    const example = join(ROOT, 'examples', 'secure-app');
    const options = { checks: ALL_CHECKS, config: EMPTY_CONFIG, scanDate: new Date('2026-11-25T00:00:00Z') };
    const quiet = JSON.parse(toJson(scan([example], options)));
    const listed = JSON.parse(toJson(scan([example], { ...options, includePassed: true })));
    const passes = listed.findings.filter((f: { status: string }) => f.status === 'pass').length;
    expect(passes).toBeGreaterThan(10);
    expect(listed.summary.passed).toBe(passes);
    expect(quiet.summary.passed).toBe(passes);
    expect(quiet.findings.some((f: { status: string }) => f.status === 'pass')).toBe(false);
  });
});
