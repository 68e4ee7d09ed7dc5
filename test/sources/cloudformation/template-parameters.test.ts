import { describe, expect, it } from 'vitest';
import runtimeDeprecated from '../../../src/checks/lambda/runtime-deprecated.js';
import { scanTemplate, template } from '../../helpers/scan-template.js';
import { runtimeFunction } from '../../helpers/templates.js';

const TEMPLATE = template(
  runtimeFunction('!Ref Rt'),
  `Parameters:
  Rt:
    Type: String
    AllowedValues: [python3.12, python3.13]
    Default: python3.12
  DbPassword:
    Type: String
    NoEcho: true
    MinLength: 16
`,
);

describe('template parameters given with -p', () => {
  it('reports a value that breaks its constraints at the parameter, and scans with it anyway', () => {
    const { errors, failed } = scanTemplate(TEMPLATE, runtimeDeprecated, { parameters: { Rt: 'python3.8' } });
    expect(errors).toEqual([
      {
        kind: 'template',
        message:
          '-p Rt=python3.8: not one of AllowedValues [python3.12, python3.13]; CloudFormation rejects this value (scanned with it anyway)',
        file: 'template.yaml',
        line: 3,
        column: 3,
      },
    ]);
    // The scan went on with the given value: python3.8 is deprecated.
    expect(failed).toHaveLength(1);
    expect(failed[0]?.message).toContain('python3.8');
    expect(failed[0]?.assumptions).toBeUndefined();
  });

  it('accepts a value that meets them', () => {
    const { errors } = scanTemplate(TEMPLATE, runtimeDeprecated, { parameters: { Rt: 'python3.13' } });
    expect(errors).toEqual([]);
  });

  it('does not print the value of a NoEcho parameter', () => {
    const { errors } = scanTemplate(TEMPLATE, [], { parameters: { DbPassword: 'short-secret' } });
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toBe(
      '-p DbPassword: the given value is shorter than MinLength 16; CloudFormation rejects this value (scanned with it anyway)',
    );
    expect(errors[0]?.line).toBe(7);
  });

  it('reports a Default that breaks its constraints at the Default line', () => {
    const text = TEMPLATE.replace('Default: python3.12', 'Default: python3.9');
    const { errors, failed } = scanTemplate(text, runtimeDeprecated);
    expect(errors).toEqual([
      expect.objectContaining({
        kind: 'template',
        file: 'template.yaml',
        line: 6,
        column: 5,
        message: expect.stringContaining('parameter Rt: Default "python3.9" is not one of AllowedValues'),
      }),
    ]);
    expect(failed[0]?.assumptions?.[0]).toContain('parameter Rt uses its default value');
  });

  it('checks the parameters of a JSON template too', () => {
    const json = JSON.stringify({
      Parameters: { Size: { Type: 'Number', MaxValue: 10240 } },
      Resources: { Q: { Type: 'AWS::SQS::Queue' } },
    });
    const { errors } = scanTemplate(json, [], { parameters: { Size: '99999' } });
    expect(errors.map((e) => [e.message.split(';')[0], e.file, e.line])).toEqual([
      ['-p Size=99999: greater than MaxValue 10240', 'template.json', 1],
    ]);
  });
});
