import { describe, expect, it } from 'vitest';
import { isUnknown, type Unknown } from '../../../src/model/values.js';
import type { TemplateIssue } from '../../../src/sources/cloudformation/intrinsic-values.js';
import { Resolver } from '../../../src/sources/cloudformation/intrinsics.js';
import { scanTemplateFile } from '../../helpers/scan-file.js';
import { roleWithStatement } from '../../helpers/templates.js';

// An Fn::Select out of range of a list written in the template is an error CloudFormation reports; out of range of
// a list that parameter values make (`!Select [1, !Split [',', !Ref ArnList]]`, ArnList defaulting to '') fails only
// a deploy with those values: the value is not known, and says what is missing.

function resolver(overrides: Record<string, string> = {}) {
  const template = {
    Parameters: {
      ArnList: { Type: 'String', Default: '' },
      Arns: { Type: 'CommaDelimitedList', Default: '' },
      Index: { Type: 'Number', Default: 5 },
      ApiToken: { Type: 'String', Default: 'abc' },
      Mode: { Type: 'String', Default: 'own' },
    },
    Conditions: { Shared: { 'Fn::Equals': [{ Ref: 'Mode' }, 'shared'] } },
    Mappings: { Sizes: { own: { Memory: 128 } } },
  };
  const issues: TemplateIssue[] = [];
  return { r: new Resolver(template, new Set(), (i) => issues.push(i), overrides), issues };
}

const reasonOf = (value: unknown) => {
  expect(isUnknown(value)).toBe(true);
  return (value as Unknown).reason;
};

describe('Fn::Select out of range', () => {
  it('of a list written in the template is a template error', () => {
    const { r, issues } = resolver();
    expect(reasonOf(r.value({ 'Fn::Select': [2, ['a', 'b']] }))).toBe('malformed Fn::Select');
    expect(issues.map((i) => i.message)).toEqual(['malformed Fn::Select: index out of range']);
  });

  it('of a list written item by item is a template error, whatever parameters its items name', () => {
    const { r, issues } = resolver();
    expect(reasonOf(r.value({ 'Fn::Select': [3, [{ Ref: 'ArnList' }, 'b', 'c']] }))).toBe(
      'malformed Fn::Select',
    );
    expect(issues.map((i) => i.message)).toEqual(['malformed Fn::Select: index out of range']);
  });

  it('of a list split from a parameter default is not known, naming the parameter and its default', () => {
    const { r, issues } = resolver();
    const value = r.value({ 'Fn::Select': [1, { 'Fn::Split': [',', { Ref: 'ArnList' }] }] });
    expect(reasonOf(value)).toBe(
      'index 1 of a list of 1 item, made from parameter ArnList with its default ""',
    );
    expect(issues).toEqual([]);
    expect([...r.assumed]).toEqual(['ArnList']);
  });

  it('of a list parameter left empty by its default says the list is empty', () => {
    const { r, issues } = resolver();
    expect(reasonOf(r.value({ 'Fn::Select': [0, { Ref: 'Arns' }] }))).toBe(
      'index 0 of an empty list, made from parameter Arns with its default ""',
    );
    expect(issues).toEqual([]);
  });

  it('of a list from a value given with -p names that value', () => {
    const { r, issues } = resolver({ ArnList: 'a,b' });
    expect(reasonOf(r.value({ 'Fn::Select': [2, { 'Fn::Split': [',', { Ref: 'ArnList' }] }] }))).toBe(
      'index 2 of a list of 2 items, made from parameter ArnList with its value "a,b"',
    );
    expect(issues).toEqual([]);
  });

  it('with an index a parameter gives, over a written list, is not known either', () => {
    const { r, issues } = resolver();
    expect(reasonOf(r.value({ 'Fn::Select': [{ Ref: 'Index' }, ['a', 'b']] }))).toBe(
      'index 5 of a list of 2 items, made from parameter Index with its default "5"',
    );
    expect(issues).toEqual([]);
  });

  it('of a list an Fn::If on a parameter condition chooses is not known, naming that parameter', () => {
    const { r, issues } = resolver();
    const value = r.value({ 'Fn::Select': [1, { 'Fn::If': ['Shared', ['a', 'b'], ['a']] }] });
    expect(reasonOf(value)).toBe(
      'index 1 of a list of 1 item, made from parameter Mode with its default "own"',
    );
    expect(issues).toEqual([]);
  });

  it('never shows the value of a parameter named as a secret', () => {
    const { r } = resolver();
    expect(reasonOf(r.value({ 'Fn::Select': [3, { 'Fn::Split': [',', { Ref: 'ApiToken' }] }] }))).toBe(
      'index 3 of a list of 1 item, made from parameter ApiToken with its default (value not shown)',
    );
  });

  it('in range of a parameter list gives the item', () => {
    const { r, issues } = resolver({ ArnList: 'a,b' });
    expect(r.value({ 'Fn::Select': [1, { 'Fn::Split': [',', { Ref: 'ArnList' }] }] })).toBe('b');
    expect(issues).toEqual([]);
  });
});

