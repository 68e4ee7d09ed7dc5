import type { ResourceBase } from './resource.js';
import type { SourceRef, WrittenItem } from './source.js';
import type { Value } from './values.js';

/**
 * IAM policy documents, normalized: single strings become lists, every list element may be
 * Unknown, and each statement keeps its own location.
 */
export interface PolicyDocument {
  readonly statements: Value<readonly Statement[]>;
  readonly source: SourceRef;
}

export interface Statement {
  readonly sid?: string;
  readonly effect: Value<'Allow' | 'Deny'>;
  /** Exactly one of actions / notActions is set in a valid statement. */
  readonly actions?: Value<readonly Value<string>[]>;
  readonly notActions?: Value<readonly Value<string>[]>;
  readonly resources?: Value<readonly Value<string>[]>;
  readonly notResources?: Value<readonly Value<string>[]>;
  /** Resource-based and trust policies: `"*"` is `{ AWS: ['*'] }`. */
  readonly principals?: Value<Principals>;
  readonly notPrincipals?: Value<Principals>;
  /** operator → condition key → values, as IAM writes it. */
  readonly conditions?: Value<
    Readonly<Record<string, Readonly<Record<string, Value<readonly Value<string>[]>>>>>
  >;
  readonly source: SourceRef;
  /** Its index in the Statement list as written, when statements before it were removed (AWS::NoValue). */
  readonly writtenIndex?: number;
}

export interface Principals {
  readonly AWS?: Value<readonly Value<string>[]>;
  readonly Service?: Value<readonly Value<string>[]>;
  readonly Federated?: Value<readonly Value<string>[]>;
  readonly CanonicalUser?: Value<readonly Value<string>[]>;
  /** Where each principal of a type is written (templates), aligned with that type's list: see WrittenItem. */
  readonly places?: Readonly<
    Partial<Record<'AWS' | 'Service' | 'Federated' | 'CanonicalUser', readonly WrittenItem[]>>
  >;
}

/**
 * Where a role lists a policy (item `index` of its Policies or ManagedPolicyArns as written: items an `!If`
 * removes keep their place), and whether what names it there (the PolicyName, the ARN) is `fixed`: the same
 * in every deploy, written as text or as a reference to a resource of the template. A finding's identity rests
 * on the name when it is fixed, on the place when it is not: a name made from a parameter changes with `-p`
 * and between the cases of a condition, and the finding must not.
 */
export interface PolicyPlace extends WrittenItem {
  readonly list: 'Policies' | 'ManagedPolicyArns';
}

/** A policy as attached to a role: inline, a managed policy in the inventory, or an ARN. */
export interface AttachedPolicy {
  readonly name: Value<string>;
  /** The document, when the inventory holds it; Unknown for AWS managed or external policies. */
  readonly document: Value<PolicyDocument>;
  /** The managed policy ARN, when attached by ARN. */
  readonly arn?: Value<string>;
  /** For an inline policy SAM made from a policy template (`- S3CrudPolicy: {...}`), the template's name. */
  readonly policyTemplate?: string;
  readonly source: SourceRef;
  /** Where the role's Policies list it (templates; a live role's policies are known by name alone). */
  readonly place?: PolicyPlace;
}

export interface IamRole extends ResourceBase<'iam.role'> {
  readonly name: Value<string | undefined>;
  readonly assumeRolePolicy: Value<PolicyDocument>;
  readonly inlinePolicies: Value<readonly AttachedPolicy[]>;
  /** ARNs (or inventory ids of `iam.policy` resources) attached through ManagedPolicyArns. */
  readonly managedPolicyArns: Value<readonly Value<string>[]>;
  /** Where each of managedPolicyArns is written (for a role SAM made, the `Policies` entry it came from). */
  readonly managedPolicyArnSources?: readonly SourceRef[];
  /** Where each of managedPolicyArns is written, and whether its ARN is fixed (see PolicyPlace). */
  readonly managedPolicyArnPlaces?: readonly PolicyPlace[];
  readonly permissionsBoundary: Value<string | undefined>;
  /**
   * A role functions of the inventory run as, named by its ARN, that the inventory does not hold (made by
   * another stack, or by hand): its id is that ARN, its source where the first function names it, and
   * nothing of it is known but its name. Checks can still tell that functions share it.
   */
  readonly external?: true;
}

/**
 * `AWS::IAM::Policy` or `AWS::IAM::RolePolicy` (inline, attached from outside the role; a RolePolicy's one
 * `RoleName` is its `roles`), or `AWS::IAM::ManagedPolicy`.
 */
export interface IamPolicy extends ResourceBase<'iam.policy'> {
  readonly name: Value<string | undefined>;
  readonly managed: boolean;
  readonly document: Value<PolicyDocument>;
  /** Roles it is attached to: inventory ids or role names. */
  readonly roles: Value<readonly Value<string>[]>;
}
