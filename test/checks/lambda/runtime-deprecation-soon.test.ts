import { describe, expect, it } from 'vitest';
import check from '../../../src/checks/lambda/runtime-deprecation-soon.js';
import { scanTemplate, template } from '../../helpers/scan-template.js';
import { imageFunction, runtimeFunction, samTemplate } from '../../helpers/templates.js';
import { runtimeByRegion, runtimeTemplate } from './runtime-fixture.js';

// scanTemplate's scan date is 2026-11-25. Expected dates are those of src/data/lambda-runtimes.json
// (taken on 2026-10-01): when AWS moves a date and the table follows, update them here too.
const fn = runtimeTemplate;

const withWarnDays = (warnDays: unknown) => ({
  settings: { options: { 'lambda.runtime-deprecation-soon': { warnDays } } },
});

describe('lambda.runtime-deprecation-soon', () => {
  it('fails a runtime deprecated within 180 days, with the date and the days left', () => {
    const { failed, errors } = scanTemplate(fn('nodejs22.x'), check);
    expect(errors).toEqual([]);
    expect(failed).toHaveLength(1);
    const finding = failed[0];
    expect(finding?.resource.id).toBe('Fn');
    expect(finding?.severity).toBe('medium');
    expect(finding?.location).toEqual({ file: 'template.yaml', line: 9, column: 7 });
    expect(finding?.message).toContain('reaches its deprecation in 156 days: deprecated from 2027-04-30');
    expect(finding?.message).toContain('Plan the move to nodejs24.x');
    expect(finding?.evidence).toMatchObject({
      runtime: 'nodejs22.x',
      deprecation: '2027-04-30',
      daysLeft: '156',
    });
  });

  it('reads warnDays from the check options', () => {
    expect(scanTemplate(fn('nodejs22.x'), check, withWarnDays(90)).passed).toHaveLength(1);
    expect(scanTemplate(fn('python3.12'), check, withWarnDays(800)).failed).toHaveLength(1);
  });

  it('says "1 day" on the eve of the deprecation', () => {
    const { failed } = scanTemplate(fn('nodejs22.x'), check, {
      settings: { scanDate: new Date('2027-04-29T12:00:00Z') },
    });
    expect(failed[0]?.message).toContain('in 1 day:');
  });

  it('passes a runtime whose deprecation is further away, and one with no date announced', () => {
    for (const runtime of ['python3.12', 'nodejs26.x']) {
      const { failed, passed } = scanTemplate(fn(runtime), check);
      expect(failed, runtime).toEqual([]);
      expect(passed, runtime).toHaveLength(1);
    }
    expect(scanTemplate(fn('nodejs26.x'), check).passed[0]?.message).toContain(
      'no deprecation date announced',
    );
  });

  it('leaves deprecated and unrecognized runtimes to lambda.runtime-deprecated', () => {
    for (const runtime of ['nodejs20.x', 'python3.6', 'provided.al2023023']) {
      expect(scanTemplate(fn(runtime), check).findings, runtime).toEqual([]);
    }
  });

  it('is unknown when the runtime comes from a parameter without default', () => {
    const { failed, unknown } = scanTemplate(fn('!Ref Rt', 'Parameters:\n  Rt: { Type: String }\n'), check);
    expect(failed).toEqual([]);
    expect(unknown).toHaveLength(1);
    expect(unknown[0]?.message).toContain('parameter Rt');
  });

  it('records a scan error, not a verdict, for an invalid warnDays', () => {
    const { findings, errors } = scanTemplate(fn('nodejs22.x'), check, withWarnDays(-1));
    expect(findings).toEqual([]);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toContain('warnDays');
  });

  it('does not evaluate container image functions', () => {
    const image = template(imageFunction());
    expect(scanTemplate(image, check).findings).toEqual([]);
  });

  it('inherits Globals.Function.Runtime in SAM and reports on the SAM function', () => {
    const sam = samTemplate(
      `  Api:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.handler
      CodeUri: src/
`,
      'Globals:\n  Function:\n    Runtime: nodejs22.x\n',
    );
    const { failed, errors } = scanTemplate(sam, check);
    expect(errors).toEqual([]);
    expect(failed.map((f) => f.resource.id)).toEqual(['Api']);
    expect(failed[0]?.message).toContain('nodejs22.x');
  });
});

