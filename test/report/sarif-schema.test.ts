import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import ajvFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { toSarif } from '../../src/report/sarif.js';
import { CHECKS, mixedSeverities, scanResult, withErrors } from '../fixtures/sarif/inputs.js';

// The SARIF 2.1.0 schema as the official validator ships it (see test/fixtures/sarif/README.md).
const schema = JSON.parse(
  readFileSync(new URL('../fixtures/sarif/sarif-schema-2.1.0.json', import.meta.url), 'utf8'),
);
// Not strict: ajv's strict mode lints schema style (`anyOf: [{ required: [...] }]`), which the SARIF schema uses.
const ajv = new Ajv2020({ allErrors: true, strict: false });
// A CommonJS module: its default export is `module.exports`, which carries the plugin as `default`.
ajvFormats.default(ajv);
const validate = ajv.compile(schema);

function errorsOf(log: unknown): string[] {
  return validate(log) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}

describe('SARIF output against the SARIF 2.1.0 JSON schema', () => {
  it('accepts a log with every kind of finding, suppressions, scan errors and warnings', () => {
    expect(errorsOf(JSON.parse(toSarif(withErrors(), CHECKS)))).toEqual([]);
  });

  it('accepts a log whose rule and results carry mixed severities', () => {
    expect(errorsOf(JSON.parse(toSarif(mixedSeverities(), CHECKS)))).toEqual([]);
  });

  it('accepts an empty scan', () => {
    const log = JSON.parse(toSarif(scanResult({ findings: [], templates: [] }), CHECKS));
    expect(log.runs[0].results).toEqual([]);
    expect(errorsOf(log)).toEqual([]);
  });

  it('rejects what the schema forbids, so a pass above means something', () => {
    const log = JSON.parse(toSarif(scanResult(), CHECKS));
    log.runs[0].results[0].level = 'critical';
    log.runs[0].results[0].locations[0].physicalLocation.region.startLine = 0;
    log.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri = 'my template.yaml';
    const errors = errorsOf(log);
    expect(errors.some((e) => e.includes('/artifactLocation/uri'))).toBe(true);
    expect(errors.some((e) => e.includes('/results/0/level'))).toBe(true);
    expect(errors.some((e) => e.includes('/region/startLine'))).toBe(true);
  });
});
