import { describe, expect, it } from 'vitest';
import { ParseError, parseYaml } from '../../../src/sources/cloudformation/yaml.js';
import {
  LONE_DASH_WARNING,
  LONE_DASHES_AFTER_WARNING,
  passesFor,
} from '../../../src/sources/cloudformation/yaml-lone-dashes.js';

// PyYAML (SAM CLI, AWS CLI, cfn-lint) reads `[ -, x ]` as ['-', 'x']; js-yaml and YAML 1.2 refuse it.
describe('a lone dash in a flow collection', () => {
  it("is read as the text '-', as PyYAML reads it, with a located warning", () => {
    const text = [
      'Resources:',
      '  Fn:',
      '    Type: AWS::Lambda::Function',
      '    Properties:',
      '      FunctionName: !Join [ -, [ !Ref Project, !Ref Env ] ]',
      '      Tags: [{ Key: sep, Value: -}, { Key: "a -, b", Value: x }]',
    ].join('\n');
    const parsed = parseYaml(text, 't.yaml');
    const props = (parsed.value as any).Resources.Fn.Properties;
    expect(props.FunctionName).toEqual({ 'Fn::Join': ['-', [{ Ref: 'Project' }, { Ref: 'Env' }]] });
    // A quoted text that holds the same characters keeps them.
    expect(props.Tags).toEqual([
      { Key: 'sep', Value: '-' },
      { Key: 'a -, b', Value: 'x' },
    ]);
    expect(parsed.warnings.map(({ message, line, column }) => ({ message, line, column }))).toEqual([
      { message: LONE_DASH_WARNING, line: 5, column: 29 },
      { message: LONE_DASH_WARNING, line: 6, column: 33 },
    ]);
    // Positions are those of the text as written.
    expect(parsed.locator.locate(props, 'Tags')).toMatchObject({ line: 6, column: 7 });
  });

  it('reads the last item of a flow sequence and a key', () => {
    const parsed = parseYaml('a: [b, -]\nc: {-: 1}\n', 't.yaml');
    expect(parsed.value).toEqual({ a: ['b', '-'], c: { '-': 1 } });
  });

  it('leaves a template without one as it was: no warning, the plain parse', () => {
    const parsed = parseYaml('a: [ -x, -1, "-" ]\nb: x-, y\n', 't.yaml');
    expect(parsed.value).toEqual({ a: ['-x', -1, '-'], b: 'x-, y' });
    expect(parsed.warnings).toEqual([]);
  });

  it('is still an error where PyYAML refuses it too: a dash and a space', () => {
    expect(() => parseYaml('a: [ - , b]\n', 't.yaml')).toThrow(ParseError);
  });
});

describe('a lone dash beside aliases', () => {
  it('gives the dash back once in a value aliases share', () => {
    const parsed = parseYaml('a: &x [ -, b ]\nc: [*x, *x]\n', 't.yaml');
    expect(parsed.value).toEqual({
      a: ['-', 'b'],
      c: [
        ['-', 'b'],
        ['-', 'b'],
      ],
    });
  });
});

describe('many lone dashes', () => {
  it('tells them one by one while parsing again costs little, then reads the rest at once with one warning', () => {
    const lines = Array.from({ length: 150 }, (_, i) => `k${i}: !Join [ -, [a, "x -, y"] ]`);
    const parsed = parseYaml(`${lines.join('\n')}\n`, 't.yaml');
    const value = parsed.value as Record<string, unknown>;
    expect(value.k0).toEqual({ 'Fn::Join': ['-', ['a', 'x -, y']] });
    expect(value.k149).toEqual({ 'Fn::Join': ['-', ['a', 'x -, y']] });
    const told = parsed.warnings.map((w) => [w.message === LONE_DASHES_AFTER_WARNING, w.line]);
    expect(told).toHaveLength(passesFor(lines.join('\n').length + 1));
    expect(told.at(-1)).toEqual([true, told.length]);
    expect(told.slice(0, -1).every(([after]) => after === false)).toBe(true);
  });

  it('says "and those after it" only where some follow', () => {
    // A text of over 1 MB gets four passes (passesFor): the fourth dash stands in for those after it, if any.
    const padding = `# ${'x'.repeat(1_100_000)}\n`;
    const dashes = (n: number) => Array.from({ length: n }, (_, i) => `k${i}: [ -, a ]\n`).join('');
    const told = (n: number) =>
      parseYaml(padding + dashes(n), 't.yaml').warnings.map((w) => w.message === LONE_DASHES_AFTER_WARNING);
    expect(told(4)).toEqual([false, false, false, false]);
    expect(told(6)).toEqual([false, false, false, true]);
  });

  it('parses a large text again only a few times', () => {
    expect(passesFor(40_000)).toBe(100);
    expect(passesFor(400_000)).toBe(10);
    expect(passesFor(4_000_000)).toBe(4);
  });
});
