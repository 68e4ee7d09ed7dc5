import { describe, expect, it } from 'vitest';
import { ALL_CHECKS } from '../../src/checks/index.js';
import { everyPolicyRead } from '../../src/iam/aws-managed-data.js';
import { appRole } from '../checks/iam/fixtures.js';
import { scanTemplate } from '../helpers/scan-template.js';

/** AppRole (of function Fn) with these AWS managed policies and an inline statement. */
const withPolicies = (...names: string[]) =>
  appRole(
    `      ManagedPolicyArns:\n${names.map((name) => `        - arn:aws:iam::aws:policy/${name}\n`).join('')}` +
      '      Policies:\n        - PolicyName: app\n          PolicyDocument:\n            Statement:\n' +
      "              - { Effect: Allow, Action: 's3:GetObject', Resource: '*' }\n",
  );

// One file, one module state: the file of every AWS managed policy is read at most once per process.
describe('the file of every AWS managed policy', () => {
  it('is not read for a role with only the Lambda execution policies, by any check', () => {
    scanTemplate(withPolicies('service-role/AWSLambdaBasicExecutionRole'), ALL_CHECKS);
    expect(everyPolicyRead()).toBe(false);
  });

  it('is read for a role with another AWS managed policy', () => {
    const { failed } = scanTemplate(withPolicies('AmazonS3ReadOnlyAccess'), ALL_CHECKS);
    expect(everyPolicyRead()).toBe(true);
    expect(failed.map((f) => f.message)).toContain(
      'AWS managed policy AmazonS3ReadOnlyAccess, Statement[0]: Allow grants sensitive reads ("s3:Get*") on every ' +
        'resource: s3:GetObject, s3:GetObjectVersion.',
    );
  });
});
