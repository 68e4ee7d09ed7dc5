import { describe, expect, it } from 'vitest';
import { isPossibleCase } from '../../../src/sources/cloudformation/possible-cases.js';
import { parseYaml } from '../../../src/sources/cloudformation/yaml.js';

// Which cases of conditions a deploy can make, where a comparison of a parameter sits under Fn::And or Fn::Or: the
// values the parameter can take are tried, so that two conditions that need it to be A and B are never both true.

const template = (mode: string, extra = '') =>
  parseYaml(
    `Parameters:
  Mode: ${mode}
  Options: { Type: String, AllowedValues: [New, None], Default: New }
Conditions:
  New: !Equals [!Ref Options, New]
  IsA: !And [!Equals [!Ref Mode, A], !Condition New]
  IsB: !And [!Equals [!Ref Mode, B], !Condition New]
  AnyOf: !Or [!Equals [!Ref Mode, A], !Equals [!Ref Mode, B]]
${extra}Resources: {}
`,
    'template.yaml',
  ).value as Record<string, unknown>;

const can = (
  doc: Record<string, unknown>,
  taken: Record<string, boolean>,
  given: Record<string, string> = {},
) => isPossibleCase(doc, given, new Map(Object.entries(taken)));

describe('comparisons of a parameter with AllowedValues under Fn::And', () => {
  const doc = template('{ Type: String, AllowedValues: [A, B] }');

  it('never both hold when they need the parameter to be two values', () => {
    expect(can(doc, { IsA: true, IsB: true })).toBe(false);
    expect(can(doc, { IsA: true, IsB: false })).toBe(true);
    expect(can(doc, { IsA: false, IsB: true })).toBe(true);
  });

  it('never both fail where the other part holds: one allowed value makes one of them', () => {
    expect(can(doc, { IsA: false, IsB: false, New: true })).toBe(false);
    // Options=None makes both false.
    expect(can(doc, { IsA: false, IsB: false })).toBe(true);
    expect(can(doc, { IsA: false, IsB: false, New: false })).toBe(true);
  });

  it('reads an Fn::Or alike: with AllowedValues [A, B], AnyOf always holds', () => {
    expect(can(doc, { AnyOf: false })).toBe(false);
    expect(can(doc, { AnyOf: true })).toBe(true);
  });

  it('keeps the value given with -p', () => {
    expect(can(doc, { IsA: true }, { Mode: 'B' })).toBe(false);
    expect(can(doc, { IsB: true }, { Mode: 'B' })).toBe(true);
  });
});

describe('comparisons of a parameter without AllowedValues under Fn::And', () => {
  const doc = template('{ Type: String }');

  it('never both hold when they need two values, and may both fail (another value)', () => {
    expect(can(doc, { IsA: true, IsB: true })).toBe(false);
    expect(can(doc, { IsA: false, IsB: false, New: true })).toBe(true);
    expect(can(doc, { AnyOf: false })).toBe(true);
  });

  it('leaves a parameter read otherwise than compared with a text (Fn::Join) free', () => {
    const joined = template(
      '{ Type: String }',
      "  Joined: !Equals [!Join ['', [!Ref Mode, '-x']], 'C-x']\n  IsC: !And [!Condition Joined, !Condition New]\n",
    );
    // Mode=C makes Joined and IsC hold while IsA and IsB do not: C is not among the texts Mode is compared with.
    expect(can(joined, { IsA: false, IsB: false, New: true, IsC: true })).toBe(true);
  });
});

describe('the values tried', () => {
  it('are bounded: past the bound, the case is kept (not ruled out)', () => {
    const names = Array.from({ length: 8 }, (_, i) => `P${i}`);
    const doc = parseYaml(
      `Parameters:\n${names.map((p) => `  ${p}: { Type: String, AllowedValues: [a, b] }\n`).join('')}` +
        `Conditions:\n  All: !And [${names.map((p) => `!Equals [!Ref ${p}, a]`).join(', ')}]\n` +
        `  Other: !And [${names.map((p) => `!Equals [!Ref ${p}, a]`).join(', ')}, !Equals [!Ref P0, a]]\n` +
        'Resources: {}\n',
      'template.yaml',
    ).value as Record<string, unknown>;
    // 2^8 combinations: more than Parapet tries, so the impossible case stays.
    expect(can(doc, { All: true, Other: false })).toBe(true);
  });
});

describe('a parameter no allowed value of which a deploy can give', () => {
  // Every allowed value breaks the parameter's AllowedPattern: no deploy gives any, and the cases are not ruled out
  // (a template CloudFormation refuses whatever is given is not a reason to call a case impossible).
  const doc = template("{ Type: String, AllowedValues: [A, B], AllowedPattern: '^[a-z]+$' }");

  it('is left free: no case is ruled out by its comparisons', () => {
    expect(can(doc, { IsA: true, IsB: false })).toBe(true);
    expect(can(doc, { IsA: false, IsB: true })).toBe(true);
    expect(can(doc, { AnyOf: false })).toBe(true);
  });
});
