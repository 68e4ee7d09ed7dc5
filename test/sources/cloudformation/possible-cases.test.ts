import { describe, expect, it, vi } from 'vitest';
import { Resolver } from '../../../src/sources/cloudformation/intrinsics.js';
import { isPossibleCase } from '../../../src/sources/cloudformation/possible-cases.js';
import { parseYaml } from '../../../src/sources/cloudformation/yaml.js';

// Which cases of conditions a deploy can make, where a comparison of a parameter sits under Fn::Not.

const doc = parseYaml(
  `Parameters:
  Env: { Type: String }
  Size: { Type: Number, AllowedValues: [1, 2] }
Conditions:
  NotDev: !Not [!Equals [!Ref Env, dev]]
  NotProd: !Not [!Equals [!Ref Env, prod]]
  IsProd: !Condition Prod
  Prod: !Equals [!Ref Env, prod]
  NotThree: !Not [!Equals [!Ref Size, 3]]
Resources: {}
`,
  'template.yaml',
).value as Record<string, unknown>;

const possible = (taken: Record<string, boolean>) => isPossibleCase(doc, {}, new Map(Object.entries(taken)));

describe('a comparison under Fn::Not', () => {
  it('taken false gives its parameter the value compared: two such on one parameter are not both false', () => {
    expect(possible({ NotDev: false, NotProd: false })).toBe(false);
    expect(possible({ NotDev: false, NotProd: true })).toBe(true);
    expect(possible({ NotDev: true, NotProd: true })).toBe(true);
  });

  it('is read through a Condition reference too', () => {
    expect(possible({ NotDev: false, IsProd: true })).toBe(false);
    expect(possible({ NotDev: true, IsProd: true })).toBe(true);
  });

  it('taken false needs a value AllowedValues allow', () => {
    expect(possible({ NotThree: false })).toBe(false);
    expect(possible({ NotThree: true })).toBe(true);
  });
});

describe('a comparison with a value the parameter refuses', () => {
  const constrained = parseYaml(
    `Parameters:
  Reserved: { Type: Number, Default: 100, MinValue: 1, MaxValue: 900 }
  Stage: { Type: String, Default: prod, AllowedPattern: '^[a-z]+$' }
Conditions:
  Unreserved: !Equals [!Ref Reserved, 0]
  Huge: !Equals [!Ref Reserved, 1000]
  Fifty: !Equals [!Ref Reserved, 50]
  Numbered: !Equals [!Ref Stage, stage2]
  Dev: !Equals [!Ref Stage, dev]
Resources: {}
`,
    'template.yaml',
  ).value as Record<string, unknown>;
  const can = (taken: Record<string, boolean>) =>
    isPossibleCase(constrained, {}, new Map(Object.entries(taken)));

  it('never holds: MinValue, MaxValue and AllowedPattern rule the value out', () => {
    expect(can({ Unreserved: true })).toBe(false);
    expect(can({ Huge: true })).toBe(false);
    expect(can({ Numbered: true })).toBe(false);
  });

  it("holds with the value the scan uses, refused or not: the default's case, a -p value's", () => {
    const refusedDefault = parseYaml(
      `Parameters:
  Size: { Type: Number, Default: 0, MinValue: 1, AllowedValues: [1, 2] }
Conditions:
  Small: !Equals [!Ref Size, 0]
  Huge: !Equals [!Ref Size, 99]
Resources: {}
`,
      'template.yaml',
    ).value as Record<string, unknown>;
    const possible = (given: Record<string, string>, taken: Record<string, boolean>) =>
      isPossibleCase(refusedDefault, given, new Map(Object.entries(taken)));
    expect(possible({}, { Small: true })).toBe(true);
    expect(possible({}, { Huge: true })).toBe(false);
    expect(possible({ Size: '99' }, { Huge: true })).toBe(true);
  });

  it('holds with a value the constraints allow, and is always possible false', () => {
    expect(can({ Fifty: true })).toBe(true);
    expect(can({ Dev: true })).toBe(true);
    expect(can({ Unreserved: false, Numbered: false })).toBe(true);
  });
});

