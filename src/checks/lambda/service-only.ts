/**
 * A permission for `*` with SourceArn or SourceAccount admits AWS services alone. aws:SourceArn and aws:SourceAccount
 * are in the request context only when an AWS service principal calls the resource directly, for a resource of its
 * own (IAM User Guide, "AWS global condition context keys": "the aws:SourceAccount condition key is only available
 * when the call to your resource is made directly by an AWS service principal", and the Availability of
 * aws:SourceArn), and a condition on a key the request lacks does not match unless its operator ends in IfExists;
 * Lambda writes them with StringEquals and ArnLike. So no person and no account's principal can use such a grant:
 * only the service acting for a matching source can, as with a service principal pinned the same way. The Lambda
 * permission checks judge it as that service's grant: lambda.permission-confused-deputy whether it is pinned to an
 * account, lambda.permission-untrusted-account to which.
 */
import { organizationIdDoubt } from '../../iam/exposure.js';
import type { PrincipalInfo } from '../../iam/principals.js';
import { arnService } from '../../model/arn.js';
import type { LambdaPermission } from '../../model/lambda.js';
import { own } from '../../model/own.js';
import { IMPORTED_REASON, isUnknown, shapeOf, type Value } from '../../model/values.js';

interface ServiceOnlyGrant {
  /** The property that leaves only AWS services: SourceArn when written, else SourceAccount. */
  readonly property: 'SourceArn' | 'SourceAccount';
  /**
   * The service a SourceArn names, as a service principal's prefix (`sns` for `arn:aws:sns:...`, `apigateway` for
   * `arn:aws:execute-api:...`); undefined when it names none (SourceAccount alone, a wildcard, a resource of the
   * template, a parameter).
   */
  readonly service?: string;
  /** Who may call, for a message: `the sns service`, or `AWS services`. */
  readonly caller: string;
}

/** An ARN's service field as its service principal's prefix where they differ. */
const PRINCIPAL_OF_ARN_SERVICE: Readonly<Record<string, string>> = { 'execute-api': 'apigateway' };

/**
 * The grant as a service's, when the permission is for `*` and carries SourceArn or SourceAccount; undefined
 * otherwise. PrincipalOrgID with it is left as it was (a public grant pinned to an organization): no service
 * principal is in an organization, so such a grant admits hardly anyone, and the checks already pass it.
 */
export function serviceOnlyGrant(
  permission: LambdaPermission,
  principal: PrincipalInfo,
): ServiceOnlyGrant | undefined {
  if (principal.kind !== 'public') return undefined;
  const property = serviceOnlyProperty(permission);
  if (property === undefined) return undefined;
  const { sourceArn } = permission;
  const service = property === 'SourceArn' ? sourceService(sourceArn as Value<string>) : undefined;
  return {
    property,
    ...(service === undefined ? {} : { service }),
    caller: service === undefined ? 'AWS services' : `the ${service} service`,
  };
}

/**
 * The property that leaves a permission for `*` to AWS services alone (see serviceOnlyGrant): SourceArn when written,
 * else SourceAccount; undefined when neither is in the statement whatever the deploy, or PrincipalOrgID is beside it.
 */
export function serviceOnlyProperty(permission: LambdaPermission): 'SourceArn' | 'SourceAccount' | undefined {
  if (permission.principalOrgId !== undefined) return undefined;
  if (written(permission.sourceArn)) return 'SourceArn';
  return written(permission.sourceAccount) ? 'SourceAccount' : undefined;
}

/**
 * Whether a permission's PrincipalOrgID pins its callers to an organization whatever the deploy: written (see written)
 * and an organization id, or text a deploy gives that is not empty. An unauthenticated call (a function URL with
 * AuthType NONE) carries no aws:PrincipalOrgID, so such a grant never matches it.
 */
export function pinnedByOrganization(permission: LambdaPermission): boolean {
  const org = permission.principalOrgId;
  return written(org) && organizationIdDoubt('PrincipalOrgID', org) === undefined;
}

/**
 * Whether the property is in the statement whatever the deploy: a known text, or one built of a template. A value
 * with neither may be an `Fn::If` that removes it (see restrictingConditions), which leaves the grant public.
 */
function written(value: Value<string | undefined>): value is Value<string> {
  // An empty one CloudFormation may drop as well (see emptySourceDoubt).
  if (value === undefined || value === '') return false;
  if (!isUnknown(value) || value.template !== undefined || value.stackResource !== undefined) return true;
  // An export is never empty nor AWS::NoValue: an import leaves the property in place.
  return value.reason.startsWith(IMPORTED_REASON);
}

/** The service a SourceArn names, as its service principal's prefix (see ServiceOnlyGrant.service). */
function sourceService(value: Value<string>): string | undefined {
  const text = shapeOf(value);
  const service = text === undefined ? undefined : arnService(text);
  return service === undefined ? undefined : (own(PRINCIPAL_OF_ARN_SERVICE, service) ?? service);
}
