import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALL_CHECKS } from '../src/checks/index.js';
import { EMPTY_CONFIG } from '../src/config/config.js';
import { scan } from '../src/scan.js';
import { runtimeFunction } from './helpers/templates.js';

// CloudFormation refuses a template whose Fn::If names a condition its Conditions do not define, wherever the
// Fn::If is (a property no check reads, a resource of a type Parapet does not model, an output): a scan error at the
// Fn::If, once by name, and the scan goes on with the value unknown.

const HEAD = `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  Env: { Type: String, Default: dev }
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Resources:
`;

function scanText(text: string) {
  const dir = mkdtempSync(join(tmpdir(), 'parapet-undefined-if-'));
  writeFileSync(join(dir, 'template.yaml'), text);
  return scan([dir], {
    checks: ALL_CHECKS.filter((c) => c.id === 'lambda.runtime-deprecated'),
    config: EMPTY_CONFIG,
    scanDate: new Date('2026-11-25'),
    cwd: dir,
  });
}

const errorsOf = (result: ReturnType<typeof scanText>) =>
  result.errors.map((e) => [e.message, e.line, e.column, e.resource]);

describe('an Fn::If naming a condition Conditions does not define', () => {
  it('is an error at the Fn::If in a property no check reads, and the scan goes on', () => {
    const text = `${HEAD}${runtimeFunction('python3.8', 'Fn')}      Description: !If [Missing, a, b]
`;
    const result = scanText(text);
    expect(errorsOf(result)).toEqual([['condition "Missing" is not defined in Conditions', 14, 25, 'Fn']]);
    expect(result.findings.map((f) => [f.resource.id, f.status])).toEqual([['Fn', 'fail']]);
  });

  it('is an error in a resource of a type Parapet does not model, and in its Metadata', () => {
    const text = `${HEAD}  Handle:
    Type: AWS::CloudFormation::WaitConditionHandle
    Metadata:
      Ready: !If [NotThere, yes, no]
  Param:
    Type: AWS::SSM::Parameter
    Properties:
      Type: String
      Value: !If [AlsoNotThere, a, b]
`;
    expect(errorsOf(scanText(text))).toEqual([
      ['condition "NotThere" is not defined in Conditions', 10, 19, 'Handle'],
      ['condition "AlsoNotThere" is not defined in Conditions', 15, 19, 'Param'],
    ]);
  });

  it('is an error in an output, its Value or its Condition, naming the output', () => {
    const text = `${HEAD}${runtimeFunction('python3.13', 'Fn')}Outputs:
  Out:
    Value: !If [OutMissing, a, b]
  Gated:
    Condition: GateMissing
    Value: x
`;
    expect(errorsOf(scanText(text))).toEqual([
      ['output Out: condition "OutMissing" is not defined in Conditions', 16, 17, undefined],
      ['output Gated: condition "GateMissing" is not defined in Conditions', 18, 5, undefined],
    ]);
  });

  it('is reported once by name, where it is first named, and a defined condition is no error', () => {
    const text = `${HEAD}${runtimeFunction('!If [IsProd, python3.13, python3.12]', 'Fn')}      Description: !If [Missing, a, b]
${runtimeFunction('!If [Missing, python3.13, python3.12]', 'Other')}Outputs:
  Out:
    Value: !If [Missing, a, b]
`;
    expect(errorsOf(scanText(text))).toEqual([
      ['condition "Missing" is not defined in Conditions', 14, 25, 'Fn'],
    ]);
  });

  it('is of the deploys that create a resource whose Condition the defaults make false, as its other errors', () => {
    const gated = runtimeFunction('python3.13', 'Fn').replace(
      '    Properties:',
      '    Condition: IsProd\n    Properties:',
    );
    const text = `${HEAD}${gated}      Description: !If [Missing, a, b]\n`;
    expect(errorsOf(scanText(text))).toEqual([
      [
        'condition "Missing" is not defined in Conditions. Only when condition IsProd holds (Env=prod, not its default dev).',
        15,
        25,
        'Fn',
      ],
    ]);
  });

  it('leaves the Fn::Ifs of an output whose Condition may not hold, as its other names', () => {
    const text = `${HEAD}${runtimeFunction('python3.13', 'Fn')}Outputs:
  Out:
    Condition: IsProd
    Value: !If [OutMissing, a, b]
`;
    expect(errorsOf(scanText(text))).toEqual([]);
  });
});
