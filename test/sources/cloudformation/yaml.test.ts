import { describe, expect, it } from 'vitest';
import { parseJson } from '../../../src/sources/cloudformation/json.js';
import { type ParsedFile, ParseError, parseYaml } from '../../../src/sources/cloudformation/yaml.js';

const doc = (text: string) => parseYaml(text, 't.yaml').value as Record<string, any>;

describe('parseYaml', () => {
  it('turns every short-form tag into its long form', () => {
    const v = doc(`
a: !Ref P
b: !GetAtt Fn.Arn
c: !GetAtt [Fn, Arn]
d: !Sub 'x-\${AWS::Region}'
e: !Sub ['\${A}', { A: b }]
f: !Join [',', [a, b]]
g: !If [C, 1, 2]
h: !Select [0, !GetAZs '']
i: !Split [',', 'a,b']
j: !FindInMap [M, K, V]
k: !ImportValue Exported
l: !Base64 text
m: !Cidr [10.0.0.0/16, 2, 8]
n: !Equals [a, b]
o: !And [!Condition C, !Not [!Condition D]]
p: !Or [!Condition C, !Condition D]
q: !GetAtt Layer.Outputs.Arn
`);
    expect(v.a).toEqual({ Ref: 'P' });
    expect(v.b).toEqual({ 'Fn::GetAtt': ['Fn', 'Arn'] });
    expect(v.c).toEqual({ 'Fn::GetAtt': ['Fn', 'Arn'] });
    expect(v.d).toEqual({ 'Fn::Sub': 'x-${AWS::Region}' });
    expect(v.e).toEqual({ 'Fn::Sub': ['${A}', { A: 'b' }] });
    expect(v.f).toEqual({ 'Fn::Join': [',', ['a', 'b']] });
    expect(v.g).toEqual({ 'Fn::If': ['C', 1, 2] });
    expect(v.h).toEqual({ 'Fn::Select': [0, { 'Fn::GetAZs': '' }] });
    expect(v.i).toEqual({ 'Fn::Split': [',', 'a,b'] });
    expect(v.j).toEqual({ 'Fn::FindInMap': ['M', 'K', 'V'] });
    expect(v.k).toEqual({ 'Fn::ImportValue': 'Exported' });
    expect(v.l).toEqual({ 'Fn::Base64': 'text' });
    expect(v.m).toEqual({ 'Fn::Cidr': ['10.0.0.0/16', 2, 8] });
    expect(v.n).toEqual({ 'Fn::Equals': ['a', 'b'] });
    expect(v.o).toEqual({ 'Fn::And': [{ Condition: 'C' }, { 'Fn::Not': [{ Condition: 'D' }] }] });
    expect(v.p).toEqual({ 'Fn::Or': [{ Condition: 'C' }, { Condition: 'D' }] });
    expect(v.q).toEqual({ 'Fn::GetAtt': ['Layer', 'Outputs.Arn'] });
  });

  it('keeps the last of repeated keys, as CloudFormation does', () => {
    expect(doc('a: 1\nb: 2\na: 3\n')).toEqual({ a: 3, b: 2 });
  });

  it('reads a flow collection closed at the parent key indentation', () => {
    const v = doc('Resources:\n  Fn:\n    Layers: [a,\n      b\n    ]\n    Other: 1\n');
    expect(v.Resources.Fn.Layers).toEqual(['a', 'b']);
  });

  it('turns an unknown tag into a value, not a parse failure', () => {
    expect(doc('a: !Bogus x\n')).toEqual({ a: { '!Bogus': 'x' } });
  });

  it('reports each unknown tag once, where it is written, with the value it made', () => {
    const parsed = parseYaml(
      'a: !Bogus x\nb:\n  - !Ref P\n  - !If [C, !Other {k: 1}, 2]\nc: !!binary aGk=\nd: !!str 5\n',
      't.yaml',
    );
    const v = parsed.value as Record<string, any>;
    expect(parsed.errors.map(({ node, ...rest }) => rest)).toEqual([
      { message: 'unknown intrinsic function !Bogus', line: 1, column: 4 },
      { message: 'unknown intrinsic function !Other', line: 4, column: 13 },
      { message: 'unsupported YAML tag !!binary', line: 5, column: 4 },
    ]);
    expect(parsed.errors[0]?.node).toBe(v.a);
    expect(parsed.errors[1]?.node).toBe(v.b[1]['Fn::If'][1]);
    expect(v.c).toEqual({ '!!binary': 'aGk=' });
    expect(v.d).toBe('5');
    expect(parsed.warnings).toEqual([]);
  });

  it('keeps dates as the text written (CloudFormation reads them as strings)', () => {
    expect(doc('a: 2027-01-31\nb: 2027-13-45\nc: 2027-01-31T10:00:00Z\nd: 5\ne: true\nf: ~\n')).toEqual({
      a: '2027-01-31',
      b: '2027-13-45',
      c: '2027-01-31T10:00:00Z',
      d: 5,
      e: true,
      f: null,
    });
  });

  it('still reads merge keys, and an explicit key over a merged one is no repetition', () => {
    const parsed = parseYaml('base: &b { x: 1, y: 2 }\nm:\n  <<: *b\n  y: 3\n', 't.yaml');
    expect((parsed.value as Record<string, any>).m).toEqual({ x: 1, y: 3 });
    expect(parsed.warnings).toEqual([]);
  });

  it('finds a repeated key beside a merge key that adds as many keys', () => {
    const parsed = parseYaml('base: &b { x: 1, y: 2 }\nm:\n  <<: *b\n  a: 1\n  a: 2\n', 't.yaml');
    expect((parsed.value as Record<string, any>).m).toEqual({ x: 1, y: 2, a: 2 });
    expect(parsed.warnings.map((w) => w.message)).toEqual([
      'key a repeated (first at line 4); the last one is used',
    ]);
  });

  it('warns about each repeated key with both lines, and keeps the last', () => {
    const text =
      'Resources:\n  Fn:\n    Type: A\n  Q: {}\n  Fn:\n    Type: B\n    Type: C\n  Fn: { Type: D }\n';
    const parsed = parseYaml(text, 't.yaml');
    expect((parsed.value as Record<string, any>).Resources).toEqual({ Fn: { Type: 'D' }, Q: {} });
    expect(parsed.warnings).toEqual([
      { message: 'key Fn repeated (first at line 2); the last one is used', line: 5, column: 3 },
      { message: 'key Type repeated (first at line 6); the last one is used', line: 7, column: 5 },
      { message: 'key Fn repeated (first at line 2); the last one is used', line: 8, column: 3 },
    ]);
    expect(parsed.locator.locate((parsed.value as Record<string, any>).Resources, 'Fn')).toEqual({
      line: 8,
      column: 3,
    });
  });

  it('locates keys and sequence items by line and column', () => {
    const text =
      'Resources:\n  Fn:\n    Type: AWS::Lambda::Function\n    Properties:\n      Runtime: python3.7 # old\n      Layers:\n        - a\n        - b\n';
    const parsed = parseYaml(text, 't.yaml');
    const v = parsed.value as Record<string, any>;
    const props = v.Resources.Fn.Properties;
    expect(parsed.locator.locate(props, 'Runtime')).toEqual({ line: 5, column: 7 });
    expect(parsed.locator.locate(props.Layers, 1)).toEqual({ line: 8, column: 11 });
    expect(parsed.locator.locate(v.Resources, 'Fn')).toEqual({ line: 2, column: 3 });
    // a missing key has no position; callers fall back to the resource
    expect(parsed.locator.locate(props, 'Missing')).toBeUndefined();
  });

  it('locates the keys of a document written as one flow mapping', () => {
    const parsed = parseYaml('{Resources: {Fn: {Type: A}}, Outputs: {}}\n', 't.yaml');
    const v = parsed.value as Record<string, any>;
    expect(parsed.locator.locate(v, 'Outputs')).toEqual({ line: 1, column: 30 });
    expect(parsed.locator.locate(v.Resources, 'Fn')).toEqual({ line: 1, column: 14 });
  });

  it('locates keys of a large mapping, the last of a repeated key, and not a missing one', () => {
    // 40 resources: past the size where keys are looked up through an index.
    const names = Array.from({ length: 40 }, (_, i) => `R${i}`);
    const text = `Resources:\n${names.map((n) => `  ${n}: 1\n`).join('')}  R7: 2\n`;
    const parsed = parseYaml(text, 't.yaml');
    const resources = (parsed.value as Record<string, any>).Resources;
    expect(parsed.locator.locate(resources, 'R39')).toEqual({ line: 41, column: 3 });
    expect(parsed.locator.locate(resources, 'R7')).toEqual({ line: 42, column: 3 });
    expect(parsed.locator.locate(resources, 'R40')).toBeUndefined();
  });
  it('reports malformed YAML with its line', () => {
    try {
      parseYaml('a: [1, 2\nb: : :\n', 't.yaml');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ParseError);
      expect((error as ParseError).line).toBeGreaterThanOrEqual(1);
    }
  });
});