describe('lambda.runtime-deprecation-soon on a runtime chosen by region from a mapping', () => {
  it('fails when each runtime the map holds is deprecated soon or already, naming the days left', () => {
    const { failed } = scanTemplate(
      runtimeByRegion({ 'us-east-1': 'nodejs22.x', 'cn-north-1': 'nodejs20.x' }),
      check,
    );
    expect(failed.map((f) => f.message)).toEqual([
      expect.stringMatching(
        /^Runtime is one of nodejs20\.x, nodejs22\.x \(Fn::FindInMap over LatestNodeRuntimeMap, .*\), and nodejs22\.x in \d+ days reaches its deprecation; the others are deprecated already \(lambda\.runtime-deprecated\)\.$/,
      ),
    ]);
  });

  it('is unknown when another runtime of the map is supported longer, passes when none is soon', () => {
    const mixed = scanTemplate(
      runtimeByRegion({ 'us-east-1': 'nodejs22.x', 'eu-west-1': 'nodejs24.x' }),
      check,
    );
    expect(mixed.failed).toEqual([]);
    expect(mixed.unknown[0]?.message).toMatch(
      /and nodejs22\.x in \d+ days reaches its deprecation; the others/,
    );
    const later = scanTemplate(
      runtimeByRegion({ 'us-east-1': 'nodejs24.x', 'eu-west-1': 'nodejs24.x' }),
      check,
    );
    expect([...later.failed, ...later.unknown]).toEqual([]);
  });

  it('leaves a map of deprecated runtimes to lambda.runtime-deprecated', () => {
    const old = scanTemplate(
      runtimeByRegion({ 'us-east-1': 'nodejs20.x', 'cn-north-1': 'nodejs18.x' }),
      check,
    );
    expect(old.findings).toEqual([]);
  });
});

describe('lambda.runtime-deprecation-soon on a .zip function without Runtime', () => {
  it('says nothing: CloudFormation rejects the function, and the scan error says so', () => {
    const { findings, errors } = scanTemplate(template(runtimeFunction()), check);
    expect(findings).toEqual([]);
    expect(errors.map((e) => e.message)).toEqual([expect.stringContaining('requires Runtime')]);
  });
});

describe("lambda.runtime-deprecation-soon on a runtime from a parameter's AllowedValues", () => {
  const allowed = (values: string, extra = '') =>
    fn('!Ref Rt', `Parameters:\n  Rt:\n    Type: String\n    AllowedValues: [${values}]\n${extra}`);

  it('fails when each allowed value is deprecated soon or already, naming the days left', () => {
    const { failed, unknown } = scanTemplate(allowed('nodejs22.x, nodejs20.x'), check);
    expect(unknown).toEqual([]);
    expect(failed.map((f) => f.message)).toEqual([
      expect.stringMatching(
        /^Runtime is one of nodejs22\.x, nodejs20\.x \(.*parameter Rt.*one of its AllowedValues\), and nodejs22\.x in \d+ days reaches its deprecation; the others are deprecated already/,
      ),
    ]);
  });

  it('is unknown when another allowed value is supported longer, passes when none is soon', () => {
    const mixed = scanTemplate(allowed('nodejs22.x, nodejs24.x'), check);
    expect(mixed.failed).toEqual([]);
    expect(mixed.unknown[0]?.message).toMatch(/and nodejs22\.x in \d+ days reaches its deprecation/);
    const later = scanTemplate(allowed('nodejs24.x, python3.13'), check);
    expect([...later.failed, ...later.unknown]).toEqual([]);
    expect(later.passed).toHaveLength(1);
  });

  it('leaves allowed values all deprecated to lambda.runtime-deprecated, and judges a default as before', () => {
    expect(scanTemplate(allowed('nodejs14.x, python3.9'), check).findings).toEqual([]);
    const defaulted = scanTemplate(allowed('nodejs22.x, nodejs24.x', '    Default: nodejs24.x\n'), check);
    expect([...defaulted.failed, ...defaulted.unknown]).toEqual([]);
    expect(defaulted.passed[0]?.message).toMatch(/^nodejs24\.x: /);
  });
});
