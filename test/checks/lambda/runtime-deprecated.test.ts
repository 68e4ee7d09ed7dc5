import { describe, expect, it } from 'vitest';
import check from '../../../src/checks/lambda/runtime-deprecated.js';
import { RUNTIME_TABLE_SOURCE, RUNTIME_TABLE_TAKEN_ON } from '../../../src/runtimes/index.js';
import { scanTemplateFile } from '../../helpers/scan-file.js';
import { scanTemplate, template } from '../../helpers/scan-template.js';
import { imageFunction, runtimeFunction, samTemplate } from '../../helpers/templates.js';
import { runtimeByRegion, runtimeTemplate } from './runtime-fixture.js';

// scanTemplate's scan date is 2026-11-25. Expected dates are those of src/data/lambda-runtimes.json
// (taken on 2026-10-01): when AWS moves a date and the table follows, update them here too.
const fn = runtimeTemplate;

const TABLE = `runtime table taken on ${RUNTIME_TABLE_TAKEN_ON} from ${RUNTIME_TABLE_SOURCE}`;

describe('lambda.runtime-deprecated', () => {
  it('fails a deprecated runtime, says the stage with its dates, and points at Runtime', () => {
    const { failed, errors } = scanTemplate(fn('nodejs20.x'), check);
    expect(errors).toEqual([]);
    expect(failed).toHaveLength(1);
    const finding = failed[0];
    expect(finding?.resource.id).toBe('Fn');
    expect(finding?.severity).toBe('high');
    expect(finding?.location).toEqual({ file: 'template.yaml', line: 9, column: 7 });
    expect(finding?.property).toBe('Runtime');
    expect(finding?.message).toContain(
      'deprecated on 2026-04-30; creating functions blocked from 2027-07-29; updating functions blocked from 2027-08-31',
    );
    expect(finding?.message).toContain('Move to nodejs24.x');
    expect(finding?.evidence).toMatchObject({
      runtime: 'nodejs20.x',
      stage: 'deprecated, blocked: none',
      runtimeTable: TABLE,
    });
  });

  it('says when creating functions is already blocked', () => {
    const { failed } = scanTemplate(fn('python3.7'), check);
    expect(failed[0]?.message).toContain(
      'deprecated on 2023-12-04; creating functions blocked since 2024-01-09',
    );
    expect(failed[0]?.message).toContain('updating functions blocked from 2027-08-31');
    expect(failed[0]?.message).not.toContain('can no longer be updated');
    expect(failed[0]?.evidence?.stage).toBe('deprecated, blocked: create');
    expect(failed[0]?.severity).toBe('high');
  });

  it('says when updates are blocked too: the function can no longer be changed', () => {
    const { failed } = scanTemplate(fn('python3.6'), check);
    expect(failed[0]?.message).toContain('updating functions blocked since 2022-08-29');
    expect(failed[0]?.message).toContain('The function can no longer be updated.');
    expect(failed[0]?.evidence?.stage).toBe('deprecated, blocked: update');
    expect(failed[0]?.severity).toBe('critical');
  });

  it('suggests the OS-only runtime for go1.x', () => {
    const { failed } = scanTemplate(fn('go1.x'), check);
    expect(failed[0]?.message).toContain('Move to provided.al2023');
  });

  it('moves with the scan date: nodejs22.x passes before its date and fails after it', () => {
    expect(scanTemplate(fn('nodejs22.x'), check).passed).toHaveLength(1);
    const later = scanTemplate(fn('nodejs22.x'), check, {
      settings: { scanDate: new Date('2027-05-01T00:00:00Z') },
    });
    expect(later.failed).toHaveLength(1);
    expect(later.failed[0]?.message).toContain('deprecated on 2027-04-30');
  });

  it('passes a supported runtime that is not the newest (cdk-nag#1528)', () => {
    for (const runtime of ['python3.12', 'java17', 'nodejs22.x', 'provided.al2023']) {
      const { failed, passed } = scanTemplate(fn(runtime), check);
      expect(failed, runtime).toEqual([]);
      expect(passed, runtime).toHaveLength(1);
    }
  });

  it('fails a misspelled runtime with the runtime it most likely meant', () => {
    const { failed } = scanTemplate(fn('provided.al2023023'), check);
    expect(failed).toHaveLength(1);
    expect(failed[0]?.message).toContain(
      'provided.al2023023 is not a Lambda runtime (did you mean provided.al2023?)',
    );
    expect(failed[0]?.evidence).toMatchObject({
      runtime: 'provided.al2023023',
      suggestion: 'provided.al2023',
    });
    expect(failed[0]?.property).toBe('Runtime');
  });

  it('fails a placeholder runtime without inventing a suggestion', () => {
    const { failed } = scanTemplate(fn('PYTHON3_VERSION'), check);
    expect(failed).toHaveLength(1);
    expect(failed[0]?.message).toContain('PYTHON3_VERSION is not a Lambda runtime:');
    expect(failed[0]?.evidence?.suggestion).toBeUndefined();
  });

  it('is unknown for a runtime shaped like one newer than the table', () => {
    for (const runtime of ['python3.16', 'nodejs28.x', 'dotnet12']) {
      const { failed, unknown } = scanTemplate(fn(runtime), check);
      expect(failed, runtime).toEqual([]);
      expect(unknown, runtime).toHaveLength(1);
      expect(unknown[0]?.message).toContain(`taken on ${RUNTIME_TABLE_TAKEN_ON}`);
    }
  });

  it('is unknown when the runtime comes from a parameter without default', () => {
    const { failed, unknown } = scanTemplate(fn('!Ref Rt', 'Parameters:\n  Rt: { Type: String }\n'), check);
    expect(failed).toEqual([]);
    expect(unknown).toHaveLength(1);
    expect(unknown[0]?.message).toContain('parameter Rt');
  });

  it('fails on a parameter default and says the default was assumed', () => {
    const { failed } = scanTemplate(
      fn('!Ref Rt', 'Parameters:\n  Rt: { Type: String, Default: python3.8 }\n'),
      check,
    );
    expect(failed).toHaveLength(1);
    expect(failed[0]?.assumptions?.[0]).toContain('parameter Rt');
  });

  it('does not evaluate container image functions, which take no Runtime', () => {
    const image = template(imageFunction());
    const { findings, errors } = scanTemplate(image, check);
    expect(findings).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('leaves a .zip function with no Runtime to the scan error (CloudFormation rejects it): no unknown', () => {
    const { findings, errors } = scanTemplate(template(runtimeFunction()), check);
    expect(findings).toEqual([]);
    expect(errors.map((e) => [e.line, e.message])).toEqual([
      [
        5,
        'Fn: AWS::Lambda::Function requires Runtime, which it does not set; Lambda refuses a .zip function without Runtime',
      ],
    ]);
  });

  it('says a Runtime written !Ref AWS::NoValue is removed by it, at the Runtime line', () => {
    const { findings, errors } = scanTemplate(template(runtimeFunction("!Ref 'AWS::NoValue'")), check);
    expect(findings).toEqual([]);
    expect(errors.map((e) => [e.line, e.message])).toEqual([
      [
        9,
        'Fn: AWS::Lambda::Function requires Runtime, which it does not set (!Ref AWS::NoValue removes it); Lambda ' +
          'refuses a .zip function without Runtime',
      ],
    ]);
  });

  it('shows an empty Runtime as "" (a !Join of AWS::NoValue alone gives it), not as nothing', () => {
    const { failed } = scanTemplate(template(runtimeFunction("!Join ['', [!Ref 'AWS::NoValue']]")), check);
    expect(failed.map((f) => f.message)).toEqual([
      'Runtime "" is not a Lambda runtime: Lambda rejects it, so the function cannot be deployed as written.',
    ]);
  });

  it('is unknown, with no error, when PackageType comes from a parameter and no Runtime is set', () => {
    const { findings, errors, unknown } = scanTemplate(
      template(
        `${runtimeFunction()}      PackageType: !Ref Kind\n`,
        'Parameters:\n  Kind: { Type: String, AllowedValues: [Zip, Image] }\n',
      ),
      check,
    );
    expect(errors).toEqual([]);
    expect(unknown.map((f) => f.message)).toEqual([expect.stringContaining('PackageType is not known')]);
    expect(findings).toHaveLength(1);
  });

  it('is unknown where an Fn::If leaves Runtime out, undecided before deploy', () => {
    const { errors, unknown, failed } = scanTemplate(
      template(
        runtimeFunction("!If [Prod, python3.8, !Ref 'AWS::NoValue']"),
        'Parameters:\n  Env: { Type: String }\nConditions:\n  Prod: !Equals [!Ref Env, prod]\n',
      ),
      check,
    );
    expect(errors).toEqual([]);
    expect(failed).toEqual([]);
    // Not an error: which case is deployed is not known (the Role of a function is treated so too).
    expect(unknown.map((f) => f.message)).toEqual([
      expect.stringContaining('Runtime is not known before deploy (depends on condition Prod'),
    ]);
  });

  it('reports the worst case of an Fn::If first and at its severity, whichever branch is written first', () => {
    const header = (extra: string) =>
      `Parameters:\n  Legacy: { Type: String${extra} }\nConditions:\n  IsLegacy: !Equals [!Ref Legacy, 'true']\n`;
    for (const runtime of ['!If [IsLegacy, python3.6, python3.9]', '!If [IsLegacy, python3.9, python3.6]']) {
      const { findings } = scanTemplateFile(template(runtimeFunction(runtime), header('')), check.id);
      const failed = findings.filter((f) => f.status === 'fail');
      expect(failed.map((f) => [f.severity, f.message.replace(/: Runtime python3\.6.*/, '')])).toEqual([
        ['critical', `When condition IsLegacy ${runtime.endsWith('python3.9]') ? 'holds' : 'does not hold'}`],
      ]);
      expect(failed[0]?.message).toContain('It fails in the other cases too:');
    }
  });

  it("keeps the defaults' severity but says where a deploy that overrides them fails worse", () => {
    const { findings } = scanTemplateFile(
      template(
        runtimeFunction('!If [IsLegacy, python3.6, python3.9]'),
        "Parameters:\n  Legacy: { Type: String, Default: 'false' }\nConditions:\n  IsLegacy: !Equals [!Ref Legacy, 'true']\n",
      ),
      check.id,
    );
    const failed = findings.filter((f) => f.status === 'fail');
    expect(failed.map((f) => f.severity)).toEqual(['high']);
    expect(failed[0]?.message).toMatch(
      /^Runtime python3\.9 \(Python 3\.9\) is deprecated: .* When condition IsLegacy holds \(Legacy=true, not its default false\), it is critical: Runtime python3\.6 \(Python 3\.6\) is deprecated: .*The function can no longer be updated\./,
    );
  });

  it('leaves a SAM function whose Runtime comes from nowhere to the scan error on the SAM function', () => {
    const fn = (id: string, attributes = '') =>
      `  ${id}:\n    Type: AWS::Serverless::Function\n${attributes}    Properties:\n      Handler: app.handler\n      CodeUri: src/\n`;
    const message = (id: string) =>
      `${id}: AWS::Serverless::Function requires Runtime, which neither it nor Globals set; Lambda refuses the .zip function it makes without Runtime`;
    const bare = scanTemplate(samTemplate(fn('Bare')), check);
    expect(bare.findings).toEqual([]);
    expect(bare.errors.map((e) => [e.line, e.message])).toEqual([[6, message('Bare')]]);

    const globals = 'Globals:\n  Function:\n    Runtime: python3.8\n';
    const ignoring = scanTemplate(
      samTemplate(`${fn('Inherits')}${fn('Ignoring', '    IgnoreGlobals: [Runtime]\n')}`, globals),
      check,
    );
    // Globals set it, and the resource's IgnoreGlobals turned it off: said so.
    expect(ignoring.errors.map((e) => [e.line, e.message])).toEqual([
      [
        15,
        'Ignoring: AWS::Serverless::Function requires Runtime, which it does not set and its IgnoreGlobals takes ' +
          'from Globals; Lambda refuses the .zip function it makes without Runtime',
      ],
    ]);
    expect(ignoring.findings.map((f) => [f.resource.id, f.status])).toEqual([['Inherits', 'fail']]);
  });

  it("says a SAM function's Runtime: !Ref AWS::NoValue removes it, and hides the Runtime of Globals (SAM keeps the function's own)", () => {
    const fn = (id: string, runtime: string) =>
      `  ${id}:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: ${runtime}\n      Handler: app.handler\n      CodeUri: src/\n`;
    const removes = (id: string, globals: string) =>
      `${id}: AWS::Serverless::Function requires Runtime, which it sets to !Ref AWS::NoValue (CloudFormation ` +
      `removes the property${globals}); Lambda refuses the .zip function it makes without Runtime`;
    const bare = scanTemplate(samTemplate(fn('Bare', "!Ref 'AWS::NoValue'")), check);
    expect(bare.findings).toEqual([]);
    expect(bare.errors.map((e) => [e.line, e.message])).toEqual([[7, removes('Bare', '')]]);

    const globals = 'Globals:\n  Function:\n    Runtime: python3.12\n';
    const hidden = scanTemplate(samTemplate(fn('Hidden', "!Ref 'AWS::NoValue'"), globals), check);
    expect(hidden.findings).toEqual([]);
    expect(hidden.errors.map((e) => [e.line, e.message])).toEqual([
      [10, removes('Hidden', '; SAM keeps it over Runtime python3.12 of Globals')],
    ]);
  });

  it('says Globals set Runtime to !Ref AWS::NoValue, at the Globals line; an Fn::If choosing it is unknown', () => {
    const fn = (id: string, runtime = '') =>
      `  ${id}:\n    Type: AWS::Serverless::Function\n    Properties:\n${runtime}      Handler: app.handler\n      CodeUri: src/\n`;
    const globals = "Globals:\n  Function:\n    Runtime: !Ref 'AWS::NoValue'\n";
    const removed = scanTemplate(samTemplate(fn('Fn'), globals), check);
    expect(removed.findings).toEqual([]);
    expect(removed.errors.map((e) => [e.line, e.message])).toEqual([
      [
        5,
        'Fn: AWS::Serverless::Function requires Runtime, which it does not set and Globals set to !Ref AWS::NoValue ' +
          '(CloudFormation removes the property); Lambda refuses the .zip function it makes without Runtime',
      ],
    ]);
    const chosen = scanTemplate(
      samTemplate(
        fn('Chosen', "      Runtime: !If [Prod, python3.12, !Ref 'AWS::NoValue']\n"),
        'Parameters:\n  Env: { Type: String }\nConditions:\n  Prod: !Equals [!Ref Env, prod]\n' +
          'Globals:\n  Function:\n    Runtime: python3.8\n',
      ),
      check,
    );
    expect(chosen.errors).toEqual([]);
    expect(chosen.findings.map((f) => f.status)).toEqual(['unknown']);
  });

  it('names only what a SAM .zip function lacks: Handler alone, or Runtime and Handler', () => {
    const sam = samTemplate(
      '  NoHandler:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: python3.13\n      CodeUri: src/\n' +
        '  Neither:\n    Type: AWS::Serverless::Function\n    Properties:\n      CodeUri: src/\n',
    );
    expect(scanTemplate(sam, check).errors.map((e) => e.message)).toEqual([
      'NoHandler: AWS::Serverless::Function requires Handler, which neither it nor Globals set; Lambda refuses the ' +
        '.zip function it makes without Handler',
      'Neither: AWS::Serverless::Function requires Runtime, Handler, which neither it nor Globals set; Lambda ' +
        'refuses the .zip function it makes without Runtime and Handler',
    ]);
  });

  it('inherits Globals.Function.Runtime in SAM and reports on the SAM function', () => {
    const sam = samTemplate(
      `  Api:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.handler
      CodeUri: src/
  Worker:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.handler
      CodeUri: src/
      Runtime: python3.13
`,
      'Globals:\n  Function:\n    Runtime: python3.8\n',
    );
    const { failed, passed, errors } = scanTemplate(sam, check);
    expect(errors).toEqual([]);
    expect(failed.map((f) => f.resource.id)).toEqual(['Api']);
    expect(failed[0]?.message).toContain('python3.8');
    expect(passed.map((f) => f.resource.id)).toEqual(['Worker']);
    expect(passed[0]?.location.line).toBe(17);
  });
});

describe('a runtime chosen by region from a mapping (CDK LatestNodeRuntimeMap)', () => {
  it('fails when every runtime the map holds is deprecated', () => {
    const { failed } = scanTemplate(
      runtimeByRegion({ 'us-east-1': 'nodejs20.x', 'cn-north-1': 'nodejs18.x' }),
      check,
    );
    expect(failed.map((f) => f.message)).toEqual([
      'Runtime is one of nodejs18.x, nodejs20.x (Fn::FindInMap over LatestNodeRuntimeMap, its key not known before ' +
        'deploy: the region the stack is deployed to), and each is deprecated: nodejs18.x (deprecated on 2025-09-01; ' +
        'creating functions blocked from 2027-07-29; updating functions blocked from 2027-08-31); nodejs20.x ' +
        '(deprecated on 2026-04-30; creating functions blocked from 2027-07-29; updating functions blocked from 2027-08-31).',
    ]);
  });

  it('is unknown when a runtime of the map looks newer than the table, and when a DefaultValue may give another', () => {
    const newer = scanTemplate(
      runtimeByRegion({ 'us-east-1': 'nodejs28.x', 'eu-west-1': 'nodejs30.x' }),
      check,
    );
    expect(newer.failed).toEqual([]);
    expect(newer.unknown[0]?.message).toContain("is not in Parapet's runtime table");
    const withDefault = fn(
      '!FindInMap [Runtimes, !Ref AWS::Region, value, {DefaultValue: python3.13}]',
      'Transform: AWS::LanguageExtensions\nMappings:\n  Runtimes:\n    us-east-1: { value: python3.7 }\n',
    );
    const defaulted = scanTemplate(withDefault, check);
    expect(defaulted.failed).toEqual([]);
    expect(defaulted.unknown).toHaveLength(1);
  });

  it('passes when none is, is unknown when only some are, and reads one value for every key as that value', () => {
    expect(
      scanTemplate(runtimeByRegion({ 'us-east-1': 'nodejs22.x', 'eu-west-1': 'nodejs24.x' }), check).passed,
    ).toHaveLength(1);
    const mixed = scanTemplate(
      runtimeByRegion({ 'us-east-1': 'nodejs22.x', 'cn-north-1': 'nodejs18.x' }),
      check,
    );
    expect(mixed.failed).toEqual([]);
    expect(mixed.unknown[0]?.message).toMatch(
      /^Runtime is one of nodejs18\.x, nodejs22\.x .*, and some are deprecated: nodejs18\.x \(/,
    );
    const same = scanTemplate(
      runtimeByRegion({ 'us-east-1': 'nodejs18.x', 'eu-west-1': 'nodejs18.x' }),
      check,
    );
    expect(same.failed[0]?.message).toMatch(/^Runtime nodejs18\.x \(Node\.js 18\) is deprecated/);
  });
});

describe("a runtime from a parameter's AllowedValues (CloudFormation refuses any other value)", () => {
  const allowed = (values: string, extra = '') =>
    fn('!Ref Rt', `Parameters:\n  Rt:\n    Type: String\n    AllowedValues: [${values}]\n${extra}`);

  it('fails when every allowed value is deprecated, naming each', () => {
    const { failed, unknown } = scanTemplate(allowed('nodejs14.x, python3.9'), check);
    expect(unknown).toEqual([]);
    expect(failed).toHaveLength(1);
    expect(failed[0]?.message).toMatch(
      /^Runtime is one of nodejs14\.x, python3\.9 \(.*parameter Rt.*one of its AllowedValues\), and each is deprecated: nodejs14\.x \(deprecated on .*; python3\.9 \(deprecated on /,
    );
  });

  it('is unknown naming the deprecated ones when only some are, and passes when none is', () => {
    const { failed, unknown } = scanTemplate(allowed('nodejs14.x, python3.13'), check);
    expect(failed).toEqual([]);
    expect(unknown[0]?.message).toMatch(
      /^Runtime is one of nodejs14\.x, python3\.13 \(.*\), and some are deprecated: nodejs14\.x \(deprecated on /,
    );
    expect(unknown[0]?.message.split('some are deprecated:')[1]).not.toContain('python3.13');
    const none = scanTemplate(allowed('nodejs22.x, python3.13'), check);
    expect(none.failed).toEqual([]);
    expect(none.unknown).toEqual([]);
    expect(none.passed[0]?.message).toMatch(
      /^Runtime is one of nodejs22\.x, python3\.13 .*: each is supported$/,
    );
  });

  it('judges a parameter with a default at its default, as without AllowedValues', () => {
    const { failed, passed, unknown } = scanTemplate(
      allowed('nodejs14.x, python3.13', '    Default: python3.13\n'),
      check,
    );
    expect(failed).toEqual([]);
    expect(unknown).toEqual([]);
    expect(passed[0]?.message).toMatch(/^python3\.13 is supported/);
  });
});
