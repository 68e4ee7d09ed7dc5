// biome-ignore-all lint/suspicious/noTemplateCurlyInString: CloudFormation `${...}` templates are written in these tests
import { describe, expect, it } from 'vitest';
import { buildTemplateInventory } from '../../../src/sources/cloudformation/template.js';
import { parseYaml } from '../../../src/sources/cloudformation/yaml.js';
import { runtimeFunction } from '../../helpers/templates.js';

// Which conditions a build records as decided by parameter defaults, and the words for their other value.

const HEAD = `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  Env: { Type: String, Default: prod }
  Tier: { Type: String, Default: small, AllowedValues: [small, large] }
  Region: { Type: String }
  DbPassword: { Type: String, NoEcho: true, Default: hunter2 }
Conditions:
  IsDev: !Equals [!Ref Env, dev]
  IsProd: !Equals [!Ref Env, prod]
  IsSmall: !Equals [!Ref Tier, small]
  Both: !And [!Condition IsProd, !Condition IsSmall]
  NotDev: !Not [!Condition IsDev]
  InEu: !Equals [!Ref Region, eu]
  Secret: !Equals [!Ref DbPassword, x]
  Always: !Equals [a, a]
Resources:
`;

function byDefault(
  runtime: string,
  options: { parameters?: Record<string, string>; conditions?: Map<string, boolean> } = {},
) {
  const parsed = parseYaml(HEAD + runtimeFunction(runtime), 'template.yaml');
  const built = buildTemplateInventory(parsed.value as Record<string, unknown>, parsed.locator, options);
  // The words and value here; what the parameters are in the other case has its own test below.
  return Object.fromEntries(
    [...built.byDefault].map(([name, { holds, otherwise }]) => [name, { holds, otherwise }]),
  );
}

function otherValuesOf(runtime: string) {
  const parsed = parseYaml(HEAD + runtimeFunction(runtime), 'template.yaml');
  const built = buildTemplateInventory(parsed.value as Record<string, unknown>, parsed.locator);
  return Object.fromEntries([...built.byDefault].map(([name, c]) => [name, c.otherValues]));
}

describe('conditions decided by parameter defaults', () => {
  it('records each with its value and what gives the other', () => {
    expect(
      byDefault("!Join ['', [!If [IsDev, a, b], !If [IsProd, a, b], !If [IsSmall, a, b], !If [Both, a, b]]]"),
    ).toEqual({
      IsDev: { holds: false, otherwise: 'Env=dev, not its default prod' },
      IsProd: { holds: true, otherwise: 'Env other than its default prod' },
      // AllowedValues leave one other value.
      IsSmall: { holds: true, otherwise: 'Tier=large, not its default small' },
      Both: {
        holds: true,
        // An !And that holds fails when either part does: each is named, none chosen.
        otherwise:
          'Env other than prod or Tier other than small; Env: its default prod; Tier: its default small',
      },
    });
  });

  it('does not show the default of a NoEcho parameter', () => {
    expect(byDefault('!If [Secret, a, b]')).toEqual({
      Secret: { holds: false, otherwise: 'DbPassword other than its default (value not shown)' },
    });
  });

  it('leaves out conditions not known before deploy, decided whatever the parameters, or decided by -p', () => {
    expect(byDefault('!If [InEu, a, !If [Always, b, c]]')).toEqual({});
    expect(byDefault('!If [IsDev, a, b]', { parameters: { Env: 'dev' } })).toEqual({});
  });

  it('leaves out one decided from a condition taken as true or false: its value is not the defaults', () => {
    const taken = new Map([['IsDev', true]]);
    expect(byDefault('!If [NotDev, a, b]', { conditions: taken })).toEqual({});
    // NotDev is false only where IsDev holds: with Env=dev, not with any value other than prod.
    expect(byDefault('!If [NotDev, a, b]')).toEqual({
      NotDev: { holds: true, otherwise: 'Env=dev, not its default prod' },
    });
  });
});

