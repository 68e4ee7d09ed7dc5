import type { AttachedPolicy, IamPolicy, IamRole, PolicyDocument, PolicyPlace } from '../model/iam.js';
import type { Inventory } from '../model/inventory.js';
import type { LambdaFunction } from '../model/lambda.js';
import { childSource, isFileSource, type SourceRef } from '../model/source.js';
import { importedFrom, isUnknown, replacePlaceholders, unknown, type Value } from '../model/values.js';
import { awsManagedDocument, unknownAwsManagedPolicy } from './aws-managed-documents.js';
import { type ManagedPolicyInfo, managedPolicyClass } from './managed-policies.js';
import { type AnalysisOptions, broadTest, elementsOf } from './templates.js';
import { anyOf, type Tri } from './tri.js';
import { wildcardMatches } from './wildcards.js';

/**
 * Where a role's policy comes from:
 * - `inline`: the role's own Policies;
 * - `policy-resource`: an `AWS::IAM::Policy` / `AWS::IAM::RolePolicy` / `AWS::IAM::ManagedPolicy` in the inventory
 *   naming the role;
 * - `managed-in-inventory`: a managed policy of the inventory listed in ManagedPolicyArns;
 * - `aws-managed`: an AWS managed policy ARN (see `managed`); its document is Unknown when no AWS managed policy
 *   of that path and name is known (see awsManagedDocument);
 * - `external`: any other ARN, or one not known before deploy: a policy Parapet cannot read.
 */
export type PolicyOrigin = 'inline' | 'policy-resource' | 'managed-in-inventory' | 'aws-managed' | 'external';

export interface RolePolicy {
  readonly origin: PolicyOrigin;
  readonly name: Value<string | undefined>;
  readonly document: Value<PolicyDocument>;
  readonly arn?: Value<string>;
  /** `unknown` when the policy may or may not reach the role (its role list is not known before deploy). */
  readonly attached: 'yes' | 'unknown';
  /** Where it is attached or declared: the place a finding about it points at. */
  readonly source: SourceRef;
  /** The inventory resource, for `policy-resource` and `managed-in-inventory`. */
  readonly resource?: IamPolicy;
  /** For `aws-managed` and `external`: what the ARN says. */
  readonly managed?: ManagedPolicyInfo;
  /** For `inline`: the SAM policy template it was made from (`S3CrudPolicy`), when it was. */
  readonly policyTemplate?: string;
  /** Where the role lists it (inline and ManagedPolicyArns entries of a template): see PolicyPlace. */
  readonly place?: PolicyPlace;
}

/**
 * Every policy that applies to a role: inline policies, policy resources of the inventory that name
 * the role (by id, name or ARN), and the managed policies of ManagedPolicyArns. The permissions
 * boundary is not included (it limits, it does not grant).
 */
