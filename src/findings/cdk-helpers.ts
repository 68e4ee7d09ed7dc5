/**
 * Constructs CDK adds to a stack on its own (log retention, bucket notifications, custom resource
 * providers): the user cannot set their runtime or code, only upgrade aws-cdk-lib, so a finding on one
 * says so. Some of them run with a policy the user does choose (AwsCustomResource's `policy`,
 * BucketDeployment's source and destination buckets, the AwsApi target's `policyStatement`): their IAM findings
 * are the user's to fix, and no blanket suppression is offered for them.
 */
import type { Inventory } from '../model/inventory.js';
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

/** The 8-hex-digit hash CDK ends a logical id with. */
const HASHED = /[0-9A-F]{8}$/;

/**
 * The CDK helper a resource belongs to: by its CDK path, or, for a template without path metadata (`cdk synth
 * --path-metadata false`, a template copied out of cdk.out), by its logical id where that holds the helper's
 * fixed hash, or, for the Provider framework (which has none), by its logical id and the handler CDK gives its
 * function in `inventory` (see providerFramework); undefined for other resources.
 */
export function findCdkHelper(
  cdkPath: string | undefined,
  logicalId?: string,
  inventory?: Inventory,
): CdkHelperMatch | undefined {
  if (cdkPath !== undefined) return byPath(cdkPath);
  // Every helper's logical id ends with its hash (LOGICAL_IDS, FRAMEWORK_ID): most ids of a finding do not.
  if (logicalId === undefined || !HASHED.test(logicalId)) return undefined;
  const shown = `logical id ${logicalId}, without CDK path metadata`;
  for (const { helper, id } of LOGICAL_IDS) {
    const start = id.exec(logicalId)?.[1];
    if (start !== undefined) return { helper, shown, glob: `${start}*` };
  }
  const entrypoint = inventory === undefined ? undefined : providerFramework(logicalId, inventory);
  if (entrypoint === undefined) return undefined;
  return { helper: PROVIDER_FRAMEWORK, shown, glob: `*framework${entrypoint}*` };
}

/**
 * The logical ids of the Provider framework's resources: custom-resources' Provider makes a function
 * `framework-<entrypoint>` (onEvent, isComplete, onTimeout), whose logical id is the Provider's path as letters and
 * digits, `framework<entrypoint>` and an 8-hex-digit hash; its role and the role's policy, made when no role is given
 * the Provider, add `ServiceRole` and `ServiceRoleDefaultPolicy` before the hash.
 */
const FRAMEWORK_ID =
  /^([A-Za-z0-9]*framework(onEvent|isComplete|onTimeout))(ServiceRole(?:DefaultPolicy)?)?[0-9A-F]{8}$/;

const PROVIDER_FRAMEWORK = CDK_HELPERS.find((helper) =>
  helper.segment.test('framework-onEvent'),
) as CdkHelper;

/**
 * The entrypoint of the Provider framework function a resource is (or is the role or policy of), known by its logical
 * id (FRAMEWORK_ID) and the function's handler, `framework.<entrypoint>`, as Provider writes it (aws-cdk-lib
 * custom-resources/lib/provider-framework/provider.ts, with the description `AWS CDK resource provider framework -
 * <entrypoint> (<path>)`): a construct of the user's named so is not taken for it without the handler. Undefined
 * for other resources.
 */
function providerFramework(logicalId: string, inventory: Inventory): string | undefined {
  const match = FRAMEWORK_ID.exec(logicalId);
  if (!match) return undefined;
  const [, start, entrypoint] = match as unknown as [string, string, string];
  const own = new RegExp(`^${start}[0-9A-F]{8}$`);
  const fn = inventory.list('lambda.function').find((f) => own.test(f.id));
  return fn?.handler === `framework.${entrypoint}` ? entrypoint : undefined;
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
