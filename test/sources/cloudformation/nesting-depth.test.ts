import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { parseJson } from '../../../src/sources/cloudformation/json.js';
import { MAX_EXPANDED_VALUES, MAX_NESTING } from '../../../src/sources/cloudformation/nesting-depth.js';
import { parseYaml } from '../../../src/sources/cloudformation/yaml.js';
import { scanCdkOut } from '../../helpers/cdk-out.js';

/** `"x"` joined `levels` times: `{"Fn::Join":["",[{"Fn::Join":...},"y"]]}`, three maps and lists a level. */
function joins(levels: number): string {
  let text = '"x"';
  for (let i = 0; i < levels; i++) text = `{"Fn::Join":["",[${text},"y"]]}`;
  return text;
}

/** A JSON template of function F whose environment variable A is `value` (six maps deep), on one line. */
function functionWithVariable(value: string): string {
  const properties = `"Runtime":"python3.12","Handler":"a.b","Role":"arn:aws:iam::123456789012:role/r","Code":{"ZipFile":"x"}`;
  return `{"Resources":{"F":{"Type":"AWS::Lambda::Function","Properties":{${properties},"Environment":{"Variables":{"A":${value}}}}}}}`;
}

function scanFolder(files: Record<string, string>) {
  const dir = mkdtempSync(join(tmpdir(), 'parapet-json-depth-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return scanCdkOut(dir).result;
}

const GOOD_YAML =
  'Resources:\n  Old:\n    Type: AWS::Lambda::Function\n    Properties:\n      Runtime: python3.6\n      Handler: a.b\n      Role: arn:aws:iam::123456789012:role/r\n      Code: {ZipFile: x}\n';

describe('a JSON template nested deeper than Parapet reads', () => {
  it('is a scan error at the map that goes too deep, naming the resource and the keys down to it', () => {
    const result = scanFolder({ 'deep.json': functionWithVariable(joins(1500)), 'good.yaml': GOOD_YAML });
    expect(result.errors).toEqual([
      {
        kind: 'parse',
        file: 'deep.json',
        line: 1,
        column: 1305,
        message: `cannot parse: resource F (Properties.Environment.Variables.A.Fn::Join.1...) nests maps and lists deeper than ${MAX_NESTING} levels, which Parapet does not read, so nothing in this file was checked`,
      },
    ]);
    // Not a fault of Parapet's own any more; the other file is scanned.
    expect(JSON.stringify(result.errors)).not.toContain('Maximum call stack');
    expect(result.findings.some((f) => f.location.file === 'good.yaml' && f.resource.id === 'Old')).toBe(
      true,
    );
  });

  it('is read, and checked, up to the limit: a value nested exactly MAX_NESTING deep', () => {
    // Six maps down to A, two of Fn::Base64, three maps and lists a join: 6 + 2 + 3 * 64 = 200.
    const value = `{"Fn::Base64":{"Fn::Base64":${joins(64)}}}`;
    expect(() => parseJson(functionWithVariable(value), 't.json')).not.toThrow();
    const result = scanFolder({ 'limit.json': functionWithVariable(value) });
    expect(result.errors).toEqual([]);
    expect(result.templates.map((t) => t.file)).toEqual(['limit.json']);
    expect(() => parseJson(functionWithVariable(`[${value}]`), 't.json')).toThrow(/deeper than 200 levels/);
  });

  it('names the section and entry of what is too deep outside Resources, and finds it in a list', () => {
    let list = '"x"';
    for (let i = 0; i < MAX_NESTING; i++) list = `[${list}]`;
    const text = `{\n "Resources": {"F": {"Type": "AWS::SNS::Topic"}},\n "Outputs": {"Deep": {"Value": ${list}}}\n}`;
    expect(() => parseJson(text, 't.json')).toThrow(
      expect.objectContaining({
        line: 3,
        // The 198th list, 3 + 198 deep: ` "Outputs": {"Deep": {"Value": ` takes 31 columns.
        column: 31 + 198,
        message: `Outputs.Deep (Value.0.0.0.0.0...) nests maps and lists deeper than ${MAX_NESTING} levels, which Parapet does not read, so nothing in this file was checked`,
      }),
    );
  });
});

/** A YAML function F whose tags chain `levels` anchors, each `make(previous)`, and whose variable A is the last. */
function aliasChain(levels: number, make: (previous: string) => string): string {
  const tags = ['        - {Key: k0, Value: &a0 x}'];
  for (let i = 1; i < levels; i++) tags.push(`        - {Key: k${i}, Value: &a${i} ${make(`*a${i - 1}`)}}`);
  return `Resources:\n  F:\n    Type: AWS::Lambda::Function\n    Properties:\n      Runtime: python3.12\n      Handler: a.b\n      Role: arn:aws:iam::123456789012:role/r\n      Code: {ZipFile: x}\n      Tags:\n${tags.join('\n')}\n      Environment: {Variables: {A: *a${levels - 1}}}\n`;
}

describe('a YAML template whose aliases nest deeper than Parapet reads', () => {
  it('is a scan error naming the resource, though each line nests little (the parser stops only at text 100 deep)', () => {
    const chain = aliasChain(1500, (previous) => `{'Fn::Join': ['', [${previous}, y]]}`);
    const result = scanFolder({ 'alias.yaml': chain, 'good.yaml': GOOD_YAML });
    expect(result.errors).toEqual([
      {
        kind: 'parse',
        file: 'alias.yaml',
        // The anchored map that leads too deep.
        line: 74,
        column: 29,
        message: `cannot parse: resource F (Properties.Tags.65.Value.Fn::Join.1...) nests maps and lists deeper than ${MAX_NESTING} levels, which Parapet does not read, so nothing in this file was checked`,
      },
    ]);
    expect(result.findings.some((f) => f.resource.id === 'Old')).toBe(true);
  });

  it('reads a chain of aliases up to the limit, and walks what they share once: a chain naming each twice is refused at once', () => {
    const once = (previous: string) => `[${previous}]`;
    expect(() => parseYaml(aliasChain(150, once), 't.yaml')).not.toThrow();
    expect(() => parseYaml(aliasChain(250, once), 't.yaml')).toThrow(/deeper than 200 levels/);
    const start = Date.now();
    // 2^250 paths, walked as 250 lists.
    expect(() =>
      parseYaml(
        aliasChain(250, (previous) => `[${previous}, ${previous}]`),
        't.yaml',
      ),
    ).toThrow(/deeper than 200 levels/);
    expect(Date.now() - start).toBeLessThan(5000);
  });

  it('is a scan error where aliases repeat what they name past a million values: the scan would walk each', () => {
    // 40 anchors each naming the last twice stand for 2^40 values (it hung the scan).
    const result = scanFolder({
      'laughs.yaml': aliasChain(40, (previous) => `[${previous}, ${previous}]`),
      'good.yaml': GOOD_YAML,
    });
    expect(result.errors).toEqual([
      {
        kind: 'parse',
        file: 'laughs.yaml',
        line: 10,
        column: 9,
        message: `cannot parse: aliases expand this file to more than ${MAX_EXPANDED_VALUES.toLocaleString('en-US')} values (anchors naming others more than once, in a chain), which Parapet does not read, so nothing in this file was checked`,
      },
    ]);
    expect(result.findings.some((f) => f.resource.id === 'Old')).toBe(true);
    // An anchor named a few times is read as usual.
    expect(() =>
      parseYaml(
        aliasChain(10, (previous) => `[${previous}, ${previous}]`),
        't.yaml',
      ),
    ).not.toThrow();
  });
});

describe('a YAML template written nested past the 100 levels its reader takes', () => {
  const properties = 'Resources:\n  F:\n    Type: AWS::SNS::Topic\n    Properties:\n';
  const lists = (levels: number) => `${'['.repeat(levels)}${']'.repeat(levels)}`;
  /** The message parseYaml throws for `text`, or undefined where it reads it. */
  const refusal = (text: string) => {
    try {
      parseYaml(text, 't.yaml');
      return undefined;
    } catch (error) {
      return (error as Error).message;
    }
  };
  const tooDeep = (where: string) =>
    `${where} nests maps and lists deeper than 100 levels, which Parapet does not read, so nothing in this file was checked`;

  it("is a scan error in Parapet's words (it was js-yaml's 'nesting exceeded maxDepth (100)'), naming the resource and the keys down to where it stops", () => {
    const keys = Array.from({ length: 101 }, (_, i) => `${'  '.repeat(i + 4)}k${i}:`);
    const result = scanFolder({
      'deep.yaml': `${properties}      Tags:\n${keys.join('\n')} x\n`,
      'good.yaml': GOOD_YAML,
    });
    expect(result.errors).toEqual([
      {
        kind: 'parse',
        file: 'deep.yaml',
        // Key k95, where the reader stops.
        line: 101,
        column: 199,
        message: `cannot parse: ${tooDeep('resource F (Properties.Tags.k0.k1.k2.k3...)')}`,
      },
    ]);
    expect(result.findings.some((f) => f.location.file === 'good.yaml' && f.resource.id === 'Old')).toBe(
      true,
    );
  });

  it('gives the keys as the parsed template holds them: list items, flow maps, short forms and other tags', () => {
    for (const [value, where] of [
      // A flow list after `- `, and after two items.
      [`\n        - ${lists(100)}`, 'Properties.Tags.0.0.0.0'],
      [`\n        - x\n        - y\n        - ${lists(100)}`, 'Properties.Tags.2.0.0.0'],
      [` {a: [b, c, {d: ${lists(100)}}]}`, 'Properties.Tags.a.2.d.0'],
      // A short form wraps its value in a map of its long form; a tag CloudFormation does not know, in its own.
      [` !If [C, ${lists(100)}]`, 'Properties.Tags.Fn::If.1.0.0'],
      [`\n        - !Sub [x, {a: ${lists(100)}}]`, 'Properties.Tags.0.Fn::Sub.1.a'],
      [` !Foo ${lists(100)}`, 'Properties.Tags.!Foo.0.0.0'],
      // A comment between a node and what it holds is passed over.
      [`\n        -\n          # c, d:\n          ${lists(100)}`, 'Properties.Tags.0.0.0.0'],
      // So are a tag and an anchor before a value on a line of its own.
      [` !If\n        [C, ${lists(100)}]`, 'Properties.Tags.Fn::If.1.0.0'],
      [` &tags # t\n        ${lists(100)}`, 'Properties.Tags.0.0.0.0'],
      // An empty item (`-` alone), which the reader opens no node for, is counted; so are items of a list in a list.
      [`\n        - x\n        -\n        - ${lists(100)}`, 'Properties.Tags.2.0.0.0'],
      [`\n        - - x\n          - - y\n            - ${lists(100)}`, 'Properties.Tags.0.1.1.0'],
    ]) {
      expect(refusal(`${properties}      Tags:${value}\n`)).toBe(tooDeep(`resource F (${where}...)`));
    }
    // Nested block lists, the second item each time, and a !Join on each: a short form's list is a level of text.
    const items = (tag: string) =>
      Array.from({ length: 105 }, (_, i) => `${'  '.repeat(i + 4)}- ''\n${'  '.repeat(i + 4)}-${tag}`);
    expect(refusal(`${properties}      Tags:\n${items('').join('\n')} x\n`)).toBe(
      tooDeep('resource F (Properties.Tags.1.1.1.1...)'),
    );
    expect(refusal(`${properties}      Tags: !Join\n${items(' !Join').join('\n')}\n`)).toBe(
      tooDeep('resource F (Properties.Tags.Fn::Join.1.Fn::Join.1...)'),
    );
    expect(refusal(`Outputs:\n  O:\n    Value: ${'{a: '.repeat(100)}x${'}'.repeat(100)}\n`)).toBe(
      tooDeep('Outputs.O (Value.a.a.a.a.a...)'),
    );
  });

  it('gives the keys the parsed value holds, in templates written in many styles (a generated sample)', () => {
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return Math.floor((seed / 2147483648) * n);
    };
    /** Text of `levels` block maps and lists, then flow ones, around a flow list nested 100 deep. */
    const deepValue = (indent: number, levels: number, flows: number): string => {
      if (levels === 0) {
        let value = lists(100);
        for (let i = 0; i < flows; i++)
          value = random(2) === 0 ? `{s${i}: x, k${i}: ${value}}` : `[${'x, '.repeat(random(3))}${value}]`;
        return ` ${value}`;
      }
      const pad = ' '.repeat(indent);
      const comment = random(3) === 0 ? `\n${pad}# a comment, - or: [x` : '';
      if (random(2) === 0) {
        const siblings = Array.from({ length: random(3) }, (_, i) => `\n${pad}s${i}: x`).join('');
        return `${comment}${siblings}\n${pad}k${levels}:${deepValue(indent + 2, levels - 1, flows)}`;
      }
      const siblings = Array.from({ length: random(3) }, () =>
        random(2) === 0 ? `\n${pad}- x` : `\n${pad}-`,
      );
      return `${comment}${siblings.join('')}\n${pad}-${deepValue(indent + 2, levels - 1, flows)}`;
    };
    /** The keys down the deepest branch of a parsed value. */
    const deepest = (value: unknown): (string | number)[] => {
      const height = (node: unknown): number =>
        node !== null && typeof node === 'object' ? 1 + Math.max(0, ...Object.values(node).map(height)) : 0;
      const path: (string | number)[] = [];
      let node = value;
      while (node !== null && typeof node === 'object' && Object.keys(node).length > 0) {
        const entries = Object.entries(node);
        const [key, child] = entries.reduce((a, b) => (height(b[1]) > height(a[1]) ? b : a));
        path.push(Array.isArray(node) ? Number(key) : key);
        node = child;
      }
      return path;
    };
    for (let sample = 0; sample < 100; sample++) {
      const text = `${properties}      Tags:${deepValue(8, 1 + random(6), random(4))}\n`;
      const path = deepest(yaml.load(text, { schema: yaml.CORE_SCHEMA, maxDepth: 1000 } as yaml.LoadOptions));
      expect(refusal(text), text).toBe(tooDeep(`resource F (${path.slice(2, 8).join('.')}...)`));
    }
  });

  it('stops the keys where the text does not tell the next one: a comment on a line that quotes before it', () => {
    expect(refusal(`${properties}      Tags: [a, 'b', # c:\n        ${lists(100)}]\n`)).toBe(
      tooDeep('resource F (Properties.Tags...)'),
    );
  });

  it("reads text just within the reader's levels", () => {
    expect(refusal(`${properties}      Tags: ${lists(94)}\n`)).toBeUndefined();
  });
});

describe('a file a template reads, nested deeper than Parapet reads', () => {
  it('is an error whose message says so in full (it was cut at its first parenthesis, to "x.0")', () => {
    const template = `Resources:\n  Api:\n    Type: AWS::ApiGateway::RestApi\n    Properties:\n      Body:\n        Fn::Transform:\n          Name: AWS::Include\n          Parameters:\n            Location: ./openapi.json\n`;
    const list = `${'['.repeat(100_000)}"x"${']'.repeat(100_000)}`;
    const result = scanFolder({
      't.yaml': template,
      'openapi.json': `{"openapi":"3.0.1","x":${list}}`,
      'good.yaml': GOOD_YAML,
    });
    expect(result.errors.map((e) => [e.kind, e.file, e.line, e.column, e.message])).toEqual([
      [
        'parse',
        'openapi.json',
        1,
        223,
        `cannot parse this OpenAPI definition, which a template includes (AWS::Include): x.0 (0.0.0.0.0.0...) nests maps and lists deeper than ${MAX_NESTING} levels, which Parapet does not read, so nothing in this file was checked`,
      ],
    ]);
    expect(result.findings.some((f) => f.resource.id === 'Old')).toBe(true);
  });
});