describe('parseJson', () => {
  it('locates keys lazily', () => {
    const text =
      '{\n  "Resources": {\n    "Fn": {\n      "Type": "AWS::Lambda::Function",\n      "Properties": { "Runtime": "nodejs12.x", "Layers": ["a", "b"] }\n    }\n  }\n}\n';
    const parsed = parseJson(text, 't.json');
    const props = (parsed.value as any).Resources.Fn.Properties;
    const line5 = text.split('\n')[4] as string;
    expect(parsed.locator.locate(props, 'Runtime')).toEqual({
      line: 5,
      column: line5.indexOf('"Runtime"') + 1,
    });
    expect(parsed.locator.locate(props.Layers, 1)).toEqual({ line: 5, column: line5.indexOf('"b"') + 1 });
  });

  it('warns about repeated keys with both lines, and keeps the last', () => {
    const text = '{\n  "a": 1,\n  "b": { "c": 1, "c": 2 },\n  "a": 3\n}\n';
    const parsed = parseJson(text, 't.json');
    expect(parsed.value).toEqual({ a: 3, b: { c: 2 } });
    expect(parsed.warnings).toEqual([
      { message: 'key c repeated (first at line 3); the last one is used', line: 3, column: 18 },
      { message: 'key a repeated (first at line 2); the last one is used', line: 4, column: 3 },
    ]);
    expect(parsed.locator.locate(parsed.value as object, 'a')).toEqual({ line: 4, column: 3 });
  });

  it('is not misled by strings that hold quotes and colons', () => {
    const text = '{ "a\\"": "x\\": y", "b": ["\\\\", "c:"], "d": { "e\\\\": ":" } }';
    const parsed = parseJson(text, 't.json');
    expect(parsed.value).toEqual({ 'a"': 'x": y', b: ['\\', 'c:'], d: { 'e\\': ':' } });
    expect(parsed.warnings).toEqual([]);
    expect(parsed.errors).toEqual([]);
  });

  it('reports malformed JSON with line and column', () => {
    try {
      parseJson('{\n  "a": 1,\n  "b": }\n', 't.json');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ParseError);
      expect((error as ParseError).line).toBe(3);
      expect((error as ParseError).column).toBe(8);
      expect((error as ParseError).message).toContain('unexpected "}"');
    }
  });
});

describe('a byte order mark at the start of a file', () => {
  const body = '{\n  "Resources": {\n    "Q": { "Type": "AWS::SQS::Queue" }\n  }\n}\n';

  it('is not JSON, but is read past, and columns are counted as editors show them', () => {
    const parsed = parseJson(`\uFEFF${body}`, 'bom.json');
    const plain = parseJson(body, 'plain.json');
    const resources = (doc: ParsedFile) => (doc.value as { Resources: object }).Resources;
    expect(resources(parsed)).toEqual(resources(plain));
    expect(parsed.locator.locate(resources(parsed), 'Q')).toEqual({ line: 3, column: 5 });
  });

  it('is read past in YAML too', () => {
    const parsed = parseYaml('\uFEFFResources:\n  Q:\n    Type: AWS::SQS::Queue\n', 'bom.yaml');
    const resources = (parsed.value as { Resources: object }).Resources;
    expect(parsed.locator.locate(resources, 'Q')).toEqual({ line: 2, column: 3 });
  });
});
