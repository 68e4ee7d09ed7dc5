/**
 * Constructs CDK adds to a stack on its own (log retention, bucket notifications, custom resource
 * providers): the user cannot set their runtime or code, only upgrade aws-cdk-lib, so a finding on one
 * says so. Some of them run with a policy the user does choose (AwsCustomResource's `policy`,
 * BucketDeployment's source and destination buckets, the AwsApi target's `policyStatement`): their IAM findings
 * are the user's to fix, and no blanket suppression is offered for them.
 */
import { CDK_HELPERS, type CdkHelper } from './cdk-helper-list.js';

/** A resource found to be part of a CDK helper, and how the note names it. */
export interface CdkHelperMatch {
  readonly helper: CdkHelper;
  /** `CDK path Shop/LogRetention.../Resource`, or the logical id where the template has no path metadata. */
  readonly shown: string;
  /** The parapet.yaml resource glob that covers the helper's findings in every stack. */
  readonly glob: string;
}

/** The logical ids of each helper that has a fixed one: its start, the constructs below it, an 8-hex-digit hash. */
const LOGICAL_IDS = CDK_HELPERS.flatMap((helper) =>
  helper.logicalIdStart === undefined
    ? []
    : [{ helper, id: new RegExp(`^(${helper.logicalIdStart.source})[A-Za-z0-9]*[0-9A-F]{8}$`) }],
);

/**
 * The CDK helper a resource belongs to: by its CDK path, or, for a template without path metadata (`cdk synth
 * --path-metadata false`, a template copied out of cdk.out), by its logical id where that holds the helper's
 * fixed hash; undefined for other resources.
 */
export function findCdkHelper(cdkPath: string | undefined, logicalId?: string): CdkHelperMatch | undefined {
  if (cdkPath !== undefined) return byPath(cdkPath);
  if (logicalId === undefined) return undefined;
  for (const { helper, id } of LOGICAL_IDS) {
    const start = id.exec(logicalId)?.[1];
    if (start !== undefined) {
      return { helper, shown: `logical id ${logicalId}, without CDK path metadata`, glob: `${start}*` };
    }
  }
  return undefined;
}

function byPath(cdkPath: string): CdkHelperMatch | undefined {
  const segments = cdkPath.split('/');
  for (const helper of CDK_HELPERS) {
    // Segment 0 is the stack; 1 a construct at its top.
    const segment = segments.find(
      (candidate, index) => helper.segment.test(candidate) && (!helper.belowConstruct || index >= 2),
    );
    if (segment !== undefined) return { helper, shown: `CDK path ${cdkPath}`, glob: `**/${segment}/**` };
  }
  return undefined;
}

/**
 * A sentence for a finding on a resource of a construct CDK adds itself, saying what the user can and
 * cannot change there; '' for other resources. `missing`: the finding is about a setting the resource lacks
 * (code signing, tracing, an alarm), which upgrading aws-cdk-lib does not add: the note says so.
 * `aboutPermissions`: the finding is on its role or policy, the part of some helpers the user decides.
 */
export function cdkHelperNote(cdkPath: string | undefined, missing = false, aboutPermissions = true): string {
  const found = findCdkHelper(cdkPath);
  return found === undefined ? '' : noteOn(found, missing, aboutPermissions);
}

/** The note for a resource findCdkHelper found to be part of a helper: see cdkHelperNote. */
export function noteOn(found: CdkHelperMatch, missing: boolean, aboutPermissions: boolean): string {
  const { helper } = found;
  const added = ` This is ${helper.what}, which CDK adds (${found.shown})`;
  const suppression = helper.blanket
    ? ` One parapet.yaml suppression with id '*' and resource '${found.glob}' covers its findings in every stack.`
    : '';
  if (missing) return `${added}: aws-cdk-lib offers no setting for this on it.${suppression}`;
  const alternative = helper.alternative ? `, ${helper.alternative}` : '';
  const fix = `upgrade aws-cdk-lib${alternative}`;
  if (!aboutPermissions && helper.runtimeProp !== undefined) {
    return `${added}: its code is CDK's, and its runtime the one ${helper.runtimeProp} names, else CDK's: name a current runtime there or leave it out, and upgrade aws-cdk-lib${alternative}.${suppression}`;
  }
  // What the user decides of such a helper is its permissions: said on a finding about them only.
  if (!helper.blanket)
    return aboutPermissions
      ? `${added}: ${helper.userPart}; its runtime and code are CDK's: ${fix}.`
      : `${added}: its runtime and code are CDK's: ${fix}.`;
  // Its policy is CDK's whatever the version (the notifications handler's s3:PutBucketNotification on `*`):
  // upgrading does not narrow it, so a finding on it is suppressed, or the helper given up where there is another way.
  if (aboutPermissions)
    return `${added}: its policy is CDK's, and no prop narrows it: suppress the finding with a reason${alternative}.${suppression}`;
  return `${added}: its runtime and code are CDK's: ${fix}.${suppression}`;
}