export function policiesOfRole(
  inventory: Inventory,
  role: IamRole,
  analysis: AnalysisOptions = {},
): readonly RolePolicy[] {
  const options = { ...analysis, inventory: analysis.inventory ?? inventory };
  const where = role.properties ?? role.source;
  const result: RolePolicy[] = [];
  if (isUnknown(role.inlinePolicies)) {
    result.push({
      origin: 'inline',
      name: undefined,
      document: role.inlinePolicies,
      attached: 'unknown',
      source: childSource(where, 'Policies'),
    });
  } else {
    for (const policy of role.inlinePolicies) result.push(inlinePolicy(policy));
  }

  const seen = new Set<string>();
  for (const policy of inventory.list('iam.policy')) {
    const attached = policyReachesRole(policy, role, options);
    if (attached === 'no') continue;
    seen.add(policy.id);
    result.push({
      origin: 'policy-resource',
      name: policy.name,
      document: policy.document,
      attached,
      source: policy.source,
      resource: policy,
    });
  }

  const managedPolicyArns = elementsOf(role.managedPolicyArns);
  if (isUnknown(managedPolicyArns)) {
    result.push({
      origin: 'external',
      name: undefined,
      document: unknown(`managed policies not known before deploy: ${managedPolicyArns.reason}`),
      arn: managedPolicyArns,
      attached: 'unknown',
      source: childSource(where, 'ManagedPolicyArns'),
    });
    return result;
  }
  managedPolicyArns.forEach((arn, index) => {
    const source = itemSource(role, index) ?? childSource(where, 'ManagedPolicyArns', index);
    const written = role.managedPolicyArnPlaces?.[index];
    const place = written === undefined ? {} : { place: written };
    const inInventory = isUnknown(arn) ? undefined : inventory.resolve(arn, 'iam.policy');
    if (inInventory) {
      if (seen.has(inInventory.id)) return;
      seen.add(inInventory.id);
      result.push({
        origin: 'managed-in-inventory',
        name: inInventory.name,
        document: inInventory.document,
        arn,
        attached: 'yes',
        source,
        resource: inInventory,
        ...place,
      });
      return;
    }
    const managed = managedPolicyClass(arn, options);
    const awsManaged = managed.awsManaged === 'yes';
    const shipped = awsManaged ? awsManagedDocument(managed.name, managed.path, source) : undefined;
    result.push({
      origin: awsManaged ? 'aws-managed' : 'external',
      name: awsManaged ? managed.name : undefined,
      document:
        shipped ??
        unknown(
          awsManaged
            ? unknownAwsManagedPolicy(managed.name, managed.path)
            : `managed policy ${String(arn)} is not in the inventory`,
        ),
      arn,
      attached: 'yes',
      source,
      managed,
      ...place,
    });
  });
  return result;
}

/**
 * Where ManagedPolicyArns item `index` is written, when that can be located: for a role SAM made, the
 * `Policies` entry a managed policy name came from. (A policy SAM adds itself has no entry of its own.)
 */
function itemSource(role: IamRole, index: number): SourceRef | undefined {
  const source = role.managedPolicyArnSources?.[index];
  if (source === undefined || !isFileSource(source)) return source;
  return source.locator.locate(source.node, source.key) === undefined ? undefined : source;
}

function inlinePolicy(policy: AttachedPolicy): RolePolicy {
  return {
    origin: 'inline',
    name: policy.name,
    document: policy.document,
    attached: 'yes',
    source: policy.source,
    ...(policy.policyTemplate === undefined ? {} : { policyTemplate: policy.policyTemplate }),
    ...(policy.place === undefined ? {} : { place: policy.place }),
  };
}

/** Whether an `iam.policy` resource lists the role. */
function policyReachesRole(policy: IamPolicy, role: IamRole, options: AnalysisOptions): Tri {
  const roles = elementsOf(policy.roles);
  if (isUnknown(roles)) return 'unknown';
  return anyOf(roles.map((ref) => refersToRole(ref, role, options)));
}

/**
 * Whether a reference (inventory id, role name or role ARN) names the role. A reference not known
 * before deploy can only name a role through its RoleName: a role whose name CloudFormation
 * generates cannot be named by a parameter, so it is not reached by one.
 */
export function refersToRole(ref: Value<string>, role: IamRole, options: AnalysisOptions = {}): Tri {
  if (!isUnknown(ref)) {
    if (ref === role.id) return 'yes';
    if (options.inventory?.resolve(ref) !== undefined) return 'no'; // another resource of the inventory
    if (isUnknown(role.name)) return /:role\//.test(ref) || !ref.includes(':') ? 'unknown' : 'no';
    return role.name !== undefined && namesRole(ref, role.name) ? 'yes' : 'no';
  }
  if (ref.template === undefined) return 'unknown';
  if (role.name === undefined) return 'no';
  if (isUnknown(role.name)) return 'unknown';
  const name = role.name;
  return broadTest(ref, (text) => namesRole(text, name, true), 'anyText', options);
}

