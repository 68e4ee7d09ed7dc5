import { describe, expect, it } from 'vitest';
import permissionPublicInvoke from '../../src/checks/lambda/permission-public-invoke.js';
import tracingNotActive from '../../src/checks/lambda/tracing-not-active.js';
import egressAll from '../../src/checks/lambda/vpc-security-group-egress-all.js';
import { scanTemplate, template } from '../helpers/scan-template.js';
import { lambdaFunction, lambdaPermission, samFunction, samTemplate } from '../helpers/templates.js';

const PARAMETERS = `Parameters:
  Env: { Type: String, Default: dev, AllowedValues: [dev, prod] }
  DbPassword: { Type: String, NoEcho: true, Default: 'N0tShownAnywhere-42' }
Conditions:
  IsProd: !Equals [!Ref Env, prod]
  IsSecretProd: !Equals [!Ref DbPassword, prod]
  Never: !Equals [a, b]
`;

/** The review's case: a public permission deployed only when IsProd holds, and Env defaults to dev. */
function publicInvoke(condition = 'IsProd', principal = "'*'"): string {
  return template(
    lambdaFunction() +
      lambdaPermission('PublicInvoke', principal).replace(
        '    Properties:',
        `    Condition: ${condition}\n    Properties:`,
      ),
    PARAMETERS,
  );
}

const REASON =
  "deployed only when condition IsProd holds, which is false with the parameters' defaults (Env=dev)";

describe('a resource whose Condition only the defaults make false', () => {
  it('is kept, marked, and its failing finding is unknown saying why', () => {
    const { inventory, findings, errors } = scanTemplate(publicInvoke(), permissionPublicInvoke);
    expect(errors).toEqual([]);
    expect(inventory.resolve('PublicInvoke')?.absentByDefault).toEqual({
      condition: 'IsProd',
      defaults: ['Env=dev'],
    });
    expect(findings).toHaveLength(1);
    const [finding] = findings;
    expect(finding?.status).toBe('unknown');
    expect(finding?.severity).toBe('critical');
    expect(finding?.message).toContain('lambda:InvokeFunction');
    expect(finding?.message).toContain(`; but the resource is ${REASON}`);
    expect(finding?.assumptions).toEqual([
      'parameter Env uses its default value, which a deploy may override',
      `the resource is ${REASON}`,
    ]);
  });

  it('fails when -p makes the condition hold, and is dropped when -p makes it false', () => {
    const prod = scanTemplate(publicInvoke(), permissionPublicInvoke, { parameters: { Env: 'prod' } });
    expect(prod.failed.map((f) => f.resource.id)).toEqual(['PublicInvoke']);
    expect(prod.failed[0]?.assumptions).toBeUndefined();
    const dev = scanTemplate(publicInvoke(), permissionPublicInvoke, { parameters: { Env: 'dev' } });
    expect(dev.inventory.resolve('PublicInvoke')).toBeUndefined();
    expect(dev.findings).toEqual([]);
  });

  it('is dropped when the condition is false whatever the parameters', () => {
    const { inventory, findings } = scanTemplate(publicInvoke('Never'), permissionPublicInvoke);
    expect(inventory.resolve('PublicInvoke')).toBeUndefined();
    expect(findings).toEqual([]);
  });

  it('keeps a pass a pass, with the assumption listed', () => {
    const { passed, unknown } = scanTemplate(
      publicInvoke('IsProd', 's3.amazonaws.com\n      SourceAccount: !Ref AWS::AccountId'),
      permissionPublicInvoke,
    );
    expect(unknown).toEqual([]);
    expect(passed).toHaveLength(1);
    expect(passed[0]?.assumptions).toContain(`the resource is ${REASON}`);
  });

  it('does not show the default of a NoEcho parameter', () => {
    const { findings } = scanTemplate(publicInvoke('IsSecretProd'), permissionPublicInvoke);
    expect(findings[0]?.status).toBe('unknown');
    expect(findings[0]?.message).toContain('(DbPassword (value not shown))');
    expect(JSON.stringify(findings)).not.toContain('N0tS');
  });

  it('takes the true branch of an Fn::If on its own condition, and leaves other resources as they were', () => {
    const text = template(
      `${lambdaFunction('Prod', '      TracingConfig: { Mode: !If [IsProd, PassThrough, Active] }\n').replace(
        '    Properties:',
        '    Condition: IsProd\n    Properties:',
      )}${lambdaFunction('Always', '      TracingConfig: { Mode: !If [IsProd, PassThrough, Active] }\n')}`,
      PARAMETERS,
    );
    const { findings } = scanTemplate(text, tracingNotActive);
    const byId = Object.fromEntries(findings.map((f) => [f.resource.id, f.status]));
    // Deployed, Prod has PassThrough: unknown (not a fail: it may not be deployed); Always has Active.
    expect(byId).toEqual({ Prod: 'unknown', Always: 'pass' });
  });

  it('marks what SAM generates from a conditional function too', () => {
    const text = samTemplate(
      samFunction('Fn', '      FunctionUrlConfig: { AuthType: NONE }\n').replace(
        '    Properties:',
        '    Condition: IsProd\n    Properties:',
      ),
      PARAMETERS,
    );
    const { inventory } = scanTemplate(text, []);
    const url = inventory.list('lambda.function-url')[0];
    expect(url?.generatedBy?.id).toBe('Fn');
    expect(url?.absentByDefault?.condition).toBe('IsProd');
  });

  it('makes a failure unknown when its evidence is in a resource the defaults leave out', () => {
    // The function is always deployed; the group it names exists only when IsProd holds.
    const group = `  Sg:
    Type: AWS::EC2::SecurityGroup
    Condition: IsProd
    Properties:
      GroupDescription: sg
      VpcId: vpc-1
      SecurityGroupEgress:
        - { IpProtocol: '-1', CidrIp: 0.0.0.0/0 }
`;
    const vpc =
      '      VpcConfig:\n        SubnetIds: [subnet-1, subnet-2]\n        SecurityGroupIds: [!Ref Sg]\n';
    const text = template(lambdaFunction('Fn', vpc) + group, PARAMETERS);
    const { findings } = scanTemplate(text, egressAll);
    expect(findings.map((f) => [f.resource.id, f.status])).toEqual([['Fn', 'unknown']]);
    expect(findings[0]?.message).toContain('Security group Sg allows all traffic to 0.0.0.0/0');
    expect(findings[0]?.message).toContain('IsProd');
    // Given the value that creates it, the group is there and the function fails.
    const prod = scanTemplate(text, egressAll, { parameters: { Env: 'prod' } });
    expect(prod.failed.map((f) => f.resource.id)).toEqual(['Fn']);
  });
});
