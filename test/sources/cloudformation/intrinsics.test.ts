import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isUnknown, Unknown } from '../../../src/model/values.js';
import { ResourceRef, type TemplateIssue } from '../../../src/sources/cloudformation/intrinsic-values.js';
import { Resolver } from '../../../src/sources/cloudformation/intrinsics.js';

function resolver(template: Record<string, unknown>, overrides: Record<string, string> = {}) {
  const issues: TemplateIssue[] = [];
  const ids = new Set(Object.keys((template.Resources as object) ?? {}));
  return { r: new Resolver(template, ids, (i) => issues.push(i), overrides), issues };
}

const base = {
  Parameters: {
    Env: { Type: 'String', Default: 'prod' },
    NoDefault: { Type: 'String' },
    Subnets: { Type: 'CommaDelimitedList', Default: 'subnet-1, subnet-2' },
    FromSsm: { Type: 'AWS::SSM::Parameter::Value<String>', Default: '/app/runtime' },
  },
  Mappings: { Regions: { prod: { Runtime: 'python3.12' } } },
  Conditions: {
    IsProd: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] },
    IsDev: { 'Fn::Not': [{ Condition: 'IsProd' }] },
    Unknowable: { 'Fn::Equals': [{ Ref: 'NoDefault' }, 'x'] },
    Loop1: { Condition: 'Loop2' },
    Loop2: { Condition: 'Loop1' },
  },
  Resources: { Fn: { Type: 'AWS::Lambda::Function' }, Role: { Type: 'AWS::IAM::Role' } },
};

