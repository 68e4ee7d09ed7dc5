import { describe, expect, it } from 'vitest';
import check from '../../../src/checks/lambda/env-plaintext-secret.js';
import subnetCheck from '../../../src/checks/lambda/vpc-public-subnet.js';
import type { LambdaFunction } from '../../../src/model/lambda.js';
import { isUnknown } from '../../../src/model/values.js';
import { scanTemplate, template } from '../../helpers/scan-template.js';
import { lambdaFunction } from '../../helpers/templates.js';

// `Ref` gives a resource's physical id (user guide, Ref), and a custom resource's is the PhysicalResourceId its provider
// returns, "an identifier unique to the custom resource vendor" (user guide, "Custom resource response objects"), not
// the custom resource itself: no link to it, a value not known before deploy, as its attributes are (the `Data` of the response).
const customs = `  Lookup:
    Type: AWS::CloudFormation::CustomResource
    Properties:
      ServiceToken: arn:aws:lambda:us-east-1:123456789012:function:lookup
  Gen:
    Type: Custom::RandomPassword
    Properties:
      ServiceToken: arn:aws:lambda:us-east-1:123456789012:function:gen
`;

function functionOf(properties: string, role = '!Ref Lookup') {
  const scanned = scanTemplate(template(customs + lambdaFunction('Fn', properties, role)), [
    check,
    subnetCheck,
  ]);
  return { ...scanned, fn: scanned.inventory.list('lambda.function')[0] as LambdaFunction };
}

describe('Ref of a custom resource', () => {
  it('is a Role not known before deploy, naming the provider, not a link to the custom resource', () => {
    const { fn } = functionOf('');
    expect(isUnknown(fn.role) && fn.role.reason).toBe(
      'the physical id of custom resource Lookup (AWS::CloudFormation::CustomResource), which its provider returns at deploy',
    );
  });

  it('is a subnet id not known before deploy in SubnetIds', () => {
    const { unknown } = functionOf(
      '      VpcConfig:\n        SubnetIds: [!Ref Lookup]\n        SecurityGroupIds: [sg-12345678]\n',
      'arn:aws:iam::123456789012:role/r',
    );
    expect(unknown.filter((f) => f.checkId === 'lambda.vpc-public-subnet').map((f) => f.message)).toEqual([
      "Cannot tell whether the function's subnets are public: a subnet id is not known before deploy (the physical " +
        'id of custom resource Lookup (AWS::CloudFormation::CustomResource), which its provider returns at deploy).',
    ]);
  });

  it('is unknown in an environment variable named as a secret, as an attribute of one is; passes elsewhere', () => {
    const { unknown, failed } = functionOf(
      '      Environment:\n        Variables:\n' +
        '          DB_PASSWORD: !Ref Gen\n' +
        '          API_TOKEN: !GetAtt Gen.Password\n' +
        '          RUN_ID: !Ref Gen\n' +
        '          DB_PASSWORD_SECRET_ARN: !Ref Gen\n' +
        '          DB_URL: !Sub "postgres://app:${Gen}@db.example.com/orders"\n',
      'arn:aws:iam::123456789012:role/r',
    );
    expect(failed.filter((f) => f.checkId === 'lambda.env-plaintext-secret')).toEqual([]);
    const secrets = unknown.filter((f) => f.checkId === 'lambda.env-plaintext-secret');
    expect(secrets.map((f) => [f.evidence?.variable, f.severity])).toEqual([
      ['DB_PASSWORD', 'medium'],
      ['API_TOKEN', 'medium'],
      ['DB_URL', 'medium'],
    ]);
    expect(secrets[0]?.message).toBe(
      'Environment variable DB_PASSWORD is set from the physical id of custom resource Gen (Custom::RandomPassword), ' +
        'which its provider returns at deploy, and named as a secret: if the value is one, CloudFormation writes it ' +
        'into the function configuration, where it shows in plaintext. Have the provider keep it in Secrets Manager, ' +
        'pass the secret name or ARN and read it at run time.',
    );
    expect(secrets[1]?.message).toContain(
      'is set from attribute Password of custom resource Gen (Custom::RandomPassword)',
    );
  });
});
