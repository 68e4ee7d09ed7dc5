/**
 * What the Lambda resource-policy checks share: the options of the IAM exposure analyses and the
 * permission properties that limit who may invoke.
 */
import type { ExposureOptions } from '../../iam/exposure.js';
import { analyzePrincipal, type PrincipalInfo } from '../../iam/principals.js';
import { describeValue } from '../../iam/templates.js';
import type { LambdaPermission, LayerVersionPermission } from '../../model/lambda.js';
import type { ResourceBase } from '../../model/resource.js';
import { isFileSource } from '../../model/source.js';
import { isInvalid, isMissingRequired, isUnknown, type Value } from '../../model/values.js';
import type { CheckContext, Outcome } from '../define.js';

/**
 * Options for publicAccess / confusedDeputyAccess / crossAccountAccess: the inventory (a `${Bucket}` of this
 * template is one specific bucket), the trusted accounts, and the account the resource lives in where that is known:
 * a live resource's, or the one its template's input names (a CDK stack's environment, Inventory.ownAccount). Without
 * it a literal account id may be the deploying one: neither own nor another (principals.ts, accountInfo).
 */
export function exposureOptions(ctx: CheckContext, resource: ResourceBase): ExposureOptions {
  const account = isFileSource(resource.source) ? ctx.inventory.ownAccount : resource.source.account;
  return {
    inventory: ctx.inventory,
    trustedAccounts: ctx.settings.trustedAccounts,
    ...(account === undefined ? {} : { selfAccount: account }),
  };
}

/**
 * The text properties of a permission that decide who may invoke: one a parameter gives, differently per nesting of
 * the template, is judged per copy (see judgeCopies).
 */
export const PERMISSION_TEXTS = [
  'principal',
  'action',
  'sourceArn',
  'sourceAccount',
  'principalOrgId',
  'functionUrlAuthType',
  'eventSourceToken',
] as const satisfies readonly (keyof LambdaPermission)[];

/** Whether the permission holds only for calls through the function URL (`InvokedViaFunctionUrl: true`). */
export function invokedViaFunctionUrl(permission: LambdaPermission): Value<boolean | undefined> {
  return permission.invokedViaFunctionUrl;
}

/** The permission's EventSourceToken (Alexa skills), `undefined` when it has none. */
export function eventSourceToken(permission: LambdaPermission): Value<string | undefined> {
  return permission.eventSourceToken;
}

/**
 * Why there is nothing to judge in a permission (of a function or a layer) CloudFormation rejects for a required
 * property it lacks (Action, FunctionName, Principal), or whose Action Lambda refuses (`lambda:Invoke*`; for a
 * layer, anything but lambda:GetLayerVersion): a scan error says so; undefined for one it accepts.
 */
export function refusedPermission(permission: LambdaPermission | LayerVersionPermission): string | undefined {
  const target = permission.kind === 'lambda.permission' ? permission.functionRef : permission.layerRef;
  const missing = [permission.action, target, permission.principal].some(isMissingRequired);
  if (missing)
    return 'CloudFormation rejects the permission: it lacks a required property (see the scan error)';
  return isInvalid(permission.action)
    ? 'CloudFormation fails to create the permission: Lambda refuses its Action (see the scan error)'
    : undefined;
}

/**
 * What the permission checks read first: a permission CloudFormation rejects is not applicable (its scan error says
 * why); else the options of the exposure analyses and what its principal is.
 */
export function readPermission(
  permission: LambdaPermission,
  ctx: CheckContext,
): { readonly refused: Outcome } | { readonly options: ExposureOptions; readonly principal: PrincipalInfo } {
  const refused = refusedPermission(permission);
  if (refused) return { refused: ctx.notApplicable(refused) };
  const options = exposureOptions(ctx, permission);
  return { options, principal: analyzePrincipal(permission.principal, 'untyped', options) };
}

/**
 * The permission's principal as a finding names it: as written, except that a service principal written with a
 * placeholder the analysis reads (`apigateway.${AWS::URLSuffix}`, as the Serverless Framework writes it) is named
 * as the service it is, `apigateway.amazonaws.com`, as lambda.permission-untrusted-account names it.
 */
export function principalWords(permission: LambdaPermission, info: PrincipalInfo): string {
  const written = permission.principal;
  if (isUnknown(written) && written.template !== undefined && info.kind === 'service') return info.principal;
  return describeValue(written);
}
