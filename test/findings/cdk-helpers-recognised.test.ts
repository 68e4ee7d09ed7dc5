import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import wildcardResourceWrite from '../../src/checks/iam/role-wildcard-resource-write.js';
import { ALL_CHECKS } from '../../src/checks/index.js';
import runtimeDeprecated from '../../src/checks/lambda/runtime-deprecated.js';
import { type Config, EMPTY_CONFIG } from '../../src/config/config.js';
import { cdkHelperNote, findCdkHelper } from '../../src/findings/cdk-helpers.js';
import { scan } from '../../src/scan.js';
import { scanTemplate } from '../helpers/scan-template.js';

/** A Lambda function resource of CDK output, with `aws:cdk:path` metadata when `path` is given. */
function cdkFunction(
  id: string,
  runtime: string,
  path?: string,
  handler = 'index.handler',
): Record<string, unknown> {
  return {
    [id]: {
      Type: 'AWS::Lambda::Function',
      ...(path === undefined ? {} : { Metadata: { 'aws:cdk:path': path } }),
      Properties: {
        Runtime: runtime,
        Handler: handler,
        Role: 'arn:aws:iam::123456789012:role/r',
        Code: { S3Bucket: 'b', S3Key: 'k.zip' },
      },
    },
  };
}

const cdkTemplate = (...resources: Record<string, unknown>[]) =>
  JSON.stringify({ Resources: Object.assign({}, ...resources) }, null, 1);

describe('CDK helpers aws-cdk-lib adds, by their CDK path', () => {
  it("know EvaluateExpression's function, whose runtime its runtime prop may choose", () => {
    const { failed } = scanTemplate(
      cdkTemplate(
        cdkFunction(
          'Eval41256dc5445742738ed917bc818694e54EB1134F',
          'nodejs16.x',
          'Flow/Eval41256dc5445742738ed917bc818694e5/Resource',
        ),
      ),
      runtimeDeprecated,
    );
    expect(failed).toHaveLength(1);
    expect(failed[0]?.message).toContain(
      " This is EvaluateExpression's function (aws-stepfunctions-tasks), which CDK adds " +
        "(CDK path Flow/Eval41256dc5445742738ed917bc818694e5/Resource): its code is CDK's, and its runtime the one " +
        "EvaluateExpression's runtime prop names, else CDK's: name a current runtime there or leave it out, and " +
        'upgrade aws-cdk-lib, or evaluate the expression in a Pass state with JSONata or intrinsic functions ' +
        "(States.MathAdd, States.Format), which need no function. One parapet.yaml suppression with id '*' and " +
        "resource '**/Eval41256dc5445742738ed917bc818694e5/**' covers its findings in every stack.",
    );
    // Another runtime (or the arm64 table) is another uuid of the same construct.
    expect(cdkHelperNote('Flow/Evalb1565b137d884f24ac63f9b23c325a55/ServiceRole/Resource')).toContain(
      "EvaluateExpression's function",
    );
    // A construct of the user's called Eval-something is not it.
    expect(cdkHelperNote('Flow/EvalFunction/Resource')).toBe('');
  });

  it("know the AwsApi event target's function, whose permissions are the user's policyStatement", () => {
    const note = cdkHelperNote('Ops/AWSb4cf1abd4e4f4bc699441af7ccd9ec37/ServiceRole/DefaultPolicy/Resource');
    expect(note).toBe(
      ' This is the function of the AwsApi event rule target (aws-events-targets), which CDK adds (CDK path ' +
        'Ops/AWSb4cf1abd4e4f4bc699441af7ccd9ec37/ServiceRole/DefaultPolicy/Resource): its permissions are the ' +
        'policyStatement you give each AwsApi target, or without one its service action on every resource (*), ' +
        'shared by every AwsApi target of the stack: give each a policyStatement naming its resources; its runtime ' +
        "and code are CDK's: upgrade aws-cdk-lib.",
    );
    expect(note).not.toContain('suppression');
  });

  it("know CallAwsServiceCrossRegion's function, whose permissions follow the task's iamResources", () => {
    expect(
      cdkHelperNote('Flow/CrossRegionAwsSdk8a0c93f3dbef4b71ac137aaf2048ce7e/ServiceRole/Resource'),
    ).toContain('its permissions are the iamResources (and additionalIamStatements) you give each');
  });

  it("know the ECS drain hook below a group, and say what does without it; not a user's own at the top", () => {
    const note = cdkHelperNote(
      'Chapter4Stack/EcsCluster/DefaultAutoScalingGroup/DrainECSHook/Function/Resource',
    );
    expect(note).toContain(
      "This is the ECS instance drain hook function (ecs.Cluster's addCapacity or addAutoScalingGroup)",
    );
    expect(note).toContain('addAsgCapacityProvider');
    expect(note).toContain("resource '**/DrainECSHook/**'");
    expect(cdkHelperNote('App/DrainECSHook/Function/Resource')).toBe('');
  });

  it('know a BucketDeployment given a memory limit, whose construct id has a suffix', () => {
    expect(
      cdkHelperNote('Web/Custom::CDKBucketDeployment8693BB64968944B69AAFB0CC9EB8756C1024MiB/Resource'),
    ).toContain('This is the BucketDeployment function');
    expect(cdkHelperNote('Web/Custom::CDKBucketDeploymentABCDEF/Resource')).toBe('');
  });
});

