/**
 * Constructs CDK adds to a stack on its own (log retention, bucket notifications, custom resource
 * providers): the user cannot set their runtime or code, only upgrade aws-cdk-lib, so a finding on one
 * says so. Two of them run with a policy the user does choose (AwsCustomResource's `policy`, and
 * BucketDeployment's source and destination buckets): their IAM findings are the user's to fix, and no
 * blanket suppression is offered for them.
 */
interface CdkHelper {
  /** A segment of the CDK path that shows the helper. */
  readonly segment: RegExp;
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

// Each segment is the construct id CDK gives its singleton in every stack (a fixed hash for the first two):
// a suppression glob of that exact segment covers the helper in every stack, and nothing of the user's.
const CDK_HELPERS: readonly CdkHelper[] = [
  {
    segment: /^LogRetentionaae0aa3c5b4d4f87b02d85b201efdd8a$/,
    what: 'the log retention function (logRetention)',
    blanket: true,
    alternative:
      'or give the function a logGroup (a logs.LogGroup with its retention) instead of logRetention',
  },
  {
    segment: /^BucketNotificationsHandler050a0587b7544547bf325f094a3db834$/,
    what: 'the S3 bucket notifications handler',
    blanket: true,
  },
  {
    segment: new RegExp(
      `^(${CORE_PROVIDERS.map((name) => name.replace('.', '\\.')).join('|')})CustomResourceProvider$`,
    ),
    what: 'a custom resource provider of the CDK core (auto-delete objects and the like)',
    blanket: true,
  },
  {
    // custom-resources' Provider runs the user's handlers through functions of its own (Amplify's table
    // manager is one such Provider): `<Provider>/framework-onEvent`, `framework-isComplete`, `framework-onTimeout`.
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
    segment: /^AWS679f53fac002430cb0da5b7982bd2287$/,
    what: 'the AwsCustomResource function',
    userPart:
      'its permissions are the policy you give AwsCustomResource (policy: AwsCustomResourcePolicy...), shared by ' +
      'every AwsCustomResource of the stack: narrow that policy',
  },
  {
    segment: /^Custom::CDKBucketDeployment[0-9A-Fa-f]{32}$/,
    what: 'the BucketDeployment function',
    userPart:
      'its S3 permissions follow the source and destination buckets you give BucketDeployment; given a ' +
      'distribution, CDK adds cloudfront:CreateInvalidation and cloudfront:GetInvalidation on * itself, which ' +
      'no prop narrows (suppress that one finding with a reason)',
  },
];

/**
 * A sentence for a finding on a resource of a construct CDK adds itself, saying what the user can and
 * cannot change there; '' for other resources. `missing`: the finding is about a setting the resource lacks
 * (code signing, tracing, an alarm), which upgrading aws-cdk-lib does not add: the note says so.
 * `aboutPermissions`: the finding is on its role or policy, the part of some helpers the user decides.
 */
export function cdkHelperNote(cdkPath: string | undefined, missing = false, aboutPermissions = true): string {
  if (cdkPath === undefined) return '';
  const segments = cdkPath.split('/');
  let segment: string | undefined;
  const helper = CDK_HELPERS.find((h) => {
    // Segment 0 is the stack; 1 a construct at its top.
    segment = segments.find(
      (candidate, index) => h.segment.test(candidate) && (!h.belowConstruct || index >= 2),
    );
    return segment !== undefined;
  });
  if (helper === undefined) return '';
  const added = ` This is ${helper.what}, which CDK adds (CDK path ${cdkPath})`;
  const suppression = helper.blanket
    ? ` One parapet.yaml suppression with id '*' and resource '**/${segment}/**' covers its findings in every stack.`
    : '';
  if (missing) return `${added}: aws-cdk-lib offers no setting for this on it.${suppression}`;
  const fix = `upgrade aws-cdk-lib${helper.alternative ? `, ${helper.alternative}` : ''}`;
  // What the user decides of such a helper is its permissions: said on a finding about them only.
  if (!helper.blanket)
    return aboutPermissions
      ? `${added}: ${helper.userPart}; its runtime and code are CDK's: ${fix}.`
      : `${added}: its runtime and code are CDK's: ${fix}.`;
  // Its policy is CDK's whatever the version (the notifications handler's s3:PutBucketNotification on `*`):
  // upgrading does not narrow it, so a finding on it is suppressed, or the helper given up where there is another way.
  if (aboutPermissions)
    return `${added}: its policy is CDK's, and no prop narrows it: suppress the finding with a reason${helper.alternative ? `, ${helper.alternative}` : ''}.${suppression}`;
  return `${added}: its runtime and code are CDK's: ${fix}.${suppression}`;
}
