import { organizationIdDoubt } from '../../iam/exposure.js';
import type { Inventory } from '../../model/inventory.js';
import type { FunctionUrl, LambdaPermission } from '../../model/lambda.js';
import { deployedByDefault, deployedEach, notDeployedByDefault } from '../../model/resource.js';
import { isUnknown } from '../../model/values.js';
import { defineCheck } from '../define.js';
import { refusedPermission } from './resource-policy.js';
import { pinnedByOrganization, serviceOnlyProperty } from './service-only.js';

/** Actions that include invoking through the function URL. */
const URL_ACTIONS = new Set(['lambda:invokefunctionurl', 'lambda:*', '*']);

/**
 * The permission of the URL's function that lets anyone call the URL, or may ('unseen' for a function not known
 * before deploy): lambda:InvokeFunctionUrl (or a wildcard) for `*`, or with an action or principal not known before
 * deploy; not one with SourceArn or SourceAccount, which only AWS services send, never a URL's caller (see
 * serviceOnlyGrant), nor one pinned to an organization, whose key no unauthenticated call carries (see
 * pinnedByOrganization). One deployed with the URL and fully known comes first, then one another condition deploys; one the
 * parameters' defaults leave out is none (the defaults keep their meaning, as for any resource). Lambda answers a URL
 * with AuthType NONE only where the function's resource-based policy grants public access (Lambda guide, "Control
 * access to Lambda function URLs"); SAM's FunctionUrlConfig and CDK's addFunctionUrl write that permission, plain
 * CloudFormation does not.
 */
function publicUrlGrant(url: FunctionUrl, inventory: Inventory): LambdaPermission | 'unseen' | undefined {
  // A function not known before deploy: its permissions are not seen.
  if (isUnknown(url.functionRef)) return 'unseen';
  const grants = publicGrants(url, inventory).filter(deployedByDefault);
  return grants.find((p) => grantWords(p, url) === certainWords(p)) ?? grants[0];
}

/** The permissions of the URL's function that let anyone call it, or may, deployed with the defaults or not. */
function publicGrants(url: FunctionUrl, inventory: Inventory): LambdaPermission[] {
  if (isUnknown(url.functionRef)) return [];
  return inventory.referencing('lambda.permission', 'functionRef', url.functionRef).filter(
    (p) =>
      // One CloudFormation fails to create (an Action Lambda refuses: see its scan error) opens nothing.
      refusedPermission(p) === undefined &&
      (isUnknown(p.action) || URL_ACTIONS.has(p.action.toLowerCase())) &&
      (isUnknown(p.principal) || (p.principal === '*' && serviceOnlyProperty(p) === undefined)) &&
      !pinnedByOrganization(p) &&
      mayMatchNoneAuth(p),
  );
}

/**
 * Whether the permission may hold for the calls of a URL with AuthType NONE: Lambda puts the URL's auth type in
 * lambda:FunctionUrlAuthType (Lambda guide, "Control access to Lambda function URLs"), so a grant conditioned on
 * AWS_IAM never matches them, and the URL answers them 403 as if the grant were not there.
 */
function mayMatchNoneAuth(permission: LambdaPermission): boolean {
  const authType = permission.functionUrlAuthType;
  return authType === undefined || isUnknown(authType) || authType === 'NONE';
}

