import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseJson } from '../../../src/sources/cloudformation/json.js';
import { MAX_NESTING } from '../../../src/sources/cloudformation/json-depth.js';
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
