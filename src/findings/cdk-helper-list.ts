/**
 * The constructs CDK adds to a stack on its own, as aws-cdk-lib names them: see cdk-helpers.ts for the notes
 * findings on them get.
 */
export interface CdkHelper {
  /** A segment of the CDK path that shows the helper. */
  readonly segment: RegExp;
  /**
   * The start of the logical ids CDK gives the helper's resources, for a template without path metadata: the
   * segment as a logical id writes it (letters and digits only), set only where it holds a fixed hash or uuid, which
   * no construct of the user's is named like. A logical id is that start, the names of the constructs below it, then
   * a hash of 8 upper-case hex digits.
   */
  readonly logicalIdStart?: RegExp;
  readonly what: string;
  /**
   * Whether one suppression (id `*`, the helper's segment as a glob over the CDK path) may cover all its
   * findings in every stack: for helpers whose policy is CDK's.
   */
  readonly blanket?: boolean;
  /** What the user decides of it, for helpers whose permissions follow the user's props. */
  readonly userPart?: string;
  /** How to get rid of it, when there is more to say than "upgrade aws-cdk-lib". */
  readonly alternative?: string;
  /** The prop of the user's construct that chooses the helper's runtime, where there is one. */
  readonly runtimeProp?: string;
  /**
   * Whether the segment is CDK's only below another construct (`Stack/Cert/CertificateRequestorFunction`): a plain
   * name a user may give a construct of their own at the top of a stack.
   */
  readonly belowConstruct?: boolean;
}

/**
 * The providers aws-cdk-lib itself makes with CustomResourceProvider (its custom-resource-handlers): a
 * `Custom::<Name>CustomResourceProvider` of any other name is a user's or a library's own, with the code,
 * runtime and policy they chose (CustomResourceProvider.getOrCreate is public API).
 */
const CORE_PROVIDERS = [
  'Custom::S3AutoDeleteObjects',
  'Custom::ECRAutoDeleteImages',
  'Custom::VpcRestrictDefaultSG',
  'Custom::AWSCDKOpenIdConnectProvider',
  'Custom::AWSCDKCfnUtilsProvider',
  'Custom::CrossRegionExportWriter',
  'Custom::CrossRegionExportReader',
  'Custom::CrossRegionStringParameterReader',
  'Custom::CrossAccountZoneDelegation',
  'Custom::DeleteExistingRecordSet',
  'Custom::SyntheticsAutoDeleteUnderlyingResources',
  // aws-cdk-lib/triggers: its provider's type has no `Custom::` prefix.
  'AWSCDK.TriggerCustomResourceProvider',
];

/** A construct id as a logical id writes it: CDK keeps only its letters and digits (`Custom::X` → `CustomX`). */
function asLogicalId(constructId: string): string {
  return constructId.replace(/[^A-Za-z0-9]/g, '');
}