describe('Fn::FindInMap of keys the mapping lacks', () => {
  it('written in the template is a template error', () => {
    const { r, issues } = resolver();
    expect(reasonOf(r.value({ 'Fn::FindInMap': ['Sizes', 'shared', 'Memory'] }))).toBe(
      'missing mapping Sizes.shared.Memory',
    );
    expect(issues.map((i) => i.message)).toEqual(['Fn::FindInMap: Sizes.shared.Memory is not in Mappings']);
  });

  it('is a template error when no entry has the second key written, whatever the first key a parameter gives', () => {
    const { r, issues } = resolver();
    expect(reasonOf(r.value({ 'Fn::FindInMap': ['Sizes', { Ref: 'Mode' }, 'Cpu'] }))).toBe(
      'missing mapping Sizes.own.Cpu',
    );
    expect(issues.map((i) => i.message)).toEqual(['Fn::FindInMap: Sizes.own.Cpu is not in Mappings']);
  });

  it('given by a parameter value is not known, naming the parameter and its value', () => {
    const { r, issues } = resolver({ Mode: 'shared' });
    expect(reasonOf(r.value({ 'Fn::FindInMap': ['Sizes', { Ref: 'Mode' }, 'Memory'] }))).toBe(
      'Sizes.shared.Memory is not in Mappings, its keys made from parameter Mode with its value "shared"',
    );
    expect(issues).toEqual([]);
  });
});

const ROLE = (resource: string, condition?: string) => `${roleWithStatement({
  action: 'kms:Decrypt',
  resource,
  policy: 'decrypt',
  ...(condition ? { condition } : {}),
})}  Fn:
    Type: AWS::Lambda::Function
${condition ? `    Condition: ${condition}\n` : ''}    Properties:
      Runtime: python3.13
      Handler: index.handler
      Role: !GetAtt Role.Arn
      Code: { ZipFile: "def handler(e, c): return 1" }
`;

const HEAD = `AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Mode: { Type: String, Default: own, AllowedValues: [own, shared] }
  SharedConfig: { Type: String, Default: "" }
Conditions:
  UseShared: !Equals [!Ref Mode, shared]
Resources:
`;

describe('a finding on an Fn::Select out of range of a parameter list', () => {
  it('is unknown, with no scan error, and says what is missing', () => {
    const result = scanTemplateFile(
      HEAD + ROLE('!Select [1, !Split [",", !Ref SharedConfig]]'),
      'iam.role-wildcard-resource-write',
    );
    expect(result.findings.map((f) => [f.resource.id, f.status])).toEqual([['Role', 'unknown']]);
    expect(result.findings[0]?.message).toContain(
      'the Resource is not known before deploy (index 1 of a list of 1 item, made from parameter SharedConfig with its default "")',
    );
  });

  it('in a resource only a deploy overriding a default creates is unknown there, with no scan error', () => {
    const result = scanTemplateFile(
      HEAD + ROLE('!Select [1, !Split [",", !Ref SharedConfig]]', 'UseShared'),
      'iam.role-wildcard-resource-write',
    );
    expect(result.findings.map((f) => [f.resource.id, f.status])).toEqual([['Role', 'unknown']]);
    expect(result.findings[0]?.message).toMatch(
      /^When condition UseShared holds \(Mode=shared, not its default own\): /,
    );
  });

  it('fails once the value given with -p makes the index in range', () => {
    const result = scanTemplateFile(
      HEAD + ROLE('!Select [1, !Split [",", !Ref SharedConfig]]'),
      'iam.role-wildcard-resource-write',
      { SharedConfig: 'a,*' },
    );
    expect(result.findings.map((f) => [f.resource.id, f.status])).toEqual([['Role', 'fail']]);
  });
});
