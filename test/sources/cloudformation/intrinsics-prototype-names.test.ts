import { describe, expect, it } from 'vitest';
import type { TemplateIssue } from '../../../src/sources/cloudformation/intrinsic-values.js';
import { Resolver } from '../../../src/sources/cloudformation/intrinsics.js';
import { expectLikeOrdinaryName, PROTOTYPE_NAMES } from '../../helpers/prototype-names.js';

// Names of Object.prototype (`constructor`, `toString`, `__proto__`, ...) in every place the resolver looks a
// name up: undeclared, they are reported and Unknown exactly as any undeclared name; declared, they work.

function resolve(template: Record<string, unknown>, value: unknown) {
  const issues: TemplateIssue[] = [];
  const ids = new Set(Object.keys((template.Resources as object) ?? {}));
  const resolver = new Resolver(template, ids, (issue) => issues.push(issue));
  return { value: resolver.value(value), issues: issues.map((issue) => issue.message) };
}

/** `{ [name]: value }`: a computed key is an own property, `__proto__` included. */
function named(name: string, value: unknown): Record<string, unknown> {
  return { [name]: value };
}

const TEMPLATE = {
  Parameters: { Env: { Type: 'String', Default: 'prod' } },
  Mappings: { Runtimes: { prod: { Lambda: 'python3.12' } } },
  Conditions: { IsProd: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] } },
  Resources: { Fn: { Type: 'AWS::Lambda::Function' } },
};

describe.each(PROTOTYPE_NAMES)('the resolver, with the undeclared name %s', (name) => {
  it('reports a Ref to it as to any undeclared name', () => {
    expectLikeOrdinaryName((n) => resolve(TEMPLATE, { Ref: n }), name);
  });

  it('reports a GetAtt to it as to any undeclared name', () => {
    expectLikeOrdinaryName((n) => resolve(TEMPLATE, { 'Fn::GetAtt': [n, 'Arn'] }), name);
  });

  it('reports ${it} in a Sub, with or without variables, as any undeclared name', () => {
    expectLikeOrdinaryName((n) => resolve(TEMPLATE, { 'Fn::Sub': `x-\${${n}}` }), name);
    expectLikeOrdinaryName((n) => resolve(TEMPLATE, { 'Fn::Sub': [`x-\${${n}}`, { Other: 'y' }] }), name);
  });

  it('reports it as a mapping, a key or a second-level key missing from Mappings', () => {
    expectLikeOrdinaryName((n) => resolve(TEMPLATE, { 'Fn::FindInMap': [n, 'prod', 'Lambda'] }), name);
    expectLikeOrdinaryName((n) => resolve(TEMPLATE, { 'Fn::FindInMap': ['Runtimes', n, 'Lambda'] }), name);
    expectLikeOrdinaryName((n) => resolve(TEMPLATE, { 'Fn::FindInMap': ['Runtimes', 'prod', n] }), name);
  });

  it('takes the DefaultValue of a FindInMap for it, as for any key missing from Mappings', () => {
    const value = resolve(TEMPLATE, { 'Fn::FindInMap': ['Runtimes', 'prod', name, { DefaultValue: 'd' }] });
    expect(value).toEqual({ value: 'd', issues: [] });
  });

  it('reports it as a condition not defined in Conditions, wherever a condition is named', () => {
    expectLikeOrdinaryName((n) => resolve(TEMPLATE, { 'Fn::If': [n, 'a', 'b'] }), name);
    expectLikeOrdinaryName((n) => resolve(TEMPLATE, { 'Fn::Not': [{ Condition: n }] }), name);
    expectLikeOrdinaryName((n) => resolve(TEMPLATE, { 'Fn::And': [n, 'IsProd'] }), name);
  });

  it('reports it as an undefined condition when a resource names it (Conditions.named)', () => {
    expectLikeOrdinaryName((n) => {
      const issues: TemplateIssue[] = [];
      const resolver = new Resolver(TEMPLATE, new Set(['Fn']), (issue) => issues.push(issue));
      return { holds: resolver.conditionNamed(n), issues, undecided: [...resolver.undecided] };
    }, name);
  });
});

describe.each(PROTOTYPE_NAMES)('the resolver, with %s declared', (name) => {
  it('reads a parameter of that name', () => {
    const template = { Parameters: named(name, { Type: 'String', Default: 'v' }), Resources: {} };
    expect(resolve(template, { Ref: name })).toEqual({ value: 'v', issues: [] });
    expect(resolve(template, { 'Fn::Sub': `x-\${${name}}` })).toEqual({ value: 'x-v', issues: [] });
  });

  it('reads a Sub variable of that name', () => {
    expect(resolve(TEMPLATE, { 'Fn::Sub': [`x-\${${name}}`, named(name, 'v')] })).toEqual({
      value: 'x-v',
      issues: [],
    });
  });

  it('reads a mapping, a key and a second-level key of that name', () => {
    const template = { Mappings: named(name, named(name, named(name, 'found'))), Resources: {} };
    expect(resolve(template, { 'Fn::FindInMap': [name, name, name] })).toEqual({
      value: 'found',
      issues: [],
    });
  });

  it('keeps a key of that name in a mapping it resolves, as the mapping own key', () => {
    const { value } = resolve(TEMPLATE, { A: named(name, { Ref: 'Env' }) });
    const inner = (value as { A: Record<string, unknown> }).A;
    expect(Object.getPrototypeOf(inner)).toBe(Object.prototype);
    expect(Object.keys(inner)).toEqual([name]);
    expect(inner[name]).toBe('prod');
  });

  it('decides a condition of that name', () => {
    const template = {
      Conditions: named(name, { 'Fn::Equals': ['a', 'a'] }),
      Resources: {},
    };
    expect(resolve(template, { 'Fn::If': [name, 'yes', 'no'] })).toEqual({ value: 'yes', issues: [] });
  });
});
