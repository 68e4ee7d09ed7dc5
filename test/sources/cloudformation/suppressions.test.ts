import { describe, expect, it } from 'vitest';
import check from '../../../src/checks/lambda/tracing-not-active.js';
import { applySuppressions } from '../../../src/findings/suppress.js';
import { scanTemplate } from '../../helpers/scan-template.js';

/** A function without tracing (so lambda.tracing-not-active fails) with `ignore` entries written below it. */
const template = (ignore: string) => `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Hook:
    Type: AWS::Lambda::Function
    Metadata:
      parapet:
${ignore}    Properties:
      Runtime: python3.13
      Handler: app.handler
      Role: arn:aws:iam::123456789012:role/r
      Code: { ZipFile: 'x' }
`;

const TODAY = new Date('2026-11-25T00:00:00Z');

function read(ignore: string) {
  const scan = scanTemplate(template(ignore), check);
  const applied = applySuppressions(scan.failed, scan.inventory, [], TODAY);
  return {
    suppressions: scan.inventory.resolve('Hook')?.suppressions ?? [],
    errors: scan.errors.map((e) => ({ line: e.line, message: e.message })),
    error: scan.errors[0],
    finding: applied.findings.find((f) => f.checkId === 'lambda.tracing-not-active'),
  };
}

describe('inline suppressions (Metadata.parapet.ignore)', () => {
  it('reads a well-formed entry, the date kept as written', () => {
    const out = read(
      '        ignore:\n          - id: lambda.tracing-not-active\n            reason: tracing next quarter\n            expires: 2027-01-31\n',
    );
    expect(out.errors).toEqual([]);
    expect(out.suppressions).toEqual([
      expect.objectContaining({
        id: 'lambda.tracing-not-active',
        reason: 'tracing next quarter',
        expires: '2027-01-31',
      }),
    ]);
    expect(out.finding?.suppressed).toEqual({
      reason: 'tracing next quarter',
      by: 'inline',
      expires: '2027-01-31',
    });
  });

  it('calls an entry written as a plain check id a template error at its line, and does not suppress', () => {
    const out = read('        ignore:\n          - lambda.tracing-not-active\n');
    expect(out.errors).toEqual([
      {
        line: 8,
        message:
          'Metadata.parapet.ignore[0] of Hook (the 1st entry) is the text "lambda.tracing-not-active", not a ' +
          'suppression; write "- id: lambda.tracing-not-active" with a "reason: ..." below it. It suppresses nothing',
      },
    ]);
    expect(out.error).toMatchObject({
      kind: 'template',
      file: 'template.yaml',
      resource: 'Hook',
      column: 13,
    });
    expect(out.suppressions).toEqual([]);
    expect(out.finding?.suppressed).toBeUndefined();
  });

  it('refuses an entry without a reason, at its line', () => {
    const out = read(
      '        ignore:\n          - id: lambda.tracing-not-active\n            reason: "  "\n',
    );
    expect(out.errors).toEqual([
      {
        line: 8,
        message:
          'suppression of lambda.tracing-not-active on Hook has no reason; a reason is required, so it does not apply',
      },
    ]);
    expect(out.finding?.suppressed).toBeUndefined();
  });

  it('refuses a date that is not a real YYYY-MM-DD date, at the expires line, instead of calling it expired', () => {
    const problems: Record<string, string> = {
      '31/12/2027': '31/12/2027 is not a date (YYYY-MM-DD)',
      '2027-13-45': '2027-13-45 is not a real date (no such day)',
      '"2027-02-30"': '2027-02-30 is not a real date (no such day)',
    };
    for (const [written, problem] of Object.entries(problems)) {
      const out = read(
        `        ignore:\n          - id: lambda.tracing-not-active\n            reason: later\n            expires: ${written}\n`,
      );
      expect(out.errors).toEqual([
        {
          line: 10,
          message: `suppression of lambda.tracing-not-active on Hook: expires ${problem}, so it does not apply`,
        },
      ]);
      expect(out.finding?.suppressed).toBeUndefined();
    }
  });

  it('refuses an unknown key, guessing the key meant (once, not also as a missing reason)', () => {
    const out = read(
      '        ignore:\n          - id: lambda.tracing-not-active\n            reson: later\n',
    );
    expect(out.errors).toEqual([
      {
        line: 9,
        message:
          'suppression of lambda.tracing-not-active on Hook has an unknown key "reson" (did you mean "reason"?); ' +
          'the keys are id, reason, expires, so it does not apply',
      },
    ]);
    expect(out.finding?.suppressed).toBeUndefined();
  });

  it('refuses an entry without an id, and keeps the good entries beside a broken one', () => {
    const out = read(
      '        ignore:\n          - reason: no id here\n          - id: lambda.*\n            reason: all lambda checks\n',
    );
    expect(out.errors).toEqual([
      {
        line: 8,
        message:
          'Metadata.parapet.ignore[0] of Hook (the 1st entry) has no id (the check id or glob it suppresses); it suppresses nothing',
      },
    ]);
    expect(out.suppressions.map((s) => s.id)).toEqual(['lambda.*']);
    expect(out.finding?.suppressed?.reason).toBe('all lambda checks');
  });

  it('refuses an ignore that is not a list, and an unknown key under parapet', () => {
    expect(read('        ignore: lambda.tracing-not-active\n').errors).toEqual([
      {
        line: 7,
        message:
          'Metadata.parapet.ignore of Hook is not a list; write one "- id: <check id>" entry per check',
      },
    ]);
    expect(read('        ignores: []\n').errors).toEqual([
      {
        line: 7,
        message:
          'Metadata.parapet of Hook has an unknown key "ignores" (did you mean "ignore"?); the keys are ignore',
      },
    ]);
  });

  it('locates errors in JSON templates too', () => {
    const json = JSON.stringify(
      {
        Resources: {
          Hook: {
            Type: 'AWS::Lambda::Function',
            Metadata: { parapet: { ignore: ['lambda.tracing-not-active'] } },
            Properties: { Runtime: 'python3.13', Handler: 'a.b', Role: 'arn:aws:iam::1:role/r', Code: {} },
          },
        },
      },
      null,
      2,
    );
    const scan = scanTemplate(json, check);
    expect(scan.errors).toEqual([
      expect.objectContaining({ kind: 'template', file: 'template.json', line: 8, resource: 'Hook' }),
    ]);
  });
});
