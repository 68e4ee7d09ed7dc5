import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALL_CHECKS } from '../../../src/checks/index.js';
import { EMPTY_CONFIG } from '../../../src/config/config.js';
import { scan } from '../../../src/scan.js';
import { template } from '../../helpers/scan-template.js';
import { lambdaFunction } from '../../helpers/templates.js';

// Resources a template takes from a file beside it with AWS::Include in Resources (what `aws cloudformation package`
// uploads to S3): Parapet reads only their types, and what it cannot read is unknown, not absent.

/** Scans template.yaml including ./alarms.yaml (`snippet`; none: no such file) with lambda.no-error-alarm. */
function scanIncluding(snippet: string | undefined) {
  const dir = mkdtempSync(join(tmpdir(), 'parapet-included-resources-'));
  const include =
    '  Fn::Transform:\n    Name: AWS::Include\n    Parameters:\n      Location: ./alarms.yaml\n';
  writeFileSync(join(dir, 'template.yaml'), template(lambdaFunction('Fn') + include));
  if (snippet !== undefined) writeFileSync(join(dir, 'alarms.yaml'), snippet);
  const result = scan([dir], {
    checks: ALL_CHECKS.filter((c) => c.id === 'lambda.no-error-alarm'),
    config: EMPTY_CONFIG,
    scanDate: new Date('2026-11-25'),
    includePassed: true,
    cwd: dir,
  });
  return { ...result, findings: result.findings.map((f) => [f.status, f.message]) };
}

const INCLUDE_WARNING =
  'template.yaml:10:3: Resources holds an Fn::Transform (AWS::Include or a macro), which Parapet does not run: the resources it adds are not checked';
const UNKNOWN_ADDED =
  'what it adds is not known (Parapet checks none of it, and takes the template as one that may add any resource)';
const MAY_ADD = [
  'unknown',
  'No CloudWatch alarm in this template watches its Errors and Throttles metrics, but transform ' +
    'AWS::Include of ./alarms.yaml in Resources, which Parapet does not run, may add one.',
];

describe('resources included from a file beside the template (AWS::Include in Resources)', () => {
  it('that does not parse are a scan error at its line, naming the template and its line; the scan goes on', () => {
    const { errors, warnings, findings } = scanIncluding(
      'FnErrors:\n  Type: AWS::CloudWatch::Alarm\n  Properties: {\n',
    );
    expect(errors).toEqual([
      {
        kind: 'parse',
        file: 'alarms.yaml',
        line: 4,
        column: 1,
        message:
          'cannot parse ./alarms.yaml, which the AWS::Include in Resources of template.yaml (line 13) brings: ' +
          `unexpected end of the stream within a flow collection; ${UNKNOWN_ADDED}`,
      },
    ]);
    expect(warnings).toEqual([INCLUDE_WARNING]);
    // What it adds is unknown, not absent: no alarm is not a failure.
    expect(findings).toEqual([MAY_ADD]);
  });

  it('that cannot be read are a warning at the Location', () => {
    const { errors, warnings, findings } = scanIncluding(undefined);
    expect(errors).toEqual([]);
    expect(warnings).toEqual([
      INCLUDE_WARNING,
      `template.yaml:13:7: the AWS::Include in Resources brings ./alarms.yaml, which Parapet cannot read (no such file or folder): ${UNKNOWN_ADDED}`,
    ]);
    expect(findings).toEqual([MAY_ADD]);
  });

  it('that parse with issues the parse reads on past are warnings at their lines in the file', () => {
    const { errors, warnings, findings } = scanIncluding(
      'FnErrors:\n  Type: AWS::CloudWatch::Alarm\n  Properties:\n    Threshold: 1\n    Threshold: 2\n    AlarmName: !Sbu x\n',
    );
    const brought = 'in ./alarms.yaml, which the AWS::Include in Resources of template.yaml (line 13) brings';
    expect(errors).toEqual([]);
    expect(warnings).toEqual([
      `alarms.yaml:5:5: key Threshold repeated (first at line 4); the last one is used (${brought})`,
      `alarms.yaml:6:16: unknown intrinsic function !Sbu (${brought}): ${UNKNOWN_ADDED}`,
      INCLUDE_WARNING,
    ]);
    // The unknown tag leaves its types unknown: it may add an alarm.
    expect(findings).toEqual([MAY_ADD]);
  });

  it('with a repeated key alone are still read for their types', () => {
    const { warnings, findings } = scanIncluding(
      'FnErrors:\n  Type: AWS::CloudWatch::Dashboard\n  Type: AWS::CloudWatch::Dashboard\n',
    );
    expect(warnings).toEqual([
      'alarms.yaml:3:3: key Type repeated (first at line 2); the last one is used (in ./alarms.yaml, which the AWS::Include in Resources of template.yaml (line 13) brings)',
      INCLUDE_WARNING,
    ]);
    expect(findings).toEqual([
      ['fail', 'No CloudWatch alarm in this template watches its Errors and Throttles metrics.'],
    ]);
  });

  it('that parse are no error: their types are read', () => {
    const { errors, warnings, findings } = scanIncluding(
      'Dashboard:\n  Type: AWS::CloudWatch::Dashboard\n  Properties: { DashboardBody: "{}" }\n',
    );
    expect([errors, warnings]).toEqual([[], [INCLUDE_WARNING]]);
    expect(findings).toEqual([
      ['fail', 'No CloudWatch alarm in this template watches its Errors and Throttles metrics.'],
    ]);
  });
});