describe('a comparison of a parameter read from SSM', () => {
  // Its constraints are about the SSM parameter's name (the key given at deploy); Ref gives the value stored there.
  const fromSsm = parseYaml(
    `Parameters:
  Stage: { Type: 'AWS::SSM::Parameter::Value<String>', Default: /app/stage, AllowedValues: [/app/stage] }
  Open: { Type: 'AWS::SSM::Parameter::Value<String>' }
  Plain: { Type: String, AllowedValues: [/app/stage] }
Conditions:
  SsmProd: !Equals [!Ref Stage, prod]
  SsmDev: !Equals [!Ref Stage, dev]
  NamedStage: !Equals [!Ref Stage, /app/stage]
  OpenProd: !Equals [!Ref Open, prod]
  PlainProd: !Equals [!Ref Plain, prod]
Resources: {}
`,
    'template.yaml',
  ).value as Record<string, unknown>;
  const can = (taken: Record<string, boolean>) => isPossibleCase(fromSsm, {}, new Map(Object.entries(taken)));

  it('may hold with a value outside AllowedValues, and fail with every one of them', () => {
    expect(can({ SsmProd: true })).toBe(true);
    expect(can({ NamedStage: false })).toBe(true);
  });

  it('still never holds with two values at once, as without constraints; a String is still ruled out', () => {
    expect(can({ SsmProd: true, SsmDev: true })).toBe(false);
    expect(can({ OpenProd: true })).toBe(true);
    expect(can({ PlainProd: true })).toBe(false);
  });
});

describe('conditions written alike, or one as !Not of the other', () => {
  const pair = parseYaml(
    `Parameters:
  Env: { Type: String }
  Region2: { Type: String }
Conditions:
  Both: !And [!Equals [!Ref Env, prod], !Equals [!Ref Region2, eu-west-1]]
  NotBoth: !Not [!And [!Equals [!Ref Env, prod], !Equals [!Ref Region2, eu-west-1]]]
  Again: !And [!Equals [!Ref Env, prod], !Equals [!Ref Region2, eu-west-1]]
Resources: {}
`,
    'template.yaml',
  ).value as Record<string, unknown>;
  const can = (taken: Record<string, boolean>) => isPossibleCase(pair, {}, new Map(Object.entries(taken)));

  it('never hold the same way (the !Not pair) or differently (the alike pair), whatever they compare', () => {
    expect(can({ Both: true, NotBoth: true })).toBe(false);
    expect(can({ Both: false, NotBoth: false })).toBe(false);
    expect(can({ Both: true, NotBoth: false })).toBe(true);
    expect(can({ Both: true, Again: false })).toBe(false);
    expect(can({ Both: false, Again: false })).toBe(true);
  });
});

describe('conditions an !Or or !And of !Condition parts forces', () => {
  const nested = parseYaml(
    `Parameters:
  Env: { Type: String }
Conditions:
  IsProd: !Equals [!Ref Env, prod]
  IsDev: !Equals [!Ref Env, dev]
  AnyEnv: !Or [!Condition IsProd, !Condition IsDev]
  ProdInUs: !And [!Condition IsProd, !Equals [!Ref 'AWS::Region', us-east-1]]
Resources: {}
`,
    'template.yaml',
  ).value as Record<string, unknown>;
  const can = (taken: Record<string, boolean>) => isPossibleCase(nested, {}, new Map(Object.entries(taken)));

  it('rule out a case one level down: AnyEnv false makes IsProd false, so ProdInUs cannot hold', () => {
    expect(can({ AnyEnv: false, ProdInUs: true })).toBe(false);
    expect(can({ AnyEnv: true, ProdInUs: true })).toBe(true);
    expect(can({ AnyEnv: false, ProdInUs: false })).toBe(true);
  });
});

describe('cases that share their conditions', () => {
  it('work each condition out once for what it reads of the case, with the same answers', () => {
    const count = 40;
    const many = parseYaml(
      `Parameters:\n${Array.from({ length: count }, (_, i) => `  E${i}: { Type: String, Default: 'no' }\n`).join('')}` +
        `Conditions:\n${Array.from({ length: count }, (_, i) => `  C${i}: !Equals [!Ref E${i}, 'yes']\n`).join('')}` +
        '  Both: !And [!Condition C0, !Condition C1]\nResources: {}\n',
      'template.yaml',
    ).value as Record<string, unknown>;
    const worked = vi.spyOn(Resolver.prototype, 'conditionNamed');
    // Each case: C0 to C3 taken every way, and one more condition either way (as planDefaultCases asks them).
    for (let more = 4; more < count; more++)
      for (let bits = 0; bits < 32; bits++) {
        const taken = new Map([0, 1, 2, 3, more].map((c, i) => [`C${c}`, (bits & (1 << i)) !== 0]));
        expect(isPossibleCase(many, {}, taken)).toBe(true);
      }
    // Each condition taken true or false, with its parameter given or not: not once per case (36 * 32 * 5).
    expect(worked.mock.calls.length).toBeLessThanOrEqual(2 * count);
    // Both is worked out from C0 and C1 as the case takes them.
    expect(
      isPossibleCase(
        many,
        {},
        new Map([
          ['C0', true],
          ['C1', false],
          ['Both', true],
        ]),
      ),
    ).toBe(false);
    expect(
      isPossibleCase(
        many,
        {},
        new Map([
          ['C0', true],
          ['C1', true],
          ['Both', true],
        ]),
      ),
    ).toBe(true);
    worked.mockRestore();
  });
});
