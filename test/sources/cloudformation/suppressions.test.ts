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

/** A JSON template whose function Hook has `parapet` metadata, and an `aws:cdk:path` when `cdkPath` is given. */
function readJson(parapet: unknown, cdkPath?: string) {
  const metadata = cdkPath === undefined ? { parapet } : { 'aws:cdk:path': cdkPath, parapet };
  const json = JSON.stringify(
    {
      Resources: {
        Hook: {
          Type: 'AWS::Lambda::Function',
          Metadata: metadata,
          Properties: { Runtime: 'python3.13', Handler: 'a.b', Role: 'arn:aws:iam::1:role/r', Code: {} },
        },
      },
    },
    null,
    2,
  );
  const scan = scanTemplate(json, check);
  return {
    messages: scan.errors.map((e) => e.message),
    suppressions: scan.inventory.resolve('Hook')?.suppressions,
  };
}

describe('inline suppression advice in the syntax of the template', () => {
  it('words the advice for JSON in a .json template', () => {
    expect(readJson({ ignore: ['lambda.tracing-not-active'] }).messages).toEqual([
      'Metadata.parapet.ignore[0] of Hook (the 1st entry) is the text "lambda.tracing-not-active", not a ' +
        'suppression; write {"id": "lambda.tracing-not-active", "reason": "..."}. It suppresses nothing',
    ]);
    expect(readJson({ ignore: [7] }).messages).toEqual([
      'Metadata.parapet.ignore[0] of Hook (the 1st entry) is the number 7, not a suppression; write ' +
        '{"id": "<check id>", "reason": "..."}. It suppresses nothing',
    ]);
    expect(readJson({ ignore: 'lambda.tracing-not-active' }).messages).toEqual([
      'Metadata.parapet.ignore of Hook is not a list; write one {"id": "<check id>", "reason": "..."} entry per check',
    ]);
    expect(readJson('lambda.tracing-not-active').messages).toEqual([
      'Metadata.parapet of Hook is not a mapping; write "parapet": {"ignore": [...]}',
    ]);
  });

  it('adds the CDK call for CDK output, on the L2 construct whose default child the resource is', () => {
    const out = readJson({ ignore: ['lambda.tracing-not-active'] }, 'AppStack/Hook/Resource');
    expect(out.messages).toEqual([
      'Metadata.parapet.ignore[0] of Hook (the 1st entry) is the text "lambda.tracing-not-active", not a ' +
        'suppression; write {"id": "lambda.tracing-not-active", "reason": "..."}; in the CDK app, on ' +
        "AppStack/Hook: (construct.node.defaultChild as cdk.CfnResource).addMetadata('parapet', " +
        "{ ignore: [{ id: 'lambda.tracing-not-active', reason: '...' }] }). It suppresses nothing",
    ]);
    expect(out.suppressions ?? []).toEqual([]);
  });

  it('calls addMetadata on the CfnResource itself for an L1 construct, for every kind of mistake', () => {
    const on = "in the CDK app, on AppStack/HookFn: cfnResource.addMetadata('parapet', ";
    expect(readJson({ ignore: 'lambda.*' }, 'AppStack/HookFn').messages).toEqual([
      'Metadata.parapet.ignore of Hook is not a list; write one {"id": "<check id>", "reason": "..."} entry ' +
        `per check; ${on}{ ignore: [{ id: '<check id>', reason: '...' }] })`,
    ]);
    expect(readJson(['lambda.*'], 'AppStack/HookFn').messages).toEqual([
      `Metadata.parapet of Hook is not a mapping; write "parapet": {"ignore": [...]}; ${on}` +
        "{ ignore: [{ id: '<check id>', reason: '...' }] })",
    ]);
    // A quote in what was written cannot break the TypeScript it is shown in.
    expect(readJson({ ignore: ["it's"] }, 'AppStack/HookFn').messages[0]).toContain(
      `${on}{ ignore: [{ id: 'it\\'s', reason: '...' }] })`,
    );
  });

  it('keeps the YAML wording for a YAML template, and adds the CDK call when it came from CDK', () => {
    const yaml = (metadata: string) =>
      scanTemplate(
        template(`        ignore:\n          - lambda.tracing-not-active\n`).replace(
          '    Metadata:\n',
          `    Metadata:\n${metadata}`,
        ),
        check,
      ).errors.map((e) => e.message);
    const plain = yaml('');
    expect(plain[0]).toContain('write "- id: lambda.tracing-not-active" with a "reason: ..." below it. It');
    expect(plain[0]).not.toContain('CDK');
    const cdk = yaml('      aws:cdk:path: AppStack/Hook/Resource\n');
    expect(cdk[0]).toContain(
      'write "- id: lambda.tracing-not-active" with a "reason: ..." below it; in the CDK app, on AppStack/Hook: ' +
        "(construct.node.defaultChild as cdk.CfnResource).addMetadata('parapet', ",
    );
  });

  it('still reads a well-formed entry in CDK output, as CfnResource.addMetadata writes it', () => {
    const out = readJson(
      { ignore: [{ id: 'lambda.tracing-not-active', reason: 'tracing next quarter' }] },
      'AppStack/Hook/Resource',
    );
    expect(out.messages).toEqual([]);
    expect(out.suppressions).toEqual([
      expect.objectContaining({ id: 'lambda.tracing-not-active', reason: 'tracing next quarter' }),
    ]);
  });
});