// Each segment is the construct id CDK gives its singleton in every stack (a fixed hash or uuid for most):
// a suppression glob of that exact segment covers the helper in every stack, and nothing of the user's.
export const CDK_HELPERS: readonly CdkHelper[] = [
  {
    segment: /^LogRetentionaae0aa3c5b4d4f87b02d85b201efdd8a$/,
    logicalIdStart: /LogRetentionaae0aa3c5b4d4f87b02d85b201efdd8a/,
    what: 'the log retention function (logRetention)',
    blanket: true,
    alternative:
      'or give the function a logGroup (a logs.LogGroup with its retention) instead of logRetention',
  },
  {
    segment: /^BucketNotificationsHandler050a0587b7544547bf325f094a3db834$/,
    logicalIdStart: /BucketNotificationsHandler050a0587b7544547bf325f094a3db834/,
    what: 'the S3 bucket notifications handler',
    blanket: true,
  },
  {
    segment: new RegExp(
      `^(${CORE_PROVIDERS.map((name) => name.replace('.', '\\.')).join('|')})CustomResourceProvider$`,
    ),
    // `CustomS3AutoDeleteObjectsCustomResourceProviderHandler9D90184F`, `...ProviderRole3B1BD092`.
    logicalIdStart: new RegExp(
      `(${CORE_PROVIDERS.map(asLogicalId).join('|')})CustomResourceProvider(?=Handler|Role)`,
    ),
    what: 'a custom resource provider of the CDK core (auto-delete objects and the like)',
    blanket: true,
  },
  {
    // custom-resources' Provider runs the user's handlers through functions of its own (Amplify's table
    // manager is one such Provider): `<Provider>/framework-onEvent`, `framework-isComplete`, `framework-onTimeout`.
    // No fixed hash: without path metadata, known by its logical id and its function's handler (cdk-helpers.ts).
    segment: /^framework-(onEvent|isComplete|onTimeout)$/,
    what: 'a function of the custom resource Provider framework (aws-cdk-lib/custom-resources), which runs your handlers',
    blanket: true,
  },
  {
    // acm.DnsValidatedCertificate (deprecated, still in aws-cdk-lib v2) adds `<Certificate>/CertificateRequestorFunction`.
    segment: /^CertificateRequestorFunction$/,
    what: "DnsValidatedCertificate's certificate requestor function",
    blanket: true,
    belowConstruct: true,
    alternative:
      'or use Certificate with validation: CertificateValidation.fromDns(zone), which needs no function (DnsValidatedCertificate is deprecated)',
  },
  {
    // aws-stepfunctions-tasks' EvaluateExpression: a SingletonFunction (construct id: its lambdaPurpose `Eval` and
    // its uuid without dashes) whose uuid aws-cdk-lib picks per runtime and architecture.
    segment: /^Eval[0-9a-f]{32}$/,
    logicalIdStart: /Eval[0-9a-f]{32}/,
    what: "EvaluateExpression's function (aws-stepfunctions-tasks)",
    blanket: true,
    runtimeProp: "EvaluateExpression's runtime prop",
    alternative:
      'or evaluate the expression in a Pass state with JSONata or intrinsic functions (States.MathAdd, States.Format), which need no function',
  },
  {
    // ecs.Cluster's addCapacity and addAutoScalingGroup (not addAsgCapacityProvider with managed termination
    // protection or draining, nor taskDrainTime 0) add an InstanceDrainHook `<Group>/DrainECSHook/Function`.
    segment: /^DrainECSHook$/,
    what: "the ECS instance drain hook function (ecs.Cluster's addCapacity or addAutoScalingGroup)",
    blanket: true,
    belowConstruct: true,
    alternative:
      'or add the group with addAsgCapacityProvider (an AsgCapacityProvider with managed draining or termination protection drains without a function), or give taskDrainTime: Duration.seconds(0) to do without draining',
  },
  {
    segment: /^AWS679f53fac002430cb0da5b7982bd2287$/,
    logicalIdStart: /AWS679f53fac002430cb0da5b7982bd2287/,
    what: 'the AwsCustomResource function',
    userPart:
      'its permissions are the policy you give AwsCustomResource (policy: AwsCustomResourcePolicy...), shared by ' +
      'every AwsCustomResource of the stack: narrow that policy',
  },
  {
    // aws-events-targets' AwsApi rule target: SingletonFunction uuid b4cf1abd-4e4f-4bc6-9944-1af7ccd9ec37, purpose AWS.
    segment: /^AWSb4cf1abd4e4f4bc699441af7ccd9ec37$/,
    logicalIdStart: /AWSb4cf1abd4e4f4bc699441af7ccd9ec37/,
    what: 'the function of the AwsApi event rule target (aws-events-targets)',
    userPart:
      'its permissions are the policyStatement you give each AwsApi target, or without one its service action on ' +
      'every resource (*), shared by every AwsApi target of the stack: give each a policyStatement naming its resources',
  },
  {
    // aws-stepfunctions-tasks' CallAwsServiceCrossRegion: SingletonFunction uuid 8a0c93f3-..., purpose CrossRegionAwsSdk.
    segment: /^CrossRegionAwsSdk8a0c93f3dbef4b71ac137aaf2048ce7e$/,
    logicalIdStart: /CrossRegionAwsSdk8a0c93f3dbef4b71ac137aaf2048ce7e/,
    what: "CallAwsServiceCrossRegion's function (aws-stepfunctions-tasks)",
    userPart:
      'its permissions are the iamResources (and additionalIamStatements) you give each CallAwsServiceCrossRegion ' +
      'task, shared by every such task of the stack: narrow those',
  },
  {
    // The uuid is fixed; a memoryLimit, ephemeralStorageSize, vpc or securityGroups add a suffix (`...756C1024MiB`).
    segment: /^Custom::CDKBucketDeployment8693BB64968944B69AAFB0CC9EB8756C[0-9A-Za-z]*$/,
    logicalIdStart: /CustomCDKBucketDeployment8693BB64968944B69AAFB0CC9EB8756C/,
    what: 'the BucketDeployment function',
    userPart:
      'its S3 permissions follow the source and destination buckets you give BucketDeployment; given a ' +
      'distribution, CDK adds cloudfront:CreateInvalidation and cloudfront:GetInvalidation on * itself, which ' +
      'no prop narrows (suppress that one finding with a reason)',
  },
];
