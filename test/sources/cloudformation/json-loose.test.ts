// biome-ignore-all lint/suspicious/noTemplateCurlyInString: DefinitionSubstitutions' `${...}` are written in these tests
import { describe, expect, it } from 'vitest';
import { type JsonLeniency, parseJson, STRICT_JSON } from '../../../src/sources/cloudformation/json.js';
import { ParseError } from '../../../src/sources/cloudformation/yaml.js';

/** The ParseError parsing `text` throws: its message, line and column. */
function parseErrorOf(
  text: string,
  leniency?: JsonLeniency,
): [string, number | undefined, number | undefined] {
  try {
    parseJson(text, 't.json', leniency);
  } catch (error) {
    if (!(error instanceof ParseError)) throw error;
    return [error.message.split(' (')[0] as string, error.line, error.column];
  }
  throw new Error('it parsed');
}

const WARNING =
  ': not strict JSON, which some tools reject (users report that CloudFormation deploys it); read as if it were not there';

describe('a JSON template with trailing commas', () => {
  const text = '{\n  "a": [1, 2,],\n  "b": {"c": 1,},\n  "d": "x, }"\n}\n';

  it('is read, with one warning at the first comma, and keys located where written', () => {
    const parsed = parseJson(text, 't.json');
    expect(parsed.value).toEqual({ a: [1, 2], b: { c: 1 }, d: 'x, }' });
    expect(parsed.warnings).toEqual([
      {
        message: `a trailing comma (and 1 more after it)${WARNING}`,
        line: 2,
        column: 13,
      },
    ]);
    const value = parsed.value as { b: object };
    expect(parsed.locator.locate(value, 'd')).toEqual({ line: 4, column: 3 });
    expect(parsed.locator.locate(value.b, 'c')).toEqual({ line: 3, column: 9 });
  });

  it('is told with no count when there is one', () => {
    expect(parseJson('{"a": 1,\n}', 't.json').warnings).toEqual([
      { message: `a trailing comma${WARNING}`, line: 1, column: 8 },
    ]);
  });

  it('is an error still when strict JSON is asked for (a file a template names)', () => {
    expect(parseErrorOf('{"a": 1,\n}', STRICT_JSON)).toEqual(['invalid JSON: unexpected "}"', 2, 1]);
  });

  it('is an error where a comma follows no value', () => {
    expect(parseErrorOf('{"a": [,]}')).toEqual(['invalid JSON: unexpected ","', 1, 8]);
    expect(parseErrorOf('{"a": [1,,]}')).toEqual(['invalid JSON: unexpected ","', 1, 10]);
    expect(parseErrorOf('{"a":,}')).toEqual(['invalid JSON: unexpected ","', 1, 6]);
  });

  it('is an error at the fault that is not a trailing comma, when there is one', () => {
    expect(parseErrorOf('{\n  "a": [1,],\n  "b": tru\n}')).toEqual(['invalid JSON: unexpected "t"', 3, 8]);
  });
});

describe('a state machine definition in JSON with `${name}`s outside strings', () => {
  const DEFINITION: JsonLeniency = { trailingCommas: false, placeholders: true };

  it('is read with each as the text `${name}`, and every key located where written', () => {
    const text =
      '{"Wait": {"Seconds": ${Delay}, "Next": "A"},\n "A": {"Items": [${First}, 2], "Name": "${Fn.Arn}"}}';
    const parsed = parseJson(text, 't.json', DEFINITION);
    expect(parsed.value).toEqual({
      Wait: { Seconds: '${Delay}', Next: 'A' },
      A: { Items: ['${First}', 2], Name: '${Fn.Arn}' },
    });
    expect(parsed.warnings).toEqual([]);
    const value = parsed.value as { Wait: object; A: { Items: unknown[] } };
    expect(parsed.locator.locate(value.Wait, 'Next')).toEqual({ line: 1, column: 32 });
    expect(parsed.locator.locate(value.A.Items, 1)).toEqual({ line: 2, column: 28 });
    expect(parsed.locator.locate(value.A, 'Name')).toEqual({ line: 2, column: 32 });
  });

  it('is read under a key that names a property of every object as that key', () => {
    const parsed = parseJson('{"__proto__": ${X}}', 't.json', DEFINITION);
    expect(Object.getOwnPropertyDescriptor(parsed.value, '__proto__')?.value).toBe('${X}');
    expect(Object.getPrototypeOf(parsed.value)).toBe(Object.prototype);
  });

  it('is an error in a template, which CloudFormation parses before it fills anything', () => {
    expect(parseErrorOf('{"Seconds": ${Delay}}')).toEqual(['invalid JSON: unexpected "$"', 1, 13]);
  });

  it('is an error where the file is broken for another reason, or two stand where one value goes', () => {
    expect(parseErrorOf('{"Seconds": ${Delay},\n "Next": }', DEFINITION)).toEqual([
      'invalid JSON: unexpected "}"',
      2,
      10,
    ]);
    expect(parseErrorOf('{"Seconds": ${A}${B}}', DEFINITION)).toEqual([
      'invalid JSON: unexpected "$"',
      1,
      17,
    ]);
    expect(parseErrorOf('{${Key}: 1}', DEFINITION)).toEqual(['invalid JSON: unexpected "$"', 1, 2]);
  });
});