describe('what the parameters are where a default-decided condition takes its other value', () => {
  it('is the one value that gives it, else a value not known before deploy other than the default', () => {
    const values = otherValuesOf("!Join ['', [!If [IsDev, a, b], !If [IsProd, a, b], !If [Secret, a, b]]]");
    expect(values.IsDev).toEqual({ Env: 'dev' });
    expect(values.IsProd?.Env).toEqual(
      expect.objectContaining({
        reason: 'from parameter Env, other than its default prod',
        template: '${Env}',
      }),
    );
    // A NoEcho parameter is never given text, not even the one its condition compares with (`x`).
    expect(JSON.stringify(values.Secret)).not.toContain('hunter2');
    expect(values.Secret?.DbPassword).toEqual(
      expect.objectContaining({
        reason: 'from parameter DbPassword, other than its default (value not shown)',
      }),
    );
  });
});

describe('an empty default', () => {
  it('is written "" rather than left out', () => {
    const text = `Parameters:
  Bucket: { Type: String, Default: '' }
  Prefix: { Type: String, Default: logs }
Conditions:
  Named: !Not [!Equals [!Ref Bucket, '']]
  Both: !And [!Condition Named, !Equals [!Ref Prefix, x]]
Resources:
${runtimeFunction('!If [Both, a, b]')}`;
    const parsed = parseYaml(text, 'template.yaml');
    const built = buildTemplateInventory(parsed.value as Record<string, unknown>, parsed.locator);
    // Both parts must hold for Both to: Bucket leaves its empty default, Prefix takes the value compared.
    expect(built.byDefault.get('Both')?.otherwise).toBe(
      'Bucket other than its default ""; Prefix=x, not its default logs',
    );
    expect(built.byDefault.get('Both')?.otherValues.Prefix).toBe('x');
  });
});

describe('a comparison under Fn::Not', () => {
  const text = `Parameters:
  Reserved: { Type: Number, Default: 100 }
  KeyArn: { Type: String, Default: arn:aws:kms:eu-west-1:123456789012:key/k }
  Bucket: { Type: String, Default: '' }
  Mode: { Type: String, Default: a, AllowedValues: [a, b] }
Conditions:
  HasReserved: !Not [!Equals [!Ref Reserved, -1]]
  HasKey: !Not [!Equals [!Ref KeyArn, '']]
  Named: !Not [!Equals [!Ref Bucket, '']]
  NotA: !Not [!Equals [!Ref Mode, a]]
  Twice: !Not [!Not [!Equals [!Ref Mode, b]]]
Resources:
${runtimeFunction("!Join ['', [!If [HasReserved, a, b], !If [HasKey, a, b], !If [Named, a, b], !If [NotA, a, b], !If [Twice, a, b]]]")}`;

  function decisions() {
    const parsed = parseYaml(text, 'template.yaml');
    const built = buildTemplateInventory(parsed.value as Record<string, unknown>, parsed.locator);
    return Object.fromEntries([...built.byDefault].map(([name, c]) => [name, c]));
  }

  it('is false by the one value it compares with, when it holds with the default', () => {
    const { HasReserved, HasKey } = decisions();
    // Reserved=50 keeps HasReserved true: "other than its default 100" would send the user to the wrong value.
    expect(HasReserved).toMatchObject({
      holds: true,
      otherwise: 'Reserved=-1, not its default 100',
      otherValues: { Reserved: '-1' },
    });
    expect(HasKey).toMatchObject({
      holds: true,
      otherwise: 'KeyArn="", not its default arn:aws:kms:eu-west-1:123456789012:key/k',
      otherValues: { KeyArn: '' },
    });
  });

  it('holds by any value but the one it compares with, when it is false with the default', () => {
    const { Named } = decisions();
    expect(Named).toMatchObject({ holds: false, otherwise: 'Bucket other than its default ""' });
    expect(Named?.otherValues.Bucket).toEqual(
      expect.objectContaining({ reason: 'from parameter Bucket, other than its default ""' }),
    );
  });

  it('holds by the one other allowed value, and turns back under a second Not', () => {
    const { NotA, Twice } = decisions();
    expect(NotA).toMatchObject({
      holds: false,
      otherwise: 'Mode=b, not its default a',
      otherValues: { Mode: 'b' },
    });
    expect(Twice).toMatchObject({
      holds: false,
      otherwise: 'Mode=b, not its default a',
      otherValues: { Mode: 'b' },
    });
  });
});

