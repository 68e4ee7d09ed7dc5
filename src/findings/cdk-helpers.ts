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
  /** A suppression glob over the CDK path covering the helper in every stack (for helpers whose policy is CDK's). */
  readonly glob?: string;
  /** What the user decides of it, for helpers whose permissions follow the user's props. */
  readonly userPart?: string;
  /** How to get rid of it, when there is more to say than "upgrade aws-cdk-lib". */
  readonly alternative?: string;
}

const CDK_HELPERS: readonly CdkHelper[] = [
  {
    segment: /^LogRetention([0-9a-f]{32})?$/,
    what: 'the log retention function (logRetention)',
    glob: '**/LogRetention*/**',
    alternative:
      'or give the function a logGroup (a logs.LogGroup with its retention) instead of logRetention',
  },
  {
    segment: /^BucketNotificationsHandler([0-9a-f]{32})?$/,
    what: 'the S3 bucket notifications handler',
    glob: '**/BucketNotificationsHandler*/**',
  },
  {
    // CDK core's providers are named Custom::<Name>CustomResourceProvider (auto-delete objects and the like).
    segment: /^Custom::[A-Za-z0-9]+CustomResourceProvider$/,
    what: 'a custom resource provider of the CDK core (auto-delete objects and the like)',
    glob: '**/Custom::*CustomResourceProvider/**',
  },
  {
    // custom-resources' Provider runs the user's handlers through functions of its own (Amplify's table
    // manager is one such Provider): `<Provider>/framework-onEvent`, `framework-isComplete`, `framework-onTimeout`.
    segment: /^framework-(onEvent|isComplete|onTimeout)$/,
    what: 'a function of the custom resource Provider framework (aws-cdk-lib/custom-resources), which runs your handlers',
    glob: '**/framework-*/**',
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
    userPart: 'its S3 permissions follow the source and destination buckets you give BucketDeployment',
  },
];

/**
 * A sentence for a finding on a resource of a construct CDK adds itself, saying what the user can and
 * cannot change there; '' for other resources.
 */
export function cdkHelperNote(cdkPath: string | undefined): string {
  if (cdkPath === undefined) return '';
  const segments = cdkPath.split('/');
  const helper = CDK_HELPERS.find((h) => segments.some((segment) => h.segment.test(segment)));
  if (helper === undefined) return '';
  const fix = `upgrade aws-cdk-lib${helper.alternative ? `, ${helper.alternative}` : ''}`;
  const added = ` This is ${helper.what}, which CDK adds (CDK path ${cdkPath})`;
  if (helper.userPart) return `${added}: ${helper.userPart}; its runtime and code are CDK's: ${fix}.`;
  return (
    `${added}: its code, runtime and policy are CDK's: ${fix}. One parapet.yaml suppression with id '*' ` +
    `and resource '${helper.glob}' covers its findings in every stack.`
  );
}