describe('Resolver', () => {
  it('uses parameter defaults and remembers them as assumptions', () => {
    const { r } = resolver(base);
    expect(r.value({ Ref: 'Env' })).toBe('prod');
    expect([...r.assumed]).toEqual(['Env']);
  });

  it('treats a value given on the command line as known, not assumed', () => {
    const { r } = resolver(base, { NoDefault: 'given' });
    expect(r.value({ Ref: 'NoDefault' })).toBe('given');
    expect(r.assumed.size).toBe(0);
  });

  it('is Unknown for a parameter without default, SSM parameters, pseudo parameters and imports', () => {
    const { r } = resolver(base);
    const noDefault = r.value({ Ref: 'NoDefault' }) as Unknown;
    expect(isUnknown(noDefault)).toBe(true);
    expect(noDefault.reason).toContain('NoDefault');
    expect(isUnknown(r.value({ Ref: 'FromSsm' }))).toBe(true);
    expect(isUnknown(r.value({ Ref: 'AWS::AccountId' }))).toBe(true);
    expect(isUnknown(r.value({ 'Fn::ImportValue': 'x' }))).toBe(true);
  });

  it('splits list parameters', () => {
    expect(resolver(base).r.value({ Ref: 'Subnets' })).toEqual(['subnet-1', 'subnet-2']);
  });

  it('links Ref and GetAtt of resources instead of guessing values', () => {
    const { r } = resolver(base);
    expect(r.value({ Ref: 'Fn' })).toEqual(new ResourceRef('Fn'));
    expect(r.value({ 'Fn::GetAtt': ['Role', 'Arn'] })).toEqual(new ResourceRef('Role', 'Arn'));
  });

  it('substitutes known parts of Sub and keeps the shape of unknown ones', () => {
    const { r } = resolver(base);
    expect(r.value({ 'Fn::Sub': 'app-${Env}' })).toBe('app-prod');
    const partial = r.value({ 'Fn::Sub': 'arn:aws:s3:::${Fn}-${Env}/*' }) as Unknown;
    expect(isUnknown(partial)).toBe(true);
    expect(partial.template).toBe('arn:aws:s3:::${Fn}-prod/*');
    // It says which of its names are resources: specific text, where a parameter could be anything.
    expect(partial.resources).toEqual(['Fn']);
    const mixed = r.value({ 'Fn::Sub': '${Fn}/${Role.Arn}/${NoDefault}/${Fn}' }) as Unknown;
    expect(mixed.resources).toEqual(['Fn', 'Role.Arn']);
    const joined = r.value({ 'Fn::Join': ['/', [{ Ref: 'Fn' }, { Ref: 'NoDefault' }]] }) as Unknown;
    expect([joined.template, joined.resources]).toEqual(['${Fn}/${NoDefault}', ['Fn']]);
    expect((r.value({ 'Fn::Sub': '${NoDefault}-x' }) as Unknown).resources).toBeUndefined();
    expect(r.value({ 'Fn::Sub': ['${A}-${!Literal}', { A: 'x' }] })).toBe('x-${Literal}');
  });

  it("says which parameters' constraints keep wildcards out, through Sub and Join", () => {
    const { r } = resolver({
      ...base,
      Parameters: {
        ...base.Parameters,
        Bucket: { Type: 'String', AllowedPattern: '^[a-z0-9.-]*$' },
        Stage: { Type: 'String', AllowedValues: ['dev', 'prod'] },
        Loose: { Type: 'String', AllowedPattern: '^[a-z0-9.*-]*$' },
      },
    });
    expect((r.value({ Ref: 'Bucket' }) as Unknown).noWildcard).toEqual(['Bucket']);
    expect((r.value({ Ref: 'Loose' }) as Unknown).noWildcard).toBeUndefined();
    expect((r.value({ Ref: 'NoDefault' }) as Unknown).noWildcard).toBeUndefined();
    const sub = r.value({
      'Fn::Sub': ['arn:aws:s3:::${name}/${Stage}/${Loose}/*', { name: { Ref: 'Bucket' } }],
    }) as Unknown;
    expect([sub.template, sub.noWildcard]).toEqual([
      'arn:aws:s3:::${Bucket}/${Stage}/${Loose}/*',
      ['Bucket', 'Stage'],
    ]);
    const joined = r.value({ 'Fn::Join': ['-', [{ Ref: 'Fn' }, { Ref: 'Stage' }]] }) as Unknown;
    expect([joined.resources, joined.noWildcard]).toEqual([['Fn'], ['Stage']]);
  });

  it('names an import in the shape of text joined around it', () => {
    const { r } = resolver(base);
    const joined = (piece: unknown) =>
      (r.value({ 'Fn::Join': ['', ['arn:aws:s3:::', piece]] }) as Unknown).template;
    expect(joined({ 'Fn::ImportValue': 'Shared:Bucket' })).toBe('arn:aws:s3:::${ImportValue Shared:Bucket}');
    expect(joined({ 'Fn::ImportValue': { 'Fn::Sub': '${AWS::StackName}-Bucket' } })).toBe(
      'arn:aws:s3:::${?}',
    );
  });

  it('names an import given to a Sub variable as Fn::Join names it, not by the variable', () => {
    const { r } = resolver(base);
    const subbed = (variable: unknown) =>
      (r.value({ 'Fn::Sub': ['arn:aws:secretsmanager:::secret:${S}', { S: variable }] }) as Unknown).template;
    expect(
      subbed({
        'Fn::ImportValue': { 'Fn::Join': ['-', [{ Ref: 'Env' }, { 'Fn::Select': [0, ['a', 'b']] }]] },
      }),
    ).toBe('arn:aws:secretsmanager:::secret:${ImportValue prod-a}');
    expect(subbed({ 'Fn::ImportValue': { 'Fn::Sub': '${AWS::StackName}-Secret' } })).toBe(
      'arn:aws:secretsmanager:::secret:${?}',
    );
    // A variable named like a resource of the template (Fn) is no reference to it: its value is not known.
    const fn = r.value({
      'Fn::Sub': ['arn:aws:lambda:::function:${Fn}', { Fn: { 'Fn::If': ['Unknowable', 'a', 'b'] } }],
    }) as Unknown;
    expect(fn.template).toBe('arn:aws:lambda:::function:${?}');
    // A parameter keeps its own name.
    expect((r.value({ 'Fn::Sub': 'x-${NoDefault}' }) as Unknown).template).toBe('x-${NoDefault}');
  });

  it('joins, selects, splits and finds in maps', () => {
    const { r } = resolver(base);
    expect(r.value({ 'Fn::Join': ['-', ['a', { Ref: 'Env' }]] })).toBe('a-prod');
    expect(
      (r.value({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':x']] }) as Unknown).template,
    ).toBe('arn:${AWS::Partition}:x');
    expect(r.value({ 'Fn::Select': [1, ['a', 'b']] })).toBe('b');
    expect(r.value({ 'Fn::Split': [',', 'a,b'] })).toEqual(['a', 'b']);
    expect(r.value({ 'Fn::FindInMap': ['Regions', { Ref: 'Env' }, 'Runtime'] })).toBe('python3.12');
  });

  describe('Fn::FindInMap over a key a parameter chooses', () => {
    const retention = (entries: Record<string, unknown>) => ({
      ...base,
      Mappings: { Retention: Object.fromEntries(Object.entries(entries).map(([k, v]) => [k, { Days: v }])) },
    });
    const find = (key: unknown) => ({ 'Fn::FindInMap': ['Retention', key, 'Days'] });

    it('gives the one value every entry has, of any scalar type, whatever the key: no default assumed', () => {
      for (const days of [3, '3', true]) {
        const { r, issues } = resolver(retention({ prod: days, dev: days }));
        expect(r.value(find({ Ref: 'NoDefault' }))).toBe(days);
        expect(r.value(find({ Ref: 'Env' }))).toBe(days);
        expect([[...r.assumed], issues]).toEqual([[], []]);
      }
    });

    it('assumes the default of the parameter that chooses between entries that differ', () => {
      const { r } = resolver(retention({ prod: 3, dev: 7 }));
      expect(r.value(find({ Ref: 'Env' }))).toBe(3);
      expect([...r.assumed]).toEqual(['Env']);
    });

    it('keeps a default assumed elsewhere in the same resolution, and one a second key takes', () => {
      const { r } = resolver(retention({ prod: 3, dev: 3 }));
      r.value({ Ref: 'Env' });
      expect(r.value(find({ Ref: 'Env' }))).toBe(3);
      expect([...r.assumed]).toEqual(['Env']);
      const second = resolver({ ...base, Mappings: { M: { a: { prod: 1 }, b: { prod: 1 } } } }).r;
      expect(second.value({ 'Fn::FindInMap': ['M', { Ref: 'NoDefault' }, { Ref: 'Env' }] })).toBe(1);
      expect([...second.assumed]).toEqual(['Env']);
    });

    it('is one of the texts of the values that differ, numbers too, where the key is not known', () => {
      const { r } = resolver(retention({ prod: 7, dev: 3, test: '3' }));
      expect(r.value(find({ Ref: 'NoDefault' }))).toMatchObject({
        reason:
          'Fn::FindInMap over Retention, its key not known before deploy: from parameter NoDefault, which has no default',
        oneOf: ['3', '7'],
      });
    });

    it('says a known key no entry has is missing, though every entry has one value', () => {
      const { r } = resolver(retention({ dev: 3, test: 3 }));
      expect((r.value(find({ Ref: 'Env' })) as Unknown).reason).toMatch(
        /^Retention\.prod\.Days is not in Mappings/,
      );
    });
  });

  it('honours conditions, and is Unknown when a condition cannot be decided', () => {
    const { r } = resolver(base);
    expect(r.value({ 'Fn::If': ['IsProd', 'a', 'b'] })).toBe('a');
    expect(r.value({ 'Fn::If': ['IsDev', 'a', 'b'] })).toBe('b');
    expect(isUnknown(r.value({ 'Fn::If': ['Unknowable', 'a', 'b'] }))).toBe(true);
    expect(r.value({ a: { Ref: 'AWS::NoValue' }, b: 1 })).toEqual({ b: 1 });
  });

  it('gives one of its branches for an Fn::If on an undecided condition whose branches are written as text', () => {
    const { r, issues } = resolver(base);
    const either = r.value({ 'Fn::If': ['Unknowable', 'events.amazonaws.com.cn', 'events.amazonaws.com'] });
    expect(either).toMatchObject({
      reason: expect.stringMatching(/^depends on condition Unknowable: /),
      oneOf: ['events.amazonaws.com.cn', 'events.amazonaws.com'],
    });
    expect(r.shallow({ 'Fn::If': ['Unknowable', 'a', 'a'] })).toMatchObject({ oneOf: ['a'] });
    // A branch that is an intrinsic is not resolved here (its errors belong to the deploys that take it).
    const ref = r.value({ 'Fn::If': ['Unknowable', { 'Fn::FindInMap': ['Nope', 'x', 'y'] }, 'b'] });
    expect([isUnknown(ref), (ref as Unknown).oneOf]).toEqual([true, undefined]);
    expect(issues).toEqual([]);
    // A condition CloudFormation rejects gives no deploy to judge either branch in.
    expect((resolver(base).r.value({ 'Fn::If': ['Loop1', 'a', 'b'] }) as Unknown).oneOf).toBeUndefined();
  });

  it('reports circular conditions instead of looping', () => {
    const { r, issues } = resolver(base);
    expect(isUnknown(r.conditionNamed('Loop1'))).toBe(true);
    expect(issues.some((i) => i.message.includes('circular'))).toBe(true);
  });

  it('reports unknown intrinsics and references to nothing', () => {
    const { r, issues } = resolver(base);
    expect(isUnknown(r.value({ 'Fn::Bogus': 'x' }))).toBe(true);
    expect(isUnknown(r.value({ Ref: 'Nowhere' }))).toBe(true);
    expect(isUnknown(r.value({ 'Fn::GetAtt': ['Nowhere', 'Arn'] }))).toBe(true);
    expect(isUnknown(r.value({ 'Fn::Sub': 'arn:${Const::FunctionArn}' }))).toBe(true);
    expect(issues.map((i) => i.message)).toEqual([
      'unknown intrinsic function "Fn::Bogus"',
      'Ref to "Nowhere", which is neither a parameter nor a resource of this template',
      'Fn::GetAtt to "Nowhere", which is not a resource of this template',
      '${Const::FunctionArn} in Fn::Sub names "Const::FunctionArn", which is neither a parameter, a resource nor a variable of the Sub',
    ]);
  });

  it('reads an unknown tag as Unknown without reporting it again (the YAML reader did)', () => {
    const { r, issues } = resolver(base);
    expect(isUnknown(r.value({ '!Bogus': 'x' }))).toBe(true);
    expect(issues).toEqual([]);
  });

  it('shallow keeps plain objects as they are, so locations survive', () => {
    const { r } = resolver(base);
    const props = { Variables: { A: 1 } };
    expect(r.shallow(props)).toBe(props);
    expect(r.shallow({ 'Fn::If': ['IsProd', props, {}] })).toBe(props);
  });

  it('gives a string with unknown parts the reason of a part that could be anything, not of a pseudo parameter', () => {
    const { r } = resolver({ Parameters: { Bucket: { Type: 'String' } }, Resources: {} });
    const sub = r.value({ 'Fn::Sub': 'arn:${AWS::Partition}:s3:::${Bucket}/*' }) as Unknown;
    expect(sub.reason).toBe('from parameter Bucket, which has no default');
    expect(sub.template).toBe('arn:${AWS::Partition}:s3:::${Bucket}/*');
    const join = r.value({ 'Fn::Join': [':', [{ Ref: 'AWS::Region' }, { Ref: 'Bucket' }]] }) as Unknown;
    expect(join.reason).toBe('from parameter Bucket, which has no default');
    const pseudoOnly = r.value({ 'Fn::Sub': '${AWS::Region}-${AWS::AccountId}' }) as Unknown;
    expect(pseudoOnly.reason).toBe('the region the stack is deployed to');
  });

  it('shallow names the condition an undecidable Fn::If hangs on', () => {
    const { r } = resolver({
      Parameters: { Env: { Type: 'String' } },
      Conditions: { IsDev: { 'Fn::Equals': [{ Ref: 'Env' }, 'dev'] } },
      Resources: {},
    });
    const value = r.shallow({ 'Fn::If': ['IsDev', { A: 1 }, {}] }) as Unknown;
    expect(isUnknown(value)).toBe(true);
    expect(value.reason).toMatch(/^depends on condition IsDev: /);
  });
});

