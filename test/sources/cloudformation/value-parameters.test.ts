import { describe, expect, it } from 'vitest';
import { Resolver } from '../../../src/sources/cloudformation/intrinsics.js';

const TEMPLATE = {
  Parameters: {
    DbPassword: { Type: 'String', NoEcho: true, Default: 'pw-default' },
    QuotedNoEcho: { Type: 'String', NoEcho: 'true' },
    Stage: { Type: 'String', Default: 'dev' },
    Given: { Type: 'String', Default: 'x' },
    NoDefault: { Type: 'String' },
    FromSsm: { Type: 'AWS::SSM::Parameter::Value<String>', Default: '/app/x' },
    Env: { Type: 'String', Default: 'prod' },
    Index: { Type: 'Number', Default: 0 },
  },
  Conditions: {
    IsProd: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] },
    Open: { 'Fn::Equals': [{ Ref: 'NoDefault' }, 'yes'] },
  },
  Mappings: { Config: { prod: { Url: 'https://prod' } } },
  Resources: { Fn: { Type: 'AWS::Lambda::Function' } },
};

function resolver(): Resolver {
  return new Resolver(TEMPLATE, new Set(['Fn']), () => {}, { Given: 'y' });
}

/** The parameters found in `raw`, after resolving it (as the mappers do) so its conditions are decided. */
function valueParameters(raw: unknown, r = resolver()): string[] {
  r.value(raw);
  return [...r.valueParameters(raw)];
}

describe('Resolver.valueParameters', () => {
  it('finds every parameter named by Ref, defaulted, given, without default or from SSM', () => {
    const raw = {
      'Fn::Join': [
        '-',
        [{ Ref: 'Stage' }, { Ref: 'Given' }, { Ref: 'NoDefault' }, { Ref: 'FromSsm' }, { Ref: 'Fn' }],
      ],
    };
    expect(valueParameters(raw)).toEqual(['Stage', 'Given', 'NoDefault', 'FromSsm']);
  });

  it('finds ${Name} in both forms of Fn::Sub, and follows its variables, not pseudo parameters or attributes', () => {
    expect(
      valueParameters({ 'Fn::Sub': 'postgres://u:${DbPassword}@${Fn.Arn}/${AWS::Region}/${!Stage}' }),
    ).toEqual(['DbPassword']);
    expect(
      valueParameters({
        'Fn::Sub': ['${Host}/${Stage}', { Host: { 'Fn::Join': ['.', [{ Ref: 'Given' }]] } }],
      }),
    ).toEqual(['Given', 'Stage']);
  });

  it('follows only the branch of Fn::If taken, and both while the condition is open', () => {
    expect(valueParameters({ 'Fn::If': ['IsProd', { Ref: 'DbPassword' }, { Ref: 'Stage' }] })).toEqual([
      'DbPassword',
    ]);
    expect(valueParameters({ 'Fn::If': ['Open', { Ref: 'DbPassword' }, { Ref: 'Stage' }] })).toEqual([
      'DbPassword',
      'Stage',
    ]);
  });

  it('leaves out parameters that only choose a value: map keys, indexes, conditions', () => {
    expect(valueParameters({ 'Fn::FindInMap': ['Config', { Ref: 'Env' }, 'Url'] })).toEqual([]);
    expect(
      valueParameters({
        'Fn::FindInMap': ['Config', { Ref: 'Stage' }, 'Url', { DefaultValue: { Ref: 'Given' } }],
      }),
    ).toEqual(['Given']);
    expect(valueParameters({ 'Fn::Select': [{ Ref: 'Index' }, [{ Ref: 'DbPassword' }]] })).toEqual([
      'DbPassword',
    ]);
    expect(valueParameters({ 'Fn::Base64': { Ref: 'DbPassword' } })).toEqual(['DbPassword']);
  });

  it('records no assumption', () => {
    const r = resolver();
    r.resetAssumptions();
    r.valueParameters({ Ref: 'Stage' });
    expect([...r.assumed]).toEqual([]);
  });
});

describe('Resolver.parameterSource', () => {
  it('says whether the value is the default, given with -p or known only at deploy, and whether it is NoEcho', () => {
    const r = resolver();
    expect(r.parameterSource('DbPassword')).toEqual({ origin: 'default', noEcho: true });
    expect(r.parameterSource('QuotedNoEcho')).toEqual({ origin: 'deploy', noEcho: true });
    expect(r.parameterSource('Given')).toEqual({ origin: 'given', noEcho: false });
    expect(r.parameterSource('NoDefault')).toEqual({ origin: 'deploy', noEcho: false });
    // Read from Parameter Store at deploy: the SSM parameter its default names.
    expect(r.parameterSource('FromSsm')).toEqual({
      origin: 'deploy',
      noEcho: false,
      fromSsm: { path: '/app/x' },
    });
    expect(r.parameterSource('Fn')).toBeUndefined();
  });
});
