import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isUnknown } from '../../../src/model/values.js';
import type { TemplateIssue } from '../../../src/sources/cloudformation/intrinsic-values.js';
import { Resolver } from '../../../src/sources/cloudformation/intrinsics.js';
import { MAX_BUILT_TEXT } from '../../../src/sources/cloudformation/text-intrinsics.js';
import { scanCdkOut } from '../../helpers/cdk-out.js';

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