describe('Fn::Sub', () => {
  it('substitutes like the regular expression CloudFormation documents, for any text', () => {
    const { r } = resolver({ Parameters: { A: { Type: 'String', Default: 'x' } }, Resources: {} });
    // The reference: each ${...} replaced; ${!Name} kept literally as ${Name}.
    const expected = (text: string) =>
      text.replace(/\$\{([^}]*)\}/g, (_whole, inner: string) =>
        inner.startsWith('!') ? `\${${inner.slice(1)}}` : inner.trim() === 'A' ? 'x' : `<${inner}>`,
      );
    const pieces = fc.constantFrom('${', '}', '$', '{', 'A', ' A ', '!A', 'b', ':', '\n');
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 24 }), (parts) => {
        const text = parts.join('');
        const got = r.value({ 'Fn::Sub': [text, { B: 'y' }] });
        // Only A (a parameter) and literals appear, so every substitution is known unless a name is not A.
        const names = [...text.matchAll(/\$\{([^}]*)\}/g)].map((m) => m[1] as string);
        if (names.every((n) => n.startsWith('!') || n.trim() === 'A')) expect(got).toBe(expected(text));
        else expect(isUnknown(got)).toBe(true);
      }),
    );
  });
});

describe('Resolver and availability zones', () => {
  it('keeps the index of Fn::Select over Fn::GetAZs so zones can be compared', () => {
    const { r } = resolver(base);
    const zone = r.value({ 'Fn::Select': [1, { 'Fn::GetAZs': '' }] }) as Unknown;
    expect(isUnknown(zone)).toBe(true);
    expect(zone.template).toBe('${AWS::AZs[1]}');
  });
});