/** A role name or role ARN (`arn:...:role/<path>/<name>`) naming `name`; with `pattern`, `text` may hold wildcards. */
function namesRole(text: string, name: string, pattern = false): boolean {
  const equals = (a: string) => (pattern ? wildcardMatches(a, name) : a === name);
  if (equals(text)) return true;
  const arn = /^arn:[^:]*:iam::[^:]*:role\/(?:.*\/)?([^/]+)$/.exec(text);
  return arn !== null && equals(arn[1] as string);
}

/** The inventory role a function runs as; undefined when its role is outside the inventory or not known. */
export function executionRoleOf(inventory: Inventory, fn: LambdaFunction): IamRole | undefined {
  if (isUnknown(fn.role)) return undefined;
  // An external role (IamRole.external) stands for a role outside the inventory: nothing to read in it.
  const byId = inventory.resolve(fn.role, 'iam.role');
  if (byId) return byId.external ? undefined : byId;
  const roleRef = fn.role;
  return inventory
    .list('iam.role')
    .find((role) => !role.external && typeof role.name === 'string' && namesRole(roleRef, role.name));
}

/** A role ARN: `arn:<partition>:iam::<account>:role/<path/>name`. */
export const ROLE_ARN = /^arn:[^:]+:iam::[^:]*:role\/(?:.*\/)?([^/]+)$/;

/**
 * What names a role outside the inventory (IamRole.external) as a function writes it: a literal role ARN, a
 * role ARN built with pseudo parameters (`arn:${AWS::Partition}:iam::${AWS::AccountId}:role/app`), a whole
 * parameter (`${RoleArn}`), or an import (`Fn::ImportValue shared-RoleArn`). Functions that write the same
 * run as the same role (see sameExternalRole). Undefined for anything else.
 */
export function externalRoleKey(role: Value<string>): string | undefined {
  const exportName = importedFrom(role);
  if (exportName !== undefined) return `Fn::ImportValue ${exportName}`;
  const text = isUnknown(role) ? role.template : role;
  if (text === undefined) return undefined;
  // `${AWS::Partition}` holds colons: placeholders are read as one piece of text. Most roles are a logical id.
  // Written `aws` or `${AWS::Partition}`, it is the same role wherever both deploy.
  if (text.includes(':role/') && ROLE_ARN.test(replacePlaceholders(text, 'x')))
    return text.replace(/^arn:\$\{AWS::Partition\}:/, 'arn:aws:');
  // A whole parameter; not a name the template does not declare (an error of its own).
  return isUnknown(role) && role.reason.startsWith('from parameter ') && /^\$\{[^}]+\}$/.test(text)
    ? text
    : undefined;
}

/**
 * Whether two external role keys name one role. IAM role names are unique without regard to case (an
 * account cannot hold both `App` and `app`), so two ARNs that differ only in case name one role; parameter
 * and export names are compared exactly, as CloudFormation does.
 */
export function sameExternalRole(a: string, b: string): boolean {
  return a === b || (a.includes(':role/') && b.includes(':role/') && a.toLowerCase() === b.toLowerCase());
}

/** The functions of the inventory that run as a role (by id, or by an ARN naming it). */
export function functionsUsingRole(inventory: Inventory, role: IamRole): readonly LambdaFunction[] {
  // An external role is known by what names it alone: the same name in another ARN may be another account's.
  if (role.external)
    return inventory.list('lambda.function').filter((fn) => {
      const key = externalRoleKey(fn.role);
      return key !== undefined && sameExternalRole(key, role.id);
    });
  const found = new Set(inventory.referencing('lambda.function', 'role', role.id));
  const name = role.name;
  if (typeof name === 'string') {
    for (const fn of inventory.list('lambda.function')) {
      if (
        typeof fn.role === 'string' &&
        fn.role !== role.id &&
        fn.role.includes(':role/') &&
        namesRole(fn.role, name)
      ) {
        found.add(fn);
      }
    }
  }
  return [...found];
}
