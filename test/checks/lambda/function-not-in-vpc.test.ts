import { describe, expect, it } from 'vitest';
import check from '../../../src/checks/lambda/function-not-in-vpc.js';
import { scanTemplate, template } from '../../helpers/scan-template.js';
import { lambdaFunction, samTemplate } from '../../helpers/templates.js';

const fn = (extra = '') => template(lambdaFunction('Fn', extra));

describe('lambda.function-not-in-vpc', () => {
  it('is off by default and documents why', () => {
    expect(check.enabledByDefault).toBe(false);
    expect(check.severity).toBe('low');
    expect(check.description).toContain('suppress wholesale');
  });

  it('fails a function without VpcConfig, on the resource', () => {
    const { failed, errors } = scanTemplate(fn(), check);
    expect(errors).toEqual([]);
    expect(failed).toHaveLength(1);
    expect(failed[0]?.resource.id).toBe('Fn');
    expect(failed[0]?.message).toContain('no VpcConfig');
    expect(failed[0]?.location).toEqual({ file: 'template.yaml', line: 3, column: 3 });
  });

  it('fails an empty SubnetIds list and points at it', () => {
    const { failed } = scanTemplate(
      fn('      VpcConfig:\n        SubnetIds: []\n        SecurityGroupIds: []\n'),
      check,
    );
    expect(failed).toHaveLength(1);
    expect(failed[0]?.property).toBe('VpcConfig.SubnetIds');
    expect(failed[0]?.location.line).toBe(11);
  });

  it('passes a function with subnets (literal ids are enough)', () => {
    const { failed, passed } = scanTemplate(
      fn('      VpcConfig:\n        SubnetIds: [subnet-0abc]\n        SecurityGroupIds: [sg-0abc]\n'),
      check,
    );
    expect(failed).toEqual([]);
    expect(passed).toHaveLength(1);
  });

  it('is unknown when SubnetIds comes from a parameter without default', () => {
    const text = fn(
      '      VpcConfig:\n        SubnetIds: !Ref Subnets\n        SecurityGroupIds: [sg-0abc]\n',
    ).replace('Resources:', 'Parameters:\n  Subnets: { Type: "List<AWS::EC2::Subnet::Id>" }\nResources:');
    const { failed, unknown } = scanTemplate(text, check);
    expect(failed).toEqual([]);
    expect(unknown).toHaveLength(1);
    expect(unknown[0]?.message).toContain('parameter Subnets');
  });

  it('passes a SAM function that inherits VpcConfig from Globals, and reports one without on its SAM id', () => {
    const globals = (body: string) =>
      samTemplate(
        `  SamFn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      InlineCode: x
`,
        body,
      );
    const vpcGlobals =
      'Globals:\n  Function:\n    VpcConfig:\n      SubnetIds: [subnet-0abc]\n      SecurityGroupIds: [sg-0abc]\n';
    const inherits = scanTemplate(globals(vpcGlobals), check);
    expect(inherits.errors).toEqual([]);
    expect(inherits.passed.map((f) => f.resource.id)).toEqual(['SamFn']);
    const without = scanTemplate(globals(''), check);
    expect(without.failed.map((f) => f.resource.id)).toEqual(['SamFn']);
  });

  it('with requireVpc: false, does not fail: it cannot see VPC-only resources yet', () => {
    const { failed, unknown } = scanTemplate(fn(), check, {
      settings: { options: { 'lambda.function-not-in-vpc': { requireVpc: false } } },
    });
    expect(failed).toEqual([]);
    expect(unknown).toHaveLength(1);
    expect(unknown[0]?.message).toContain('requireVpc is false');
  });
});