describe('Fn::Length and Fn::ToJsonString (AWS::LanguageExtensions)', () => {
  const extended = { ...base, Transform: ['AWS::LanguageExtensions', 'AWS::Serverless-2016-10-31'] };

  it('counts a known list, a list parameter with the default assumed', () => {
    const { r } = resolver(extended);
    expect(r.value({ 'Fn::Length': ['a', { Ref: 'Env' }, 'c'] })).toBe(3);
    expect(r.value({ 'Fn::Length': { Ref: 'Subnets' } })).toBe(2);
    expect([...r.assumed].sort()).toEqual(['Env', 'Subnets']);
  });

  it('is Unknown for a list not known before deploy, with the reason', () => {
    const { r } = resolver({
      ...extended,
      Parameters: { ...base.Parameters, Ids: { Type: 'CommaDelimitedList' } },
    });
    const length = r.value({ 'Fn::Length': { Ref: 'Ids' } }) as Unknown;
    expect(isUnknown(length)).toBe(true);
    expect(length.reason).toBe(
      'Fn::Length of a list not known before deploy (from parameter Ids, which has no default)',
    );
    expect(isUnknown(r.value({ 'Fn::Length': { 'Fn::GetAZs': '' } }))).toBe(true);
  });

  it('writes known objects and lists as compact JSON', () => {
    const { r } = resolver(extended);
    expect(r.value({ 'Fn::ToJsonString': { key1: 'value1', key2: { Ref: 'Env' } } })).toBe(
      '{"key1":"value1","key2":"prod"}',
    );
    expect(r.value({ 'Fn::ToJsonString': [{ key1: 'value1' }, { Ref: 'Env' }] })).toBe(
      '[{"key1":"value1"},"prod"]',
    );
    expect(isUnknown(r.value({ 'Fn::ToJsonString': { arn: { 'Fn::GetAtt': ['Fn', 'Arn'] } } }))).toBe(true);
  });

  it('reports arguments of the wrong kind', () => {
    const { r, issues } = resolver(extended);
    expect(isUnknown(r.value({ 'Fn::Length': 'abc' }))).toBe(true);
    expect(isUnknown(r.value({ 'Fn::ToJsonString': 'abc' }))).toBe(true);
    expect(issues.map((i) => i.message)).toEqual([
      'malformed Fn::Length: not a list',
      'malformed Fn::ToJsonString: not an object or a list',
    ]);
  });

  it('are reported in a template without the transform, as CloudFormation rejects them, and resolved anyway', () => {
    const { r, issues } = resolver(base);
    expect(r.value({ 'Fn::Length': ['a', 'b'] })).toBe(2);
    expect(r.value({ 'Fn::ToJsonString': { a: 'b' } })).toBe('{"a":"b"}');
    expect(issues.map((i) => i.message)).toEqual([
      "CloudFormation rejects Fn::Length without the AWS::LanguageExtensions transform: add it to the template's Transform (resolved and checked anyway)",
      "CloudFormation rejects Fn::ToJsonString without the AWS::LanguageExtensions transform: add it to the template's Transform (resolved and checked anyway)",
    ]);
  });
});

