// biome-ignore-all lint/suspicious/noTemplateCurlyInString: CloudFormation `${...}` templates are the subject of these tests
import { describe, expect, it } from 'vitest';
import { managedPolicyClass } from '../../src/iam/managed-policies.js';
import { unknown } from '../../src/model/values.js';
import { param, sub } from './fixtures.js';

describe('managedPolicyClass', () => {
  it.each([
    ['arn:aws:iam::aws:policy/AdministratorAccess', 'admin'],
    ['arn:aws:iam::aws:policy/PowerUserAccess', 'power-user'],
    ['arn:aws:iam::aws:policy/IAMFullAccess', 'iam-full-access'],
    ['arn:aws:iam::aws:policy/AmazonS3FullAccess', 'full-access'],
    ['arn:aws:iam::aws:policy/AWSLambda_FullAccess', 'full-access'],
    ['arn:aws:iam::aws:policy/CloudWatchFullAccessV2', 'full-access'],
    ['arn:aws:iam::aws:policy/AdministratorAccess-Amplify', 'full-access'],
    ['arn:aws:iam::aws:policy/job-function/SystemAdministrator', 'job-function'],
    ['arn:aws:iam::aws:policy/job-function/ViewOnlyAccess', 'other'],
    ['arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole', 'other'],
    ['arn:aws:iam::aws:policy/ReadOnlyAccess', 'other'],
  ])('classifies %s as %s', (arn, expected) => {
    expect(managedPolicyClass(arn)).toMatchObject({ awsManaged: 'yes', class: expected });
  });

  it('accepts every partition', () => {
    expect(managedPolicyClass('arn:aws-cn:iam::aws:policy/AdministratorAccess')).toMatchObject({
      class: 'admin',
    });
    expect(managedPolicyClass('arn:aws-us-gov:iam::aws:policy/PowerUserAccess')).toMatchObject({
      class: 'power-user',
    });
  });

  it('keeps the path', () => {
    expect(managedPolicyClass('arn:aws:iam::aws:policy/job-function/SystemAdministrator')).toEqual({
      awsManaged: 'yes',
      name: 'SystemAdministrator',
      path: '/job-function/',
      class: 'job-function',
    });
  });

  it('recognises intrinsic-shaped ARNs from their template', () => {
    const admin = sub('arn:${AWS::Partition}:iam::aws:policy/AdministratorAccess');
    expect(managedPolicyClass(admin)).toMatchObject({
      awsManaged: 'yes',
      name: 'AdministratorAccess',
      class: 'admin',
    });
    const byPartitionParameter = sub('arn:${Partition}:iam::aws:policy/AmazonS3FullAccess');
    expect(managedPolicyClass(byPartitionParameter)).toMatchObject({ class: 'full-access' });
  });

  it('says no for customer managed policies', () => {
    expect(managedPolicyClass('arn:aws:iam::123456789012:policy/AdministratorAccess')).toEqual({
      awsManaged: 'no',
    });
    expect(managedPolicyClass(sub('arn:${AWS::Partition}:iam::${AWS::AccountId}:policy/app'))).toEqual({
      awsManaged: 'no',
    });
    expect(managedPolicyClass('MyPolicyLogicalId')).toEqual({ awsManaged: 'no' });
  });

  it('says unknown when the template does not show the policy', () => {
    expect(managedPolicyClass(sub('arn:aws:iam::aws:policy/${PolicyName}'))).toMatchObject({
      awsManaged: 'unknown',
    });
    expect(managedPolicyClass(param('PolicyArn'))).toMatchObject({ awsManaged: 'unknown' });
    expect(managedPolicyClass(unknown('imported from another stack'))).toMatchObject({
      awsManaged: 'unknown',
    });
    expect(managedPolicyClass(sub('arn:aws:iam::${Account}:policy/x'))).toMatchObject({
      awsManaged: 'unknown',
    });
  });
});
