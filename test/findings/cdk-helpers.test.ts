import { describe, expect, it } from 'vitest';
import wildcardResourceWrite from '../../src/checks/iam/role-wildcard-resource-write.js';
import envNoCustomerKms from '../../src/checks/lambda/env-no-customer-kms.js';
import noCodeSigning from '../../src/checks/lambda/no-code-signing.js';
import runtimeDeprecated from '../../src/checks/lambda/runtime-deprecated.js';
import tracingNotActive from '../../src/checks/lambda/tracing-not-active.js';
import { cdkHelperNote } from '../../src/findings/cdk-helpers.js';
import { scanTemplate } from '../helpers/scan-template.js';

describe('findings on constructs CDK adds', () => {
  it('say so on every check, with the fix and one suppression for all of the helper’s findings', () => {
    const template = JSON.stringify(
      {
        Resources: {
          LogRetentionaae0aa3c5b4d4f87b02d85b201efdd8aFD5A8F7C: {
            Type: 'AWS::Lambda::Function',
            Metadata: { 'aws:cdk:path': 'Shop/LogRetentionaae0aa3c5b4d4f87b02d85b201efdd8a/Resource' },
            Properties: {
              Runtime: 'nodejs18.x',
              Handler: 'index.handler',
              Role: 'arn:aws:iam::123456789012:role/r',
              Code: { S3Bucket: 'b', S3Key: 'k.zip' },
            },
          },
        },
      },
      null,
      1,
    );
    const { failed } = scanTemplate(template, runtimeDeprecated);
    expect(failed.map((f) => f.message)).toEqual([
      expect.stringMatching(
        /^Runtime nodejs18\.x .* This is the log retention function \(logRetention\), which CDK adds \(CDK path Shop\/LogRetention.*\/Resource\): its runtime and code are CDK's: upgrade aws-cdk-lib, or give the function a logGroup .* One parapet\.yaml suppression with id '\*' and resource '\*\*\/LogRetentionaae0aa3c5b4d4f87b02d85b201efdd8a\/\*\*' covers its findings in every stack\.$/,
      ),
    ]);
  });

  it('follow a message that ends without a full stop as a sentence of their own', () => {
    const template = JSON.stringify({
      Resources: {
        Provider: {
          Type: 'AWS::Lambda::Function',
          Metadata: { 'aws:cdk:path': 'Shop/Custom::S3AutoDeleteObjectsCustomResourceProvider/Handler' },
          Properties: {
            Runtime: { Ref: 'NodeRuntime' },
            Handler: 'index.handler',
            Role: 'arn:aws:iam::123456789012:role/r',
            Code: { S3Bucket: 'b', S3Key: 'k.zip' },
          },
        },
      },
      Parameters: { NodeRuntime: { Type: 'String' } },
    });
    const { unknown } = scanTemplate(template, runtimeDeprecated);
    expect(unknown[0]?.message).toMatch(/\(from parameter NodeRuntime, which has no default\)\. This is /);
  });

  it('offer no blanket suppression for helpers whose permissions the user chooses', () => {
    const note = cdkHelperNote(
      'Shop/Custom::CDKBucketDeployment8693BB64968944B69AAFB0CC9EB8756C/ServiceRole/Resource',
    );
    expect(note).toContain(
      'its S3 permissions follow the source and destination buckets you give BucketDeployment',
    );
    expect(note).not.toContain('suppression');
    // On its runtime or code, only what the user cannot change is said: the permissions are another finding's.
    const onRuntime = cdkHelperNote(
      'Shop/Custom::CDKBucketDeployment8693BB64968944B69AAFB0CC9EB8756C/Resource',
      false,
      false,
    );
    expect(onRuntime).toMatch(/: its runtime and code are CDK's: upgrade aws-cdk-lib\.$/);
    expect(onRuntime).not.toContain('S3 permissions');
  });

  it("know DnsValidatedCertificate's requestor function, and say what replaces it", () => {
    const note = cdkHelperNote('Site/Cert/CertificateRequestorFunction/Resource');
    expect(note).toContain("DnsValidatedCertificate's certificate requestor function");
    expect(note).toContain('CertificateValidation.fromDns(zone)');
    expect(note).toContain("resource '**/CertificateRequestorFunction/**'");
    // A function of the user's own that is so named at the top of the stack is the user's.
    expect(cdkHelperNote('Web/CertificateRequestorFunction/Resource')).toBe('');
  });

  it('know the Provider framework’s functions, which run the user’s custom resource handlers', () => {
    const note = cdkHelperNote(
      'app/data/amplifyData/AmplifyTableManager/TableManagerCustomProvider/framework-onEvent/Resource',
    );
    expect(note).toContain('a function of the custom resource Provider framework');
    expect(note).toContain("resource '**/framework-onEvent/**'");
    // The handler given to the Provider is the user's own code.
    expect(cdkHelperNote('Shop/TableProvider/OnEventHandler/Resource')).toBe('');
  });

  it('know every provider aws-cdk-lib makes, also the triggers one without a Custom:: prefix', () => {
    for (const path of [
      'App/Custom::CrossRegionStringParameterReaderCustomResourceProvider/Handler',
      'App/AWSCDK.TriggerCustomResourceProviderCustomResourceProvider/Handler',
    ])
      expect(cdkHelperNote(path)).toContain('a custom resource provider of the CDK core');
    expect(cdkHelperNote('App/AWSCDKxTriggerCustomResourceProviderCustomResourceProvider/Handler')).toBe('');
  });

  it('say that upgrading adds nothing when the finding is about a setting the helper lacks', () => {
    const template = JSON.stringify({
      Resources: {
        LogRetentionaae0aa3c5b4d4f87b02d85b201efdd8aFD5A8F7C: {
          Type: 'AWS::Lambda::Function',
          Metadata: { 'aws:cdk:path': 'Shop/LogRetentionaae0aa3c5b4d4f87b02d85b201efdd8a/Resource' },
          Properties: {
            Runtime: 'python3.13',
            Handler: 'index.handler',
            Role: 'arn:aws:iam::123456789012:role/r',
            Code: { S3Bucket: 'b', S3Key: 'k.zip' },
          },
        },
      },
    });
    // No code signing (a finding on the resource), no TracingConfig (on a property it does not write).
    for (const check of [noCodeSigning, tracingNotActive]) {
      const { failed } = scanTemplate(template, check);
      expect(failed[0]?.message).toContain('which CDK adds (CDK path Shop/LogRetention');
      expect(failed[0]?.message).toContain('aws-cdk-lib offers no setting for this on it.');
      expect(failed[0]?.message).not.toContain('upgrade');
      expect(failed[0]?.message).toContain("resource '**/LogRetentionaae0aa3c5b4d4f87b02d85b201efdd8a/**'");
    }
  });

  it('say that a policy CDK writes is suppressed, not upgraded away: no prop narrows it', () => {
    const template = JSON.stringify({
      Resources: {
        Handler: {
          Type: 'AWS::IAM::Policy',
          Metadata: {
            'aws:cdk:path':
              'Shop/BucketNotificationsHandler050a0587b7544547bf325f094a3db834/Role/DefaultPolicy/Resource',
          },
          Properties: {
            PolicyName: 'p',
            Roles: [{ Ref: 'HandlerRole' }],
            PolicyDocument: {
              Version: '2012-10-17',
              Statement: [{ Effect: 'Allow', Action: 's3:PutBucketNotification', Resource: '*' }],
            },
          },
        },
        HandlerRole: {
          Type: 'AWS::IAM::Role',
          Metadata: {
            'aws:cdk:path': 'Shop/BucketNotificationsHandler050a0587b7544547bf325f094a3db834/Role/Resource',
          },
          Properties: {
            AssumeRolePolicyDocument: {
              Statement: [
                { Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' },
              ],
            },
          },
        },
        Fn: {
          Type: 'AWS::Lambda::Function',
          Properties: {
            Runtime: 'python3.13',
            Handler: 'index.handler',
            Role: { 'Fn::GetAtt': ['HandlerRole', 'Arn'] },
            Code: { ZipFile: 'x' },
          },
        },
      },
    });
    const { failed } = scanTemplate(template, wildcardResourceWrite);
    expect(failed).toHaveLength(1);
    expect(failed[0]?.message).toContain(
      "This is the S3 bucket notifications handler, which CDK adds (CDK path Shop/BucketNotificationsHandler050a0587b7544547bf325f094a3db834/Role/Resource): its policy is CDK's, and no prop narrows it: suppress the finding with a reason.",
    );
    expect(failed[0]?.message).not.toContain('upgrade');
  });

  it('leave the user’s own constructs alone, whatever their names end with', () => {
    expect(cdkHelperNote('Shop/MyCustomResourceProvider/Handler')).toBe('');
    // CustomResourceProvider.getOrCreate is public API: a provider of another name is the user's code.
    expect(cdkHelperNote('App/Custom::MyDbSeederCustomResourceProvider/Handler')).toBe('');
    expect(cdkHelperNote('App/LogRetentionCleaner/Resource')).toBe('');
    expect(cdkHelperNote('App/BucketNotificationsHandler/Resource')).toBe('');
    expect(cdkHelperNote('Shop/Api/Handler/Resource')).toBe('');
    expect(cdkHelperNote(undefined)).toBe('');
  });

  it('say a setting the helper lacks is none aws-cdk-lib offers, though the finding points at a property it has', () => {
    const template = JSON.stringify({
      Resources: {
        Deploy: {
          Type: 'AWS::Lambda::Function',
          Metadata: {
            'aws:cdk:path': 'Web/Custom::CDKBucketDeployment8693BB64968944B69AAFB0CC9EB8756C/Resource',
          },
          Properties: {
            Runtime: 'python3.13',
            Handler: 'index.handler',
            Role: 'arn:aws:iam::123456789012:role/r',
            Code: { S3Bucket: 'b', S3Key: 'k.zip' },
            Environment: { Variables: { AWS_CA_BUNDLE: '/etc/pki/ca.pem' } },
          },
        },
      },
    });
    const { failed } = scanTemplate(template, envNoCustomerKms);
    expect(failed.map((f) => f.message)).toEqual([
      expect.stringMatching(/aws-cdk-lib offers no setting for this on it\.$/),
    ]);
  });
});