describe('values a parent stack gives', () => {
  const fromParent = {
    Env: new Unknown('reference to resource Queue of stack Parent', '${Queue}'),
    FromSsm: new Unknown('reference to resource Name of stack Parent', '${Name}'),
  };
  const make = (overrides: Record<string, string> = {}) =>
    new Resolver(base, new Set(), () => {}, overrides, new Map(), fromParent);

  it('replace the default and a -p value, and are not assumed defaults', () => {
    const r = make({ Env: 'dev' });
    const value = r.value({ Ref: 'Env' }) as Unknown;
    expect(value.reason).toBe('reference to resource Queue of stack Parent');
    expect(value.template).toBe('${Queue}');
    expect(r.value({ 'Fn::Sub': 'q-${Env}' })).toEqual(
      new Unknown('reference to resource Queue of stack Parent', 'q-${Queue}'),
    );
    expect([...r.assumed]).toEqual([]);
    expect(r.parameterSource('Env')?.origin).toBe('deploy');
  });

  it('leave other parameters and SSM parameters as they were', () => {
    const r = make();
    expect(r.value({ Ref: 'NoDefault' })).toEqual(
      new Unknown('from parameter NoDefault, which has no default', '${NoDefault}'),
    );
    expect((r.value({ Ref: 'FromSsm' }) as Unknown).reason).toContain('SSM Parameter Store');
  });
});