describe('an !And or !Or whose parts must all go one way for it to take the other value', () => {
  it('names what each part asks (those at their default left out); one that any part may flip, all', () => {
    const text = `Parameters:
  Env: { Type: String, Default: prod }
  Region2: { Type: String, Default: a }
Conditions:
  IsDev: !Equals [!Ref Env, dev]
  IsA: !Equals [!Ref Region2, a]
  Both: !And [!Condition IsDev, !Condition IsA]
  NotEither: !Not [!Or [!Equals [!Ref Env, dev], !Equals [!Ref Region2, b]]]
Resources:
${runtimeFunction('!If [Both, a, !If [NotEither, b, c]]')}`;
    const parsed = parseYaml(text, 'template.yaml');
    const { byDefault } = buildTemplateInventory(parsed.value as Record<string, unknown>, parsed.locator);
    expect(byDefault.get('Both')?.otherwise).toBe('Env=dev, not its default prod');
    expect(byDefault.get('Both')?.otherValues).toEqual({ Env: 'dev' });
    // NotEither holds with the defaults; it fails when either part holds: each is named, none chosen.
    expect(byDefault.get('NotEither')?.otherwise).toBe(
      'Env=dev or Region2=b; Env: its default prod; Region2: its default a',
    );
  });
});

describe('an !Or of values of one parameter made true', () => {
  it('gives the case that parameter as one of those values, so a condition kept at its default stays decided', () => {
    const text = `Parameters:
  Env: { Type: String, Default: prod }
  Region2: { Type: String, Default: a }
Conditions:
  NotDevOrTest: !Not [!Or [!Equals [!Ref Env, dev], !Equals [!Ref Env, test]]]
Resources:
${runtimeFunction('!If [NotDevOrTest, a, b]')}`;
    const parsed = parseYaml(text, 'template.yaml');
    const { byDefault } = buildTemplateInventory(parsed.value as Record<string, unknown>, parsed.locator);
    const env = byDefault.get('NotDevOrTest')?.otherValues.Env;
    expect(byDefault.get('NotDevOrTest')?.otherwise).toBe('Env=dev or Env=test, not its default prod');
    expect(env && typeof env !== 'string' ? env.oneOf : env).toEqual(['dev', 'test']);
  });

  it('is worded so as a part of an !And made true, beside the other parts', () => {
    const text = `Parameters:
  Env: { Type: String, Default: prod }
  Region2: { Type: String, Default: a }
Conditions:
  NonProdInB: !And [!Or [!Equals [!Ref Env, dev], !Equals [!Ref Env, test]], !Equals [!Ref Region2, b]]
  NonProdHere: !And [!Or [!Equals [!Ref Env, dev], !Equals [!Ref Env, prod]], !Equals [!Ref Region2, b]]
Resources:
${runtimeFunction('!If [NonProdInB, a, !If [NonProdHere, b, c]]')}`;
    const parsed = parseYaml(text, 'template.yaml');
    const { byDefault } = buildTemplateInventory(parsed.value as Record<string, unknown>, parsed.locator);
    const both = byDefault.get('NonProdInB');
    expect(both?.otherwise).toBe('Env=dev or Env=test, not its default prod; Region2=b, not its default a');
    const env = both?.otherValues.Env;
    expect(env && typeof env !== 'string' ? env.oneOf : env).toEqual(['dev', 'test']);
    expect(both?.otherValues.Region2).toBe('b');
    // Its default already one of the values: only the other part must change.
    expect(byDefault.get('NonProdHere')?.otherwise).toBe('Region2=b, not its default a');
  });
});