describe('a JSON template with a control character written raw inside a string', () => {
  const RAW = ' written raw inside a string';
  const READ =
    ': not strict JSON, which other tools reject (CloudFormation reads it); read as part of the string, as lenient JSON readers do';

  it('is read with the character in the string, one warning at the first, and lines counted as written', () => {
    const text =
      '{\n "Metadata": { "note": "a line\n  broken",\n  "tab": "a\tb" },\n "After": {"k": "v"}\n}\n';
    const parsed = parseJson(text, 't.json');
    expect(parsed.value).toEqual({ Metadata: { note: 'a line\n  broken', tab: 'a\tb' }, After: { k: 'v' } });
    expect(parsed.warnings).toEqual([
      { message: `a line break${RAW} (and 1 more after it)${READ}`, line: 2, column: 31 },
    ]);
    const value = parsed.value as { Metadata: object; After: object };
    expect(parsed.locator.locate(value.Metadata, 'tab')).toEqual({ line: 4, column: 3 });
    expect(parsed.locator.locate(value.After, 'k')).toEqual({ line: 5, column: 12 });
  });

  it('names a tab, a carriage return and another control character as such', () => {
    expect(parseJson('{"a": "x\ty"}', 't.json').warnings[0]?.message).toBe(`a tab${RAW}${READ}`);
    expect(parseJson('{"a": "x\r\ny"}', 't.json').warnings[0]?.message).toBe(
      `a line break${RAW} (and 1 more after it)${READ}`,
    );
    expect(parseJson('{"a": "x\u0007y"}', 't.json').warnings[0]?.message).toBe(
      `a control character (U+0007)${RAW}${READ}`,
    );
  });

  it('keeps escapes beside it as they decode, and reads a key that holds one under its name', () => {
    const parsed = parseJson('{"a\nb": {"c": "\\n\n\\t"}, "__proto__": "x\ny", "1": ["p\tq", 2]}', 't.json');
    const value = parsed.value as Record<string, unknown>;
    expect(Object.keys(value)).toEqual(['1', 'a\nb', '__proto__']);
    expect(value['a\nb']).toEqual({ c: '\n\n\t' });
    expect(Object.getOwnPropertyDescriptor(value, '__proto__')?.value).toBe('x\ny');
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(value['1']).toEqual(['p\tq', 2]);
    expect(parsed.locator.locate(value['a\nb'] as object, 'c')).toEqual({ line: 2, column: 6 });
    expect(parsed.locator.locate(value, 'a\nb')).toEqual({ line: 1, column: 2 });
  });

  it('is read with trailing commas in the same file', () => {
    const parsed = parseJson('{"a": "x\ny",\n "b": [1,],}', 't.json');
    expect(parsed.value).toEqual({ a: 'x\ny', b: [1] });
    expect(parsed.warnings.map((w) => [w.line, w.column])).toEqual([
      [3, 9],
      [1, 9],
    ]);
  });

  it('is an error still in strict JSON (a file a template names), and after a backslash', () => {
    expect(parseErrorOf('{"a": "x\ny"}', STRICT_JSON)).toEqual(['invalid JSON: unexpected "\\n"', 1, 9]);
    expect(parseErrorOf('{"a": "x\\\ny"}')).toEqual(['invalid JSON: unexpected "\\\\"', 1, 9]);
  });

  it('is an error at the line break of a string left open, not at the end of the file', () => {
    expect(parseErrorOf('{"a": "x\n}\n')).toEqual(['invalid JSON: unexpected "\\n"', 1, 9]);
  });

  it('is an error at a later fault, on the line where it is written', () => {
    expect(parseErrorOf('{"a": "x\ny",\n "b": tru}')).toEqual(['invalid JSON: unexpected "t"', 3, 7]);
  });
});

describe('a JSON template with a raw line break and nesting deeper than Parapet reads', () => {
  it('is the error for the nesting, found before the strings are put back', () => {
    const depth = 50_000;
    const text = `{"a": "x\ny", "b": ${'['.repeat(depth)}${']'.repeat(depth)}}`;
    expect(() => parseJson(text, 't.json')).toThrow(/deeper than 200 levels/);
  });
});
