import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isUnknown } from '../../../src/model/values.js';
import type { TemplateIssue } from '../../../src/sources/cloudformation/intrinsic-values.js';
import { Resolver } from '../../../src/sources/cloudformation/intrinsics.js';
import { MAX_BUILT_TEXT } from '../../../src/sources/cloudformation/text-intrinsics.js';
import { scanCdkOut } from '../../helpers/cdk-out.js';
import { scanTemplateFile } from '../../helpers/scan-file.js';

// Text built of text grows with each level: within the 200 levels a template may nest, an Fn::Sub naming its variable
// ten times (itself an Fn::Sub) or an Fn::Base64 of an Fn::Base64 outgrew memory: 9 such Fn::Subs hung the scan
// (each variable resolved, and walked for parameters, once per mention), 66 Fn::Base64s failed it (ERR_STRING_TOO_LONG).

function resolve(value: unknown, parameters: Record<string, unknown> = {}) {
  const issues: TemplateIssue[] = [];
  const template = { Parameters: parameters, Resources: {} };
  return new Resolver(template, new Set(), (issue) => issues.push(issue)).value(value);
}

/** `levels` of `make` around `x`. */
function nest(levels: number, make: (inner: unknown) => unknown): unknown {
  let value: unknown = 'x';
  for (let i = 0; i < levels; i++) value = make(value);
  return value;
}

const tenTimes = (inner: unknown) => ({ 'Fn::Sub': ['${X}'.repeat(10), { X: inner }] });

describe('text the resolver builds', () => {
  it('is not known past MAX_BUILT_TEXT characters, whichever function builds it', () => {
    const expectTooLong = (value: unknown, fn: string) => {
      const got = resolve(value);
      expect(isUnknown(got) && got.reason).toBe(
        `${fn} makes text longer than ${MAX_BUILT_TEXT.toLocaleString('en-US')} characters, which Parapet does not build`,
      );
    };
    expectTooLong(nest(9, tenTimes), 'Fn::Sub');
    expectTooLong({ 'Fn::Base64': 'x'.repeat((MAX_BUILT_TEXT / 4) * 3 + 1) }, 'Fn::Base64');
    expect(resolve({ 'Fn::Base64': 'x'.repeat((MAX_BUILT_TEXT / 4) * 3) })).toHaveLength(MAX_BUILT_TEXT);
    const half = 'x'.repeat(MAX_BUILT_TEXT / 2);
    expectTooLong({ 'Fn::Join': ['', [half, half, 'y']] }, 'Fn::Join');
    // Up to it, as before.
    expect(resolve({ 'Fn::Join': ['', [half, half]] })).toHaveLength(MAX_BUILT_TEXT);
    expect(resolve(nest(6, tenTimes))).toBe('x'.repeat(1_000_000));
  });

  it('is not known past MAX_BUILT_TEXT characters of Fn::ToJsonString, counted as the JSON is written', () => {
    // Keys, strings with escapes, numbers, booleans, null, empty lists and maps: exactly the limit is built.
    const value = (n: number) => [{ a: 'x'.repeat(n), 'q"': 'é\n' }, 1.5, true, null, [], {}, ['y']];
    const base = JSON.stringify(value(0)).length;
    const atLimit = resolve({ 'Fn::ToJsonString': value(MAX_BUILT_TEXT - base) });
    expect(atLimit).toBe(JSON.stringify(value(MAX_BUILT_TEXT - base)));
    expect(atLimit).toHaveLength(MAX_BUILT_TEXT);
    const over = resolve({ 'Fn::ToJsonString': value(MAX_BUILT_TEXT - base + 1) });
    expect(isUnknown(over) && over.reason).toBe(
      `Fn::ToJsonString makes text longer than ${MAX_BUILT_TEXT.toLocaleString('en-US')} characters, which Parapet does not build`,
    );
  });

  it('keeps a scan whose Fn::ToJsonString repeats a YAML alias past what a string holds short, and the rest checked', () => {
    // A 10 KB string named 100,000 times through anchors (within the million values a YAML file may expand to):
    // 1 GB of JSON, past the longest string Node makes ("Invalid string length" failed the file).
    const anchors = [`  S0: &s0 ${'x'.repeat(10_000)}`];
    for (let i = 1; i <= 5; i++)
      anchors.push(
        `  S${i}: &s${i} [${Array(10)
          .fill(`*s${i - 1}`)
          .join(', ')}]`,
      );
    const text = `Transform: AWS::LanguageExtensions
Metadata:
${anchors.join('\n')}
Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: python3.6
      Handler: a.b
      Role: arn:aws:iam::123456789012:role/r
      Code: { ZipFile: x }
      Environment:
        Variables:
          J: !ToJsonString [*s5]
`;
    const start = Date.now();
    const { findings } = scanTemplateFile(text, 'lambda.runtime-deprecated');
    expect(Date.now() - start).toBeLessThan(10_000);
    expect(findings.map((f) => [f.checkId, f.status])).toEqual([['lambda.runtime-deprecated', 'fail']]);
  });

  it('keeps a scan of such a template short, and the rest of it checked', () => {
    const dir = mkdtempSync(join(tmpdir(), 'parapet-built-text-'));
    const variables = { A: nest(9, tenTimes), B: nest(66, (inner) => ({ 'Fn::Base64': inner })) };
    const fn = {
      Type: 'AWS::Lambda::Function',
      Properties: {
        Runtime: 'python3.6',
        Handler: 'a.b',
        Role: 'arn:aws:iam::123456789012:role/r',
        Code: { ZipFile: 'x' },
        Environment: { Variables: variables },
      },
    };
    writeFileSync(join(dir, 't.json'), JSON.stringify({ Resources: { F: fn } }));
    const start = Date.now();
    const { result } = scanCdkOut(dir);
    expect(Date.now() - start).toBeLessThan(10_000);
    expect(result.errors).toEqual([]);
    expect(result.findings.some((f) => f.checkId === 'lambda.runtime-deprecated')).toBe(true);
  });
});
