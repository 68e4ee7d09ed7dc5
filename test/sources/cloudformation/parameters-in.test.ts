import { describe, expect, it } from 'vitest';
import { Resolver } from '../../../src/sources/cloudformation/intrinsics.js';
import { parseYaml } from '../../../src/sources/cloudformation/yaml.js';

const TEMPLATE = {
  Parameters: {
    Env: { Type: 'String', Default: 'prod' },
    Region: { Type: 'String', Default: 'eu' },
    Given: { Type: 'String', Default: 'x' },
    NoDefault: { Type: 'String' },
    FromSsm: { Type: 'AWS::SSM::Parameter::Value<String>', Default: '/app/x' },
    Day: { Type: 'String', Default: '2024-01-31' },
  },
  Conditions: {
    IsProd: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] },
    IsEu: { 'Fn::Equals': [{ Ref: 'Region' }, 'eu'] },
    Both: { 'Fn::And': [{ Condition: 'IsProd' }, 'IsEu'] },
    NotProd: { 'Fn::Not': ['IsProd'] },
    Loop1: { 'Fn::Not': [{ Condition: 'Loop2' }] },
    Loop2: { 'Fn::Not': [{ Condition: 'Loop1' }] },
  },
  Resources: { Fn: { Type: 'AWS::Lambda::Function' } },
};

function resolver() {
  return new Resolver(TEMPLATE, new Set(['Fn']), () => {}, { Given: 'y' });
}

function parametersIn(r: Resolver, raw: unknown): string[] {
  const found = new Set<string>();
  r.parametersIn(raw, found);
  return [...found].sort();
}

describe('Resolver.parametersIn', () => {
  it('finds only parameters whose default a resolution would assume', () => {
    const r = resolver();
    const raw = [{ Ref: 'Env' }, { Ref: 'Given' }, { Ref: 'NoDefault' }, { Ref: 'FromSsm' }, { Ref: 'Fn' }];
    expect(parametersIn(r, raw)).toEqual(['Env']);
  });

  it('records nothing as assumed: it walks, it does not resolve', () => {
    const r = resolver();
    parametersIn(r, { Ref: 'Env' });
    expect(r.assumed.size).toBe(0);
  });

  it('follows conditions through Condition, Fn::And, Fn::Not and condition names', () => {
    const r = resolver();
    expect(parametersIn(r, { 'Fn::If': ['Both', 'a', 'b'] })).toEqual(['Env', 'Region']);
    expect(parametersIn(r, { 'Fn::If': ['NotProd', 'a', 'b'] })).toEqual(['Env']);
  });

  it('follows both branches of an undecided Fn::If, only the taken one once it is decided', () => {
    const r = resolver();
    const raw = { 'Fn::If': ['IsEu', { Ref: 'Env' }, { Ref: 'Day' }] };
    expect(parametersIn(r, raw)).toEqual(['Day', 'Env', 'Region']);
    r.value(raw);
    expect(parametersIn(r, raw)).toEqual(['Env', 'Region']);
  });

  it('ends on circular conditions', () => {
    expect(parametersIn(resolver(), { 'Fn::If': ['Loop1', 'a', 'b'] })).toEqual([]);
  });
});

describe('Resolver assumptions', () => {
  it('records the defaults behind a condition every time it is used, not only the first', () => {
    const r = resolver();
    expect(r.conditionNamed('Both')).toBe(true);
    expect([...r.assumed].sort()).toEqual(['Env', 'Region']);
    r.resetAssumptions();
    expect(r.conditionNamed('Both')).toBe(true);
    expect([...r.assumed].sort()).toEqual(['Env', 'Region']);
  });

  it('reads a YAML date Default as the text written', () => {
    const text = 'Parameters:\n  Day: { Type: String, Default: 2024-01-31 }\nResources: {}\n';
    const template = parseYaml(text, 't.yaml').value as Record<string, unknown>;
    expect(new Resolver(template, new Set(), () => {}).value({ Ref: 'Day' })).toBe('2024-01-31');
  });
});