describe('CDK helpers in a template without path metadata', () => {
  it('are known by the fixed hash of their logical id, with a suppression glob on that id', () => {
    const { failed } = scanTemplate(
      cdkTemplate(cdkFunction('LogRetentionaae0aa3c5b4d4f87b02d85b201efdd8aFD5A8F7C', 'nodejs18.x')),
      runtimeDeprecated,
    );
    expect(failed.map((f) => f.message)).toEqual([
      expect.stringMatching(
        /^Runtime nodejs18\.x .* This is the log retention function \(logRetention\), which CDK adds \(logical id LogRetentionaae0aa3c5b4d4f87b02d85b201efdd8aFD5A8F7C, without CDK path metadata\): its runtime and code are CDK's: upgrade aws-cdk-lib, or give the function a logGroup .* One parapet\.yaml suppression with id '\*' and resource 'LogRetentionaae0aa3c5b4d4f87b02d85b201efdd8a\*' covers its findings in every stack\.$/,
      ),
    ]);
  });

  it('know each fixed id, also below the helper (its role, its policy)', () => {
    const cases: [string, string][] = [
      [
        'BucketNotificationsHandler050a0587b7544547bf325f094a3db834RoleB6FB88EC',
        'the S3 bucket notifications handler',
      ],
      ['AWS679f53fac002430cb0da5b7982bd228722A9E5E2', 'the AwsCustomResource function'],
      [
        'CustomS3AutoDeleteObjectsCustomResourceProviderHandler9D90184F',
        'a custom resource provider of the CDK core',
      ],
      [
        'AWSCDKTriggerCustomResourceProviderCustomResourceProviderRoleE18FAF0A',
        'a custom resource provider of the CDK core',
      ],
      ['CustomCDKBucketDeployment8693BB64968944B69AAFB0CC9EB8756C81C01536', 'the BucketDeployment function'],
      ['Eval41256dc5445742738ed917bc818694e5ServiceRoleA1AB6027', "EvaluateExpression's function"],
      ['AWSb4cf1abd4e4f4bc699441af7ccd9ec371511E620', 'the AwsApi event rule target'],
    ];
    for (const [id, what] of cases) expect(findCdkHelper(undefined, id)?.helper.what, id).toContain(what);
    expect(
      findCdkHelper(undefined, 'CustomS3AutoDeleteObjectsCustomResourceProviderHandler9D90184F')?.glob,
    ).toBe('CustomS3AutoDeleteObjectsCustomResourceProvider*');
  });

  it('leave alone a construct of the user named like one (LogRetention, a provider of its own, Eval...)', () => {
    for (const id of [
      // A construct `LogRetention` of the user's at the top of a stack: its name and a hash, no fixed one.
      'LogRetentionFD5A8F7C',
      'LogRetentionCleanerServiceRole9741ECFB',
      'MyLogRetentionaae0aa3c5b4d4f87b02d85b201efdd8aFD5A8F7C',
      'CustomMyDbSeederCustomResourceProviderHandler9D90184F',
      'BucketNotificationsHandler7ECC3691',
      'EvalFunction4EB1134F',
      // No hash after the fixed start: not an id CDK wrote.
      'LogRetentionaae0aa3c5b4d4f87b02d85b201efdd8a',
      // DrainECSHook and the Provider framework have no fixed hash: only their path tells (the framework's, or its
      // function's handler, below).
      'EcsClusterDefaultAutoScalingGroupDrainECSHookFunction94543EDA',
    ])
      expect(findCdkHelper(undefined, id), id).toBeUndefined();
  });

  it("go by the path metadata where there is some: a logical id then says nothing (CDK's overrideLogicalId)", () => {
    const { failed } = scanTemplate(
      cdkTemplate(
        cdkFunction(
          'LogRetentionaae0aa3c5b4d4f87b02d85b201efdd8aFD5A8F7C',
          'nodejs18.x',
          'Shop/Api/Handler/Resource',
        ),
      ),
      runtimeDeprecated,
    );
    expect(failed).toHaveLength(1);
    expect(failed[0]?.message).not.toContain('CDK adds');
  });

  it('say of a policy on a helper that it is CDK’s, by logical id as by path', () => {
    const template = JSON.stringify({
      Resources: {
        BucketNotificationsHandler050a0587b7544547bf325f094a3db834RoleDefaultPolicy2CF63D36: {
          Type: 'AWS::IAM::Policy',
          Properties: {
            PolicyName: 'p',
            Roles: [{ Ref: 'BucketNotificationsHandler050a0587b7544547bf325f094a3db834RoleB6FB88EC' }],
            PolicyDocument: {
              Version: '2012-10-17',
              Statement: [{ Effect: 'Allow', Action: 's3:PutBucketNotification', Resource: '*' }],
            },
          },
        },
        BucketNotificationsHandler050a0587b7544547bf325f094a3db834RoleB6FB88EC: {
          Type: 'AWS::IAM::Role',
          Properties: {
            AssumeRolePolicyDocument: {
              Statement: [
                { Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' },
              ],
            },
          },
        },
        BucketNotificationsHandler050a0587b7544547bf325f094a3db8347ECC3691: {
          Type: 'AWS::Lambda::Function',
          Properties: {
            Runtime: 'python3.13',
            Handler: 'index.handler',
            Role: {
              'Fn::GetAtt': ['BucketNotificationsHandler050a0587b7544547bf325f094a3db834RoleB6FB88EC', 'Arn'],
            },
            Code: { ZipFile: 'x' },
          },
        },
      },
    });
    const { failed } = scanTemplate(template, wildcardResourceWrite);
    expect(failed).toHaveLength(1);
    expect(failed[0]?.message).toContain(
      "This is the S3 bucket notifications handler, which CDK adds (logical id BucketNotificationsHandler050a0587b7544547bf325f094a3db834RoleB6FB88EC, without CDK path metadata): its policy is CDK's, and no prop narrows it: suppress the finding with a reason. One parapet.yaml suppression with id '*' and resource 'BucketNotificationsHandler050a0587b7544547bf325f094a3db834*' covers its findings in every stack.",
    );
  });

  describe('the suppression the note offers', () => {
    const dir = mkdtempSync(join(tmpdir(), 'parapet-cdk-helper-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    writeFileSync(
      join(dir, 'Shop.template.json'),
      cdkTemplate(
        cdkFunction('LogRetentionaae0aa3c5b4d4f87b02d85b201efdd8aFD5A8F7C', 'nodejs18.x'),
        cdkFunction('LogRetentionFD5A8F7C', 'nodejs18.x'),
      ),
    );

    it("covers the helper's findings, and not those of the user's look-alike", () => {
      const config: Config = {
        ...EMPTY_CONFIG,
        suppressions: [
          { id: '*', resource: 'LogRetentionaae0aa3c5b4d4f87b02d85b201efdd8a*', reason: "CDK's" },
        ],
        file: join(dir, 'parapet.yaml'),
      };
      const result = scan([dir], {
        checks: ALL_CHECKS.filter((c) => c.id === 'lambda.runtime-deprecated'),
        config,
        scanDate: new Date('2026-11-25'),
        cwd: dir,
      });
      expect(result.errors).toEqual([]);
      const outcomes = result.findings.map(
        (f) => `${f.resource.id} ${f.suppressed ? 'suppressed' : f.status}`,
      );
      expect(outcomes.sort()).toEqual([
        'LogRetentionFD5A8F7C fail',
        'LogRetentionaae0aa3c5b4d4f87b02d85b201efdd8aFD5A8F7C suppressed',
      ]);
    });
  });

  describe('the Provider framework (no fixed hash): by its logical ids and its function’s handler', () => {
    const FN = 'ProviderframeworkonEvent83C1D0A7';
    const ROLE = 'ProviderframeworkonEventServiceRole9FF04296';
    const POLICY = 'ProviderframeworkonEventServiceRoleDefaultPolicy48CD2133';
    /** The framework's function as `cdk synth --no-path-metadata` writes it, with `handler`, its role and policy. */
    const provider = (handler: string, fn = FN) =>
      cdkTemplate(cdkFunction(fn, 'nodejs16.x', undefined, handler), {
        [ROLE]: {
          Type: 'AWS::IAM::Role',
          Properties: {
            AssumeRolePolicyDocument: {
              Statement: [
                { Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' },
              ],
            },
          },
        },
        [POLICY]: {
          Type: 'AWS::IAM::Policy',
          Properties: {
            PolicyName: 'p',
            Roles: [{ Ref: ROLE }],
            PolicyDocument: {
              Statement: [{ Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: '*' }],
            },
          },
        },
      });

    it('knows its function, with a suppression glob over every Provider’s', () => {
      const { failed } = scanTemplate(provider('framework.onEvent'), runtimeDeprecated);
      expect(failed.map((f) => f.message)).toEqual([
        expect.stringMatching(
          /^Runtime nodejs16\.x .* This is a function of the custom resource Provider framework \(aws-cdk-lib\/custom-resources\), which runs your handlers, which CDK adds \(logical id ProviderframeworkonEvent83C1D0A7, without CDK path metadata\): its runtime and code are CDK's: upgrade aws-cdk-lib\. One parapet\.yaml suppression with id '\*' and resource '\*frameworkonEvent\*' covers its findings in every stack\.$/,
        ),
      ]);
    });

    it('knows its role and the role’s policy by the function they go with', () => {
      const { inventory } = scanTemplate(
        provider('framework.isComplete', 'MyProviderframeworkisComplete2A696873'),
        [],
      );
      for (const id of [
        'MyProviderframeworkisCompleteServiceRole1A2B3C4D',
        'MyProviderframeworkisCompleteServiceRoleDefaultPolicy1A2B3C4D',
      ])
        expect(findCdkHelper(undefined, id, inventory)?.glob, id).toBe('*frameworkisComplete*');
      // The role of the onEvent function, which this template does not have, is not known.
      expect(findCdkHelper(undefined, ROLE, inventory)).toBeUndefined();
    });

    it('leaves alone a function named like one whose handler is not the framework’s, and its role', () => {
      const { inventory, failed } = scanTemplate(provider('index.handler'), runtimeDeprecated);
      expect(failed[0]?.message).not.toContain('CDK adds');
      for (const id of [FN, ROLE, POLICY])
        expect(findCdkHelper(undefined, id, inventory), id).toBeUndefined();
      // Nor is the framework's handler alone enough: the logical id tells which function it is.
      const other = scanTemplate(provider('framework.onEvent', 'OnEventHandler83C1D0A7'), []).inventory;
      expect(findCdkHelper(undefined, 'OnEventHandler83C1D0A7', other)).toBeUndefined();
    });
  });
});
