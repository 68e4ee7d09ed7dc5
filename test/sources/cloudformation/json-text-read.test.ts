import { describe, expect, it } from 'vitest';
import { isUnknown, unknown } from '../../../src/model/values.js';
import { readJsonText, subJsonText } from '../../../src/sources/cloudformation/map/json-text.js';
import { MAX_NESTING } from '../../../src/sources/cloudformation/nesting-depth.js';
import { DEFINITION_JSON } from '../../../src/sources/cloudformation/state-machine-files.js';

// The one reader of JSON text a template writes in a string: a policy document, an API's Policy, a queue's
// RedrivePolicy, a rule's EventPattern, a state machine's DefinitionString.

/** A list nested `levels` deep around `"x"`, as JSON text. */
function nested(levels: number): string {
  return `${'['.repeat(levels)}"x"${']'.repeat(levels)}`;
}

/** The value readJsonText gives, or what it gives instead. */
function readValue(text: string, leniency?: Parameters<typeof readJsonText>[1]): unknown {
  const read = readJsonText(text, leniency);
  return 'value' in read ? { value: read.value } : read;
}

describe('readJsonText', () => {
  it('gives the value of JSON text, whatever its kind', () => {
    expect(readValue('{"source":["aws.cloudwatch"]}')).toEqual({ value: { source: ['aws.cloudwatch'] } });
    expect(readValue('"text"')).toEqual({ value: 'text' });
    expect(readValue('null')).toEqual({ value: null });
  });

  it("reads past a byte order mark, as the template files are read (the reader of a rule's EventPattern, an API's Policy and a RedrivePolicy took it for text that is not JSON)", () => {
    expect(readValue('\uFEFF{"a":1}')).toEqual({ value: { a: 1 } });
  });

  it('reads text nested MAX_NESTING deep, and gives the keys down to what nests deeper', () => {
    expect(readJsonText(`{"a":${nested(MAX_NESTING - 1)}}`)).toHaveProperty('value');
    const read = readJsonText(`{"a":{"b":${nested(MAX_NESTING)}}}`);
    expect(read).toEqual({ tooDeep: ['a', 'b', ...Array<number>(MAX_NESTING - 2).fill(0)] });
    // 100,000 levels, which JSON.parse takes but the walks over the value would not.
    expect(readJsonText(nested(100_000))).toHaveProperty('tooDeep');
  });

  it('gives what stands at the first fault of text that is not JSON, and where', () => {
    const read = readJsonText('{\n  "a": 1,\n}');
    expect('invalid' in read && [read.invalid.found, read.invalid.line, read.invalid.column]).toEqual([
      'unexpected "}"',
      3,
      1,
    ]);
    // Strict JSON: `${name}` outside a string is not JSON, unless the reader says so (a DefinitionString).
    const text = '{"TimeoutSeconds": ${Timeout}}';
    expect(readJsonText(text)).toHaveProperty('invalid.found', 'unexpected "$"');
    expect(readValue(text, DEFINITION_JSON)).toEqual({ value: { TimeoutSeconds: '${Timeout}' } });
  });
});

describe('subJsonText', () => {
  const parse = (masked: string) => {
    const read = readJsonText(masked);
    return 'value' in read ? read.value : undefined;
  };
  const read = (template: string) => `<${template}>`;
  const given: Record<string, string> = { '${Count}': '5', '${Pair}': '"b": "${x}", "c"' };
  const outside = (placeholder: string) => given[placeholder] ?? unknown(`${placeholder} not known`);

  it('reads each string that holds a placeholder as `read` makes it, and refuses one outside a string by default', () => {
    expect(subJsonText('{"a": "arn:${P}:x", "n": 5}', parse, read)).toEqual({ a: '<arn:${P}:x>', n: 5 });
    expect(subJsonText('{"a": "${P}", "n": ${Count}}', parse, read)).toBeUndefined();
  });

  it('puts in what `outside` gives for a placeholder outside a string, as Fn::Sub does, and reads the text then', () => {
    expect(subJsonText('{"a": "${P}", "n": ${Count}}', parse, read, { outside })).toEqual({
      a: '<${P}>',
      n: 5,
    });
    // The quotes it gives open and close strings: `"c"` is a key again, its `: "${Q}"` a string that is read.
    expect(subJsonText('{"a": 1, ${Pair}: "${Q}"}', parse, read, { outside })).toEqual({
      a: 1,
      b: '${x}',
      c: '<${Q}>',
    });
  });

  it('gives the Unknown `outside` gives for a placeholder it does not know, without parsing the text', () => {
    const parsed: string[] = [];
    const result = subJsonText('{"a": "${P}", "n": ${Free}}', (masked) => parsed.push(masked), read, {
      outside,
    });
    expect(isUnknown(result) && result.reason).toBe('${Free} not known');
    expect(parsed).toEqual([]);
  });

  it('takes a placeholder after an escaped quote as inside the string', () => {
    expect(subJsonText('{"a": "say \\"${P}\\"", "n": ${Count}}', parse, read, { outside })).toEqual({
      a: '<say "${P}">',
      n: 5,
    });
  });
});