export default defineCheck({
  id: 'lambda.function-url-auth-none',
  title: 'Lambda function URL allows unauthenticated invocation',
  severity: 'critical',
  resource: 'lambda.function-url',
  description:
    'A function URL with `AuthType: NONE` is a public HTTPS endpoint: Lambda does not check who calls it. ' +
    'Only the function code stands between the internet and whatever the execution role can reach. Lambda answers ' +
    "such a URL once the function's resource-based policy lets anyone call it (lambda:InvokeFunctionUrl for `*`), as " +
    "SAM's FunctionUrlConfig and CDK's addFunctionUrl write it: with that permission (or one not known before deploy) " +
    'the finding is critical; a grant conditioned on `FunctionUrlAuthType: AWS_IAM` does not count, as no call of ' +
    'a NONE URL matches it, nor does one pinned by a `PrincipalOrgID` (an unauthenticated call carries none). Without one in the template it is high, as the URL answers 403 until a permission added ' +
    'elsewhere (the Lambda console adds one) opens it. Since October 2025 a new URL also needs lambda:InvokeFunction ' +
    'granted: a lambda:InvokeFunctionUrl grant alone is still read as opening the URL, erring on the side of a finding.',
  risk: 'Anyone who finds the URL can invoke the function, run up cost, and exploit any flaw in its input handling with the permissions of its role.',
  remediation: {
    text: 'Set the function URL auth type to AWS_IAM and sign requests (SigV4), or put the function behind API Gateway with an authorizer. If the URL must be public, say so with a suppression and a reason.',
    cloudformation:
      'FunctionUrlConfig:        # SAM; AWS::Lambda::Url takes AuthType the same way\n  AuthType: AWS_IAM\n',
    cdk:
      "import * as lambda from 'aws-cdk-lib/aws-lambda';\n" +
      '\n' +
      '// AWS_IAM, not FunctionUrlAuthType.NONE\n' +
      'const url = fn.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.AWS_IAM });\n' +
      'url.grantInvokeUrl(callerRole); // callers sign their requests with SigV4\n',
    cli: 'aws lambda update-function-url-config --function-name <name> --auth-type AWS_IAM',
    terraform: 'resource "aws_lambda_function_url" "this" {\n  authorization_type = "AWS_IAM"\n}\n',
  },
  compliance: {
    'nist-800-53-r5': ['AC-3', 'AC-6', 'SC-7'],
    'pci-dss-4.0': ['7.2.1', '8.2.1'],
    hipaa: ['164.312(a)(1)', '164.312(d)'],
    soc2: ['CC6.1', 'CC6.6'],
  },
  evaluate(url, ctx) {
    // Copies of a nested template, one of which a nesting gives NONE: that copy's URL is deployed so.
    const copies =
      isUnknown(url.authType) && deployedEach(url.authType, url) ? url.authType.oneOf : undefined;
    const noneCopy = copies?.includes('NONE') === true;
    if (isUnknown(url.authType) && !noneCopy)
      return ctx.unknown(`AuthType is not known before deploy (${url.authType.reason})`, {
        where: ['AuthType'],
      });
    if (url.authType === 'NONE' || noneCopy) {
      const subject = isUnknown(url.authType)
        ? `A copy of the function URL has AuthType NONE (${url.authType.reason})`
        : 'The function URL has AuthType NONE';
      const grant = publicUrlGrant(url, ctx.inventory);
      if (grant === undefined) {
        // One the defaults leave out opens it where a deploy makes it: said, as it stays in the template.
        const leftOut = publicGrants(url, ctx.inventory).find((p) => p.absentByDefault !== undefined);
        const later = leftOut
          ? `; permission ${leftOut.id} would, ${notDeployedByDefault(leftOut)}`
          : '; it answers 403 until one is added elsewhere (the Lambda console adds one when it makes such a URL)';
        return ctx.fail(
          `${subject}: Lambda authenticates no caller. No permission the template deploys with its defaults lets ` +
            `anyone call it (lambda:InvokeFunctionUrl for *)${later}. Then anyone on the internet can invoke the function.`,
          { where: ['AuthType'], severity: 'high' },
        );
      }
      return ctx.fail(
        `${subject}: anyone on the internet can invoke the function${grantWords(grant, url)}.`,
        {
          where: ['AuthType'],
        },
      );
    }
    return ctx.pass(`AuthType is ${url.authType}`);
  },
});

/** What the permission that opens the URL does, for the message: ` (permission P lets anyone call it)`. */
function grantWords(grant: LambdaPermission | 'unseen', url: FunctionUrl): string {
  if (grant === 'unseen') return '';
  // Deployed only in some cases the URL is not (another condition), or with parts a deploy gives: it may open it.
  const condition = grant.condition;
  const urlCondition = url.condition ?? url.absentByDefault?.condition;
  if (condition !== undefined && condition !== urlCondition)
    return ` (permission ${grant.id}, deployed only when condition ${condition} holds, may let anyone call it)`;
  if (isUnknown(grant.principal) || isUnknown(grant.action))
    return ` (permission ${grant.id} may let anyone call it: its action or principal is not known before deploy)`;
  const org = grant.principalOrgId;
  const orgDoubt = organizationIdDoubt('PrincipalOrgID', org);
  if (orgDoubt !== undefined) return ` (permission ${grant.id} may let anyone call it: ${orgDoubt})`;
  if (isUnknown(org))
    return ` (permission ${grant.id} may let anyone call it: its PrincipalOrgID is not known before deploy (${org.reason}), and an empty one may be dropped)`;
  if (isUnknown(grant.functionUrlAuthType))
    return ` (permission ${grant.id} may let anyone call it: its FunctionUrlAuthType is not known before deploy)`;
  return certainWords(grant);
}

function certainWords(grant: LambdaPermission): string {
  return ` (permission ${grant.id} lets anyone call it)`;
}
